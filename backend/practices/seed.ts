/**
 * First-start loading of the bundled GP practices and practice-level values (assets/dataset/practices.json) and of
 * the built-in places list (assets/places/builtin_places.csv: the NHS ODS GP practices and pharmacies). Idempotent
 * like the other seeds: nothing happens when the files (and the indicator bundle) are unchanged; a newer app
 * replaces the bundled rows in one transaction and leaves user data alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';
import { CsvParser } from '../io/csv.ts';
import { wgs84ToBng } from '../places/projection.ts';
import { placeGeography, wardAt } from '../places/wards.ts';

export const PRACTICES_FILE = 'practices.json';
export const BUILTIN_PLACES_FILE = 'builtin_places.csv';
export const META_BUILTIN_HIDDEN = 'places.builtin_hidden';
const META_PRACTICES_HASH = 'practices_hash';
const META_BUILTIN_HASH = 'places.builtin_hash';

export const BUILTIN_LIST_NAME = 'GP practices and pharmacies (NHS ODS, built in)';
export const BUILTIN_ATTRIBUTION =
  'GP practices (NHS England ODS epraccur, February 2026) and pharmacies (ODS edispensary, May 2025), built in. Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains public sector information licensed under the Open Government Licence v3.0 (NHS England, Organisation Data Service). Locations are postcode centroids, not buildings.';

interface PracticesFile {
  format: string;
  attribution: string;
  source: string;
  practices: [string, string, string | null, string | null, string, number, number, string][];
  listSizes: [string, string, number][];
  rows: [string, string, string, number | null, number | null, number | null][];
}

function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Loads the practices and their bundled values. Returns true when it wrote anything. */
export function seedPractices(db: Db, assetsDir: string): boolean {
  const file = path.join(assetsDir, 'dataset', PRACTICES_FILE);
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(text).update('\0').update(getMeta(db, 'bundle_hash') ?? '').digest('hex');
  if (getMeta(db, META_PRACTICES_HASH) === hash) return false;
  const data = JSON.parse(text) as PracticesFile;
  if (data.format !== 'lap-insight-practices/1') throw new Error(`${PRACTICES_FILE}: unknown format ${data.format}`);
  const geo = placeGeography(db);
  const datasets = new Map(
    (db.prepare(`SELECT id, key FROM dataset WHERE kind = 'bundled'`).all() as { id: number; key: string }[]).map((r) => [r.key, r.id] as const),
  );
  const indicatorDataset = new Map(
    (db.prepare(`SELECT i.id, d.key FROM indicator i JOIN dataset d ON d.id = i.dataset_id WHERE d.kind = 'bundled'`).all() as { id: string; key: string }[]).map(
      (r) => [r.id, r.key] as const,
    ),
  );
  db.transaction(() => {
    db.prepare(`DELETE FROM practice_value WHERE dataset_id IN (SELECT id FROM dataset WHERE kind = 'bundled')`).run();
    db.prepare(`DELETE FROM practice_list_size`).run();
    const upsert = db.prepare(
      `INSERT INTO practice (code, name, pcn_code, pcn_name, postcode, lon, lat, lad_code, ward_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, pcn_code = excluded.pcn_code, pcn_name = excluded.pcn_name, postcode = excluded.postcode,
         lon = excluded.lon, lat = excluded.lat, lad_code = excluded.lad_code, ward_code = excluded.ward_code`,
    );
    for (const [code, name, pcnCode, pcnName, postcode, lon, lat, lad] of data.practices) {
      upsert.run(code, name, pcnCode, pcnName, postcode, lon, lat, lad, wardAt(geo, lon, lat)?.code ?? null);
    }
    const size = db.prepare(`INSERT INTO practice_list_size (practice_code, period, list_size) VALUES (?, ?, ?)`);
    for (const [code, period, n] of data.listSizes) size.run(code, period, n);
    const value = db.prepare(
      `INSERT OR REPLACE INTO practice_value (indicator_id, practice_code, period, dataset_id, numerator, denominator, value) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [id, code, period, num, den, v] of data.rows) {
      const key = indicatorDataset.get(id);
      const ds = key ? datasets.get(key) : undefined;
      if (ds === undefined) throw new Error(`${PRACTICES_FILE}: indicator ${id} is not in the bundle`);
      value.run(id, code, period, ds, num, den, v);
    }
    setMeta(db, META_PRACTICES_HASH, hash);
  })();
  return true;
}

function parseCsvText(text: string): Record<string, string>[] {
  const records: string[][] = [];
  const p = new CsvParser(',', (f) => records.push(f));
  p.push(text.replace(/^\uFEFF/, ''));
  p.end();
  const header = records.shift() ?? [];
  return records.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/**
 * Brings the built-in list back after the user hid it (deleted it, or replaced it with a newer ODS extract): clears
 * the hidden flag and seeds it again. Lists the user imported are left as they are.
 */
export function restoreBuiltinPlaces(db: Db, assetsDir: string): { listId: number | null; alreadyShown: boolean } {
  const shown = db.prepare(`SELECT id FROM place_list WHERE builtin = 1`).get() as { id: number } | undefined;
  if (shown) return { listId: shown.id, alreadyShown: true };
  db.prepare('DELETE FROM meta WHERE key = ?').run(META_BUILTIN_HIDDEN);
  seedBuiltinPlaces(db, assetsDir);
  const now = db.prepare(`SELECT id FROM place_list WHERE builtin = 1`).get() as { id: number } | undefined;
  return { listId: now?.id ?? null, alreadyShown: false };
}

/**
 * The built-in list of places (read-only: it is replaced, never edited, when a newer app ships a different file).
 * Hand attachments of its places to LAPs are carried over to the same places (same ref and category). Hidden by the
 * user (the list deleted): not seeded again until they bring it back.
 */
export function seedBuiltinPlaces(db: Db, assetsDir: string): boolean {
  const file = path.join(assetsDir, 'places', BUILTIN_PLACES_FILE);
  if (!existsSync(file)) return false;
  if (getMeta(db, META_BUILTIN_HIDDEN) === '1') return false;
  const text = readFileSync(file, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  const current = db.prepare(`SELECT id FROM place_list WHERE builtin = 1`).all() as { id: number }[];
  if (getMeta(db, META_BUILTIN_HASH) === sha && current.length === 1) return false;
  const rows = parseCsvText(text);
  const geo = placeGeography(db);
  db.transaction(() => {
    const keep = db
      .prepare(
        `SELECT pl.lap_id, pl.attached_at, p.ref, p.category FROM place_lap pl JOIN place p ON p.id = pl.place_id
         JOIN place_list l ON l.id = p.list_id WHERE l.builtin = 1`,
      )
      .all() as { lap_id: number; attached_at: string; ref: string; category: string }[];
    db.prepare(`DELETE FROM place_list WHERE builtin = 1`).run();
    const info = db
      .prepare(`INSERT INTO place_list (name, file_name, sha256, imported_at, coordinates, builtin, attribution) VALUES (?, ?, ?, ?, 'lon-lat', 1, ?)`)
      .run(BUILTIN_LIST_NAME, BUILTIN_PLACES_FILE, sha, '2026-02-01T00:00:00.000Z', BUILTIN_ATTRIBUTION);
    const listId = Number(info.lastInsertRowid);
    const insert = db.prepare(
      `INSERT INTO place (list_id, source_row, name, category, lon, lat, easting, northing, address, postcode, ref, ward_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ids = new Map<string, number>();
    rows.forEach((r, i) => {
      const lon = Number(r.longitude);
      const lat = Number(r.latitude);
      const [e, n] = wgs84ToBng(lon, lat);
      const name = r.sub_type ? `${r.name} (${r.sub_type})` : r.name!;
      const res = insert.run(listId, i + 2, name, r.category, lon, lat, e, n, r.address ?? '', r.postcode ?? '', r.ref ?? '', wardAt(geo, lon, lat)?.code ?? null);
      ids.set(`${r.category}|${r.ref}`, Number(res.lastInsertRowid));
    });
    const attach = db.prepare(`INSERT OR IGNORE INTO place_lap (place_id, lap_id, attached_at) VALUES (?, ?, ?)`);
    for (const k of keep) {
      const id = ids.get(`${k.category}|${k.ref}`);
      if (id !== undefined) attach.run(id, k.lap_id, k.attached_at);
    }
    setMeta(db, META_BUILTIN_HASH, sha);
  })();
  return true;
}
