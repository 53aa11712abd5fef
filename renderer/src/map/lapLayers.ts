/**
 * The LAP builder's map layers: the wards of the LAP being edited (feature-state `member` on the wards source,
 * filled with the LAP's colour), wards in no LAP yet (feature-state `uncovered`, hatched), and every LAP outline
 * of the current set (neighbours lighter, the edited LAP on top with a casing) with a name label each.
 *
 * Everything here is data for the style built in style.ts; WardMap (the only module that talks to maplibre) calls
 * these helpers. Global state drives what feature-state cannot reach: whether LAP mode is on (paler council
 * tints), the edited LAP's id (outline filters) and its colour (member fill).
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { FeatureCollection, Point } from 'geojson';
import type { LapOutlineFeature } from '../../../shared/contract/laps.ts';
import { NORTH_CODE, type GeoPolygon } from '../../../shared/domain.ts';
import { pointInRing, poleOfInaccessibility, polygonLabelPoint } from './geometry.ts';

export const LAP_SOURCE = { outlines: 'lap-outlines', labels: 'lap-labels' } as const;

export const LAP_LAYER = {
  neighbourFill: 'lap-neighbour-fill',
  memberFill: 'lap-member-fill',
  uncoveredFill: 'ward-uncovered-fill',
  neighbourLine: 'lap-neighbour-line',
  uncoveredLine: 'ward-uncovered-line',
  activeCasing: 'lap-active-casing',
  activeLine: 'lap-active-line',
  labels: 'lap-labels',
  activeLabel: 'lap-active-label',
} as const;

/** The hatch pattern for wards in no LAP, drawn in code (no sprite is fetched). */
export const HATCH_IMAGE = 'lap-hatch';

/** Global-state defaults the LAP layers read (merged into the style's `state`). */
export const LAP_STATE = {
  lapMode: { default: false },
  memberColour: { default: '#1b9e77' },
  activeLapId: { default: -1 },
} as const;

const member: ExpressionSpecification = ['boolean', ['feature-state', 'member'], false];
const uncovered: ExpressionSpecification = ['boolean', ['feature-state', 'uncovered'], false];
/** True while the LAPs tab is open (global state `lapMode`). */
export const LAP_MODE: ExpressionSpecification = ['boolean', ['global-state', 'lapMode'], false];
const lapMode = LAP_MODE;
const isActive: ExpressionSpecification = ['==', ['id'], ['global-state', 'activeLapId']];
const isNeighbour: ExpressionSpecification = ['!=', ['id'], ['global-state', 'activeLapId']];
const isActiveLabel: ExpressionSpecification = ['==', ['get', 'lapId'], ['global-state', 'activeLapId']];
const isNeighbourLabel: ExpressionSpecification = ['!=', ['get', 'lapId'], ['global-state', 'activeLapId']];

const LABEL_FONT = ['Segoe UI Bold', 'Helvetica Neue', 'Arial', 'sans-serif'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function lapSources(): Record<string, SourceSpecification> {
  return {
    [LAP_SOURCE.outlines]: { type: 'geojson', data: EMPTY },
    [LAP_SOURCE.labels]: { type: 'geojson', data: EMPTY },
  };
}

/**
 * The ward fill's colour: `normal` (the council colours with selection and hover) outside LAP mode; in LAP mode
 * pale council tints, a little deeper under the pointer, so LAP colours read clearly on top.
 */
export function wardFillColour(normal: ExpressionSpecification): ExpressionSpecification {
  const hover: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  return [
    'case',
    lapMode,
    ['case', hover, ['match', ['get', 'authorityCode'], NORTH_CODE, '#ecd0b4', '#c3d5e8'], ['match', ['get', 'authorityCode'], NORTH_CODE, '#f6e7d8', '#dfe8f1']],
    normal,
  ];
}

function fillLayers(wardsSource: string): LayerSpecification[] {
  return [
    {
      id: LAP_LAYER.neighbourFill,
      type: 'fill',
      source: LAP_SOURCE.outlines,
      filter: isNeighbour,
      paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': ['case', lapMode, 0.2, 0] },
    },
    {
      id: LAP_LAYER.memberFill,
      type: 'fill',
      source: wardsSource,
      paint: {
        'fill-color': ['to-color', ['global-state', 'memberColour'], '#1b9e77'],
        'fill-opacity': ['case', ['all', lapMode, member], 0.5, 0],
      },
    },
    {
      id: LAP_LAYER.uncoveredFill,
      type: 'fill',
      source: wardsSource,
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': ['case', ['all', lapMode, uncovered], 1, 0] },
    },
  ];
}

function lineLayers(wardsSource: string): LayerSpecification[] {
  return [
    {
      id: LAP_LAYER.neighbourLine,
      type: 'line',
      source: LAP_SOURCE.outlines,
      filter: isNeighbour,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['get', 'colour'],
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.8, 12, 3],
        'line-opacity': ['case', lapMode, 0.85, 0],
      },
    },
    {
      id: LAP_LAYER.uncoveredLine,
      type: 'line',
      source: wardsSource,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#3b3f46',
        'line-width': 1.2,
        'line-dasharray': [3, 2],
        'line-opacity': ['case', ['all', lapMode, uncovered], 0.8, 0],
      },
    },
  ];
}

