/**
 * WardMap: the one module that owns the maplibre instance. React never touches maplibre directly: MapView creates a
 * WardMap, and useMapBindings (map/bindings.ts) binds each feature to it: the feature's state drives the setters
 * below, and the map's listeners (each returns an unsubscribe) tell the feature what the user did.
 *
 *   const wardMap = new WardMap(container, geography, { onLoad, onError });
 *   wardMap.setSelected('E05013246');   // highlight (feature-state), or null to clear
 *   wardMap.flyToWard('E05013246');     // move the camera to a ward
 *   wardMap.fitCouncils();              // show both councils
 *   wardMap.onHover((hover | null) => ...);             // the ward under the pointer, or none
 *   wardMap.onWardClick((code | null) => ...);          // a click that is not a LAP edit: a ward, or empty map
 *   wardMap.destroy();
 *
 * The LAP builder (layers in lapLayers.ts):
 *
 *   wardMap.setLapMode(true);                        // pale council tints; LAP layers visible
 *   wardMap.setLapOutlines(outlines, activeLapId);   // every LAP outline of the set (laps.outlines) + labels
 *   wardMap.setMembers(['E05013246'], '#1b9e77');    // the edited LAP's wards (feature-state), in its colour
 *   wardMap.setCoverage(codes | null);               // hatch wards in no LAP yet, or stop
 *   wardMap.setEditing(true);                        // clicks and drags pick wards (onWardsPicked) instead of selecting
 *   wardMap.setTool('select' | 'box' | 'lasso');     // plain drag: pan, box, or lasso. Shift-drag is always a box.
 *   wardMap.fitWards(codes);                         // show a group of wards whole
 *   wardMap.onWardsPicked((codes, mode, gesture) => ...); // while editing: 'toggle' for a click, 'add' for a box or lasso
 *
 * The Local Area Profile (layers in choropleth.ts):
 *
 *   wardMap.setProfileArea({ geometry, name } | null);  // the profiled LAP, ward or council, outlined on top
 *   wardMap.setChoropleth(fills | null);                // colour all wards ({code, colour|null, key}), or stop
 *   wardMap.showPopup(code, element, onClose);          // a popup at a ward holding `element`; closePopup()
 *   wardMap.overlayHost();                              // the element around the map, for legends (portals)
 *
 * Places (layers in placeLayers.ts):
 *
 *   wardMap.setPlaces(features | null);                 // the places to draw (clustered), or none
 *   wardMap.setSelectedPlace(id | null);                // ring the chosen place
 *   wardMap.onPlaceClick((placeId) => ...);             // a click on a single place (returns an unsubscribe)
 *   wardMap.showPlacePopup([lon, lat], element, onClose); // a popup at a place holding `element`
 *   wardMap.flyToPoint([lon, lat]);                     // move the camera close to a point
 *
 * A click on a cluster zooms in until it splits; a click on a place is not also a ward click.
 *
 * Selection, hover, membership and coverage are feature-state on the `wards` GeoJSON source (promoteId 'code'),
 * so nothing is rebuilt when they change. The selected ward's label and the edited LAP's outline are global-state
 * filters (layout cannot use feature-state).
 *
 * Test hook: after the map's `load` event, `window.__lapMap` is `{ loaded: true, map, errors }` where `map` is the
 * maplibre Map and `errors` lists maplibre error messages. End-to-end tests (tests/e2e) read it to query sources,
 * rendered features and feature-state. It holds nothing the page does not already have.
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type MapMouseEvent,
} from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LapOutlineFeature } from '../../../shared/contract/laps.ts';
import type { GeoPolygon, Geography, WardFeature } from '../../../shared/domain.ts';
import { areaFeatures, CHORO_SOURCE, choroplethFeatures, type ChoroplethFill } from './choropleth.ts';
import { pointInRing } from './geometry.ts';
import { HATCH_IMAGE, hatchImage, LAP_SOURCE, lapLabelPoints } from './lapLayers.ts';
import { DragPicker, type PickShape } from './picker.ts';
import { PLACE_HIT_LAYERS, PLACE_LAYER, PLACE_SOURCE } from './placeLayers.ts';
import { buildStyle, LAYER, SOURCE } from './style.ts';
import { BASEMAP_ATTRIBUTION } from './basemap.ts';

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

/** What a plain drag does while editing: pan the map, draw a box, or draw a lasso. */
export type PickTool = 'select' | 'box' | 'lasso';
/** 'toggle': a click (add the ward, or remove it if it is in); 'add': a box or lasso (add them all). */
export type PickMode = 'toggle' | 'add';
export type PickGesture = 'click' | 'box' | 'lasso';

