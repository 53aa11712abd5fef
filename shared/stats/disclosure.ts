/**
 * Disclosure control for display and export (NHS Digital HES practice since 2018): small counts from
 * record-level data (hospital admissions, deaths, local service data) are shown as "<8" (threshold
 * configurable, e.g. 5 or 7) and other counts may be rounded to the nearest 5 in exports.
 *
 * These helpers only change how a count is SHOWN. Rates, percentages and intervals are always computed from the
 * unrounded counts: never feed the output of these functions back into the statistics.
 * Open census counts are not suppressed (ONS already perturbs them), so callers decide per dataset.
 */
import { StatsInputError, requireFinite, requirePositive, show } from './errors.ts';

export const DEFAULT_DISCLOSURE_THRESHOLD = 8;
/** What a missing count is shown as (an en dash). */
export const MISSING_MARK = '\u2013';

export interface DiscloseOptions {
  /** Round counts at or above the threshold to the nearest 5 (for exports). Default false. */
  roundTo5?: boolean;
}

/** Rounds a count to the nearest 5 (halves away from zero; whole counts never land on a half). */
export function roundToNearest5(count: number): number {
  const c = requireFinite(count, 'count');
  return Math.sign(c) * Math.round(Math.abs(c) / 5) * 5;
}

/**
 * The text to show for a count: null -> "–", 0 -> "0", 1..threshold-1 -> "<threshold" (e.g. "<8"),
 * otherwise the count itself (rounded to the nearest 5 when options.roundTo5). Plain digits, no separators,
 * so the result is safe in CSV; format larger numbers in the display layer if wanted.
 */
export function disclose(count: number | null, threshold = DEFAULT_DISCLOSURE_THRESHOLD, options: DiscloseOptions = {}): string {
  const t = requirePositive(threshold, 'disclosure threshold');
  if (!Number.isInteger(t)) throw new StatsInputError(`disclosure threshold must be a whole number, but it is ${show(t)}`);
  if (count === null || count === undefined) return MISSING_MARK;
  const c = requireFinite(count, 'count');
  if (c < 0) throw new StatsInputError(`count ${show(c)} is negative`);
  if (c === 0) return '0';
  if (c < t) return `<${show(t)}`;
  return show(options.roundTo5 ? roundToNearest5(c) : c);
}
