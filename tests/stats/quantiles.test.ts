import { describe, expect, it } from 'vitest';
import { quantiles, StatsInputError } from '../../shared/stats/index.ts';

describe('quantiles (phe_quantile)', () => {
  it('10 values into quintiles (worked by hand: N/k = 2)', () => {
    // rank r -> floor(6 - ceiling((11 - r) / 2))
    expect(quantiles([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quantiles([100, 90, 80, 70, 60, 50, 40, 30, 20, 10], 5)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('ties take the minimum rank and nulls get no quantile (worked by hand)', () => {
    // N = 6, k = 3, N/k = 2. Ranks (min): 1 -> 1, 3 -> 2, 3 -> 2, 5 -> 4, 7 -> 5, 9 -> 6.
    // q = floor(4 - ceiling((7 - r) / 2)): r=1 -> 1, r=2 -> 1, r=4 -> 2, r=5 -> 3, r=6 -> 3.
    expect(quantiles([5, 3, null, 3, 9, 1, 7], 3)).toEqual([2, 1, null, 1, 3, 1, 3]);
  });

  it('invert ranks on max - value, so the highest value is quantile 1', () => {
    // adjusted = 9 - v: [4, 6, -, 6, 0, 8, 2]; ranks 3, 4, -, 4, 1, 6, 2 -> q 2, 2, -, 2, 1, 3, 1
    expect(quantiles([5, 3, null, 3, 9, 1, 7], 3, true)).toEqual([2, 2, null, 2, 1, 3, 1]);
  });

  it('31 wards into quintiles: sizes follow phe_quantile (quantile 1 takes the extra ward: 7, 6, 6, 6, 6)', () => {
    const values = Array.from({ length: 31 }, (_, i) => i + 1);
    const q = quantiles(values, 5);
    const counts = [1, 2, 3, 4, 5].map((k) => q.filter((x) => x === k).length);
    // N/k = 6.2: rank r -> floor(6 - ceiling((32 - r) / 6.2))
    const expected = values.map((r) => Math.floor(6 - Math.ceil((32 - r) / 6.2)) || 1);
    expect(q).toEqual(expected);
    expect(counts).toEqual([7, 6, 6, 6, 6]);
    expect(q.slice(0, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('N < k assigns nothing', () => {
    expect(quantiles([3, 1, 2, null], 5)).toEqual([null, null, null, null]);
    expect(quantiles([], 5)).toEqual([]);
    // N = k works: one per quantile
    expect(quantiles([50, 10, 40, 20, 30], 5)).toEqual([5, 1, 4, 2, 3]);
  });

  it('rejects bad k or non-finite values', () => {
    expect(() => quantiles([1, 2], 0)).toThrow(StatsInputError);
    expect(() => quantiles([1, 2], 2.5)).toThrow('the number of quantiles must be a whole number of at least 1, but it is 2.5');
    expect(() => quantiles([1, Number.NaN], 2)).toThrow('value 2 must be a finite number or null, but it is NaN');
  });
});
