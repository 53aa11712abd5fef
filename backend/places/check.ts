/**
 * Checking one place, from a CSV row or a GeoJSON feature: name, category, address, postcode and reference within
 * their limits, coordinates that are numbers in the right units and inside Northamptonshire's bounding area, and
 * repeated places left out. Every problem names the row (or feature) and the column (or property).
 */
import { categoryListText, matchPlaceCategory } from '../../shared/places.ts';
import { normaliseName } from '../../shared/names.ts';
import { cleanName } from '../../shared/text.ts';
import type { Issues } from '../io/issues.ts';
import { fmt } from '../io/numbers.ts';
import type { ParsedPlace } from './parse.ts';
import { bngToWgs84, gridDistance, wgs84ToBng } from './projection.ts';
import { BOUNDING_MARGIN_M, insideBox, type GridBox } from './wards.ts';

/** At most this many places in one file. */
export const MAX_PLACES = 200_000;
export const MAX_NAME = 300;
export const MAX_ADDRESS = 1000;
export const MAX_POSTCODE = 20;
export const MAX_REF = 100;

export interface Where {
  row: number;
  /** "row 5" or "feature 5". */
  label: string;
  /** "column" (CSV) or "property" (GeoJSON). */
  fieldWord: string;
}

/** A column (or property) name for a message; a pair for the two coordinate columns. */
type Col = string | null | readonly [string, string];

/** A coordinate as found: a number, blank (null), or text that is not a number. */
export type Coord = number | null | { text: string };

export interface RawPlace {
  name: string;
  category: string;
  kind: 'lon-lat' | 'easting-northing';
  /** Longitude or easting, latitude or northing, as found. */
  x: Coord;
  y: Coord;
  /** Column (property) names for messages. */
  cols: { name: string; category: string; x: string; y: string; postcode: string; ref: string; address: string };
  address: string;
  postcode: string;
  ref: string;
  /** Both pairs were filled (CSV with both): the easting and northing, to compare. */
  alsoGrid?: [number, number] | null;
}

/** Trims and joins lines: "12 High St\n Northampton " -> "12 High St, Northampton". */
export function cleanText(s: string): string {
  return cleanName(s.replace(/\s*[\r\n]+\s*/g, ', '))
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^,\s*|,\s*$/g, '');
}

const round = (x: number, dp: number) => {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
};

function shown(c: Coord): string {
  if (c === null) return '(blank)';
  if (typeof c === 'number') return String(c);
  return `'${c.text}'`;
}

export class Checker {
  readonly places: ParsedPlace[] = [];
  private readonly seen = new Map<string, number>();
  repeated = 0;
  readonly kinds = { 'lon-lat': 0, 'easting-northing': 0 };

  constructor(
    readonly issues: Issues,
    readonly bounds: GridBox,
  ) {}

  private at(w: Where, col: Col): string {
    if (col === null) return w.label;
    if (typeof col !== 'string') return `${w.label}, ${w.fieldWord}s '${col[0]}' and '${col[1]}'`;
    if (col === 'geometry' && w.fieldWord === 'property') return `${w.label}, geometry`;
    return `${w.label}, ${w.fieldWord} '${col}'`;
  }

  private err(w: Where, col: Col, message: string): void {
    this.issues.error(w.row, col === null || typeof col === 'string' ? col : `${col[0]} / ${col[1]}`, `${this.at(w, col)}: ${message}`);
  }

