import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DSN4_WARDS, N4_WARDS, lapId, storedRow, testBackend, type TestBackend } from './helpers.ts';
import { proportion } from '../../shared/stats/index.ts';

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

const sumRows = (id: string, wards: string[], period: string) => {
  const rows = wards.map((c) => storedRow(tb, id, c, period)!);
  return [rows.reduce((s, r) => s + r.numerator!, 0), rows.reduce((s, r) => s + r.denominator!, 0)] as const;
};

describe('profile.compare', () => {
  it('N4 against DSN4: both values with intervals, the difference, and significance by non-overlapping 95% intervals', async () => {
    const c = await tb.send('profile.compare', { a: { kind: 'lap', id: await lapId(tb, 'N4') }, b: { kind: 'lap', id: await lapId(tb, 'DSN4') } });
    expect([c.a.name, c.b.name]).toEqual(['N4', 'DSN4']);
    expect(c.method).toMatch(/95% confidence intervals do not overlap/);

    const over = c.indicators.find((i) => i.id === 'census21_overcrowding')!;
    const [xa, na] = sumRows('census21_overcrowding', N4_WARDS, '2021');
    const [xb, nb] = sumRows('census21_overcrowding', DSN4_WARDS, '2021');
    const ea = proportion(xa, na, 100);
    const eb = proportion(xb, nb, 100);
    expect(over.a.value).toBe(ea.value);
    expect(over.b.value).toBe(eb.value);
    expect(over.a.ci95).toEqual(ea.ci95);
    expect(over.b.ci95).toEqual(eb.ci95);
    expect(over.difference).toBe(ea.value! - eb.value!);
    expect(eb.ci95!.upper).toBeLessThan(ea.ci95!.lower);
    expect(over).toMatchObject({ significant: true, direction: 'higher', better: 'b', polarity: 'low-is-good' });
    expect(over.summary).toMatch(/^N4 is significantly higher than DSN4 \(9\.1% against \d\.\d%, a difference of \d\.\d percentage points\); DSN4 is better\.$/);

    // Overlapping intervals: not significant, said in words.
    const similar = c.indicators.filter((i) => i.significant === false);
    expect(similar.length).toBeGreaterThan(0);
    for (const s of similar) {
      expect(s.a.ci95!.lower <= s.b.ci95!.upper && s.b.ci95!.lower <= s.a.ci95!.upper).toBe(true);
      expect(s.direction).toBe('similar');
      expect(s.summary).toMatch(/^No significant difference between N4 \(.+\) and DSN4 \(.+\): their 95% confidence intervals overlap\.$/);
    }
    // Values without intervals are not tested; council-only indicators are not compared.
    const score = c.indicators.find((i) => i.id === 'imd25_imd_score')!;
    expect(score.significant).toBeNull();
    expect(score.difference).toBeCloseTo(score.a.value! - score.b.value!, 12);
    expect(score.summary).toMatch(/not tested for significance/);
    const rank = c.indicators.find((i) => i.id === 'imd25_lad_rank_average_score')!;
    expect(rank).toMatchObject({ difference: null, significant: null });
    expect(rank.summary).toBe('Not compared: council-level only (not available for wards or LAPs).');
  });

  it('compares any two areas, e.g. a ward with a council', async () => {
    const c = await tb.send('profile.compare', { a: { kind: 'ward', code: 'E05013246' }, b: { kind: 'council', code: 'E06000062' } });
    const over = c.indicators.find((i) => i.id === 'census21_overcrowding')!;
    expect(over.b.value).toBe(proportion(6622, 172_647, 100).value);
    expect(over.better).toBe('b');
  });
});
