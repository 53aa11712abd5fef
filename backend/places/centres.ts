/**
 * Where each ward's distances are measured from.
 *
 *   geometric            the centre of mass of the ward's shape (turf centerOfMass); when that falls outside the ward
 *                        (a crescent-shaped ward), a point on the ward instead (turf pointOnFeature). Always available.
 *   population-weighted  the mean of the ONS population-weighted centroids (PWCs) of the ward's LSOAs (2021), each
 *                        weighted by its Census 2021 usual residents (assets/lookups/lsoa21_population.csv). Used for
 *                        a ward only when every one of its LSOAs has an imported centroid.
 *
 * The ONS PWCs of the 443 Northamptonshire LSOAs are bundled (assets/lookups/lsoa21_centroids.csv, issue 15) and used
 * by default. A user may import a newer PWC file (places.importCentres), which then takes precedence; clearing it
 * returns to the bundled centroids. Only the Northamptonshire LSOAs of assets/lookups/lsoa21_ward.csv are kept; the
 * import fails, storing nothing, when any LSOA the 57 wards need is missing from the file.
 */
import * as turf from '@turf/turf';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { CentresImportResult } from '../../shared/contract/places.ts';
import { MAX_IMPORT_BYTES } from '../../shared/contract/data.ts';
import type { CentreMethod, CentresInfo } from '../../shared/places.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db.ts';
import { bufferSource, CsvSyntaxError, InvalidText, readCsv, sniffHead, type Encoding } from '../io/csv.ts';
import { Issues } from '../io/issues.ts';
import { fmt, parseCell, plural } from '../io/numbers.ts';
import { bngToWgs84, wgs84ToBng } from './projection.ts';
import { headerKey } from './parse.ts';
import { write } from './store.ts';
import { insideBox, placeGeography, type PlaceGeography } from './wards.ts';

export const META_CENTROIDS_FILE = 'places.centroids_file';
export const META_CENTROIDS_AT = 'places.centroids_imported_at';
export const META_CENTROIDS_SHA = 'places.centroids_sha256';

export interface WardCentre {
  code: string;
  lon: number;
  lat: number;
  easting: number;
  northing: number;
  method: CentreMethod;
}

// ---------------------------------------------------------------------------------------------------------------
// Bundled lookups: LSOA21 -> ward, and LSOA21 usual residents

export interface LsoaLookups {
  /** Ward code -> its LSOA21 codes (best fit), for the wards in lsoa21_ward.csv. */
  lsoasOfWard: Map<string, string[]>;
  /** Every LSOA21 in lsoa21_ward.csv (including E01027305, which ONS best-fits to a Cherwell ward). */
  allLsoas: Set<string>;
  /** LSOA21 -> Census 2021 usual residents; empty when the file is missing. */
  population: Map<string, number>;
}

const lookupCache = new Map<string, LsoaLookups>();

function readSimpleCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
  const header = lines.shift()?.split(',') ?? [];
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

export function lsoaLookups(assetsDir: string): LsoaLookups {
  const cached = lookupCache.get(assetsDir);
  if (cached) return cached;
  const dir = path.join(assetsDir, 'lookups');
  const lsoasOfWard = new Map<string, string[]>();
  const allLsoas = new Set<string>();
  const wardFile = path.join(dir, 'lsoa21_ward.csv');
  if (existsSync(wardFile)) {
    for (const r of readSimpleCsv(wardFile)) {
      if (!r.lsoa21_code || !r.ward_code) continue;
      allLsoas.add(r.lsoa21_code);
      const list = lsoasOfWard.get(r.ward_code);
      if (list) list.push(r.lsoa21_code);
      else lsoasOfWard.set(r.ward_code, [r.lsoa21_code]);
    }
  }
  const population = new Map<string, number>();
  const popFile = path.join(dir, 'lsoa21_population.csv');
  if (existsSync(popFile)) {
    for (const r of readSimpleCsv(popFile)) {
      const n = Number(r.usual_residents);
      if (r.lsoa21_code && Number.isFinite(n) && n > 0) population.set(r.lsoa21_code, n);
    }
  }
  const out = { lsoasOfWard, allLsoas, population };
  lookupCache.set(assetsDir, out);
  return out;
}

