/**
 * The profile's map layers: a choropleth of all 57 wards for one indicator (profile.choropleth), wards with no
 * value hatched, and the outline of the area being profiled (a LAP, a ward or a council) drawn on top of it all.
 *
 * Everything here is data for the style built in style.ts; WardMap (the only module that talks to maplibre) calls
 * these helpers. The choropleth is its own small GeoJSON source (one feature per ward, carrying its colour, class
 * key and value), so the fill is purely data-driven (`['get', 'colour']`) and a rendered feature says which class
 * it is in. The colours are chosen here, in the renderer, from the classes the backend computed:
 *
 *   - values, with a polarity: a 5-step yellow-orange-brown ramp (ColorBrewer YlOrBr, colour-blind safe),
 *     oriented so that DARKER IS ALWAYS WORSE (the lowest values are darkest when higher is better);
 *   - values, no judgement: a 5-step blue ramp (ColorBrewer PuBu), darker = higher;
 *   - significance: the Fingertips comparison colours (shared/stats COMPARISON_COLOURS), always with the word in
 *     the legend;
 *   - no value: pale grey with the diagonal hatch used for wards in no LAP.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { GeoPolygon, WardFeature } from '../../../shared/domain.ts';
import { HATCH_IMAGE } from './lapLayers.ts';

export const CHORO_SOURCE = { wards: 'choropleth-wards', area: 'profile-area' } as const;

export const CHORO_LAYER = {
  fill: 'choropleth-fill',
  noData: 'choropleth-nodata',
  areaCasing: 'profile-area-casing',
  areaLine: 'profile-area-line',
} as const;

/** Sequential ramps, lightest first. */
export const RAMPS = {
  /** ColorBrewer YlOrBr (5): for indicators with a polarity; the darkest step is the worst. */
  judged: ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'],
  /** ColorBrewer PuBu (5): for no-judgement indicators; the darkest step holds the highest values. */
  neutral: ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'],
} as const;

/** The fill of a ward with no value (hatched on top). */
export const NO_DATA_FILL = '#ececec';

/** The profiled area's outline: near-black on a white casing, readable over every ramp step. */
export const AREA_LINE_COLOUR = '#14181c';

/**
 * The fill colour of class `index` (1 holds the lowest values) out of `k`, so that darker is worse when the
 * indicator has a polarity (higherIsBetter true or false) and darker is higher when it has none (null).
 */
export function classColour(index: number, k: number, higherIsBetter: boolean | null): string {
  const ramp = higherIsBetter === null ? RAMPS.neutral : RAMPS.judged;
  const steps = ramp.length;
  const kk = Math.max(1, Math.min(k, steps));
  const i = Math.max(1, Math.min(index, kk));
  // 0 = lightest. Higher is better: the lowest class is the worst, so the darkest.
  const position = higherIsBetter === true ? kk - i : i - 1;
  const step = kk === 1 ? steps - 1 : Math.round((position * (steps - 1)) / (kk - 1));
  return ramp[step]!;
}

/** One ward's paint on the choropleth: its colour (null: no value, hatched) and its class or comparison key. */
export interface ChoroplethFill {
  code: string;
  colour: string | null;
  /** "1".."5" in values mode, a comparison key ("worse") in significance mode, "" for no value. */
  key: string;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function choroplethSources(): Record<string, SourceSpecification> {
  return {
    [CHORO_SOURCE.wards]: { type: 'geojson', data: EMPTY, promoteId: 'code' },
    [CHORO_SOURCE.area]: { type: 'geojson', data: EMPTY },
  };
}

/** The choropleth source's data: each ward's shape with its colour and class. Wards not listed are left out. */
export function choroplethFeatures(fills: readonly ChoroplethFill[], wards: ReadonlyMap<string, WardFeature>): FeatureCollection {
  const features: Feature[] = [];
  for (const fill of fills) {
    const ward = wards.get(fill.code);
    if (!ward) continue;
    features.push({
      type: 'Feature',
      properties: {
        code: fill.code,
        name: ward.properties.name,
        colour: fill.colour ?? NO_DATA_FILL,
        key: fill.key,
        noData: fill.colour === null,
      },
      geometry: ward.geometry as Feature['geometry'],
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The profiled area's outline as the area source's data (empty for none). */
export function areaFeatures(area: { geometry: GeoPolygon; name: string } | null): FeatureCollection {
  if (!area) return EMPTY;
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: area.name }, geometry: area.geometry as Feature['geometry'] }],
  };
}

const noData: ExpressionSpecification = ['==', ['get', 'noData'], true];

function fillLayers(): LayerSpecification[] {
  return [
    {
      id: CHORO_LAYER.fill,
      type: 'fill',
      source: CHORO_SOURCE.wards,
      paint: { 'fill-color': ['to-color', ['get', 'colour'], NO_DATA_FILL], 'fill-opacity': 1 },
    },
    {
      id: CHORO_LAYER.noData,
      type: 'fill',
      source: CHORO_SOURCE.wards,
      filter: noData,
      paint: { 'fill-pattern': HATCH_IMAGE },
    },
  ];
}

function outlineLayers(): LayerSpecification[] {
  return [
    {
      id: CHORO_LAYER.areaCasing,
      type: 'line',
      source: CHORO_SOURCE.area,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 6.5, 12, 10] },
    },
    {
      id: CHORO_LAYER.areaLine,
      type: 'line',
      source: CHORO_SOURCE.area,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': AREA_LINE_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 3, 12, 5] },
    },
  ];
}

/**
 * Inserts the profile layers among the others: the choropleth just above the ward fill (and the LAP fills), so
 * ward lines, council lines, hover and selection stay visible over it; the profiled area's outline above every
 * other line (the LAP builder's included), under the labels.
 */
export function withChoroplethLayers(base: LayerSpecification[], ids: { fillAfter: string; outlineAfter: string }): LayerSpecification[] {
  const out: LayerSpecification[] = [];
  for (const layer of base) {
    out.push(layer);
    if (layer.id === ids.fillAfter) out.push(...fillLayers());
    if (layer.id === ids.outlineAfter) out.push(...outlineLayers());
  }
  return out;
}
