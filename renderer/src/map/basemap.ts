/**
 * Places people know, under the wards: built-up areas as a faint tint, lakes and reservoirs, rivers and canals,
 * railways and motorways / A roads as thin muted lines, and town and village names (towns at every zoom, villages
 * when zoomed in). The data is bundled with the renderer (assets/basemap.json, built by `npm run data:build` from
 * OpenStreetMap and OS Open Roads; see scripts/data-build/basemap.ts): nothing is fetched at run time.
 *
 * Layer order: the tint, water, rail and roads go above the ward fills (so they show through every colouring) but
 * below the ward and council lines; the settlement names go just below the ward labels. maplibre places labels from
 * the top layer down, so ward labels always win and a town name that would collide with one is left out: one
 * collision-aware label order, never two labels on top of each other.
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import basemapData from '../../../assets/basemap.json';
import type { BasemapLayers } from '../../../shared/basemap.ts';

type BasemapFile = BasemapLayers<FeatureCollection>;

const BASEMAP = basemapData as unknown as BasemapFile;

/** Shown in the map's attribution control next to the boundaries' OS statement. */
export const BASEMAP_ATTRIBUTION = `${BASEMAP.attribution.osm} (ODbL) \u00b7 OS Open Roads: ${BASEMAP.attribution.osRoads} (OGL)`;

export const BASEMAP_SOURCE = { builtUp: 'bm-built-up', water: 'bm-water', rail: 'bm-rail', roads: 'bm-roads', places: 'bm-places' } as const;

export const BASEMAP_LAYER = {
  builtUp: 'bm-built-up',
  waterFill: 'bm-water-fill',
  waterLines: 'bm-water-lines',
  rail: 'bm-rail',
  roads: 'bm-roads',
  towns: 'bm-towns',
  villages: 'bm-villages',
} as const;

export function basemapSources(): Record<string, SourceSpecification> {
  return {
    [BASEMAP_SOURCE.builtUp]: { type: 'geojson', data: BASEMAP.builtUp },
    [BASEMAP_SOURCE.water]: { type: 'geojson', data: BASEMAP.water },
    [BASEMAP_SOURCE.rail]: { type: 'geojson', data: BASEMAP.rail },
    [BASEMAP_SOURCE.roads]: { type: 'geojson', data: BASEMAP.roads },
    [BASEMAP_SOURCE.places]: { type: 'geojson', data: BASEMAP.places },
  };
}

const PLACE_FONT = ['Segoe UI', 'Helvetica Neue', 'Arial', 'sans-serif'];
const zoomed = (pairs: number[]): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], ...pairs] as unknown as ExpressionSpecification;

function contextLayers(): LayerSpecification[] {
  return [
    {
      id: BASEMAP_LAYER.builtUp,
      type: 'fill',
      source: BASEMAP_SOURCE.builtUp,
      paint: { 'fill-color': '#3c3f44', 'fill-opacity': zoomed([8, 0.1, 13, 0.14]) },
    },
    {
      id: BASEMAP_LAYER.waterFill,
      type: 'fill',
      source: BASEMAP_SOURCE.water,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#a7c7df', 'fill-opacity': 0.85, 'fill-outline-color': '#7aa6c6' },
    },
    {
      id: BASEMAP_LAYER.waterLines,
      type: 'line',
      source: BASEMAP_SOURCE.water,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#5b8fb8', 'line-opacity': 0.75, 'line-width': zoomed([8, 0.6, 12, 1.4, 15, 2.6]) },
    },
    {
      id: BASEMAP_LAYER.rail,
      type: 'line',
      source: BASEMAP_SOURCE.rail,
      paint: { 'line-color': '#4d4d4d', 'line-opacity': 0.55, 'line-width': zoomed([8, 0.6, 13, 1.4]), 'line-dasharray': [3, 2] },
    },
    {
      id: BASEMAP_LAYER.roads,
      type: 'line',
      source: BASEMAP_SOURCE.roads,
      layout: { 'line-join': 'round', 'line-cap': 'round', 'line-sort-key': ['match', ['get', 'class'], 'motorway', 3, 'trunk', 2, 1] },
      paint: {
        'line-color': ['match', ['get', 'class'], 'motorway', '#5d5348', '#6e6559'],
        'line-opacity': ['match', ['get', 'class'], 'primary', 0.45, 0.6],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          8,
          ['match', ['get', 'class'], 'motorway', 1.3, 'trunk', 0.9, 0.5],
          13,
          ['match', ['get', 'class'], 'motorway', 3, 'trunk', 2.2, 1.5],
        ],
      },
    },
  ];
}

function labelLayers(): LayerSpecification[] {
  const paint = { 'text-color': '#45494f', 'text-halo-color': 'rgba(255, 255, 255, 0.85)', 'text-halo-width': 1.3, 'text-halo-blur': 0.3 };
  return [
    {
      id: BASEMAP_LAYER.villages,
      type: 'symbol',
      source: BASEMAP_SOURCE.places,
      minzoom: 11.5,
      filter: ['==', ['get', 'kind'], 'village'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': PLACE_FONT,
        'text-size': zoomed([11.5, 10.5, 15, 13]),
        'text-padding': 4,
        'text-max-width': 8,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint,
    },
    {
      id: BASEMAP_LAYER.towns,
      type: 'symbol',
      source: BASEMAP_SOURCE.places,
      filter: ['==', ['get', 'kind'], 'town'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': PLACE_FONT,
        'text-size': zoomed([8, 10, 11, 12.5, 14, 15]),
        'text-transform': 'uppercase',
        'text-letter-spacing': 0.08,
        'text-padding': 4,
        'text-max-width': 9,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint,
    },
  ];
}

/**
 * Adds the basemap to a style's layers: the context just before `linesBefore` (the ward lines, after every fill),
 * the settlement names just before `labelsBefore` (the ward labels). Unknown ids: appended in the same order.
 */
export function withBasemapLayers(layers: LayerSpecification[], ids: { linesBefore: string; labelsBefore: string }): LayerSpecification[] {
  const out = [...layers];
  const insert = (before: string, add: LayerSpecification[]) => {
    const i = out.findIndex((l) => l.id === before);
    out.splice(i >= 0 ? i : out.length, 0, ...add);
  };
  insert(ids.linesBefore, contextLayers());
  insert(ids.labelsBefore, labelLayers());
  return out;
}

/** The basemap's licence statement for the Data tab (OpenStreetMap ODbL: the bundled file is a derived database). */
export const BASEMAP_LICENCE = BASEMAP.attribution.licence;
