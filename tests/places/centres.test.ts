/**
 * Ward centres (backend/places/centres.ts): geometric centres inside their wards; importing an LSOA 2021
 * population-weighted centroid file (a SYNTHETIC one made here: invented points near each ward's centre, in the ONS
 * file's layout) and the population-weighted ward centres it gives, checked against the bundled Census 2021 LSOA
 * populations read independently; every import problem stores nothing; clearing goes back to geometric centres.
 * Also the bundled lookup assets/lookups/lsoa21_population.csv against its source.
 */
import * as turf from '@turf/turf';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geometricCentres, weightedCentre } from '../../backend/places/centres.ts';
import { bngToWgs84, wgs84ToBng } from '../../backend/places/projection.ts';
import { placeGeography } from '../../backend/places/wards.ts';
import { need } from '../helpers/data.ts';
import { b64, n4Id, ROOT, sums, testBackend, WARD, type TestBackend } from './helpers.ts';

function readLookup(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path.join(ROOT, 'assets/lookups', name), 'utf8').trim().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

const lsoaWard = readLookup('lsoa21_ward.csv');
const population = new Map(readLookup('lsoa21_population.csv').map((r) => [r.lsoa21_code!, Number(r.usual_residents)]));

describe('the bundled LSOA population lookup', () => {
  it('has one positive whole number of usual residents for each of the 443 LSOAs of the ward lookup', () => {
    expect(population.size).toBe(443);
    expect([...population.keys()].sort()).toEqual(lsoaWard.map((r) => r.lsoa21_code).sort());
    for (const [code, n] of population) expect(Number.isInteger(n) && n > 0, code).toBe(true);
  });

  const source = path.resolve(ROOT, '../shared/data/indicators/census2021_age6_lsoa21__cwthom_hack25usefuldata.csv');
  const ages = need(source, 'the Census 2021 age (6 bands) file');
  it('equals the Census 2021 age (6 bands) file: the sum of the six bands per LSOA', (ctx) => {
    ages.skipIfAbsent(ctx);
    const lines = readFileSync(source, 'utf8').trim().split('\n');
    const cols = lines[0]!.split(',');
    const at = (name: string) => cols.indexOf(name);
    const sum = new Map<string, number>();
    for (const line of lines.slice(1)) {
      // The indicator names contain no commas before the value columns we need (area_code first, numerator 8th).
      const f = line.split(',');
      sum.set(f[at('area_code')]!, (sum.get(f[at('area_code')]!) ?? 0) + Number(f[at('numerator')]));
    }
    expect(sum.size).toBe(443);
    for (const [code, n] of sum) expect(population.get(code), code).toBe(n);
  });
});

describe('weightedCentre', () => {
  it('weights each LSOA centroid by its residents: 1,000 at 0 m and 3,000 at 4,000 m give 3,000 m', () => {
    const centroids = new Map([
      ['A', { easting: 0, northing: 0 }],
      ['B', { easting: 4000, northing: 8000 }],
    ]);
    const pop = new Map([
      ['A', 1000],
      ['B', 3000],
    ]);
    expect(weightedCentre(['A', 'B'], centroids, pop)).toEqual([3000, 6000]);
    expect(weightedCentre(['A', 'C'], centroids, pop)).toBeNull(); // a missing centroid: no weighted centre
    expect(weightedCentre([], centroids, pop)).toBeNull();
  });
});

