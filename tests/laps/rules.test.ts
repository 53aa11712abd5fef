import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSet } from '../../backend/laps/store.ts';
import { N4_WARDS, W, dump, lapByName, setByName, testBackend, type TestBackend } from './helpers.ts';
import { issuesText } from '../helpers/errors.ts';

let tb: TestBackend;
beforeEach(() => {
  tb?.close();
  tb = testBackend();
});
afterAll(() => tb?.close());

const west = () => setByName(tb, 'West Northamptonshire LAPs');
const north = () => setByName(tb, 'North Northamptonshire LAPs');
const custom = () => setByName(tb, 'My working groups');

describe('official sets refuse overlaps', () => {
  it('refuses a LAP sharing a ward, naming the ward and the other LAP, and writes nothing', async () => {
    const before = dump(tb);
    const err = await tb.refuse('laps.create', { setId: (await west()).id, name: 'N5', wards: [W.castle, W.headlands] });
    expect(err).toEqual({
      kind: 'conflict',
      message: 'Castle is already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.',
    });
    expect(dump(tb)).toEqual(before);
  });

  it('names every shared ward, grouped by LAP', async () => {
    const err = await tb.refuse('laps.create', { setId: (await west()).id, name: 'N5', wards: [W.castle, W.stGeorge, 'E05013245'] });
    expect(err.message).toBe(
      'Bugbrooke is already in DSN4 (West Northamptonshire LAPs), and Castle and St. George are already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards.',
    );
  });

  it('refuses overlap through setWards too, leaving the LAP as it was', async () => {
    const set = await west();
    const lap = await tb.send('laps.create', { setId: set.id, name: 'N1', wards: [W.headlands] });
    const before = dump(tb);
    expect((await tb.refuse('laps.setWards', { id: lap.id, wards: [W.headlands, W.castle] })).message).toMatch(/^Castle is already in N4/);
    expect(dump(tb)).toEqual(before);
  });

  it('a LAP may keep its own wards when its list is replaced (no clash with itself)', async () => {
    const n4 = await lapByName(tb, 'N4');
    const r = await tb.send('laps.setWards', { id: n4.id, wards: [...N4_WARDS, W.headlands] });
    expect(r.wardCount).toBe(5);
  });

  it('the database itself refuses an overlapping row in an official set (trigger backstop)', async () => {
    const set = await west();
    const lap = await tb.send('laps.create', { setId: set.id, name: 'N1', wards: [] });
    expect(() => tb.backend.db.prepare('INSERT INTO lap_ward (lap_id, ward_code) VALUES (?, ?)').run(lap.id, W.castle)).toThrow(/cannot share wards/);
    expect(() => tb.backend.db.prepare('INSERT INTO lap_ward (lap_id, ward_code) VALUES (?, ?)').run(lap.id, 'E06000062')).toThrow(/not a ward/);
  });

  it('refuses wards of the other council in a council set', async () => {
    const err = await tb.refuse('laps.create', { setId: (await west()).id, name: 'N9', wards: [W.oundle, W.headlands] });
    expect(err).toEqual({
      kind: 'invalid-input',
      message: 'Oundle is in North Northamptonshire; LAPs in West Northamptonshire LAPs can only use West Northamptonshire wards.',
    });
  });
});

describe('custom sets', () => {
  it('allow overlap with each other and with official LAPs, and may span both councils', async () => {
    const set = await custom();
    const a = await tb.send('laps.create', { setId: set.id, name: 'Town centre', wards: [W.castle, W.stGeorge] });
    const b = await tb.send('laps.create', { setId: set.id, name: 'Town centre east', wards: [W.castle, W.oundle] });
    expect(a.wardCount).toBe(2);
    expect(b.councils.map((c) => c.name)).toEqual(['North Northamptonshire', 'West Northamptonshire']);
    const cov = await tb.send('lapSets.coverage', { id: set.id });
    const castle = cov.councils.find((c) => c.code === 'E06000062')!.covered.find((w) => w.code === W.castle)!;
    expect(castle.laps.map((l) => l.name)).toEqual(['Town centre', 'Town centre east']);
  });
});

