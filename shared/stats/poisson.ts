/**
 * Confidence limits for Poisson counts, and the statistics built on them: crude rates and indirectly
 * standardised ratios (SAR/SMR). As PHEindicatormethods (phe_rate, phe_isr / calculate_ISRatio):
 * - O < 10: exact limits from the chi-squared distribution, read from a table (EXACT_POISSON_LIMITS) for whole
 *   counts; a fractional count (from apportioned small-area data) uses the same quantiles computed by gamma.ts.
 *   Method 'Exact'.
 * - O >= 10: Byar's approximation (Breslow & Day 1987). Method 'Byars'.
 *     lower = O (1 - 1/(9O) - z/(3 sqrt O))^3
 *     upper = (O + 1)(1 - 1/(9(O + 1)) + z/(3 sqrt(O + 1)))^3
 */
import { EXACT_POISSON_LIMITS, Z95, Z998 } from './constants.ts';
import { StatsInputError, requireNonNegative, requirePositive, show } from './errors.ts';
import { gammaQuantile } from './gamma.ts';
import type { Estimate, Interval } from './types.ts';
import { checkMultiplier } from './wilson.ts';

/** Byar's lower limit for an observed count O (> 0). */
export function byarsLower(observed: number, z: number): number {
  const o = observed;
  return o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
}

/** Byar's upper limit for an observed count O (>= 0). */
export function byarsUpper(observed: number, z: number): number {
  const o1 = observed + 1;
  return o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
}

export interface CountLimits {
  ci95: Interval;
  ci998: Interval;
  method: 'Exact' | 'Byars';
}

/**
 * 95% and 99.8% limits for the observed count itself (not divided by anything): exact for O < 10
 * (from the table for whole counts), Byar's otherwise.
 */
export function poissonLimits(observed: number, what = 'count'): CountLimits {
  const o = requireNonNegative(observed, what);
  if (o < 10) {
    if (!Number.isInteger(o)) {
      // A fractional count (apportioned data): compute the same chi-squared quantiles directly.
      return {
        ci95: { lower: o === 0 ? 0 : gammaQuantile(0.025, o), upper: gammaQuantile(0.975, o + 1) },
        ci998: { lower: o === 0 ? 0 : gammaQuantile(0.001, o), upper: gammaQuantile(0.999, o + 1) },
        method: 'Exact',
      };
    }
    const row = EXACT_POISSON_LIMITS[o];
    if (!row) throw new StatsInputError(`${what} ${show(o)} is outside the exact Poisson table`);
    return { ci95: { lower: row[0], upper: row[1] }, ci998: { lower: row[2], upper: row[3] }, method: 'Exact' };
  }
  return {
    ci95: { lower: byarsLower(o, Z95), upper: byarsUpper(o, Z95) },
    ci998: { lower: byarsLower(o, Z998), upper: byarsUpper(o, Z998) },
    method: 'Byars',
  };
}

function scaled(limits: CountLimits, divisor: number, multiplier: number): Pick<Estimate, 'ci95' | 'ci998'> {
  const f = (i: Interval): Interval => ({ lower: (i.lower / divisor) * multiplier, upper: (i.upper / divisor) * multiplier });
  return { ci95: f(limits.ci95), ci998: f(limits.ci998) };
}

/**
 * Crude rate O/n x multiplier (default per 100,000), exact limits for O < 10 and Byar's otherwise.
 * Throws StatsInputError for a negative or non-finite count, or a denominator <= 0.
 */
export function crudeRate(count: number, denominator: number, multiplier = 100000): Estimate {
  const o = requireNonNegative(count, 'count');
  const n = requirePositive(denominator, 'denominator');
  const m = checkMultiplier(multiplier);
  const limits = poissonLimits(o);
  return { value: (o / n) * m, ...scaled(limits, n, m), method: limits.method };
}

/**
 * Indirectly standardised ratio O/E x refValue (default 100, as SMRs and SARs are usually published; use 1
 * for a plain ratio). Limits are the count's limits divided by E. A group's ratio is sum(O)/sum(E).
 */
export function isRatio(observed: number, expected: number, refValue = 100): Estimate {
  const o = requireNonNegative(observed, 'observed');
  const e = requirePositive(expected, 'expected');
  const r = requirePositive(refValue, 'reference value');
  const limits = poissonLimits(o, 'observed');
  return { value: (o / e) * r, ...scaled(limits, e, r), method: limits.method };
}
