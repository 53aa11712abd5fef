import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import type { LapPins } from '../../shared/contract/profile.ts';
import { lapId, testBackend, type TestBackend } from './helpers.ts';

let tb: TestBackend;
let n4: number;
beforeAll(async () => {
  tb = testBackend('pins.db');
  n4 = await lapId(tb, 'N4');
});
afterAll(() => tb.close());

const FIVE = ['census21_overcrowding', 'imd19_income_rate', 'census21_unemployed', 'dwp_cilif_children_rate', 'census21_no_qualifications'];

describe('laps.pins', () => {
  it('starts empty, keeps the order given, and is replaced whole', async () => {
    expect(await tb.send('laps.pins.get', { lapId: n4 })).toEqual({ lapId: n4, pins: [] });
    const set = await tb.send('laps.pins.set', { lapId: n4, indicatorIds: FIVE });
    expect(set.pins.map((p) => [p.position, p.id])).toEqual(FIVE.map((id, i) => [i + 1, id]));
    expect(set.pins[0]).toEqual({ position: 1, id: 'census21_overcrowding', name: 'Overcrowded households (bedroom occupancy rating -1 or less), Census 2021', shortName: 'Overcrowded households', available: true });
    const two = await tb.send('laps.pins.set', { lapId: n4, indicatorIds: [FIVE[4]!, FIVE[0]!] });
    expect(two.pins.map((p) => p.id)).toEqual([FIVE[4], FIVE[0]]);
    expect((await tb.send('laps.pins.get', { lapId: n4 })).pins.map((p) => p.id)).toEqual([FIVE[4], FIVE[0]]);
  });

  it('refuses more than 5, repeats and unknown indicators, and changes nothing then', async () => {
    await tb.send('laps.pins.set', { lapId: n4, indicatorIds: FIVE.slice(0, 2) });
    expect(await tb.refuse('laps.pins.set', { lapId: n4, indicatorIds: [...FIVE, 'census21_disability'] })).toEqual({
      kind: 'invalid-input',
      message: 'A LAP can pin at most 5 indicators.',
      issues: [{ path: ['indicatorIds'], message: 'a LAP can pin at most 5 indicators' }],
    });
    expect(await tb.refuse('laps.pins.set', { lapId: n4, indicatorIds: [FIVE[0], FIVE[0]] })).toEqual({
      kind: 'invalid-input',
      message: 'Each indicator once: census21_overcrowding is listed more than once.',
      issues: [{ path: ['indicatorIds'], message: 'each indicator once: census21_overcrowding is listed more than once' }],
    });
    expect(await tb.refuse('laps.pins.set', { lapId: n4, indicatorIds: [FIVE[0], 'smoking_made_up'] })).toEqual({
      kind: 'invalid-input',
      message: "Cannot pin 'smoking_made_up' to N4: there is no such indicator.",
    });
    expect(await tb.refuse('laps.pins.set', { lapId: 999, indicatorIds: [] })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 999.' });
    expect(await tb.refuse('laps.pins.get', { lapId: 999 })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 999.' });
    expect((await tb.send('laps.pins.get', { lapId: n4 })).pins.map((p) => p.id)).toEqual(FIVE.slice(0, 2));
    // The table itself holds at most five per LAP.
    expect(() => tb.backend.db.prepare(`INSERT INTO lap_pin (lap_id, indicator_id, position) VALUES (?, 'x', 6)`).run(n4)).toThrow(/CHECK/);
  });

  it('is persisted, per LAP, and goes with its LAP', async () => {
    await tb.send('laps.pins.set', { lapId: n4, indicatorIds: FIVE.slice(0, 3) });
    const dsn4 = await lapId(tb, 'DSN4');
    await tb.send('laps.pins.set', { lapId: dsn4, indicatorIds: ['census21_no_car'] });
    const file = path.join(tb.dir, 'pins.db');
    const again = createBackend({ dbPath: file, transport: 'test' });
    try {
      const ids = async (id: number) => {
        const r = await dispatch(again.handlers, 'laps.pins.get', { lapId: id });
        return r.ok ? (r.value as LapPins).pins.map((p) => p.id) : r.error.message;
      };
      expect(await ids(n4)).toEqual(FIVE.slice(0, 3));
      expect(await ids(dsn4)).toEqual(['census21_no_car']);
    } finally {
      again.close();
    }
    await tb.send('laps.delete', { id: dsn4 });
    expect(tb.backend.db.prepare('SELECT COUNT(*) FROM lap_pin WHERE lap_id = ?').pluck().get(dsn4)).toBe(0);
  });

  it('a pin whose indicator has gone is kept and marked unavailable', async () => {
    const db = tb.backend.db;
    db.prepare(`INSERT INTO dataset (kind, name, file_name, sha256, format, imported_at) VALUES ('user', 't', 't.csv', ?, 'tidy', ?)`).run('c'.repeat(64), new Date().toISOString());
    db.prepare(`INSERT INTO indicator (id, name, short_name, ambition, value_type, multiplier, unit, polarity) VALUES ('test_gone', 'Gone', 'Gone', 'safe', 'count', 1, '', 'no-judgement')`).run();
    await tb.send('laps.pins.set', { lapId: n4, indicatorIds: ['test_gone', FIVE[0]!] });
    db.prepare(`DELETE FROM indicator WHERE id = 'test_gone'`).run();
    const pins = await tb.send('laps.pins.get', { lapId: n4 });
    expect(pins.pins[0]).toEqual({ position: 1, id: 'test_gone', name: null, shortName: null, available: false });
    expect(pins.pins[1]!.available).toBe(true);
  });
});
