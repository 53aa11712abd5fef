/**
 * Jenks natural breaks: split the sorted values into k classes so that the total within-class sum of squared
 * deviations from the class means is as small as possible (Jenks 1977; the same optimum as 1-D k-means,
 * Wang & Song's Ckmeans.1d.dp), found by simple-statistics' ckmeans: exact dynamic programming in O(k n log n), so
 * 7,000 wards take milliseconds. This module only adds the result's shape (bounds, counts, goodness of fit) and the
 * edge cases (missing values, fewer distinct values than classes). Pure: no Node, DOM or Electron.
 */
import { ckmeans } from 'simple-statistics';

export interface JenksResult {
  /** Upper bound (the largest value) of each class, ascending; length = number of classes. */
  breaks: number[];
  /** Smallest value of each class. */
  lowers: number[];
  /** Number of values in each class. */
  counts: number[];
  /** Total within-class sum of squared deviations. */
  withinSS: number;
  /** Goodness of variance fit, 1 - withinSS / totalSS (1 when all values are equal). */
  gvf: number;
}

/**
 * Natural breaks of the finite values (others ignored). Fewer distinct values than k gives one class per distinct
 * value. Returns null when there are no values. Throws on k < 1.
 */
export function jenks(values: readonly number[], k: number): JenksResult | null {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`the number of classes must be a whole number of at least 1, but it is ${String(k)}`);
  const x = values.filter((v) => Number.isFinite(v));
  if (x.length === 0) return null;
  // ckmeans returns the classes as sorted arrays; it refuses k above the count of values, so cap k at the count of
  // distinct values (the most classes that can differ).
  const classes = ckmeans(x, Math.min(k, new Set(x).size));
  const breaks: number[] = [];
  const lowers: number[] = [];
  const counts: number[] = [];
  let withinSS = 0;
  for (const cls of classes) {
    lowers.push(cls[0]!);
    breaks.push(cls[cls.length - 1]!);
    counts.push(cls.length);
    withinSS += sumOfSquares(cls);
  }
  const total = sumOfSquares(x);
  return { breaks, lowers, counts, withinSS, gvf: total > 0 ? 1 - withinSS / total : 1 };
}

/** Sum of squared deviations from the mean, shifted by the first value for numerical stability. */
function sumOfSquares(xs: readonly number[]): number {
  const shift = xs[0]!;
  let s1 = 0;
  let s2 = 0;
  for (const v of xs) {
    const d = v - shift;
    s1 += d;
    s2 += d * d;
  }
  const v = s2 - (s1 * s1) / xs.length;
  return v > 0 ? v : 0;
}

/** The class (1-based) of a value given the upper bounds from jenks(); null for a missing value. */
export function classOf(value: number | null, breaks: readonly number[]): number | null {
  if (value === null || !Number.isFinite(value) || breaks.length === 0) return null;
  for (let c = 0; c < breaks.length; c++) if (value <= breaks[c]!) return c + 1;
  return breaks.length;
}
