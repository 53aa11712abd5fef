/**
 * LAP outlines: the wards dissolved into one shape with turf's union, the number of separate parts and which wards
 * make each part. Outlines are cached by the sorted ward list (in memory, and in lap_outline_cache so the next
 * start is instant); a newer bundled geography invalidates the cache.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { AppError } from '../../shared/contract.ts';
import type { LapOutline, LapOutlineProperties } from '../../shared/contract/laps.ts';
import type { GeoPolygon } from '../../shared/domain.ts';
import type { Db } from '../db.ts';

export interface Dissolved {
  geometry: GeoPolygon | null;
  parts: number;
  /** Ward codes in each part, largest part (by wards, then area) first; matches the geometry's part order. */
  partWards: string[][];
  areaHectares: number;
}

interface WardGeometryRow {
  code: string;
  geometry: string;
  label_lon: number | null;
  label_lat: number | null;
}

const MAX_CACHE_ROWS = 2000;
const memory = new WeakMap<Db, Map<string, Dissolved>>();

function geographyHash(db: Db): string {
  return (db.prepare(`SELECT value FROM meta WHERE key = 'geography_hash'`).get() as { value: string } | undefined)?.value ?? '';
}

export function wardKey(codes: readonly string[]): string {
  return [...new Set(codes)].sort().join(',');
}

/** Dissolves the wards (no cache). Exposed for tests and timing. */
export function dissolveWards(db: Db, codes: readonly string[]): Dissolved {
  const unique = [...new Set(codes)].sort();
  if (unique.length === 0) return { geometry: null, parts: 0, partWards: [], areaHectares: 0 };
  const rows = db
    .prepare(`SELECT code, geometry, label_lon, label_lat FROM area WHERE type = 'ward' AND code IN (SELECT value FROM json_each(?)) ORDER BY code`)
    .all(JSON.stringify(unique)) as WardGeometryRow[];
  if (rows.length !== unique.length) {
    const missing = unique.filter((c) => !rows.some((r) => r.code === c));
    throw new AppError('invalid-input', `There is no ward with code ${missing.join(', ')}.`);
  }
  const features = rows.map((r) => turf.feature(JSON.parse(r.geometry) as Polygon | MultiPolygon, { code: r.code }));
  let merged: Feature<Polygon | MultiPolygon> | null;
  try {
    merged = features.length === 1 ? features[0]! : turf.union(turf.featureCollection(features));
  } catch (err) {
    throw new AppError('internal', `Could not draw the outline of these wards: ${(err as Error).message}`);
  }
  if (!merged) throw new AppError('internal', 'Could not draw the outline of these wards.');
  const polygons: Position[][][] =
    merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates;

  // Which part holds each ward: its label point lies inside the ward, hence inside exactly one part.
  const members: string[][] = polygons.map(() => []);
  for (const [i, r] of rows.entries()) {
    const point =
      r.label_lon !== null && r.label_lat !== null ? turf.point([r.label_lon, r.label_lat]) : turf.pointOnFeature(features[i]!);
    let part = polygons.findIndex((p) => turf.booleanPointInPolygon(point, turf.polygon(p)));
    if (part < 0) part = polygons.findIndex((p) => turf.booleanIntersects(features[i]!, turf.polygon(p)));
    members[Math.max(part, 0)]!.push(r.code);
  }
  const areas = polygons.map((p) => turf.area(turf.polygon(p)));
  const order = polygons.map((_, i) => i).sort((a, b) => members[b]!.length - members[a]!.length || areas[b]! - areas[a]!);
  const sorted = order.map((i) => polygons[i]!);
  const geometry: GeoPolygon = sorted.length === 1 ? { type: 'Polygon', coordinates: sorted[0]! } : { type: 'MultiPolygon', coordinates: sorted };
  return {
    geometry,
    parts: sorted.length,
    partWards: order.map((i) => members[i]!),
    areaHectares: Math.round(areas.reduce((s, a) => s + a, 0) / 100) / 100,
  };
}

/** The dissolved outline of the wards, from the cache when possible. */
export function dissolveCached(db: Db, codes: readonly string[]): Dissolved {
  const key = wardKey(codes);
  if (!key) return dissolveWards(db, []);
  const hash = geographyHash(db);
  let mem = memory.get(db);
  if (!mem) memory.set(db, (mem = new Map()));
  const memKey = `${hash}|${key}`;
  const hit = mem.get(memKey);
  if (hit) return hit;

  const row = db.prepare('SELECT geometry, parts, part_wards, area_ha FROM lap_outline_cache WHERE ward_key = ? AND geography_hash = ?').get(key, hash) as
    | { geometry: string; parts: number; part_wards: string; area_ha: number }
    | undefined;
  let result: Dissolved;
  if (row) {
    result = { geometry: JSON.parse(row.geometry), parts: row.parts, partWards: JSON.parse(row.part_wards), areaHectares: row.area_ha };
  } else {
    result = dissolveWards(db, codes);
    db.transaction(() => {
      db.prepare('DELETE FROM lap_outline_cache WHERE geography_hash <> ?').run(hash);
      db.prepare(
        `INSERT INTO lap_outline_cache (ward_key, geography_hash, geometry, parts, part_wards, area_ha, used_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(ward_key) DO UPDATE SET geography_hash = excluded.geography_hash, geometry = excluded.geometry, parts = excluded.parts,
           part_wards = excluded.part_wards, area_ha = excluded.area_ha, used_at = excluded.used_at`,
      ).run(key, hash, JSON.stringify(result.geometry), result.parts, JSON.stringify(result.partWards), result.areaHectares, new Date().toISOString());
      db.prepare(
        `DELETE FROM lap_outline_cache WHERE rowid IN (
           SELECT rowid FROM lap_outline_cache ORDER BY used_at DESC LIMIT -1 OFFSET ?)`,
      ).run(MAX_CACHE_ROWS);
    })();
  }
  if (mem.size >= MAX_CACHE_ROWS) mem.clear();
  mem.set(memKey, result);
  return result;
}

/** "This LAP is in 2 separate parts: Brackley; Oundle." */
export function partsMessage(partWards: readonly string[][], nameOf: (code: string) => string): string | null {
  if (partWards.length <= 1) return null;
  const parts = partWards.map((p) => p.map(nameOf).join(', '));
  return `This LAP is in ${partWards.length} separate parts: ${parts.join('; ')}.`;
}

export function toOutline(
  d: Dissolved,
  codes: readonly string[],
  props: Omit<LapOutlineProperties, 'wardCount' | 'wardCodes' | 'parts' | 'message'>,
  nameOf: (code: string) => string,
): LapOutline {
  const wardCodes = [...new Set(codes)].sort();
  const message = partsMessage(d.partWards, nameOf);
  const properties: LapOutlineProperties = { ...props, wardCount: wardCodes.length, wardCodes, parts: d.parts, message };
  return {
    lapId: props.lapId,
    wardCodes,
    feature: d.geometry
      ? { type: 'Feature', ...(props.lapId !== null ? { id: props.lapId } : {}), properties, geometry: d.geometry }
      : null,
    parts: d.parts,
    contiguous: d.parts <= 1,
    message,
    partWards: d.partWards,
    areaHectares: d.areaHectares,
  };
}
