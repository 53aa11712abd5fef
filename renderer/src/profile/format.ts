/**
 * How the profile writes numbers, intervals, counts and comparisons on screen. Formatting only: every number comes
 * from the backend. The rules match the PDF and the exports (backend/report/format.ts), so a value
 * reads the same on screen and on paper: counts whole with separators (disclosure-controlled counts 1-7 as '<8'),
 * percentages and rates to 1 decimal place, small values to 3.
 */
import type { BenchmarkChoice, BenchmarkKey, ProfileArea, ProfileIndicator } from '../../../shared/profile.ts';
import type { AuthorityCode } from '../../../shared/domain.ts';
import { MISSING_MARK, type Comparison, type Interval } from '../../../shared/stats/index.ts';

export { MISSING_MARK };

// The core rules are shared with the PDF and the exports (shared/format.ts).
export {
  comparisonColour,
  comparisonLabel,
  contrastRatio,
  coverageText,
  decimalsFor,
  formatDate,
  formatNumber,
  isPercent,
  listJoin,
  textColourOn as inkOn,
  unitWords,
} from '../../../shared/format.ts';
import { decimalsFor, formatNumber, formatCount as sharedFormatCount, isPercent } from '../../../shared/format.ts';

/** A count for display: whole, with separators; '<8' for 1-7 where the indicator is disclosure controlled. */
export function formatCount(count: number | null | undefined, disclosureControlled = false): string {
  return sharedFormatCount(count, disclosureControlled);
}


type Kind = Pick<ProfileIndicator, 'valueType' | 'unit'>;

/** A value as shown in a table: "23.4%", "812.4", "62,807". */
export function formatValue(ind: Kind & { disclosureControlled?: boolean }, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_MARK;
  if (ind.valueType === 'count') return formatCount(value, ind.disclosureControlled ?? false);
  const text = formatNumber(value, decimalsFor(ind, value));
  return isPercent(ind) ? `${text}%` : text;
}

/** A value with its unit for a sentence: "22.6%", "4,472 children", "34.6 (score)". */
export function valueWithUnit(ind: Kind & { disclosureControlled?: boolean }, value: number | null | undefined): string {
  const text = formatValue(ind, value);
  if (text === MISSING_MARK || isPercent(ind) || !ind.unit) return text;
  if (ind.valueType === 'rank') return `${text} (${ind.unit})`;
  return `${text} ${ind.unit}`;
}

/** "22.2 to 22.9" (same decimals as the values), or an en dash. */
export function formatInterval(ind: Kind, ci: Interval | null | undefined): string {
  if (!ci || !Number.isFinite(ci.lower) || !Number.isFinite(ci.upper)) return MISSING_MARK;
  const d = decimalsFor(ind, Math.max(Math.abs(ci.lower), Math.abs(ci.upper)));
  return `${formatNumber(ci.lower, d)} to ${formatNumber(ci.upper, d)}`;
}

/** "11,512 / 50,986", "<8 / 7,160", "62,807" (a count alone), or an en dash where counts do not apply. */
export function formatCounts(ind: Pick<ProfileIndicator, 'valueType' | 'disclosureControlled'>, numerator: number | null, denominator: number | null): string {
  if (ind.valueType === 'mean-score' || ind.valueType === 'rank' || ind.valueType === 'other') return MISSING_MARK;
  if (numerator === null) return MISSING_MARK;
  const num = formatCount(numerator, ind.disclosureControlled);
  if (ind.valueType === 'count' || denominator === null) return num;
  return `${num} / ${formatCount(denominator)}`;
}

/** The comparison in a phrase: "worse than West Northamptonshire", "similar to England". */
export function comparisonPhrase(c: Comparison, benchmarkName: string): string {
  switch (c) {
    case 'better':
    case 'worse':
    case 'higher':
    case 'lower':
      return `${c} than ${benchmarkName}`;
    case 'best':
      return `better than ${benchmarkName}, even at the 99.8% level`;
    case 'worst':
      return `worse than ${benchmarkName}, even at the 99.8% level`;
    case 'similar':
      return `similar to ${benchmarkName}`;
    default:
      return `not compared with ${benchmarkName}`;
  }
}


export const COUNCIL_NAMES: Record<AuthorityCode, string> = {
  E06000061: 'North Northamptonshire',
  E06000062: 'West Northamptonshire',
};

export const COUNCIL_KEYS: Record<AuthorityCode, BenchmarkKey> = { E06000061: 'north', E06000062: 'west' };

export const BENCHMARK_SHORT: Record<BenchmarkKey, string> = { west: 'West', north: 'North', england: 'England' };
export const BENCHMARK_NAMES: Record<BenchmarkKey, string> = {
  west: 'West Northamptonshire',
  north: 'North Northamptonshire',
  england: 'England',
};

/** Which benchmark a choice stands for, for this area ('own': the area's council; for a council, England). */
export function resolveBenchmark(choice: BenchmarkChoice, area: Pick<ProfileArea, 'kind' | 'ownCouncil'>): BenchmarkKey {
  if (choice !== 'own') return choice;
  if (area.kind === 'council') return 'england';
  return COUNCIL_KEYS[area.ownCouncil];
}

/** "1 indicator", "3 indicators". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun : many}`;
}
