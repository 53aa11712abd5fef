/**
 * The places the coordinator imported (issue: Assets and access), as the renderer sees them: the imported lists
 * (places.lists), every place as a map point (places.map), every place with its details (places.list: address,
 * ward, LAPs; loaded when first needed), where distances are measured from (places.centres), and what the user
 * chose to see: which categories, whether places are on the map at all, the search text, and the place whose
 * popup is open.
 *
 * The map binding (mapBinding.ts) draws from here; the Places tab and the profile's "Places and access" read
 * from here. Changes (import, delete, attach, detach, centres) go through actions.ts, which calls `changed()` or
 * `applyPlace()`; `revision` moves on every change so views that depend on places (the profile) load again.
 */
import { create } from 'zustand';
import { PLACE_CATEGORY_IDS, type CentresInfo, type Place, type PlaceCategoryId, type PlaceFeature, type PlaceFeatureCollection, type PlaceList } from '../../../shared/places.ts';
import { send } from '../api.ts';
import { readPref, writePref } from '../prefs.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';

/** A request to show a place: open its popup and (when `fly`) move the map to it. `seq` changes every time. */
export interface PlaceFocus {
  placeId: number;
  fly: boolean;
  seq: number;
}

export interface PlacesState {
  status: LoadStatus;
  error: string | null;
  lists: PlaceList[];
  map: PlaceFeatureCollection | null;
  centres: CentresInfo | null;

  /** Every place with its details, by id (null until loaded). */
  details: ReadonlyMap<number, Place> | null;
  detailsStatus: LoadStatus;
  detailsError: string | null;

  /** Categories the user unticked (remembered between sessions). */
  hidden: ReadonlySet<PlaceCategoryId>;
  /** "Show places on the map" (remembered). */
  showOnMap: boolean;
  /** The search text of the place list. */
  query: string;
  /** The place whose popup is open (and which is ringed on the map). */
  focus: PlaceFocus | null;
  /** Moves on every change to places, attachments or centres. */
  revision: number;

  /** Loads the lists, the map points and the centres (and the details again, if they were loaded). */
  load(): Promise<void>;
  /** Loads every place's details, once (or again with force). */
  ensureDetails(force?: boolean): Promise<void>;
  setCategoryShown(category: PlaceCategoryId, shown: boolean): void;
  showAllCategories(): void;
  setShowOnMap(on: boolean): void;
  setQuery(query: string): void;
  /** Opens a place's popup; `fly` also moves the map to it (from the list). */
  openPlace(placeId: number, options?: { fly?: boolean }): void;
  closePlace(): void;
  /** A place as the backend now has it (after attach or detach). */
  applyPlace(place: Place): void;
  /** Something changed in the backend (import, delete, centres): load again and move `revision` on. */
  changed(): Promise<void>;
}

function readHidden(): Set<PlaceCategoryId> {
  const raw = readPref('placesHidden') ?? '';
  return new Set(raw.split(',').filter((c): c is PlaceCategoryId => (PLACE_CATEGORY_IDS as readonly string[]).includes(c)));
}

function writeHidden(hidden: ReadonlySet<PlaceCategoryId>): void {
  writePref('placesHidden', hidden.size ? [...hidden].join(',') : null);
}

let loadSeq = 0;
let detailsSeq = 0;
/** Never reused, so every request to show a place is seen as new (even after the previous one was closed). */
let focusSeq = 0;

