/**
 * Issue 15: replacing the built-in GP practices and pharmacies with a newer NHS ODS extract through places.import, and
 * bringing the built-in list back (places.restoreBuiltin). The ODS files are SYNTHETIC but in the real layout (no
 * header row, 27 quoted columns, as in ../shared/data/places/SOURCES.md), with coordinates from a SYNTHETIC postcode
 * lookup in the ONS Postcode Directory layout (tests/fixtures/places/README.md). Each synthetic postcode sits on a
 * fixture point whose ward was checked independently when the fixtures were made (make-fixtures.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { testBackend as freshBackend } from '../laps/helpers.ts';
import { b64, fixture, importFile, n4Id, placeCount, sums, testBackend, WARD, FIXTURES, type TestBackend } from './helpers.ts';

const EPRACCUR = 'ods-epraccur-synthetic.csv';
const EDISPENSARY = 'ods-edispensary-synthetic.csv';
const POSTCODES = 'ods-postcodes-synthetic.csv';
const postcodes = { fileName: POSTCODES, contentBase64: b64(fixture(POSTCODES)) };

function placesOf(tb: TestBackend, listId: number) {
  return tb.backend.db
    .prepare('SELECT source_row, name, category, ref, postcode, address, ward_code, lon, lat FROM place WHERE list_id = ? ORDER BY source_row')
    .all(listId) as { source_row: number; name: string; category: string; ref: string; postcode: string; address: string; ward_code: string | null; lon: number; lat: number }[];
}

describe('an ODS extract with a postcode lookup (user lists only)', () => {
  let tb: TestBackend;
  beforeAll(() => {
    tb = testBackend('ods.db');
  });
  afterAll(() => tb.close());

  it('epraccur (no header row): active practices as GP practices at their postcode centroids; the closed one named and left out', async () => {
    const r = await importFile(tb, EPRACCUR, undefined, { postcodes });
    expect(r.status, r.message).toBe('imported');
    expect(r.counts).toEqual({ rows: 4, places: 3, outside: 0, byCategory: { gp: 3 } });
    expect(r.report.errors).toBe(0);
    const warnings = r.report.issues.filter((i) => i.severity === 'warning');
    expect(warnings).toEqual([
      expect.objectContaining({ file: EPRACCUR, row: 3, column: 'Status Code', message: expect.stringMatching(/^row 3, column 'Status Code': 'INACTIVE' is not an active organisation \(SYNTHETIC CLOSED PRACTICE\)/) }),
    ]);
    const infos = r.report.issues.filter((i) => i.severity === 'info').map((i) => i.message);
    expect(infos.some((m) => /no header row: it was read as an NHS ODS extract/.test(m))).toBe(true);
    expect(infos.some((m) => m === `3 places were put at the centre of its postcode, from ${POSTCODES}`)).toBe(true);
    // The first data row is row 1 (there is no header); the postcode is matched without regard to case or spaces.
    expect(placesOf(tb, r.list!.id)).toEqual([
      { source_row: 1, name: 'SYNTHETIC PRACTICE ONE', category: 'gp', ref: 'K83002', postcode: 'ZZ1 1AA', address: '1 SYNTHETIC STREET, TEST TOWN', ward_code: WARD.castle, lon: -0.8927, lat: 52.239 },
      { source_row: 2, name: 'SYNTHETIC PRACTICE TWO', category: 'gp', ref: 'Z99002', postcode: 'ZZ1 1AB', address: '2 SYNTHETIC STREET, TEST TOWN', ward_code: WARD.abington, lon: -0.8751, lat: 52.2467 },
      { source_row: 4, name: 'SYNTHETIC PRACTICE FOUR', category: 'gp', ref: 'Z99004', postcode: 'ZZ1 1AD', address: '4 SYNTHETIC STREET, TEST TOWN', ward_code: WARD.dallington, lon: -0.924, lat: 52.2498 },
    ]);
  });

  it('edispensary: a postcode not in the lookup is an error naming the file, row and column, and nothing is stored', async () => {
    const before = sums(tb);
    const r = await importFile(tb, EDISPENSARY, undefined, { postcodes });
    expect(r.status).toBe('failed');
    const errors = r.report.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        file: EDISPENSARY,
        row: 2,
        column: 'Postcode',
        message: `row 2, column 'Postcode': the postcode 'ZZ1 1AZ' is not in the postcode lookup file ${POSTCODES}, so the place cannot be put on the map`,
      }),
    ]);
    expect(sums(tb)).toEqual(before);
  });

  it('edispensary rows are pharmacies; the user can choose the category instead', async () => {
    const oneRow = fixture(EDISPENSARY).toString('utf8').split('\r\n')[0]! + '\r\n';
    const asPharmacy = await importFile(tb, 'edispensary-one.csv', oneRow, { postcodes, check: true });
    expect(asPharmacy.status, asPharmacy.message).toBe('checked');
    expect(asPharmacy.counts.byCategory).toEqual({ pharmacy: 1 });
    const chosen = await importFile(tb, 'edispensary-one.csv', oneRow, { postcodes, check: true, category: 'community-venue' });
    expect(chosen.counts.byCategory).toEqual({ 'community-venue': 1 });
  });

  it('edispensary sub-type 2 is a dispensing appliance contractor: counted as a pharmacy and named so, as in the built-in list', async () => {
    const dac = fixture(EDISPENSARY).toString('utf8').split('\r\n')[0]!.replace('"A","1","P0ZZ"', '"A","2","P0ZZ"') + '\r\n';
    expect(dac).toContain('"A","2","P0ZZ"');
    const r = await importFile(tb, 'edispensary-dac.csv', dac, { postcodes });
    expect(r.status, r.message).toBe('imported');
    expect(placesOf(tb, r.list!.id).map((p) => [p.name, p.category, p.ward_code])).toEqual([['SYNTHETIC PHARMACY ONE (dispensing appliance contractor)', 'pharmacy', WARD.dallington]]);
  });

  it('without a postcode lookup, an ODS extract is refused with a message saying what to supply', async () => {
    const n = placeCount(tb);
    const r = await importFile(tb, EDISPENSARY);
    expect(r.status).toBe('failed');
    expect(r.report.issues[0]).toMatchObject({ file: EDISPENSARY, row: 1 });
    expect(r.report.issues[0]!.message).toMatch(/postcode lookup file such as an ONS Postcode Directory extract with pcds, lat and long columns: command line --postcodes FILE/);
    expect(placeCount(tb)).toBe(n);
  });

  it('a lookup file without lat/long columns is reported by its own name', async () => {
    const r = await importFile(tb, EPRACCUR, undefined, { postcodes: { fileName: 'bad-lookup.csv', contentBase64: b64('pcds,x\nZZ1 1AA,1\n') } });
    expect(r.status).toBe('failed');
    expect(r.report.issues.find((i) => i.severity === 'error')).toMatchObject({ file: 'bad-lookup.csv', row: 1 });
  });

  it('an ODS extract with a header row (as in ../shared/data/places) and its own coordinates needs no lookup', async () => {
    const csv = [
      'Organisation Code,Name,Address Line 1,Postcode,Status Code,pc_latitude,pc_longitude,Latitude,Longitude',
      'Z99010,SYNTHETIC HEADED PRACTICE,10 SYNTHETIC STREET,ZZ1 1AA,ACTIVE,,,52.2536,-0.8886',
    ].join('\n');
    const r = await importFile(tb, 'headed-ods.csv', csv, { check: true });
    expect(r.status, r.message).toBe('checked');
    expect(r.counts.byCategory).toEqual({ gp: 1 });
  });
});

describe('replacing the built-in list, and bringing it back', () => {
  let tb: TestBackend;
  beforeAll(() => {
    tb = freshBackend('ods-builtin.db');
  });
  afterAll(() => tb.close());

  const builtin = async () => (await tb.send('places.lists', {})).find((l) => l.builtin) ?? null;
  const builtinRows = readFileSync(path.resolve(FIXTURES, '../../../assets/places/builtin_places.csv'), 'utf8').trim().split('\n').length - 1;

  it('replaceBuiltin: the built-in list goes (hidden), hand attachments follow the ODS code, user lists stay', async () => {
    const before = await builtin();
    expect(before?.count).toBe(builtinRows);
    const lap = await n4Id(tb);
    const k83002 = tb.backend.db.prepare(`SELECT p.id FROM place p JOIN place_list l ON l.id = p.list_id WHERE l.builtin = 1 AND p.ref = 'K83002'`).get() as { id: number };
    await tb.send('places.attach', { placeId: k83002.id, lapId: lap });
    const mine = await importFile(tb, 'n4-places-synthetic.csv');
    expect(mine.status).toBe('imported');

    const r = await importFile(tb, EPRACCUR, undefined, { postcodes, replaceBuiltin: true, name: 'GP practices (ODS, newer)' });
    expect(r.status, r.message).toBe('imported');
    expect(r.replacedListIds).toEqual([before!.id]);
    expect(r.message).toMatch(/It replaces the built-in GP practices and pharmacies/);
    const lists = await tb.send('places.lists', {});
    expect(lists.map((l) => l.name).sort()).toEqual(['GP practices (ODS, newer)', 'n4-places-synthetic']);
    const meta = tb.backend.db.prepare(`SELECT value FROM meta WHERE key = 'places.builtin_hidden'`).get() as { value: string };
    expect(meta.value).toBe('1');
    // The attachment moved to the new list's K83002.
    const attached = tb.backend.db
      .prepare(`SELECT p.ref, p.list_id FROM place_lap pl JOIN place p ON p.id = pl.place_id WHERE pl.lap_id = ?`)
      .all(lap) as { ref: string; list_id: number }[];
    expect(attached).toEqual([{ ref: 'K83002', list_id: r.list!.id }]);
    // Not seeded again at the next start.
    tb.reopen();
    expect(await builtin()).toBeNull();
  });

  it('places.restoreBuiltin brings it back; the replacement list stays; a second call says it is already shown', async () => {
    const r = await tb.send('places.restoreBuiltin', {});
    expect(r.list?.builtin).toBe(true);
    expect(r.list?.count).toBe(builtinRows);
    expect(r.message).toBe(`The built-in list '${r.list!.name}' is back: ${builtinRows} places. Lists you imported are unchanged.`);
    expect((await tb.send('places.lists', {})).length).toBe(3);
    tb.reopen();
    expect((await builtin())?.count).toBe(builtinRows);
    const again = await tb.send('places.restoreBuiltin', {});
    expect(again.message).toBe(`The built-in list '${r.list!.name}' is already shown.`);
  });

  it('after hiding it by deleting it, restoreBuiltin brings it back too', async () => {
    const b = await builtin();
    await tb.send('places.deleteList', { id: b!.id });
    expect(await builtin()).toBeNull();
    const r = await tb.send('places.restoreBuiltin', {});
    expect(r.list?.count).toBe(builtinRows);
  });
});

describe('CLI', () => {
  it('places import FILE --postcodes FILE --replace-builtin, then places restore-builtin', async () => {
    const tb = freshBackend('ods-cli.db');
    const db = tb.file;
    tb.backend.close();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const code = await run(['places', 'import', path.join(FIXTURES, EPRACCUR), '--postcodes', path.join(FIXTURES, POSTCODES), '--replace-builtin', '--db', db], io);
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/imported as list \d+ \("ods-epraccur-synthetic"\): 3 places from 4 rows \(3 GP/);
    expect(out.join('\n')).toMatch(/It replaces the built-in GP practices and pharmacies/);
    expect(out.join('\n')).toMatch(/warning: ods-epraccur-synthetic\.csv: row 3, column 'Status Code': 'INACTIVE'/);

    out.length = 0;
    const bad = await run(['places', 'import', path.join(FIXTURES, EDISPENSARY), '--postcodes', path.join(FIXTURES, POSTCODES), '--db', db], io);
    expect(bad).not.toBe(0);
    expect(err.join('\n')).toMatch(/ods-edispensary-synthetic\.csv: row 2, column 'Postcode': the postcode 'ZZ1 1AZ' is not in the postcode lookup file ods-postcodes-synthetic\.csv/);

    out.length = 0;
    expect(await run(['places', 'restore-builtin', '--db', db], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^The built-in list '.+' is back: \d+ places\. Lists you imported are unchanged\.$/);
    tb.reopen();
    tb.close();
  });
});