describe('coverage', () => {
  it('West: 23 of 31 wards uncovered after the presets; North: all 26', async () => {
    const w = await tb.send('lapSets.coverage', { id: (await west()).id });
    expect(w.councils).toHaveLength(1);
    expect(w.councils[0]).toMatchObject({ code: 'E06000062', wardCount: 31, coveredCount: 8 });
    expect(w.councils[0]!.uncovered).toHaveLength(23);
    expect(w.councils[0]!.uncovered.map((x) => x.code)).not.toContain(W.castle);
    expect(w.councils[0]!.uncovered[0]).toEqual({ code: W.billing, name: 'Billing and Rectory Farm' });
    const n = await tb.send('lapSets.coverage', { id: (await north()).id });
    expect(n.councils[0]).toMatchObject({ code: 'E06000061', wardCount: 26, coveredCount: 0 });
    expect(n.councils[0]!.uncovered).toHaveLength(26);
    // A custom set without a council reports both councils.
    const c = await tb.send('lapSets.coverage', { id: (await custom()).id });
    expect(c.councils.map((x) => [x.name, x.uncovered.length])).toEqual([
      ['North Northamptonshire', 26],
      ['West Northamptonshire', 31],
    ]);
  });

  it('follows edits', async () => {
    const set = await north();
    await tb.send('laps.create', { setId: set.id, name: 'Corby', wards: [W.corbyWest, W.kingswood] });
    const n = await tb.send('lapSets.coverage', { id: set.id });
    expect(n.councils[0]!.uncovered).toHaveLength(24);
  });
});

describe('setWards is exact and undo-able', () => {
  it('set A, set B, set A again gives the same state', async () => {
    const set = await custom();
    const A = [W.castle, W.stGeorge, W.oundle];
    const B = [W.brackley];
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Undo me', wards: A });
    const first = await tb.send('laps.get', { id: lap.id });
    await tb.send('laps.setWards', { id: lap.id, wards: B });
    expect((await tb.send('laps.get', { id: lap.id })).wards.map((w) => w.code)).toEqual(B);
    const again = await tb.send('laps.setWards', { id: lap.id, wards: A });
    const { updatedAt: _a, ...restFirst } = first;
    const { updatedAt: _b, ...restAgain } = again;
    expect(restAgain).toEqual(restFirst);
  });

  it('repeating the same list changes nothing, not even updatedAt', async () => {
    const n4 = await lapByName(tb, 'N4');
    const before = dump(tb);
    const r = await tb.send('laps.setWards', { id: n4.id, wards: [...N4_WARDS].reverse() });
    expect(r.updatedAt).toBe(n4.updatedAt);
    expect(dump(tb)).toEqual(before);
  });

  it('property: after any sequence of setWards the LAP holds exactly the last list', async () => {
    const set = await custom();
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Property', wards: [] });
    const codes = (await tb.send('wards.list', {})).map((w) => w.code);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 12 }), { minLength: 1, maxLength: 5 }), async (lists) => {
        for (const l of lists) await tb.send('laps.setWards', { id: lap.id, wards: l });
        const got = (await tb.send('laps.get', { id: lap.id })).wards.map((w) => w.code).sort();
        expect(got).toEqual([...lists[lists.length - 1]!].sort());
      }),
      { numRuns: 40 },
    );
  });

  it('a repeated, unknown or malformed ward is refused', async () => {
    const set = await custom();
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Adds', wards: [W.castle] });
    expect(await tb.refuse('laps.setWards', { id: lap.id, wards: [W.castle, W.castle] })).toEqual({ kind: 'invalid-input', message: 'Castle is listed more than once.' });
    expect(await tb.refuse('laps.setWards', { id: lap.id, wards: ['E05099999'] })).toEqual({ kind: 'invalid-input', message: 'There is no ward with code E05099999.' });
    expect(issuesText(await tb.refuse('laps.setWards', { id: lap.id, wards: ['Castle'] }))).toBe('wards.0: a ward code looks like E05013246');
  });
});

