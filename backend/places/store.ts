/**
 * Places in the store: the imported lists, the places with their wards and LAPs (by location through lap_ward, and
 * attached by hand through place_lap, in every LAP set), filters, and attaching and detaching. Every write runs in
 * one IMMEDIATE transaction; every value is bound as a parameter.
 */
import { AppError } from '../../shared/contract.ts';
import type { AuthorityCode } from '../../shared/domain.ts';
import { compareNames } from '../../shared/laps.ts';
import { PLACE_CATEGORY_IDS, type Place, type PlaceCategoryId, type PlaceFeatureCollection, type PlaceFields, type PlaceLapRef, type PlaceLink, type PlaceList } from '../../shared/places.ts';
import type { Db } from '../db.ts';

export interface PlaceRow extends PlaceFields {
  id: number;
  list_id: number;
  ward_code: string | null;
  ward_name: string | null;
  authority_code: AuthorityCode | null;
}

export const PLACE_SELECT = `
  SELECT p.id, p.list_id, p.name, p.category, p.lon, p.lat, p.easting, p.northing, p.address, p.postcode, p.ref,
         p.ward_code, a.name AS ward_name, a.parent_code AS authority_code
  FROM place p LEFT JOIN area a ON a.code = p.ward_code`;

const CATEGORY_ORDER = new Map<string, number>(PLACE_CATEGORY_IDS.map((c, i) => [c, i]));

/** Category order (PLACE_CATEGORIES), then name, then id. */
export function comparePlaces(a: { category: string; name: string; id: number }, b: { category: string; name: string; id: number }): number {
  return (CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)!) || compareNames(a.name, b.name) || a.id - b.id;
}

/** Runs `fn` in one IMMEDIATE transaction. */
export function write<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

interface LapInfo {
  id: number;
  name: string;
  setId: number;
  setName: string;
}

/** LAP lookups for turning rows into Places: the LAPs holding each ward, and the hand attachments. */
export class LapIndex {
  private readonly byWard = new Map<string, LapInfo[]>();
  private readonly laps = new Map<number, LapInfo>();
  private readonly attached = new Map<number, number[]>();

