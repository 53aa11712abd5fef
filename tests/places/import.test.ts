/**
 * places.import (backend/places/import.ts): every fixture place lands in the ward it was made for, all or
 * nothing (table checksums equal before and after any failed import, including a database refusal half-way), the
 * same file twice, replace, and deleting a list. All data are SYNTHETIC (tests/fixtures/places/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wgs84ToBng } from '../../backend/places/projection.ts';
import { fixture, importFile, placeCount, sums, testBackend, WARD, type TestBackend } from './helpers.ts';
import { listBackups } from '../../backend/safety/index.ts';

let tb: TestBackend;
beforeAll(() => {
  tb = testBackend('import.db');
});
afterAll(() => tb.close());

function wardsByName(listId: number): Record<string, string | null> {
  const rows = tb.backend.db.prepare('SELECT name, ward_code FROM place WHERE list_id = ? ORDER BY source_row').all(listId) as { name: string; ward_code: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.ward_code]));
}

describe('importing the fixtures', () => {
  it('n4-places-synthetic.csv: 14 places, each in the ward it was made for; the Market Harborough GP in none', async () => {
    const r = await importFile(tb, 'n4-places-synthetic.csv');
    expect(r.status, r.message).toBe('imported');
    expect(r.message).toBe("Imported 14 places from n4-places-synthetic.csv as the list 'n4-places-synthetic'. 1 place lies outside the two councils (still counted for distances).");
    expect(r.coordinates).toBe('lon-lat');
    expect(r.counts).toEqual({
      rows: 14,
      places: 14,
      outside: 1,
      byCategory: { gp: 6, pharmacy: 2, 'family-hub': 1, 'food-bank': 2, 'warm-space': 1, 'youth-club': 1, 'community-venue': 1 },
    });
    expect(r.report).toEqual({ issues: [], errors: 0, warnings: 0, omitted: 0 });
    expect(r.list).toMatchObject({ name: 'n4-places-synthetic', fileName: 'n4-places-synthetic.csv', count: 14, outside: 1 });
    expect(r.list!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(wardsByName(r.list!.id)).toEqual({
      'Synthetic GP surgery 1': WARD.castle,
      'Synthetic GP surgery 2': WARD.abington,
      'Synthetic GP surgery 3': WARD.stGeorge,
      'Synthetic pharmacy 1': WARD.dallington,
      'Synthetic family hub 1': WARD.castle,
      'Synthetic food bank 1': WARD.abington,
      'Synthetic GP surgery 4': WARD.brackley,
      'Synthetic pharmacy 2': WARD.daventryWest,
      'Synthetic youth club 1': WARD.headlands,
      'Synthetic community venue 1': WARD.boothville,
      'Synthetic GP surgery 5': WARD.corbyWest,
      'Synthetic food bank 2': WARD.kingswood,
      'Synthetic warm space 1': WARD.oundle,
      'Synthetic GP surgery 6 (outside the county)': null,
    });
    // Categories matched through their aliases.
    const cats = tb.backend.db.prepare('SELECT name, category FROM place WHERE list_id = ?').all(r.list!.id) as { name: string; category: string }[];
    const cat = Object.fromEntries(cats.map((c) => [c.name, c.category]));
    expect(cat['Synthetic GP surgery 2']).toBe('gp'); // "GP Practice"
    expect(cat['Synthetic family hub 1']).toBe('family-hub'); // "Children's centre"
    expect(cat['Synthetic food bank 1']).toBe('food-bank'); // "Foodbank"
    expect(cat['Synthetic pharmacy 2']).toBe('pharmacy'); // "Chemist"
    expect(cat['Synthetic warm space 1']).toBe('warm-space'); // "Warm Welcoming Space"
  });

  it('bng-places-synthetic.csv: easting/northing kept to the metre, wards found, address lines joined', async () => {
    const r = await importFile(tb, 'bng-places-synthetic.csv', undefined, { name: 'Synthetic grid list' });
    expect(r.status, r.message).toBe('imported');
    expect(r.coordinates).toBe('easting-northing');
    expect(r.list!.name).toBe('Synthetic grid list');
    expect(wardsByName(r.list!.id)).toEqual({
      'Synthetic GP surgery 11': WARD.castle,
      'Synthetic pharmacy 11': WARD.stGeorge,
      'Synthetic youth club 11': WARD.abington,
      'Synthetic family hub 11': WARD.kingswood,
      'Synthetic community venue 11': WARD.oundle,
      'Synthetic job centre 11': WARD.daventryEast,
    });
    const gp = tb.backend.db.prepare(`SELECT * FROM place WHERE name = 'Synthetic GP surgery 11'`).get() as Record<string, unknown>;
    expect(gp).toMatchObject({ easting: 475574, northing: 260554, address: '1 Synthetic Road, Test Town', postcode: 'ZZ0 0ZZ', ref: 'SYNB1', category: 'gp', source_row: 2 });
    // The stored longitude/latitude is the same point: converting it back lands within 5 cm of the given grid point.
    const [e, n] = wgs84ToBng(gp.lon as number, gp.lat as number);
    expect(Math.hypot(e - 475574, n - 260554)).toBeLessThan(0.05);
  });

  it('points-synthetic.geojson: wards found for every point', async () => {
    const r = await importFile(tb, 'points-synthetic.geojson');
    expect(r.status, r.message).toBe('imported');
    expect(r.coordinates).toBe('geojson');
    expect(wardsByName(r.list!.id)).toEqual({
      'Synthetic warm space 21': WARD.castle,
      'Synthetic GP surgery 21': WARD.dallington,
      'Synthetic food bank 21': WARD.corbyWest,
      'Synthetic job centre 21': WARD.brackley,
    });
  });

  it('places.lists gives each list with its counts, outside and categories', async () => {
    const lists = await tb.send('places.lists', {});
    expect(lists.map((l) => [l.name, l.count, l.outside])).toEqual([
      ['n4-places-synthetic', 14, 1],
      ['Synthetic grid list', 6, 0],
      ['points-synthetic', 4, 0],
    ]);
    expect(Object.keys(lists[2]!.byCategory)).toEqual(['gp', 'food-bank', 'warm-space', 'job-centre']);
  });
});

describe('all or nothing', () => {
  it('a file with errors stores nothing: every table is unchanged', async () => {
    const before = sums(tb);
    const r = await importFile(tb, 'bad-places-synthetic.csv');
    expect(r.status).toBe('failed');
    expect(r.list).toBeNull();
    expect(r.counts.places).toBe(0);
    expect(sums(tb)).toEqual(before);
  });

  it('check: true validates and stores nothing', async () => {
    const before = sums(tb);
    const text = fixture('n4-places-synthetic.csv').toString('utf8').replace(/Synthetic/g, 'Synthetic checked');
    const r = await importFile(tb, 'checked.csv', text, { check: true });
    expect(r.status).toBe('checked');
    expect(r.message).toMatch(/^checked\.csv was checked and can be imported: 14 places \(nothing was stored\)\./);
    expect(r.counts).toMatchObject({ places: 14, outside: 1 });
    expect(r.list).toBeNull();
    expect(sums(tb)).toEqual(before);
  });

  it('when the database refuses a place half-way, nothing of the file is stored', async () => {
    const db = tb.backend.db;
    const text = fixture('n4-places-synthetic.csv').toString('utf8').replace(/Synthetic/g, 'Synthetic refused');
    db.exec(`CREATE TEMP TRIGGER refuse_tenth BEFORE INSERT ON main.place WHEN NEW.source_row = 11 BEGIN SELECT RAISE(ABORT, 'synthetic refusal'); END`);
    try {
      const before = sums(tb);
      const r = await importFile(tb, 'refused.csv', text);
      expect(r.status).toBe('failed');
      expect(r.message).toBe('Nothing was imported from refused.csv: the database refused the places (synthetic refusal).');
      expect(sums(tb)).toEqual(before);
    } finally {
      db.exec('DROP TRIGGER temp.refuse_tenth');
    }
  });

  it('the same file again is refused, saying when it was imported; nothing changes', async () => {
    const before = sums(tb);
    const r = await importFile(tb, 'n4-places-synthetic.csv');
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(
      /^n4-places-synthetic\.csv was imported before, on \d{4}-\d{2}-\d{2}, as the list 'n4-places-synthetic'\. Nothing was changed\. To import it again, replace the earlier list \(in the app: Replace; command line: --replace\)\.$/,
    );
    expect(sums(tb)).toEqual(before);
    // Under another file name it is still the same file (same SHA-256).
    expect((await importFile(tb, 'renamed.csv', fixture('n4-places-synthetic.csv'))).status).toBe('failed');
  });

  it("onDuplicate 'replace' swaps the old list for the new one in one go, carrying hand attachments over to the same places", async () => {
    const db = tb.backend.db;
    const old = (await tb.send('places.lists', {})).find((l) => l.name === 'n4-places-synthetic')!;
    const oldGp = db.prepare(`SELECT id FROM place WHERE list_id = ? AND name = 'Synthetic GP surgery 4'`).get(old.id) as { id: number };
    const lapId = (await tb.send('laps.list', {})).find((l) => l.name === 'N4')!.id;
    await tb.send('places.attach', { placeId: oldGp.id, lapId });
    const backupsBefore = listBackups(db.name).filter((b) => b.reason === 'import').length;
    const r = await importFile(tb, 'n4-places-synthetic.csv', undefined, { onDuplicate: 'replace' });
    expect(r.status, r.message).toBe('imported');
    // Replacing deletes a list, so a restorable copy was made first.
    expect(listBackups(db.name).filter((b) => b.reason === 'import').length).toBe(backupsBefore + 1);
    expect(r.replacedListIds).toEqual([old.id]);
    expect(r.message).toContain(`It replaces the earlier import of the same file ('${old.name}'); places attached to LAPs stay attached.`);
    expect(db.prepare('SELECT COUNT(*) AS n FROM place WHERE list_id = ?').get(old.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM place_lap WHERE place_id = ?').get(oldGp.id)).toEqual({ n: 0 });
    expect((await tb.send('places.lists', {})).filter((l) => l.fileName === 'n4-places-synthetic.csv')).toHaveLength(1);
    // The same GP surgery in the new list still serves N4.
    const newGp = db.prepare(`SELECT id FROM place WHERE list_id = ? AND name = 'Synthetic GP surgery 4'`).get(r.list!.id) as { id: number };
    expect(newGp.id).not.toBe(oldGp.id);
    const n4 = await tb.send('places.list', { lapId });
    expect(n4.find((p) => p.id === newGp.id)?.laps.find((l) => l.id === lapId)?.how).toBe('attached');
  });

  it('places.deleteList removes the list and its places in one transaction', async () => {
    const list = (await tb.send('places.lists', {})).find((l) => l.name === 'points-synthetic')!;
    const before = placeCount(tb);
    expect(await tb.send('places.deleteList', { id: list.id })).toEqual({ id: list.id, places: 4 });
    expect(placeCount(tb)).toBe(before - 4);
    expect(await tb.refuse('places.deleteList', { id: list.id })).toEqual({ kind: 'not-found', message: `There is no list of places with id ${list.id}.` });
  });
});

describe('size', () => {
  it('imports 10,000 places in one list (speed is benchmarked, not asserted)', async () => {
    const lines = ['name,category,easting,northing'];
    const cats = ['GP', 'Pharmacy', 'Family hub', 'Food bank', 'Warm space', 'Youth club', 'Job centre', 'Community centre'];
    for (let i = 0; i < 10_000; i++) lines.push(`Synthetic place ${i},${cats[i % 8]},${460000 + ((i * 37) % 40000)},${240000 + ((i * 53) % 60000)}`);
    const r = await importFile(tb, 'ten-thousand-synthetic.csv', lines.join('\n'));
    expect(r.status, r.message).toBe('imported');
    expect(r.counts.places).toBe(10_000);
    expect(r.list!.count).toBe(10_000);
    const inWards = tb.backend.db.prepare('SELECT COUNT(*) AS n FROM place WHERE list_id = ? AND ward_code IS NOT NULL').get(r.list!.id) as { n: number };
    expect(inWards.n + r.counts.outside).toBe(10_000);
    expect(inWards.n).toBeGreaterThan(5000);
    await tb.send('places.deleteList', { id: r.list!.id });
  });
});

describe('schema (migration 40)', () => {
  it('the database backs up the service: unknown categories, orphan places and unknown wards are refused', () => {
    const db = tb.backend.db;
    const list = db
      .prepare(`INSERT INTO place_list (name, file_name, sha256, imported_at, coordinates) VALUES ('x', 'x.csv', ?, '2026-01-01', 'lon-lat')`)
      .run('0'.repeat(64)).lastInsertRowid;
    const insert = db.prepare(
      `INSERT INTO place (list_id, source_row, name, category, lon, lat, easting, northing, ward_code) VALUES (?, 2, 'Synthetic', ?, -0.9, 52.2, 475000, 260000, ?)`,
    );
    expect(() => insert.run(list, 'bakery', null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run(99999, 'gp', null)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert.run(list, 'gp', 'E05099999')).toThrow(/FOREIGN KEY constraint failed/);
    const id = insert.run(list, 'gp', WARD.castle).lastInsertRowid;
    db.prepare('DELETE FROM place_list WHERE id = ?').run(list);
    expect(db.prepare('SELECT COUNT(*) AS n FROM place WHERE id = ?').get(id)).toEqual({ n: 0 });
    const version = db.prepare('SELECT name FROM schema_migrations WHERE version = 40').get();
    expect(version).toEqual({ name: 'places' });
  });
});
