/**
 * Quantiles (quintiles, deciles...) exactly as PHEindicatormethods' phe_quantile:
 *   N = number of non-missing values; rank with ties = 'min' (1 = lowest adjusted value);
 *   quantile = floor((k + 1) - ceiling(((N + 1) - rank) / (N / k))), and 0 becomes 1.
 *   With invert, values are ranked on max(value) - value, so the highest value falls in quantile 1.
 *   Missing values get no quantile; when N < k no quantiles are assigned at all.
 * The arithmetic is done in the same order as R, so floating-point ties at boundaries break the same way.
 *
 * NB: phe_quantile's own default is invert = TRUE; here the default is false (quantile 1 = lowest values).
 */
import { StatsInputError, show } from './errors.ts';

export function quantiles(values: (number | null)[], k: number, invert = false): (number | null)[] {
  if (!Array.isArray(values)) throw new StatsInputError('quantiles needs a list of values');
  if (!Number.isInteger(k) || k < 1) throw new StatsInputError(`the number of quantiles must be a whole number of at least 1, but it is ${String(k)}`);
  values.forEach((v, i) => {
    if (v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
      throw new StatsInputError(`value ${i + 1} must be a finite number or null, but it is ${typeof v === 'number' ? show(v) : String(v)}`);
    }
  });
  const present = values.filter((v): v is number => typeof v === 'number');
  const N = present.length;
  if (N < k) return values.map(() => null);

  let max = -Infinity;
  for (const v of present) if (v > max) max = v;
  const adjusted = values.map((v) => (typeof v === 'number' ? (invert ? max - v : v) : null));
  // Ascending, by a typed array's numeric sort (no comparator calls; equal values are interchangeable here).
  const sorted = new Float64Array(N);
  let i = 0;
  for (const v of adjusted) if (v !== null) sorted[i++] = v;
  sorted.sort();
  // rank 'min' = 1 + number of values strictly smaller (binary search for the first occurrence).
  const minRank = (x: number): number => {
    let lo = 0;
    let hi = N;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return adjusted.map((v) => {
    if (v === null) return null;
    const rank = minRank(v);
    const q = Math.floor(k + 1 - Math.ceil((N + 1 - rank) / (N / k)));
    return q === 0 ? 1 : q;
  });
}
