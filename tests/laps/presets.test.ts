import { afterEach, describe, expect, it, vi } from 'vitest';
import { seedLaps } from '../../backend/laps/seed.ts';
import { DSN4_WARDS, N4_WARDS, NORTH, WEST, dump, lapByName, testBackend, type TestBackend } from './helpers.ts';

// The population store is another module's; here it is "not loaded".
vi.mock('../../backend/data/population.ts', () => ({ wardPopulations: () => null }));

let tb: TestBackend | undefined;
afterEach(() => tb?.close());

describe('preset LAP sets', () => {
  it('seeds the official West and North sets, the custom set, and the pioneer LAPs with exactly their wards', async () => {
    tb = testBackend();
    const sets = await tb.send('lapSets.list', {});
    expect(sets.map((s) => ({ name: s.name, kind: s.kind, council: s.council?.code ?? null, lapCount: s.lapCount }))).toEqual([
      { name: 'North Northamptonshire LAPs', kind: 'official', council: NORTH, lapCount: 0 },
      { name: 'West Northamptonshire LAPs', kind: 'official', council: WEST, lapCount: 2 },
      { name: 'My working groups', kind: 'custom', council: null, lapCount: 0 },
    ]);
    const laps = await tb.send('laps.list', {});
    expect(laps.map((l) => l.name)).toEqual(['DSN4', 'N4']);
    const n4 = laps.find((l) => l.name === 'N4')!;
    expect(n4.set).toMatchObject({ name: 'West Northamptonshire LAPs', kind: 'official' });
    expect(n4.wards).toEqual([
      { code: 'E05013239', name: 'Abington and Phippsville', authorityCode: WEST, population: null },
      { code: 'E05013246', name: 'Castle', authorityCode: WEST, population: null },
      { code: 'E05013247', name: 'Dallington Spencer', authorityCode: WEST, population: null },
      { code: 'E05013264', name: 'St. George', authorityCode: WEST, population: null },
    ]);
    expect(n4.wardCount).toBe(4);
    expect(n4.councils).toEqual([{ code: WEST, name: 'West Northamptonshire', wardCount: 4 }]);
    expect(n4.notes).toMatch(/COPD/);
    const dsn4 = laps.find((l) => l.name === 'DSN4')!;
    expect(dsn4.wards.map((w) => w.name)).toEqual(['Bugbrooke', 'Deanshanger', 'Hackleton and Grange Park', 'Towcester and Roade']);
    expect(dsn4.wards.map((w) => w.code).sort()).toEqual(DSN4_WARDS);
    expect(n4.wards.map((w) => w.code).sort()).toEqual(N4_WARDS);
    expect(n4.colour).not.toBe(dsn4.colour);
  });

  it('seeding twice changes nothing, in the same process or after reopening', () => {
    tb = testBackend();
    const before = dump(tb);
    expect(before.laps).toHaveLength(2);
    expect(seedLaps(tb.backend.ctx)).toBe(false);
    expect(dump(tb)).toEqual(before);
    tb.reopen();
    expect(dump(tb)).toEqual(before);
  });

  it('does not bring back a preset the user deleted, nor a deleted set', async () => {
    tb = testBackend();
    const n4 = await lapByName(tb, 'N4');
    await tb.send('laps.delete', { id: n4.id });
    const north = (await tb.send('lapSets.list', {})).find((s) => s.name === 'North Northamptonshire LAPs')!;
    await tb.send('lapSets.delete', { id: north.id });
    tb.reopen();
    expect(seedLaps(tb.backend.ctx)).toBe(false);
    expect((await tb.send('laps.list', {})).map((l) => l.name)).toEqual(['DSN4']);
    expect((await tb.send('lapSets.list', {})).map((s) => s.name)).toEqual(['West Northamptonshire LAPs', 'My working groups']);
  });

  it('population is null with a reason while the Census figures are not loaded', async () => {
    tb = testBackend();
    const n4 = await lapByName(tb, 'N4');
    expect(n4.population).toBeNull();
    expect(n4.populationNote).toBe('Population is not available until the Census 2021 figures are loaded.');
  });
});
