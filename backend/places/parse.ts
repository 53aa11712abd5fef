/**
 * Reading and checking a file of places: a CSV (any encoding and delimiter the data importer reads: UTF-8 with or
 * without a byte-order mark, UTF-16, Windows-1252; comma, tab or semicolon; quoted fields) or a GeoJSON
 * FeatureCollection of points. Nothing here touches the database: the caller passes the bounding area.
 *
 * CSV columns are matched forgivingly (case, spaces, punctuation): see ALIASES. A file gives either longitude and
 * latitude or easting and northing (British National Grid). When it has both pairs, each row uses longitude and
 * latitude when both are filled, otherwise easting and northing; a row whose two pairs disagree by more than
 * 1 km gets a warning.
 *
 * Every problem is reported with the file, the row (the header is row 1; in GeoJSON, "feature N" with N counted
 * from 1) and the column (in GeoJSON, the property name, or 'geometry'). Errors stop the import; warnings
 * (a repeated row, which is left out) do not.
 */
import { categoryListText, matchPlaceCategory, type PlaceCategoryId, type PlaceFields } from '../../shared/places.ts';
import { normaliseName } from '../../shared/names.ts';
import { cleanName } from '../../shared/text.ts';
import { bufferSource, CsvSyntaxError, InvalidText, readCsv, sniffHead, type Delimiter, type Encoding } from '../data/csv.ts';
import { Issues } from '../data/issues.ts';
import { fmt, parseCell, plural } from '../data/numbers.ts';
import { bngToWgs84, gridDistance, wgs84ToBng } from './projection.ts';
import { BOUNDING_MARGIN_M, insideBox, type GridBox } from './wards.ts';
import { postcodeKey, type PostcodeLookup } from './postcodes.ts';

/** Options of a places import beyond the file itself (issue 15: NHS ODS extracts). */
export interface PlaceParseOptions {
  /** The category of every row whose file gives none (an ODS extract has no category column): the user's choice. */
  category?: PlaceCategoryId | undefined;
  /** Postcode centroids for rows without coordinates (a postcode lookup file the user supplied). */
  postcodes?: PostcodeLookup | null | undefined;
}

/**
 * The 27 columns of an NHS ODS GP practice (epraccur) or dispensary (edispensary) extract, which is published
 * without a header row. Column 15 is the commissioner in epraccur and the parent organisation in edispensary;
 * column 26 is the prescribing setting (epraccur). Only the code, name, address lines, postcode and status are used.
 */
export const ODS_COLUMNS = [
  'Organisation Code', 'Name', 'National Grouping', 'High Level Health Geography',
  'Address Line 1', 'Address Line 2', 'Address Line 3', 'Address Line 4', 'Address Line 5', 'Postcode',
  'Open Date', 'Close Date', 'Status Code', 'Organisation Sub-Type Code', 'Commissioner',
  'Join Provider/Purchaser Date', 'Left Provider/Purchaser Date', 'Contact Telephone Number',
  'Null 18', 'Null 19', 'Null 20', 'Amended Record Indicator', 'Null 22', 'Provider/Purchaser', 'Null 24',
  'Prescribing Setting', 'Null 26',
] as const;

const POSTCODE_RE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/** A first row that is data in the ODS layout (a code, then a name, ..., a postcode in column 10): no header. */
export function isHeaderlessOdsRow(fields: readonly string[]): boolean {
  return fields.length >= 13 && /^[A-Z0-9]{3,8}$/.test((fields[0] ?? '').trim()) && POSTCODE_RE.test((fields[9] ?? '').trim());
}

/** The category an ODS organisation code implies: a GP practice (A12345) or a pharmacy/dispensary (FA123). */
export function odsCategory(code: string): PlaceCategoryId | null {
  const c = code.trim().toUpperCase();
  if (/^[A-Z][0-9]{5}$/.test(c)) return 'gp';
  if (/^F[A-Z0-9]{4}$/.test(c)) return 'pharmacy';
  return null;
}

export type PlaceCoordinates = 'lon-lat' | 'easting-northing' | 'geojson';

/** At most this many places in one file. */
export const MAX_PLACES = 200_000;
export const MAX_NAME = 300;
export const MAX_ADDRESS = 1000;
export const MAX_POSTCODE = 20;
export const MAX_REF = 100;

export interface ParsedPlace extends PlaceFields {
  /** Row in the file (header = 1), or feature number (from 1) in GeoJSON. */
  row: number;
}

