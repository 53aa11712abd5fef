/**
 * Reading and checking place files (backend/places/parse.ts), through places.import with check: true
 * (nothing stored) and, for a few cases, parsePlaces directly. Every error is asserted with its file, row (header =
 * row 1; "feature N" in GeoJSON), column and plain message. All data are SYNTHETIC (tests/fixtures/places/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../shared/contract/data.ts';
import { parsePlaces } from '../../backend/places/parse.ts';
import { placeGeography } from '../../backend/places/wards.ts';
import { wgs84ToBng } from '../../backend/places/projection.ts';
import { fixture, importFile, placeCount, sums, testBackend, type TestBackend } from './helpers.ts';

let tb: TestBackend;
beforeAll(() => {
  tb = testBackend('parse.db');
});
afterAll(() => tb.close());

/** A point in Castle ward and one in St. George (from the fixtures). */
const CASTLE: [number, number] = [-0.8927, 52.239];
const ST_GEORGE: [number, number] = [-0.8886, 52.2536];
const CASTLE_EN = wgs84ToBng(...CASTLE).map(Math.round) as [number, number];

async function check(fileName: string, content: string | Uint8Array) {
  const before = sums(tb);
  const r = await importFile(tb, fileName, content, { check: true });
  expect(sums(tb), 'check: true stores nothing').toEqual(before);
  return r;
}

function errors(issues: ImportIssue[]) {
  return issues.filter((i) => i.severity === 'error').map((i) => ({ file: i.file, row: i.row, column: i.column, message: i.message }));
}

describe('the bad fixture: known errors on known rows', () => {
  it('reports each problem with file, row, column and a plain message, and stores nothing', async () => {
    const before = sums(tb);
    const r = await importFile(tb, 'bad-places-synthetic.csv');
    expect(r.status).toBe('failed');
    expect(sums(tb)).toEqual(before);
    expect(r.report.errors).toBe(6);
    expect(r.message).toMatch(/^Nothing was imported from bad-places-synthetic\.csv: 6 problems must be fixed first\./);
    const list = errors(r.report.issues);
    const F = 'bad-places-synthetic.csv';
    expect(list).toEqual([
      {
        file: F,
        row: 3,
        column: 'category',
        message:
          "row 3, column 'category': 'Bakery' is not a category LAP Insight knows; use one of: GP surgery, pharmacy, family hub, food bank, warm space, youth club, job centre, community venue",
      },
      { file: F, row: 4, column: 'latitude', message: "row 4, column 'latitude': the latitude is blank" },
      {
        file: F,
        row: 5,
        column: 'longitude / latitude',
        message:
          "row 5, columns 'longitude' and 'latitude': the point (longitude -0.1278, latitude 51.5074) is outside Northamptonshire's bounding area (the box around the 57 wards, widened by 15 km on each side). Check the coordinates, or leave this place out of the file",
      },
      { file: F, row: 6, column: 'name', message: "row 6, column 'name': the name is blank" },
      {
        file: F,
        row: 7,
        column: 'longitude / latitude',
        message:
          "row 7, columns 'longitude' and 'latitude': the point (longitude 52.2526, latitude -0.8906) is outside Northamptonshire's bounding area (the box around the 57 wards, widened by 15 km on each side); with the two swapped it would be inside: are they the wrong way round?",
      },
      { file: F, row: 8, column: 'longitude', message: "row 8, column 'longitude': 'abc' is not a number, so it cannot be the longitude" },
    ]);
    // Row 2 is fine: no issue names it.
    expect(r.report.issues.some((i) => i.row === 2)).toBe(false);
  });
});

