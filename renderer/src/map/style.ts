/**
 * The map's look: an inline maplibre style with only local GeoJSON sources. No `glyphs` URL and no sprite,
 * so nothing is fetched: maplibre draws label glyphs from the computer's own fonts (TinySDF).
 *
 * Colours: the two councils use a blue / orange pair, which stays distinct for the common forms of colour
 * blindness (Paul Tol's palette). Light tints keep dark labels readable; selection is a thick near-black
 * outline on a white casing, which does not rely on colour at all.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { COUNCIL_NAMES, NORTH_CODE, WEST_CODE, type AuthorityCode, type Geography } from '../../../shared/domain.ts';
import type { ExpressionSpecification } from 'maplibre-gl';
import { basemapSources, withBasemapLayers } from './basemap.ts';
import { choroplethSources, withChoroplethLayers } from './choropleth.ts';
import { LAP_LAYER, LAP_MODE, LAP_STATE, lapSources, wardFillColour, withLapLayers } from './lapLayers.ts';
import { PLACE_STATE, placeSources, withPlaceLayers } from './placeLayers.ts';

export type StyleSpecification = Exclude<Parameters<MapLibreMap['setStyle']>[0], string | null>;

export const COUNCIL_COLOURS: Record<AuthorityCode, { fill: string; outline: string; label: string }> = {
  [NORTH_CODE]: { fill: '#f2b880', outline: '#a4541a', label: COUNCIL_NAMES[NORTH_CODE] },
  [WEST_CODE]: { fill: '#8fb8de', outline: '#23568b', label: COUNCIL_NAMES[WEST_CODE] },
};

export const SOURCE = { wards: 'wards', councils: 'councils', labels: 'ward-labels' } as const;

export const LAYER = {
  background: 'background',
  wardFill: 'ward-fill',
  wardLines: 'ward-lines',
  councilCasing: 'council-casing',
  councilLines: 'council-lines',
  hoverLine: 'ward-hover-line',
  selectedCasing: 'ward-selected-casing',
  selectedLine: 'ward-selected-line',
  labels: 'ward-labels',
  selectedLabel: 'ward-selected-label',
} as const;

/** Local fonts only. The first name sets the weight (semibold); the browser falls back to its sans-serif. */
const LABEL_FONT = ['Segoe UI Semibold', 'Helvetica Neue', 'Arial', 'sans-serif'];
const SELECTED_LABEL_FONT = ['Segoe UI Bold', 'Helvetica Neue', 'Arial', 'sans-serif'];

const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
// The Wards tab's selection is not shown in LAP mode (the LAP being edited is what stands out there).
const selected: ExpressionSpecification = ['all', ['boolean', ['feature-state', 'selected'], false], ['!', LAP_MODE]];
const isSelectedLabel: ExpressionSpecification = ['all', ['==', ['get', 'code'], ['global-state', 'selectedCode']], ['!', LAP_MODE]];

export function buildStyle(geography: Geography): StyleSpecification {
  const [north, west] = [COUNCIL_COLOURS[NORTH_CODE], COUNCIL_COLOURS[WEST_CODE]];
  return {
    version: 8,
    name: 'LAP Insight wards',
    // Global state drives the selected ward's label (a layout/filter concern that feature-state cannot reach)
    // and the LAP builder's layers (lapLayers.ts), and the chosen place (placeLayers.ts).
    state: { selectedCode: { default: '' }, ...LAP_STATE, ...PLACE_STATE },
    sources: {
      [SOURCE.wards]: { type: 'geojson', data: geography.wards as FeatureCollection, promoteId: 'code' },
      [SOURCE.councils]: { type: 'geojson', data: geography.authorities as FeatureCollection, promoteId: 'code' },
      [SOURCE.labels]: { type: 'geojson', data: geography.labels as FeatureCollection, promoteId: 'code' },
      ...lapSources(),
      ...choroplethSources(),
      ...placeSources(),
      ...basemapSources(),
    },
    // The profile's choropleth and area outline (choropleth.ts) go in among the LAP layers (lapLayers.ts); the
    // places (placeLayers.ts) sit on top of everything.
    // The basemap (basemap.ts): towns, roads, rail and water above the fills, below the ward lines and labels.
    layers: withBasemapLayers(withPlaceLayers(withChoroplethLayers(withLapLayers([
      { id: LAYER.background, type: 'background', paint: { 'background-color': '#eef0ee' } },
      {
        id: LAYER.wardFill,
        type: 'fill',
        source: SOURCE.wards,
        paint: {
          // In LAP mode the council tints are paler, so LAP colours read clearly on top (lapLayers.ts).
          'fill-color': wardFillColour([
            'case',
            selected,
            ['match', ['get', 'authorityCode'], NORTH_CODE, '#e08a3c', '#4f8fc9'],
            hovered,
            ['match', ['get', 'authorityCode'], NORTH_CODE, '#eaa060', '#6fa3d4'],
            ['match', ['get', 'authorityCode'], NORTH_CODE, north.fill, west.fill],
          ]),
          'fill-opacity': 1,
        },
      },
      {
        id: LAYER.wardLines,
        type: 'line',
        source: SOURCE.wards,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.8, 12, 1.6, 15, 2.5],
          'line-opacity': 0.95,
        },
      },
      {
        id: LAYER.councilCasing,
        type: 'line',
        source: SOURCE.councils,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 4, 12, 7] },
      },
      {
        id: LAYER.councilLines,
        type: 'line',
        source: SOURCE.councils,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#3b3f46',
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.6, 12, 3],
        },
      },
      {
        id: LAYER.hoverLine,
        type: 'line',
        source: SOURCE.wards,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#1d2329',
          'line-width': ['case', hovered, 2, 0],
          'line-opacity': ['case', hovered, 0.9, 0],
        },
      },
      {
        id: LAYER.selectedCasing,
        type: 'line',
        source: SOURCE.wards,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': ['case', selected, 7, 0], 'line-opacity': ['case', selected, 1, 0] },
      },
      {
        id: LAYER.selectedLine,
        type: 'line',
        source: SOURCE.wards,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#111418', 'line-width': ['case', selected, 3.5, 0], 'line-opacity': ['case', selected, 1, 0] },
      },
      {
        id: LAYER.labels,
        type: 'symbol',
        source: SOURCE.labels,
        filter: ['!', isSelectedLabel],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 11, 13, 14, 16],
          'text-max-width': 7,
          'text-line-height': 1.1,
          'text-padding': 3,
          'text-variable-anchor': ['center', 'top', 'bottom'],
          'text-radial-offset': 0.6,
        },
        paint: {
          'text-color': '#1d2329',
          'text-halo-color': 'rgba(255, 255, 255, 0.92)',
          'text-halo-width': 1.6,
          'text-halo-blur': 0.3,
        },
      },
      {
        id: LAYER.selectedLabel,
        type: 'symbol',
        source: SOURCE.labels,
        filter: isSelectedLabel,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': SELECTED_LABEL_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 13, 11, 15, 14, 18],
          'text-max-width': 8,
          'text-allow-overlap': true,
          'text-ignore-placement': false,
        },
        paint: {
          'text-color': '#000000',
          'text-halo-color': '#ffffff',
          'text-halo-width': 2.2,
        },
      },
    ], {
      wardsSource: SOURCE.wards,
      wardFill: LAYER.wardFill,
      councilLines: LAYER.councilLines,
      selectedLine: LAYER.selectedLine,
    }), { fillAfter: LAP_LAYER.uncoveredFill, outlineAfter: LAP_LAYER.activeLine })), { linesBefore: LAYER.wardLines, labelsBefore: LAYER.labels }),
  };
}
