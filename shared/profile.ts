/**
 * The Local Area Profile: what the backend computes for a LAP, a ward, a council or any selection of wards, and
 * what the screen, the CLI (`lap-insight profile --json`), the CSV/XLSX exports and the PDF all show.
 * Values are on the display scale: percentages 0-100, rates per their multiplier.
 */
import type { AmbitionId } from './ambitions.ts';
import type { AuthorityCode } from './domain.ts';
import type { Comparison, Interval, Polarity, ValueType } from './stats/index.ts';

export type BenchmarkKey = 'west' | 'north' | 'england';
/** Which benchmark the headline comparison uses: the area's own council (default), the other council, or England. */
export type BenchmarkChoice = 'own' | BenchmarkKey;

export interface ProfileArea {
  name: string;
  kind: 'lap' | 'ward' | 'council' | 'selection';
  /** Ward or council code; the LAP id for a LAP. */
  code: string | null;
  lapId: number | null;
  set: { id: number; name: string; kind: 'official' | 'custom' } | null;
  /** Census 2021 usual residents: the sum of the member wards' best-fit LSOAs. */
  population: number | null;
  /** The council the comparison uses by default: the one holding most of the area's population. */
  ownCouncil: AuthorityCode;
  wards: { code: string; name: string; authorityCode: AuthorityCode }[];
}

export interface BenchmarkValue {
  /** The benchmark's value (display scale), or null when the source has none. */
  value: number | null;
  /** How the area compares with this benchmark (Fingertips rules; two levels where intervals exist). */
  comparison: Comparison;
  /** Where the benchmark value comes from, e.g. "Sum of small-area counts" or "England and Wales". */
  note?: string;
  /** Both ends when the benchmark's source suppressed small counts (value is the midpoint). */
  range?: { lower: number; upper: number };
  /** Why there is no comparison, in plain English (absent when compared). */
  notComparedReason?: string;
  /** England only: the England and Wales figure where no England figure exists (context, never compared). */
  englandAndWales?: number;
}

/** The spread of a set of values: min, quartiles, max and how many there are (backend/profile/compute.ts spread). */
export interface SpreadStats {
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
  count: number;
}

/** The spread of all wards of the own council (or all LAPs of the set), on the display scale. */
export interface SpineChart extends SpreadStats {
  /** The benchmark the chart is centred on. */
  benchmark: number;
  /** True when higher values are better; the chart flips its axis so 'better' is always on the right. */
  higherIsBetter: boolean | null;
}

/**
 * Fields added for issue 14 (plainDefinition, howMade, comparisonLevel, countsInHeadline, source.citation, and the
 * headline's judged/compared/summary/countNote, legend, notes) are always set by the backend; they are optional only
 * so that hand-made fixtures of older shape still type-check.
 */