export const usePlacesStore = create<PlacesState>()((set, get) => ({
  status: 'idle',
  error: null,
  lists: [],
  map: null,
  centres: null,
  details: null,
  detailsStatus: 'idle',
  detailsError: null,
  hidden: readHidden(),
  showOnMap: readPref('placesOnMap') !== 'false',
  query: '',
  focus: null,
  revision: 0,

  async load() {
    const seq = ++loadSeq;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const [lists, map, centres] = await Promise.all([send('places.lists', {}), send('places.map', {}), send('places.centres', {})]);
      if (seq !== loadSeq) return;
      set({ status: 'ready', error: null, lists, map, centres });
      const focus = get().focus;
      if (focus && !map.features.some((f) => f.id === focus.placeId)) set({ focus: null });
    } catch (err) {
      if (seq !== loadSeq) return;
      // A failed refresh keeps what is shown.
      if (get().status !== 'ready') set({ status: 'error', error: describeError(err) });
      return;
    }
    if (get().detailsStatus !== 'idle') await get().ensureDetails(true);
  },

  async ensureDetails(force = false) {
    const status = get().detailsStatus;
    if (!force && (status === 'ready' || status === 'loading')) return;
    const seq = ++detailsSeq;
    if (get().details === null) set({ detailsStatus: 'loading', detailsError: null });
    try {
      const places = await send('places.list', {});
      if (seq !== detailsSeq) return;
      set({ details: new Map(places.map((p) => [p.id, p])), detailsStatus: 'ready', detailsError: null });
    } catch (err) {
      if (seq !== detailsSeq) return;
      set(get().details ? { detailsStatus: 'ready' } : { detailsStatus: 'error', detailsError: describeError(err) });
    }
  },

  setCategoryShown(category, shown) {
    const hidden = new Set(get().hidden);
    if (shown) hidden.delete(category);
    else hidden.add(category);
    writeHidden(hidden);
    const focus = get().focus;
    const focusHidden = focus && !shown && placeFeature(get().map, focus.placeId)?.properties.category === category;
    set({ hidden, ...(focusHidden ? { focus: null } : {}) });
  },

  showAllCategories() {
    writeHidden(new Set());
    set({ hidden: new Set() });
  },

  setShowOnMap(on) {
    writePref('placesOnMap', on ? null : 'false');
    set({ showOnMap: on, ...(on ? {} : { focus: null }) });
  },

  setQuery(query) {
    set({ query });
  },

  openPlace(placeId, options) {
    const feature = placeFeature(get().map, placeId);
    if (!feature) return;
    // Showing one place on the map means showing places (and its category) at all.
    const hidden = get().hidden;
    if (hidden.has(feature.properties.category)) {
      const next = new Set(hidden);
      next.delete(feature.properties.category);
      writeHidden(next);
      set({ hidden: next });
    }
    if (!get().showOnMap) get().setShowOnMap(true);
    set({ focus: { placeId, fly: options?.fly ?? false, seq: ++focusSeq } });
    void get().ensureDetails();
  },

  closePlace() {
    if (get().focus) set({ focus: null });
  },

  applyPlace(place) {
    const details = get().details;
    if (details) {
      const next = new Map(details);
      next.set(place.id, place);
      set({ details: next });
    }
    set({ revision: get().revision + 1 });
  },

  async changed() {
    set({ revision: get().revision + 1 });
    await get().load();
  },
}));

const indexCache = new WeakMap<PlaceFeatureCollection, Map<number, PlaceFeature>>();

/** A place's map point by id (indexed once per answer of places.map). */
export function placeFeature(map: PlaceFeatureCollection | null, placeId: number): PlaceFeature | undefined {
  if (!map) return undefined;
  let index = indexCache.get(map);
  if (!index) {
    index = new Map(map.features.map((f) => [f.id, f]));
    indexCache.set(map, index);
  }
  return index.get(placeId);
}

const countCache = new WeakMap<PlaceFeatureCollection, Partial<Record<PlaceCategoryId, number>>>();

/** How many places of each category are loaded (all lists together). */
export function categoryCounts(map: PlaceFeatureCollection | null): Partial<Record<PlaceCategoryId, number>> {
  if (!map) return {};
  let counts = countCache.get(map);
  if (!counts) {
    counts = {};
    for (const f of map.features) counts[f.properties.category] = (counts[f.properties.category] ?? 0) + 1;
    countCache.set(map, counts);
  }
  return counts;
}

/** True once at least one place is loaded. */
export function hasPlaces(s: Pick<PlacesState, 'map'>): boolean {
  return (s.map?.features.length ?? 0) > 0;
}
