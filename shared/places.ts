/**
 * Places (issue: Assets and access): GP surgeries, pharmacies, family hubs, food banks and other community assets
 * that a coordinator imports, shows on the map, counts per LAP and measures straight-line distance to.
 *
 * Pure TypeScript: the categories (with their forgiving aliases, colours and map symbols) and the domain types that
 * the backend (backend/places), the renderer, the report and the CLI share.
 */
import type { AuthorityCode } from './domain.ts';
import { normaliseName } from './names.ts';

export const PLACE_CATEGORY_IDS = [
  'gp',
  'pharmacy',
  'family-hub',
  'food-bank',
  'warm-space',
  'youth-club',
  'job-centre',
  'community-venue',
] as const;
export type PlaceCategoryId = (typeof PLACE_CATEGORY_IDS)[number];

export interface PlaceCategory {
  id: PlaceCategoryId;
  /** Singular, sentence case: "GP surgery". */
  label: string;
  /** Plural, sentence case: "GP surgeries". */
  plural: string;
  /** Marker colour (Okabe-Ito based, told apart by colour-blind readers together with the symbol). */
  colour: string;
  /** One letter drawn on the marker, so the category does not rely on colour alone. */
  symbol: string;
  /** Other names people use in their lists; matched forgivingly (case, punctuation, plurals). */
  aliases: string[];
}

export const PLACE_CATEGORIES: readonly PlaceCategory[] = [
  {
    id: 'gp',
    label: 'GP surgery',
    plural: 'GP surgeries',
    colour: '#0072b2',
    symbol: 'G',
    aliases: ['gp', 'gps', 'gp surgery', 'gp practice', 'general practice', 'doctors surgery', 'doctors', 'surgery', 'medical centre', 'health centre'],
  },
  { id: 'pharmacy', label: 'Pharmacy', plural: 'Pharmacies', colour: '#009e73', symbol: 'P', aliases: ['pharmacy', 'pharmacies', 'chemist', 'community pharmacy'] },
  {
    id: 'family-hub',
    label: 'Family hub',
    plural: 'Family hubs',
    colour: '#cc79a7',
    symbol: 'F',
    aliases: ['family hub', 'family hubs', 'childrens centre', "children's centre", 'family centre'],
  },
  { id: 'food-bank', label: 'Food bank', plural: 'Food banks', colour: '#d55e00', symbol: 'B', aliases: ['food bank', 'foodbank', 'food pantry', 'community pantry', 'community fridge'] },
  { id: 'warm-space', label: 'Warm space', plural: 'Warm spaces', colour: '#e69f00', symbol: 'W', aliases: ['warm space', 'warm welcoming space', 'warm hub', 'warm bank', 'welcoming space'] },
  { id: 'youth-club', label: 'Youth club', plural: 'Youth clubs', colour: '#56b4e9', symbol: 'Y', aliases: ['youth club', 'youth centre', 'youth project', 'youth provision'] },
  { id: 'job-centre', label: 'Job centre', plural: 'Job centres', colour: '#6a3d9a', symbol: 'J', aliases: ['job centre', 'jobcentre', 'jobcentre plus', 'job centre plus'] },
  {
    id: 'community-venue',
    label: 'Community venue',
    plural: 'Community venues',
    colour: '#8c6d31',
    symbol: 'C',
    aliases: ['community venue', 'community centre', 'community hall', 'village hall', 'church hall', 'community space'],
  },
];

const BY_ID = new Map<string, PlaceCategory>(PLACE_CATEGORIES.map((c) => [c.id, c]));

export function placeCategory(id: PlaceCategoryId): PlaceCategory {
  return BY_ID.get(id)!;
}

const ALIAS_INDEX: Map<string, PlaceCategoryId> = (() => {
  const m = new Map<string, PlaceCategoryId>();
  for (const c of PLACE_CATEGORIES) {
    for (const a of [c.id, c.label, c.plural, ...c.aliases]) m.set(aliasKey(a), c.id);
  }
  return m;
})();

