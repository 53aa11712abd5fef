import { describe, expect, it } from 'vitest';
import type { MemberInput } from '../../shared/stats/index.ts';
import { aggregate, compare, ESP2013, NOT_AGGREGATABLE_NOTE } from '../../shared/stats/index.ts';
import { DSR_COUNTS, DSR_POPS, LE_DEATHS, LE_POPS, near, nearEstimate } from './helpers.ts';

const TOL = 1e-6;

describe('aggregate: sum numerators and denominators, compute once', () => {
  it('proportion: 30/50 + 35/50 is 65/100 (Wilson known answer), not the mean of 60% and 70%', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 1 }, [
      { code: 'E05000001', name: 'Castle', numerator: 30, denominator: 50 },
      { code: 'E05000002', name: 'Abbey', numerator: 35, denominator: 50 },
    ]);
    nearEstimate(g, 0.65, [0.552544433, 0.736357518], [0.495494657, 0.778354061], TOL);
    expect(g.numerator).toBe(65);
    expect(g.denominator).toBe(100);
    expect(g.coverage).toEqual({ wards: 2, of: 2 });
    expect(g.missing).toEqual([]);
    expect(g.estimate).toBe(false);
    expect(g.method).toBe('Wilson');
    // unequal denominators: 10/20 + 90/100 = 100/120, not (50% + 90%) / 2
    const h = aggregate({ valueType: 'proportion', multiplier: 100 }, [
      { code: 'a', numerator: 10, denominator: 20 },
      { code: 'b', numerator: 90, denominator: 100 },
    ]);
    near(h.value, (100 / 120) * 100, 1e-12);
  });

  it('crude rate: wards summing to 222 / 3215 give the Byar known answer', () => {
    const g = aggregate({ valueType: 'crude-rate', multiplier: 100 }, [
      { code: 'a', numerator: 100, denominator: 1500 },
      { code: 'b', numerator: 2, denominator: 15 },
      { code: 'c', numerator: 120, denominator: 1700 },
    ]);
    nearEstimate(g, 6.905132193, [6.026574878, 7.875729371], [5.560737695, 8.461046682], TOL);
    expect(g.method).toBe('Byars');
  });

  it('crude rate: a small group uses exact limits (5 / 100)', () => {
    const g = aggregate({ valueType: 'crude-rate', multiplier: 100 }, [
      { code: 'a', numerator: 2, denominator: 60 },
      { code: 'b', numerator: 3, denominator: 40 },
    ]);
    nearEstimate(g, 5, [1.62348639, 11.668332079], [0.739371732, 16.454745204], TOL);
    expect(g.method).toBe('Exact');
  });

  it('ISR: sum(O) / sum(E)', () => {
    const g = aggregate({ valueType: 'isr', multiplier: 100 }, [
      { code: 'a', numerator: 100, denominator: 80.5 },
      { code: 'b', numerator: 122, denominator: 119.5 },
    ]);
    nearEstimate(g, 111, [96.877191158, 126.602349637], [89.388858451, 136.011325409], TOL);
    expect(g.numerator).toBe(222);
    expect(g.denominator).toBe(200);
  });

  it('DSR: age bands summed across wards give the Dobson known answer', () => {
    const w1 = DSR_COUNTS.map((c, i) => ({ count: Math.floor(c / 2), population: Math.floor((DSR_POPS[i] ?? 0) / 3) }));
    const w2 = DSR_COUNTS.map((c, i) => ({ count: c - Math.floor(c / 2), population: (DSR_POPS[i] ?? 0) - Math.floor((DSR_POPS[i] ?? 0) / 3) }));
    const g = aggregate({ valueType: 'dsr', multiplier: 100000 }, [
      { code: 'a', bands: w1 },
      { code: 'b', bands: w2 },
    ]);
    nearEstimate(g, 1103.2120253, [877.455767537, 1367.088222725], [763.642035794, 1530.032894824], TOL);
    expect(g.numerator).toBe(91);
    expect(g.denominator).toBe(DSR_POPS.reduce((s, x) => s + x, 0));
    expect(g.method).toBe('Dobson');
  });

  it('DSR with a custom standard', () => {
    const g = aggregate({ valueType: 'dsr', multiplier: 1000, standard: [1, 3] }, [
      { code: 'a', bands: [{ count: 5, population: 1000 }, { count: 5, population: 500 }] },
      { code: 'b', bands: [{ count: 5, population: 1000 }, { count: 5, population: 500 }] },
    ]);
    // (10/2000 x 1 + 10/1000 x 3) / 4 x 1000 = 8.75
    near(g.value, 8.75, 1e-12);
  });

  it('DSR under 10 events keeps its counts but no value', () => {
    const bands = ESP2013.map((_, i) => ({ count: i < 4 ? 1 : 0, population: 100 }));
    const g = aggregate({ valueType: 'dsr', multiplier: 100000 }, [{ code: 'a', bands }, { code: 'b', bands }]);
    expect(g.value).toBeNull();
    expect(g.note).toBe('DSR not calculated: fewer than 10 events');
    expect(g.numerator).toBe(8);
    expect(compare(g, 500, 'low-is-good')).toBe('not-compared');
  });

  it('life expectancy: 20 bands summed across three wards give the Chiang II known answer', () => {
    const parts = [0.2, 0.3, 0.5];
    const members: MemberInput[] = parts.map((_, w) => ({
      code: `w${w}`,
      bands: LE_DEATHS.map((d, i) => {
        const pop = LE_POPS[i] ?? 0;
        const share = (x: number): number => (w < 2 ? Math.floor(x * (parts[w] ?? 0)) : x - Math.floor(x * 0.2) - Math.floor(x * 0.3));
        return { count: share(d), population: share(pop) };
      }),
    }));
    const g = aggregate({ valueType: 'life-expectancy', multiplier: 1 }, members);
    near(g.value, 80.16960813, TOL);
    near(g.ci95?.lower, 79.8827, 1e-4);
    near(g.ci95?.upper, 80.4565, 1e-4);
    expect(g.numerator).toBe(LE_DEATHS.reduce((s, x) => s + x, 0));
    expect(g.method).toBe('Chiang II');
    const at65 = aggregate({ valueType: 'life-expectancy', multiplier: 1, ageIndex: 14 }, members);
    near(at65.value, 18.768568517234474, 1e-9);
  });

  it('mean score: population-weighted mean, no interval, not compared', () => {
    const g = aggregate({ valueType: 'mean-score', multiplier: 1 }, [
      { code: 'a', value: 10, weight: 100 },
      { code: 'b', value: 20, weight: 300 },
    ]);
    expect(g.value).toBe(17.5);
    expect(g.ci95).toBeNull();
    expect(g.method).toBe('Weighted mean');
    expect(g.denominator).toBe(400);
    expect(compare(g, 12, 'low-is-good', 2)).toBe('not-compared');
  });

  it('mean score with zero total weight has no value', () => {
    const g = aggregate({ valueType: 'mean-score', multiplier: 1 }, [
      { code: 'a', value: 10, weight: 0 },
      { code: 'b', value: 20, weight: 0 },
    ]);
    expect(g.value).toBeNull();
    expect(g.note).toBe('weighted mean not calculated: the weights add up to 0');
  });

  it('count: sum, no interval', () => {
    const g = aggregate({ valueType: 'count', multiplier: 1 }, [
      { code: 'a', numerator: 4 },
      { code: 'b', numerator: 9 },
    ]);
    expect(g.value).toBe(13);
    expect(g.numerator).toBe(13);
    expect(g.ci95).toBeNull();
    expect(g.method).toBe('Count');
  });

  it('rank / other: not available for combined areas; a one-ward group keeps its value', () => {
    const two = aggregate({ valueType: 'rank', multiplier: 1 }, [
      { code: 'a', value: 3 },
      { code: 'b', value: 17 },
    ]);
    expect(two.value).toBeNull();
    expect(two.note).toBe(NOT_AGGREGATABLE_NOTE);
    expect(two.note).toBe('not available for combined areas');
    const one = aggregate({ valueType: 'other', multiplier: 1 }, [{ code: 'a', value: 42.5 }]);
    expect(one.value).toBe(42.5);
    expect(compare(one, 40, 'high-is-good')).toBe('not-compared');
  });

  it('a zero summed denominator is not calculated rather than an error', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 100 }, [{ code: 'a', numerator: 0, denominator: 0 }]);
    expect(g.value).toBeNull();
    expect(g.note).toBe('not calculated: the denominator is 0');
  });
});

