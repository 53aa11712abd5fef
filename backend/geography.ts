/**
 * Geography: seeding the bundled wards and councils into the store, and reading them back.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENGLAND_CODE, type AuthorityCode, type Geography, type Ward } from '../shared/domain.ts';
import type { Db } from './db.ts';

export interface BundledGeography extends Geography {
  areasHectares: Record<string, number>;
}

export function loadBundledGeography(assetsDir: string): { geo: BundledGeography; hash: string } {
  const file = path.join(assetsDir, 'geography.json');
  const text = readFileSync(file, 'utf8');
  const geo = JSON.parse(text) as BundledGeography;
  if (geo.wards?.features?.length !== 57) throw new Error(`${file}: expected 57 wards, found ${geo.wards?.features?.length ?? 0}`);
  return { geo, hash: createHash('sha256').update(text).digest('hex') };
}

/**
 * Seeds England, the two councils and the 57 wards. Idempotent: does nothing when the bundled file is unchanged,
 * and updates rows in place (one transaction) when a newer app ships a newer file.
 * Returns true when it wrote anything.
 */
export function seedGeography(db: Db, assetsDir: string): boolean {
  // The hash first: an unchanged file (every start but the first) is not parsed at all.
  const text = readFileSync(path.join(assetsDir, 'geography.json'), 'utf8');
  const current = db.prepare("SELECT value FROM meta WHERE key = 'geography_hash'").get() as { value: string } | undefined;
  if (current?.value === createHash('sha256').update(text).digest('hex')) return false;
  const { geo, hash } = loadBundledGeography(assetsDir);
  const labels = new Map(geo.labels.features.map((f) => [f.properties.code, f.geometry.coordinates]));
  const upsert = db.prepare(`
    INSERT INTO area (code, name, type, parent_code, geometry, label_lon, label_lat, area_ha)
    VALUES (@code, @name, @type, @parent, @geometry, @lon, @lat, @ha)
    ON CONFLICT(code) DO UPDATE SET name = excluded.name, type = excluded.type, parent_code = excluded.parent_code,
      geometry = excluded.geometry, label_lon = excluded.label_lon, label_lat = excluded.label_lat, area_ha = excluded.area_ha`);
  db.transaction(() => {
    upsert.run({ code: ENGLAND_CODE, name: 'England', type: 'england', parent: null, geometry: null, lon: null, lat: null, ha: null });
    for (const f of geo.authorities.features) {
      upsert.run({ code: f.properties.code, name: f.properties.name, type: 'lad', parent: ENGLAND_CODE, geometry: JSON.stringify(f.geometry), lon: null, lat: null, ha: null });
    }
    for (const f of geo.wards.features) {
      const p = f.properties;
      const label = labels.get(p.code);
      upsert.run({
        code: p.code,
        name: p.name,
        type: 'ward',
        parent: p.authorityCode,
        geometry: JSON.stringify(f.geometry),
        lon: label?.[0] ?? null,
        lat: label?.[1] ?? null,
        ha: geo.areasHectares[p.code] ?? null,
      });
    }
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    setMeta.run('geography_hash', hash);
    setMeta.run('geography_attribution', geo.attribution);
    setMeta.run('geography_bounds', JSON.stringify(geo.bounds));
  })();
  return true;
}

interface AreaRow {
  code: string;
  name: string;
  parent_code: string;
  parent_name: string;
  geometry: string;
  label_lon: number;
  label_lat: number;
  area_ha: number;
}

export function listWards(db: Db): Ward[] {
  const rows = db
    .prepare(
      `SELECT w.code, w.name, w.parent_code, p.name AS parent_name, w.label_lon, w.label_lat, w.area_ha
       FROM area w JOIN area p ON p.code = w.parent_code WHERE w.type = 'ward' ORDER BY w.name`,
    )
    .all() as AreaRow[];
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    authorityCode: r.parent_code as AuthorityCode,
    authorityName: r.parent_name,
    labelPoint: [r.label_lon, r.label_lat],
    areaHectares: r.area_ha,
  }));
}

export function readGeography(db: Db): Geography {
  const meta = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const wards = db
    .prepare(
      `SELECT w.code, w.name, w.parent_code, p.name AS parent_name, w.geometry, w.label_lon, w.label_lat
       FROM area w JOIN area p ON p.code = w.parent_code WHERE w.type = 'ward' ORDER BY w.code`,
    )
    .all() as AreaRow[];
  const lads = db.prepare(`SELECT code, name, geometry FROM area WHERE type = 'lad' ORDER BY code`).all() as AreaRow[];
  return {
    wards: {
      type: 'FeatureCollection',
      features: wards.map((r) => ({
        type: 'Feature',
        id: r.code,
        properties: { code: r.code, name: r.name, authorityCode: r.parent_code as AuthorityCode, authorityName: r.parent_name },
        geometry: JSON.parse(r.geometry),
      })),
    },
    authorities: {
      type: 'FeatureCollection',
      features: lads.map((r) => ({ type: 'Feature', id: r.code, properties: { code: r.code as AuthorityCode, name: r.name }, geometry: JSON.parse(r.geometry) })),
    },
    labels: {
      type: 'FeatureCollection',
      features: wards.map((r) => ({
        type: 'Feature',
        properties: { code: r.code, name: r.name },
        geometry: { type: 'Point', coordinates: [r.label_lon, r.label_lat] },
      })),
    },
    bounds: JSON.parse(meta('geography_bounds') ?? '[-1.34,51.97,-0.34,52.65]'),
    attribution: meta('geography_attribution') ?? '',
  };
}
