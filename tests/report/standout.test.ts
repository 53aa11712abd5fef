/**
 * "What stands out" (backend/report/standout.ts): hand-made indicators with known answers. The gap is
 * measured against the spread of the council's wards (interquartile range of the spine; the full range when that is
 * flat); only significant differences are picked; raw population counts never; one release per measure.
 */
import { describe, expect, it } from 'vitest';
import type { Profile, ProfileIndicator } from '../../shared/profile.ts';
import type { Comparison } from '../../shared/stats/index.ts';
import { pickStandouts, standoutSize } from '../../backend/report/standout.ts';
import { loadFixture } from './helpers.ts';

const base = loadFixture().profile.indicators.find((i) => i.valueType === 'proportion' && i.spine)!;

function ind(id: string, comparison: Comparison, value: number, west: number, spine: { q25: number; q75: number; min: number; max: number }, extra: Partial<ProfileIndicator> = {}): ProfileIndicator {
  return {
    ...base,
    id,
    name: id,
    shortName: id,
    ambition: 'housing',
    valueType: 'proportion',
    unit: '% of households',
    period: '2021',
    value,
    comparison,
    benchmarks: { west: { value: west, comparison }, north: { value: west, comparison }, england: { value: west, comparison } },
    spine: { ...spine, median: west, count: 31, benchmark: west, higherIsBetter: false },
    ...extra,
  } as ProfileIndicator;
}

function profile(indicators: ProfileIndicator[]): Profile {
  return { ...loadFixture().profile, indicators };
}

describe('pickStandouts', () => {
  it('measures the gap against the middle half of the council wards (the full range when that is flat)', () => {
    // |12 - 10| / (11 - 9) = 1; |30 - 20| / (40 - 20) = 0.5; flat middle half: |6 - 5| / (8 - 4) = 0.25.
    expect(standoutSize(ind('a', 'worse', 12, 10, { q25: 9, q75: 11, min: 5, max: 15 }), 'west')).toBeCloseTo(1, 12);
    expect(standoutSize(ind('b', 'worse', 30, 20, { q25: 20, q75: 40, min: 0, max: 50 }), 'west')).toBeCloseTo(0.5, 12);
    expect(standoutSize(ind('c', 'worse', 6, 5, { q25: 5, q75: 5, min: 4, max: 8 }), 'west')).toBeCloseTo(0.25, 12);
  });

  it('picks the largest significant differences, worse and better, and nothing else', () => {
    const s = pickStandouts(
      profile([
        ind('small worse', 'worse', 11, 10, { q25: 9, q75: 11, min: 5, max: 15 }), // 0.5
        ind('big worse', 'worst', 16, 10, { q25: 9, q75: 11, min: 5, max: 15 }), // 3
        ind('mid worse', 'worse', 12, 10, { q25: 9, q75: 11, min: 5, max: 15 }), // 1
        ind('similar but far', 'similar', 30, 10, { q25: 9, q75: 11, min: 5, max: 15 }),
        ind('higher', 'higher', 30, 10, { q25: 9, q75: 11, min: 5, max: 15 }),
        ind('better', 'better', 8, 10, { q25: 9, q75: 11, min: 5, max: 15 }),
        ind('people count', 'worse', 5000, 10, { q25: 9, q75: 11, min: 5, max: 15 }, { ambition: 'context', valueType: 'count', unit: 'people' }),
      ]),
      'west',
      2,
    );
    expect(s.worse.map((i) => i.id)).toEqual(['big worse', 'mid worse']);
    expect(s.better.map((i) => i.id)).toEqual(['better']);
    expect(s.worseTotal).toBe(3);
    expect(s.betterTotal).toBe(1);
  });

  it('lists one release of the same measure, the newest', () => {
    const s = pickStandouts(
      profile([
        ind('In most deprived 20% (IMD 2019)', 'worst', 40, 10, { q25: 9, q75: 11, min: 5, max: 15 }, { period: '2019' }),
        ind('In most deprived 20% (IMD 2025)', 'worst', 20, 10, { q25: 9, q75: 11, min: 5, max: 15 }, { period: '2025' }),
        ind('No central heating', 'worse', 12, 10, { q25: 9, q75: 11, min: 5, max: 15 }),
      ]),
      'west',
    );
    expect(s.worse.map((i) => i.id)).toEqual(['In most deprived 20% (IMD 2025)', 'No central heating']);
  });
});
