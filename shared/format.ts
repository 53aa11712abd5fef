/**
 * How numbers, intervals, counts and comparisons are written: the screen (renderer/src/profile/format.ts re-exports
 * these), the PDF (backend/report), the CSV/XLSX exports, the CLI and the backend's sentences all use these pure
 * functions, so a value reads the same everywhere. The house style is plain English: intervals and ranges are
 * "22.2 to 22.9", percentages and rates 1 decimal place, counts whole with separators (disclosure-controlled counts
 * 1-7 as '<8'), a missing value an en dash.
 */
import { COMPARISON_COLOURS, COMPARISON_LABELS, disclose, MISSING_MARK, type Comparison, type Interval } from './stats/index.ts';
import type { BenchmarkKey, ProfileIndicator } from './profile.ts';
import { COUNCIL_KEYS, COUNCIL_NAMES, NORTH_CODE, WEST_CODE } from './domain.ts';

export { MISSING_MARK };

const nf = (digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const FORMATS = [0, 1, 2, 3].map(nf);

/** Decimal places for an indicator's values: counts and ranks whole, small values more precise. */
export function decimalsFor(ind: Pick<ProfileIndicator, 'valueType' | 'unit'>, sample: number | null = null): number {
  if (ind.valueType === 'count' || ind.valueType === 'rank') return 0;
  if (ind.valueType === 'other') {
    if (sample !== null && Math.abs(sample) < 1) return 3;
    return sample !== null && Number.isInteger(sample) ? 0 : 1;
  }
  if (sample !== null && Math.abs(sample) >= 10_000) return 0;
  return 1;
}

/** A plain number with thousands separators and fixed decimals ("1,103.2"), or an en dash for null. */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_MARK;
  const d = Math.max(0, Math.min(3, decimals));
  // Avoid "-0.0".
  const v = Math.abs(value) < 0.5 * 10 ** -d ? 0 : value;
  return FORMATS[d]!.format(v);
}

/** True when the indicator's unit is a percentage ("%", "% of households"). */
export function isPercent(ind: Pick<ProfileIndicator, 'unit'>): boolean {
  return ind.unit.trim().startsWith('%');
}

/** The unit words to print next to a value, without the % sign ("of households", "per 100,000", "years"). */
export function unitWords(ind: Pick<ProfileIndicator, 'unit'>): string {
  const u = ind.unit.trim();
  return isPercent(ind) ? u.replace(/^%\s*/, '') : u;
}

type Kind = Pick<ProfileIndicator, 'valueType' | 'unit'>;

/**
 * A value of an indicator as printed in a table ("23.4%", "812.4", "62,807"). Counts of disclosure-controlled
 * indicators are disclosure controlled too ('<8').
 */
export function formatValue(ind: Kind & { disclosureControlled?: boolean }, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING_MARK;
  if (ind.valueType === 'count') return formatCount(value, ind.disclosureControlled ?? false);
  const text = formatNumber(value, decimalsFor(ind, value));
  return isPercent(ind) ? `${text}%` : text;
}

/** A value with its unit for a sentence: "22.6%", "4,472 children", "16.8 per 1,000", "34.6" (a score). */
export function valueWithUnit(ind: Kind & { disclosureControlled?: boolean }, value: number | null | undefined): string {
  const text = formatValue(ind, value);
  const unit = ind.unit.trim();
  if (text === MISSING_MARK || isPercent(ind) || !unit || unit === 'score') return text;
  if (ind.valueType === 'rank') return `${text} (${unit})`;
  return `${text} ${unit}`;
}

/** A 95% interval or a range as "55.3 to 73.6" (same decimals for both ends), or an en dash. */
export function formatInterval(ind: Kind, ci: Interval | null | undefined): string {
  if (!ci || !Number.isFinite(ci.lower) || !Number.isFinite(ci.upper)) return MISSING_MARK;
  const d = decimalsFor(ind, Math.max(Math.abs(ci.lower), Math.abs(ci.upper)));
  return `${formatNumber(ci.lower, d)} to ${formatNumber(ci.upper, d)}`;
}

/**
 * A count for display: whole, with separators; for disclosure-controlled indicators 1-7 become '<8'
 * (shared/stats disclose). Fractional counts (apportioned data) are rounded first.
 */
export function formatCount(count: number | null | undefined, disclosureControlled = false): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return MISSING_MARK;
  const whole = Math.round(count);
  if (disclosureControlled) {
    const shown = disclose(Math.max(0, whole));
    return /^\d+$/.test(shown) ? formatNumber(Number(shown), 0) : shown;
  }
  return formatNumber(whole, 0);
}

/**
 * The count column: "98 / 671", "<8 / 7,160", "62,807" (counts have no denominator), or an en dash where counts
 * do not apply. Only the numerator is disclosure controlled.
 */
export function formatCounts(
  ind: Pick<ProfileIndicator, 'valueType' | 'disclosureControlled'>,
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): string {
  if (ind.valueType === 'mean-score' || ind.valueType === 'rank' || ind.valueType === 'other') return MISSING_MARK;
  if (numerator === null || numerator === undefined) return MISSING_MARK;
  const num = formatCount(numerator, ind.disclosureControlled);
  if (ind.valueType === 'count' || denominator === null || denominator === undefined) return num;
  return `${num} / ${formatCount(denominator)}`;
}

/** "1 indicator", "3 indicators", "1,234 rows" (a zero is a number people want to see: "0 rows"). */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${formatNumber(n, 0)} ${n === 1 ? noun : many}`;
}

/** The comparison word ("Better", "Not compared"). */
export function comparisonLabel(c: Comparison): string {
  return COMPARISON_LABELS[c] ?? COMPARISON_LABELS['not-compared'];
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

/** Black or white, whichever reads better on the background. */
export function textColourOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** Short benchmark names for table heads ("West Northants"). */
export const BENCHMARK_LABELS: Record<BenchmarkKey, string> = { west: 'West Northants', north: 'North Northants', england: 'England' };

/** Shortest benchmark names, beside a value ("West 3.8%"). */
export const BENCHMARK_SHORT: Record<BenchmarkKey, string> = { west: 'West', north: 'North', england: 'England' };

/** Full benchmark names for sentences ("West Northamptonshire"). */
export const BENCHMARK_NAMES: Record<BenchmarkKey, string> = {
  west: COUNCIL_NAMES[WEST_CODE],
  north: COUNCIL_NAMES[NORTH_CODE],
  england: 'England',
};

/** The council a benchmark key stands for, by authority code (shared/domain.ts). */
export { COUNCIL_KEYS, COUNCIL_NAMES };

/** "12 March 2026" for an ISO date-time (UTC, so the output does not depend on the machine). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** "3 of 4 wards". */
export function coverageText(c: { wards: number; of: number }): string {
  return `${c.wards} of ${c.of} ${c.of === 1 ? 'ward' : 'wards'}`;
}

/** "a", "a and b", "a, b and c"; `last` may be "or". */
export function listJoin(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
