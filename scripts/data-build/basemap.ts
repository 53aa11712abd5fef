/**
 * The basemap context for the ward map and the PDF's maps: a compact copy of ../shared/data/basemap (see its
 * SOURCES.md) written to assets/basemap.json by `npm run data:build`. Nothing is fetched at run time.
 *
 * What is kept: settlements (17 towns, with their Census 2021 built-up-area population where known, and the villages),
 * motorways and A roads (OSM trunk/primary; OS Open Roads motorways beyond the OSM extract), railways (working and
 * preserved), rivers and canals, lakes and reservoirs, and the built-up-area tint. The lines of one kind are merged
 * into one MultiLineString, coordinates are cut to 4 decimal places (about 7 m by 11 m here, well inside the sources'
 * 30 m simplification) and repeated points dropped, so the file is small enough to bundle with the renderer.
 *
 * Licence: OpenStreetMap data (ODbL 1.0, "© OpenStreetMap contributors"); the file is a derived database offered
 * under the ODbL. OS Open Roads motorways: OGL v3. Town populations: ONS Census 2021 (OGL v3).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BasemapLayers } from '../../shared/basemap.ts';

export const BASEMAP_PATH = 'assets/basemap.json';

type Position = [number, number];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}
interface FC {
  type: 'FeatureCollection';
  features: Feature[];
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

function line(coords: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x, y] of coords) {
    const p: Position = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function ring(coords: Position[]): Position[] | null {
  const r = line(coords);
  if (r.length < 4) return null;
  const [a, b] = [r[0]!, r[r.length - 1]!];
  if (a[0] !== b[0] || a[1] !== b[1]) r.push([a[0], a[1]]);
  return r;
}

function read(dir: string, name: string): FC {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as FC;
}

/** The lines of each key merged into one MultiLineString (in source order, so the build is reproducible). */
function mergeLines(features: Feature[], keyOf: (f: Feature) => string | null, props: (key: string) => Record<string, unknown>): Feature[] {
  const by = new Map<string, Position[][]>();
  for (const f of features) {
    const k = keyOf(f);
    if (k === null) continue;
    const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates as Position[]] : f.geometry.type === 'MultiLineString' ? (f.geometry.coordinates as Position[][]) : [];
    for (const p of parts) {
      const l = line(p);
      if (l.length < 2) continue;
      if (!by.has(k)) by.set(k, []);
      by.get(k)!.push(l);
    }
  }
  return [...by.entries()].map(([k, lines]) => ({ type: 'Feature', properties: props(k), geometry: { type: 'MultiLineString', coordinates: lines } }));
}

/** Polygons of one kind merged into one MultiPolygon. */
function mergePolygons(features: Feature[], props: Record<string, unknown>): Feature[] {
  const polys: Position[][][] = [];
  for (const f of features) {
    const list = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Position[][]] : f.geometry.type === 'MultiPolygon' ? (f.geometry.coordinates as Position[][][]) : [];
    for (const poly of list) {
      const rings = poly.map(ring).filter((r): r is Position[] => r !== null);
      if (rings.length && rings[0]) polys.push(rings);
    }
  }
  return polys.length ? [{ type: 'Feature', properties: props, geometry: { type: 'MultiPolygon', coordinates: polys } }] : [];
}

export type Basemap = BasemapLayers<FC>;

export const BASEMAP_ATTRIBUTION = {
  osm: '© OpenStreetMap contributors',
  osRoads: 'Contains OS data © Crown copyright and database right 2024',
  ons: 'Source: Office for National Statistics licensed under the Open Government Licence v3.0',
  licence:
    'Towns, roads, railways, rivers and built-up areas: © OpenStreetMap contributors (OpenStreetMap data, August 2021, ODbL 1.0; this derived database is offered under the ODbL). Motorways beyond the county: OS Open Roads, contains OS data © Crown copyright and database right 2024 (OGL v3). Town populations: ONS Census 2021 (OGL v3).',
} as const;

export function buildBasemap(dataDir: string): Map<string, string> {
  const dir = path.join(dataDir, 'basemap');
  const files = new Map<string, string>();
  if (!existsSync(path.join(dir, 'places.geojson'))) return files;
  const places = read(dir, 'places.geojson');
  const roads = read(dir, 'roads.geojson');
  const rail = read(dir, 'rail.geojson');
  const water = read(dir, 'water.geojson');
  const builtUp = read(dir, 'built_up.geojson');

  // Towns first (largest population first), then villages by name: the label order the map uses.
  const placeFeatures = places.features
    .filter((f) => typeof f.properties.name === 'string' && f.geometry.type === 'Point')
    .map((f) => {
      const [x, y] = f.geometry.coordinates as Position;
      const kind = f.properties.kind === 'town' ? 'town' : 'village';
      const population = typeof f.properties.population === 'number' ? f.properties.population : null;
      return { kind, population, name: f.properties.name as string, x, y };
    })
    .sort((a, b) => (a.kind === b.kind ? (b.population ?? 0) - (a.population ?? 0) || a.name.localeCompare(b.name) : a.kind === 'town' ? -1 : 1))
    .map(
      (p, i): Feature => ({
        type: 'Feature',
        properties: { name: p.name, kind: p.kind, population: p.population, rank: i },
        geometry: { type: 'Point', coordinates: [round(p.x), round(p.y)] },
      }),
    );

  const roadClass = (f: Feature): string | null => {
    const c = f.properties.class;
    return c === 'motorway' ? 'motorway' : c === 'trunk' ? 'trunk' : c === 'primary' ? 'primary' : null;
  };
  const map: Basemap = {
    attribution: { ...BASEMAP_ATTRIBUTION },
    places: { type: 'FeatureCollection', features: placeFeatures },
    roads: { type: 'FeatureCollection', features: mergeLines(roads.features, roadClass, (k) => ({ class: k })) },
    rail: { type: 'FeatureCollection', features: mergeLines(rail.features, (f) => (f.properties.kind === 'preserved' ? 'preserved' : 'rail'), (k) => ({ kind: k })) },
    water: {
      type: 'FeatureCollection',
      features: [
        ...mergePolygons(
          water.features.filter((f) => f.properties.kind === 'water_body'),
          { kind: 'water_body' },
        ),
        ...mergeLines(water.features, (f) => (f.properties.kind === 'river' || f.properties.kind === 'canal' ? (f.properties.kind as string) : null), (k) => ({ kind: k })),
      ],
    },
    builtUp: { type: 'FeatureCollection', features: mergePolygons(builtUp.features, { kind: 'built_up' }) },
  };
  files.set(BASEMAP_PATH, `${JSON.stringify(map)}\n`);
  return files;
}
