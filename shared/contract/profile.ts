/**
 * Contract verbs for Local Area Profiles (issue: Local Area Profile). Types of the profile itself: shared/profile.ts.
 *
 *   profile.get            {area, benchmark?}                     -> Profile
 *   profile.wardBreakdown  {area, indicatorId, period?, benchmark?} -> WardBreakdown (member wards, table and bar chart)
 *   profile.choropleth     {indicatorId, period?, method, mode, benchmark?} -> Choropleth (all wards, classes, legend)
 *   profile.compare        {a, b, benchmark?}                     -> ProfileComparison (two areas side by side)
 *   laps.pins.get          {lapId}                                -> LapPins
 *   laps.pins.set          {lapId, indicatorIds (at most 5)}      -> LapPins
 *
 * The indicator list for search and filter is 'indicators.list' (shared/contract/data.ts): it already gives id,
 * name, shortName, ambition, topic, unit, wardLevel and periods, so there is no profile verb for it.
 *
 * An area is a LAP (by id), one ward, one council, or any selection of wards. `benchmark` picks the headline
 * comparison: 'own' (default) = the council holding most of the area's population (for a council, or a selection
 * that is a whole council, 'own' means England), 'west', 'north' or 'england'.
 */
import { z } from 'zod';
import { COUNCIL_CODES, type AuthorityCode } from '../domain.ts';
import type { BenchmarkChoice, Profile, ProfileArea } from '../profile.ts';
import type { Comparison, Interval, Polarity } from '../stats/index.ts';
import { wardCode } from './common.ts';
import { indicatorIdSchema, type IndicatorDescription } from './data.ts';

/** Most indicators a LAP can pin as its 'top 5'. */
export const MAX_PINS = 5;
/** Wards in the two councils: the largest possible selection. */
export const MAX_SELECTION = 57;

const profileCouncilCode = z.enum(COUNCIL_CODES, {
  error: 'a council code is E06000061 (North Northamptonshire) or E06000062 (West Northamptonshire)',
});

/** A LAP id (from laps.list). */
const lapId = z
  .number({ error: 'a LAP id is a whole number (see laps.list)' })
  .int('a LAP id is a whole number (see laps.list)')
  .positive('a LAP id is a positive whole number (see laps.list)')
  .max(Number.MAX_SAFE_INTEGER);

const noRepeats = (list: readonly string[]) => new Set(list).size === list.length;
const repeated = (list: readonly string[]) => list.filter((x, i) => list.indexOf(x) !== i);

/** The area a profile is for. */
export const profileAreaSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('lap'), id: lapId }).strict(),
    z.object({ kind: z.literal('ward'), code: wardCode }).strict(),
    z.object({ kind: z.literal('council'), code: profileCouncilCode }).strict(),
    z
      .object({
        kind: z.literal('selection'),
        wards: z
          .array(wardCode)
          .min(1, 'choose at least one ward')
          .max(MAX_SELECTION, `a selection has at most ${MAX_SELECTION} wards`)
          .refine(noRepeats, { error: (iss) => `each ward once: ${repeated(iss.input as string[]).join(', ')} is listed more than once` }),
      })
      .strict(),
  ],
  { error: "an area is { kind: 'lap', id }, { kind: 'ward', code }, { kind: 'council', code } or { kind: 'selection', wards }" },
);
export type ProfileAreaArg = z.output<typeof profileAreaSchema>;

export const BENCHMARK_CHOICES = ['own', 'west', 'north', 'england'] as const;
const benchmarkChoice = z.enum(BENCHMARK_CHOICES, { error: 'the benchmark is own, west, north or england' }).default('own');

const periodArg = z.string().trim().min(1).max(100);

export const CHOROPLETH_METHODS = ['quintiles', 'natural-breaks'] as const;
export const CHOROPLETH_MODES = ['values', 'significance'] as const;

