/**
 * Profiles over small user datasets added to a temporary store: missing wards (incomplete, not compared), the
 * two-level comparison rule with known intervals, and the caches seeing new data at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Z95, Z998 } from '../../shared/stats/index.ts';
import { N4_WARDS, NORTH, WEST, addUserIndicator, lapId, testBackend, wilsonByHand, type TestBackend } from './helpers.ts';

let tb: TestBackend;
let n4: number;
beforeAll(async () => {
  tb = testBackend();
  n4 = await lapId(tb, 'N4');
});
afterAll(() => tb.close());

const [ABINGTON, CASTLE, DALLINGTON, ST_GEORGE] = N4_WARDS as [string, string, string, string];

async function indicatorOf(id: string, benchmark: 'own' | 'west' | 'north' | 'england' = 'own') {
  const p = await tb.send('profile.get', { area: { kind: 'lap', id: n4 }, benchmark });
  return p.indicators.find((i) => i.id === id);
}

describe('user data in the profile', () => {
  it('sees a new dataset at once (the cache is keyed on the dataset table)', async () => {
    expect(await indicatorOf('test_smokers')).toBeUndefined();
    addUserIndicator(tb, { id: 'test_smokers', name: 'Smokers (test)', valueType: 'proportion', multiplier: 100, polarity: 'low-is-good', unit: '% of adults' }, '2024', {
      [ABINGTON]: [50, 1000],
      [CASTLE]: [50, 1000],
      [DALLINGTON]: [50, 1000],
      [ST_GEORGE]: [50, 1000],
      [WEST]: [42, 1000],
      [NORTH]: [39, 1000],
    });
    const ind = await indicatorOf('test_smokers');
    expect(ind).toBeDefined();
    expect([ind!.numerator, ind!.denominator, ind!.value]).toEqual([200, 4000, 5]);
    expect(ind!.source).toMatchObject({ publisher: 'Test publisher', licence: 'Test licence', attribution: 'Test attribution' });
  });

  it('two-level rule: similar inside the 95% interval, worse between 95% and 99.8%, worst beyond 99.8% (low is good)', async () => {
    const ind = (await indicatorOf('test_smokers'))!;
    const at95 = wilsonByHand(200, 4000, Z95);
    const at998 = wilsonByHand(200, 4000, Z998);
    expect(ind.ci95!.lower).toBeCloseTo(at95.lower, 10);
    expect(ind.ci998!.lower).toBeCloseTo(at998.lower, 10);
    // West 4.2% lies below the 95% lower limit (4.36%) but above the 99.8% lower limit (4.13%): worse.
    expect(at95.lower).toBeGreaterThan(4.2);
    expect(at998.lower).toBeLessThan(4.2);
    expect(ind.benchmarks.west).toMatchObject({ value: 4.2, comparison: 'worse' });
    // North 3.9% lies below the 99.8% lower limit: worst.
    expect(at998.lower).toBeGreaterThan(3.9);
    expect(ind.benchmarks.north).toMatchObject({ value: 3.9, comparison: 'worst' });
    expect(ind.comparison).toBe('worse');
    expect((await indicatorOf('test_smokers', 'north'))!.comparison).toBe('worst');
    // No England row and no England and Wales row.
    expect(ind.benchmarks.england).toEqual({ value: null, comparison: 'not-compared', note: 'No England value in the source', notComparedReason: 'not compared: the benchmark has no value for this period' });
    // The same numbers with high-is-good polarity would be better / best.
    addUserIndicator(tb, { id: 'test_screened', name: 'Screened (test)', valueType: 'proportion', multiplier: 100, polarity: 'high-is-good', unit: '%' }, '2024', {
      [ABINGTON]: [50, 1000],
      [CASTLE]: [50, 1000],
      [DALLINGTON]: [50, 1000],
      [ST_GEORGE]: [50, 1000],
      [WEST]: [42, 1000],
      [NORTH]: [50, 1000],
    });
    const hi = (await indicatorOf('test_screened'))!;
    expect(hi.benchmarks.west.comparison).toBe('better');
    expect(hi.benchmarks.north.comparison).toBe('similar');
  });

  it('a ward with no value makes the LAP incomplete: value null, 3 of 4 wards, not compared, the ward named', async () => {
    addUserIndicator(tb, { id: 'test_admissions', name: 'Admissions (test)', valueType: 'crude-rate', multiplier: 100_000, polarity: 'low-is-good', unit: 'per 100,000' }, '2023/24', {
      [ABINGTON]: [30, 10_000],
      [CASTLE]: [null, 12_000],
      [DALLINGTON]: [25, 9_000],
      [ST_GEORGE]: [40, 15_000],
      [WEST]: [900, 425_000],
    });
    const ind = (await indicatorOf('test_admissions'))!;
    expect(ind.value).toBeNull();
    expect(ind.ci95).toBeNull();
    expect(ind.numerator).toBeNull();
    expect(ind.coverage).toEqual({ wards: 3, of: 4 });
    expect(ind.comparison).toBe('not-compared');
    expect(ind.benchmarks.west).toMatchObject({ value: (900 / 425_000) * 100_000, comparison: 'not-compared' });
    expect(ind.note).toBe('incomplete: no value for Castle (3 of 4 wards)');
    expect(ind.period).toBe('2023/24');
    // The other three wards on their own are complete.
    const three = await tb.send('profile.get', { area: { kind: 'selection', wards: [ABINGTON, DALLINGTON, ST_GEORGE] } });
    const t = three.indicators.find((i) => i.id === 'test_admissions')!;
    expect([t.numerator, t.denominator]).toEqual([95, 34_000]);
    expect(t.value).toBeCloseTo((95 / 34_000) * 100_000, 10);
    expect(t.method).toBe('Byars');
    // The breakdown names the missing ward too.
    const b = await tb.send('profile.wardBreakdown', { area: { kind: 'lap', id: n4 }, indicatorId: 'test_admissions' });
    expect(b.wards.find((w) => w.code === CASTLE)).toMatchObject({ value: null, comparison: 'not-compared' });
    expect(b.group.coverage).toEqual({ wards: 3, of: 4 });
    expect(b.group.comparison).toBe('not-compared');
  });

  it('a ward with no row at all is missing too (missing is not zero)', async () => {
    addUserIndicator(tb, { id: 'test_partial', name: 'Partial (test)', valueType: 'proportion', multiplier: 100, polarity: 'low-is-good', unit: '%' }, '2024', {
      [ABINGTON]: [10, 100],
      [CASTLE]: [10, 100],
      [DALLINGTON]: [10, 100],
    });
    const ind = (await indicatorOf('test_partial'))!;
    expect(ind.value).toBeNull();
    expect(ind.coverage).toEqual({ wards: 3, of: 4 });
    expect(ind.note).toBe('incomplete: no value for St. George (3 of 4 wards)');
    // No council row: the council benchmark would be the sum of its wards, but they are incomplete too.
    expect(ind.benchmarks.west.value).toBeNull();
  });

  it('a council with no row of its own is benchmarked by the sum of its wards, and says so', async () => {
    const wards = (await tb.send('wards.list', {})).filter((w) => w.authorityCode === NORTH);
    const rows: Record<string, [number, number]> = {};
    for (const w of wards) rows[w.code] = [10, 100];
    for (const c of N4_WARDS) rows[c] = [30, 100];
    addUserIndicator(tb, { id: 'test_wards_only', name: 'Wards only (test)', valueType: 'proportion', multiplier: 100, polarity: 'low-is-good', unit: '%' }, '2024', rows);
    const ind = (await indicatorOf('test_wards_only'))!;
    expect(ind.benchmarks.north.value).toBeCloseTo(10, 12);
    expect(ind.benchmarks.north.note).toBe('No North Northamptonshire value in the source: the sum of its 26 wards');
    expect(ind.benchmarks.north.comparison).toBe('worst');
    expect(ind.benchmarks.west.value).toBeNull();
    // The whole council, which has no figure of its own here: the sum of its wards, said in the note.
    const north = await tb.send('profile.get', { area: { kind: 'council', code: NORTH } });
    const n = north.indicators.find((i) => i.id === 'test_wards_only')!;
    expect([n.numerator, n.denominator, n.coverage]).toEqual([260, 2600, { wards: 26, of: 26 }]);
    expect(n.note).toBe('No North Northamptonshire figure in the source: the sum of its 26 wards');
    expect(n.comparison).toBe('not-compared'); // against England, which has no value
  });

  it('a removed dataset disappears from the next profile', async () => {
    const ds = tb.backend.db.prepare(`SELECT dataset_id FROM indicator WHERE id = 'test_partial'`).pluck().get() as number;
    tb.backend.db.prepare('DELETE FROM dataset WHERE id = ?').run(ds);
    tb.backend.db.prepare(`DELETE FROM indicator WHERE id = 'test_partial'`).run();
    expect(await indicatorOf('test_partial')).toBeUndefined();
  });
});
