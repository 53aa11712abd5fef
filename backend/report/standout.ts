/**
 * "What stands out": the indicators where an area differs most from its benchmark, among those where the difference
 * is statistically significant (Better/Best or Worse/Worst in the Fingertips sense). Nothing is pinned for this: the
 * short PDF's summary and the full PDF's ward breakdowns (when a LAP has no pins) use the same pick.
 *
 * How far is "far" must work across units (a percentage, a rate per 1,000, a score), so the gap between the area and
 * the benchmark is measured against the spread of the council's wards (the middle half of them, from the spine
 * chart; the full range when the middle half is flat), and against the benchmark itself when there is no spine.
 * Near-duplicates that differ only by a year ("... (IMD 2019)" and "... (IMD 2025)") are picked once, newest first.
 *
 * Pure: a profile in, indicators out. No statistics are computed here: the comparisons come from the profile.
 */
import type { BenchmarkKey, Profile, ProfileIndicator } from '../../shared/profile.ts';
import type { Comparison } from '../../shared/stats/index.ts';
import { isMainIndicator } from '../../shared/main-indicators.ts';

export const WORSE_WORDS: readonly Comparison[] = ['worse', 'worst'];
export const BETTER_WORDS: readonly Comparison[] = ['better', 'best'];

/** How many of each (worse, better) the summary lists. */
export const STANDOUT_COUNT = 5;

/** The gap between the area and the benchmark in "council ward spreads" (0 when it cannot be measured). */
export function standoutSize(ind: ProfileIndicator, key: BenchmarkKey): number {
  const bench = ind.benchmarks[key]?.value ?? ind.spine?.benchmark ?? null;
  if (ind.value === null || bench === null || !Number.isFinite(ind.value) || !Number.isFinite(bench)) return 0;
  const gap = Math.abs(ind.value - bench);
  const s = ind.spine;
  const spread = s ? (s.q75 - s.q25 > 0 ? s.q75 - s.q25 : s.max - s.min) : 0;
  if (spread > 0) return gap / spread;
  return bench !== 0 ? gap / Math.abs(bench) : 0;
}

/** The name without years, for spotting the same measure from two releases. */
function sameMeasureKey(ind: ProfileIndicator): string {
  return (ind.shortName || ind.name)
    .toLowerCase()
    .replace(/\b(imd|iod)\s*(19|20)\d{2}\b/g, '')
    .replace(/\b(19|20)\d{2}\b/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/** Newest first when two releases of the same measure tie on the key. */
function periodYear(ind: ProfileIndicator): number {
  const years = (ind.period.match(/\b(19|20)\d{2}\b/g) ?? []).map(Number);
  return years.length ? Math.max(...years) : 0;
}

function pick(rows: ProfileIndicator[], key: BenchmarkKey, n: number): ProfileIndicator[] {
  const ranked = rows
    .filter((i) => isMainIndicator(i) && i.value !== null)
    .map((i) => ({ i, size: standoutSize(i, key), year: periodYear(i) }))
    .sort((a, b) => b.size - a.size || b.year - a.year || a.i.name.localeCompare(b.i.name));
  // Keep the newest release of a measure that appears twice (IMD 2019 and 2025), wherever it ranks.
  const newest = new Map<string, { i: ProfileIndicator; year: number }>();
  for (const r of ranked) {
    const k = sameMeasureKey(r.i);
    const seen = newest.get(k);
    if (!seen || r.year > seen.year) newest.set(k, r);
  }
  const out: ProfileIndicator[] = [];
  for (const r of ranked) {
    if (newest.get(sameMeasureKey(r.i))?.i !== r.i) continue;
    out.push(r.i);
    if (out.length >= n) break;
  }
  return out;
}

export interface Standouts {
  worse: ProfileIndicator[];
  better: ProfileIndicator[];
  /** All significantly worse / better main indicators (before picking). */
  worseTotal: number;
  betterTotal: number;
}

export function pickStandouts(profile: Profile, key: BenchmarkKey, n = STANDOUT_COUNT): Standouts {
  const main = profile.indicators.filter(isMainIndicator);
  const worse = main.filter((i) => WORSE_WORDS.includes(i.comparison));
  const better = main.filter((i) => BETTER_WORDS.includes(i.comparison));
  return { worse: pick(worse, key, n), better: pick(better, key, n), worseTotal: worse.length, betterTotal: better.length };
}