function aliasKey(text: string): string {
  return normaliseName(text.replace(/['\u2019]/g, '').replace(/-/g, ' ')).replace(/s$/, '');
}

/** "GP Practice", "gp", "Foodbank", "Warm Welcoming Spaces" -> the category; null when it is none of them. */
export function matchPlaceCategory(text: string): PlaceCategoryId | null {
  const key = aliasKey(text);
  if (key === '') return null;
  return ALIAS_INDEX.get(key) ?? null;
}

/** Plain list for messages: "GP surgery, pharmacy, family hub, ...". */
export function categoryListText(): string {
  return PLACE_CATEGORIES.map((c) => c.label.toLowerCase().replace(/^gp/, 'GP')).join(', ');
}

/** How a place belongs to a LAP: it lies inside one of its wards, it was attached by hand ("serves N4"), or both. */
export type PlaceLink = 'location' | 'attached' | 'both';

export interface PlaceLapRef {
  id: number;
  name: string;
  setId: number;
  setName: string;
  how: PlaceLink;
}

/** What a list says about one place, once read and converted: shared by the parser, the store and the contract. */
export interface PlaceFields {
  name: string;
  category: PlaceCategoryId;
  /** WGS84. */
  lon: number;
  lat: number;
  /** British National Grid (EPSG:27700), metres, rounded to 1 m. */
  easting: number;
  northing: number;
  /** Free text from the file ('' when none). */
  address: string;
  postcode: string;
  /** The list's own code for it, e.g. an ODS practice code ('' when none). */
  ref: string;
}

export interface Place extends PlaceFields {
  id: number;
  /** The imported list it came from. */
  listId: number;
  /** The ward it lies in; null when it lies outside the two councils (kept: it still counts for distances). */
  ward: { code: string; name: string; authorityCode: AuthorityCode } | null;
  /** LAPs it belongs to, in every set: by location and/or attached by hand. */
  laps: PlaceLapRef[];
}

/** One imported list of places (a file), e.g. "GP practices (NHS ODS, Nov 2026)". */
export interface PlaceList {
  id: number;
  name: string;
  fileName: string;
  sha256: string;
  importedAt: string;
  count: number;
  /** Places in the list that lie outside the two councils (within the bounding area). */
  outside: number;
  byCategory: Partial<Record<PlaceCategoryId, number>>;
  /** The built-in list (NHS ODS GP practices and pharmacies, shipped with the app; read-only; deleting it hides it). */
  builtin?: boolean;
  /** Source and licence attribution to show wherever the list's places appear. */
  attribution?: string;
}

/** Compact map data: one Point feature per place. */
export interface PlaceFeature {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: number; name: string; category: PlaceCategoryId; ward: string | null };
}
export interface PlaceFeatureCollection {
  type: 'FeatureCollection';
  features: PlaceFeature[];
}

/**
 * Where a ward's distances are measured from. 'population-weighted': the population-weighted mean of its LSOAs'
 * population-weighted centroids (ONS PWCs, imported by the user) weighted by Census 2021 usual residents;
 * 'geometric': the centre of the ward's shape (used while no centroids are loaded, and said so).
 */
export type CentreMethod = 'population-weighted' | 'geometric';

export interface CentresInfo {
  method: CentreMethod;
  /** LSOAs with an imported population-weighted centroid, of those the wards need. */
  lsoasWithCentre: number;
  lsoasNeeded: number;
  /** The imported centroid file, when there is one. */
  fileName: string | null;
  importedAt: string | null;
  /** Plain English, fit for the screen and the PDF. */
  description: string;
}

export interface NearestPlace {
  /** Straight-line distance in kilometres (2 decimals). */
  km: number;
  placeId: number;
  placeName: string;
}

export interface WardAccess {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  population: number | null;
  /** The point distances are measured from (WGS84). */
  centre: { lon: number; lat: number };
  method: CentreMethod;
  /** Nearest place of each category (categories with no place loaded are absent). */
  nearest: Partial<Record<PlaceCategoryId, NearestPlace | null>>;
}

export interface AreaPlaceCount {
  category: PlaceCategoryId;
  /** Places lying inside the area's wards. */
  inside: number;
  /** Places outside the area attached to it by hand (LAPs only). */
  attachedOutside: number;
  total: number;
  /** Per 10,000 residents, when the population is known. */
  per10k: number | null;
}

/** Places and access for a LAP, a ward, a council or a selection: what the profile, the PDF and the exports show. */
export interface AreaPlaces {
  area: { name: string; kind: 'lap' | 'ward' | 'council' | 'selection'; lapId: number | null; population: number | null };
  /** False when no places are loaded at all: the screen shows how to import a list. */
  hasPlaces: boolean;
  /** Categories with at least one place loaded anywhere, in PLACE_CATEGORIES order. */
  categories: PlaceCategoryId[];
  counts: AreaPlaceCount[];
  /** The area's places (inside or attached), sorted by category then name, each saying how it belongs. */
  places: (Place & { how: PlaceLink })[];
  centres: CentresInfo;
  /** One row per member ward. */
  wards: WardAccess[];
  /** Population-weighted mean of the member wards' distances, per category (km). */
  areaAverage: Partial<Record<PlaceCategoryId, number | null>>;
  /** The same over all wards of each council, for comparison (own council first). */
  councils: { code: AuthorityCode; name: string; average: Partial<Record<PlaceCategoryId, number | null>> }[];
  /** "Straight-line distance ... not travel time" and how the averages are made, in plain English. */
  note: string;
}
