/**
 * The PDF maps' context, the same as the app's map (renderer/src/map/basemap.ts): built-up areas as a faint tint,
 * lakes and reservoirs, rivers and canals, railways, motorways and A roads as thin muted lines, and settlement names
 * (towns first, then villages) placed after the ward names so they never fight them. Read from assets/basemap.json
 * (npm run data:build); nothing is fetched. Absent file: the maps are drawn without context, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GeoPath, GeoPermissibleObjects, GeoProjection } from 'd3-geo';
import type { FeatureCollection } from 'geojson';
import type { BasemapLayers } from '../../shared/basemap.ts';

export type ReportBasemap = BasemapLayers<FeatureCollection>;

/** The attribution printed under a PDF map that draws the basemap. */
export function basemapAttribution(b: ReportBasemap): string {
  return `Towns, roads, railways and water: ${b.attribution.osm} (OpenStreetMap data, ODbL); motorways beyond the county: OS Open Roads, ${b.attribution.osRoads}.`;
}

const cache = new Map<string, ReportBasemap | null>();

export function loadBasemap(assetsDir: string): ReportBasemap | null {
  if (cache.has(assetsDir)) return cache.get(assetsDir)!;
  const file = path.join(assetsDir, 'basemap.json');
  let b: ReportBasemap | null = null;
  try {
    if (existsSync(file)) b = JSON.parse(readFileSync(file, 'utf8')) as ReportBasemap;
  } catch {
    b = null; // a damaged file: maps without context rather than no report
  }
  cache.set(assetsDir, b);
  return b;
}

export interface SettlementLabel {
  name: string;
  at: [number, number];
  kind: 'town' | 'village';
}

/**
 * The context drawn between the ward fills and the ward lines, and the settlements inside the frame (towns first, in
 * the file's rank order) for the caller's label placement.
 */
export function basemapLayers(
  b: ReportBasemap,
  pathOf: GeoPath,
  projection: GeoProjection,
  inFrame: (p: [number, number] | null) => p is [number, number],
  scale = 1,
): { svg: string; settlements: SettlementLabel[] } {
  const d = (fc: FeatureCollection, keep: (p: Record<string, unknown>) => boolean) =>
    fc.features
      .filter((f) => keep((f.properties ?? {}) as Record<string, unknown>))
      .map((f) => pathOf(f as GeoPermissibleObjects) ?? '')
      .join('');
  const polygon = (p: Record<string, unknown>) => p.kind === 'water_body';
  const w = (v: number) => (v * scale).toFixed(2);
  const svg =
    `<g class="basemap" aria-hidden="true">` +
    `<path d="${d(b.builtUp, () => true)}" fill="#3c3f44" fill-opacity="0.11" stroke="none"/>` +
    `<path d="${d(b.water, polygon)}" fill="#a7c7df" stroke="#7aa6c6" stroke-width="${w(0.4)}"/>` +
    `<path d="${d(b.water, (p) => !polygon(p))}" fill="none" stroke="#5b8fb8" stroke-opacity="0.8" stroke-width="${w(0.9)}" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d(b.rail, () => true)}" fill="none" stroke="#4d4d4d" stroke-opacity="0.6" stroke-width="${w(0.7)}" stroke-dasharray="${w(3)} ${w(2)}"/>` +
    `<path d="${d(b.roads, (p) => p.class === 'primary')}" fill="none" stroke="#6e6559" stroke-opacity="0.45" stroke-width="${w(0.7)}" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d(b.roads, (p) => p.class === 'trunk')}" fill="none" stroke="#6e6559" stroke-opacity="0.6" stroke-width="${w(1.1)}" stroke-linejoin="round" stroke-linecap="round"/>` +
    `<path d="${d(b.roads, (p) => p.class === 'motorway')}" fill="none" stroke="#5d5348" stroke-opacity="0.65" stroke-width="${w(1.7)}" stroke-linejoin="round" stroke-linecap="round"/>` +
    `</g>`;
  const settlements: SettlementLabel[] = [];
  for (const f of b.places.features) {
    if (f.geometry.type !== 'Point') continue;
    const p = projection(f.geometry.coordinates as [number, number]);
    if (!inFrame(p)) continue;
    const props = (f.properties ?? {}) as { name?: string; kind?: string };
    if (!props.name) continue;
    settlements.push({ name: props.name, at: [p[0], p[1]], kind: props.kind === 'town' ? 'town' : 'village' });
  }
  return { svg, settlements };
}