describe('aggregate: missing is not zero', () => {
  const wards: MemberInput[] = [
    { code: 'E05000001', name: 'Abington', numerator: 10, denominator: 100 },
    { code: 'E05000002', name: 'Castle', numerator: null, denominator: 120 },
    { code: 'E05000003', name: 'Delapre', numerator: 12, denominator: 90 },
    { code: 'E05000004', name: 'Eastfield', numerator: 8, denominator: 110 },
  ];

  it('one missing ward makes the group incomplete, names it, and it is not compared', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 100 }, wards);
    expect(g.value).toBeNull();
    expect(g.ci95).toBeNull();
    expect(g.ci998).toBeNull();
    expect(g.note).toBe('incomplete: no value for Castle (3 of 4 wards)');
    expect(g.coverage).toEqual({ wards: 3, of: 4 });
    expect(g.missing).toEqual(['Castle']);
    expect(g.numerator).toBeNull();
    expect(compare(g, 10, 'low-is-good', 2)).toBe('not-compared');
  });

  it('lists several missing wards, by name or code', () => {
    const g = aggregate({ valueType: 'crude-rate', multiplier: 100000 }, [
      ...wards.slice(0, 3),
      { code: 'E05000009', denominator: 50 },
    ]);
    expect(g.note).toBe('incomplete: no value for Castle and E05000009 (2 of 4 wards)');
    expect(g.missing).toEqual(['Castle', 'E05000009']);
  });

  it('missingIsZero treats a missing count as 0 (but not a missing denominator)', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 100, missingIsZero: true }, wards);
    near(g.value, (30 / 420) * 100, 1e-12);
    expect(g.coverage).toEqual({ wards: 4, of: 4 });
    const noDenominator = aggregate({ valueType: 'proportion', multiplier: 100, missingIsZero: true }, [
      { code: 'a', name: 'Abbey', numerator: 3 },
      { code: 'b', numerator: 4, denominator: 10 },
    ]);
    expect(noDenominator.value).toBeNull();
    expect(noDenominator.note).toBe('incomplete: no value for Abbey (1 of 2 wards)');
  });

  it('missing bands or mean-score weights are missing too', () => {
    const dsrGroup = aggregate({ valueType: 'dsr', multiplier: 100000 }, [{ code: 'a', name: 'Kings Heath', bands: null }]);
    expect(dsrGroup.note).toBe('incomplete: no value for Kings Heath (0 of 1 ward)');
    const mean = aggregate({ valueType: 'mean-score', multiplier: 1 }, [
      { code: 'a', value: 10, weight: 100 },
      { code: 'b', name: 'Spencer', value: 20 },
    ]);
    expect(mean.value).toBeNull();
    expect(mean.missing).toEqual(['Spencer']);
  });

  it('an empty group has no value and says so', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 100 }, []);
    expect(g.value).toBeNull();
    expect(g.note).toBe('no wards in this group');
    expect(g.coverage).toEqual({ wards: 0, of: 0 });
  });

  it('a group is an estimate if any member is', () => {
    const g = aggregate({ valueType: 'proportion', multiplier: 100 }, [
      { code: 'a', numerator: 1, denominator: 10 },
      { code: 'b', numerator: 2, denominator: 10, estimate: true },
    ]);
    expect(g.estimate).toBe(true);
    expect(g.value).not.toBeNull();
  });
});
