/**
 * The ward map's estimates (compute.ts wardEstimates, built from each ward's counts where that is enough) are exactly
 * rowEstimate of each ward's whole stored row: for every bundled indicator and period, and for rows that need the
 * whole row (suppressed ranges, values without counts, counts the engine refuses, missing wards), whether a few
 * wards need it (one lookup each) or many (one read of the period).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowEstimate, wardEstimates } from '../../backend/profile/compute.ts';
import { ProfileData } from '../../backend/profile/data.ts';
import { addUserIndicator, testBackend, type TestBackend } from './helpers.ts';

let tb: TestBackend;
beforeAll(() => (tb = testBackend()));
afterAll(() => tb.close());

/**
 * wardEstimates against rowEstimate of every ward's own row (read by area, into other caches), for every ward period of
 * these indicators. Returns how many wards had a value and how the whole rows were read.
 */
function expectSameAsRows(indicatorIds: readonly string[]): { withValue: number; lookups: number; periodReads: number } {
  const data = new ProfileData(tb.backend.db);
  const byArea = new ProfileData(tb.backend.db);
  data.refresh();
  byArea.refresh();
  const lookups = vi.spyOn(data, 'wardRow');
  const periodReads = vi.spyOn(data, 'wardRowsFor');
  let withValue = 0;
  for (const id of indicatorIds) {
    const meta = data.indicator(id)!;
    for (const period of data.wardPeriods(id)) {
      const fast = wardEstimates(data, meta, period);
      expect(fast.size).toBe(data.wards().size);
      for (const w of data.wards().values()) {
        const want = rowEstimate(meta, byArea.row(w.code, id, period), w);
        expect(fast.get(w.code), `${id} ${period} ${w.name}`).toStrictEqual(want);
        if (want.value !== null) withValue++;
      }
    }
  }
  return { withValue, lookups: lookups.mock.calls.length, periodReads: periodReads.mock.calls.length };
}

const WARDS = (tb: TestBackend) =>
  (tb.backend.db.prepare(`SELECT code FROM area WHERE type = 'ward' ORDER BY code`).pluck().all() as string[]);

describe('ward map estimates', () => {
  it('equal rowEstimate for every bundled ward-level indicator and period', () => {
    const ids = tb.backend.db.prepare(`SELECT id FROM indicator WHERE ward_level = 1 ORDER BY id`).pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(10);
    expect(expectSameAsRows(ids).withValue).toBeGreaterThan(1000);
  });

  it.each([
    ['proportion', 100],
    ['crude-rate', 100_000],
    ['isr', 100],
    ['mean-score', 1],
    ['count', 1],
    ['rank', 1],
  ] as const)('equal rowEstimate for unusual %s rows, a few or many of them', (valueType, multiplier) => {
    const wards = WARDS(tb);
    for (const many of [false, true]) {
      const id = `t_${valueType.replace('-', '_')}_${many ? 'many' : 'few'}`;
      const rows: Record<string, [number | null, number | null]> = {};
      // Most wards ordinary; then: numerator above the denominator, zero denominator, no numerator, no denominator,
      // a suppressed range, a value without counts; the last ward has no row at all.
      wards.slice(0, -1).forEach((code, i) => (rows[code] = [10 + i, 200 + 3 * i]));
      const [over, zero, noNum, noDen, range, published] = many
        ? [0, 4, 8, 12, 16, 20].map((i) => wards.slice(i, i + 4))
        : [wards.slice(0, 1), [], [], [], wards.slice(1, 2), wards.slice(2, 3)];
      for (const c of over!) rows[c] = [500, 100];
      for (const c of zero!) rows[c] = [0, 0];
      for (const c of noNum!) rows[c] = [null, 100];
      for (const c of noDen!) rows[c] = [5, null];
      addUserIndicator(tb, { id, name: id, valueType, multiplier, polarity: 'low-is-good', unit: 'x' }, '2024', rows);
      const db = tb.backend.db;
      const update = (sql: string, codes: string[]) => {
        for (const c of codes) db.prepare(`UPDATE value SET ${sql} WHERE indicator_id = ? AND area_code = ?`).run(id, c);
      };
      update('numerator = 3, numerator_upper = 7, denominator = 150', range!);
      update('numerator = NULL, denominator = NULL, value = 12.5, ci95_lower = 10, ci95_upper = 15, note = \'as published\'', published!);
      update('estimate = 1', wards.slice(30, 40));
      const seen = expectSameAsRows([id]);
      expect(seen.withValue).toBeGreaterThan(25);
      // A few wards needing their whole row are looked up one by one; many, in one read of the period.
      if (valueType === 'proportion') expect([seen.lookups > 0, seen.periodReads]).toEqual(many ? [false, 1] : [true, 0]);
    }
  });
});