/** The LAP outlines of a set, as laps.outlines returns them. */
export interface LapOutlineCollection {
  features: readonly LapOutlineFeature[];
}

/** While editing: wards were clicked, or a box or lasso was drawn around them (never an empty list). */
export type WardsPickedListener = (codes: string[], mode: PickMode, gesture: PickGesture) => void;

/** The map's own life; what the user does on it is heard through listeners (onHover, onWardClick, …). */
export interface WardMapHandlers {
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
type Padding = { top: number; bottom: number; left: number; right: number };

/** The open popup: a ward's (the profile's choropleth) or a place's. */
interface PopupEntry {
  popup: Popup;
  onClose?: () => void;
  kind: 'ward' | 'place';
}

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] };

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

/** Adds a listener to a set; returns its removal. */
function listen<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** How close flyToPoint goes: streets readable, clusters split. */
const PLACE_FLY_ZOOM = 14;

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
  private readonly labelPoints = new Map<string, [number, number]>();
  private readonly picker: DragPicker;
  // LAP builder state, kept so it can be applied once the map has loaded.
  private lapMode = false;
  private editing = false;
  private tool: PickTool = 'select';
  private members = new Set<string>();
  private memberColour = '#1b9e77';
  private coverage = new Set<string>();
  private outlines: readonly LapOutlineFeature[] = [];
  private activeLapId: number | null = null;
  // Profile state, kept so it can be applied once the map has loaded.
  private choropleth: readonly ChoroplethFill[] | null = null;
  private profileArea: { geometry: GeoPolygon; name: string } | null = null;
  private readonly clickListeners = new Set<(code: string | null) => void>();
  private readonly hoverListeners = new Set<(hover: WardHover | null) => void>();
  private readonly pickListeners = new Set<WardsPickedListener>();
  private popup: PopupEntry | null = null;
  // Places, kept so they can be applied once the map has loaded.
  private places: FeatureCollection | null = null;
  private selectedPlaceId: number | null = null;
  private readonly placeListeners = new Set<(placeId: number) => void>();
  private placeHover = false;
  private readonly container: HTMLElement;

  constructor(
    container: HTMLElement,
    geography: Geography,
    private readonly handlers: WardMapHandlers = {},
  ) {
    this.container = container;
    for (const f of geography.wards.features) {
      this.wardsByCode.set(f.properties.code, f);
      this.wardBounds.set(f.properties.code, geometryBounds(f.geometry));
    }
    for (const l of geography.labels.features) this.labelPoints.set(l.properties.code, l.geometry.coordinates);
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
      // Shift-drag picks wards (picker.ts) instead of zooming to a box.
      boxZoom: false,
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

    this.map.addControl(new AttributionControl({ compact: false, customAttribution: [geography.attribution, BASEMAP_ATTRIBUTION] }), 'bottom-right');
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

    // The hatch for wards in no LAP is drawn in code and added the first time a layer asks for it.
    this.map.on('styleimagemissing', (event) => {
      if (event.id === HATCH_IMAGE && !this.map.hasImage(HATCH_IMAGE)) this.map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 2 });
    });

    this.picker = new DragPicker(container, (shape) => this.onPickShape(shape));

    this.map.on('load', () => {
      this.loaded = true;
      this.applySelected(null, this.selectedCode);
      this.applyLapState();
      this.applyProfile();
      this.applyPlaces();
      this.hook.loaded = true;
      window.__lapMap = this.hook;
      this.handlers.onLoad?.();
    });

    this.map.on('mousemove', LAYER.wardFill, (event) => this.onPointerMove(event));
    this.map.on('mouseleave', LAYER.wardFill, () => this.setHovered(null));
    this.map.on('click', (event) => this.onClick(event));
    this.map.on('mousedown', (event) => this.onMouseDown(event));
    for (const layer of PLACE_HIT_LAYERS) {
      this.map.on('mouseenter', layer, () => {
        this.placeHover = true;
        this.updateCursor();
      });
      this.map.on('mouseleave', layer, () => {
        this.placeHover = false;
        this.updateCursor();
      });
    }
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
    const pad = this.fitPadding(this.map.getContainer(), 64);
    this.map.fitBounds(bounds, {
      padding: this.clearOfKeys({ top: pad, bottom: pad, left: pad, right: pad }),
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

  /** LAP mode: paler council tints with the LAP layers on top. Off: the plain ward map. */
  setLapMode(on: boolean): void {
    if (on === this.lapMode) return;
    this.lapMode = on;
    if (this.loaded) this.map.setGlobalStateProperty('lapMode', on);
  }

  /** While editing, clicks and drags pick wards (onWardsPicked) instead of selecting one. */
  setEditing(on: boolean): void {
    if (on === this.editing) return;
    this.editing = on;
    if (!on) this.picker.cancel();
    this.updateCursor();
  }

  /** What a plain drag does while editing. Shift-drag always draws a box. */
  setTool(tool: PickTool): void {
    if (tool === this.tool) return;
    this.tool = tool;
    this.picker.cancel();
    this.updateCursor();
  }

  /** The wards of the LAP being edited, filled in its colour (feature-state `member`). */
  setMembers(codes: readonly string[], colour?: string): void {
    const next = new Set(codes.filter((c) => this.wardsByCode.has(c)));
    const previous = this.members;
    this.members = next;
    const colourChanged = colour !== undefined && colour !== this.memberColour;
    if (colour !== undefined) this.memberColour = colour;
    if (!this.loaded) return;
    this.applyFlagDiff('member', previous, next);
    if (colourChanged) this.map.setGlobalStateProperty('memberColour', this.memberColour);
  }

  /** Hatches the given wards (in no LAP yet), or clears the hatching with null. */
  setCoverage(codes: readonly string[] | null): void {
    const next = new Set((codes ?? []).filter((c) => this.wardsByCode.has(c)));
    const previous = this.coverage;
    this.coverage = next;
    if (this.loaded) this.applyFlagDiff('uncovered', previous, next);
  }

  /** Draws every LAP outline of a set (lighter) and the edited one (activeLapId) on top, each with its name. */
  setLapOutlines(outlines: LapOutlineCollection | null, activeLapId: number | null): void {
    this.outlines = outlines?.features ?? [];
    this.activeLapId = activeLapId;
    if (this.loaded) this.applyOutlines();
  }

  /** Moves the camera to show these wards whole (nothing happens for an empty list). */
  fitWards(codes: readonly string[]): void {
    const boxes = codes.map((c) => this.wardBounds.get(c)).filter((b): b is Bounds => !!b);
    if (boxes.length === 0) return;
    const bounds: Bounds = [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ];
    // Extra room at the top for the editing toolbar and at the bottom left for the key; more beside any key.
    const pad = (preferred: number) => this.fitPadding(this.map.getContainer(), preferred);
    this.map.fitBounds(bounds, {
      padding: this.clearOfKeys({ top: pad(96), bottom: pad(56), left: pad(64), right: pad(64) }),
      maxZoom: 12,
      duration: prefersReducedMotion() ? 0 : 800,
      essential: false,
    });
  }

  /** Outlines the area being profiled (a LAP, a ward or a council) above every other line, or clears it (null). */
  setProfileArea(area: { geometry: GeoPolygon; name: string } | null): void {
    this.profileArea = area;
    if (this.loaded) this.applyProfileArea();
  }

  /**
   * Colours every listed ward (choropleth.ts: its colour, or null for no value, hatched), or goes back to the
   * normal map (null). Wards not listed are not coloured.
   */
  setChoropleth(fills: readonly ChoroplethFill[] | null): void {
    this.choropleth = fills;
    if (this.loaded) this.applyChoropleth();
  }

  /** Hears every map click that is not a LAP edit: the ward's code, or null for empty map. */
  onWardClick(listener: (code: string | null) => void): () => void {
    return listen(this.clickListeners, listener);
  }

  /** Hears the pointer move onto a ward (or between wards), or leave them (null). */
  onHover(listener: (hover: WardHover | null) => void): () => void {
    return listen(this.hoverListeners, listener);
  }

  /** While editing: hears wards clicked, or a box or lasso drawn around them (never an empty list). */
  onWardsPicked(listener: WardsPickedListener): () => void {
    return listen(this.pickListeners, listener);
  }

  /** Shows `content` in a popup at a ward (replacing any other). `onClose` runs when the user closes it. */
  showPopup(code: string, content: HTMLElement, onClose?: () => void): void {
    const at = this.labelPoints.get(code);
    if (!at) return;
    this.openPopup('ward', at, content, 'ward-popup', onClose);
  }

  /** Shows `content` in a popup at a place (replacing any other). `onClose` runs when it is closed or replaced. */
  showPlacePopup(at: [number, number], content: HTMLElement, onClose?: () => void): void {
    this.openPopup('place', at, content, 'ward-popup place-popup', onClose);
  }

  private openPopup(kind: PopupEntry['kind'], at: [number, number], content: HTMLElement, className: string, onClose?: () => void): void {
    const previous = this.popup;
    this.closePopup();
    // A popup of the other kind belongs to someone else: tell its owner it has gone.
    if (previous && previous.kind !== kind) previous.onClose?.();
    const popup = new Popup({ closeButton: true, closeOnClick: false, closeOnMove: false, maxWidth: '19rem', className, focusAfterOpen: false })
      .setLngLat(at)
      .setDOMContent(content);
    const entry: PopupEntry = { popup, kind, ...(onClose ? { onClose } : {}) };
    popup.on('close', () => {
      if (this.popup !== entry) return;
      this.popup = null;
      entry.onClose?.();
    });
    this.popup = entry;
    popup.addTo(this.map);
  }

  /** The places to draw (already filtered), clustered when zoomed out; null draws none. */
  setPlaces(places: FeatureCollection | null): void {
    if (places === this.places) return;
    this.places = places;
    if (this.loaded) this.applyPlaces();
  }

  /** Rings one place (by id), or none. */
  setSelectedPlace(placeId: number | null): void {
    if (placeId === this.selectedPlaceId) return;
    this.selectedPlaceId = placeId;
    if (this.loaded) this.map.setGlobalStateProperty('selectedPlaceId', placeId ?? -1);
  }

  /** Hears clicks on single places (not clusters: those zoom in). */
  onPlaceClick(listener: (placeId: number) => void): () => void {
    return listen(this.placeListeners, listener);
  }

  /** Moves the camera close to a point (a place), zooming in to at least `zoom` so it is out of any cluster. */
  flyToPoint(at: [number, number], zoom = PLACE_FLY_ZOOM): void {
    this.map.easeTo({
      center: at,
      zoom: Math.max(this.map.getZoom(), zoom),
      duration: prefersReducedMotion() ? 0 : 800,
      essential: false,
    });
  }

  /** Closes the popup, if any, without calling its onClose. */
  closePopup(): void {
    const entry = this.popup;
    this.popup = null;
    entry?.popup.remove();
  }

  /** Closes the popup if it is a place's (without calling its onClose); a ward's popup stays. */
  closePlacePopup(): void {
    if (this.popup?.kind === 'place') this.closePopup();
  }

  /** The element around the map (it holds the map and its overlays), for legends drawn by React portals. */
  overlayHost(): HTMLElement {
    return this.container.parentElement ?? this.container;
  }

  /** Call when the container changed size outside a window resize (maplibre also watches the container). */
  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.closePopup();
    this.clickListeners.clear();
    this.hoverListeners.clear();
    this.pickListeners.clear();
    this.placeListeners.clear();
    this.picker.destroy();
    if (window.__lapMap === this.hook) delete window.__lapMap;
    this.map.remove();
  }

  /**
   * Widens fit padding so an area fitted to the map is never under a map key (the legends over the map, marked
   * .map-legend or data-map-overlay): for each key, room on the side it sits on (left/right or top/bottom,
   * whichever leaves the larger map), kept small enough that fitBounds can still fit the area.
   */
  private clearOfKeys(padding: Padding): Padding {
    const container = this.map.getContainer();
    const box = container.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return padding;
    const out = { ...padding };
    const gap = 12;
    for (const el of this.overlayHost().querySelectorAll<HTMLElement>('.map-legend, [data-map-overlay]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const left = Math.max(0, r.left - box.left);
      const top = Math.max(0, r.top - box.top);
      const right = Math.max(0, box.right - r.right);
      const bottom = Math.max(0, box.bottom - r.bottom);
      const horizontal = left < right ? { side: 'left' as const, need: r.right - box.left + gap } : { side: 'right' as const, need: box.right - r.left + gap };
      const vertical = top < bottom ? { side: 'top' as const, need: r.bottom - box.top + gap } : { side: 'bottom' as const, need: box.bottom - r.top + gap };
      // Keep the larger free rectangle: (width - need) * height against width * (height - need).
      const pick = (box.width - horizontal.need) * box.height >= box.width * (box.height - vertical.need) ? horizontal : vertical;
      out[pick.side] = Math.max(out[pick.side], Math.round(pick.need));
    }
    // fitBounds gives up when the padding leaves no room: keep at least 30% of each side for the area.
    const squeeze = (a: 'left' | 'top', b: 'right' | 'bottom', size: number) => {
      const max = size * 0.7;
      const sum = out[a] + out[b];
      if (sum > max) {
        out[a] = Math.floor((out[a] * max) / sum);
        out[b] = Math.floor((out[b] * max) / sum);
      }
    };
    squeeze('left', 'right', box.width);
    squeeze('top', 'bottom', box.height);
    return out;
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

  private applyLapState(): void {
    this.map.setGlobalStateProperty('lapMode', this.lapMode);
    this.map.setGlobalStateProperty('memberColour', this.memberColour);
    this.applyFlagDiff('member', new Set(), this.members);
    this.applyFlagDiff('uncovered', new Set(), this.coverage);
    this.applyOutlines();
  }

  private applyFlagDiff(flag: 'member' | 'uncovered', previous: ReadonlySet<string>, next: ReadonlySet<string>): void {
    for (const code of previous) if (!next.has(code)) this.map.setFeatureState({ source: SOURCE.wards, id: code }, { [flag]: false });
    for (const code of next) if (!previous.has(code)) this.map.setFeatureState({ source: SOURCE.wards, id: code }, { [flag]: true });
  }

  private applyOutlines(): void {
    const outlines = this.map.getSource(LAP_SOURCE.outlines);
    const labels = this.map.getSource(LAP_SOURCE.labels);
    if (!outlines || !labels || !('setData' in outlines) || !('setData' in labels)) return;
    const features = this.outlines.filter((f) => f.geometry);
    // setData's promise only tells when the worker has the data (it never rejects: failures come as the map's 'error').
    void (outlines as GeoJSONSource).setData({ type: 'FeatureCollection', features: features as Feature[] });
    void (labels as GeoJSONSource).setData(lapLabelPoints(features, (code) => this.labelPoints.get(code)));
    this.map.setGlobalStateProperty('activeLapId', this.activeLapId ?? -1);
  }

  private applyPlaces(): void {
    const source = this.map.getSource(PLACE_SOURCE);
    if (!source || !('setData' in source)) return;
    void (source as GeoJSONSource).setData(this.places ?? NO_FEATURES);
    this.map.setGlobalStateProperty('selectedPlaceId', this.selectedPlaceId ?? -1);
  }

  private applyProfile(): void {
    this.applyChoropleth();
    this.applyProfileArea();
  }

  private applyChoropleth(): void {
    const source = this.map.getSource(CHORO_SOURCE.wards);
    if (!source || !('setData' in source)) return;
    void (source as GeoJSONSource).setData(choroplethFeatures(this.choropleth ?? [], this.wardsByCode));
  }

  private applyProfileArea(): void {
    const source = this.map.getSource(CHORO_SOURCE.area);
    if (!source || !('setData' in source)) return;
    void (source as GeoJSONSource).setData(areaFeatures(this.profileArea));
  }

  private updateCursor(): void {
    const canvas = this.map.getCanvas();
    if (this.placeHover && !this.editing) canvas.style.cursor = 'pointer';
    else if (this.hoveredCode) canvas.style.cursor = 'pointer';
    else canvas.style.cursor = this.editing && this.tool !== 'select' ? 'crosshair' : '';
  }

  private onMouseDown(event: MapMouseEvent): void {
    if (!this.editing) return;
    const original = event.originalEvent;
    if (original.button !== 0) return;
    const kind = original.shiftKey ? 'box' : this.tool === 'select' ? null : this.tool;
    if (!kind) return;
    // Stops maplibre's drag-pan for this gesture; maplibre still suppresses the click after a real drag.
    event.preventDefault();
    this.picker.start(kind, original);
  }

  private onPickShape(shape: PickShape): void {
    let codes: string[];
    if (shape.kind === 'box') {
      const [a, b] = [shape.from, shape.to];
      const features = this.map.queryRenderedFeatures(
        [
          [Math.min(a[0], b[0]), Math.min(a[1], b[1])],
          [Math.max(a[0], b[0]), Math.max(a[1], b[1])],
        ],
        { layers: [LAYER.wardFill] },
      );
      codes = features.map((f) => f.properties?.code).filter((c): c is string => typeof c === 'string');
    } else {
      codes = [];
      for (const [code, lonLat] of this.labelPoints) {
        const p = this.map.project(lonLat);
        if (pointInRing([p.x, p.y], shape.points)) codes.push(code);
      }
    }
    const unique = [...new Set(codes)].filter((c) => this.wardsByCode.has(c));
    if (unique.length) for (const listener of this.pickListeners) listener(unique, 'add', shape.kind);
  }

  private setHovered(hover: WardHover | null): void {
    const code = hover?.code ?? null;
    if (code !== this.hoveredCode) {
      if (this.hoveredCode) this.map.setFeatureState({ source: SOURCE.wards, id: this.hoveredCode }, { hover: false });
      if (code) this.map.setFeatureState({ source: SOURCE.wards, id: code }, { hover: true });
      this.hoveredCode = code;
      this.updateCursor();
    }
    for (const listener of this.hoverListeners) listener(hover);
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

  /** A cluster or a single place under the pointer (a few pixels of slack), if places are drawn. */
  private placeAt(point: { x: number; y: number }): { kind: 'cluster'; clusterId: number; at: [number, number] } | { kind: 'place'; id: number } | null {
    if (!this.places || this.places.features.length === 0) return null;
    const slack = 3;
    const hits = this.map.queryRenderedFeatures(
      [
        [point.x - slack, point.y - slack],
        [point.x + slack, point.y + slack],
      ],
      { layers: [...PLACE_HIT_LAYERS] },
    );
    // Single places are drawn over clusters: prefer them.
    const place = hits.find((f) => f.layer.id === PLACE_LAYER.points);
    if (place && typeof place.properties?.id === 'number') return { kind: 'place', id: place.properties.id };
    const cluster = hits.find((f) => f.layer.id === PLACE_LAYER.clusters);
    if (cluster && cluster.geometry.type === 'Point' && typeof cluster.properties?.cluster_id === 'number') {
      return { kind: 'cluster', clusterId: cluster.properties.cluster_id, at: cluster.geometry.coordinates as [number, number] };
    }
    return null;
  }

  private zoomIntoCluster(clusterId: number, at: [number, number]): void {
    const source = this.map.getSource<GeoJSONSource>(PLACE_SOURCE);
    if (!source) return;
    source
      .getClusterExpansionZoom(clusterId)
      .then((zoom) => {
        this.map.easeTo({ center: at, zoom: Math.min(zoom + 0.25, this.map.getMaxZoom()), duration: prefersReducedMotion() ? 0 : 500 });
      })
      .catch(() => {
        // The data changed meanwhile (the cluster is gone): nothing to zoom into.
      });
  }

  private onClick(event: MapMouseEvent): void {
    if (this.picker.justDragged()) return;
    if (!this.editing) {
      const place = this.placeAt(event.point);
      if (place?.kind === 'cluster') return this.zoomIntoCluster(place.clusterId, place.at);
      if (place?.kind === 'place') {
        for (const listener of this.placeListeners) listener(place.id);
        return;
      }
    }
    const feature = this.map.queryRenderedFeatures(event.point, { layers: [LAYER.wardFill] })[0];
    const code = feature?.properties?.code;
    if (this.editing) {
      if (typeof code === 'string') for (const listener of this.pickListeners) listener([code], 'toggle', 'click');
      return;
    }
    for (const listener of this.clickListeners) listener(typeof code === 'string' ? code : null);
  }
}
