import { describe, expect, it } from 'vitest';
import { provisionalPeriods } from '../../shared/provisional.ts';

describe('provisional periods, read from the publisher\'s words', () => {
  it('finds "2021/22 is provisional" (DWP children in low income families) and nothing else', () => {
    const periods = ['2014/15', '2019/20', '2020/21', '2021/22'];
    const text = 'DWP count of dependent children (under 16), by financial year. 2021/22 is provisional.';
    expect([...provisionalPeriods(periods, text)]).toEqual(['2021/22']);
  });

  it('finds a month written in words for a YYYY-MM period (DWP Universal Credit households)', () => {
    const periods = ['2016-02', '2022-02', '2023-11'];
    const text =
      'DWP count of households on Universal Credit: one snapshot a year (February 2016-2022) and the latest month in the source (November 2023, provisional). Households, not claimants.';
    expect([...provisionalPeriods(periods, text)]).toEqual(['2023-11']);
  });

  it('marks nothing when the text does not say provisional, or says it of another period', () => {
    expect(provisionalPeriods(['2021', '2022'], 'Census 2021 counts.').size).toBe(0);
    expect(provisionalPeriods(['2019/20', '2020/21'], 'Final figures for 2020/21. 2021/22 is provisional.').size).toBe(0);
  });
});