function outlineLayers(): LayerSpecification[] {
  return [
    {
      id: LAP_LAYER.activeCasing,
      type: 'line',
      source: LAP_SOURCE.outlines,
      filter: isActive,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 6, 12, 9], 'line-opacity': ['case', lapMode, 1, 0] },
    },
    {
      id: LAP_LAYER.activeLine,
      type: 'line',
      source: LAP_SOURCE.outlines,
      filter: isActive,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['get', 'colour'],
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3.2, 12, 5],
        'line-opacity': ['case', lapMode, 1, 0],
      },
    },
  ];
}

function labelLayers(): LayerSpecification[] {
  return [
    {
      id: LAP_LAYER.labels,
      type: 'symbol',
      source: LAP_SOURCE.labels,
      filter: ['all', isNeighbourLabel, lapMode],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 15],
        'text-max-width': 9,
        'text-padding': 4,
      },
      paint: {
        'text-color': ['get', 'ink'],
        'text-halo-color': 'rgba(255, 255, 255, 0.95)',
        'text-halo-width': 2,
      },
    },
    {
      id: LAP_LAYER.activeLabel,
      type: 'symbol',
      source: LAP_SOURCE.labels,
      filter: ['all', isActiveLabel, lapMode],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 15, 12, 19],
        'text-max-width': 10,
        'text-allow-overlap': true,
      },
      paint: {
        'text-color': ['get', 'ink'],
        'text-halo-color': '#ffffff',
        'text-halo-width': 2.6,
      },
    },
  ];
}

/**
 * Inserts the LAP layers among the base layers: fills just above the ward fill, lines above the council lines,
 * the edited LAP's outline above the selection, and the LAP names above the ward names (so they win placement).
 */
export function withLapLayers(
  base: LayerSpecification[],
  ids: { wardsSource: string; wardFill: string; councilLines: string; selectedLine: string },
): LayerSpecification[] {
  const out: LayerSpecification[] = [];
  for (const layer of base) {
    out.push(layer);
    if (layer.id === ids.wardFill) out.push(...fillLayers(ids.wardsSource));
    if (layer.id === ids.councilLines) out.push(...lineLayers(ids.wardsSource));
    if (layer.id === ids.selectedLine) out.push(...outlineLayers());
  }
  out.push(...labelLayers());
  return out;
}

/** A diagonal hatch, 2x resolution for crisp lines on high-density screens. */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 24;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = (x + y) % 12;
      const on = d < 3;
      const i = (y * size + x) * 4;
      data[i] = 0x3b;
      data[i + 1] = 0x3f;
      data[i + 2] = 0x46;
      data[i + 3] = on ? 150 : 0;
    }
  }
  return { width: size, height: size, data };
}

/** A dark, readable version of a LAP colour for its label text (the label has a white halo). */
export function labelInk(colour: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) return '#1d2329';
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16));
  // Darken until the contrast with white is at least 4.5:1.
  const lum = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  for (let f = 1; f > 0.1; f -= 0.05) {
    const rgb = [r!, g!, b!].map((v) => Math.round(v * f));
    const L = 0.2126 * lum(rgb[0]!) + 0.7152 * lum(rgb[1]!) + 0.0722 * lum(rgb[2]!);
    if (1.05 / (L + 0.05) >= 4.5) return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }
  return '#1d2329';
}

/**
 * One label point per LAP: inside the largest part of its outline, as far from its edges as possible (falling back
 * to its balance point, or a ward's label point, for odd shapes).
 */
export function lapLabelPoints(
  features: readonly LapOutlineFeature[],
  wardLabelPoint: (code: string) => [number, number] | undefined,
): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => {
      const point = labelPointOf(f.geometry, f.properties.wardCodes, wardLabelPoint);
      return {
        type: 'Feature' as const,
        properties: { lapId: f.properties.lapId ?? -1, name: f.properties.name, ink: labelInk(f.properties.colour) },
        geometry: { type: 'Point' as const, coordinates: point },
      };
    }),
  };
}

const labelCache = new Map<string, [number, number]>();

function labelPointOf(geometry: GeoPolygon, wardCodes: readonly string[], wardLabelPoint: (code: string) => [number, number] | undefined): [number, number] {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
  // The backend orders the parts largest first; the label goes in the largest.
  const rings = polygons[0] ?? [];
  const outer = rings[0] ?? [];
  const key = `${wardCodes.join(',')}|${outer.length}|${outer[0]?.join(',')}`;
  const cached = labelCache.get(key);
  if (cached) return cached;
  // Search in a locally true-shaped plane: longitude scaled by cos(latitude).
  const lat = outer.reduce((s, p) => s + p[1]!, 0) / Math.max(1, outer.length);
  const k = Math.cos((lat * Math.PI) / 180) || 1;
  const scaled = rings.map((ring) => ring.map((p) => [p[0]! * k, p[1]!]));
  const pole = poleOfInaccessibility(scaled);
  let point: [number, number] | null = pole ? [pole[0] / k, pole[1]] : null;
  if (!point) {
    const centre = polygonLabelPoint(outer);
    if (centre && pointInRing(centre, outer)) point = centre;
    else {
      const candidates = wardCodes.map(wardLabelPoint).filter((p): p is [number, number] => !!p);
      const inside = candidates.filter((p) => pointInRing(p, outer));
      const pool = inside.length ? inside : candidates;
      point = centre && pool.length ? pool.reduce((best, p) => (dist2(p, centre) < dist2(best, centre) ? p : best)) : (pool[0] ?? centre ?? [0, 0]);
    }
  }
  if (labelCache.size > 500) labelCache.clear();
  labelCache.set(key, point);
  return point;
}

function dist2(a: readonly number[], b: readonly number[]): number {
  return (a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2;
}
