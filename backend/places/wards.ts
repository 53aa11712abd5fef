/**
 * The 57 ward shapes as the places service needs them: each with its bounding box (a cheap first test before the
 * point-in-polygon test), the ward that holds a point, and Northamptonshire's bounding area in British National
 * Grid (the box around every ward vertex, widened by BOUNDING_MARGIN_M on each side) for checking imported points.
 *
 * Built once per database and geography (the 'geography_hash' meta row); a newer bundled geography rebuilds it.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { AuthorityCode } from '../../shared/domain.ts';
import type { Db } from '../db.ts';
import { wgs84ToBng } from './projection.ts';

/** How far beyond the wards' extent an imported point may lie (metres): a GP just over the border still counts. */
export const BOUNDING_MARGIN_M = 15_000;

export interface WardShape {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  authorityName: string;
  feature: Feature<Polygon | MultiPolygon>;
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
}

/** A box in British National Grid metres. */
export interface GridBox {
  minE: number;
  minN: number;
  maxE: number;
  maxN: number;
}

export interface PlaceGeography {
  hash: string;
  wards: WardShape[];
  byCode: Map<string, WardShape>;
  /** The wards' extent in BNG, widened by BOUNDING_MARGIN_M and rounded outward to whole metres. */
  bounds: GridBox;
  councils: { code: AuthorityCode; name: string }[];
}

interface WardRow {
  code: string;
  name: string;
  parent_code: AuthorityCode;
  parent_name: string;
  geometry: string;
}

const cache = new WeakMap<Db, PlaceGeography>();

function geographyHash(db: Db): string {
  return (db.prepare(`SELECT value FROM meta WHERE key = 'geography_hash'`).get() as { value: string } | undefined)?.value ?? '';
}

function eachPosition(geometry: Polygon | MultiPolygon, fn: (p: Position) => void): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const ring of polygon) for (const p of ring) fn(p);
}

export function placeGeography(db: Db): PlaceGeography {
  const hash = geographyHash(db);
  const cached = cache.get(db);
  if (cached && cached.hash === hash) return cached;
  const rows = db
    .prepare(
      `SELECT w.code, w.name, w.parent_code, p.name AS parent_name, w.geometry
       FROM area w JOIN area p ON p.code = w.parent_code WHERE w.type = 'ward' AND w.geometry IS NOT NULL ORDER BY w.code`,
    )
    .all() as WardRow[];
  const box: GridBox = { minE: Infinity, minN: Infinity, maxE: -Infinity, maxN: -Infinity };
  const wards: WardShape[] = rows.map((r) => {
    const geometry = JSON.parse(r.geometry) as Polygon | MultiPolygon;
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    eachPosition(geometry, ([lon, lat]) => {
      bbox[0] = Math.min(bbox[0], lon!);
      bbox[1] = Math.min(bbox[1], lat!);
      bbox[2] = Math.max(bbox[2], lon!);
      bbox[3] = Math.max(bbox[3], lat!);
      const [e, n] = wgs84ToBng(lon!, lat!);
      box.minE = Math.min(box.minE, e);
      box.minN = Math.min(box.minN, n);
      box.maxE = Math.max(box.maxE, e);
      box.maxN = Math.max(box.maxN, n);
    });
    return {
      code: r.code,
      name: r.name,
      authorityCode: r.parent_code,
      authorityName: r.parent_name,
      feature: { type: 'Feature', properties: {}, geometry },
      bbox,
    };
  });
  const bounds: GridBox =
    wards.length === 0
      ? { minE: 0, minN: 0, maxE: 0, maxN: 0 }
      : {
          minE: Math.floor(box.minE - BOUNDING_MARGIN_M),
          minN: Math.floor(box.minN - BOUNDING_MARGIN_M),
          maxE: Math.ceil(box.maxE + BOUNDING_MARGIN_M),
          maxN: Math.ceil(box.maxN + BOUNDING_MARGIN_M),
        };
  const councils = new Map<string, { code: AuthorityCode; name: string }>();
  for (const w of wards) councils.set(w.authorityCode, { code: w.authorityCode, name: w.authorityName });
  const geo: PlaceGeography = {
    hash,
    wards,
    byCode: new Map(wards.map((w) => [w.code, w])),
    bounds,
    councils: [...councils.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
  cache.set(db, geo);
  return geo;
}

export function insideBox(box: GridBox, e: number, n: number): boolean {
  return e >= box.minE && e <= box.maxE && n >= box.minN && n <= box.maxN;
}

/** The ward holding a point (WGS84), or null when it lies in none of them. */
export function wardAt(geo: PlaceGeography, lon: number, lat: number): WardShape | null {
  const point: [number, number] = [lon, lat];
  for (const w of geo.wards) {
    const b = w.bbox;
    if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
    if (turf.booleanPointInPolygon(point, w.feature)) return w;
  }
  return null;
}
