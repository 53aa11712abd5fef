/**
 * `lap-insight places ...`: importing the SYNTHETIC fixtures (tests/fixtures/places, see its README) with every
 * problem printed as "file: row N, column 'X': message" and a non-zero exit code, listing a LAP's or a ward's places,
 * attaching a practice to a LAP by hand, the places CSV (the same bytes as the 'places-csv' export), the access table
 * with its straight-line note, the ward centres (a synthetic centroid file), and deleting a list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaPlaces, Place, PlaceList } from '../../shared/places.ts';
import { run } from '../helpers/cli.ts';
import { createBackend } from '../../backend/backend.ts';
import type { ReportPrinter } from '../../backend/report/printer.ts';
import { exportProfile } from '../../backend/report/service.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/places');
const fixture = (name: string) => path.join(FIXTURES, name);

let dir: string;
let cleanup: () => void;
let db: string;
beforeAll(() => {
  ({ dir, cleanup } = tempDir('lap-places-cli-'));
  db = path.join(dir, 'places.db');
  // These tests import SYNTHETIC lists into an empty store: the built-in ODS list (issue 15) is hidden, as a user can.
  const b = createBackend({ dbPath: seededDb(db), transport: 'test' });
  b.db.prepare(`INSERT INTO meta (key, value) VALUES ('places.builtin_hidden', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
  b.db.prepare(`DELETE FROM place_list WHERE builtin = 1`).run();
  b.close();
});
afterAll(() => cleanup());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const noPrinter = (): ReportPrinter => {
  throw new Error('no printer needed');
};

/** A place's id by name (through --json). */
async function idOf(name: string): Promise<number> {
  const all = JSON.parse((await cli('places', '--json')).out) as Place[];
  const p = all.find((x) => x.name === name);
  if (!p) throw new Error(`no place called ${name}`);
  return p.id;
}