export interface ProfileIndicator {
  id: string;
  name: string;
  shortName: string;
  ambition: AmbitionId;
  topic: string;
  definition: string;
  period: string;
  unit: string;
  valueType: ValueType;
  multiplier: number;
  polarity: Polarity;
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  numerator: number | null;
  denominator: number | null;
  method: string;
  /** Built from best-fit lookups or apportioned small-area data. */
  estimate: boolean;
  coverage: { wards: number; of: number };
  /** Why the value is missing or how it was built, in plain English. */
  note?: string;
  /** Counts 1-7 must be shown as '<8' for this indicator (record-level data). */
  disclosureControlled: boolean;
  /** False for council/England-only context indicators (no ward value exists). */
  wardLevel: boolean;
  benchmarks: Record<BenchmarkKey, BenchmarkValue>;
  /** The headline comparison, against the chosen benchmark. */
  comparison: Comparison;
  spine: SpineChart | null;
  /** Other periods with a value for this area, oldest first (for trend charts). */
  trend: { period: string; value: number | null; council: number | null }[];
  source: { datasetId: string; name: string; publisher: string; licence: string; attribution: string; citation?: string };
  /** One plain-English sentence: what the figure measures (no internal codes; acronyms spelled out). */
  plainDefinition?: string;
  /** The technical definition and method, for "How this is made". */
  howMade?: string;
  /** 'two levels (95% and 99.8%)', '95% only', or null when the value is not compared at all. */
  comparisonLevel?: string | null;
  /** Why the headline comparison was not made, in plain English (absent when compared). */
  notComparedReason?: string;
  /** Both ends of the value when the source suppressed small counts (value is the midpoint); `numerator` is the lower end. */
  range?: { lower: number; upper: number; numeratorUpper?: number };
  /** Words to print beside the value, e.g. 'not age-standardised'. */
  valueNote?: string;
  /** A caveat that travels with the number (screen, PDF, exports). */
  caveat?: string;
  /** Edition of the English Indices of Deprivation (group by edition, never side by side unmarked). */
  edition?: { id: 'IoD2025' | 'IoD2019'; label: string };
  /** Nested indicators: the family, and whether this is the member counted in the headline. */
  family?: { name: string; headline: boolean };
  /** True when the indicator counts in the headline (a judged, headline member with a ward or LAP value). */
  countsInHeadline?: boolean;
  /**
   * Set for practice-based indicators (issue 15): the value is for patients registered at the area's GP practices,
   * not its residents, and the breakdown is by practice (practices.forArea), never by ward.
   */
  practiceBased?: { label: string; practices: number; withValue: number };
}

export interface Profile {
  area: ProfileArea;
  benchmark: BenchmarkChoice;
  generatedAt: string;
  headline: {
    population: number | null;
    /** Why the age bars do not add up to the population exactly (two Census tables), when they do not. */
    populationNote?: string;
    /** Census 2021 age bands with counts and shares of the population. */
    ageBands: { label: string; count: number | null; percent: number | null }[];
    /** % of residents in England's 20% most deprived LSOAs (IMD 2025 where available, else 2019). */
    mostDeprived20: { value: number | null; period: string } | null;
    significantlyWorse: number;
    significantlyBetter: number;
    /** Indicators that could be judged (a polarity, a headline member, with a ward or LAP value). */
    judged?: number;
    /** Of those, how many were compared with the chosen benchmark. */
    compared?: number;
    /** "21 significantly worse and 5 better, of 40 indicators compared with West Northamptonshire (64 could be judged)." */
    summary?: string;
    /** Why the counts are what they are: families counted once, not-compared measures left out, multiple comparisons. */
    countNote?: string;
    /** The name of the benchmark the headline counts are against ("West Northamptonshire"). */
    against?: string;
  };
  indicators: ProfileIndicator[];
  sources: { id: string; name: string; publisher: string; licence: string; attribution: string; citation?: string }[];
  /** The comparison words and what they mean (one shared text: screen and PDF). */
  legend?: { title: string; rule: string; entries: { word: string; meaning: string }[] };
  /** Notes the profile must show, e.g. that IoD 2025 and 2019 cannot be compared. */
  notes?: string[];
}

/**
 * The headline counts from the indicators' own flags: each concept once (countsInHeadline), and of those only the
 * ones compared. One rule for the profile service and for anything that changes indicators afterwards (the
 * practice-based values), so the numbers and the sentence never disagree.
 */
export function headlineCounts(indicators: readonly ProfileIndicator[], against: string): Pick<Profile['headline'], 'significantlyWorse' | 'significantlyBetter' | 'judged' | 'compared' | 'summary' | 'against'> {
  const judged = indicators.filter((i) => i.countsInHeadline);
  const compared = judged.filter((i) => i.comparison !== 'not-compared');
  const worse = compared.filter((i) => i.comparison === 'worse' || i.comparison === 'worst').length;
  const better = compared.filter((i) => i.comparison === 'better' || i.comparison === 'best').length;
  return {
    significantlyWorse: worse,
    significantlyBetter: better,
    judged: judged.length,
    compared: compared.length,
    summary: `${worse} significantly worse and ${better} significantly better, of ${compared.length} indicators compared with ${against} (${judged.length} could be judged).`,
    against,
  };
}
