/**
 * places.forArea: the places of a LAP, ward, council or selection, and straight-line access to each category.
 *
 *   counts     per category: places lying inside the area's wards, places attached to the LAP by hand that lie
 *              outside it, their total, and the total per 10,000 residents (Census 2021 usual residents);
 *   places     the area's places (inside or attached), each saying how it belongs;
 *   wards      for each member ward, the nearest place of each category: the straight-line (Euclidean) distance in
 *              British National Grid metres from the ward's centre (centres.ts), in km to 2 decimals. Every loaded
 *              place counts, including those just over the county border;
 *   averages   the population-weighted mean of the member wards' distances (area), and the same over every ward of
 *              each council (own council first). Means are taken of the unrounded distances, then rounded.
 *
 * The area is resolved exactly as the profile resolves it (profile/area.ts resolveArea).
 */
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import { PLACE_CATEGORY_IDS, type AreaPlaceCount, type AreaPlaces, type NearestPlace, type PlaceCategoryId, type WardAccess } from '../../shared/places.ts';
import type { ServiceContext } from '../context.ts';
import { wardPopulations } from '../data/population.ts';
import { resolveArea } from '../profile/area.ts';
import type { ProfileData } from '../profile/data.ts';
import { centresInfo, wardCentres, type WardCentre } from './centres.ts';
import { PLACE_SELECT, comparePlaces, linkOf, toPlaces, type PlaceRow } from './store.ts';

// ---------------------------------------------------------------------------------------------------------------
// Pure maths

export interface GridPoint {
  easting: number;
  northing: number;
}

/** Metres to kilometres, rounded to 2 decimals (10 m). */
export function toKm(metres: number): number {
  return Math.round(metres / 10) / 100;
}

/** Straight-line distance in metres between two British National Grid points. */
export function straightLine(a: GridPoint, b: GridPoint): number {
  return Math.hypot(b.easting - a.easting, b.northing - a.northing);
}

/** The nearest of `places` to `from` (the first of equals, in the order given), or null when there are none. */
export function nearestTo<T extends GridPoint>(from: GridPoint, places: readonly T[]): { place: T; metres: number } | null {
  let best: T | null = null;
  let bestD2 = Infinity;
  for (const p of places) {
    const de = p.easting - from.easting;
    const dn = p.northing - from.northing;
    const d2 = de * de + dn * dn;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = p;
    }
  }
  return best ? { place: best, metres: Math.sqrt(bestD2) } : null;
}

/**
 * Mean of `value`, weighted by `weight`. Items without a value are left out. When any remaining item has no weight
 * (population unknown) or the weights add up to 0, the plain mean is returned and `weighted` is false.
 */
export function weightedMean(items: readonly { value: number | null; weight: number | null }[]): { mean: number | null; weighted: boolean } {
  const have = items.filter((i): i is { value: number; weight: number | null } => i.value !== null && Number.isFinite(i.value));
  if (have.length === 0) return { mean: null, weighted: true };
  const total = have.reduce((s, i) => s + (i.weight ?? 0), 0);
  if (have.some((i) => i.weight === null || !(i.weight >= 0)) || !(total > 0)) {
    return { mean: have.reduce((s, i) => s + i.value, 0) / have.length, weighted: false };
  }
  return { mean: have.reduce((s, i) => s + i.value * i.weight!, 0) / total, weighted: true };
}

// ---------------------------------------------------------------------------------------------------------------
// For an area

interface SlimPlace extends GridPoint {
  id: number;
  name: string;
}

/** Every place of each category, in id order (so ties go to the place imported first). */
function placesByCategory(ctx: ServiceContext): Map<PlaceCategoryId, SlimPlace[]> {
  const rows = ctx.db.prepare(`SELECT id, name, category, easting, northing FROM place ORDER BY id`).all() as (SlimPlace & { category: PlaceCategoryId })[];
  const out = new Map<PlaceCategoryId, SlimPlace[]>();
  for (const id of PLACE_CATEGORY_IDS) out.set(id, []);
  for (const r of rows) out.get(r.category)?.push({ id: r.id, name: r.name, easting: r.easting, northing: r.northing });
  for (const id of PLACE_CATEGORY_IDS) if (out.get(id)!.length === 0) out.delete(id);
  return out;
}

type Nearest = { place: SlimPlace; metres: number };

/** Nearest place of each loaded category from each ward's centre. */
export function nearestByWard(centres: ReadonlyMap<string, WardCentre>, byCategory: ReadonlyMap<PlaceCategoryId, SlimPlace[]>): Map<string, Map<PlaceCategoryId, Nearest>> {
  const out = new Map<string, Map<PlaceCategoryId, Nearest>>();
  for (const [code, c] of centres) {
    const m = new Map<PlaceCategoryId, Nearest>();
    for (const [cat, list] of byCategory) {
      const n = nearestTo(c, list);
      if (n) m.set(cat, n);
    }
    out.set(code, m);
  }
  return out;
}

