/**
 * Builds the bundled geography (assets/geography.json) from the real ONS boundaries in ../shared/data/geodata.
 *
 *   npm run geodata:build            (reads ../shared/data/geodata/wards.geojson)
 *   npm run geodata:build -- --src DIR --out FILE
 *
 * - Wards: ONS Wards (December 2024) boundaries, 57 wards of West and North Northamptonshire.
 * - Council outlines are made by dissolving the wards with turf, so they line up with the wards exactly.
 * - Coordinates keep 4 decimal places (about 10 m), plenty for a ward map; repeated points are dropped.
 * - Label points are inside each ward (turf pointOnFeature when the centroid falls outside).
 * The output is deterministic: re-running gives identical bytes. The app never reads ../shared.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { AuthorityCode, Geography } from '../shared/domain.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export const ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2024';

const PRECISION = 4;
const round = (n: number) => Math.round(n * 10 ** PRECISION) / 10 ** PRECISION;

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const q = [round(p[0]!), round(p[1]!)];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0]!, first[1]!]);
  return out;
}

function roundGeometry(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(roundRing) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(roundRing)) };
}

interface SourceProps {
  code: string;
  name: string;
  lad_code: AuthorityCode;
  lad_name: string;
}

export function buildGeography(wardsSource: FeatureCollection<Polygon | MultiPolygon, SourceProps>): Geography {
  const wards = [...wardsSource.features].sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  if (wards.length !== 57) throw new Error(`expected 57 wards, found ${wards.length}`);

  const wardFeatures = wards.map((f) => {
    const geometry = roundGeometry(f.geometry);
    const p = f.properties;
    return {
      type: 'Feature' as const,
      id: p.code,
      properties: { code: p.code, name: p.name, authorityCode: p.lad_code, authorityName: p.lad_name },
      geometry,
    };
  });

  const labels = wardFeatures.map((f) => {
    const feature = turf.feature(f.geometry as Polygon | MultiPolygon);
    let pt = turf.centroid(feature).geometry.coordinates;
    if (!turf.booleanPointInPolygon(pt, feature)) pt = turf.pointOnFeature(feature).geometry.coordinates;
    return {
      type: 'Feature' as const,
      properties: { code: f.properties.code, name: f.properties.name },
      geometry: { type: 'Point' as const, coordinates: [round(pt[0]!), round(pt[1]!)] as [number, number] },
    };
  });

  const authorityCodes = [...new Set(wardFeatures.map((f) => f.properties.authorityCode))].sort();
  const authorities = authorityCodes.map((code) => {
    const members = wardFeatures.filter((f) => f.properties.authorityCode === code);
    const merged = turf.union(turf.featureCollection(members.map((m) => turf.feature(m.geometry as Polygon | MultiPolygon)))) as Feature<
      Polygon | MultiPolygon
    > | null;
    if (!merged) throw new Error(`could not dissolve the wards of ${code}`);
    return {
      type: 'Feature' as const,
      id: code,
      properties: { code, name: members[0]!.properties.authorityName },
      geometry: roundGeometry(merged.geometry),
    };
  });

  const bbox = turf.bbox(turf.featureCollection(wardFeatures.map((f) => turf.feature(f.geometry as Polygon | MultiPolygon))));
  return {
    wards: { type: 'FeatureCollection', features: wardFeatures as Geography['wards']['features'] },
    authorities: { type: 'FeatureCollection', features: authorities as Geography['authorities']['features'] },
    labels: { type: 'FeatureCollection', features: labels },
    bounds: [round(bbox[0]), round(bbox[1]), round(bbox[2]), round(bbox[3])],
    attribution: ATTRIBUTION,
  };
}

/** Ward areas in hectares (from the bundled geometry), keyed by code. */
export function wardAreasHectares(geo: Geography): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of geo.wards.features) out[f.properties.code] = Math.round(turf.area(turf.feature(f.geometry as Polygon | MultiPolygon)) / 100) / 100;
  return out;
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const src = path.resolve(opt('--src') ?? path.join(root, '..', 'shared', 'data', 'geodata'));
  const out = path.resolve(opt('--out') ?? path.join(root, 'assets', 'geography.json'));
  const source = JSON.parse(readFileSync(path.join(src, 'wards.geojson'), 'utf8'));
  const geo = buildGeography(source);
  const areas = wardAreasHectares(geo);
  const output = { ...geo, areasHectares: areas };
  mkdirSync(path.dirname(out), { recursive: true });
  const text = JSON.stringify(output) + '\n';
  writeFileSync(out, text);
  console.log(`Wrote ${out}: ${geo.wards.features.length} wards, ${geo.authorities.features.length} councils, ${(text.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