describe('names, colours, notes', () => {
  it('names are unique within a set, compared forgivingly; the same name is fine in another set', async () => {
    const set = await custom();
    await tb.send('laps.create', { setId: set.id, name: 'St George & Castle', wards: [] });
    const err = await tb.refuse('laps.create', { setId: set.id, name: 'st. george and castle', wards: [] });
    expect(err).toEqual({ kind: 'conflict', message: 'There is already a LAP called St George & Castle in My working groups.' });
    expect((await tb.send('laps.create', { setId: set.id, name: 'N4', wards: [W.castle] })).name).toBe('N4');
    expect((await tb.refuse('laps.rename', { id: (await lapByName(tb, 'DSN4')).id, name: 'n4' })).message).toBe(
      'There is already a LAP called N4 in West Northamptonshire LAPs.',
    );
    expect(await tb.refuse('laps.create', { setId: set.id, name: '   ', wards: [] })).toMatchObject({ message: 'A name is needed.', issues: [{ path: ['name'], message: 'a name is needed' }] });
    expect((await tb.refuse('laps.create', { setId: set.id, name: '!!!', wards: [] })).message).toBe('A LAP name needs at least one letter or digit.');
    expect((await tb.refuse('laps.create', { setId: set.id, name: 'a\nb', wards: [] })).message).toMatch(/line breaks/);
  });

  it('rename, recolour (#rrggbb, stored lower-case) and describe', async () => {
    const n4 = await lapByName(tb, 'N4');
    expect((await tb.send('laps.rename', { id: n4.id, name: 'N4 Central' })).name).toBe('N4 Central');
    expect((await tb.send('laps.recolour', { id: n4.id, colour: '#AABBCC' })).colour).toBe('#aabbcc');
    expect(issuesText(await tb.refuse('laps.recolour', { id: n4.id, colour: 'red' }))).toBe('colour: a colour looks like #1b9e77');
    const notes = 'Line one\nLine two: "quotes", commas & ünïcödé';
    expect((await tb.send('laps.describe', { id: n4.id, notes })).notes).toBe(notes);
    expect((await tb.send('laps.describe', { id: n4.id, notes: 'x'.repeat(10_000) })).notes).toHaveLength(10_000);
    expect(issuesText(await tb.refuse('laps.describe', { id: n4.id, notes: 'x'.repeat(10_001) }))).toBe('notes: notes are at most 10,000 characters');
    expect(await tb.refuse('laps.get', { id: 9999 })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 9999.' });
  });

  it('new LAPs get a palette colour not yet used in the set', async () => {
    const set = await west();
    const lap = await tb.send('laps.create', { setId: set.id, name: 'N1', wards: [] });
    expect(lap.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(['#1b9e77', '#d95f02']).not.toContain(lap.colour);
  });
});

describe('duplicate and delete', () => {
  it('duplicating an official LAP puts "N4 (copy)" into the custom set; again gives "(copy 2)"', async () => {
    const n4 = await lapByName(tb, 'N4');
    const copy = await tb.send('laps.duplicate', { id: n4.id });
    expect(copy).toMatchObject({ name: 'N4 (copy)', set: { name: 'My working groups', kind: 'custom' }, colour: n4.colour, notes: n4.notes });
    expect(copy.wards).toEqual(n4.wards);
    const copy2 = await tb.send('laps.duplicate', { id: copy.id });
    expect(copy2.name).toBe('N4 (copy 2)');
    const again = await tb.send('laps.duplicate', { id: n4.id });
    expect(again.name).toBe('N4 (copy 3)');
    expect((await tb.send('laps.duplicate', { id: n4.id, name: 'Mine' })).name).toBe('Mine');
    // Into the official set itself it would overlap: refused.
    expect((await tb.refuse('laps.duplicate', { id: n4.id, setId: n4.set.id })).message).toMatch(/already in N4/);
  });

  it('duplicating when the custom set was deleted recreates "My working groups"', async () => {
    await tb.send('lapSets.delete', { id: (await custom()).id });
    const copy = await tb.send('laps.duplicate', { id: (await lapByName(tb, 'DSN4')).id });
    expect(copy.set.name).toBe('My working groups');
  });

  it("a deleted LAP's id is never given to the next new LAP", async () => {
    const set = await custom();
    const first = await tb.send('laps.create', { setId: set.id, name: 'Short-lived', wards: [W.castle] });
    await tb.send('laps.delete', { id: first.id }); // the highest id: SQLite would hand it out again without AUTOINCREMENT
    const next = await tb.send('laps.create', { setId: set.id, name: 'Next', wards: [] });
    expect(next.id).toBeGreaterThan(first.id);
    tb.reopen();
    const after = await tb.send('laps.create', { setId: set.id, name: 'After a restart', wards: [] });
    await tb.send('laps.delete', { id: after.id });
    tb.reopen();
    expect((await tb.send('laps.create', { setId: set.id, name: 'Later', wards: [] })).id).toBeGreaterThan(after.id);
  });

  it('deleting a set deletes its LAPs and their wards in one go', async () => {
    const set = await west();
    expect(await tb.send('lapSets.delete', { id: set.id })).toEqual({ id: set.id, lapsDeleted: 2 });
    expect(await tb.send('laps.list', {})).toEqual([]);
    expect(tb.backend.db.prepare('SELECT COUNT(*) AS n FROM lap_ward').get()).toEqual({ n: 0 });
  });

  it('set names are unique, compared forgivingly; an official set needs a council (sets are made by import and seeding)', () => {
    const db = tb.backend.db;
    const s = createSet(db, { name: 'Health visitors', kind: 'custom' });
    expect(s).toMatchObject({ name: 'Health visitors', kind: 'custom', council: null, lapCount: 0 });
    expect(() => createSet(db, { name: 'health  VISITORS', kind: 'custom' })).toThrow('There is already a LAP set called Health visitors.');
    expect(() => createSet(db, { name: 'Official X', kind: 'official' })).toThrow('An official LAP set needs a council.');
    const nn = createSet(db, { name: 'North test', kind: 'official', councilCode: 'E06000061' });
    expect(nn.council).toEqual({ code: 'E06000061', name: 'North Northamptonshire' });
  });
});
