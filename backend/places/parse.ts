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
import type { PlaceCategoryId, PlaceFields } from '../../shared/places.ts';
import { bufferSource, CsvSyntaxError, InvalidText, readCsv, sniffHead, type Delimiter, type Encoding } from '../io/csv.ts';
import { Issues } from '../io/issues.ts';
import { fmt, parseCell, plural } from '../io/numbers.ts';
import { Checker, cleanText, MAX_PLACES, type Coord, type Where } from './check.ts';
import { headerKey, planColumns, type ColumnPlan } from './columns.ts';
import { readGeoJsonPlaces } from './geojson.ts';
import { postcodeKey, type PostcodeLookup } from './postcodes.ts';
import type { GridBox } from './wards.ts';

/** Header matching, also used by the postcode lookup and centres readers (postcodes.ts, centres.ts). */
export { headerKey } from './columns.ts';

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
