/**
 * Population-weighted mean of scores (e.g. the IMD score of a group of wards):
 *   mean = sum(value_i x weight_i) / sum(weight_i).
 * There is no confidence interval, so a weighted mean is never compared with a benchmark.
 */
import { StatsInputError, requireFinite, requireNonNegative } from './errors.ts';
import type { Estimate } from './types.ts';

const METHOD = 'Weighted mean';
export const WEIGHTED_MEAN_NOTE = 'a weighted mean of scores has no confidence interval, so it is not compared';

/**
 * Throws StatsInputError for a non-finite value or weight, or a negative weight.
 * Returns value null with a note for an empty list or a total weight of 0.
 */
export function weightedMean(items: { value: number; weight: number }[]): Estimate {
  if (!Array.isArray(items)) throw new StatsInputError('a weighted mean needs a list of values and weights');
  let sumW = 0;
  let sumVW = 0;
  items.forEach((item, i) => {
    const value = requireFinite(item?.value, `value ${i + 1}`);
    const weight = requireNonNegative(item?.weight, `weight ${i + 1}`);
    sumW += weight;
    sumVW += value * weight;
  });
  if (items.length === 0) return { value: null, ci95: null, ci998: null, method: METHOD, note: 'no values to average' };
  if (sumW === 0) {
    return { value: null, ci95: null, ci998: null, method: METHOD, note: 'weighted mean not calculated: the weights add up to 0' };
  }
  return { value: sumVW / sumW, ci95: null, ci998: null, method: METHOD, note: WEIGHTED_MEAN_NOTE };
}
