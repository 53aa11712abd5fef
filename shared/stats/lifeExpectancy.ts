/**
 * Life expectancy from an abridged life table (Chiang 1984, "Chiang II"), with Silcocks et al. (2001) variance
 * for the final, open-ended age band - as PHEindicatormethods' phe_life_expectancy and the OHID/PHE Life
 * Expectancy Calculator.
 *
 * 20 bands: 0, 1-4, 5-9, ..., 85-89, 90+. a_i = 0.1 for age 0, 0.5 otherwise; n_i = band width; M_i = D_i/P_i.
 *   q_i = M_i n_i / (1 + M_i n_i (1 - a_i))  (q = 1 for the last band; capped at 1 as in the PHE calculator)
 *   l_0 = 100,000; l_i = l_{i-1}(1 - q_{i-1}); d_i = l_i - l_{i+1}
 *   L_i = n_i (l_{i+1} + a_i d_i), last band L = l / M;  T_i = sum_{j>=i} L_j;  e_i = T_i / l_i
 *   s2_i = q_i^2 (1 - q_i) / D_i (0 when D_i = 0), last band 4 / (D M^2)
 *   W_i = s2_i l_i^2 ((1 - a_i) n_i + e_{i+1})^2, last band (l / 2)^2 s2
 *   SE(e_i) = sqrt(sum_{j>=i} W_j / l_i^2); limits e_i -/+ z SE(e_i)
 *
 * Not given (value and intervals null, with a note) when a band has population <= 0 or more deaths than
 * population, the total population is 5,000 or less, there are no deaths in the 90+ band, or the 95% interval
 * is wider than 20 years. PHEindicatormethods still prints the intervals in that last case; we suppress them
 * too, so that a suppressed value can never be compared.
 */
import { LIFE_TABLE_BANDS, LIFE_TABLE_START_AGES, Z95, Z998 } from './constants.ts';
import { StatsInputError, requireNonNegative, requirePositive, withCommas } from './errors.ts';
import type { Estimate } from './types.ts';

export const LIFE_TABLE_BAND_COUNT = 20;
/** Below or at this total population, life expectancy is not given (Toson & Baker 2003). */
export const LIFE_EXPECTANCY_MIN_POPULATION = 5000;
/** A 95% interval wider than this (years) suppresses the value. */
export const LIFE_EXPECTANCY_MAX_CI_WIDTH = 20;

const METHOD = 'Chiang II';

/** Widths of the 19 closed bands (0: 1 year, 1-4: 4 years, then 5 years). */
const WIDTHS: readonly number[] = LIFE_TABLE_START_AGES.slice(1).map((start, i) => start - (LIFE_TABLE_START_AGES[i] ?? 0));

export interface LifeExpectancyOptions {
  /** z for the first interval (default Z95 = qnorm(0.975)). Published PHE examples used 1.96. */
  z95?: number;
  /** z for the second interval (default Z998 = qnorm(0.999)). */
  z998?: number;
}

export interface LifeTable {
  /** Life expectancy at the start of each band. */
  e: number[];
  /** Standard error of e at each band. */
  se: number[];
  /** Survivors to the start of each band, of 100,000 born. */
  l: number[];
  q: number[];
}

/** Builds the life table from validated bands (20, every population > 0, deaths <= population, 90+ deaths > 0). */
export function lifeTable(bands: { deaths: number; population: number }[]): LifeTable {
  const last = LIFE_TABLE_BAND_COUNT - 1;
  const D = bands.map((b) => b.deaths);
  const M = bands.map((b) => b.deaths / b.population);
  const a = (i: number): number => (i === 0 ? 0.1 : 0.5);
  const n = (i: number): number => WIDTHS[i] ?? 0;
  const at = (xs: number[], i: number): number => xs[i] ?? 0;

  const q: number[] = [];
  for (let i = 0; i < last; i++) {
    const mn = at(M, i) * n(i);
    q.push(Math.min(1, mn / (1 + mn * (1 - a(i)))));
  }
  q.push(1);

  const l: number[] = [100000];
  for (let i = 1; i <= last; i++) l.push(at(l, i - 1) * (1 - at(q, i - 1)));

  const L: number[] = [];
  for (let i = 0; i < last; i++) {
    const d = at(l, i) - at(l, i + 1);
    L.push(n(i) * (at(l, i + 1) + a(i) * d));
  }
  L.push(at(l, last) / at(M, last));

  // T and e, summing from the oldest band down (as rev(cumsum(rev(L))) does).
  const e = new Array<number>(LIFE_TABLE_BAND_COUNT).fill(0);
  let T = 0;
  for (let i = last; i >= 0; i--) {
    T += at(L, i);
    e[i] = at(l, i) === 0 ? 0 : T / at(l, i);
  }

  const W: number[] = [];
  for (let i = 0; i < last; i++) {
    const qi = at(q, i);
    const s2 = at(D, i) === 0 ? 0 : (qi * qi * (1 - qi)) / at(D, i);
    const li = at(l, i);
    const term = (1 - a(i)) * n(i) + at(e, i + 1);
    W.push(s2 * li * li * term * term);
  }
  const mLast = at(M, last);
  const s2Last = 4 / (at(D, last) * mLast * mLast);
  W.push((at(l, last) / 2) ** 2 * s2Last);

  const se = new Array<number>(LIFE_TABLE_BAND_COUNT).fill(0);
  let ST = 0;
  for (let i = last; i >= 0; i--) {
    ST += at(W, i);
    const li = at(l, i);
    se[i] = Math.sqrt(ST / (li * li));
  }
  return { e, se, l, q };
}