/** The LSOAs the wards need a centroid for: every LSOA of the 57 wards. */
function neededLsoas(geo: PlaceGeography, lookups: LsoaLookups): string[] {
  const out: string[] = [];
  for (const w of geo.wards) out.push(...(lookups.lsoasOfWard.get(w.code) ?? []));
  return out.sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Centres

const geometricCache = new WeakMap<PlaceGeography, Map<string, WardCentre>>();

/** The geometric centre of every ward (cached per geography). */
export function geometricCentres(geo: PlaceGeography): Map<string, WardCentre> {
  const cached = geometricCache.get(geo);
  if (cached) return cached;
  const out = new Map<string, WardCentre>();
  for (const w of geo.wards) {
    let c = turf.centerOfMass(w.feature).geometry.coordinates as [number, number];
    if (!turf.booleanPointInPolygon(c, w.feature)) c = turf.pointOnFeature(w.feature).geometry.coordinates as [number, number];
    const [e, n] = wgs84ToBng(c[0], c[1]);
    out.set(w.code, { code: w.code, lon: c[0], lat: c[1], easting: e, northing: n, method: 'geometric' });
  }
  geometricCache.set(geo, out);
  return out;
}

interface CentroidRow {
  lsoa21_code: string;
  easting: number;
  northing: number;
}

function importedCentroids(db: Db): Map<string, CentroidRow> {
  const rows = db.prepare(`SELECT lsoa21_code, easting, northing FROM lsoa_centroid`).all() as CentroidRow[];
  return new Map(rows.map((r) => [r.lsoa21_code, r]));
}

const bundledCache = new Map<string, Map<string, CentroidRow>>();

/** The bundled ONS LSOA 2021 population-weighted centroids (BNG as published); empty when the file is missing. */
export function bundledCentroids(assetsDir: string): Map<string, CentroidRow> {
  let hit = bundledCache.get(assetsDir);
  if (hit) return hit;
  hit = new Map();
  const file = path.join(assetsDir, 'lookups', 'lsoa21_centroids.csv');
  if (existsSync(file)) {
    for (const r of readSimpleCsv(file)) {
      const e = Number(r.easting);
      const n = Number(r.northing);
      if (r.lsoa21_code && Number.isFinite(e) && Number.isFinite(n)) hit.set(r.lsoa21_code, { lsoa21_code: r.lsoa21_code, easting: e, northing: n });
    }
  }
  bundledCache.set(assetsDir, hit);
  return hit;
}

/** The centroids in use: an imported file when there is one, otherwise the bundled ONS centroids. */
function storedCentroids(ctx: Pick<ServiceContext, 'db' | 'assetsDir'>): { centroids: Map<string, CentroidRow>; imported: boolean } {
  const imported = importedCentroids(ctx.db);
  if (imported.size) return { centroids: imported, imported: true };
  return { centroids: bundledCentroids(ctx.assetsDir), imported: false };
}

export const BUNDLED_CENTROIDS_SOURCE =
  'ONS LSOA (December 2021) population-weighted centroids, bundled with the app (Office for National Statistics, Open Government Licence v3.0; contains OS data © Crown copyright and database right)';

/**
 * Population-weighted centre of one ward from its LSOAs' centroids: null when any LSOA has no centroid or no
 * population (then the ward falls back to its geometric centre).
 */
export function weightedCentre(lsoas: readonly string[], centroids: ReadonlyMap<string, { easting: number; northing: number }>, population: ReadonlyMap<string, number>): [number, number] | null {
  if (lsoas.length === 0) return null;
  let sw = 0;
  let se = 0;
  let sn = 0;
  for (const code of lsoas) {
    const c = centroids.get(code);
    const p = population.get(code);
    if (!c || p === undefined || !(p > 0)) return null;
    sw += p;
    se += p * c.easting;
    sn += p * c.northing;
  }
  return [se / sw, sn / sw];
}

/** Every ward's centre: population-weighted where every LSOA has a centroid, otherwise geometric. */
export function wardCentres(ctx: ServiceContext): Map<string, WardCentre> {
  const geo = placeGeography(ctx.db);
  const geometric = geometricCentres(geo);
  const { centroids } = storedCentroids(ctx);
  if (centroids.size === 0) return geometric;
  const lookups = lsoaLookups(ctx.assetsDir);
  const out = new Map<string, WardCentre>();
  for (const w of geo.wards) {
    const pw = weightedCentre(lookups.lsoasOfWard.get(w.code) ?? [], centroids, lookups.population);
    if (!pw) {
      out.set(w.code, geometric.get(w.code)!);
      continue;
    }
    const [lon, lat] = bngToWgs84(pw[0], pw[1]);
    out.set(w.code, { code: w.code, lon, lat, easting: pw[0], northing: pw[1], method: 'population-weighted' });
  }
  return out;
}

function meta(db: Db, key: string): string | null {
  return (db.prepare(`SELECT value FROM meta WHERE key = ?`).get(key) as { value: string } | undefined)?.value ?? null;
}

function longDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export const GEOMETRIC_DESCRIPTION =
  "Distances are measured from the geometric centre of each ward's shape, because no population-weighted centroids are loaded. " +
  "In a large rural ward most people may live well away from its centre. Import the ONS 'LSOA (December 2021) population-weighted centroids' file to measure from where people live.";

export function centresInfo(ctx: ServiceContext): CentresInfo {
  const geo = placeGeography(ctx.db);
  const lookups = lsoaLookups(ctx.assetsDir);
  const needed = neededLsoas(geo, lookups);
  const { centroids, imported } = storedCentroids(ctx);
  const withCentre = needed.filter((c) => centroids.has(c)).length;
  const fileName = imported ? meta(ctx.db, META_CENTROIDS_FILE) : null;
  const importedAt = imported ? meta(ctx.db, META_CENTROIDS_AT) : null;
  const centres = centroids.size ? wardCentres(ctx) : null;
  const weighted = centres ? [...centres.values()].filter((c) => c.method === 'population-weighted').length : 0;
  const all = geo.wards.length;
  let method: CentreMethod = 'geometric';
  let description = GEOMETRIC_DESCRIPTION;
  const source = imported
    ? `ONS population-weighted centroids from ${fileName ?? 'the imported file'}${importedAt ? `, imported on ${longDate(importedAt)}` : ''}`
    : BUNDLED_CENTROIDS_SOURCE;
  if (centres && weighted === all && all > 0) {
    method = 'population-weighted';
    description =
      "Distances are measured from each ward's population-weighted centre: the average of the population-weighted centroids of its LSOAs (2021), " +
      `each weighted by its Census 2021 usual residents, so the centre sits where people live (${source}).`;
  } else if (centres && weighted > 0) {
    description =
      `Distances are measured from the population-weighted centre of ${weighted} of the ${all} wards (${source}); ` +
      `the other ${all - weighted} use the geometric centre of the ward's shape, because some of their LSOAs have no centroid or no population.`;
  }
  return { method, lsoasWithCentre: withCentre, lsoasNeeded: needed.length, fileName, importedAt, description };
}

export function clearCentres(ctx: ServiceContext): CentresInfo {
  write(ctx.db, () => {
    ctx.db.prepare(`DELETE FROM lsoa_centroid`).run();
    ctx.db.prepare(`DELETE FROM meta WHERE key IN (?, ?, ?)`).run(META_CENTROIDS_FILE, META_CENTROIDS_AT, META_CENTROIDS_SHA);
  });
  return centresInfo(ctx);
}

// ---------------------------------------------------------------------------------------------------------------
// Importing the ONS PWC file

const CODE_NAMES = ['lsoa21cd', 'lsoa21 cd', 'lsoa21 code', 'lsoa 2021 code', 'lsoa code', 'lsoa21', 'lsoa', 'code'];
const X_NAMES = ['easting', 'eastings', 'x', 'bng e', 'east'];
const Y_NAMES = ['northing', 'northings', 'y', 'bng n', 'north'];
const LON_NAMES = ['longitude', 'long', 'lon', 'lng'];
const LAT_NAMES = ['latitude', 'lat'];

class StopReading extends Error {}

interface Centroid {
  row: number;
  easting: number;
  northing: number;
  lon: number;
  lat: number;
}

export interface CentresImportArgs {
  fileName: string;
  contentBase64: string;
}

export async function importCentres(ctx: ServiceContext, args: CentresImportArgs): Promise<CentresImportResult> {
  const { fileName } = args;
  const issues = new Issues(fileName);
  const geo = placeGeography(ctx.db);
  const lookups = lsoaLookups(ctx.assetsDir);
  const needed = neededLsoas(geo, lookups);
  const bytes = Buffer.from(args.contentBase64, 'base64');
  const fail = (message: string): CentresImportResult => ({ status: 'failed', message, report: issues.report(), centres: centresInfo(ctx) });
  if (needed.length === 0) return fail('The LSOA to ward lookup (assets/lookups/lsoa21_ward.csv) is missing, so centroids cannot be used.');
  if (bytes.length > MAX_IMPORT_BYTES) {
    issues.error(null, null, `${fileName} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    return fail(`Nothing was imported from ${fileName}: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  }
  if (bytes.length === 0) {
    issues.error(null, null, `${fileName} is empty: there is nothing to import`);
    return fail(`Nothing was imported from ${fileName}: it is empty.`);
  }
  const sniff = sniffHead(bytes.subarray(0, 65536));
  if (!sniff.encoding && sniff.binary) {
    issues.error(null, null, `${fileName} does not look like a CSV file: ${sniff.binary.replace(/, so it is not a CSV text file$/, '')}`);
    return fail(`Nothing was imported from ${fileName}: it is not a CSV file.`);
  }
  const encoding: Encoding = sniff.encoding ?? 'utf-8';
  const keep = lookups.allLsoas;
  const found = new Map<string, Centroid>();
  let plan: { code: number; x: number; y: number; lonLat: boolean; header: string[] } | null = null;
  let rows = 0;
  let ignored = 0;
  const onRecord = (fields: string[], row: number) => {
    if (!plan) {
      const header = fields.map((f) => f.trim());
      const keys = header.map(headerKey);
      const find = (names: string[]) => {
        for (const n of names) {
          const i = keys.indexOf(n);
          if (i >= 0) return i;
        }
        return -1;
      };
      const code = find(CODE_NAMES);
      let x = find(X_NAMES);
      let y = find(Y_NAMES);
      let lonLat = false;
      if (x < 0 || y < 0) {
        x = find(LON_NAMES);
        y = find(LAT_NAMES);
        lonLat = true;
      }
      if (code < 0 && keys.includes('lsoa11cd')) {
        issues.error(1, null, `row 1: ${fileName} has LSOA 2011 codes (LSOA11CD); the ward lookup uses the 2021 LSOAs: use the ONS 'LSOA (December 2021) population-weighted centroids' file`);
        throw new StopReading();
      }
      if (code < 0 || x < 0 || y < 0) {
        const missing = [code < 0 ? 'the LSOA code (LSOA21CD)' : '', x < 0 || y < 0 ? 'the coordinates (x and y, Easting and Northing, or Longitude and Latitude)' : ''].filter(Boolean);
        issues.error(1, null, `row 1: LAP Insight could not find a column for ${missing.join(' nor for ')}. The columns found were: ${header.filter(Boolean).join(', ') || 'none'}.`);
        throw new StopReading();
      }
      plan = { code, x, y, lonLat, header };
      return;
    }
    rows++;
    const lsoa = (fields[plan.code] ?? '').trim().toUpperCase();
    if (!keep.has(lsoa)) {
      ignored++;
      return;
    }
    const label = `row ${row}`;
    const xs = fields[plan.x] ?? '';
    const ys = fields[plan.y] ?? '';
    const xc = parseCell(xs);
    const yc = parseCell(ys);
    if (xc.kind !== 'number' || yc.kind !== 'number') {
      const bad = xc.kind !== 'number' ? [plan.header[plan.x]!, xs] : [plan.header[plan.y]!, ys];
      issues.error(row, bad[0]!, `${label}, column '${bad[0]}': the centroid of ${lsoa} has ${bad[1]!.trim() === '' ? 'a blank coordinate' : `'${bad[1]!.trim().slice(0, 40)}', which is not a number`}`);
      return;
    }
    let a = xc.value;
    let b = yc.value;
    // Some downloads give x and y in degrees: read small numbers as longitude and latitude.
    const degrees = plan.lonLat || (Math.abs(a) <= 180 && Math.abs(b) <= 90);
    let e: number;
    let n: number;
    if (degrees) {
      [e, n] = wgs84ToBng(a, b);
    } else {
      e = a;
      n = b;
      [a, b] = bngToWgs84(e, n);
    }
    if (!insideBox(geo.bounds, e, n)) {
      issues.error(row, null, `${label}: the centroid of ${lsoa} (${xs.trim()}, ${ys.trim()}) is outside Northamptonshire's bounding area; check the coordinates`);
      return;
    }
    const before = found.get(lsoa);
    if (before) {
      issues.warning(row, plan.header[plan.code]!, `${label}: ${lsoa} appears again (first on row ${before.row}); the first was kept`);
      return;
    }
    found.set(lsoa, { row, easting: e, northing: n, lon: a, lat: b });
  };
  const read = async (enc: Encoding, strict: boolean) =>
    readCsv(bufferSource(fileName, bytes), { encoding: enc, bomLength: sniff.encoding ? sniff.bomLength : 0, fatal: strict }, onRecord);
  try {
    try {
      await read(encoding, encoding === 'utf-8');
    } catch (err) {
      if (!(err instanceof InvalidText)) throw err;
      plan = null;
      rows = 0;
      ignored = 0;
      found.clear();
      await read('windows-1252', false);
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) issues.error(err.row, null, `row ${err.row}: ${err.message.replace(/^row \d+: /, '')}`);
    else if (!(err instanceof StopReading)) throw err;
  }
  if (!plan && issues.errorCount === 0) issues.error(null, null, `${fileName} is empty: there is nothing to import`);
  if (plan && issues.errorCount === 0) {
    const missing = needed.filter((c) => !found.has(c));
    if (missing.length === needed.length) {
      issues.error(
        null,
        null,
        `${fileName} has none of the ${fmt(needed.length)} Northamptonshire LSOAs (2021) the wards need (${plural(rows, 'row')} read). Is it the ONS 'LSOA (December 2021) population-weighted centroids' file?`,
      );
    } else if (missing.length) {
      issues.error(
        null,
        null,
        `${fileName} has no centroid for ${fmt(missing.length)} of the ${fmt(needed.length)} Northamptonshire LSOAs (2021) the wards need, e.g. ${missing.slice(0, 5).join(', ')}. Use the complete ONS file for England and Wales (or all of Northamptonshire)`,
      );
    }
  }
  if (issues.errorCount > 0) {
    const report = issues.report();
    const first = report.issues.filter((i) => i.severity === 'error').slice(0, 2).map((i) => i.message).join('; ');
    return { status: 'failed', message: `Nothing was imported from ${fileName}: ${plural(report.errors, 'problem')} must be fixed first. ${first}`, report, centres: centresInfo(ctx) };
  }
  if (ignored > 0) issues.info(`${plural(ignored, 'row')} for LSOAs outside Northamptonshire ${ignored === 1 ? 'was' : 'were'} ignored`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  write(ctx.db, () => {
    const { db } = ctx;
    db.prepare(`DELETE FROM lsoa_centroid`).run();
    const insert = db.prepare(`INSERT INTO lsoa_centroid (lsoa21_code, easting, northing, lon, lat) VALUES (?, ?, ?, ?, ?)`);
    for (const [code, c] of [...found.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) insert.run(code, c.easting, c.northing, c.lon, c.lat);
    const setMeta = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    setMeta.run(META_CENTROIDS_FILE, fileName);
    setMeta.run(META_CENTROIDS_AT, new Date().toISOString());
    setMeta.run(META_CENTROIDS_SHA, sha);
  });
  const centres = centresInfo(ctx);
  return {
    status: 'imported',
    message: `Imported the population-weighted centroids of ${fmt(found.size)} Northamptonshire LSOAs from ${fileName}. ${centres.description}`,
    report: issues.report(),
    centres,
  };
}
