/**
 * Proportions with Wilson score confidence intervals (Wilson 1927), as PHEindicatormethods' phe_proportion
 * and wilson_lower / wilson_upper:
 *   lower/upper = (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)), times the multiplier.
 * Valid for x = 0 (lower is exactly 0) and x = n (upper is exactly 1 x multiplier).
 */
import { Z95, Z998 } from './constants.ts';
import { StatsInputError, requireNonNegative, requirePositive, show } from './errors.ts';
import type { Estimate, Interval } from './types.ts';

/** Wilson score interval for x successes out of n, as a fraction (0..1). Inputs must already be valid. */
export function wilsonInterval(x: number, n: number, z: number): Interval {
  const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  let lower = (2 * x + z * z - root) / 2 / (n + z * z);
  let upper = (2 * x + z * z + root) / 2 / (n + z * z);
  // Exact at the ends (floating point can leave a few 1e-17 either side).
  if (x === 0) lower = 0;
  if (x === n) upper = 1;
  lower = Math.min(Math.max(lower, 0), 1);
  upper = Math.min(Math.max(upper, 0), 1);
  return { lower, upper };
}

/** Validates a multiplier (finite, > 0). */
export function checkMultiplier(multiplier: number): number {
  return requirePositive(multiplier, 'multiplier');
}

/**
 * A proportion x/n with Wilson 95% and 99.8% intervals, times `multiplier` (1 for a fraction, 100 for a
 * percentage). Throws StatsInputError for x < 0, n <= 0, x > n or non-finite input.
 */
export function proportion(numerator: number, denominator: number, multiplier = 1): Estimate {
  const x = requireNonNegative(numerator, 'numerator');
  const n = requirePositive(denominator, 'denominator');
  const m = checkMultiplier(multiplier);
  if (x > n) throw new StatsInputError(`numerator ${show(x)} is greater than denominator ${show(n)}`);
  const scale = (i: Interval): Interval => ({ lower: i.lower * m, upper: i.upper * m });
  return {
    value: (x / n) * m,
    ci95: scale(wilsonInterval(x, n, Z95)),
    ci998: scale(wilsonInterval(x, n, Z998)),
    method: 'Wilson',
  };
}
