/**
 * The places' map layers (issue: Assets and access): one clustered GeoJSON source fed by places.map (already
 * filtered by category in the renderer, so clusters count only what is shown), drawn above every ward fill, LAP
 * outline and label:
 *
 *   - clusters: dark circles sized by how many places they hold, with the count written on them;
 *   - single places: a circle in the category's colour with the category's letter on it (G, P, F, ...), so the
 *     category never rests on colour alone; a white ring keeps them apart from the ward colours underneath;
 *   - the chosen place (global state `selectedPlaceId`): a dark ring under its marker.
 *
 * Labels use the computer's own fonts (no glyph server: see style.ts). Everything here is data for the style;
 * WardMap (the only module that talks to maplibre) calls these helpers.
 */
import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { PLACE_CATEGORIES, type PlaceCategoryId, type PlaceFeature, type PlaceFeatureCollection } from '../../../shared/places.ts';
import { textColourOn } from '../../../shared/format.ts';

export const PLACE_SOURCE = 'places';

export const PLACE_LAYER = {
  clusters: 'place-clusters',
  clusterCount: 'place-cluster-count',
  selected: 'place-selected',
  points: 'place-points',
  letters: 'place-letters',
} as const;

/** The layers a click or the pointer can land on. */
export const PLACE_HIT_LAYERS = [PLACE_LAYER.clusters, PLACE_LAYER.points] as const;

/** Global-state defaults the place layers read (merged into the style's `state`). */
export const PLACE_STATE = {
  selectedPlaceId: { default: -1 },
} as const;

/** Zoom above which no place is clustered (the map goes to 15). */
export const PLACE_CLUSTER_MAX_ZOOM = 13;

export const CLUSTER_COLOUR = '#243746';

const LETTER_FONT = ['Segoe UI Bold', 'Helvetica Neue', 'Arial', 'sans-serif'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const isCluster: ExpressionSpecification = ['has', 'point_count'];
const isPlace: ExpressionSpecification = ['!', ['has', 'point_count']];

/** The ink for a category's letter: black or white, whichever reads better on its colour. */
export function letterInk(colour: string): string {
  return textColourOn(colour);
}

function byCategory(pick: (c: (typeof PLACE_CATEGORIES)[number]) => string, fallback: string): ExpressionSpecification {
  const pairs = PLACE_CATEGORIES.flatMap((c) => [c.id, pick(c)]);
  return ['match', ['get', 'category'], ...pairs, fallback] as unknown as ExpressionSpecification;
}

export function placeSources(): Record<string, SourceSpecification> {
  return {
    [PLACE_SOURCE]: {
      type: 'geojson',
      data: EMPTY,
      cluster: true,
      clusterRadius: 44,
      clusterMaxZoom: PLACE_CLUSTER_MAX_ZOOM,
    },
  };
}

export function placeLayers(): LayerSpecification[] {
  return [
    {
      id: PLACE_LAYER.clusters,
      type: 'circle',
      source: PLACE_SOURCE,
      filter: isCluster,
      paint: {
        'circle-color': CLUSTER_COLOUR,
        'circle-opacity': 0.9,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 50, 20, 250, 25],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: PLACE_LAYER.clusterCount,
      type: 'symbol',
      source: PLACE_SOURCE,
      filter: isCluster,
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': LETTER_FONT,
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: PLACE_LAYER.selected,
      type: 'circle',
      source: PLACE_SOURCE,
      filter: ['all', isPlace, ['==', ['get', 'id'], ['global-state', 'selectedPlaceId']]],
      paint: {
        'circle-color': '#111418',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 12, 12, 14, 15, 16],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: PLACE_LAYER.points,
      type: 'circle',
      source: PLACE_SOURCE,
      filter: isPlace,
      paint: {
        'circle-color': byCategory((c) => c.colour, '#555555'),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 7.5, 12, 9, 15, 11],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: PLACE_LAYER.letters,
      type: 'symbol',
      source: PLACE_SOURCE,
      filter: isPlace,
      layout: {
        'text-field': byCategory((c) => c.symbol, ''),
        'text-font': LETTER_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10, 12, 11.5, 15, 13],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': byCategory((c) => letterInk(c.colour), '#ffffff') },
    },
  ];
}

/** Adds the place layers on top of everything else (fills, lines, outlines and labels). */
export function withPlaceLayers(base: LayerSpecification[]): LayerSpecification[] {
  return [...base, ...placeLayers()];
}

const filterCache = new WeakMap<PlaceFeatureCollection, { key: string; value: FeatureCollection }>();

/**
 * The features of the categories not hidden, as the source's data. The same answer object for the same input, so
 * the map is not fed again when nothing changed.
 */
export function visiblePlaces(all: PlaceFeatureCollection, hidden: ReadonlySet<PlaceCategoryId>): FeatureCollection {
  const key = [...hidden].sort().join(',');
  const cached = filterCache.get(all);
  if (cached && cached.key === key) return cached.value;
  const features: PlaceFeature[] = hidden.size === 0 ? all.features : all.features.filter((f) => !hidden.has(f.properties.category));
  const value = { type: 'FeatureCollection', features } as unknown as FeatureCollection;
  filterCache.set(all, { key, value });
  return value;
}