describe('lap-insight places (synthetic fixtures)', () => {
  it('says how to start when nothing is loaded', async () => {
    const r = await cli('places');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('No places are loaded yet. Import a list with: lap-insight places import FILE');
    expect((await cli('places', 'lists')).out).toBe('No places are loaded yet. Import a list with: lap-insight places import FILE');
    expect((await cli('places', 'access', '--lap', 'N4')).out).toBe('No places are loaded yet. Import a list with: lap-insight places import FILE');
  });

  it('a file with errors: every problem with its row and column, a non-zero exit, and nothing stored', async () => {
    const r = await cli('places', 'import', fixture('bad-places-synthetic.csv'));
    expect(r.code).toBe(1);
    expect(r.out).toBe('bad-places-synthetic.csv: nothing was stored: 6 problems to fix first, each listed below.');
    const lines = r.err.split('\n');
    const problems = lines.filter((l) => l.startsWith('bad-places-synthetic.csv: '));
    expect(problems).toHaveLength(6);
    expect(problems.map((l) => /^bad-places-synthetic\.csv: row (\d+), column/.exec(l)?.[1])).toEqual(['3', '4', '5', '6', '7', '8']);
    expect(problems[0]).toMatch(/^bad-places-synthetic\.csv: row 3, column 'category': 'Bakery' is not a category/);
    expect(problems[1]).toMatch(/^bad-places-synthetic\.csv: row 4, column 'latitude': /);
    expect(problems[2]).toContain("outside Northamptonshire's bounding area");
    expect(problems[3]).toMatch(/^bad-places-synthetic\.csv: row 6, column 'name': /);
    expect(problems[5]).toMatch(/^bad-places-synthetic\.csv: row 8, column 'longitude': 'abc' is not a number/);
    // Each problem once: the last line counts them and does not repeat the first.
    expect(lines[lines.length - 1]).toBe('lap-insight: nothing was imported from bad-places-synthetic.csv: 6 problems, listed above');
    expect(lines.filter((l) => l.includes("'Bakery' is not a category"))).toHaveLength(1);
    expect((await cli('places', 'lists', '--json')).out).toBe('[]');
  });

  it('--check validates a file and stores nothing', async () => {
    const r = await cli('places', 'import', fixture('bng-places-synthetic.csv'), '--check');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n')).toEqual([
      'bng-places-synthetic.csv: checked, no errors: 6 places would be imported from 6 rows (1 GP surgery, 1 pharmacy, 1 family hub, 1 youth club, 1 job centre, 1 community venue) (nothing was stored).',
      '  Coordinates: eastings and northings.',
    ]);
    expect((await cli('places', 'lists', '--json')).out).toBe('[]');
  });

  it('imports a list and prints its counts; the same file again is refused unless --replace', async () => {
    const r = await cli('places', 'import', fixture('n4-places-synthetic.csv'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n')[0]).toMatch(
      /^n4-places-synthetic\.csv: imported as list \d+ \("n4-places-synthetic"\): 14 places from 14 rows \(6 GP surgeries, 2 pharmacies, 1 family hub, 2 food banks, 1 warm space, 1 youth club, 1 community venue\); 1 of them lies outside the two councils \(kept for distances\)\.$/,
    );
    const again = await cli('places', 'import', fixture('n4-places-synthetic.csv'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/lap-insight: nothing was imported: .*imported before.*--replace/);
    const replaced = await cli('places', 'import', fixture('n4-places-synthetic.csv'), '--replace', '--name', 'Synthetic N4 list');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain('("Synthetic N4 list")');
    expect(replaced.out).toContain('It replaces the earlier import of the same file');
    const lists = JSON.parse((await cli('places', 'lists', '--json')).out) as PlaceList[];
    expect(lists.map((l) => [l.name, l.count, l.outside])).toEqual([['Synthetic N4 list', 14, 1]]);
    const table = await cli('places', 'lists');
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+NAME\s+FILE\s+IMPORTED\s+PLACES\s+OUTSIDE\s+KINDS$/);
    expect(table.out).toMatch(/Synthetic N4 list\s+n4-places-synthetic\.csv\s+\d{4}-\d\d-\d\d\s+14\s+1\s+6 GP surgeries, 2 pharmacies/);
  });

  it("lists a LAP's places with how each belongs, a ward's places, and a category anywhere", async () => {
    const n4 = await cli('places', '--lap', 'n4');
    expect(n4.code).toBe(0);
    const lines = n4.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CATEGORY\s+WARD\s+HOW$/);
    expect(lines.slice(1, -1).map((l) => l.replace(/^\d+\s+/, '').split(/\s{2,}/))).toEqual([
      ['Synthetic GP surgery 1', 'GP surgery', 'Castle', 'inside the area'],
      ['Synthetic GP surgery 2', 'GP surgery', 'Abington and Phippsville', 'inside the area'],
      ['Synthetic GP surgery 3', 'GP surgery', 'St. George', 'inside the area'],
      ['Synthetic pharmacy 1', 'Pharmacy', 'Dallington Spencer', 'inside the area'],
      ['Synthetic family hub 1', 'Family hub', 'Castle', 'inside the area'],
      ['Synthetic food bank 1', 'Food bank', 'Abington and Phippsville', 'inside the area'],
    ]);
    expect(lines[lines.length - 1]).toBe('6 places in or attached to N4.');

    const castle = JSON.parse((await cli('places', '--ward', 'castle', '--json')).out) as Place[];
    expect(castle.map((p) => p.name).sort()).toEqual(['Synthetic GP surgery 1', 'Synthetic family hub 1']);

    const gps = await cli('places', '--category', 'GP practices');
    expect(gps.out.split('\n').filter((l) => /^\d+\s+Synthetic/.test(l))).toHaveLength(6);
    expect(gps.out.split('\n').pop()).toBe('6 places.');
    expect(gps.out).toMatch(/Synthetic GP surgery 6 \(outside the county\)\s+GP surgery\s+outside the two councils/);
    expect(gps.out).toMatch(/Synthetic GP surgery 5\s+GP surgery\s+Corby West/);
    const two = JSON.parse((await cli('places', '--category', 'chemist, foodbank', '--json')).out) as Place[];
    expect(two.map((p) => p.category).sort()).toEqual(['food-bank', 'food-bank', 'pharmacy', 'pharmacy']);

    const bad = await cli('places', '--category', 'bakery');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^lap-insight: 'bakery' is not a kind of place\. Use one of: GP surgery, pharmacy, family hub/);
    expect((await cli('places', '--lap', 'N44')).err).toMatch(/^lap-insight: There is no LAP called 'N44'/);
    expect((await cli('places', '--set', 'west')).err).toMatch(/--set says which set a LAP is in: use it with --lap NAME/);
  });

  it('attaches a practice to a LAP and detaches it; the practice list CSV is the places-csv export', async () => {
    const brackley = await idOf('Synthetic GP surgery 4');
    const a = await cli('places', 'attach', String(brackley), '--lap', 'N4');
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(a.out).toBe('Attached Synthetic GP surgery 4 (GP surgery) to N4 (West Northamptonshire LAPs).');
    const castleGp = await idOf('Synthetic GP surgery 1');
    expect((await cli('places', 'attach', String(castleGp), '--lap', 'N4')).out).toBe(
      'Attached Synthetic GP surgery 1 (GP surgery) to N4 (West Northamptonshire LAPs); it also lies inside N4.',
    );
    const listed = await cli('places', '--lap', 'N4', '--category', 'gp');
    expect(listed.out).toMatch(/Synthetic GP surgery 4\s+GP surgery\s+Brackley\s+attached/);
    expect(listed.out).toMatch(/Synthetic GP surgery 1\s+GP surgery\s+Castle\s+inside the area and attached/);

    // The CSV on stdout, and to a file, is byte for byte the app's places-csv export of N4's GP surgeries.
    const out = path.join(dir, 'exports', 'n4-gps.csv');
    const w = await cli('places', '--lap', 'N4', '--category', 'gp', '--csv', '--out', out);
    expect(w.out).toBe(`Wrote 4 places of N4 to ${out} (the app would call it "N4 GP practices.csv").`);
    const written = readFileSync(out);
    const backend = createBackend({ dbPath: db, transport: 'test' });
    try {
      const lapId = (await backend.handlers['laps.list']({})).find((l) => l.name === 'N4')!.id;
      const file = await exportProfile(backend.ctx.report, noPrinter, { area: { kind: 'lap', id: lapId }, format: 'places-csv', categories: ['gp'] });
      expect(file.fileName).toBe('N4 GP practices.csv');
      expect(written.equals(file.data)).toBe(true);
    } finally {
      backend.close();
    }
    const stdout = await cli('places', '--lap', 'N4', '--category', 'gp', '--csv');
    expect(`${stdout.out}\r\n`).toBe(written.toString('utf8'));
    const rows = stdout.out.replace(/^\ufeff/, '').split('\r\n');
    expect(rows[0]).toBe('Area,Name,Category,Address,Postcode,Ref,Ward,Council,How,Longitude,Latitude,Easting,Northing');
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.includes('Synthetic GP surgery 4'))).toMatch(/^N4,Synthetic GP surgery 4,GP surgery,"7 Synthetic Street, Test Town",ZZ0 0ZZ,SYN007,Brackley,West Northamptonshire,attached,-1\.1484,52\.0362,\d+,\d+$/);

    const d = await cli('places', 'detach', String(brackley), '--lap', 'N4');
    expect(d.out).toBe('Detached Synthetic GP surgery 4 (GP surgery) from N4 (West Northamptonshire LAPs).');
    expect((await cli('places', 'detach', String(castleGp), '--lap', 'N4')).out).toBe(
      'Detached Synthetic GP surgery 1 (GP surgery) from N4 (West Northamptonshire LAPs); it still counts for N4 because it lies inside it.',
    );
    expect((await cli('places', '--lap', 'N4', '--category', 'gp')).out).not.toMatch(/attached$/m);
    expect((await cli('places', 'attach', '--lap', 'N4')).err).toMatch(/^lap-insight: Give the place's id/);
    expect((await cli('places', 'attach', String(brackley))).err).toMatch(/^lap-insight: Say which LAP with --lap NAME/);
    expect((await cli('places', '--csv')).err).toMatch(/--csv writes an area's places list: add --lap NAME or --ward WARD/);
  });

  it('access: counts, the straight-line distance table with the area and council averages, and the honest note', async () => {
    const r = await cli('places', 'access', '--lap', 'N4');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^Places and access: N4 \(4 wards(, [\d,]+ residents)?\)$/);
    expect(r.out).toMatch(/^GP surgeries\s+3\s+0\s+3\s+/m);
    expect(r.out).toContain('Straight-line distance to the nearest place, km (not travel time):');
    const json = JSON.parse((await cli('places', 'access', '--lap', 'N4', '--json')).out) as AreaPlaces;
    const castle = json.wards.find((w) => w.name === 'Castle')!;
    const castleLine = lines.find((l) => l.startsWith('Castle '))!;
    expect(castleLine.split(/\s{2,}/)[1]).toBe(castle.nearest.gp!.km.toFixed(1));
    expect(lines.some((l) => /^N4 \(average\)\s+\d/.test(l))).toBe(true);
    expect(lines.some((l) => /^West Northamptonshire \(average\)\s+\d/.test(l))).toBe(true);
    expect(lines.some((l) => /^North Northamptonshire \(average\)\s+\d/.test(l))).toBe(true);
    expect(r.out).toContain('not travel time');
    expect(r.out).toContain(json.centres.description);
    // A ward and a council by name.
    expect((await cli('places', 'access', '--ward', 'Corby West')).out).toMatch(/^Places and access: Corby West \(1 ward/);
    expect((await cli('places', 'access', '--council', 'north')).out).toMatch(/^Places and access: North Northamptonshire \(26 wards/);
    expect((await cli('places', 'access')).err).toMatch(/^lap-insight: Say which area: places access --lap NAME/);
  });

  it('centres: the bundled ONS centroids by default, an imported file after importing, and back after clearing', async () => {
    const before = await cli('places', 'centres');
    expect(before.out).toMatch(/bundled with the app/);
    // SYNTHETIC centroids: every Northamptonshire LSOA placed at its ward's label point (invented, not the ONS file).
    const geo = JSON.parse(readFileSync(path.join(ROOT, 'assets/geography.json'), 'utf8')) as { labels: { features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[] } };
    const label = new Map(geo.labels.features.map((f) => [f.properties.code, f.geometry.coordinates]));
    const lookup = readFileSync(path.join(ROOT, 'assets/lookups/lsoa21_ward.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    const rows = lookup.map(([lsoa, ward]) => {
      const p = label.get(ward!) ?? [-0.9, 52.24];
      return `${lsoa},${p[0].toFixed(5)},${p[1].toFixed(5)}`;
    });
    const file = path.join(dir, 'centroids-synthetic.csv');
    writeFileSync(file, ['LSOA21CD,Longitude,Latitude', ...rows].join('\n') + '\n');
    const imp = await cli('places', 'centres', 'import', file);
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/^centroids-synthetic\.csv: Imported the population-weighted centroids of \d+ Northamptonshire LSOAs/);
    const info = JSON.parse((await cli('places', 'centres', '--json')).out) as { method: string; fileName: string };
    expect(info).toMatchObject({ method: 'population-weighted', fileName: 'centroids-synthetic.csv' });
    expect((await cli('places', 'centres')).out).toMatch(/Centroids: [\d,]+ of the [\d,]+ LSOAs the wards need, from centroids-synthetic\.csv/);

    const badFile = path.join(dir, 'centroids-bad.csv');
    writeFileSync(badFile, 'LSOA11CD,x,y\nE01000001,1,2\n');
    const bad = await cli('places', 'centres', 'import', badFile);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^centroids-bad\.csv: row 1: centroids-bad\.csv has LSOA 2011 codes/m);
    expect(JSON.parse((await cli('places', 'centres', '--json')).out).method).toBe('population-weighted'); // unchanged

    const cleared = await cli('places', 'centres', 'clear');
    expect(cleared.out.split('\n')[0]).toBe('Cleared the imported centroids.');
    expect(JSON.parse((await cli('places', 'centres', '--json')).out)).toMatchObject({ method: 'population-weighted', fileName: null });
    expect((await cli('places', 'centres', 'nope')).err).toMatch(/^lap-insight: Unknown places centres command 'nope'/);
  });

  it('deletes a list with its places; unknown words are explained', async () => {
    const [list] = JSON.parse((await cli('places', 'lists', '--json')).out) as PlaceList[];
    const d = await cli('places', 'delete-list', String(list!.id));
    expect(d).toMatchObject({ code: 0, out: `Deleted list ${list!.id} and its 14 places.` });
    expect((await cli('places')).out).toBe('No places are loaded yet. Import a list with: lap-insight places import FILE');
    expect((await cli('places', 'delete-list', 'x')).err).toMatch(/^lap-insight: Give the list's id/);
    const u = await cli('places', 'nope');
    expect(u.code).toBe(1);
    expect(u.err).toBe("lap-insight: Unknown places command 'nope'. Use one of: import, lists, delete-list, restore-builtin, attach, detach, access, centres (or no word to list places).");
    expect((await cli('places', 'import', path.join(dir, 'missing.csv'))).err).toBe(`lap-insight: Could not read ${path.join(dir, 'missing.csv')}: there is no such file.`);
  });

  it('--help lists the places commands', async () => {
    const r = await cli('--help');
    for (const u of ['places [--lap NAME [--set SET]] [--ward WARD] [--category C] [--json | --csv [--out FILE]]', 'places import FILE [--name NAME] [--check] [--replace] [--json]', 'places access --lap NAME', 'places centres [import FILE | clear]']) {
      expect(r.out).toContain(u);
    }
  });
});
