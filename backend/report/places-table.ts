/**
 * Places and access as flat tables, shared by the PDF, the CSV and the XLSX exports: the list of an area's places
 * (one row per place, the `places-csv` export) and the rows the profile CSV gains after its indicators (per category,
 * the count inside the area and the straight-line distance to the nearest place, with the council averages).
 */
import type { AuthorityCode } from '../../shared/domain.ts';
import { PLACE_CATEGORIES, placeCategory, type AreaPlaces, type Place, type PlaceCategoryId, type PlaceLink } from '../../shared/places.ts';
import { BENCHMARK_NAMES, roundNumber, type Cell, type Column } from './table.ts';
import { COUNCIL_KEYS } from './format.ts';

/** Said wherever a distance is shown, in case the backend's own note is missing. */
export const STRAIGHT_LINE_NOTE =
  'Straight-line distance ("as the crow flies") from the centre of each ward to the nearest place of each kind. It is not travel time: roads, rivers, buses and opening hours are not taken into account.';

/** "GP surgery", "pharmacy", "family hub" (for the middle of a sentence). */
export function categoryInSentence(id: PlaceCategoryId, plural = false): string {
  const c = placeCategory(id);
  const text = plural ? c.plural : c.label;
  return text.replace(/^GP/, '\u0000').toLowerCase().replace('\u0000', 'GP');
}

/** How a place belongs to the area, in words. */
export function howText(how: PlaceLink): string {
  return how === 'location' ? 'inside the area' : how === 'attached' ? 'attached' : 'inside the area and attached';
}

export function councilName(code: string | null | undefined): string {
  const key = code ? COUNCIL_KEYS[code as AuthorityCode] : undefined;
  return key ? BENCHMARK_NAMES[key] : '';
}

/** The backend's note (or ours when it has none), with the ward centres used, each said once. */
export function accessNote(places: AreaPlaces): string {
  const note = places.note.trim() || STRAIGHT_LINE_NOTE;
  const centres = places.centres.description.trim();
  return centres && !note.includes(centres) ? `${note} ${centres}` : note;
}

/** The categories the tables show: those with a place loaded anywhere, in the usual order. */
export function shownCategories(places: AreaPlaces): PlaceCategoryId[] {
  const loaded = new Set(places.categories);
  return PLACE_CATEGORIES.map((c) => c.id).filter((id) => loaded.has(id));
}

// ---- the list of places (places-csv, the XLSX "Places" sheet) ----

export const PLACE_COLUMNS: Column[] = [
  { key: 'area', header: 'Area', width: 18 },
  { key: 'name', header: 'Name', width: 40 },
  { key: 'category', header: 'Category', width: 18 },
  { key: 'address', header: 'Address', width: 44 },
  { key: 'postcode', header: 'Postcode', width: 10 },
  { key: 'ref', header: 'Ref', width: 10 },
  { key: 'ward', header: 'Ward', width: 24 },
  { key: 'council', header: 'Council', width: 24 },
  { key: 'how', header: 'How', width: 24 },
  { key: 'longitude', header: 'Longitude', numFmt: '0.000000', width: 11 },
  { key: 'latitude', header: 'Latitude', numFmt: '0.000000', width: 11 },
  { key: 'easting', header: 'Easting', numFmt: '0', width: 9 },
  { key: 'northing', header: 'Northing', numFmt: '0', width: 9 },
];

export function placeRow(areaName: string, p: Place & { how: PlaceLink }): Record<string, Cell> {
  return {
    area: areaName,
    name: p.name,
    category: placeCategory(p.category)?.label ?? p.category,
    address: p.address,
    postcode: p.postcode,
    ref: p.ref,
    ward: p.ward?.name ?? '',
    council: p.ward ? councilName(p.ward.authorityCode) : 'Outside the two councils',
    how: howText(p.how),
    longitude: roundNumber(p.lon, 6),
    latitude: roundNumber(p.lat, 6),
    easting: roundNumber(p.easting, 0),
    northing: roundNumber(p.northing, 0),
  };
}

/** The area's places (inside or attached), optionally only some categories, in the backend's order. */
export function placeListRows(places: AreaPlaces, categories?: readonly PlaceCategoryId[]): Record<string, Cell>[] {
  const only = categories && categories.length ? new Set(categories) : null;
  return places.places.filter((p) => !only || only.has(p.category)).map((p) => placeRow(places.area.name, p));
}

/** "places", or "GP practices" for a practice list (categories exactly ['gp']). */
export function placesFileWord(categories?: readonly PlaceCategoryId[]): string {
  return categories && categories.length === 1 && categories[0] === 'gp' ? 'GP practices' : 'places';
}

// ---- the rows the profile CSV gains (keyed by table.ts COLUMNS) ----

const PLACES_SOURCE = 'Places lists imported into LAP Insight';

/** Per category: the count inside the area, then the straight-line distance (area average, council averages). */
export function placesProfileRows(places: AreaPlaces): Record<string, Cell>[] {
  const rows: Record<string, Cell>[] = [];
  const byCouncil = new Map(places.councils.map((c) => [COUNCIL_KEYS[c.code], c.average]));
  const note = accessNote(places);
  for (const id of shownCategories(places)) {
    const c = placeCategory(id);
    const count = places.counts.find((x) => x.category === id);
    const attached = count?.attachedOutside ?? 0;
    const common = {
      ambitionNumber: null,
      ambition: 'Places and access',
      period: null,
      estimate: 'no',
      wardsWithValue: null,
      wardsInArea: places.wards.length,
      level: 'imported places',
      comparedWith: null,
      comparison: null,
      comparisonWest: null,
      comparisonNorth: null,
      comparisonEngland: null,
      benchmarkNotes: null,
      source: PLACES_SOURCE,
      publisher: null,
      licence: null,
      england: null,
    };
    rows.push({
      ...common,
      id: `places_${id}_inside`,
      name: `Places: ${c.plural} inside the area (count)`,
      unit: 'count',
      value: count?.inside ?? 0,
      count: count?.inside ?? 0,
      denominator: null,
      lower95: null,
      upper95: null,
      lower998: null,
      upper998: null,
      west: null,
      north: null,
      method: 'count',
      note: attached ? `${attached} more attached to the area from outside it (total ${count?.total ?? attached})` : null,
    });
    rows.push({
      ...common,
      id: `places_${id}_distance_km`,
      name: `Straight-line distance to the nearest ${categoryInSentence(id)} (km; not travel time)`,
      unit: 'km (straight line)',
      value: roundNumber(places.areaAverage[id] ?? null, 2),
      count: null,
      denominator: null,
      lower95: null,
      upper95: null,
      lower998: null,
      upper998: null,
      west: roundNumber(byCouncil.get('west')?.[id] ?? null, 2),
      north: roundNumber(byCouncil.get('north')?.[id] ?? null, 2),
      method: `population-weighted mean over the wards (from ${places.centres.method === 'population-weighted' ? 'population-weighted' : 'geometric'} ward centres)`,
      note,
    });
  }
  return rows;
}
