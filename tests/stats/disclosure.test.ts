import { describe, expect, it } from 'vitest';
import { crudeRate, disclose, roundToNearest5, StatsInputError } from '../../shared/stats/index.ts';

describe('disclosure control', () => {
  it('shows 1-7 as <8, 0 as 0, null as an en dash', () => {
    expect(disclose(null)).toBe('–');
    expect(disclose(0)).toBe('0');
    for (let c = 1; c <= 7; c++) expect(disclose(c)).toBe('<8');
    expect(disclose(8)).toBe('8');
    expect(disclose(1234)).toBe('1234');
  });

  it('threshold is configurable (5 or 7)', () => {
    expect(disclose(4, 5)).toBe('<5');
    expect(disclose(5, 5)).toBe('5');
    expect(disclose(6, 7)).toBe('<7');
    expect(disclose(7, 7)).toBe('7');
  });

  it('optionally rounds other counts to the nearest 5', () => {
    expect(disclose(8, 8, { roundTo5: true })).toBe('10');
    expect(disclose(12, 8, { roundTo5: true })).toBe('10');
    expect(disclose(13, 8, { roundTo5: true })).toBe('15');
    expect(disclose(3, 8, { roundTo5: true })).toBe('<8');
    expect(disclose(0, 8, { roundTo5: true })).toBe('0');
    expect(roundToNearest5(22)).toBe(20);
    expect(roundToNearest5(23)).toBe(25);
    expect(roundToNearest5(0)).toBe(0);
  });

  it('never changes the statistics: rates use the unrounded count', () => {
    expect(disclose(5)).toBe('<8');
    expect(crudeRate(5, 100, 100).value).toBe(5);
  });

  it('rejects negative counts and bad thresholds', () => {
    expect(() => disclose(-1)).toThrow(StatsInputError);
    expect(() => disclose(-1)).toThrow('count -1 is negative');
    expect(() => disclose(3, 0)).toThrow('disclosure threshold must be greater than 0, but it is 0');
    expect(() => disclose(Number.NaN)).toThrow('count must be a finite number, but it is NaN');
  });
});
