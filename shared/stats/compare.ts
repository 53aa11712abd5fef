/**
 * Comparison with a benchmark, by the OHID Fingertips rules (confidence interval overlapping the benchmark).
 *
 * One level (95%): Similar if lower95 <= benchmark <= upper95; otherwise the area is significantly higher or
 * lower, which the polarity turns into Better or Worse (or Higher / Lower for no-judgement indicators).
 * Two levels (95% and 99.8%): Similar if the benchmark is inside the 95% interval; Better/Worse if it lies
 * outside the 95% interval but inside (or on) the 99.8% interval; Best/Worst if it lies outside the 99.8% interval.
 * No-judgement indicators only ever say Higher / Similar / Lower.
 * No value, no interval, or no benchmark: Not compared.
 */
import { StatsInputError, show } from './errors.ts';
import type { Comparison, Estimate, Interval, Polarity } from './types.ts';

const POLARITIES: readonly Polarity[] = ['high-is-good', 'low-is-good', 'no-judgement'];

/** Where the benchmark sits relative to an interval: the area is 'higher' when the interval is above it. */
function side(ci: Interval, benchmark: number): 'higher' | 'lower' | 'inside' {
  if (benchmark < ci.lower) return 'higher';
  if (benchmark > ci.upper) return 'lower';
  return 'inside';
}

function usable(ci: Interval | null): ci is Interval {
  return ci !== null && Number.isFinite(ci.lower) && Number.isFinite(ci.upper);
}

export function compare(area: Estimate, benchmark: number | null, polarity: Polarity, levels: 1 | 2 = 1): Comparison {
  if (!POLARITIES.includes(polarity)) {
    throw new StatsInputError(`polarity must be one of ${POLARITIES.join(', ')}, but it is "${String(polarity)}"`);
  }
  if (levels !== 1 && levels !== 2) throw new StatsInputError(`levels must be 1 or 2, but it is ${String(levels)}`);
  if (benchmark === null || benchmark === undefined) return 'not-compared';
  if (typeof benchmark !== 'number' || !Number.isFinite(benchmark)) {
    throw new StatsInputError(`benchmark must be a finite number or null, but it is ${typeof benchmark === 'number' ? show(benchmark) : String(benchmark)}`);
  }
  if (area.value === null || !usable(area.ci95)) return 'not-compared';
  if (levels === 2 && !usable(area.ci998)) return 'not-compared';

  const at95 = side(area.ci95, benchmark);
  if (at95 === 'inside') return 'similar';
  if (polarity === 'no-judgement') return at95;
  const good = (at95 === 'higher') === (polarity === 'high-is-good');
  if (levels === 2 && area.ci998 && side(area.ci998, benchmark) !== 'inside') return good ? 'best' : 'worst';
  return good ? 'better' : 'worse';
}

/** Plain-English label for a comparison result (always print the word: never rely on colour alone). */
export const COMPARISON_LABELS: Readonly<Record<Comparison, string>> = Object.freeze({
  better: 'Better',
  similar: 'Similar',
  worse: 'Worse',
  best: 'Best',
  worst: 'Worst',
  higher: 'Higher',
  lower: 'Lower',
  'not-compared': 'Not compared',
});

/** Classic Fingertips colours for each comparison result. */
export const COMPARISON_COLOURS: Readonly<Record<Comparison, string>> = Object.freeze({
  better: '#92d050',
  similar: '#ffc000',
  worse: '#c00000',
  best: '#00b092',
  worst: '#821733',
  lower: '#5555E6',
  higher: '#C2CCFF',
  'not-compared': '#c9c9c9',
});

/** GOV.UK palette alternative for the three-way key (other results keep their classic colours). */
export const COMPARISON_COLOURS_GOVUK: Readonly<Record<Comparison, string>> = Object.freeze({
  ...COMPARISON_COLOURS,
  better: '#00703C',
  similar: '#FFDD00',
  worse: '#D4351C',
});