export interface ParsedPlaces {
  fileName: string;
  format: 'csv' | 'geojson' | null;
  /** The places that passed every check (repeated rows left out). Only meaningful when there are no errors. */
  places: ParsedPlace[];
  /** Data rows (CSV) or features (GeoJSON) read. */
  rows: number;
  /** Which coordinates the file used (most rows, for a CSV with both pairs). */
  coordinates: PlaceCoordinates | null;
  /** Rows left out because they repeat an earlier row. */
  repeated: number;
  issues: Issues;
  encoding: Encoding | null;
  delimiter: Delimiter | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Column names

type Role = 'name' | 'category' | 'lon' | 'lat' | 'easting' | 'northing' | 'postcode' | 'ref';

/** Header names for each role, most specific first; compared after headerKey(). 'x' and 'y': see planColumns. */
const ALIASES: Record<Role, string[]> = {
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
const ADDRESS_NAMES = new Set(['address', 'full address', 'street address', 'street', 'town', 'city', 'locality']);
const ADDRESS_LINE = /^(address|addr)( line)? ?\d$/;

/** "Site_Name " -> "site name"; "Address Line 1" -> "address line 1"; "ADDRESS1" -> "address1". */
export function headerKey(text: string): string {
  return normaliseName(text.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

interface ColumnPlan {
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
function planColumns(header: readonly string[], opts: { category: boolean; lookup: boolean } = { category: false, lookup: false }): ColumnPlan | string {
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

// ---------------------------------------------------------------------------------------------------------------
// Checking one place (CSV row or GeoJSON feature)

interface Where {
  row: number;
  /** "row 5" or "feature 5". */
  label: string;
  /** "column" (CSV) or "property" (GeoJSON). */
  fieldWord: string;
}

/** A column (or property) name for a message; a pair for the two coordinate columns. */
type Col = string | null | readonly [string, string];

/** A coordinate as found: a number, blank (null), or text that is not a number. */
type Coord = number | null | { text: string };

interface RawPlace {
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

class Checker {
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

// ---------------------------------------------------------------------------------------------------------------
// CSV

class StopReading extends Error {}

function coordOf(raw: string | undefined, decimalComma: boolean): Coord {
  if (raw === undefined) return null;
  // In a semicolon-separated file "52,239" is fifty-two point two three nine (not 52,239 with a thousands comma).
  const text = decimalComma && /^\s*[+-]?\d+,\d+\s*$/.test(raw) ? raw.replace(',', '.') : raw;
  const c = parseCell(text, decimalComma);
  if (c.kind === 'number') return c.value;
  if (c.kind === 'blank') return null;
  return { text: raw.trim().slice(0, 40) };
}

async function readCsvPlaces(
  out: ParsedPlaces,
  bytes: Uint8Array,
  checker: Checker,
  encoding: Encoding,
  bomLength: number,
  strict: boolean,
  opts: PlaceParseOptions = {},
): Promise<void> {
  const { issues } = out;
  const name = out.fileName;
  let plan: ColumnPlan | null = null;
  let header: string[] = [];
  let decimalComma = false;
  let byPostcode = 0;
  const lookup = opts.postcodes ?? null;
  const planOpts = { category: opts.category !== undefined, lookup: lookup !== null };
  let statusIndex: number | undefined;
  let subTypeIndex: number | undefined;
  let inactive = 0;
  const onRecord = (fields: string[], row: number) => {
    if (!plan) {
      // An NHS ODS extract (epraccur, edispensary) has no header row: its first row is already a place.
      const headerless = isHeaderlessOdsRow(fields);
      header = headerless
        ? Array.from({ length: Math.max(ODS_COLUMNS.length, fields.length) }, (_, i) => ODS_COLUMNS[i] ?? `Column ${i + 1}`)
        : fields.map((f) => f.trim());
      const p = planColumns(header, planOpts);
      if (typeof p === 'string') {
        issues.error(1, null, `row 1: ${p}`);
        throw new StopReading();
      }
      plan = p;
      if (headerless) issues.info(`${name} has no header row: it was read as an NHS ODS extract (Organisation Code, Name, address lines, Postcode in column 10, Status Code in column 13)`);
      if (plan.ods) {
        const s = header.findIndex((h) => headerKey(h) === 'status code');
        if (s >= 0) statusIndex = s;
        const t = header.findIndex((h) => headerKey(h) === 'organisation sub type code');
        if (t >= 0) subTypeIndex = t;
      }
      if (!headerless) return;
    }
    if (fields.every((f) => f.trim() === '')) return; // a row of empty cells: skipped like a blank line
    out.rows++;
    if (out.rows > MAX_PLACES) {
      issues.error(row, null, `${name} has more than ${fmt(MAX_PLACES)} places; split it into smaller files`);
      throw new StopReading();
    }
    const w: Where = { row, label: `row ${row}`, fieldWord: 'column' };
    if (fields.length > header.length && fields.slice(header.length).some((f) => f.trim() !== '')) {
      issues.error(row, null, `row ${row} has ${fields.length} fields but the header has ${header.length} (is there an unquoted comma in a name or address?)`);
      return;
    }
    const at = (i: number | undefined) => (i === undefined ? '' : (fields[i] ?? ''));
    const col = (i: number | undefined) => (i === undefined ? '' : header[i]!);
    const { index } = plan;
    // An ODS extract lists closed and dormant organisations too: they are left out, each one named.
    if (statusIndex !== undefined) {
      const status = at(statusIndex).trim().toUpperCase();
      if (status !== '' && status !== 'ACTIVE' && status !== 'A') {
        inactive++;
        issues.warning(row, header[statusIndex]!, `row ${row}, column '${header[statusIndex]}': '${at(statusIndex).trim()}' is not an active organisation (${cleanText(at(index.name)).slice(0, 80)}), so it was left out`);
        return;
      }
    }
    // The category: the file's column, else the user's choice, else what the ODS code says (GP practice or pharmacy).
    let category = at(index.category);
    let categoryCol = col(index.category);
    let placeName = at(index.name);
    if (category.trim() === '' && opts.category) category = opts.category;
    else if (category.trim() === '' && plan.ods) {
      category = odsCategory(at(index.ref)) ?? '';
      categoryCol = col(index.ref);
      // edispensary sub-type 2: a dispensing appliance contractor, counted with pharmacies and named so (as built in).
      if (category === 'pharmacy' && subTypeIndex !== undefined && at(subTypeIndex).trim() === '2' && placeName.trim() !== '') placeName = `${placeName.trim()} (dispensing appliance contractor)`;
      if (category === '') {
        issues.error(row, categoryCol, `row ${row}, column '${categoryCol}': '${at(index.ref).trim().slice(0, 20)}' is not a GP practice or pharmacy code, so the category is not known; choose the category for the whole file (command line: --category gp or --category pharmacy)`);
        return;
      }
    }
    // Coordinates from the postcode lookup: for every row when the file has none, or for a row whose are blank.
    const coordCells = [index.lon, index.lat, index.easting, index.northing].filter((i) => i !== undefined);
    if (lookup && index.postcode !== undefined && (plan.byPostcode || coordCells.every((i) => at(i).trim() === ''))) {
      const pcCol = col(index.postcode);
      const pc = cleanText(at(index.postcode)).toUpperCase();
      const point = pc === '' ? undefined : lookup.points.get(postcodeKey(pc));
      if (pc === '') {
        issues.error(row, pcCol, `row ${row}, column '${pcCol}': the postcode is blank and there are no coordinates, so the place cannot be put on the map`);
        return;
      }
      if (!point) {
        issues.error(row, pcCol, `row ${row}, column '${pcCol}': the postcode '${pc.slice(0, 20)}' is not in the postcode lookup file ${lookup.fileName}, so the place cannot be put on the map`);
        return;
      }
      byPostcode++;
      checker.check(w, {
        name: placeName,
        category,
        kind: 'lon-lat',
        x: point[0],
        y: point[1],
        cols: {
          name: col(index.name),
          category: categoryCol,
          x: pcCol,
          y: pcCol,
          postcode: pcCol,
          ref: col(index.ref),
          address: plan.address.length ? header[plan.address[0]!]! : '',
        },
        address: plan.address.map((i) => cleanText(fields[i] ?? '')).filter((s) => s !== '').join(', '),
        postcode: at(index.postcode),
        ref: at(index.ref),
      });
      return;
    }
    let kind: 'lon-lat' | 'easting-northing' = plan.hasLonLat ? 'lon-lat' : 'easting-northing';
    let alsoGrid: [number, number] | null = null;
    if (plan.hasLonLat && plan.hasGrid) {
      const filled = (i: number | undefined) => at(i).trim() !== '';
      const lonLatFilled = filled(index.lon) || filled(index.lat);
      const gridFilled = filled(index.easting) && filled(index.northing);
      if (!lonLatFilled && gridFilled) kind = 'easting-northing';
      else if (gridFilled) {
        const e = coordOf(at(index.easting), decimalComma);
        const n = coordOf(at(index.northing), decimalComma);
        if (typeof e === 'number' && typeof n === 'number') alsoGrid = [e, n];
      }
    }
    const xi = kind === 'lon-lat' ? index.lon : index.easting;
    const yi = kind === 'lon-lat' ? index.lat : index.northing;
    checker.check(w, {
      name: placeName,
      category,
      kind,
      x: coordOf(at(xi), decimalComma),
      y: coordOf(at(yi), decimalComma),
      cols: {
        name: col(index.name),
        category: categoryCol,
        x: col(xi),
        y: col(yi),
        postcode: col(index.postcode),
        ref: col(index.ref),
        address: plan.address.length ? header[plan.address[0]!]! : '',
      },
      address: plan.address.map((i) => cleanText(fields[i] ?? '')).filter((s) => s !== '').join(', '),
      postcode: at(index.postcode),
      ref: at(index.ref),
      alsoGrid,
    });
  };
  try {
    const res = await readCsv(
      bufferSource(name, bytes),
      {
        encoding,
        bomLength,
        fatal: strict,
        onDelimiter: (d) => {
          out.delimiter = d;
          decimalComma = d === ';';
        },
      },
      onRecord,
    );
    out.delimiter = res.delimiter;
  } catch (err) {
    if (err instanceof InvalidText) throw err;
    if (err instanceof CsvSyntaxError) issues.error(err.row, null, `row ${err.row}: ${err.message.replace(/^row \d+: /, '')}`);
    else if (!(err instanceof StopReading)) throw err;
    return;
  }
  if (!plan) issues.error(null, null, `${name} is empty: there is nothing to import`);
  else if (out.rows === 0) issues.error(null, null, `${name} has a header row but no places`);
  if (byPostcode && lookup) issues.info(`${byPostcode === 1 ? '1 place was' : `${fmt(byPostcode)} places were`} put at the centre of its postcode, from ${lookup.fileName}`);
  if (inactive) issues.info(`${inactive === 1 ? '1 closed or inactive organisation was' : `${fmt(inactive)} closed or inactive organisations were`} left out`);
}

// ---------------------------------------------------------------------------------------------------------------
// GeoJSON

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

function readGeoJsonPlaces(out: ParsedPlaces, text: string, checker: Checker): void {
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

// ---------------------------------------------------------------------------------------------------------------
// Entry point

/** A file that starts with '{' (after any byte-order mark and white space) is read as GeoJSON, whatever its name. */
function looksLikeJson(bytes: Uint8Array, bomLength: number): boolean {
  for (let i = bomLength; i < Math.min(bytes.length, bomLength + 1000); i++) {
    const c = bytes[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b; // '{'
  }
  return false;
}

/** Reads and checks a file of places. Never throws for problems in the file: they are in `issues`. */
export async function parsePlaces(fileName: string, bytes: Uint8Array, bounds: GridBox, opts: PlaceParseOptions = {}): Promise<ParsedPlaces> {
  const fresh = (): ParsedPlaces => ({
    fileName,
    format: null,
    places: [],
    rows: 0,
    coordinates: null,
    repeated: 0,
    issues: new Issues(fileName),
    encoding: null,
    delimiter: null,
  });
  let out = fresh();
  if (bytes.length === 0) {
    out.issues.error(null, null, `${fileName} is empty: there is nothing to import`);
    return out;
  }
  const sniff = sniffHead(bytes.subarray(0, 65536));
  if (!sniff.encoding && sniff.binary) {
    out.issues.error(null, null, `${fileName} does not look like a CSV or GeoJSON file: ${sniff.binary.replace(/, so it is not a CSV text file$/, '')}`);
    return out;
  }
  const encoding: Encoding = sniff.encoding ?? 'utf-8';
  const bomLength = sniff.encoding ? sniff.bomLength : 0;

  if (/\.(geo)?json$/i.test(fileName) || (encoding === 'utf-8' && looksLikeJson(bytes, bomLength))) {
    out.format = 'geojson';
    out.encoding = encoding;
    const checker = new Checker(out.issues, bounds);
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
    } catch {
      out.issues.error(null, null, `${fileName} is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} text; save GeoJSON files as UTF-8`);
      return out;
    }
    readGeoJsonPlaces(out, text, checker);
    out.places = checker.places;
    out.repeated = checker.repeated;
    return out;
  }

  // CSV: UTF-8 is read strictly; a file that turns out not to be UTF-8 is read again as Windows-1252.
  const attempt = async (enc: Encoding, strict: boolean) => {
    const o = fresh();
    o.format = 'csv';
    o.encoding = enc;
    const checker = new Checker(o.issues, bounds);
    await readCsvPlaces(o, bytes, checker, enc, bomLength, strict, opts);
    o.places = checker.places;
    o.repeated = checker.repeated;
    const { 'lon-lat': ll, 'easting-northing': en } = checker.kinds;
    o.coordinates = ll + en === 0 ? null : ll >= en ? 'lon-lat' : 'easting-northing';
    return o;
  };
  try {
    out = await attempt(encoding, encoding === 'utf-8');
  } catch (err) {
    if (!(err instanceof InvalidText)) throw err;
    out = await attempt('windows-1252', false);
  }
  if (out.repeated > 0 && out.issues.errorCount === 0) {
    out.issues.info(`${plural(out.repeated, 'row')} repeated an earlier row and ${out.repeated === 1 ? 'was' : 'were'} left out`);
  }
  return out;
}
