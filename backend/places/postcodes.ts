/**
 * A postcode lookup file the user supplies with a places import (issue 15): an extract of the ONS Postcode
 * Directory (ONSPD) or National Statistics Postcode Lookup (NSPL), or any CSV with a postcode column (pcds, pcd,
 * pcd2, postcode) and latitude and longitude columns (lat, long / latitude, longitude). An NHS ODS extract
 * (epraccur, edispensary) has postcodes but no coordinates: each place is put at its postcode's centroid.
 *
 * Postcodes are compared without spaces and in capitals ("NN1 1AA", "nn11aa" and ONSPD's "NN1  1AA" match).
 * ONSPD gives postcodes without a grid reference latitude 99.999999: such rows are not usable and are left out of the
 * lookup (a place with that postcode is then reported as not found). Problems in the lookup file itself are
 * reported with its name, row and column.
 */
import { CsvParser, detectDelimiter } from '../io/csv.ts';
import type { Issues } from '../io/issues.ts';
import { headerKey } from './parse.ts';

export interface PostcodeLookup {
  fileName: string;
  /** Postcode (no spaces, capitals) -> [longitude, latitude]. */
  points: Map<string, [number, number]>;
}

/** "nn1 1aa" -> "NN11AA". */
export function postcodeKey(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

const POSTCODE_NAMES = ['pcds', 'pcd', 'pcd2', 'postcode', 'post code'];
const LAT_NAMES = ['lat', 'latitude'];
const LON_NAMES = ['long', 'longitude', 'lon', 'lng'];

/** Reads a postcode lookup file; any problem goes into `issues` (named with this file) and the lookup is null. */
export function parsePostcodeLookup(fileName: string, bytes: Uint8Array, issues: Issues): PostcodeLookup | null {
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    issues.error(null, null, `the postcode lookup file ${fileName} is empty`);
    return null;
  }
  const records: string[][] = [];
  try {
    const parser = new CsvParser(detectDelimiter(text.slice(0, 65536)), (f) => records.push(f));
    parser.push(text);
    parser.end();
  } catch (err) {
    issues.error(null, null, `the postcode lookup file ${fileName} cannot be read as a CSV: ${(err as Error).message}`);
    return null;
  }
  const header = (records[0] ?? []).map((h) => headerKey(h));
  const find = (names: string[]) => {
    for (const n of names) {
      const i = header.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const pc = find(POSTCODE_NAMES);
  const lat = find(LAT_NAMES);
  const lon = find(LON_NAMES);
  if (pc < 0 || lat < 0 || lon < 0) {
    const missing = [pc < 0 ? 'the postcode (pcds, pcd or postcode)' : '', lat < 0 ? 'the latitude (lat)' : '', lon < 0 ? 'the longitude (long)' : ''].filter(Boolean);
    issues.error(1, null, `the postcode lookup file ${fileName}, row 1: no column for ${missing.join(', ')}. A postcode lookup needs a postcode, lat and long column (as in the ONS Postcode Directory)`);
    return null;
  }
  const points = new Map<string, [number, number]>();
  const names = records[0]!;
  let bad = 0;
  for (let r = 1; r < records.length; r++) {
    const f = records[r]!;
    const key = postcodeKey(f[pc] ?? '');
    if (key === '') continue;
    const la = Number((f[lat] ?? '').trim());
    const lo = Number((f[lon] ?? '').trim());
    if ((f[lat] ?? '').trim() === '' || (f[lon] ?? '').trim() === '' || !Number.isFinite(la) || !Number.isFinite(lo)) {
      if (bad++ < 5) issues.warning(r + 1, `${names[lat]} / ${names[lon]}`, `the postcode lookup file ${fileName}, row ${r + 1}: '${f[lat] ?? ''}', '${f[lon] ?? ''}' is not a latitude and longitude, so postcode ${f[pc]} has no coordinates`);
      continue;
    }
    if (Math.abs(la) > 90 || Math.abs(lo) > 180) continue; // ONSPD: 99.999999 = no grid reference
    points.set(key, [lo, la]);
  }
  if (points.size === 0) {
    issues.error(null, null, `the postcode lookup file ${fileName} has no postcode with a latitude and longitude`);
    return null;
  }
  return { fileName, points };
}