  constructor(db: Db, placeIds?: readonly number[]) {
    const laps = db
      .prepare(`SELECT l.id, l.name, l.set_id AS setId, s.name AS setName FROM lap l JOIN lap_set s ON s.id = l.set_id`)
      .all() as LapInfo[];
    for (const l of laps) this.laps.set(l.id, l);
    for (const r of db.prepare(`SELECT lap_id, ward_code FROM lap_ward`).all() as { lap_id: number; ward_code: string }[]) {
      const lap = this.laps.get(r.lap_id);
      if (!lap) continue;
      const list = this.byWard.get(r.ward_code);
      if (list) list.push(lap);
      else this.byWard.set(r.ward_code, [lap]);
    }
    const rows = (
      placeIds === undefined
        ? db.prepare(`SELECT place_id, lap_id FROM place_lap`).all()
        : db.prepare(`SELECT place_id, lap_id FROM place_lap WHERE place_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(placeIds))
    ) as { place_id: number; lap_id: number }[];
    for (const r of rows) {
      const list = this.attached.get(r.place_id);
      if (list) list.push(r.lap_id);
      else this.attached.set(r.place_id, [r.lap_id]);
    }
  }

  lapsOf(placeId: number, wardCode: string | null): PlaceLapRef[] {
    const out = new Map<number, PlaceLapRef>();
    for (const l of (wardCode && this.byWard.get(wardCode)) || []) {
      out.set(l.id, { id: l.id, name: l.name, setId: l.setId, setName: l.setName, how: 'location' });
    }
    for (const id of this.attached.get(placeId) ?? []) {
      const have = out.get(id);
      if (have) have.how = 'both';
      else {
        const l = this.laps.get(id);
        if (l) out.set(id, { id: l.id, name: l.name, setId: l.setId, setName: l.setName, how: 'attached' });
      }
    }
    return [...out.values()].sort((a, b) => compareNames(a.setName, b.setName) || a.setId - b.setId || compareNames(a.name, b.name) || a.id - b.id);
  }
}

export function toPlace(r: PlaceRow, laps: LapIndex): Place {
  return {
    id: r.id,
    listId: r.list_id,
    name: r.name,
    category: r.category,
    lon: r.lon,
    lat: r.lat,
    easting: r.easting,
    northing: r.northing,
    address: r.address,
    postcode: r.postcode,
    ref: r.ref,
    ward: r.ward_code && r.ward_name && r.authority_code ? { code: r.ward_code, name: r.ward_name, authorityCode: r.authority_code } : null,
    laps: laps.lapsOf(r.id, r.ward_code),
  };
}

export function toPlaces(db: Db, rows: PlaceRow[]): Place[] {
  if (rows.length === 0) return [];
  const laps = new LapIndex(db, rows.length > 500 ? undefined : rows.map((r) => r.id));
  return rows.sort(comparePlaces).map((r) => toPlace(r, laps));
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

interface ListRow {
  id: number;
  name: string;
  file_name: string;
  sha256: string;
  imported_at: string;
  builtin?: number;
  attribution?: string;
}

export function listPlaceLists(db: Db): PlaceList[] {
  const lists = db.prepare(`SELECT id, name, file_name, sha256, imported_at, builtin, attribution FROM place_list ORDER BY builtin DESC, imported_at, id`).all() as ListRow[];
  const counts = db
    .prepare(`SELECT list_id, category, COUNT(*) AS n, SUM(ward_code IS NULL) AS outside FROM place GROUP BY list_id, category`)
    .all() as { list_id: number; category: PlaceCategoryId; n: number; outside: number }[];
  const by = new Map<number, { count: number; outside: number; byCategory: Partial<Record<PlaceCategoryId, number>> }>();
  for (const c of counts) {
    const e = by.get(c.list_id) ?? { count: 0, outside: 0, byCategory: {} };
    e.count += c.n;
    e.outside += c.outside;
    e.byCategory[c.category] = c.n;
    by.set(c.list_id, e);
  }
  return lists.map((l) => {
    const e = by.get(l.id) ?? { count: 0, outside: 0, byCategory: {} };
    const byCategory: Partial<Record<PlaceCategoryId, number>> = {};
    for (const id of PLACE_CATEGORY_IDS) if (e.byCategory[id]) byCategory[id] = e.byCategory[id];
    const list: PlaceList = { id: l.id, name: l.name, fileName: l.file_name, sha256: l.sha256, importedAt: l.imported_at, count: e.count, outside: e.outside, byCategory };
    if (l.builtin) {
      list.builtin = true;
      list.attribution = l.attribution ?? '';
    }
    return list;
  });
}

export function getPlaceList(db: Db, id: number): PlaceList {
  const list = listPlaceLists(db).find((l) => l.id === id);
  if (!list) throw new AppError('not-found', `There is no list of places with id ${id}.`);
  return list;
}

export function findListsBySha(db: Db, sha256: string): ListRow[] {
  return db.prepare(`SELECT id, name, file_name, sha256, imported_at FROM place_list WHERE sha256 = ? ORDER BY id`).all(sha256) as ListRow[];
}

/** Deletes a list and its places (and their attachments), in one transaction. */
export function deletePlaceList(db: Db, id: number): { id: number; places: number } {
  return write(db, () => {
    const exists = db.prepare(`SELECT 1 FROM place_list WHERE id = ?`).get(id);
    if (!exists) throw new AppError('not-found', `There is no list of places with id ${id}.`);
    const places = (db.prepare(`SELECT COUNT(*) AS n FROM place WHERE list_id = ?`).get(id) as { n: number }).n;
    // Deleting the built-in list hides it: it is not seeded again at the next start (issue 15).
    if ((db.prepare(`SELECT builtin FROM place_list WHERE id = ?`).get(id) as { builtin: number }).builtin === 1) {
      db.prepare(`INSERT INTO meta (key, value) VALUES ('places.builtin_hidden', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run();
    }
    db.prepare(`DELETE FROM place_list WHERE id = ?`).run(id);
    return { id, places };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Places

export interface PlaceFilter {
  lapId?: number | undefined;
  wardCode?: string | undefined;
  categories?: readonly PlaceCategoryId[] | undefined;
  query?: string | undefined;
}

function requireLap(db: Db, lapId: number): void {
  if (!db.prepare(`SELECT 1 FROM lap WHERE id = ?`).get(lapId)) throw new AppError('not-found', `There is no LAP with id ${lapId}.`);
}

/** Words of a search, lower-cased; a place matches when every word is in its name, address, postcode or reference. */
function matcher(query: string | undefined): ((r: PlaceRow) => boolean) | null {
  const words = (query ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return null;
  return (r) => {
    const hay = `${r.name} ${r.address} ${r.postcode} ${r.postcode.replace(/\s+/g, '')} ${r.ref}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
}

export function queryPlaceRows(db: Db, filter: PlaceFilter): PlaceRow[] {
  if (filter.lapId !== undefined) requireLap(db, filter.lapId);
  if (filter.wardCode !== undefined && !db.prepare(`SELECT 1 FROM area WHERE code = ? AND type = 'ward'`).get(filter.wardCode)) {
    throw new AppError('not-found', `There is no ward with code ${filter.wardCode}.`);
  }
  const rows = db
    .prepare(
      `${PLACE_SELECT}
       WHERE (@lap IS NULL OR p.ward_code IN (SELECT ward_code FROM lap_ward WHERE lap_id = @lap)
                           OR p.id IN (SELECT place_id FROM place_lap WHERE lap_id = @lap))
         AND (@ward IS NULL OR p.ward_code = @ward)
         AND (@cats IS NULL OR p.category IN (SELECT value FROM json_each(@cats)))`,
    )
    .all({
      lap: filter.lapId ?? null,
      ward: filter.wardCode ?? null,
      cats: filter.categories && filter.categories.length ? JSON.stringify(filter.categories) : null,
    }) as PlaceRow[];
  const match = matcher(filter.query);
  return match ? rows.filter(match) : rows;
}

export function listPlaces(db: Db, filter: PlaceFilter): Place[] {
  return toPlaces(db, queryPlaceRows(db, filter));
}

export function getPlace(db: Db, id: number): Place {
  const row = db.prepare(`${PLACE_SELECT} WHERE p.id = ?`).get(id) as PlaceRow | undefined;
  if (!row) throw new AppError('not-found', `There is no place with id ${id}.`);
  return toPlaces(db, [row])[0]!;
}

/** Every place as a compact point for the map (coordinates to 6 decimals, about 10 cm). */
export function placeMap(db: Db): PlaceFeatureCollection {
  const rows = db.prepare(`SELECT id, name, category, lon, lat, ward_code FROM place ORDER BY id`).all() as {
    id: number;
    name: string;
    category: PlaceCategoryId;
    lon: number;
    lat: number;
    ward_code: string | null;
  }[];
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [Math.round(r.lon * 1e6) / 1e6, Math.round(r.lat * 1e6) / 1e6] },
      properties: { id: r.id, name: r.name, category: r.category, ward: r.ward_code },
    })),
  };
}

/** "This practice serves N4": idempotent. A place may be attached to a LAP it already lies in ('both'). */
export function attachPlace(db: Db, placeId: number, lapId: number): Place {
  write(db, () => {
    if (!db.prepare(`SELECT 1 FROM place WHERE id = ?`).get(placeId)) throw new AppError('not-found', `There is no place with id ${placeId}.`);
    requireLap(db, lapId);
    db.prepare(`INSERT INTO place_lap (place_id, lap_id, attached_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(placeId, lapId, new Date().toISOString());
  });
  return getPlace(db, placeId);
}

/** Removes a hand attachment (nothing to do when there is none). The place stays in the LAPs it lies in. */
export function detachPlace(db: Db, placeId: number, lapId: number): Place {
  write(db, () => {
    if (!db.prepare(`SELECT 1 FROM place WHERE id = ?`).get(placeId)) throw new AppError('not-found', `There is no place with id ${placeId}.`);
    requireLap(db, lapId);
    db.prepare(`DELETE FROM place_lap WHERE place_id = ? AND lap_id = ?`).run(placeId, lapId);
  });
  return getPlace(db, placeId);
}

/** How a place belongs to one LAP, given whether it lies inside and whether it is attached. */
export function linkOf(inside: boolean, attached: boolean): PlaceLink {
  return inside && attached ? 'both' : attached ? 'attached' : 'location';
}