describe('ward centres and the centroid import', () => {
  let tb: TestBackend;
  beforeAll(() => {
    tb = testBackend('centres.db');
  });
  afterAll(() => tb.close());

  /** Invented centroids: each LSOA of a ward at the ward's geometric centre plus (100 m, 50 m) x its index. */
  function syntheticCentroids() {
    const geometric = geometricCentres(placeGeography(tb.backend.db));
    const index = new Map<string, number>();
    const out = new Map<string, { e: number; n: number }>();
    for (const r of lsoaWard) {
      const centre = geometric.get(r.ward_code!) ?? geometric.get(WARD.brackley)!; // E01027305 (Cherwell ward): anywhere inside
      const i = index.get(r.ward_code!) ?? 0;
      index.set(r.ward_code!, i + 1);
      out.set(r.lsoa21_code!, { e: Math.round((centre.easting + 100 * i) * 10) / 10, n: Math.round((centre.northing + 50 * i) * 10) / 10 });
    }
    return out;
  }

  function onsLayout(points: Map<string, { e: number; n: number }>, drop: string[] = []): string {
    const lines = ['FID,LSOA21CD,GlobalID,x,y'];
    let fid = 1;
    // An LSOA elsewhere in England and one in Wales, as in the national file: ignored.
    lines.push(`${fid++},E01000001,{SYNTHETIC-1},532000.5,181000.5`);
    for (const [code, p] of points) if (!drop.includes(code)) lines.push(`${fid++},${code},{SYNTHETIC-${fid}},${p.e},${p.n}`);
    lines.push(`${fid},W01000001,{SYNTHETIC-2},300000,250000`);
    return lines.join('\r\n') + '\r\n';
  }

  it('before any import: the bundled ONS centroids (issue 15); the geometric fallback centres lie inside their wards', async () => {
    const info = await tb.send('places.centres', {});
    expect(info).toMatchObject({ method: 'population-weighted', lsoasWithCentre: 442, lsoasNeeded: 442, fileName: null, importedAt: null });
    expect(info.description).toMatch(/bundled with the app/);
    const geo = placeGeography(tb.backend.db);
    const centres = geometricCentres(geo);
    expect(centres.size).toBe(57);
    for (const w of geo.wards) {
      const c = centres.get(w.code)!;
      expect(turf.booleanPointInPolygon([c.lon, c.lat], w.feature), w.name).toBe(true);
      const [e, n] = wgs84ToBng(c.lon, c.lat);
      expect(Math.hypot(e - c.easting, n - c.northing)).toBeLessThan(0.01);
    }
  });

  it('a file missing some LSOAs is refused, naming a few, and stores nothing', async () => {
    const points = syntheticCentroids();
    const drop = lsoaWard.filter((r) => r.ward_code === WARD.castle).map((r) => r.lsoa21_code!);
    const before = sums(tb);
    const r = await tb.send('places.importCentres', { fileName: 'pwc-partial-synthetic.csv', contentBase64: b64(onsLayout(points, drop)) });
    expect(r.status).toBe('failed');
    expect(r.report.issues[0]!.message).toBe(
      `pwc-partial-synthetic.csv has no centroid for ${drop.length} of the 442 Northamptonshire LSOAs (2021) the wards need, e.g. ${drop.slice(0, 5).join(', ')}. Use the complete ONS file for England and Wales (or all of Northamptonshire)`,
    );
    expect(r.centres.method).toBe('population-weighted'); // still the bundled centroids
    expect(r.centres.fileName).toBeNull();
    expect(sums(tb)).toEqual(before);
  });

  it('wrong files are refused with row-numbered or whole-file messages', async () => {
    const before = sums(tb);
    const send = (name: string, text: string) => tb.send('places.importCentres', { fileName: name, contentBase64: b64(text) });
    const old = await send('pwc2011.csv', 'FID,LSOA11CD,x,y\n1,E01026949,480000,270000\n');
    expect(old.report.issues[0]!.message).toMatch(/has LSOA 2011 codes \(LSOA11CD\); the ward lookup uses the 2021 LSOAs/);
    const cols = await send('cols.csv', 'code,a,b\n');
    expect(cols.report.issues[0]!.message).toBe('row 1: LAP Insight could not find a column for the coordinates (x and y, Easting and Northing, or Longitude and Latitude). The columns found were: code, a, b.');
    const points = syntheticCentroids();
    const first = [...points.keys()][0]!;
    points.set(first, { e: 100000, n: 100000 });
    const far = await send('far.csv', onsLayout(points));
    expect(far.report.issues[0]).toMatchObject({ row: 3, message: `row 3: the centroid of ${first} (100000, 100000) is outside Northamptonshire's bounding area; check the coordinates` });
    const none = await send('none.csv', 'LSOA21CD,x,y\nE01000001,532000,181000\n');
    expect(none.report.issues[0]!.message).toMatch(/^none\.csv has none of the 442 Northamptonshire LSOAs \(2021\) the wards need \(1 row read\)\. Is it the ONS 'LSOA \(December 2021\) population-weighted centroids' file\?$/);
    expect(sums(tb)).toEqual(before);
  });

  it('the ONS layout (x, y in metres): every ward gets its population-weighted centre', async () => {
    const points = syntheticCentroids();
    const r = await tb.send('places.importCentres', { fileName: 'pwc-synthetic.csv', contentBase64: b64(onsLayout(points)) });
    expect(r.status, r.message).toBe('imported');
    expect(r.report.issues.find((i) => i.severity === 'info')!.message).toBe('2 rows for LSOAs outside Northamptonshire were ignored');
    expect(r.centres).toMatchObject({ method: 'population-weighted', lsoasWithCentre: 442, lsoasNeeded: 442, fileName: 'pwc-synthetic.csv' });
    expect(r.centres.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(r.centres.description).toMatch(/^Distances are measured from each ward's population-weighted centre: the average of the population-weighted centroids of its LSOAs \(2021\), each weighted by its Census 2021 usual residents/);
    expect(r.centres.description).toContain('pwc-synthetic.csv');
    expect(tb.backend.db.prepare('SELECT COUNT(*) AS n FROM lsoa_centroid').get()).toEqual({ n: 443 });

    const n4 = await tb.send('places.forArea', { area: { kind: 'lap', id: await n4Id(tb) } });
    for (const w of n4.wards) {
      expect(w.method).toBe('population-weighted');
      const lsoas = lsoaWard.filter((r) => r.ward_code === w.code).map((r) => r.lsoa21_code!);
      let sw = 0;
      let se = 0;
      let sn = 0;
      for (const code of lsoas) {
        const p = population.get(code)!;
        sw += p;
        se += p * points.get(code)!.e;
        sn += p * points.get(code)!.n;
      }
      const [lon, lat] = bngToWgs84(se / sw, sn / sw);
      expect(w.centre.lon, w.name).toBeCloseTo(lon, 6);
      expect(w.centre.lat, w.name).toBeCloseTo(lat, 6);
    }
    expect(n4.note).toContain("population-weighted centre");
  });

  it('latitude/longitude columns are accepted too, and a new import replaces the old one', async () => {
    const points = syntheticCentroids();
    const lines = ['lsoa21cd,LAT,LONG'];
    for (const [code, p] of points) {
      const [lon, lat] = bngToWgs84(p.e + 200, p.n);
      lines.push(`${code},${lat.toFixed(7)},${lon.toFixed(7)}`);
    }
    const r = await tb.send('places.importCentres', { fileName: 'pwc-latlong-synthetic.csv', contentBase64: b64(lines.join('\n')) });
    expect(r.status, r.message).toBe('imported');
    expect(r.centres.fileName).toBe('pwc-latlong-synthetic.csv');
    const code = lsoaWard.find((x) => x.ward_code === WARD.castle)!.lsoa21_code!;
    const stored = tb.backend.db.prepare('SELECT easting, northing FROM lsoa_centroid WHERE lsoa21_code = ?').get(code) as { easting: number; northing: number };
    expect(Math.hypot(stored.easting - (points.get(code)!.e + 200), stored.northing - points.get(code)!.n)).toBeLessThan(0.05);
  });

  it('places.clearCentres goes back to the bundled ONS centroids', async () => {
    const info = await tb.send('places.clearCentres', {});
    expect(info).toMatchObject({ method: 'population-weighted', lsoasWithCentre: 442, fileName: null });
    expect(tb.backend.db.prepare('SELECT COUNT(*) AS n FROM lsoa_centroid').get()).toEqual({ n: 0 });
    expect(tb.backend.db.prepare(`SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'places.centroids%'`).get()).toEqual({ n: 0 });
    const a = await tb.send('places.forArea', { area: { kind: 'ward', code: WARD.castle } });
    expect(a.wards[0]!.method).toBe('population-weighted');
  });
});
