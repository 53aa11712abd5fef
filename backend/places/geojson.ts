/**
 * Reading a GeoJSON file of places: a FeatureCollection (or one Feature) of points in longitude and latitude, or in
 * British National Grid when its legacy `crs` member says so. Properties are matched to roles like CSV columns;
 * each feature is checked like a CSV row ("feature N", counted from 1).
 */
import { fmt, parseCell } from '../io/numbers.ts';
import { cleanText, MAX_PLACES, type Checker, type Coord, type Where } from './check.ts';
import { ADDRESS_LINE, ADDRESS_NAMES, ALIASES, headerKey, type Role } from './columns.ts';
import type { ParsedPlaces } from './parse.ts';

/** Deeper than this, a property value is refused (JSON.stringify of one nested 100,000 deep overflows the stack). */
export const MAX_PROPERTY_DEPTH = 64;

class TooDeep extends Error {
  constructor(readonly key: string) {
    super(`property '${key}' is nested too deeply`);
  }
}

/** How deeply objects and arrays nest in a value, counted without recursion; stops counting past `limit`. */
function nestingDepth(v: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(x)) stack.push([child, d + 1]);
  }
  return deepest;
}

/** A non-text value as text for a message or a field, refusing one nested too deeply to print. */
function jsonText(v: object, key: string): string {
  if (nestingDepth(v, MAX_PROPERTY_DEPTH) > MAX_PROPERTY_DEPTH) throw new TooDeep(key);
  return JSON.stringify(v);
}

function propertyOf(props: Record<string, unknown>, role: Role): { key: string; value: string } | null {
  const keys = Object.keys(props);
  const normalised = keys.map(headerKey);
  for (const alias of ALIASES[role]) {
    const i = normalised.indexOf(alias);
    if (i >= 0) {
      const v = props[keys[i]!];
      if (v === null || v === undefined) return { key: keys[i]!, value: '' };
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects go to jsonText: v is a JSON string, number or boolean here
      return { key: keys[i]!, value: typeof v === 'object' ? jsonText(v, keys[i]!) : String(v) };
    }
  }
  return null;
}

function addressOf(props: Record<string, unknown>): { key: string; value: string } {
  const parts: string[] = [];
  let first = '';
  for (const k of Object.keys(props)) {
    const hk = headerKey(k);
    if (!(ADDRESS_NAMES.has(hk) || ADDRESS_LINE.test(hk))) continue;
    const v = props[k];
    if (v === null || v === undefined || typeof v === 'object') continue;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects were skipped above: v is a JSON string, number or boolean
    const t = cleanText(String(v));
    if (t === '') continue;
    if (!first) first = k;
    parts.push(t);
  }
  return { key: first || 'address', value: parts.join(', ') };
}

/** True when a legacy GeoJSON `crs` member names British National Grid (EPSG:27700). */
function crsIsBng(crs: unknown): boolean {
  if (!crs || typeof crs !== 'object') return false;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  return typeof name === 'string' && /(^|[^0-9])27700($|[^0-9])/.test(name);
}

function geoCoord(v: unknown): Coord {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { text: String(v) };
  if (typeof v === 'string') {
    const c = parseCell(v);
    return c.kind === 'number' ? c.value : c.kind === 'blank' ? null : { text: v.slice(0, 40) };
  }
  return { text: jsonText(v, 'coordinates').slice(0, 40) };
}