export const profileSchemas = {
  'profile.get': z.object({ area: profileAreaSchema, benchmark: benchmarkChoice }).strict(),
  'profile.wardBreakdown': z
    .object({ area: profileAreaSchema, indicatorId: indicatorIdSchema, period: periodArg.optional(), benchmark: benchmarkChoice })
    .strict(),
  'profile.choropleth': z
    .object({
      indicatorId: indicatorIdSchema,
      period: periodArg.optional(),
      method: z.enum(CHOROPLETH_METHODS, { error: 'the method is quintiles or natural-breaks' }).default('quintiles'),
      mode: z.enum(CHOROPLETH_MODES, { error: 'the mode is values or significance' }).default('values'),
      benchmark: benchmarkChoice,
    })
    .strict(),
  'profile.compare': z.object({ a: profileAreaSchema, b: profileAreaSchema, benchmark: benchmarkChoice }).strict(),
  'laps.pins.get': z.object({ lapId }).strict(),
  'laps.pins.set': z
    .object({
      lapId,
      indicatorIds: z
        .array(indicatorIdSchema)
        .max(MAX_PINS, `a LAP can pin at most ${MAX_PINS} indicators`)
        .refine(noRepeats, { error: (iss) => `each indicator once: ${repeated(iss.input as string[]).join(', ')} is listed more than once` }),
    })
    .strict(),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Results

/** The indicator facts every per-indicator answer carries (shared/indicators-meta.ts IndicatorDescription). */
export interface IndicatorRef extends Pick<IndicatorDescription, 'id' | 'name' | 'shortName' | 'ambition' | 'unit' | 'valueType' | 'multiplier' | 'polarity' | 'wardLevel'> {
  /** True when higher values are better; null for no-judgement indicators. */
  higherIsBetter: boolean | null;
}

/** A benchmark actually used for a comparison. */
export interface BenchmarkUsed {
  /** Area code of the benchmark (a council, or England E92000001); for 'own', the council it resolved to. */
  code: string;
  /** "West Northamptonshire", "England". */
  name: string;
  value: number | null;
  note?: string;
  /** Both ends when the benchmark's source suppressed small counts (value is the midpoint). */
  range?: { lower: number; upper: number };
}

export interface WardBreakdownRow {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  numerator: number | null;
  denominator: number | null;
  estimate: boolean;
  /** How the ward's value was built (the source row's note), or why it is missing. */
  note: string | null;
  /** Against `benchmark` ('own': the ward's own council). */
  comparison: Comparison;
  benchmark: BenchmarkUsed;
}

export interface WardBreakdown {
  area: ProfileArea;
  indicator: IndicatorRef;
  /** The period shown (the profile's period for this indicator unless one was asked for); null when there is no data. */
  period: string | null;
  periods: string[];
  benchmark: BenchmarkChoice;
  /** The area's own value (same as the profile's), for the chart's reference line. */
  group: {
    value: number | null;
    ci95: Interval | null;
    ci998: Interval | null;
    numerator: number | null;
    denominator: number | null;
    estimate: boolean;
    coverage: { wards: number; of: number };
    note?: string;
    comparison: Comparison;
    benchmark: BenchmarkUsed;
  };
  /** Member wards by name. */
  wards: WardBreakdownRow[];
  note?: string;
}

export interface ChoroplethClass {
  /** 1..k; 1 holds the lowest values. */
  index: number;
  /** Smallest and largest ward value in the class (display scale). */
  lower: number;
  upper: number;
  count: number;
  /** "2.1 to 3.4". */
  label: string;
}

export interface ChoroplethWard {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  value: number | null;
  estimate: boolean;
  /** Class 1..k in 'values' mode (null when the ward has no value or classes were not computed); null in 'significance' mode. */
  class: number | null;
  /** Against `benchmark` ('own': the ward's own council). Always given, so tooltips can say it in words. */
  comparison: Comparison;
  benchmarkValue: number | null;
  note: string | null;
}

export interface ChoroplethLegendItem {
  /** Class index as text ("1".."5"), or a comparison key ("worse"). */
  key: string;
  label: string;
  /** Suggested fill: comparison colours in significance mode; absent in values mode (the renderer picks a ramp by polarity). */
  colour?: string;
  count: number;
}

export interface Choropleth {
  indicator: IndicatorRef;
  period: string | null;
  periods: string[];
  unit: string;
  polarity: Polarity;
  /** True when higher values are better, so the renderer points its colour ramp the right way; null: no judgement. */
  higherIsBetter: boolean | null;
  method: (typeof CHOROPLETH_METHODS)[number];
  mode: (typeof CHOROPLETH_MODES)[number];
  benchmark: BenchmarkChoice;
  /** Number of classes asked for (5). */
  k: number;
  /** Class bounds (values mode); empty when not computed (see note). */
  classes: ChoroplethClass[];
  /** Every ward, by code. */
  wards: ChoroplethWard[];
  legend: { title: string; items: ChoroplethLegendItem[] };
  /** Why classes or values are missing, in plain English. */
  note?: string;
}

export interface ComparedSide {
  period: string | null;
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  coverage: { wards: number; of: number };
  estimate: boolean;
  /** Against the chosen benchmark. */
  comparison: Comparison;
  note?: string;
}

export interface ComparedIndicator extends IndicatorRef {
  a: ComparedSide;
  b: ComparedSide;
  /** a - b on the display scale; null when either value is missing. */
  difference: number | null;
  /** True when the two 95% intervals do not overlap; null when either has no interval. */
  significant: boolean | null;
  /** a relative to b, when significant: 'higher' / 'lower'; 'similar' when the intervals overlap; null: not compared. */
  direction: 'higher' | 'lower' | 'similar' | null;
  /** For indicators with a polarity: which side is better when the difference is significant. */
  better: 'a' | 'b' | null;
  /** In plain words: "N4 is higher than DSN4 (10.9% against 2.1%); the difference is significant." */
  summary: string;
}

export interface ProfileComparison {
  a: ProfileArea;
  b: ProfileArea;
  benchmark: BenchmarkChoice;
  generatedAt: string;
  /** How significance is judged, in plain English. */
  method: string;
  indicators: ComparedIndicator[];
}

export interface LapPin {
  position: number;
  id: string;
  /** null when the indicator is no longer in the store (its dataset was removed); it comes back when re-imported. */
  name: string | null;
  shortName: string | null;
  available: boolean;
}

export interface LapPins {
  lapId: number;
  pins: LapPin[];
}

export interface ProfileResults {
  'profile.get': Profile;
  'profile.wardBreakdown': WardBreakdown;
  'profile.choropleth': Choropleth;
  'profile.compare': ProfileComparison;
  'laps.pins.get': LapPins;
  'laps.pins.set': LapPins;
}
