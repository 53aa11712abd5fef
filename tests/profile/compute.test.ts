import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aggregate, type ValueType } from '../../shared/stats/index.ts';
import { groupEstimate, oneMember, percentileInc, rowEstimate, spread } from '../../backend/profile/compute.ts';
import type { IndicatorMeta, ValueRecord } from '../../backend/profile/data.ts';
import { comparePeriods } from '../../backend/profile/data.ts';

function meta(valueType: ValueType, multiplier: number, extra: Partial<IndicatorMeta> = {}): IndicatorMeta {
  return {
    id: `t_${valueType}`,
    catalogueId: null,
    name: 'Test',
    shortName: 'Test',
    ambition: 'fit-well',
    topic: '',
    definition: '',
    valueType,
    multiplier,
    unit: '%',
    polarity: 'low-is-good',
    missingIsZero: false,
    disclosureControlled: false,
    wardLevel: true,
    methodNote: '',
    datasetId: null,
    spec: { valueType, multiplier },
    ...extra,
  };
}

function row(code: string, numerator: number | null, denominator: number | null, value: number | null = null): ValueRecord {
  return { indicatorId: 't', areaCode: code, period: '2024', numerator, denominator, value, ci95: null, ci998: null, estimate: true, note: null, datasetId: 1, bands: null };
}

describe('one ward: the direct statistic equals the engine’s group of one', () => {
  it.each([
    ['proportion', 100],
    ['proportion', 1],
    ['crude-rate', 100_000],
    ['isr', 100],
  ] as const)('%s x%d', (type, mult) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), fc.boolean(), (a, b, est) => {
        const x = type === 'proportion' ? Math.min(a, b) : a;
        const m = { code: 'E05000001', name: 'W', numerator: x, denominator: b, estimate: est };
        expect(oneMember(meta(type, mult), m)).toEqual(aggregate({ valueType: type, multiplier: mult }, [m]));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves anything unusual to the engine', () => {
    const p = meta('proportion', 100);
    expect(oneMember(p, { code: 'a', numerator: 5, denominator: 0 })).toBeNull();
    expect(oneMember(p, { code: 'a', numerator: 6, denominator: 5 })).toBeNull();
    expect(oneMember(p, { code: 'a', numerator: null, denominator: 5 })).toBeNull();
    expect(oneMember(meta('count', 1), { code: 'a', numerator: 5 })).toBeNull();
    // The engine's answers for those.
    expect(rowEstimate(p, row('a', 0, 0), { code: 'a', name: 'Ward A' })).toMatchObject({ value: null, note: 'not calculated: the denominator is 0' });
    expect(rowEstimate(p, row('a', 5, 0), { code: 'a', name: 'Ward A' })).toMatchObject({ value: null, note: 'could not be computed: Ward A: numerator 5 is greater than denominator 0' });
    expect(rowEstimate(p, row('a', 6, 5, 120), { code: 'a', name: 'Ward A' })).toMatchObject({ value: 120, method: 'As published', note: 'shown as published: Ward A: numerator 6 is greater than denominator 5' });
    expect(rowEstimate(p, row('a', null, 5), { code: 'a', name: 'Ward A' })).toMatchObject({ value: null, note: 'no value for Ward A' });
    expect(rowEstimate(p, undefined, { code: 'a', name: 'Ward A' })).toMatchObject({ value: null, coverage: { wards: 0, of: 1 }, note: 'no value for Ward A' });
  });
});

describe('groups of wards', () => {
  const wards = [
    { code: 'E05000001', name: 'Alpha' },
    { code: 'E05000002', name: 'Beta' },
  ];

  it('mean scores: the weighted mean of numerator/denominator x multiplier, weighted by the denominator', () => {
    const m = meta('mean-score', 100);
    const rows = new Map([
      ['E05000001', row('E05000001', 0.2 * 1000, 1000)],
      ['E05000002', row('E05000002', 0.1 * 3000, 3000)],
    ]);
    const g = groupEstimate(m, wards, (c) => rows.get(c));
    expect(g.value).toBeCloseTo(((0.2 * 1000 + 0.1 * 3000) / 4000) * 100, 12);
    expect(g.denominator).toBe(4000);
    expect(g.ci95).toBeNull();
  });

  it('a member with only a published value cannot be combined, and the note says why', () => {
    const rows = new Map([
      ['E05000001', row('E05000001', 10, 100)],
      ['E05000002', row('E05000002', null, null, 12.5)],
    ]);
    const g = groupEstimate(meta('proportion', 100), wards, (c) => rows.get(c));
    expect(g).toMatchObject({ value: null, coverage: { wards: 2, of: 2 } });
    expect(g.note).toBe('not available for combined areas: the source gives only a value, without the counts needed to combine wards, for Beta');
  });

  it('ranks are not aggregatable; a ward alone shows its own rank', () => {
    const m = meta('rank', 1);
    const rows = new Map([
      ['E05000001', row('E05000001', null, null, 3)],
      ['E05000002', row('E05000002', null, null, 7)],
    ]);
    expect(groupEstimate(m, wards, (c) => rows.get(c))).toMatchObject({ value: null, note: 'not available for combined areas' });
    expect(groupEstimate(m, [wards[0]!], (c) => rows.get(c)).value).toBe(3);
  });

  it('missing counts are zero only for indicators that say so', () => {
    const rows = new Map([['E05000001', row('E05000001', 4, 100)]]);
    expect(groupEstimate(meta('count', 1), wards, (c) => rows.get(c))).toMatchObject({ value: null, coverage: { wards: 1, of: 2 } });
    const zero = meta('count', 1, { missingIsZero: true, spec: { valueType: 'count', multiplier: 1, missingIsZero: true } });
    expect(groupEstimate(zero, wards, (c) => rows.get(c))).toMatchObject({ value: 4, coverage: { wards: 2, of: 2 } });
  });
});

describe('helpers', () => {
  it('PERCENTILE.INC as Excel: 1..5 -> q25 2, median 3; 1,2,3,4 -> q25 1.75', () => {
    expect(percentileInc([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(percentileInc([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(percentileInc([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(percentileInc([7], 0.5)).toBe(7);
    expect(spread([3, null, 1, 2])).toEqual({ min: 1, q25: 1.5, median: 2, q75: 2.5, max: 3, count: 3 });
    expect(spread([null])).toBeNull();
  });

  it('orders periods oldest first', () => {
    expect(['2023-11', '2016-02', '2021/22', 'mid-2020', '2014/15', '2016-11'].sort(comparePeriods)).toEqual(['2014/15', '2016-02', '2016-11', 'mid-2020', '2021/22', '2023-11']);
  });
});