export function readGeoJsonPlaces(out: ParsedPlaces, text: string, checker: Checker): void {
  const { issues } = out;
  const name = out.fileName;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    issues.error(null, null, `${name} is not valid JSON (${(err as Error).message}), so it cannot be read as GeoJSON`);
    return;
  }
  const type = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as { type?: unknown }).type : undefined;
  let features: unknown[];
  if (type === 'FeatureCollection') {
    const f = (doc as { features?: unknown }).features;
    if (!Array.isArray(f)) {
      issues.error(null, null, `${name} is a FeatureCollection without a list of features`);
      return;
    }
    features = f;
  } else if (type === 'Feature') features = [doc];
  else {
    issues.error(null, null, `${name} is not a GeoJSON FeatureCollection of points${typeof type === 'string' ? ` (its type is '${type.slice(0, 40)}')` : ''}`);
    return;
  }
  if (features.length === 0) {
    issues.error(null, null, `${name} has no features: there is nothing to import`);
    return;
  }
  if (features.length > MAX_PLACES) {
    issues.error(null, null, `${name} has ${fmt(features.length)} features; at most ${fmt(MAX_PLACES)} can be imported at once: split it into smaller files`);
    return;
  }
  const bng = crsIsBng((doc as { crs?: unknown }).crs);
  if (bng) issues.info(`${name} names British National Grid (EPSG:27700) in its 'crs' member, so its coordinates were read as easting and northing`);
  const kind = bng ? 'easting-northing' : 'lon-lat';
  features.forEach((f, i) => {
    const n = i + 1;
    out.rows++;
    const w: Where = { row: n, label: `feature ${n}`, fieldWord: 'property' };
    if (!f || typeof f !== 'object' || (f as { type?: unknown }).type !== 'Feature') {
      issues.error(n, null, `feature ${n} is not a GeoJSON Feature`);
      return;
    }
    const geometry = (f as { geometry?: unknown }).geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    const rawProps = (f as { properties?: unknown }).properties;
    const props = rawProps && typeof rawProps === 'object' && !Array.isArray(rawProps) ? (rawProps as Record<string, unknown>) : {};
    let coords: unknown;
    if (!geometry) {
      issues.error(n, 'geometry', `feature ${n}, geometry: there is no geometry, so the place has no coordinates`);
      return;
    }
    if (geometry.type === 'Point') coords = geometry.coordinates;
    else if (geometry.type === 'MultiPoint' && Array.isArray(geometry.coordinates) && geometry.coordinates.length === 1) coords = geometry.coordinates[0];
    else if (geometry.type === 'MultiPoint') {
      issues.error(n, 'geometry', `feature ${n}, geometry: a MultiPoint with ${Array.isArray(geometry.coordinates) ? geometry.coordinates.length : 'no'} points; give each place its own Point feature`);
      return;
    } else {
      issues.error(n, 'geometry', `feature ${n}, geometry: it is a ${typeof geometry.type === 'string' ? geometry.type.slice(0, 40) : 'shape of unknown type'}, not a Point; each place must be a point`);
      return;
    }
    if (!Array.isArray(coords) || coords.length < 2) {
      issues.error(n, 'geometry', `feature ${n}, geometry: the point has no coordinates`);
      return;
    }
    const get = (role: Role) => propertyOf(props, role);
    let nameP, categoryP, postcodeP, refP, x: Coord, y: Coord;
    try {
      nameP = get('name');
      categoryP = get('category');
      postcodeP = get('postcode');
      refP = get('ref');
      x = geoCoord(coords[0]);
      y = geoCoord(coords[1]);
    } catch (err) {
      if (!(err instanceof TooDeep)) throw err;
      const column = err.key === 'coordinates' ? 'geometry' : err.key;
      issues.error(n, column, `feature ${n}, ${err.key === 'coordinates' ? 'geometry' : `property '${err.key}'`}: the value is nested more than ${MAX_PROPERTY_DEPTH} levels deep, so it cannot be read`);
      return;
    }
    const addressP = addressOf(props);
    checker.check(w, {
      name: nameP?.value ?? '',
      category: categoryP?.value ?? '',
      kind,
      x,
      y,
      cols: {
        name: nameP?.key ?? 'name',
        category: categoryP?.key ?? 'category',
        x: 'geometry',
        y: 'geometry',
        postcode: postcodeP?.key ?? 'postcode',
        ref: refP?.key ?? 'ref',
        address: addressP.key,
      },
      address: addressP.value,
      postcode: postcodeP?.value ?? '',
      ref: refP?.value ?? '',
    });
  });
  out.coordinates = 'geojson';
}
