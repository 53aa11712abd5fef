/**
 * The columns of a file of places: header names matched forgivingly (case, spaces, punctuation) to the roles a place
 * needs (name, category, coordinates, postcode, reference, address), for a CSV header and for GeoJSON properties.
 */
import { normaliseName } from '../../shared/names.ts';

export type Role = 'name' | 'category' | 'lon' | 'lat' | 'easting' | 'northing' | 'postcode' | 'ref';

/** Header names for each role, most specific first; compared after headerKey(). 'x' and 'y': see planColumns. */
export const ALIASES: Record<Role, string[]> = {
  name: ['name', 'place name', 'site name', 'organisation name', 'organization name', 'practice name', 'venue name', 'place', 'site', 'organisation', 'organization', 'venue'],
  category: ['category', 'type', 'kind', 'service', 'place type', 'service type', 'category name'],
  lon: ['longitude', 'lon', 'lng', 'long'],
  lat: ['latitude', 'lat'],
  easting: ['easting', 'eastings', 'x'],
  northing: ['northing', 'northings', 'y'],
  postcode: ['postcode', 'post code', 'postal code'],
  ref: ['ref', 'reference', 'code', 'ods code', 'practice code', 'organisation code', 'org code', 'id'],
};

/** Address columns: all of them, joined in the file's order. */
export const ADDRESS_NAMES = new Set(['address', 'full address', 'street address', 'street', 'town', 'city', 'locality']);
export const ADDRESS_LINE = /^(address|addr)( line)? ?\d$/;

/** "Site_Name " -> "site name"; "Address Line 1" -> "address line 1"; "ADDRESS1" -> "address1". */
export function headerKey(text: string): string {
  return normaliseName(text.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

export interface ColumnPlan {
  index: Partial<Record<Role, number>>;
  address: number[];
  hasLonLat: boolean;
  hasGrid: boolean;
  /** An NHS ODS extract (Organisation Code, Name, Postcode, no category column): category from the code or the user. */
  ods: boolean;
  /** Coordinates come from the postcode lookup for every row (the file has no coordinate columns). */
  byPostcode: boolean;
}

function findRole(keys: readonly string[], role: Role, taken: ReadonlySet<number>): number | undefined {
  for (const alias of ALIASES[role]) {
    const i = keys.findIndex((k, j) => k === alias && !taken.has(j));
    if (i >= 0) return i;
  }
  return undefined;
}

/** Matches the header; returns the plan, or the reason no plan can be made (one whole-file message). */
export function planColumns(header: readonly string[], opts: { category: boolean; lookup: boolean } = { category: false, lookup: false }): ColumnPlan | string {
  const keys = header.map(headerKey);
  const index: Partial<Record<Role, number>> = {};
  const taken = new Set<number>();
  const take = (role: Role, i: number | undefined) => {
    if (i === undefined) return;
    index[role] = i;
    taken.add(i);
  };
  for (const role of ['name', 'category', 'lon', 'lat', 'postcode', 'ref'] as Role[]) take(role, findRole(keys, role, taken));
  // "x" is a longitude when the file has a latitude but no longitude column (and "y" the other way round);
  // otherwise x and y are an easting and northing.
  const x = keys.indexOf('x');
  const y = keys.indexOf('y');
  if (index.lat !== undefined && index.lon === undefined && x >= 0) take('lon', x);
  if (index.lon !== undefined && index.lat === undefined && y >= 0) take('lat', y);
  take('easting', findRole(keys, 'easting', taken));
  take('northing', findRole(keys, 'northing', taken));
  const address: number[] = [];
  keys.forEach((k, i) => {
    if (!taken.has(i) && (ADDRESS_NAMES.has(k) || ADDRESS_LINE.test(k))) address.push(i);
  });

  const hasLonLat = index.lon !== undefined && index.lat !== undefined;
  const hasGrid = index.easting !== undefined && index.northing !== undefined;
  const ods = index.category === undefined && keys.includes('organisation code') && index.postcode !== undefined;
  const byPostcode = !hasLonLat && !hasGrid && opts.lookup && index.postcode !== undefined;
  const missing: string[] = [];
  if (index.name === undefined) missing.push('the name (a column called Name, Site name, Organisation name or Practice name)');
  if (index.category === undefined && !ods && !opts.category) missing.push('the category (a column called Category, Type, Kind or Service)');
  if (!hasLonLat && !hasGrid && !byPostcode && index.postcode !== undefined) {
    missing.push('the coordinates (columns called Longitude and Latitude, or Easting and Northing; or supply a postcode lookup file such as an ONS Postcode Directory extract with pcds, lat and long columns: command line --postcodes FILE)');
  } else if (!hasLonLat && !hasGrid && !byPostcode) {
    const half =
      index.lat !== undefined
        ? ' (there is a latitude column but no longitude: call it Longitude)'
        : index.lon !== undefined
          ? ' (there is a longitude column but no latitude: call it Latitude)'
          : index.easting !== undefined
            ? ' (there is an easting column but no northing: call it Northing)'
            : index.northing !== undefined
              ? ' (there is a northing column but no easting: call it Easting)'
              : '';
    missing.push(`the coordinates (columns called Longitude and Latitude, or Easting and Northing)${half}`);
  }
  if (missing.length) {
    const found = header.filter((h) => h.trim() !== '').map((h) => h.trim());
    return `LAP Insight could not find a column for ${missing.join('; nor for ')}. Each place needs a name, a category and coordinates. The columns found were: ${
      found.length ? found.join(', ') : 'none (the first row is blank)'
    }.`;
  }
  return { index, address, hasLonLat, hasGrid, ods, byPostcode };
}
