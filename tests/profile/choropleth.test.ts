import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARISON_LABELS, compare, proportion, quantiles } from '../../shared/stats/index.ts';
import { jenks } from '../../backend/profile/jenks.ts';
import { ENGLAND, NORTH, WEST, storedRow, testBackend, type TestBackend } from './helpers.ts';

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

const ID = 'census21_overcrowding';

describe('profile.choropleth', () => {
  it('quintiles: all 57 wards, classes exactly as shared/stats quantiles (phe_quantile), bounds from the class members', async () => {
    const map = await tb.send('profile.choropleth', { indicatorId: ID, method: 'quintiles', mode: 'values' });
    expect(map.wards).toHaveLength(57);
    expect(map.period).toBe('2021');
    expect(map).toMatchObject({ unit: '% of households', polarity: 'low-is-good', higherIsBetter: false, k: 5, method: 'quintiles', mode: 'values' });
    // Each ward's value is its own Wilson estimate from its stored counts.
    for (const w of map.wards) {
      const r = storedRow(tb, ID, w.code, '2021')!;
      expect(w.value).toBe(proportion(r.numerator!, r.denominator!, 100).value);
    }
    const expected = quantiles(map.wards.map((w) => w.value), 5);
    expect(map.wards.map((w) => w.class)).toEqual(expected);
    expect(map.classes.map((c) => c.index)).toEqual([1, 2, 3, 4, 5]);
    expect(map.classes.reduce((s, c) => s + c.count, 0)).toBe(57);
    for (const c of map.classes) {
      const members = map.wards.filter((w) => w.class === c.index).map((w) => w.value!);
      expect([c.lower, c.upper, c.count]).toEqual([Math.min(...members), Math.max(...members), members.length]);
      expect(c.label).toMatch(/^\d+\.\d to \d+\.\d$/);
    }
    // Class 1 holds the lowest values.
    expect(map.classes[0]!.upper).toBeLessThan(map.classes[4]!.lower);
    expect(map.legend.title).toBe('Overcrowded households (% of households), 2021: quintiles, 1 = lowest fifth of wards');
    expect(map.legend.items.map((i) => i.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(map.note).toBeUndefined();
  });

  it('natural breaks: Jenks classes of the 57 values', async () => {
    const map = await tb.send('profile.choropleth', { indicatorId: ID, method: 'natural-breaks', mode: 'values' });
    const values = map.wards.map((w) => w.value!);
    const j = jenks(values, 5)!;
    expect(map.classes.map((c) => c.upper)).toEqual(j.breaks);
    expect(map.classes.map((c) => c.count)).toEqual(j.counts);
    for (const w of map.wards) expect(w.value! <= map.classes[w.class! - 1]!.upper && w.value! >= map.classes[w.class! - 1]!.lower).toBe(true);
    expect(map.legend.title).toMatch(/natural breaks \(Jenks\)$/);
  });

  it('significance: each ward against its own council (two levels), with the benchmark it used', async () => {
    const map = await tb.send('profile.choropleth', { indicatorId: ID, method: 'quintiles', mode: 'significance' });
    const westValue = storedRow(tb, ID, WEST, '2021')!.value!;
    const northValue = storedRow(tb, ID, NORTH, '2021')!.value!;
    for (const w of map.wards) {
      expect(w.class).toBeNull();
      const r = storedRow(tb, ID, w.code, '2021')!;
      const own = w.authorityCode === WEST ? westValue : northValue;
      expect(w.benchmarkValue).toBe(own);
      expect(w.comparison, w.name).toBe(compare(proportion(r.numerator!, r.denominator!, 100), own, 'low-is-good', 2));
    }
    expect(map.wards.find((w) => w.name === 'Castle')!.comparison).toBe('worst');
    expect(map.classes).toEqual([]);
    expect(map.legend.title).toBe("Overcrowded households (% of households), 2021: compared with each ward's own council");
    const total = map.legend.items.reduce((s, i) => s + i.count, 0);
    expect(total).toBe(57);
    for (const item of map.legend.items) expect(item.label).toBe(COMPARISON_LABELS[item.key as keyof typeof COMPARISON_LABELS]);
    // Against England instead.
    const eng = await tb.send('profile.choropleth', { indicatorId: ID, method: 'quintiles', mode: 'significance', benchmark: 'england' });
    const england = storedRow(tb, ID, ENGLAND, '2021')!.value!;
    expect(new Set(eng.wards.map((w) => w.benchmarkValue))).toEqual(new Set([england]));
  });

  it('council-only indicators have no ward values; a named period must exist; quintiles need 5 wards with values', async () => {
    const map = await tb.send('profile.choropleth', { indicatorId: 'census21_one_bedroom', method: 'quintiles', mode: 'values' });
    expect(map.wards.every((w) => w.value === null && w.class === null)).toBe(true);
    expect(map.note).toMatch(/^Not available for wards or LAPs: council-level only/);
    const bad = await tb.refuse('profile.choropleth', { indicatorId: ID, period: '2011', method: 'quintiles', mode: 'values' });
    expect(bad).toEqual({ kind: 'not-found', message: 'Overcrowded households has no ward values for 2011; periods with values: 2021.' });
    const uc = await tb.send('profile.choropleth', { indicatorId: 'dwp_uc_households', period: '2016-02', method: 'quintiles', mode: 'values' });
    expect(uc.period).toBe('2016-02');
    expect(uc.periods).toContain('2023-11');
    // Only four wards with a value: no quintiles, and the map says why.
    const db = tb.backend.db;
    db.prepare(`INSERT INTO dataset (kind, name, file_name, sha256, format, imported_at) VALUES ('user', 'few', 'few.csv', ?, 'tidy', ?)`).run('b'.repeat(64), new Date().toISOString());
    const ds = db.prepare(`SELECT MAX(id) FROM dataset`).pluck().get() as number;
    db.prepare(`INSERT INTO indicator (id, name, short_name, ambition, value_type, multiplier, unit, polarity, dataset_id) VALUES ('test_few', 'Few', 'Few', 'fit-well', 'proportion', 100, '%', 'low-is-good', ?)`).run(ds);
    for (const c of ['E05013239', 'E05013246', 'E05013247', 'E05013264']) {
      db.prepare(`INSERT INTO value (indicator_id, area_code, period, dataset_id, numerator, denominator, value) VALUES ('test_few', ?, '2024', ?, 5, 50, 10)`).run(c, ds);
    }
    const few = await tb.send('profile.choropleth', { indicatorId: 'test_few', method: 'quintiles', mode: 'values' });
    expect(few.wards.every((w) => w.class === null)).toBe(true);
    expect(few.note).toBe('Quintiles not computed: only 4 wards have a value (at least 5 are needed). 53 of 57 wards have no value.');
  });
});
