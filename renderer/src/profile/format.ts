/**
 * How the profile writes numbers, intervals, counts and comparisons on screen. Formatting only: every number comes
 * from the backend. The rules match the PDF and the exports (electron/services/report/format.ts), so a value
 * reads the same on screen and on paper: counts whole with separators (disclosure-controlled counts 1-7 as '<8'),
 * percentages and rates to 1 decimal place, small values to 3.
 */
import type { BenchmarkChoice, BenchmarkKey, ProfileArea, ProfileIndicator } from '../../../shared/profile.ts';
import type { AuthorityCode } from '../../../shared/domain.ts';
import { COMPARISON_COLOURS, COMPARISON_LABELS, disclose, MISSING_MARK, type Comparison, type Interval } from '../../../shared/stats/index.ts';

export { MISSING_MARK };

type Kind = Pick<ProfileIndicator, 'valueType' | 'unit'>;

const FORMATS = [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d }));

/** Decimal places for an indicator's values: counts and ranks whole, small values more precise. */
export function decimalsFor(ind: Kind, sample: number | null = null): number {
  if (ind.valueType === 'count' || ind.valueType === 'rank') return 0;
  if (ind.valueType === 'other') {
    if (sample !== null && Math.abs(sample) < 1) return 3;
    return sample !== null && Number.isInteger(sample) ? 0 : 1;
  }
  if (sample !== null && Math.abs(sample) >= 10_000) return 0;
  return 1;
}

/** "1,103.2" with fixed decimals, or an en dash for nothing. */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_MARK;
  const d = Math.max(0, Math.min(3, decimals));
  const v = Math.abs(value) < 0.5 * 10 ** -d ? 0 : value;
  return FORMATS[d]!.format(v);
}

export function isPercent(ind: Pick<ProfileIndicator, 'unit'>): boolean {
  return ind.unit.trim().startsWith('%');
}

/** The unit words without the % sign: "of households", "per 100 children aged 0-15", "people". */
export function unitWords(ind: Pick<ProfileIndicator, 'unit'>): string {
  const u = ind.unit.trim();
  return isPercent(ind) ? u.replace(/^%\s*/, '') : u;
}

/** A count for display: whole, with separators; '<8' for 1-7 where the indicator is disclosure controlled. */
export function formatCount(count: number | null | undefined, disclosureControlled = false): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return MISSING_MARK;
  const whole = Math.round(count);
  if (disclosureControlled) {
    const shown = disclose(Math.max(0, whole));
    return /^\d+$/.test(shown) ? formatNumber(Number(shown), 0) : shown;
  }
  return formatNumber(whole, 0);
}

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

export function comparisonLabel(c: Comparison): string {
  return COMPARISON_LABELS[c] ?? COMPARISON_LABELS['not-compared'];
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

export function comparisonColour(c: Comparison): string {
  return COMPARISON_COLOURS[c] ?? COMPARISON_COLOURS['not-compared'];
}

function luminance(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

/** Black or white text, whichever reads better on the background (every comparison colour reaches 4.5:1). */
export function inkOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
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

/** "3 of 4 wards". */
export function coverageText(c: { wards: number; of: number }): string {
  return `${c.wards} of ${c.of} ${c.of === 1 ? 'ward' : 'wards'}`;
}

/** "a, b and c". */
export function listJoin(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** "1 indicator", "3 indicators". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${FORMATS[0]!.format(n)} ${n === 1 ? noun : many}`;
}

/** "23 November 2026" (UTC, as the PDF writes it). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Backend messages are plain English but may start with the verb ("profile.get: ..."); this tidies them. */
export function plainError(err: unknown): string {
  const raw = (err instanceof Error ? err.message : String(err)).trim();
  let text = raw.replace(/^(?:profile|laps|lapSets|export|jobs|indicators|wards|geography)\.[A-Za-z.]+:\s*/, '');
  text = text.replace(/^(?:area|indicatorId|benchmark|lapId|indicatorIds|format|jobId)(?:\.\d+)?:\s*/, '');
  text = text.trim();
  if (!text) return 'Something went wrong. Please try again.';
  text = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
