/**
 * WardMap: the one module that owns the maplibre instance. React never touches maplibre directly; it creates a
 * WardMap, tells it what is selected, asks it to fly somewhere, and hears back through callbacks.
 *
 *   const wardMap = new WardMap(container, geography, { onHover, onSelect, onLoad, onError });
 *   wardMap.setSelected('E05013246');   // highlight (feature-state), or null to clear
 *   wardMap.flyToWard('E05013246');     // move the camera to a ward
 *   wardMap.fitCouncils();              // show both councils
 *   wardMap.destroy();
 *
 * Selection and hover are feature-state on the `wards` GeoJSON source (promoteId 'code'), so nothing is
 * rebuilt when they change. The selected ward's label is a global-state filter (layout cannot use feature-state).
 *
 * Test hook: after the map's `load` event, `window.__lapMap` is `{ loaded: true, map, errors }` where `map` is the
 * maplibre Map and `errors` lists maplibre error messages. End-to-end tests (tests/e2e) read it to query sources,
 * rendered features and feature-state. It holds nothing the page does not already have.
 */
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LngLatBoundsLike, type MapMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { GeoPolygon, Geography, WardFeature } from '../../../shared/domain.ts';
import { buildStyle, LAYER, SOURCE } from './style.ts';

// maplibre-gl v6 is ESM-only and cannot find its worker inside a bundle by itself: without this the map stays blank.
setWorkerUrl(workerUrl);

export interface WardHover {
  code: string;
  name: string;
  authorityName: string;
  /** Pointer position in CSS pixels, relative to the map container. */
  x: number;
  y: number;
}

export interface WardMapHandlers {
  /** The pointer moved onto a ward (or between wards), or left them (null). */
  onHover?(hover: WardHover | null): void;
  /** A ward was clicked, or empty map was clicked (null). */
  onSelect?(code: string | null): void;
  /** The style, sources and first frame are ready. */
  onLoad?(): void;
  /** Something went wrong inside maplibre; the message is technical. */
  onError?(message: string): void;
}

export interface LapMapTestHook {
  loaded: boolean;
  map: MapLibreMap;
  errors: string[];
}

declare global {
  interface Window {
    /** Test hook, see the header of renderer/src/map/WardMap.ts. */
    __lapMap?: LapMapTestHook;
  }
}

type Bounds = [number, number, number, number];

function extendBounds(bounds: Bounds, coords: unknown): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    bounds[0] = Math.min(bounds[0], coords[0]);
    bounds[1] = Math.min(bounds[1], coords[1]);
    bounds[2] = Math.max(bounds[2], coords[0]);
    bounds[3] = Math.max(bounds[3], coords[1]);
    return;
  }
  for (const c of coords) extendBounds(bounds, c);
}

