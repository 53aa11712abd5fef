/**
 * Places in the store (backend/places/store.ts) through the real dispatcher: the places of the preset N4
 * (Abington and Phippsville, Castle, Dallington Spencer, St. George) by location, filters, the map data, and
 * attaching places to LAPs by hand ("this practice serves N4"). All data are SYNTHETIC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSet } from '../../backend/laps/store.ts';
import { importFile, n4Id, N4_WARDS, testBackend, WARD, type TestBackend } from './helpers.ts';

let tb: TestBackend;
let n4: number;
const idOf = new Map<string, number>();

beforeAll(async () => {
  tb = testBackend('store.db');
  const r = await importFile(tb, 'n4-places-synthetic.csv');
  if (r.status !== 'imported') throw new Error(r.message);
  for (const row of tb.backend.db.prepare('SELECT id, name FROM place').all() as { id: number; name: string }[]) idOf.set(row.name, row.id);
  n4 = await n4Id(tb);
});
afterAll(() => tb.close());

describe('places.list', () => {
  it('the preset N4 has exactly the six fixture places inside its wards, sorted by category then name', async () => {
    const lap = (await tb.send('laps.list', {})).find((l) => l.id === n4)!;
    expect(lap.wards.map((w) => w.code).sort()).toEqual([...N4_WARDS].sort());
    const places = await tb.send('places.list', { lapId: n4 });
    expect(places.map((p) => p.name)).toEqual([
      'Synthetic GP surgery 1',
      'Synthetic GP surgery 2',
      'Synthetic GP surgery 3',
      'Synthetic pharmacy 1',
      'Synthetic family hub 1',
      'Synthetic food bank 1',
    ]);
    const gp1 = places[0]!;
    expect(gp1).toMatchObject({
      category: 'gp',
      ward: { code: WARD.castle, name: 'Castle', authorityCode: 'E06000062' },
      address: '1 Synthetic Street, Test Town',
      postcode: 'ZZ0 0ZZ',
      ref: 'SYN001',
      lon: -0.8927,
      lat: 52.239,
    });
    expect(Number.isInteger(gp1.easting) && Number.isInteger(gp1.northing)).toBe(true);
    expect(gp1.laps).toEqual([{ id: n4, name: 'N4', setId: lap.set.id, setName: 'West Northamptonshire LAPs', how: 'location' }]);
  });

  it('filters by ward, category and words', async () => {
    expect((await tb.send('places.list', { wardCode: WARD.castle })).map((p) => p.name)).toEqual(['Synthetic GP surgery 1', 'Synthetic family hub 1']);
    expect((await tb.send('places.list', { categories: ['food-bank', 'warm-space'] })).map((p) => p.name)).toEqual([
      'Synthetic food bank 1',
      'Synthetic food bank 2',
      'Synthetic warm space 1',
    ]);
    expect((await tb.send('places.list', { lapId: n4, categories: ['gp'] })).length).toBe(3);
    expect((await tb.send('places.list', { query: 'surgery OUTSIDE' })).map((p) => p.name)).toEqual(['Synthetic GP surgery 6 (outside the county)']);
    expect((await tb.send('places.list', { query: 'syn013' })).map((p) => p.name)).toEqual(['Synthetic warm space 1']);
    expect((await tb.send('places.list', { query: 'zz00zz' })).length).toBe(14);
    expect(await tb.send('places.list', { query: 'nothing like this' })).toEqual([]);
  });

  it('a place outside the two councils has no ward and no LAPs', async () => {
    const [p] = await tb.send('places.list', { query: 'outside the county' });
    expect(p).toMatchObject({ ward: null, laps: [] });
  });

  it('unknown LAPs and wards are refused plainly', async () => {
    expect(await tb.refuse('places.list', { lapId: 99999 })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 99999.' });
    expect((await tb.refuse('places.list', { wardCode: 'E05099999' })).message).toBe('There is no ward with code E05099999.');
  });
});

describe('places.map', () => {
  it('one compact point per place', async () => {
    const fc = await tb.send('places.map', {});
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(14);
    const f = fc.features.find((x) => x.properties.name === 'Synthetic GP surgery 1')!;
    expect(f).toEqual({
      type: 'Feature',
      id: idOf.get('Synthetic GP surgery 1'),
      geometry: { type: 'Point', coordinates: [-0.8927, 52.239] },
      properties: { id: idOf.get('Synthetic GP surgery 1'), name: 'Synthetic GP surgery 1', category: 'gp', ward: WARD.castle },
    });
    expect(fc.features.find((x) => x.properties.name.includes('outside'))!.properties.ward).toBeNull();
  });
});

describe('attaching places to a LAP', () => {
  it('attach a GP outside N4: listed for N4 as attached; attaching again changes nothing', async () => {
    const gp4 = idOf.get('Synthetic GP surgery 4')!; // Brackley
    const p = await tb.send('places.attach', { placeId: gp4, lapId: n4 });
    expect(p.laps.find((l) => l.id === n4)).toMatchObject({ name: 'N4', how: 'attached' });
    // Any LAP holding Brackley ward has it by location.
    const byLocation = (await tb.send('laps.list', {})).filter((l) => l.wards.some((w) => w.code === WARD.brackley)).map((l) => l.id);
    expect(p.laps.filter((l) => l.how === 'location').map((l) => l.id).sort()).toEqual(byLocation.sort());
    const again = await tb.send('places.attach', { placeId: gp4, lapId: n4 });
    expect(again).toEqual(p);
    expect(tb.backend.db.prepare('SELECT COUNT(*) AS n FROM place_lap WHERE place_id = ?').get(gp4)).toEqual({ n: 1 });
    const list = await tb.send('places.list', { lapId: n4 });
    expect(list.map((x) => x.name)).toContain('Synthetic GP surgery 4');
    expect(list).toHaveLength(7);
  });

  it("attaching a place already inside the LAP is allowed and shows 'both'; detaching goes back to 'location'", async () => {
    const gp1 = idOf.get('Synthetic GP surgery 1')!;
    const both = await tb.send('places.attach', { placeId: gp1, lapId: n4 });
    expect(both.laps.find((l) => l.id === n4)!.how).toBe('both');
    const back = await tb.send('places.detach', { placeId: gp1, lapId: n4 });
    expect(back.laps.find((l) => l.id === n4)!.how).toBe('location');
  });

  it('detaching a place that was never attached changes nothing', async () => {
    const before = tb.backend.db.prepare('SELECT * FROM place_lap').all();
    const p = await tb.send('places.detach', { placeId: idOf.get('Synthetic pharmacy 1')!, lapId: n4 });
    expect(p.laps.find((l) => l.id === n4)!.how).toBe('location');
    expect(tb.backend.db.prepare('SELECT * FROM place_lap').all()).toEqual(before);
  });

  it('unknown places and LAPs are refused, and nothing is stored', async () => {
    expect(await tb.refuse('places.attach', { placeId: 99999, lapId: n4 })).toEqual({ kind: 'not-found', message: 'There is no place with id 99999.' });
    expect(await tb.refuse('places.attach', { placeId: idOf.get('Synthetic GP surgery 1')!, lapId: 99999 })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 99999.' });
    expect(await tb.refuse('places.detach', { placeId: 99999, lapId: n4 })).toMatchObject({ kind: 'not-found' });
  });

  it('a place lists its LAPs in every set (location through the LAP wards)', async () => {
    const set = createSet(tb.backend.db, { name: 'Synthetic custom set', kind: 'custom' });
    const lap = await tb.send('laps.create', { setId: set.id, name: 'Synthetic town centre', wards: [WARD.castle, WARD.stGeorge] });
    const [gp1] = await tb.send('places.list', { query: 'Synthetic GP surgery 1' });
    expect(gp1!.laps.map((l) => [l.setName, l.name, l.how])).toEqual([
      ['Synthetic custom set', 'Synthetic town centre', 'location'],
      ['West Northamptonshire LAPs', 'N4', 'location'],
    ]);
    // Deleting a LAP removes its attachments with it.
    await tb.send('places.attach', { placeId: idOf.get('Synthetic GP surgery 5')!, lapId: lap.id });
    await tb.send('laps.delete', { id: lap.id });
    expect(tb.backend.db.prepare('SELECT COUNT(*) AS n FROM place_lap WHERE lap_id = ?').get(lap.id)).toEqual({ n: 0 });
  });
});
