import { expect } from 'vitest';
import type { Estimate, Interval } from '../../shared/stats/index.ts';

/** Asserts |actual - expected| <= tol, with a readable failure. */
export function near(actual: number | null | undefined, expected: number, tol: number): void {
  expect(actual, `expected ${expected} ± ${tol}`).not.toBeNull();
  expect(actual, `expected ${expected} ± ${tol}`).not.toBeUndefined();
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `got ${actual}, expected ${expected} ± ${tol}`).toBeLessThanOrEqual(tol);
}

export function nearInterval(actual: Interval | null, lower: number, upper: number, tol: number): void {
  expect(actual).not.toBeNull();
  near(actual?.lower, lower, tol);
  near(actual?.upper, upper, tol);
}

/** A value with both intervals: asserts value, 95% and 99.8% limits. */
export function nearEstimate(
  e: Estimate,
  value: number,
  ci95: [number, number],
  ci998: [number, number] | null,
  tol: number,
): void {
  near(e.value, value, tol);
  nearInterval(e.ci95, ci95[0], ci95[1], tol);
  if (ci998) nearInterval(e.ci998, ci998[0], ci998[1], tol);
}

/** The known-answer life table (PHEindicatormethods testLifeExpectancy.R / phe_life_expectancy example). */
export const LE_POPS = [
  7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978, 37039, 33288,
  23306, 11936, 11936,
];
export const LE_DEATHS = [
  17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937,
];
export const leBands = (): { deaths: number; population: number }[] =>
  LE_DEATHS.map((deaths, i) => ({ deaths, population: LE_POPS[i] ?? 0 }));

/** The known-answer DSR data (testdata_DSR_ISR.xlsx), per 100,000 with ESP2013. */
export const DSR_POPS = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
export const DSR_COUNTS = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4];