describe('whole-file problems', () => {
  it('a missing required column is one error that names the columns found', async () => {
    const r = await check('no-category.csv', `Site,Lat,Lng\nSynthetic GP surgery 1,${CASTLE[1]},${CASTLE[0]}\n`);
    expect(r.status).toBe('failed');
    expect(errors(r.report.issues)).toEqual([
      {
        file: 'no-category.csv',
        row: 1,
        column: null,
        message:
          'row 1: LAP Insight could not find a column for the category (a column called Category, Type, Kind or Service). Each place needs a name, a category and coordinates. The columns found were: Site, Lat, Lng.',
      },
    ]);
  });

  it('names every missing column, and a lone half of a coordinate pair', async () => {
    const r = await check('half.csv', 'Title,Latitude\nx,52\n');
    const [e] = errors(r.report.issues);
    expect(e!.message).toContain('the name (a column called Name, Site name, Organisation name or Practice name)');
    expect(e!.message).toContain('nor for the category');
    expect(e!.message).toContain('(there is a latitude column but no longitude: call it Longitude)');
    expect(e!.message).toContain('The columns found were: Title, Latitude.');
  });

  it('empty, header-only and binary files get clear errors', async () => {
    expect(errors((await check('empty.csv', '')).report.issues)[0]!.message).toBe('empty.csv is empty: there is nothing to import');
    expect(errors((await check('header.csv', 'name,category,longitude,latitude\n')).report.issues)[0]!.message).toBe('header.csv has a header row but no places');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errors((await check('map.csv', png)).report.issues)[0]!.message).toBe('map.csv does not look like a CSV or GeoJSON file: it looks like a PNG image');
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);
    expect(errors((await check('places.xlsx', xlsx)).report.issues)[0]!.message).toMatch(/^places\.xlsx does not look like a CSV or GeoJSON file: it looks like an Excel workbook/);
    const zeros = new Uint8Array(100);
    expect(errors((await check('zeros.csv', zeros)).report.issues)[0]!.message).toMatch(/zero byte at byte 1/);
  });

  it('a row with more fields than the header is an error', async () => {
    const r = await check('extra.csv', `name,category,longitude,latitude\nSynthetic GP surgery 1, Castle,GP,${CASTLE[0]},${CASTLE[1]}\n`);
    expect(errors(r.report.issues)).toEqual([
      { file: 'extra.csv', row: 2, column: null, message: 'row 2 has 5 fields but the header has 4 (is there an unquoted comma in a name or address?)' },
    ]);
  });

  it('an unclosed quote is reported on its row', async () => {
    const r = await check('quote.csv', `name,category,longitude,latitude\nok,GP,${CASTLE[0]},${CASTLE[1]}\n"Synthetic GP surgery 2,GP,${CASTLE[0]},${CASTLE[1]}\n`);
    expect(errors(r.report.issues)[0]).toMatchObject({ row: 3, message: 'row 3: a quoted field is never closed (a " is missing)' });
  });
});

