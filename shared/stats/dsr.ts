/**
 * Directly standardised rates with Dobson et al. (1991) confidence limits, as PHEindicatormethods' phe_dsr:
 *   DSR = sum(O_i w_i / n_i) / sum(w_i) x multiplier
 *   var = sum(O_i (w_i / n_i)^2) / (sum w_i)^2
 *   limits = DSR + sqrt(var / O) x (Byar(O) - O) x multiplier, with O = sum O_i (Byar's limits for any O).
 * Not calculated (value null) when O < 10.
 */
import { ESP2013, ESP2013_BANDS, Z95, Z998 } from './constants.ts';
import { StatsInputError, requireNonNegative, show } from './errors.ts';
import { byarsLower, byarsUpper } from './poisson.ts';
import type { Estimate } from './types.ts';
import { checkMultiplier } from './wilson.ts';

export interface DsrBand {
  count: number;
  population: number;
  standard: number;
}

const METHOD = 'Dobson';

/** Label for band i in messages: the ESP2013 label when there are 19 bands, else "band i+1". */
function bandLabel(i: number, bandCount: number): string {
  return bandCount === ESP2013_BANDS.length ? `age band ${ESP2013_BANDS[i]}` : `band ${i + 1}`;
}

/**
 * DSR per `multiplier` (default 100,000). Throws StatsInputError for no bands, negative or non-finite
 * numbers, a standard whose weights sum to 0, or events in a band with no population.
 * Returns value null with a note when there are fewer than 10 events, or a band has neither events nor population
 * (PHEindicatormethods refuses zero denominators too).
 */
export function dsr(bands: { count: number; population: number; standard: number }[], multiplier = 100000): Estimate {
  if (!Array.isArray(bands) || bands.length === 0) throw new StatsInputError('a DSR needs at least one age band');
  const m = checkMultiplier(multiplier);
  let observed = 0;
  let weightSum = 0;
  const emptyBands: string[] = [];
  bands.forEach((b, i) => {
    const label = bandLabel(i, bands.length);
    const count = requireNonNegative(b?.count, `count in ${label}`);
    const population = requireNonNegative(b?.population, `population in ${label}`);
    const standard = requireNonNegative(b?.standard, `standard population in ${label}`);
    if (population === 0) {
      if (count > 0) throw new StatsInputError(`${label} has ${show(count)} events but a population of 0`);
      emptyBands.push(label);
    }
    observed += count;
    weightSum += standard;
  });
  if (weightSum <= 0) throw new StatsInputError('the standard population weights add up to 0');

  if (observed < 10) {
    return { value: null, ci95: null, ci998: null, method: METHOD, note: 'DSR not calculated: fewer than 10 events' };
  }
  if (emptyBands.length > 0) {
    return {
      value: null,
      ci95: null,
      ci998: null,
      method: METHOD,
      note: `DSR not calculated: no population in ${emptyBands.join(', ')}`,
    };
  }

  let weighted = 0;
  let squared = 0;
  for (const b of bands) {
    const ratio = b.standard / b.population;
    weighted += b.count * ratio;
    squared += b.count * ratio * ratio;
  }
  const value = (weighted / weightSum) * m;
  const variance = squared / (weightSum * weightSum);
  const k = Math.sqrt(variance / observed) * m;
  const limit = (byars: number): number => value + k * (byars - observed);
  return {
    value,
    ci95: { lower: limit(byarsLower(observed, Z95)), upper: limit(byarsUpper(observed, Z95)) },
    ci998: { lower: limit(byarsLower(observed, Z998)), upper: limit(byarsUpper(observed, Z998)) },
    method: METHOD,
  };
}

/** Pairs 19 ESP2013 weights with counts and populations (a convenience for callers with plain arrays). */
export function withEsp2013(bands: { count: number; population: number }[]): DsrBand[] {
  if (bands.length !== ESP2013.length) {
    throw new StatsInputError(`expected ${ESP2013.length} age bands (0-4 ... 85-89, 90+) but got ${bands.length}`);
  }
  return bands.map((b, i) => ({ count: b.count, population: b.population, standard: ESP2013[i] ?? 0 }));
}