  check(w: Where, raw: RawPlace): void {
    let ok = true;
    const name = cleanText(raw.name);
    if (name === '') {
      this.err(w, raw.cols.name, 'the name is blank');
      ok = false;
    } else if (name.length > MAX_NAME) {
      this.err(w, raw.cols.name, `the name is ${fmt(name.length)} characters long; at most ${MAX_NAME} are allowed`);
      ok = false;
    }
    const categoryText = cleanText(raw.category);
    const category = categoryText === '' ? null : matchPlaceCategory(categoryText);
    if (categoryText === '') {
      this.err(w, raw.cols.category, `the category is blank; use one of: ${categoryListText()}`);
      ok = false;
    } else if (category === null) {
      this.err(w, raw.cols.category, `'${categoryText.slice(0, 80)}' is not a category LAP Insight knows; use one of: ${categoryListText()}`);
      ok = false;
    }
    const address = cleanText(raw.address);
    const postcode = cleanText(raw.postcode).toUpperCase();
    const ref = cleanText(raw.ref);
    if (address.length > MAX_ADDRESS) {
      this.err(w, raw.cols.address, `the address is ${fmt(address.length)} characters long; at most ${fmt(MAX_ADDRESS)} are allowed`);
      ok = false;
    }
    if (postcode.length > MAX_POSTCODE) {
      this.err(w, raw.cols.postcode, `the postcode '${postcode.slice(0, 40)}…' is longer than ${MAX_POSTCODE} characters`);
      ok = false;
    }
    if (ref.length > MAX_REF) {
      this.err(w, raw.cols.ref, `the reference is ${fmt(ref.length)} characters long; at most ${MAX_REF} are allowed`);
      ok = false;
    }
    const point = this.point(w, raw);
    if (!ok || !point || category === null) return;

    if (raw.alsoGrid) {
      const apart = gridDistance(point.easting, point.northing, raw.alsoGrid[0], raw.alsoGrid[1]);
      if (apart > 1000) {
        this.issues.warning(
          w.row,
          null,
          `${w.label}: the longitude and latitude and the easting and northing are ${fmt(round(apart / 1000, 1))} km apart; the longitude and latitude were used`,
        );
      }
    }

    const key = `${normaliseName(name)}|${category}|${point.easting}|${point.northing}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.repeated++;
      this.issues.warning(w.row, raw.cols.name, `${w.label} repeats ${w.fieldWord === 'property' ? 'feature' : 'row'} ${first} (the same name, category and place), so it was left out`);
      return;
    }
    this.seen.set(key, w.row);
    this.kinds[raw.kind]++;
    this.places.push({ row: w.row, name, category, address, postcode, ref, ...point });
  }

  /** Checks and converts the coordinates; null (with an error reported) when they are unusable. */
  private point(w: Where, raw: RawPlace): { lon: number; lat: number; easting: number; northing: number } | null {
    const lonLat = raw.kind === 'lon-lat';
    const xWord = lonLat ? 'longitude' : 'easting';
    const yWord = lonLat ? 'latitude' : 'northing';
    const { x, y } = raw;
    const geometry = raw.cols.x === 'geometry';
    if (x === null && y === null) {
      this.err(w, geometry ? 'geometry' : null, `the ${xWord} and ${yWord} are both blank`);
      return null;
    }
    let bad = false;
    for (const [c, word, col] of [
      [x, xWord, raw.cols.x],
      [y, yWord, raw.cols.y],
    ] as const) {
      if (c === null) {
        this.err(w, col, `the ${word} is blank`);
        bad = true;
      } else if (typeof c !== 'number') {
        this.err(w, col, `${shown(c)} is not a number, so it cannot be the ${word}`);
        bad = true;
      }
    }
    if (bad) return null;
    const a = x as number;
    const b = y as number;
    const pairCol: Col = geometry ? 'geometry' : [raw.cols.x, raw.cols.y];
    const given = `${xWord} ${a}, ${yWord} ${b}`;
    if (lonLat) {
      if (Math.abs(a) > 180 || Math.abs(b) > 90) {
        if (a >= 0 && b >= 0 && Math.abs(a) <= 800_000 && Math.abs(b) <= 1_300_000 && (a > 1000 || b > 1000)) {
          this.err(
            w,
            pairCol,
            `the point (${given}) is not in degrees: these look like an easting and northing in metres. ${
              geometry ? 'GeoJSON coordinates are longitude and latitude (WGS84)' : 'Call the columns Easting and Northing'
            }`,
          );
        } else if (this.fits(b, a, true)) {
          this.err(w, pairCol, `the point (${given}) is not a valid longitude and latitude, but it would be in Northamptonshire with the two swapped: are the longitude and latitude the wrong way round?`);
        } else {
          this.err(w, pairCol, `the point (${given}) is not a valid longitude and latitude (longitude runs from -180 to 180 and latitude from -90 to 90)`);
        }
        return null;
      }
      const [e, n] = wgs84ToBng(a, b);
      if (!insideBox(this.bounds, e, n)) {
        this.outside(w, pairCol, given, this.fits(b, a, true));
        return null;
      }
      return { lon: round(a, 7), lat: round(b, 7), easting: Math.round(e), northing: Math.round(n) };
    }
    if (Math.abs(a) <= 180 && Math.abs(b) <= 90) {
      this.err(w, pairCol, `the point (${given}) looks like a longitude and latitude in degrees, not an easting and northing in metres. Call the columns Longitude and Latitude`);
      return null;
    }
    if (!insideBox(this.bounds, a, b)) {
      this.outside(w, pairCol, given, this.fits(b, a, false));
      return null;
    }
    const [lon, lat] = bngToWgs84(a, b);
    return { lon: round(lon, 7), lat: round(lat, 7), easting: Math.round(a), northing: Math.round(b) };
  }

  /** Whether (x, y) would be inside the bounding area. */
  private fits(x: number, y: number, lonLat: boolean): boolean {
    if (lonLat) {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) return false;
      const [e, n] = wgs84ToBng(x, y);
      return insideBox(this.bounds, e, n);
    }
    return insideBox(this.bounds, x, y);
  }

  private outside(w: Where, col: Col, given: string, swappedFits: boolean): void {
    const base = `the point (${given}) is outside Northamptonshire's bounding area (the box around the 57 wards, widened by ${BOUNDING_MARGIN_M / 1000} km on each side)`;
    this.err(
      w,
      col,
      swappedFits
        ? `${base}; with the two swapped it would be inside: are they the wrong way round?`
        : `${base}. Check the coordinates, or leave this place out of the file`,
    );
  }
}