function averages(
  codes: readonly string[],
  categories: readonly PlaceCategoryId[],
  nearest: ReadonlyMap<string, Map<PlaceCategoryId, Nearest>>,
  pops: ReadonlyMap<string, number> | null,
): { average: Partial<Record<PlaceCategoryId, number | null>>; weighted: boolean } {
  const average: Partial<Record<PlaceCategoryId, number | null>> = {};
  let weighted = true;
  for (const cat of categories) {
    const r = weightedMean(codes.map((code) => ({ value: nearest.get(code)?.get(cat)?.metres ?? null, weight: pops?.get(code) ?? null })));
    if (!r.weighted) weighted = false;
    average[cat] = r.mean === null ? null : toKm(r.mean);
  }
  return { average, weighted };
}

export const DISTANCE_NOTE =
  "Straight-line distance ('as the crow flies') from each ward's centre to the nearest place of each kind in the imported lists. " +
  'It is not travel time or road distance: a river, a railway or a missing bus route can make a place much harder to reach than it looks. ' +
  'Places just outside the two councils count too, because the nearest one may be over the border.';

export function placesForArea(ctx: ServiceContext, data: ProfileData, arg: ProfileAreaArg): AreaPlaces {
  const { db } = ctx;
  data.refresh();
  const resolved = resolveArea(data, arg);
  const memberCodes = resolved.members.map((m) => m.code);
  const members = new Set(memberCodes);
  const lapId = resolved.area.lapId;
  const byCategory = placesByCategory(ctx);
  const categories = PLACE_CATEGORY_IDS.filter((c) => byCategory.has(c));
  const hasPlaces = categories.length > 0;
  const pops = wardPopulations(ctx);
  const population = resolved.area.population;

  // The area's places: inside its wards, and (LAPs) attached by hand.
  const insideRows = db.prepare(`${PLACE_SELECT} WHERE p.ward_code IN (SELECT value FROM json_each(?))`).all(JSON.stringify(memberCodes)) as PlaceRow[];
  const attachedRows =
    lapId === null ? [] : (db.prepare(`${PLACE_SELECT} WHERE p.id IN (SELECT place_id FROM place_lap WHERE lap_id = ?)`).all(lapId) as PlaceRow[]);
  const attachedIds = new Set(attachedRows.map((r) => r.id));
  const rows = new Map<number, PlaceRow>();
  for (const r of [...insideRows, ...attachedRows]) rows.set(r.id, r);
  const places = toPlaces(db, [...rows.values()])
    .map((p) => ({ ...p, how: linkOf(p.ward !== null && members.has(p.ward.code), attachedIds.has(p.id)) }))
    .sort(comparePlaces);

  const counts: AreaPlaceCount[] = categories.map((category) => {
    const inCat = places.filter((p) => p.category === category);
    const inside = inCat.filter((p) => p.how !== 'attached').length;
    const attachedOutside = inCat.filter((p) => p.how === 'attached').length;
    const total = inside + attachedOutside;
    return { category, inside, attachedOutside, total, per10k: population && population > 0 ? Math.round((total / population) * 10000 * 100) / 100 : null };
  });

  // Distances from every ward's centre (all 57, for the council averages).
  const centres = wardCentres(ctx);
  const nearest = nearestByWard(centres, byCategory);
  const wards: WardAccess[] = resolved.area.wards.map((w) => {
    const c = centres.get(w.code);
    const near: Partial<Record<PlaceCategoryId, NearestPlace | null>> = {};
    for (const cat of categories) {
      const n = nearest.get(w.code)?.get(cat);
      near[cat] = n ? { km: toKm(n.metres), placeId: n.place.id, placeName: n.place.name } : null;
    }
    return {
      code: w.code,
      name: w.name,
      authorityCode: w.authorityCode,
      population: pops?.get(w.code) ?? null,
      centre: c ? { lon: Math.round(c.lon * 1e6) / 1e6, lat: Math.round(c.lat * 1e6) / 1e6 } : { lon: 0, lat: 0 },
      method: c?.method ?? 'geometric',
      nearest: near,
    };
  });

  const area = averages(memberCodes, categories, nearest, pops);
  const own = resolved.ownCouncil.code;
  const councilList = [...data.councils().values()].sort((a, b) => (a.code === own ? -1 : b.code === own ? 1 : a.code < b.code ? -1 : 1));
  let allWeighted = area.weighted;
  const councils = councilList.map((c) => {
    const r = averages(c.wards, categories, nearest, pops);
    if (!r.weighted) allWeighted = false;
    return { code: c.code, name: c.name, average: r.average };
  });

  const info = centresInfo(ctx);
  const averageNote = allWeighted
    ? "The area and council figures are averages of their wards' distances, weighted by each ward's Census 2021 usual residents."
    : "The area and council figures are plain averages of their wards' distances, because some ward populations are not loaded.";
  const note = hasPlaces
    ? `${DISTANCE_NOTE} ${info.description} ${averageNote}`
    : `No places are loaded yet: import a list of places (a CSV or GeoJSON with a name, a category and coordinates) to see counts and distances. ${info.description}`;

  return {
    area: { name: resolved.area.name, kind: resolved.area.kind, lapId, population },
    hasPlaces,
    categories,
    counts,
    places,
    centres: info,
    wards,
    areaAverage: area.average,
    councils,
    note,
  };
}