/** [west, south, east, north] of a polygon or multipolygon. */
export function geometryBounds(geometry: GeoPolygon): Bounds {
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  extendBounds(bounds, geometry.coordinates);
  return bounds;
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class WardMap {
  private readonly map: MapLibreMap;
  private readonly wardsByCode = new Map<string, WardFeature>();
  private readonly wardBounds = new Map<string, Bounds>();
  private readonly countyBounds: Bounds;
  private loaded = false;
  private selectedCode: string | null = null;
  private hoveredCode: string | null = null;
  private readonly hook: LapMapTestHook;

  constructor(
    container: HTMLElement,
    geography: Geography,
    private readonly handlers: WardMapHandlers = {},
  ) {
    for (const f of geography.wards.features) {
      this.wardsByCode.set(f.properties.code, f);
      this.wardBounds.set(f.properties.code, geometryBounds(f.geometry));
    }
    this.countyBounds = geography.bounds;
    const [w, s, e, n] = geography.bounds;
    // Room to pan a little beyond the county, but not to lose it.
    const padLon = Math.max(0.6, (e - w) * 0.8);
    const padLat = Math.max(0.4, (n - s) * 0.8);
    const maxBounds: LngLatBoundsLike = [
      [w - padLon, s - padLat],
      [e + padLon, n + padLat],
    ];

    this.map = new MapLibreMap({
      container,
      style: buildStyle(geography),
      bounds: geography.bounds,
      fitBoundsOptions: { padding: this.fitPadding(container) },
      minZoom: 7,
      maxZoom: 15,
      maxBounds,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      locale: {
        'NavigationControl.ZoomIn': 'Zoom in',
        'NavigationControl.ZoomOut': 'Zoom out',
      },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();

    this.map.addControl(new AttributionControl({ compact: false, customAttribution: geography.attribution }), 'bottom-right');
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');

    const canvas = this.map.getCanvas();
    canvas.setAttribute('aria-label', 'Map of the wards of West and North Northamptonshire. Use the ward list to find and select a ward.');

    this.hook = { loaded: false, map: this.map, errors: [] };

    this.map.on('error', (event) => {
      const message = event.error?.message ?? 'Unknown map error';
      this.hook.errors.push(message);
      console.error(`Map: ${message}`);
      this.handlers.onError?.(message);
    });

    this.map.on('load', () => {
      this.loaded = true;
      this.applySelected(null, this.selectedCode);
      this.hook.loaded = true;
      window.__lapMap = this.hook;
      this.handlers.onLoad?.();
    });

    this.map.on('mousemove', LAYER.wardFill, (event) => this.onPointerMove(event));
    this.map.on('mouseleave', LAYER.wardFill, () => this.setHovered(null));
    this.map.on('click', (event) => this.onClick(event));
  }

  /** The maplibre Map, for tests and debugging only. */
  get maplibre(): MapLibreMap {
    return this.map;
  }

  /** Highlights a ward on the map, or clears the highlight. Safe to call before the map has loaded. */
  setSelected(code: string | null): void {
    const next = code && this.wardsByCode.has(code) ? code : null;
    if (next === this.selectedCode) return;
    const previous = this.selectedCode;
    this.selectedCode = next;
    if (this.loaded) this.applySelected(previous, next);
  }

  /** Moves the camera to show a ward whole, with some context around it. */
  flyToWard(code: string): void {
    const bounds = this.wardBounds.get(code);
    if (!bounds) return;
    const reduced = prefersReducedMotion();
    this.map.fitBounds(bounds, {
      padding: this.fitPadding(this.map.getContainer(), 64),
      maxZoom: 13,
      duration: reduced ? 0 : 900,
      essential: false,
    });
  }

  /** Shows both councils whole. */
  fitCouncils(animate = true): void {
    this.map.fitBounds(this.countyBounds, {
      padding: this.fitPadding(this.map.getContainer()),
      duration: animate && !prefersReducedMotion() ? 700 : 0,
    });
  }

  /** Call when the container changed size outside a window resize (maplibre also watches the container). */
  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    if (window.__lapMap === this.hook) delete window.__lapMap;
    this.map.remove();
  }

  private fitPadding(container: HTMLElement, preferred = 28): number {
    const size = Math.min(container.clientWidth || 0, container.clientHeight || 0);
    // Padding larger than the map makes fitBounds give up; keep it to a fraction of the smaller side.
    return Math.max(0, Math.min(preferred, Math.floor(size * 0.12)));
  }

  private applySelected(previous: string | null, next: string | null): void {
    if (previous) this.map.setFeatureState({ source: SOURCE.wards, id: previous }, { selected: false });
    if (next) this.map.setFeatureState({ source: SOURCE.wards, id: next }, { selected: true });
    this.map.setGlobalStateProperty('selectedCode', next ?? '');
  }

  private setHovered(hover: WardHover | null): void {
    const code = hover?.code ?? null;
    if (code !== this.hoveredCode) {
      if (this.hoveredCode) this.map.setFeatureState({ source: SOURCE.wards, id: this.hoveredCode }, { hover: false });
      if (code) this.map.setFeatureState({ source: SOURCE.wards, id: code }, { hover: true });
      this.hoveredCode = code;
      this.map.getCanvas().style.cursor = code ? 'pointer' : '';
    }
    this.handlers.onHover?.(hover);
  }

  private onPointerMove(event: MapMouseEvent & { features?: { properties: Record<string, unknown> }[] }): void {
    const code = event.features?.[0]?.properties.code;
    const ward = typeof code === 'string' ? this.wardsByCode.get(code) : undefined;
    if (!ward) return this.setHovered(null);
    this.setHovered({
      code: ward.properties.code,
      name: ward.properties.name,
      authorityName: ward.properties.authorityName,
      x: event.point.x,
      y: event.point.y,
    });
  }

  private onClick(event: MapMouseEvent): void {
    const feature = this.map.queryRenderedFeatures(event.point, { layers: [LAYER.wardFill] })[0];
    const code = feature?.properties?.code;
    this.handlers.onSelect?.(typeof code === 'string' ? code : null);
  }
}
