import { describe, expect, it } from 'vitest';
import type { Comparison, Estimate, Polarity } from '../../shared/stats/index.ts';
import { COMPARISON_COLOURS, COMPARISON_LABELS, compare, crudeRate, dsr, proportion, StatsInputError, weightedMean, withEsp2013 } from '../../shared/stats/index.ts';

// Fingertips comparer test: area value 2.6, 95% 2.5-2.7, 99.8% 2.3-2.9.
const area: Estimate = { value: 2.6, ci95: { lower: 2.5, upper: 2.7 }, ci998: { lower: 2.3, upper: 2.9 }, method: 'test' };

describe('compare: two levels (95% and 99.8%)', () => {
  const table: [number, Comparison, Comparison][] = [
    // benchmark, low-is-good, high-is-good
    [3.0, 'best', 'worst'],
    [2.8, 'better', 'worse'],
    [2.6, 'similar', 'similar'],
    [2.4, 'worse', 'better'],
    [2.2, 'worst', 'best'],
  ];
  it.each(table)('benchmark %s: low-is-good %s, high-is-good %s', (benchmark, low, high) => {
    expect(compare(area, benchmark, 'low-is-good', 2)).toBe(low);
    expect(compare(area, benchmark, 'high-is-good', 2)).toBe(high);
  });

  it('a benchmark on a 95% limit is similar; on a 99.8% limit is better/worse, not best/worst', () => {
    expect(compare(area, 2.7, 'high-is-good', 2)).toBe('similar');
    expect(compare(area, 2.5, 'high-is-good', 2)).toBe('similar');
    expect(compare(area, 2.9, 'high-is-good', 2)).toBe('worse');
    expect(compare(area, 2.3, 'high-is-good', 2)).toBe('better');
    expect(compare(area, 2.9000001, 'high-is-good', 2)).toBe('worst');
    expect(compare(area, 2.2999999, 'high-is-good', 2)).toBe('best');
  });

  it('no-judgement says only higher / similar / lower', () => {
    expect(compare(area, 3.0, 'no-judgement', 2)).toBe('lower');
    expect(compare(area, 2.8, 'no-judgement', 2)).toBe('lower');
    expect(compare(area, 2.6, 'no-judgement', 2)).toBe('similar');
    expect(compare(area, 2.4, 'no-judgement', 2)).toBe('higher');
    expect(compare(area, 2.2, 'no-judgement', 2)).toBe('higher');
  });
});

describe('compare: one level (95%, the default)', () => {
  const table: [number, Comparison, Comparison][] = [
    [3.0, 'better', 'worse'],
    [2.8, 'better', 'worse'],
    [2.7, 'similar', 'similar'],
    [2.6, 'similar', 'similar'],
    [2.5, 'similar', 'similar'],
    [2.4, 'worse', 'better'],
    [2.2, 'worse', 'better'],
  ];
  it.each(table)('benchmark %s: low-is-good %s, high-is-good %s', (benchmark, low, high) => {
    expect(compare(area, benchmark, 'low-is-good')).toBe(low);
    expect(compare(area, benchmark, 'high-is-good', 1)).toBe(high);
  });

  it('no-judgement', () => {
    expect(compare(area, 3.0, 'no-judgement')).toBe('lower');
    expect(compare(area, 2.6, 'no-judgement')).toBe('similar');
    expect(compare(area, 2.2, 'no-judgement')).toBe('higher');
  });

  it('one level needs no 99.8% interval', () => {
    expect(compare({ ...area, ci998: null }, 3.0, 'low-is-good', 1)).toBe('better');
  });
});

describe('compare: not compared', () => {
  const polarities: Polarity[] = ['high-is-good', 'low-is-good', 'no-judgement'];
  it.each(polarities)('null benchmark (%s)', (p) => {
    expect(compare(area, null, p, 2)).toBe('not-compared');
    expect(compare(area, null, p, 1)).toBe('not-compared');
  });

  it('null value or null 95% interval', () => {
    expect(compare({ ...area, value: null }, 3.0, 'high-is-good')).toBe('not-compared');
    expect(compare({ ...area, ci95: null }, 3.0, 'high-is-good')).toBe('not-compared');
    expect(compare({ ...area, ci95: null, ci998: null }, 3.0, 'low-is-good', 2)).toBe('not-compared');
  });

  it('two levels without a 99.8% interval', () => {
    expect(compare({ ...area, ci998: null }, 3.0, 'low-is-good', 2)).toBe('not-compared');
  });

  it('a DSR from fewer than 10 events, and a weighted mean, are not compared', () => {
    const small = dsr(withEsp2013(Array.from({ length: 19 }, (_, i) => ({ count: i < 3 ? 1 : 0, population: 500 }))));
    expect(compare(small, 100, 'low-is-good')).toBe('not-compared');
    const mean = weightedMean([{ value: 10, weight: 1 }, { value: 30, weight: 3 }]);
    expect(mean.value).toBe(25);
    expect(compare(mean, 100, 'low-is-good', 2)).toBe('not-compared');
  });

  it('real estimates compare as expected', () => {
    // 65/100: 95% 0.5525-0.7364, 99.8% 0.4955-0.7784
    expect(compare(proportion(65, 100), 0.5, 'high-is-good', 2)).toBe('better');
    expect(compare(proportion(65, 100), 0.49, 'high-is-good', 2)).toBe('best');
    expect(compare(proportion(65, 100), 0.6, 'high-is-good', 2)).toBe('similar');
    expect(compare(crudeRate(222, 3215, 100), 8, 'low-is-good', 2)).toBe('better');
    expect(compare(crudeRate(222, 3215, 100), 9, 'low-is-good', 2)).toBe('best');
  });

  it('rejects a non-finite benchmark, an unknown polarity, or levels other than 1 and 2', () => {
    expect(() => compare(area, Number.NaN, 'high-is-good')).toThrow(StatsInputError);
    expect(() => compare(area, Number.NaN, 'high-is-good')).toThrow('benchmark must be a finite number or null, but it is NaN');
    expect(() => compare(area, 2, 'up' as Polarity)).toThrow('polarity must be one of high-is-good, low-is-good, no-judgement');
    expect(() => compare(area, 2, 'high-is-good', 3 as 1)).toThrow('levels must be 1 or 2, but it is 3');
  });
});

describe('labels and colours', () => {
  it('every result has a word and a colour', () => {
    expect(COMPARISON_LABELS['not-compared']).toBe('Not compared');
    expect(COMPARISON_COLOURS.better).toBe('#92d050');
    expect(COMPARISON_COLOURS.worst).toBe('#821733');
    expect(Object.keys(COMPARISON_LABELS).sort()).toEqual(Object.keys(COMPARISON_COLOURS).sort());
  });
});