describe('row checks', () => {
  const H = 'name,category,longitude,latitude\n';

  it('a blank category lists the categories', async () => {
    const r = await check('blank-category.csv', `${H}Synthetic GP surgery 1,,${CASTLE[0]},${CASTLE[1]}\n`);
    expect(errors(r.report.issues)[0]).toMatchObject({ row: 2, column: 'category', message: expect.stringMatching(/^row 2, column 'category': the category is blank; use one of: GP surgery, pharmacy,/) });
  });

  it('both coordinates blank is one error for the row', async () => {
    const r = await check('no-coords.csv', `${H}Synthetic GP surgery 1,GP,,\n`);
    expect(errors(r.report.issues)).toEqual([{ file: 'no-coords.csv', row: 2, column: null, message: 'row 2: the longitude and latitude are both blank' }]);
  });

  it('easting and northing in longitude/latitude columns get a hint', async () => {
    const r = await check('metres.csv', `${H}Synthetic GP surgery 1,GP,${CASTLE_EN[0]},${CASTLE_EN[1]}\n`);
    expect(errors(r.report.issues)[0]!.message).toBe(
      `row 2, columns 'longitude' and 'latitude': the point (longitude ${CASTLE_EN[0]}, latitude ${CASTLE_EN[1]}) is not in degrees: these look like an easting and northing in metres. Call the columns Easting and Northing`,
    );
  });

  it('degrees in easting/northing columns get a hint', async () => {
    const r = await check('degrees.csv', `name,category,easting,northing\nSynthetic GP surgery 1,GP,${CASTLE[0]},${CASTLE[1]}\n`);
    expect(errors(r.report.issues)[0]!.message).toBe(
      `row 2, columns 'easting' and 'northing': the point (easting ${CASTLE[0]}, northing ${CASTLE[1]}) looks like a longitude and latitude in degrees, not an easting and northing in metres. Call the columns Longitude and Latitude`,
    );
  });

  it('swapped easting and northing are spotted', async () => {
    const r = await check('swapped-en.csv', `name,category,easting,northing\nSynthetic GP surgery 1,GP,${CASTLE_EN[1]},${CASTLE_EN[0]}\n`);
    expect(errors(r.report.issues)[0]!.message).toMatch(/with the two swapped it would be inside: are they the wrong way round\?$/);
  });

  it('a latitude beyond 90 that fits when swapped gets the swap hint', async () => {
    const r = await check('swapped-big.csv', `${H}Synthetic GP surgery 1,GP,52.239,-100\n`);
    expect(errors(r.report.issues)[0]!.message).toMatch(/is not a valid longitude and latitude \(longitude runs from -180 to 180/);
    const r2 = await check('swapped-lat.csv', `name,category,latitude,longitude\nSynthetic GP surgery 1,GP,-0.8927,52.239\n`);
    expect(errors(r2.report.issues)[0]!.message).toMatch(/with the two swapped it would be inside/);
  });

  it('names longer than 300 characters are refused', async () => {
    const r = await check('long.csv', `${H}${'x'.repeat(301)},GP,${CASTLE[0]},${CASTLE[1]}\n`);
    expect(errors(r.report.issues)[0]).toMatchObject({ row: 2, column: 'name', message: "row 2, column 'name': the name is 301 characters long; at most 300 are allowed" });
  });

  it('a repeated row (same name, category and place) is a warning and is left out', async () => {
    const line = `Synthetic GP surgery 1,GP,${CASTLE[0]},${CASTLE[1]}`;
    const r = await check('repeat.csv', `${H}${line}\nSynthetic pharmacy 1,Pharmacy,${ST_GEORGE[0]},${ST_GEORGE[1]}\n${line.replace('GP surgery 1', 'gp SURGERY 1')}\n`);
    expect(r.status).toBe('checked');
    expect(r.counts).toMatchObject({ rows: 3, places: 2 });
    const warnings = r.report.issues.filter((i) => i.severity === 'warning');
    expect(warnings).toEqual([
      { severity: 'warning', file: 'repeat.csv', row: 4, column: 'name', message: 'row 4 repeats row 2 (the same name, category and place), so it was left out', count: 1 },
    ]);
    expect(r.message).toContain('1 repeated row left out');
  });

  it('rows of empty cells are skipped, not errors', async () => {
    const r = await check('gaps.csv', `${H},,,\nSynthetic GP surgery 1,GP,${CASTLE[0]},${CASTLE[1]}\n\n,,,\n`);
    expect(r.status).toBe('checked');
    expect(r.counts.places).toBe(1);
  });
});

describe('columns, encodings and delimiters', () => {
  it('matches columns forgivingly and joins address lines', async () => {
    const text =
      'Practice Name;Service;Lng;LAT;Address 1;Address 2;Town;Post Code;ODS Code\r\n' +
      `"Synthetic GP surgery 1; the ""old"" one";GP practice;${String(CASTLE[0]).replace('.', ',')};${String(CASTLE[1]).replace('.', ',')};1 Synthetic Street;;Test Town;zz0 0zz;SYN1\r\n`;
    const before = placeCount(tb);
    const r = await importFile(tb, 'forgiving.csv', text);
    expect(r.status, r.message).toBe('imported');
    expect(placeCount(tb)).toBe(before + 1);
    const [p] = await tb.send('places.list', { query: 'old one' });
    expect(p).toMatchObject({
      name: 'Synthetic GP surgery 1; the "old" one',
      category: 'gp',
      address: '1 Synthetic Street, Test Town',
      postcode: 'ZZ0 0ZZ',
      ref: 'SYN1',
      lon: CASTLE[0],
      lat: CASTLE[1],
      ward: { code: 'E05013246', name: 'Castle' },
    });
    await tb.send('places.deleteList', { id: r.list!.id });
  });

  it('x and y are an easting and northing; x is a longitude when there is a latitude column', async () => {
    const xy = await check('xy.csv', `name,type,x,y\nSynthetic GP surgery 1,GP,${CASTLE_EN[0]},${CASTLE_EN[1]}\n`);
    expect(xy.status).toBe('checked');
    expect(xy.coordinates).toBe('easting-northing');
    const xlat = await check('xlat.csv', `name,type,latitude,x\nSynthetic GP surgery 1,GP,${CASTLE[1]},${CASTLE[0]}\n`);
    expect(xlat.status).toBe('checked');
    expect(xlat.coordinates).toBe('lon-lat');
  });

  it('with both pairs, a row uses longitude/latitude when filled, otherwise easting/northing, and warns when they disagree', async () => {
    const far = wgs84ToBng(ST_GEORGE[0], ST_GEORGE[1]).map(Math.round);
    const text =
      'name,category,longitude,latitude,easting,northing\n' +
      `Synthetic GP surgery 1,GP,${CASTLE[0]},${CASTLE[1]},${CASTLE_EN[0]},${CASTLE_EN[1]}\n` +
      `Synthetic GP surgery 2,GP,,,${CASTLE_EN[0] + 50},${CASTLE_EN[1]}\n` +
      `Synthetic GP surgery 3,GP,${CASTLE[0]},${CASTLE[1]},${far[0]},${far[1]}\n`;
    const r = await check('both.csv', text);
    expect(r.status).toBe('checked');
    expect(r.counts.places).toBe(3);
    expect(r.coordinates).toBe('lon-lat');
    const w = r.report.issues.filter((i) => i.severity === 'warning');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ row: 4, message: expect.stringMatching(/^row 4: the longitude and latitude and the easting and northing are 1\.\d km apart; the longitude and latitude were used$/) });
  });

  it('reads Windows-1252, UTF-8 with a byte-order mark, UTF-16 and tab-separated files', async () => {
    const line = (name: string) => `${name},GP,${CASTLE[0]},${CASTLE[1]}`;
    const cp1252 = Buffer.concat([Buffer.from('name,category,longitude,latitude\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(` synthetic GP,GP,${CASTLE[0]},${CASTLE[1]}\n`)]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`name,category,longitude,latitude\n${line('Caf\u00e9 synthetic BOM')}\n`)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`name,category,longitude,latitude\r\n${line('Caf\u00e9 synthetic UTF16')}\r\n`, 'utf16le')]);
    const tab = `name\tcategory\tlongitude\tlatitude\nCaf\u00e9 synthetic tab\tGP\t${CASTLE[0]}\t${CASTLE[1]}\n`;
    for (const [file, content, name] of [
      ['cp1252.csv', cp1252, 'Caf\u00e9 synthetic GP'],
      ['bom.csv', bom, 'Caf\u00e9 synthetic BOM'],
      ['utf16.csv', utf16, 'Caf\u00e9 synthetic UTF16'],
      ['tab.tsv', Buffer.from(tab), 'Caf\u00e9 synthetic tab'],
    ] as const) {
      const r = await importFile(tb, file, content);
      expect(r.status, `${file}: ${r.message}`).toBe('imported');
      const stored = tb.backend.db.prepare('SELECT name FROM place WHERE list_id = ?').all(r.list!.id) as { name: string }[];
      expect(stored.map((s) => s.name), file).toEqual([name]);
      await tb.send('places.deleteList', { id: r.list!.id });
    }
  });

  it('parsePlaces reports the encoding and delimiter it used', async () => {
    const bounds = placeGeography(tb.backend.db).bounds;
    const p = await parsePlaces('semi.csv', Buffer.from(`name;category;longitude;latitude\nx;GP;-0,8927;52,239\n`), bounds);
    expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', rows: 1, coordinates: 'lon-lat' });
    expect(p.places[0]).toMatchObject({ row: 2, name: 'x', category: 'gp', lon: -0.8927, lat: 52.239 });
    const q = await parsePlaces('latin.csv', Buffer.from([...Buffer.from('name,category,longitude,latitude\n'), 0xe9, ...Buffer.from(`,GP,-0.8927,52.239\n`)]), bounds);
    expect(q.encoding).toBe('windows-1252');
    expect(q.places[0]!.name).toBe('\u00e9');
  });

  it('the bounding area is the wards\u2019 extent plus 15 km: a point 10 km beyond the county edge passes, 40 km does not', async () => {
    const b = placeGeography(tb.backend.db).bounds;
    const r = await check('edge.csv', `name,category,easting,northing\nSynthetic GP surgery 1,GP,${b.minE + 5000},${b.minN + 20000}\nSynthetic GP surgery 2,GP,${b.minE - 25000},${b.minN + 20000}\n`);
    expect(errors(r.report.issues).map((e) => e.row)).toEqual([3]);
  });
});

describe('GeoJSON', () => {
  const feature = (geometry: unknown, properties: Record<string, unknown>) => ({ type: 'Feature', geometry, properties });
  const point = (c: [number, number]) => ({ type: 'Point', coordinates: c });

  it('imports the fixture, with forgiving property names', async () => {
    const r = await check('points-synthetic.geojson', fixture('points-synthetic.geojson'));
    expect(r).toMatchObject({ status: 'checked', coordinates: 'geojson', counts: { rows: 4, places: 4, outside: 0, byCategory: { gp: 1, 'food-bank': 1, 'warm-space': 1, 'job-centre': 1 } } });
  });

  it('reports problems as "feature N" with the property name as the column', async () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature(point(CASTLE), { name: 'Synthetic GP surgery 1', category: 'GP' }),
        feature(point(CASTLE), { title: 'no name here', category: 'GP' }),
        feature(point(CASTLE), { name: 'Synthetic bakery', Type: 'Bakery' }),
        feature({ type: 'Polygon', coordinates: [] }, { name: 'x', category: 'GP' }),
        feature({ type: 'MultiPoint', coordinates: [CASTLE, ST_GEORGE] }, { name: 'y', category: 'GP' }),
        feature({ type: 'MultiPoint', coordinates: [ST_GEORGE] }, { name: 'Synthetic GP surgery 6', category: 'GP' }),
        feature(null, { name: 'z', category: 'GP' }),
        feature(point([-0.1278, 51.5074]), { name: 'Synthetic pharmacy in London', category: 'Pharmacy' }),
        { type: 'Point', coordinates: CASTLE },
      ],
    };
    const r = await check('bad.geojson', JSON.stringify(doc));
    expect(r.status).toBe('failed');
    expect(errors(r.report.issues)).toEqual([
      { file: 'bad.geojson', row: 2, column: 'name', message: "feature 2, property 'name': the name is blank" },
      {
        file: 'bad.geojson',
        row: 3,
        column: 'Type',
        message:
          "feature 3, property 'Type': 'Bakery' is not a category LAP Insight knows; use one of: GP surgery, pharmacy, family hub, food bank, warm space, youth club, job centre, community venue",
      },
      { file: 'bad.geojson', row: 4, column: 'geometry', message: 'feature 4, geometry: it is a Polygon, not a Point; each place must be a point' },
      { file: 'bad.geojson', row: 5, column: 'geometry', message: 'feature 5, geometry: a MultiPoint with 2 points; give each place its own Point feature' },
      { file: 'bad.geojson', row: 7, column: 'geometry', message: 'feature 7, geometry: there is no geometry, so the place has no coordinates' },
      {
        file: 'bad.geojson',
        row: 8,
        column: 'geometry',
        message:
          "feature 8, geometry: the point (longitude -0.1278, latitude 51.5074) is outside Northamptonshire's bounding area (the box around the 57 wards, widened by 15 km on each side). Check the coordinates, or leave this place out of the file",
      },
      { file: 'bad.geojson', row: 9, column: null, message: 'feature 9 is not a GeoJSON Feature' },
    ]);
  });

  it('a legacy crs naming EPSG:27700 means easting and northing', async () => {
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
      features: [feature(point(CASTLE_EN), { name: 'Synthetic GP surgery 1', category: 'gp' })],
    };
    const r = await importFile(tb, 'bng.geojson', JSON.stringify(doc));
    expect(r.status, r.message).toBe('imported');
    expect(r.report.issues.find((i) => i.severity === 'info')?.message).toMatch(/names British National Grid \(EPSG:27700\)/);
    const stored = tb.backend.db.prepare('SELECT easting, northing, ward_code FROM place WHERE list_id = ?').get(r.list!.id);
    expect(stored).toEqual({ easting: CASTLE_EN[0], northing: CASTLE_EN[1], ward_code: 'E05013246' });
    await tb.send('places.deleteList', { id: r.list!.id });
  });

  it('is recognised by its content whatever its name, and read from UTF-16 too', async () => {
    const text = fixture('points-synthetic.geojson').toString('utf8');
    const asTxt = await check('points.txt', text);
    expect(asTxt).toMatchObject({ status: 'checked', coordinates: 'geojson', counts: { places: 4 } });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await check('points16.geojson', utf16)).toMatchObject({ status: 'checked', counts: { places: 4 } });
    const latin = Buffer.from([...Buffer.from('{"type":"FeatureCollection","features":[{"name":"'), 0xe9, ...Buffer.from('"}]}')]);
    expect(errors((await check('latin.geojson', latin)).report.issues)[0]!.message).toBe('latin.geojson is not valid UTF-8 text; save GeoJSON files as UTF-8');
  });

  it('invalid JSON and other GeoJSON types are clear whole-file errors', async () => {
    expect(errors((await check('broken.geojson', '{"type": "FeatureCollection", ')).report.issues)[0]!.message).toMatch(/^broken\.geojson is not valid JSON \(.+\), so it cannot be read as GeoJSON$/);
    expect(errors((await check('poly.geojson', JSON.stringify({ type: 'Polygon', coordinates: [] }))).report.issues)[0]!.message).toBe(
      "poly.geojson is not a GeoJSON FeatureCollection of points (its type is 'Polygon')",
    );
    expect(errors((await check('none.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] }))).report.issues)[0]!.message).toBe(
      'none.geojson has no features: there is nothing to import',
    );
  });
});