function notGiven(note: string): Estimate {
  return { value: null, ci95: null, ci998: null, method: METHOD, note };
}

/**
 * Life expectancy at the start of band `ageIndex` (0 = at birth, 14 = at 65, 19 = at 90) from 20 bands of
 * deaths and populations (0, 1-4, 5-9, ..., 85-89, 90+). Throws StatsInputError for the wrong number of
 * bands, a bad ageIndex, or negative / non-finite numbers; returns value null with a note when not given.
 */
export function lifeExpectancy(
  bands: { deaths: number; population: number }[],
  ageIndex = 0,
  options: LifeExpectancyOptions = {},
): Estimate {
  if (!Array.isArray(bands) || bands.length !== LIFE_TABLE_BAND_COUNT) {
    const got = Array.isArray(bands) ? bands.length : 0;
    throw new StatsInputError(
      `life expectancy needs exactly ${LIFE_TABLE_BAND_COUNT} age bands (0, 1-4, 5-9, ..., 85-89, 90+) but got ${got}`,
    );
  }
  if (!Number.isInteger(ageIndex) || ageIndex < 0 || ageIndex >= LIFE_TABLE_BAND_COUNT) {
    throw new StatsInputError(`ageIndex must be a whole number from 0 to ${LIFE_TABLE_BAND_COUNT - 1}, but it is ${String(ageIndex)}`);
  }
  const z95 = requirePositive(options.z95 ?? Z95, 'z95');
  const z998 = requirePositive(options.z998 ?? Z998, 'z998');
  const clean = bands.map((b, i) => ({
    deaths: requireNonNegative(b?.deaths, `deaths in age band ${LIFE_TABLE_BANDS[i]}`),
    population: requireNonNegative(b?.population, `population in age band ${LIFE_TABLE_BANDS[i]}`),
  }));

  const noPop = clean.flatMap((b, i) => (b.population <= 0 ? [LIFE_TABLE_BANDS[i]] : []));
  if (noPop.length > 0) return notGiven(`life expectancy not calculated: no population in age band ${noPop.join(', ')}`);
  const tooMany = clean.flatMap((b, i) => (b.deaths > b.population ? [LIFE_TABLE_BANDS[i]] : []));
  if (tooMany.length > 0) {
    return notGiven(`life expectancy not calculated: more deaths than population in age band ${tooMany.join(', ')}`);
  }
  const total = clean.reduce((s, b) => s + b.population, 0);
  if (total <= LIFE_EXPECTANCY_MIN_POPULATION) {
    return notGiven(`life expectancy not calculated: the total population (${withCommas(total)}) must be more than ${withCommas(LIFE_EXPECTANCY_MIN_POPULATION)}`);
  }
  if ((clean[LIFE_TABLE_BAND_COUNT - 1]?.deaths ?? 0) === 0) {
    return notGiven('life expectancy not calculated: there are no deaths in the 90+ age band');
  }

  const table = lifeTable(clean);
  const label = LIFE_TABLE_BANDS[ageIndex];
  if ((table.l[ageIndex] ?? 0) === 0) {
    return notGiven(`life expectancy not calculated: the death rates leave no survivors to age ${label}`);
  }
  const e = table.e[ageIndex] ?? NaN;
  const se = table.se[ageIndex] ?? NaN;
  if (!Number.isFinite(e) || !Number.isFinite(se)) {
    return notGiven('life expectancy not calculated: the life table could not be completed');
  }
  // The suppression rule always uses the true 95% z, whatever z the caller asks the intervals to use.
  if (2 * Z95 * se > LIFE_EXPECTANCY_MAX_CI_WIDTH) {
    return notGiven('life expectancy not given: its 95% confidence interval is wider than 20 years');
  }
  return {
    value: e,
    ci95: { lower: e - z95 * se, upper: e + z95 * se },
    ci998: { lower: e - z998 * se, upper: e + z998 * se },
    method: METHOD,
  };
}
