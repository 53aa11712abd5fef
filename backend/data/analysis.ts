/**
 * Checking an import and building ward values: the Analysis holds every row of a file in column storage, with
 * the interned indicators, areas and periods, the problems found (Issues), and the ward and council values built
 * from small areas. Nothing here writes to the database.
 */
import type { AmbitionId } from '../../shared/ambitions.ts';
import type {
  ColumnRole,
  DatasetRef,
  ImportCounts,
  ImportFormat,
  ImportIndicatorPlan,
  ImportMapping,
  ImportPreview,
  ImportReport,
  IndicatorSpec,
  SkippedRows,
  SmallAreaType,
  WardCoverage,
} from '../../shared/contract/data.ts';
import { indicatorIdSchema, SKIPPED_ROWS_LISTED } from '../../shared/contract/data.ts';
import type { IndicatorDescription, Polarity, ValueType } from '../../shared/indicators-meta.ts';
import { rollupShares, type LookupShare, type RollupCell, type SmallAreaCounts } from '../../shared/rollup.ts';
import type { Db } from '../db.ts';
import { Columns, copyString, F_BAD, F_MISSING, F_SUPPRESSED, Interner } from './columns.ts';
import { DELIMITER_NAMES, type Delimiter, type Encoding } from './csv.ts';
import { slugId, wideSpecs, type ParsedRow } from './formats.ts';
import { parseAmbition, parsePolarity } from './answers.ts';
import { Issues } from './issues.ts';
import { cleanName } from '../../shared/text.ts';
import { fmt, parseCell, plainChars, plural, rowList } from './numbers.ts';
import { getIndicatorRow, loadLookups, type IndicatorRow, type KnownArea, type LookupPart } from './store.ts';

const WEST = 'E06000062';
const NORTH = 'E06000061';
const LADS = [NORTH, WEST];
const CHERWELL_LSOA = 'E01027305';
const GEO_LABEL: Record<SmallAreaType, string> = { lsoa21: 'LSOA 2021', lsoa11: 'LSOA 2011', oa21: 'output area 2021', msoa11: 'MSOA 2011' };
const ADDITIVE: ReadonlySet<ValueType> = new Set(['count', 'proportion', 'crude-rate', 'isr']);
const RATIO_TYPES: ReadonlySet<ValueType> = new Set(['proportion', 'crude-rate', 'isr', 'mean-score']);
/** Former Northamptonshire county and districts (before April 2021). */
const OLD_NORTHANTS = new Set(['E10000021', 'E07000150', 'E07000151', 'E07000152', 'E07000153', 'E07000154', 'E07000155', 'E07000156']);

// ---------------------------------------------------------------------------------------------------------------
// Indicator metadata

/** Metadata to write (the IndicatorDescription): for a new indicator all of it; for an existing user indicator the overrides. */
export interface IndMeta extends IndicatorDescription {
  sourceId: string;
  isNew: boolean;
  /** True when the user gave metadata for an existing user indicator: update it. */
  update: boolean;
  /** The polarity / ambition came from the file, the mapping or the store (false: a default, to ask about). */
  polarityGiven: boolean;
  ambitionGiven: boolean;
  /** How the value type was decided (for the preview). */
  how: string;
  decile: boolean;
  mostDeprivedFirst: boolean;
}

export interface SrcIndicator {
  idx: number;
  sourceId: string;
  name: string;
  unit: string;
  rows: number;
  firstRow: number;
  withNum: number;
  withDen: number;
  withVal: number;
  valIsNum: number;
  ratios: number[];
  /** Polarity and ambition given in the file (tidy columns), from the first row that gives them. */
  polarity?: Polarity;
  ambition?: AmbitionId;
  meta?: IndMeta;
}

export interface SrcArea {
  idx: number;
  code: string;
  known: KnownArea | undefined;
  /** Rows are not stored: outside Northamptonshire (Fingertips downloads cover all of England). */
  outside: boolean;
  rows: number;
}

function shortName(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 57).trimEnd()}…`;
}

function perN(text: string): number | null {
  const m = /per\s+([\d,]+)/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Guesses the value type and multiplier of a new indicator from its unit, name and numbers. */
function inferType(ind: SrcIndicator, format: ImportFormat): { valueType: ValueType; multiplier: number; unit: string; how: string } {
  const u = ind.unit.toLowerCase();
  const nm = ind.name.toLowerCase();
  const both = `${nm} ${u}`;
  const hasCounts = ind.withNum > 0 && ind.withDen >= ind.withNum;
  if (/decile|quintile|\brank\b/.test(u)) return { valueType: 'rank', multiplier: 1, unit: ind.unit, how: `a rank or decile (unit '${ind.unit}')` };
  if (/\bscore\b/.test(u)) return { valueType: 'mean-score', multiplier: 1, unit: ind.unit, how: `a score (unit '${ind.unit}')` };
  if (/life expectancy/.test(nm)) return { valueType: 'life-expectancy', multiplier: 1, unit: ind.unit || 'years', how: 'life expectancy (from its name)' };
  if (/standardi[sz]ed (admission |mortality |incidence )?ratio|\bsar\b|\bsmr\b|indirectly standardi/.test(both)) {
    return { valueType: 'isr', multiplier: 100, unit: ind.unit || 'ratio (England = 100)', how: 'an indirectly standardised ratio (from its name)' };
  }
  if (/directly (age[- ])?standardi[sz]ed|\bdsr\b|age[- ]standardi[sz]ed|mortality rate/.test(both)) {
    const m = perN(both) ?? 100000;
    return { valueType: 'dsr', multiplier: m, unit: ind.unit || `per ${fmt(m)}`, how: 'a directly standardised rate (from its name)' };
  }
  if (/^%|percent|proportion|^%$/.test(u)) {
    return { valueType: 'proportion', multiplier: 100, unit: ind.unit, how: `a percentage (unit '${ind.unit}')` };
  }
  const m = perN(u);
  if (m) return { valueType: 'crude-rate', multiplier: m, unit: ind.unit, how: `a rate per ${fmt(m)} (unit '${ind.unit}')` };
  if (/^(count|number|people|persons|households)\b/.test(u)) {
    if (hasCounts && ind.withDen > 0) {
      return { valueType: 'proportion', multiplier: 100, unit: '%', how: `a count with a denominator, read as a percentage (numerator ÷ denominator × 100)` };
    }
    return { valueType: 'count', multiplier: 1, unit: ind.unit, how: `a count (unit '${ind.unit}')` };
  }
  if (ind.ratios.length >= 1) {
    // value ÷ (count ÷ denominator): 100 for a percentage, 100,000 for a rate per 100,000. Most rows must agree.
    const r = median(ind.ratios);
    for (const c of [100, 1000, 10000, 100000, 1000000]) {
      const agree = ind.ratios.filter((x) => Math.abs(x / c - 1) < 0.02).length;
      if (Math.abs(r / c - 1) < 0.02 && agree >= 0.8 * ind.ratios.length) {
        if (c === 100) return { valueType: 'proportion', multiplier: 100, unit: ind.unit || '%', how: 'a percentage (the values are count ÷ denominator × 100)' };
        return { valueType: 'crude-rate', multiplier: c, unit: ind.unit || `per ${fmt(c)}`, how: `a rate per ${fmt(c)} (the values are count ÷ denominator × ${fmt(c)})` };
      }
    }
  }
  if (format !== 'fingertips' && ind.withNum > 0 && ind.withDen === 0 && ind.withVal <= ind.withNum) {
    return { valueType: 'count', multiplier: 1, unit: ind.unit || 'count', how: 'a count (numerators without denominators)' };
  }
  return { valueType: 'other', multiplier: 1, unit: ind.unit, how: 'not known' };
}

// ---------------------------------------------------------------------------------------------------------------
// Built values (ward and council values summed from small areas; parent rows of age bands)

export interface Built {
  ind: IndMeta;
  area: string;
  areaType: 'ward' | 'lad';
  period: string;
  sex: string;
  age: string;
  num: number;
  den: number;
  val: number;
  /** Where some small-area counts were suppressed (mapping `suppressedBelow`): the sum with each at its maximum; `num` is the sum with each at 0. */
  numUpper?: number;
  estimate: boolean;
  note: string | null;
}

interface Series {
  ind: number;
  period: number;
  sexAge: number;
  rows: number[];
}

interface Universe {
  ward: Map<string, Set<string>>;
  lad: Map<string, Set<string>>;
}

export function finite(x: number): boolean {
  return x === x && x !== Infinity && x !== -Infinity;
}

export function orNull(x: number): number | null {
  return finite(x) ? x : null;
}

/** What an import would do, without doing it. Produced by analyse(); consumed by the preview and the writer. */
export class Analysis {
  readonly issues: Issues;
  format: ImportFormat | null = null;
  formatSource: 'detected' | 'chosen' = 'detected';
  encoding: Encoding = 'utf-8';
  delimiter: Delimiter | null = null;
  sha256 = '';
  bytes = 0;
  header: string[] = [];
  firstRows: string[][] = [];
  columnRoles: ColumnRole[] = [];
  rowsRead = 0;
  rowsLeftOut = 0;
  rowsMissing = 0;
  /** Of rowsMissing: rows with a denominator whose count the publisher suppressed (mapping `suppressedBelow`): a range in sums. */
  rowsRanged = 0;
  duplicateOf: DatasetRef[] = [];

  readonly cols: Columns;
  readonly indicators = new Map<string, SrcIndicator>();
  readonly indList: SrcIndicator[] = [];
  readonly areas = new Map<string, SrcArea>();
  readonly areaList: SrcArea[] = [];
  readonly periods = new Interner();
  readonly sexAges = new Interner();
  readonly bands = new Interner();
  readonly notes = new Interner();
  readonly hints = new Interner();
  /** Extra indicators made by the import (population in the most deprived 10% / 20%). */
  readonly derived: IndMeta[] = [];
  built: Built[] = [];
  /** Order in which file rows are written (primary-key order). */
  order: Uint32Array | null = null;
  plans: ImportIndicatorPlan[] = [];
  private wardPlan = new Map<string, ImportIndicatorPlan['wards']>();
  private planNotes = new Map<string, string[]>();

  // per-row scratch for the cell reader
  private rowSuppressed = false;
  private rowBad = false;
  private suppressedRows: number[] = [];
  private rangedRows: number[] = [];
  private suppressedCells = 0;
  private suppressedExample: { row: number; column: string; marker: string } | null = null;
  private decimalComma = false;
  private readonly weightsAnnounced = new Set<string>();
  private lastSex = '';
  private lastAge = '';
  private lastSexAge = -1;
  private lastIndKey: string | null = null;
  private lastInd: SrcIndicator | undefined;
  /** Errors about single rows (a partial import can skip them): direct issues, and grouped issue keys. */
  private rowErrorIssues = 0;
  private readonly rowErrorGroups = new Set<string>();
  /** File rows with an error: the first reason for each. */
  readonly rowReasons = new Map<number, { column: string | null; reason: string }>();
  /** The fields of the first rows with errors, read again from the file (for the list and its CSV). */
  readonly rejectedFields = new Map<number, string[]>();

  constructor(
    readonly fileName: string,
    readonly mapping: ImportMapping | undefined,
    capacity: number,
  ) {
    this.issues = new Issues(fileName);
    this.cols = new Columns(capacity);
  }

  get errors(): number {
    return this.issues.errorCount;
  }

  /** An error about one row: reported, and the row is listed among the rows a partial import skips. */
  rowError(row: number, column: string | null, message: string): void {
    this.issues.error(row, column, message);
    this.rowErrorIssues++;
    this.noteRejected(row, column, message);
  }

  /** A grouped error about rows (one line for many rows); each row is listed with `reason`. */
  private rowErrorGroup(key: string, row: number, column: string | null, make: (rows: number[], count: number) => string, reason: string): void {
    this.issues.group(key, 'error', row, column, make);
    this.rowErrorGroups.add(key);
    this.noteRejected(row, column, reason);
  }

  private noteRejected(row: number, column: string | null, reason: string): void {
    if (!this.rowReasons.has(row)) this.rowReasons.set(row, { column: column === null ? null : copyString(column), reason: copyString(reason) });
  }

  /** Every error is about single rows (none about the file as a whole). */
  get onlyRowErrors(): boolean {
    const e = this.errors;
    return e > 0 && e === this.rowErrorIssues + this.rowErrorGroups.size;
  }

  /** A file row with an error is skipped whole: every value read from it (a wide row gives several) is left out. */
  rejectWholeRows(): void {
    if (this.rowReasons.size === 0) return;
    const c = this.cols;
    for (let i = 0; i < c.n; i++) if (!(c.flags[i]! & F_BAD) && this.rowReasons.has(c.row[i]!)) c.flags[i]! |= F_BAD;
  }

  /** File rows that keep at least one value (rows with errors are skipped whole). */
  private goodRows(): number {
    const c = this.cols;
    let n = 0;
    let last = -1;
    for (let i = 0; i < c.n; i++) {
      const r = c.row[i]!;
      if (r === last || c.flags[i]! & F_BAD || this.rowReasons.has(r)) continue;
      last = r;
      n++;
    }
    return n;
  }

  skipped(valuesToWrite: number): SkippedRows {
    const rows = [...this.rowReasons.keys()]
      .sort((x, y) => x - y)
      .slice(0, SKIPPED_ROWS_LISTED)
      .map((row) => {
        const r = this.rowReasons.get(row)!;
        return { row, column: r.column, reason: r.reason, fields: this.rejectedFields.get(row) ?? [] };
      });
    const goodRows = this.goodRows();
    return { total: this.rowReasons.size, rows, goodRows, canSkip: this.onlyRowErrors && goodRows > 0 && valuesToWrite > 0 };
  }

  // --------------------------------------------------------------------------------------- reading

  readonly cells = {
    num: (text: string | undefined, row: number, column: string): number => {
      if (text === undefined || text.length === 0) return NaN;
      if (plainChars(text)) {
        const v = +text;
        if (v === v && v !== Infinity && v !== -Infinity && (v !== 0 || !underflows(text))) return v; // fast path: a plain number
      }
      const c = parseCell(text, this.decimalComma);
      if (c.kind === 'number' && c.value === 0 && underflows(text)) {
        // 1e-400 reads as 0 in floating point: refused like 1e309, never stored as a silent 0.
        this.rowBad = true;
        const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
        this.issues.error(row, column, `row ${row}, column '${column}': '${shown}' is too small to store (it would become 0); check the value`);
        return NaN;
      }
      if (c.kind === 'number') return c.value;
      if (c.kind === 'blank') return NaN;
      if (c.kind === 'suppressed') {
        this.rowSuppressed = true;
        this.suppressedCells++;
        this.suppressedExample ??= { row, column, marker: c.marker };
        return NaN;
      }
      this.rowBad = true;
      const shown = c.text.length > 40 ? `${c.text.slice(0, 40)}…` : c.text;
      this.rowError(row, column, `row ${row}, column '${column}': '${shown}' is not a number`);
      return NaN;
    },
  };

  setDelimiter(d: Delimiter): void {
    this.delimiter = d;
    this.decimalComma = d === ';';
  }

  beginRow(): void {
    this.rowSuppressed = false;
    this.rowBad = false;
  }

  /** The polarity / ambition columns of a tidy row; true when one is not recognised (a row error). */
  private readAnswers(r: ParsedRow, ind: SrcIndicator): boolean {
    let bad = false;
    if (r.polarity && !ind.polarity) {
      const p = parsePolarity(r.polarity);
      if (p) ind.polarity = p;
      else {
        this.rowError(r.row, 'polarity', `row ${r.row}, column 'polarity': '${r.polarity.slice(0, 40)}' is not one of high-is-good, low-is-good, no-judgement`);
        bad = true;
      }
    }
    if (r.ambition && !ind.ambition) {
      const a = parseAmbition(r.ambition);
      if (a) ind.ambition = a;
      else {
        this.rowError(r.row, 'ambition', `row ${r.row}, column 'ambition': '${r.ambition.slice(0, 40)}' is not an ambition (give its number, 0 to 10, or its id, such as fit-well)`);
        bad = true;
      }
    }
    return bad;
  }

  markBadRow(): void {
    this.rowBad = true;
  }

  /** Stores one parsed row (called by the format's reader). */
  add = (r: ParsedRow, known: Map<string, KnownArea>): void => {
    if (r.leaveOut) {
      this.rowsLeftOut++;
      this.issues.group(`leftout:${r.leaveOut}`, 'warning', r.row, 'Category Type', (_rows, n) =>
        `${plural(n, 'row')} of inequality breakdowns (a "Category Type" such as deprivation deciles or ethnic groups) were left out: LAP Insight stores whole-area values only`,
      );
      return;
    }
    let bad = this.rowBad;
    if (!r.areaCode) {
      this.rowError(r.row, null, `row ${r.row}: the area code is blank`);
      bad = true;
    }
    if (!r.indicator) {
      this.rowError(r.row, null, `row ${r.row}: the indicator id is blank`);
      bad = true;
    }
    if (!r.period) {
      this.rowError(r.row, null, `row ${r.row}: the period is blank`);
      bad = true;
    } else if (r.period.length > 100) {
      this.rowError(r.row, null, `row ${r.row}: the period is longer than 100 characters`);
      bad = true;
    }
    // area
    let area = this.areas.get(r.areaCode);
    if (!area) {
      r.areaCode = copyString(r.areaCode);
      const k = known.get(r.areaCode);
      // Fingertips downloads cover all of England: an unknown area is outside Northamptonshire unless its parent is one
      // of our councils (then it is an error: e.g. a ward code we do not know).
      const outside = !k && this.format === 'fingertips' && !LADS.includes(r.parentCode);
      area = { idx: this.areaList.length, code: r.areaCode, known: k, outside, rows: 0 };
      this.areas.set(r.areaCode, area);
      this.areaList.push(area);
    }
    area.rows++;
    if (area.outside) {
      this.rowsLeftOut++;
      const oldNorthants = OLD_NORTHANTS.has(r.areaCode) || OLD_NORTHANTS.has(r.parentCode);
      this.issues.group(oldNorthants ? 'outside-old' : 'outside', 'warning', r.row, null, (rows, n) =>
        oldNorthants
          ? `${plural(n, 'row')} for areas of the former Northamptonshire county and districts (before April 2021) were left out (${rowList(rows, n)}): they cannot be placed in today's wards and councils`
          : `${plural(n, 'row')} for areas outside West and North Northamptonshire were left out (${rowList(rows, n)})`,
      );
      return;
    }
    if (!area.known && r.areaCode) {
      const code = r.areaCode;
      this.rowErrorGroup(`unknown:${code}`, r.row, null, (rows, n) => `${unknownAreaMessage(code)} (${rowList(rows, n)})`, unknownAreaMessage(code));
      bad = true;
    } else if (area.known?.type === 'lap') {
      this.rowErrorGroup(`lap:${r.areaCode}`, r.row, null, (rows, n) => `area code ${r.areaCode} is a LAP: import ward values instead (${rowList(rows, n)})`, `area code ${r.areaCode} is a LAP, not a ward`);
      bad = true;
    }
    // indicator (consecutive rows usually share one)
    let ind = r.indicator === this.lastIndKey ? this.lastInd : this.indicators.get(r.indicator);
    if (!ind) {
      const sourceId = copyString(r.indicator);
      ind = {
        idx: this.indList.length,
        sourceId,
        name: copyString(r.indicatorName) || sourceId,
        unit: copyString(r.unit),
        rows: 0,
        firstRow: r.row,
        withNum: 0,
        withDen: 0,
        withVal: 0,
        valIsNum: 0,
        ratios: [],
      };
      this.indicators.set(sourceId, ind);
      this.indList.push(ind);
    }
    this.lastIndKey = r.indicator;
    this.lastInd = ind;
    ind.rows++;
    if ((r.polarity && !ind.polarity) || (r.ambition && !ind.ambition)) bad = this.readAnswers(r, ind) || bad;
    const num = r.numerator;
    const den = r.denominator;
    const val = r.value;
    const hasNum = finite(num);
    const hasDen = finite(den);
    const hasVal = finite(val);
    if (hasNum) ind.withNum++;
    if (hasDen) ind.withDen++;
    if (hasVal) ind.withVal++;
    if (hasVal && hasNum && val === num) ind.valIsNum++;
    if (hasVal && hasNum && hasDen && num > 0 && den > 0 && ind.ratios.length < 200) ind.ratios.push(val / (num / den));

    const c = this.cols;
    const i = c.push();
    c.row[i] = r.row;
    c.ind[i] = ind.idx;
    c.area[i] = area.idx;
    c.period[i] = this.periods.id(r.period);
    if (r.sex !== this.lastSex || r.age !== this.lastAge) {
      this.lastSex = r.sex;
      this.lastAge = r.age;
      this.lastSexAge = this.sexAges.id(`${r.sex}\u0000${r.age}`);
    }
    c.sexAge[i] = this.lastSexAge;
    c.band[i] = r.band ? this.bands.id(r.band) : -1;
    c.hint[i] = r.areaType ? this.hints.id(r.areaType) : -1;
    c.note[i] = r.note ? this.notes.id(r.note) : -1;
    c.num[i] = num;
    c.den[i] = den;
    c.val[i] = val;
    c.l95[i] = r.ci95Lower;
    c.u95[i] = r.ci95Upper;
    c.l998[i] = r.ci998Lower;
    c.u998[i] = r.ci998Upper;
    let flags = 0;
    if (!hasVal && !hasNum) {
      flags |= F_MISSING;
      if (!bad) {
        this.rowsMissing++;
        if (hasDen && this.mapping?.suppressedBelow !== undefined && (area.known?.geographies.length ?? 0) > 0) {
          this.rowsRanged++;
          if (this.rangedRows.length < 5) this.rangedRows.push(r.row);
        } else if (this.suppressedRows.length < 5) this.suppressedRows.push(r.row);
      }
    }
    if (this.rowSuppressed) flags |= F_SUPPRESSED;
    if (bad) flags |= F_BAD;
    c.flags[i] = flags;
  };

  finishReading(): void {
    const below = this.mapping?.suppressedBelow;
    if (this.rowsRanged > 0 && below !== undefined) {
      const n = this.rowsRanged;
      this.issues.info(
        `${plural(n, 'value')} ${n === 1 ? 'was' : 'were'} suppressed by the publisher (below ${below}); each is counted as 0 to ${below - 1} when small areas are added up into wards and councils, and its area's denominator is kept (${rowList(this.rangedRows, n)})`,
        n,
      );
    }
    const plainMissing = this.rowsMissing - this.rowsRanged;
    if (plainMissing > 0) {
      const ex = this.suppressedExample;
      const markers = this.suppressedCells > 0 ? ` (${plural(this.suppressedCells, 'cell')} with a suppression marker such as *, c, .., x or -${ex ? `, e.g. row ${ex.row}, column '${ex.column}': '${ex.marker}'` : ''})` : '';
      this.issues.warning(
        this.suppressedRows[0] ?? null,
        null,
        `${plural(plainMissing, 'value')} ${plainMissing === 1 ? 'is' : 'are'} suppressed or blank${markers}: stored as missing, not zero (${rowList(this.suppressedRows, plainMissing)})`,
        plainMissing,
      );
    }
  }

  // --------------------------------------------------------------------------------------- checking

  /** Indicator metadata: the stored indicator if it exists, else inferred from the file and the mapping. */
  resolveIndicators(db: Db): void {
    const overrides = this.mapping?.indicators ?? {};
    const wide = wideSpecs(this.mapping);
    const finalIds = new Map<string, string>();
    const guessed = new Map<string, string[]>();
    for (const ind of this.indList) {
      const over: IndicatorSpec = { ...(wide.get(ind.sourceId) ?? {}), ...(overrides[ind.sourceId] ?? {}) };
      delete (over as { period?: string }).period;
      delete (over as { denominatorColumn?: string }).denominatorColumn;
      let id = over.id ?? (this.format === 'fingertips' ? `fingertips-${ind.sourceId}` : ind.sourceId);
      if (!indicatorIdSchema.safeParse(id).success) {
        const slug = slugId(id);
        this.issues.info(`indicator '${id}' is stored as '${slug}' (ids use letters, digits, _ . : and -)`);
        id = slug;
      }
      const clash = finalIds.get(id);
      if (clash !== undefined) this.issues.error(ind.firstRow, null, `indicators '${clash}' and '${ind.sourceId}' would both be stored as '${id}'`);
      finalIds.set(id, ind.sourceId);
      const existing = getIndicatorRow(db, id);
      const givenKeys = Object.keys(over).filter((k) => k !== 'id' && k !== 'name');
      if (existing) {
        const bundled = existing.dataset_id !== null && (db.prepare('SELECT kind FROM dataset WHERE id = ?').get(existing.dataset_id) as { kind: string } | undefined)?.kind === 'bundled';
        const update = givenKeys.length > 0 && !bundled;
        if (givenKeys.length > 0 && bundled) this.issues.warning(null, null, `indicator '${id}' ships with LAP Insight: its description was not changed (the values are added to it)`);
        ind.meta = fromRow(existing, ind.sourceId, update ? over : {}, update);
      } else {
        const t = inferType(ind, this.format ?? 'tidy');
        const valueType = over.valueType ?? t.valueType;
        const multiplier = over.multiplier ?? (over.valueType && over.valueType !== t.valueType ? defaultMultiplier(over.valueType, ind.unit) : t.multiplier);
        const unit = over.unit ?? (over.valueType && over.valueType !== t.valueType ? ind.unit : t.unit);
        // From the file or the mapping: never a control or bidi character in a stored name (shared/text.ts).
        const name = cleanName(over.name ?? ind.name) || ind.sourceId;
        const how = over.valueType ? 'given in the mapping' : t.how;
        ind.meta = {
          id,
          sourceId: ind.sourceId,
          isNew: true,
          catalogueId: over.catalogueId ?? null,
          name,
          shortName: cleanName(over.shortName ?? '') || shortName(name),
          ambition: over.ambition ?? ind.ambition ?? this.mapping?.ambition ?? 'context',
          topic: cleanName(over.topic ?? ''),
          definition: over.definition ?? name,
          valueType,
          multiplier,
          unit: cleanName(unit),
          polarity: over.polarity ?? ind.polarity ?? this.mapping?.polarity ?? 'no-judgement',
          missingIsZero: over.missingIsZero ?? false,
          disclosureControlled: over.disclosureControlled ?? false,
          wardLevel: over.wardLevel ?? true,
          methodNote: over.methodNote ?? '',
          update: false,
          polarityGiven: over.polarity !== undefined || ind.polarity !== undefined || this.mapping?.polarity !== undefined,
          ambitionGiven: over.ambition !== undefined || ind.ambition !== undefined || this.mapping?.ambition !== undefined,
          how,
          decile: false,
          mostDeprivedFirst: false,
        };
        if (!over.valueType && (t.valueType === 'other' || this.format === 'fingertips')) {
          const l = guessed.get(t.how) ?? [];
          l.push(id);
          guessed.set(t.how, l);
        }
      }
      const m = ind.meta;
      m.decile = /decile/i.test(`${ind.unit} ${m.unit}`) || /decile/i.test(ind.sourceId);
      m.mostDeprivedFirst = /1\s*=\s*most deprived/i.test(`${ind.unit} ${m.unit} ${m.name}`);
    }
    const unasked = this.indList.filter((x) => x.meta && (!x.meta.polarityGiven || !x.meta.ambitionGiven)).map((x) => x.meta!.id);
    if (unasked.length > 0) {
      const shown = unasked.slice(0, 4).map((x) => `'${x}'`).join(', ') + (unasked.length > 4 ? ` and ${unasked.length - 4} more` : '');
      this.issues.info(
        `the file does not say whether a higher value is better or worse, nor which ambition ${unasked.length === 1 ? 'its indicator belongs' : 'its indicators belong'} to (${shown}): stored as 'no judgement' and 'context' unless you choose (in the import, or with --polarity and --ambition on the command line)`,
        unasked.length,
      );
    }
    for (const [how, ids] of guessed) {
      const shown = ids.slice(0, 4).map((x) => `'${x}'`).join(', ') + (ids.length > 4 ? ` and ${ids.length - 4} more` : '');
      const verb = how.startsWith('not known') ? 'has a value type that could not be worked out' : `was read as ${how}`;
      this.issues.info(`${plural(ids.length, 'indicator')} (${shown}) ${ids.length === 1 ? verb : verb.replace(/^has/, 'have').replace(/^was/, 'were')}; if that is wrong, give the value type in a mapping`, ids.length);
    }
  }

  /** Checks every stored row against its indicator (numerator within denominator, deciles 1-10, ...). */
  checkRows(): void {
    const c = this.cols;
    const mismatch: { rows: number[]; n: number; example: string } = { rows: [], n: 0, example: '' };
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD) continue;
      const meta = this.indList[c.ind[i]!]!.meta!;
      const row = c.row[i]!;
      const num = c.num[i]!;
      const den = c.den[i]!;
      const val = c.val[i]!;
      const t = meta.valueType;
      // Numerators and denominators are counts of people or events, whatever the value type: never negative.
      if (finite(num) && num < 0) {
        this.rowError(row, null, `row ${row}: numerator ${fmt(num)} is negative (a count cannot be below zero)`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if (finite(den) && den < 0) {
        this.rowError(row, null, `row ${row}: denominator ${fmt(den)} is negative (a count cannot be below zero)`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if (t === 'count' && finite(val) && val < 0) {
        this.rowError(row, null, `row ${row}: count ${fmt(val)} is negative (a count cannot be below zero)`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if ((t === 'proportion' || t === 'crude-rate') && finite(num) && finite(den) && den === 0) {
        this.rowError(row, null, `row ${row}: the denominator is 0, so no ${t === 'proportion' ? 'percentage' : 'rate'} can be worked out`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if ((t === 'proportion' || (t === 'count' && finite(den))) && finite(num) && finite(den) && num > den) {
        this.rowError(row, null, `row ${row}: numerator ${fmt(num)} is greater than denominator ${fmt(den)}`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if (finite(c.l95[i]!) && finite(c.u95[i]!) && c.l95[i]! > c.u95[i]!) {
        this.rowError(row, null, `row ${row}: the lower 95% limit ${fmt(c.l95[i]!)} is above the upper limit ${fmt(c.u95[i]!)}`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if (meta.decile && finite(val) && !(Number.isInteger(val) && val >= 1 && val <= 10)) {
        this.rowError(row, null, `row ${row}: decile ${fmt(val)} is not a whole number from 1 to 10`);
        c.flags[i]! |= F_BAD;
        continue;
      }
      if (RATIO_TYPES.has(t) && finite(val) && finite(num) && finite(den) && den > 0 && val !== num) {
        const computed = (num / den) * meta.multiplier;
        if (Math.abs(val - computed) > 0.01 * Math.abs(computed) + 0.051) {
          mismatch.n++;
          if (mismatch.rows.length < 5) mismatch.rows.push(row);
          mismatch.example ||= `row ${row}: ${fmt(val)}, while ${fmt(num)} ÷ ${fmt(den)} × ${fmt(meta.multiplier)} = ${fmt(Math.round(computed * 1000) / 1000)}`;
        }
      }
    }
    if (mismatch.n > 0) {
      this.issues.warning(
        mismatch.rows[0]!,
        null,
        `in ${plural(mismatch.n, 'row')} the value is not numerator ÷ denominator × multiplier (${mismatch.example}); the file's values are kept, but check the value type and multiplier`,
        mismatch.n,
      );
    }
  }

  /** Composite key per row (indicator, area, period, sex/age, band) in primary-key order; sorted; duplicates reported. */
  checkDuplicates(): void {
    const c = this.cols;
    const n = c.n;
    if (n === 0) return;
    const indRank = new Int32Array(this.indList.length);
    this.indList
      .map((x, i) => [x.meta?.id ?? x.sourceId, i] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .forEach(([, i], r) => (indRank[i] = r));
    const areaRank = new Int32Array(this.areaList.length);
    this.areaList
      .map((a, i) => [a.code, i] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .forEach(([, i], r) => (areaRank[i] = r));
    const periodRank = this.periods.ranks();
    const saRank = this.sexAges.ranks();
    const bandRank = this.bands.ranks();
    const nI = this.indList.length;
    const nA = this.areaList.length;
    const nP = this.periods.size;
    const nS = this.sexAges.size;
    const nB = this.bands.size + 1;
    const keySpace = nI * nA * nP * nS * nB;
    const keyOf = (i: number) => ((indRank[c.ind[i]!]! * nA + areaRank[c.area[i]!]!) * nP + periodRank[c.period[i]!]!) * nS * nB + saRank[c.sexAge[i]!]! * nB + (c.band[i]! < 0 ? 0 : bandRank[c.band[i]!]! + 1);
    const dups: [number, number][] = [];
    let order: Uint32Array;
    if (keySpace * n < 2 ** 52) {
      // Packed numeric keys: one native typed-array sort.
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) packed[i] = keyOf(i) * n + i;
      packed.sort();
      order = new Uint32Array(n);
      let prevKey = -1;
      let prevRow = -1;
      for (let k = 0; k < n; k++) {
        const p = packed[k]!;
        const key = Math.floor(p / n);
        const i = p - key * n;
        order[k] = i;
        if (key === prevKey) dups.push([prevRow, i]);
        else {
          prevKey = key;
          prevRow = i;
        }
      }
    } else {
      const keys = new Array<string>(n);
      for (let i = 0; i < n; i++) keys[i] = `${indRank[c.ind[i]!]}\u0000${areaRank[c.area[i]!]}\u0000${periodRank[c.period[i]!]}\u0000${saRank[c.sexAge[i]!]}\u0000${c.band[i]}`;
      const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
      order = Uint32Array.from(idx);
      for (let k = 1; k < n; k++) if (keys[idx[k]!] === keys[idx[k - 1]!]) dups.push([idx[k - 1]!, idx[k]!]);
    }
    this.order = order;
    let benign = 0;
    for (const [a, b] of dups) {
      if (this.format === 'fingertips' && sameNumbers(c, a, b) && c.hint[a] !== c.hint[b]) {
        // Fingertips lists a unitary council under two area types with the same numbers: keep one.
        c.flags[b]! |= F_BAD;
        benign++;
        continue;
      }
      c.flags[a]! |= F_BAD;
      c.flags[b]! |= F_BAD;
      const ind = this.indList[c.ind[a]!]!;
      const [sex, age] = this.sexAges.list[c.sexAge[a]!]!.split('\u0000');
      const breakdown = this.sexAges.size > 1 ? `, ${sex}, ${age}` : '';
      const band = c.band[a]! >= 0 ? `, age band ${this.bands.list[c.band[a]!]}` : '';
      const [r1, r2] = [c.row[a]!, c.row[b]!].sort((x, y) => x - y);
      const what = `indicator '${ind.sourceId}' for area ${this.areaList[c.area[a]!]!.code}, period ${this.periods.list[c.period[a]!]}${breakdown}${band}`;
      this.rowError(r1!, null, `rows ${r1} and ${r2} are duplicates: both give ${what}`);
      this.noteRejected(r2!, null, `rows ${r1} and ${r2} are duplicates: both give ${what}`);
    }
    if (benign > 0) this.issues.info(`${plural(benign, 'row')} repeated an area under a second area type with the same numbers; each was stored once`, benign);
  }

  /** Values that already exist in the store (from other datasets) for the same key. */
  checkStoreClashes(db: Db, replacing: number[]): void {
    const c = this.cols;
    const byInd = new Map<number, number[]>();
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
      const ind = this.indList[c.ind[i]!]!;
      if (ind.meta?.isNew) continue;
      let list = byInd.get(ind.idx);
      if (!list) byInd.set(ind.idx, (list = []));
      list.push(i);
    }
    const q = db.prepare('SELECT area_code, period, sex, age, dataset_id FROM value WHERE indicator_id = ?');
    for (const [indIdx, rows] of byInd) {
      const ind = this.indList[indIdx]!;
      const existing = new Map<string, number>();
      for (const r of q.all(ind.meta!.id) as { area_code: string; period: string; sex: string; age: string; dataset_id: number }[]) {
        if (replacing.includes(r.dataset_id)) continue;
        existing.set(`${r.area_code}\u0000${r.period}\u0000${r.sex}\u0000${r.age}`, r.dataset_id);
      }
      if (existing.size === 0) continue;
      for (const i of rows) {
        const key = `${this.areaList[c.area[i]!]!.code}\u0000${this.periods.list[c.period[i]!]}\u0000${this.sexAges.list[c.sexAge[i]!]}`;
        const ds = existing.get(key);
        if (ds === undefined) continue;
        c.flags[i]! |= F_BAD;
        const d = db.prepare('SELECT id, kind, name, file_name FROM dataset WHERE id = ?').get(ds) as { id: number; kind: string; name: string; file_name: string };
        const id = ind.meta!.id;
        this.rowErrorGroup(`clash:${id}:${ds}`, c.row[i]!, null, (rws, n) =>
          d.kind === 'bundled'
            ? `indicator '${id}' already has values from the bundled dataset '${d.name}' for ${plural(n, 'of these rows', 'of these rows')} (${rowList(rws, n)}): bundled values cannot be replaced; import these under a different indicator id`
            : `indicator '${id}' already has values from dataset ${d.id} ('${d.file_name}') for ${plural(n, 'of these rows', 'of these rows')} (${rowList(rws, n)}): delete that dataset first (lap-insight datasets delete ${d.id}), or use a different indicator id`,
          `indicator '${id}' already has a value for this area and period, from ${d.kind === 'bundled' ? `the bundled dataset '${d.name}'` : `dataset ${d.id} ('${d.file_name}')`}`,
        );
      }
    }
  }

  // --------------------------------------------------------------------------------------- building ward values

  /** Ward (and council) values from small-area rows, through the lookups. */
  build(db: Db): void {
    const c = this.cols;
    const lookups = loadLookups(db);
    const wards = (db.prepare("SELECT code FROM area WHERE type = 'ward' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
    const universes = new Map<SmallAreaType, Universe>();
    for (const [g, m] of lookups) {
      const u: Universe = { ward: new Map(), lad: new Map() };
      for (const [code, parts] of m) {
        for (const p of parts) {
          if (p.weight <= 0) continue;
          let s = u.ward.get(p.ward);
          if (!s) u.ward.set(p.ward, (s = new Set()));
          s.add(code);
        }
        const lad = parts[0]!.lad;
        let s = u.lad.get(lad);
        if (!s) u.lad.set(lad, (s = new Set()));
        s.add(code);
      }
      universes.set(g, u);
    }

    // Group rows by series; note which series the file already gives ward / council values for.
    const small = new Map<number, Series>();
    const givenWard = new Set<number>();
    const givenLad = new Set<number>();
    const bandGroups = new Map<string, { rows: number[]; parent: boolean }>();
    const nP = this.periods.size;
    const nS = this.sexAges.size;
    const seriesKey = (i: number) => (c.ind[i]! * nP + c.period[i]!) * nS + c.sexAge[i]!;
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD || c.band[i]! < 0) continue;
      const bk = `${seriesKey(i)}|${c.area[i]}`;
      let g = bandGroups.get(bk);
      if (!g) bandGroups.set(bk, (g = { rows: [], parent: false }));
      g.rows.push(i);
    }
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
      const area = this.areaList[c.area[i]!]!;
      const type = area.known?.type;
      const key = seriesKey(i);
      const g = bandGroups.get(`${key}|${area.idx}`);
      if (g) g.parent = true;
      if (type === 'ward') givenWard.add(key);
      else if (type === 'lad') givenLad.add(key);
      else if (type === 'lsoa21' || type === 'lsoa11' || type === 'oa21' || type === 'msoa11') {
        let s = small.get(key);
        if (!s) small.set(key, (s = { ind: c.ind[i]!, period: c.period[i]!, sexAge: c.sexAge[i]!, rows: [] }));
        s.rows.push(i);
      }
    }
    // Rows of age bands: a parent value row is made when the file has none.
    for (const g of bandGroups.values()) {
      if (g.parent || g.rows.length === 0) continue;
      const i0 = g.rows[0]!;
      const area = this.areaList[c.area[i0]!]!;
      if (area.known?.type !== 'ward' && area.known?.type !== 'lad') {
        this.issues.group(`band-small:${c.ind[i0]}`, 'warning', c.row[i0]!, null, (rows, n) =>
          `age-band rows of indicator '${this.indList[c.ind[i0]!]!.sourceId}' for small areas are stored for those areas only: age bands are not yet combined into wards (${rowList(rows, n)})`,
        );
        continue;
      }
      let num = 0;
      let den = 0;
      for (const i of g.rows) {
        num += c.num[i]!;
        den += c.den[i]!;
      }
      const [sex, age] = this.sexAges.list[c.sexAge[i0]!]!.split('\u0000') as [string, string];
      this.built.push({
        ind: this.indList[c.ind[i0]!]!.meta!,
        area: area.code,
        areaType: area.known.type,
        period: this.periods.list[c.period[i0]!]!,
        sex,
        age,
        num: finite(num) ? num : NaN,
        den: finite(den) ? den : NaN,
        val: NaN,
        estimate: false,
        note: `totals of ${g.rows.length} age bands`,
      });
    }

    const smallOnly = new Map<string, string>();
    const incomplete: { n: number; example: string } = { n: 0, example: '' };
    const weightsCache = new Map<string, { map: Map<string, number>; label: string } | null>();
    for (const s of small.values()) {
      const ind = this.indList[s.ind]!;
      const meta = ind.meta!;
      const key = (s.ind * nP + s.period) * nS + s.sexAge;
      const geo = this.seriesGeography(s);
      if (!geo) continue;
      s.rows = s.rows.filter((i) => !(c.flags[i]! & F_BAD)); // rows refused by the geography check are not summed
      const lookup = lookups.get(geo);
      const universe = universes.get(geo);
      if (!lookup || !universe) {
        smallOnly.set(meta.id, `no ${GEO_LABEL[geo]} lookup is loaded`);
        continue;
      }
      const period = this.periods.list[s.period]!;
      const [sex, age] = this.sexAges.list[s.sexAge]!.split('\u0000') as [string, string];
      const t = meta.valueType;
      const ctx: BuildCtx = { s, geo, lookup, universe, wards, period, sex, age, wantWards: !givenWard.has(key), wantLads: !givenLad.has(key), incomplete };
      if (ADDITIVE.has(t)) {
        const rows: SmallAreaCounts[] = [];
        let noCounts = 0;
        let noDen = 0;
        for (const i of s.rows) {
          const num = finite(c.num[i]!) ? c.num[i]! : t === 'count' && finite(c.val[i]!) ? c.val[i]! : NaN;
          if (!finite(num) && finite(c.val[i]!)) noCounts++;
          if (t !== 'count' && finite(num) && !finite(c.den[i]!)) noDen++;
          rows.push({ code: this.areaList[c.area[i]!]!.code, numerator: orNull(num), denominator: orNull(c.den[i]!) });
        }
        if (noCounts > 0) {
          smallOnly.set(meta.id, 'the file gives values without counts, and percentages or rates cannot be added up');
          continue;
        }
        if (noDen > 0) {
          smallOnly.set(meta.id, 'some rows have a numerator but no denominator');
          continue;
        }
        this.rollupInto(ctx, meta, rows, 'sum');
      } else if (t === 'mean-score' || (t === 'rank' && meta.decile)) {
        if (t === 'rank' && !meta.mostDeprivedFirst) {
          smallOnly.set(meta.id, 'it is a decile whose direction is not stated (expected "1 = most deprived"), so no "% in the most deprived 10%" can be made');
          continue;
        }
        const weights = this.weightsFor(db, s, geo, weightsCache);
        if (!weights) {
          smallOnly.set(
            meta.id,
            `${t === 'rank' ? 'deciles' : 'scores'} need population weights to be combined, and none were found (add a population indicator for the same areas to the file, or name one as "weightIndicator" in a mapping)`,
          );
          continue;
        }
        if (t === 'mean-score') {
          const rows = s.rows.map((i) => {
            const code = this.areaList[c.area[i]!]!.code;
            const w = weights.map.get(code);
            const v = c.val[i]!;
            return { code, numerator: finite(v) && w !== undefined ? v * w : null, denominator: w ?? null };
          });
          this.rollupInto(ctx, meta, rows, 'mean', `population-weighted mean of the ${GEO_LABEL[geo]} scores (weights: ${weights.label})`);
        } else {
          for (const cut of [1, 2] as const) {
            const d = this.derivedIndicator(meta, cut, weights.label);
            const rows = s.rows.map((i) => {
              const code = this.areaList[c.area[i]!]!.code;
              const w = weights.map.get(code);
              const v = c.val[i]!;
              return { code, numerator: finite(v) && w !== undefined ? (v <= cut ? w : 0) : null, denominator: w ?? null };
            });
            this.rollupInto(ctx, d, rows, 'sum', `population in ${GEO_LABEL[geo]}s of decile ${cut === 1 ? '1' : '1 or 2'} ÷ all population (weights: ${weights.label})`);
          }
          this.wardPlan.set(meta.id, 'none');
          smallOnly.set(meta.id, 'deciles cannot be combined; the population living in the most deprived 10% and 20% was worked out instead');
        }
      } else if (t === 'rank') {
        smallOnly.set(meta.id, 'ranks cannot be added up or averaged');
      } else if (t === 'dsr' || t === 'life-expectancy') {
        smallOnly.set(meta.id, 'standardised rates and life expectancy need age-band counts to be combined');
      } else {
        smallOnly.set(meta.id, 'its value type is not known (give one in a mapping), so it cannot be combined');
      }
    }
    if (incomplete.n > 0) {
      this.issues.warning(
        null,
        null,
        `${plural(incomplete.n, 'ward or council value')} ${incomplete.n === 1 ? 'is' : 'are'} stored as missing because one of ${incomplete.n === 1 ? 'its' : 'their'} small areas is missing or suppressed (e.g. ${incomplete.example})`,
        incomplete.n,
      );
    }
    const reasons = new Map<string, string[]>();
    for (const [id, why] of smallOnly) {
      if (this.wardPlan.get(id) === undefined) this.wardPlan.set(id, 'none');
      const list = reasons.get(why) ?? [];
      list.push(id);
      reasons.set(why, list);
      this.addPlanNote(id, `stored for small areas only: ${why}`);
    }
    for (const [why, ids] of reasons) {
      const derived = why.startsWith('deciles cannot be combined');
      const shown = ids.slice(0, 6).map((x) => `'${x}'`).join(', ') + (ids.length > 6 ? ` and ${ids.length - 6} more` : '');
      const msg = `${plural(ids.length, 'indicator')} ${ids.length === 1 ? 'is' : 'are'} stored for small areas only, not for wards (${shown}): ${why}`;
      if (derived) this.issues.info(msg, ids.length);
      else this.issues.warning(null, null, msg, ids.length);
    }
  }

  private addPlanNote(id: string, note: string): void {
    const l = this.planNotes.get(id) ?? [];
    if (!l.includes(note)) l.push(note);
    this.planNotes.set(id, l);
  }

  /** Which small-area geography a series is on (LSOA 2011 and 2021 share the codes of unchanged LSOAs). */
  private seriesGeography(s: Series): SmallAreaType | null {
    const c = this.cols;
    const hinted = new Set<SmallAreaType>();
    for (const i of s.rows) {
      const h = c.hint[i]!;
      if (h < 0) continue;
      const g = hintGeography(this.hints.list[h]!);
      if (g) hinted.add(g);
    }
    const ind = this.indList[s.ind]!;
    if (hinted.size > 1) {
      this.issues.error(c.row[s.rows[0]!]!, null, `indicator '${ind.sourceId}' mixes ${[...hinted].map((g) => GEO_LABEL[g]).join(' and ')} rows in one period; import them as separate indicators`);
      return null;
    }
    let candidates: SmallAreaType[] | null = hinted.size === 1 ? [...hinted] : null;
    for (const i of s.rows) {
      const a = this.areaList[c.area[i]!]!;
      const geos = a.known?.geographies ?? [];
      if (candidates === null) candidates = [...geos];
      else {
        const next = candidates.filter((g) => geos.includes(g));
        if (next.length === 0) {
          const want = candidates.map((g) => GEO_LABEL[g]).join(' or ');
          this.rowErrorGroup(
            `geo:${ind.sourceId}:${want}`,
            c.row[i]!,
            null,
            (rows, n) => `indicator '${ind.sourceId}' has ${a.code}, which is not a ${want} code like the other rows; a file must not mix area types for one indicator (${rowList(rows, n)})`,
            `${a.code} is not a ${want} code like the other rows of indicator '${ind.sourceId}'`,
          );
          c.flags[i]! |= F_BAD;
          continue;
        }
        candidates = next;
      }
    }
    if (!candidates || candidates.length === 0) return null;
    return candidates.includes('lsoa21') ? 'lsoa21' : candidates[0]!;
  }

  /** Population weights for scores and deciles: a population indicator in the file, or one stored for the same areas. */
  private weightsFor(db: Db, s: Series, geo: SmallAreaType, cache: Map<string, { map: Map<string, number>; label: string } | null>): { map: Map<string, number>; label: string } | null {
    const period = this.periods.list[s.period]!;
    const ck = `${geo}|${period}`;
    if (cache.has(ck)) return cache.get(ck)!;
    const c = this.cols;
    const named = this.mapping?.weightIndicator;
    let found: { map: Map<string, number>; label: string } | null = null;
    const fromFile = (ind: SrcIndicator) => {
      const byPeriod = new Map<number, Map<string, number>>();
      for (let i = 0; i < c.n; i++) {
        if (c.ind[i] !== ind.idx || c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
        const w = finite(c.num[i]!) ? c.num[i]! : c.val[i]!;
        if (!finite(w)) continue;
        let m = byPeriod.get(c.period[i]!);
        if (!m) byPeriod.set(c.period[i]!, (m = new Map()));
        m.set(this.areaList[c.area[i]!]!.code, w);
      }
      if (byPeriod.size === 0) return null;
      const m = byPeriod.get(s.period) ?? (byPeriod.size === 1 ? [...byPeriod.values()][0]! : null);
      return m;
    };
    const candidates = named
      ? this.indList.filter((x) => x.sourceId === named || x.meta?.id === named)
      : this.indList.filter((x) => /total[ _]?population|population[ _]?total|all usual residents|usual residents.{0,20}total|total.{0,20}usual residents|all[ _]ages/i.test(`${x.sourceId} ${x.name}`) && x.meta?.valueType !== 'rank' && x.meta?.valueType !== 'mean-score');
    for (const cand of candidates) {
      const m = fromFile(cand);
      if (m && m.size > 0) {
        found = { map: m, label: `'${cand.sourceId}' in this file` };
        break;
      }
    }
    if (!found && named) {
      const rows = db
        .prepare(
          `SELECT v.area_code AS code, COALESCE(v.numerator, v.value) AS w, v.period FROM value v JOIN area_lookup l ON l.small_code = v.area_code AND l.geography = ?
           WHERE v.indicator_id = ? AND v.sex = 'Persons' AND v.age = 'All ages' ORDER BY v.period`,
        )
        .all(geo, named) as { code: string; w: number | null; period: string }[];
      const periods = [...new Set(rows.map((r) => r.period))];
      const use = periods.includes(period) ? period : periods[periods.length - 1];
      const m = new Map<string, number>();
      for (const r of rows) if (r.period === use && r.w !== null) m.set(r.code, r.w);
      if (m.size > 0) found = { map: m, label: `stored indicator '${named}' (${use})` };
      else this.issues.error(null, null, `the mapping names '${named}' as the population weights, and neither this file nor the store has it for ${GEO_LABEL[geo]} areas`);
    }
    if (found && !this.weightsAnnounced.has(found.label)) {
      this.weightsAnnounced.add(found.label);
      this.issues.info(`population weights for scores and deciles: ${found.label}`);
    }
    cache.set(ck, found);
    return found;
  }

  private derivedIndicator(base: IndMeta, cut: 1 | 2, weightLabel: string): IndMeta {
    const pct = cut === 1 ? 10 : 20;
    const id = `${base.id}_pop_most_deprived_${pct}pct`.slice(0, 200);
    let d = this.derived.find((x) => x.id === id);
    if (d) return d;
    const name = `${base.name.replace(/\s*\(.*\)\s*$/, '')}: population living in the most deprived ${pct}% of areas nationally (%)`;
    d = {
      ...base,
      id,
      sourceId: base.sourceId,
      isNew: true,
      name,
      shortName: shortName(`Most deprived ${pct}%: ${base.shortName}`),
      definition: `Percentage of the population living in small areas in ${cut === 1 ? 'decile 1' : 'deciles 1 and 2'} (the most deprived ${pct}% nationally) of ${base.name}. Weights: ${weightLabel}.`,
      valueType: 'proportion',
      multiplier: 100,
      unit: '% of population',
      polarity: 'low-is-good',
      missingIsZero: false,
      wardLevel: true,
      catalogueId: null,
      methodNote: `Ward value = population of its best-fit small areas in ${cut === 1 ? 'decile 1' : 'deciles 1-2'} ÷ population of all its small areas × 100 (an estimate). Weights: ${weightLabel}.`,
      update: false,
      polarityGiven: true,
      how: `derived from the deciles of '${base.id}'`,
      decile: false,
      mostDeprivedFirst: false,
    };
    this.derived.push(d);
    return d;
  }

  private rollupInto(ctx: BuildCtx, meta: IndMeta, rows: SmallAreaCounts[], kind: 'sum' | 'mean', method?: string): void {
    const { geo, lookup, universe, wards } = ctx;
    // Suppressed small counts (mapping `suppressedBelow`): an area with a denominator but no count lies in 0..below-1.
    // Lower sums (each at 0) go to the numerator, upper sums (each at below - 1) to numerator_upper; value = midpoint.
    const below = kind === 'sum' && !meta.missingIsZero && meta.valueType !== 'count' && !this.derived.includes(meta) ? this.mapping?.suppressedBelow : undefined;
    const ranged = new Set(below !== undefined ? rows.filter((r) => r.numerator === null && r.denominator !== null).map((r) => r.code) : []);
    const upperRows = below !== undefined && ranged.size > 0 ? rows.map((r) => (ranged.has(r.code) ? { ...r, numerator: below - 1 } : r)) : null;
    if (upperRows) rows = rows.map((r) => (ranged.has(r.code) ? { ...r, numerator: 0 } : r));
    const present = new Set(rows.map((r) => r.code));
    const nullCodes = new Set(rows.filter((r) => r.numerator === null).map((r) => r.code));
    const policy = meta.missingIsZero ? 'zero' : 'propagate';
    const weightOf = (p: LookupPart) => (geo !== 'msoa11' ? p.weight : this.mapping?.msoaWeight === '0-15' ? (p.weight015 ?? p.weight) : this.mapping?.msoaWeight === '16-64' ? (p.weight1664 ?? p.weight) : p.weight);
    const shares = new Map<string, LookupShare[]>();
    const ladShares = new Map<string, LookupShare[]>();
    for (const [code, parts] of lookup) {
      shares.set(
        code,
        parts.map((p) => ({ target: p.ward, weight: weightOf(p) })),
      );
      ladShares.set(code, [{ target: parts[0]!.lad, weight: 1 }]);
    }
    const unmatched = rows.filter((r) => !lookup.has(r.code));
    for (const u of unmatched) {
      this.issues.group(`nolookup:${u.code}`, 'error', null, null, () => `area code ${u.code} is not in the ${GEO_LABEL[geo]} lookup, so it cannot be placed in a ward`);
    }
    const apportioned = geo === 'msoa11';
    const label = GEO_LABEL[geo];
    const emit = (cell: RollupCell, areaType: 'ward' | 'lad', expected: Set<string> | undefined, upper?: RollupCell) => {
      const missing = expected ? [...expected].filter((x) => !present.has(x) || nullCodes.has(x)).sort() : cell.missingCodes;
      if (expected ? missing.length === expected.size && ![...expected].some((x) => present.has(x)) : cell.areas === 0) return; // the file does not cover this area at all
      const isIncomplete = !meta.missingIsZero && missing.length > 0;
      const what = apportioned && areaType === 'ward' ? `shares of ${cell.areas} ${label}s (by mid-2020 population${this.mapping?.msoaWeight && this.mapping.msoaWeight !== 'all-ages' ? ` aged ${this.mapping.msoaWeight}` : ''})` : `sum of ${cell.areas} ${label}${cell.areas === 1 ? '' : 's'}`;
      const incl = areaType === 'lad' && cell.code === WEST && expected?.has(CHERWELL_LSOA) ? ` incl. ${CHERWELL_LSOA}` : '';
      let note: string;
      let num = NaN;
      let den = NaN;
      let val = NaN;
      let numUpper = NaN;
      if (isIncomplete) {
        note = `incomplete: ${missing.length} of ${expected?.size ?? cell.areas} ${label}s missing or suppressed (${missing.slice(0, 6).join(' ')}${missing.length > 6 ? ' …' : ''})`;
        ctx.incomplete.n++;
        ctx.incomplete.example ||= `'${meta.id}', ${cell.code}, ${ctx.period}: ${missing.slice(0, 3).join(' ')}`;
      } else {
        num = cell.numerator ?? NaN;
        den = cell.denominator ?? NaN;
        const hi = upper?.numerator ?? NaN;
        if (kind === 'mean') val = finite(num) && finite(den) && den > 0 ? num / den : NaN;
        else val = storedValue(meta, finite(hi) && hi > num ? (num + hi) / 2 : num, den, NaN);
        if (finite(hi) && hi > num) numUpper = hi;
        const k = expected ? [...expected].filter((x) => ranged.has(x)).length : 0;
        const rangeNote =
          below !== undefined && k > 0
            ? `; ${k} ${label}${k === 1 ? '' : 's'} with a suppressed count (fewer than ${below}) in the source: each kept in the denominator and counted as 0 to ${below - 1}, so the value is the midpoint of a range`
            : '';
        const zeroNote = meta.missingIsZero && missing.length ? `; ${missing.length} missing ${label}s counted as zero (this indicator's missing values are zeros)` : '';
        note = `${areaType === 'ward' ? (apportioned ? 'apportioned estimate' : 'best-fit estimate') : 'council total'}: ${method ? `${method}; ` : ''}${what}${incl}${zeroNote}${rangeNote}`;
      }
      const b: Built = { ind: meta, area: cell.code, areaType, period: ctx.period, sex: ctx.sex, age: ctx.age, num, den, val, estimate: areaType === 'ward', note };
      if (finite(numUpper)) b.numUpper = numUpper;
      this.built.push(b);
    };
    if (ctx.wantWards) {
      const res = rollupShares(rows, shares, { targets: wards, estimate: true, missing: policy });
      const hi = upperRows ? rollupShares(upperRows, shares, { targets: wards, estimate: true, missing: policy }).cells : null;
      res.cells.forEach((cell, j) => emit(cell, 'ward', universe.ward.get(cell.code), hi?.[j]));
      this.wardPlan.set(meta.id, apportioned ? 'apportioned' : this.derived.includes(meta) ? 'derived' : 'summed');
      this.addPlanNote(meta.id, `ward values ${apportioned ? 'apportioned from' : 'summed from'} ${label}s through the bundled ${apportioned ? 'MSOA population shares' : 'ONS best-fit lookup'} (estimates)${method ? `; ${method}` : ''}`);
    } else {
      this.addPlanNote(meta.id, `ward values given in the file were kept; the ${label} rows are stored for those areas`);
    }
    if (ctx.wantLads) {
      const res = rollupShares(rows, ladShares, { targets: LADS, estimate: false, missing: policy });
      const hi = upperRows ? rollupShares(upperRows, ladShares, { targets: LADS, estimate: false, missing: policy }).cells : null;
      res.cells.forEach((cell, j) => emit(cell, 'lad', universe.lad.get(cell.code), hi?.[j]));
    }
  }

  /**
   * Warns when an indicator has values for only some of the wards in a period ("values for 12 of 57 wards"):
   * the other wards, and LAPs that include them, then have no value for it.
   */
  checkWardCoverage(db: Db): void {
    const wards = db.prepare("SELECT a.code, a.parent_code AS lad, p.name AS ladName FROM area a LEFT JOIN area p ON p.code = a.parent_code WHERE a.type = 'ward'").all() as {
      code: string;
      lad: string | null;
      ladName: string | null;
    }[];
    if (wards.length === 0) return;
    const c = this.cols;
    const have = new Map<string, { id: string; period: string; codes: Set<string> }>();
    const touch = (id: string, period: string, code: string) => {
      const k = `${id}\u0000${period}`;
      let e = have.get(k);
      if (!e) have.set(k, (e = { id, period, codes: new Set() }));
      e.codes.add(code);
    };
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
      const area = this.areaList[c.area[i]!]!;
      if (area.known?.type !== 'ward') continue; // suppressed values count: the suppression warning says which
      const meta = this.indList[c.ind[i]!]!.meta;
      if (meta) touch(meta.id, this.periods.list[c.period[i]!]!, area.code);
    }
    for (const b of this.built) if (b.areaType === 'ward') touch(b.ind.id, b.period, b.area); // incomplete ones are warned about apart
    // One warning per coverage (the same wards for several indicators or periods say it once).
    const groups = new Map<string, { codes: Set<string>; items: string[] }>();
    for (const e of have.values()) {
      if (e.codes.size >= wards.length) continue;
      const key = [...e.codes].sort().join(' ');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { codes: e.codes, items: [] }));
      g.items.push(`'${e.id}' (${e.period})`);
    }
    for (const g of groups.values()) {
      const n = g.codes.size;
      const missing = wards.length - n;
      const councils = new Map<string, { name: string; total: number; covered: number }>();
      for (const w of wards) {
        const k = w.lad ?? '';
        const e = councils.get(k) ?? { name: w.ladName ?? 'no council', total: 0, covered: 0 };
        e.total++;
        if (g.codes.has(w.code)) e.covered++;
        councils.set(k, e);
      }
      const whole = [...councils.values()].filter((x) => x.covered === x.total);
      const none = [...councils.values()].filter((x) => x.covered === 0);
      const which = whole.length === 1 && whole.length + none.length === councils.size ? `: all ${whole[0]!.total} wards of ${whole[0]!.name}, none of ${none.map((x) => x.name).join(' or ')}` : '';
      const shown = g.items.slice(0, 4).join(', ') + (g.items.length > 4 ? ` and ${g.items.length - 4} more` : '');
      this.coverage.push({
        wards: n,
        of: wards.length,
        items: g.items,
        message: `values for ${n} of ${wards.length} wards${which} for ${shown}: the other ${plural(missing, 'ward')} will show no value, and neither will a LAP that includes any of them`,
      });
    }
  }

  /** Indicators with values for only some wards (see checkWardCoverage). */
  readonly coverage: WardCoverage[] = [];

  /** Built ward and council values that would clash with values already stored (from other datasets). */
  checkBuiltClashes(db: Db, replacing: number[]): void {
    const byInd = new Map<string, Built[]>();
    for (const b of this.built) {
      const l = byInd.get(b.ind.id) ?? [];
      l.push(b);
      byInd.set(b.ind.id, l);
    }
    const q = db.prepare('SELECT area_code, period, sex, age, dataset_id FROM value WHERE indicator_id = ?');
    for (const [id, list] of byInd) {
      const existing = new Map<string, number>();
      for (const r of q.all(id) as { area_code: string; period: string; sex: string; age: string; dataset_id: number }[]) {
        if (!replacing.includes(r.dataset_id)) existing.set(`${r.area_code}\u0000${r.period}\u0000${r.sex}\u0000${r.age}`, r.dataset_id);
      }
      if (existing.size === 0) continue;
      let n = 0;
      let ds = 0;
      let example = '';
      for (const b of list) {
        const d = existing.get(`${b.area}\u0000${b.period}\u0000${b.sex}\u0000${b.age}`);
        if (d === undefined) continue;
        n++;
        ds = d;
        example ||= `${b.area}, ${b.period}`;
      }
      if (n > 0) {
        const d = db.prepare('SELECT id, kind, name, file_name FROM dataset WHERE id = ?').get(ds) as { id: number; kind: string; name: string; file_name: string };
        const src = this.indList.find((x) => x.meta?.id === id)?.sourceId ?? id;
        this.issues.error(
          null,
          null,
          d.kind === 'bundled'
            ? `indicator '${id}' ships with LAP Insight ('${d.name}') and already has the ${plural(n, 'ward or council value')} this file would build (e.g. ${example}): to import the file's values as well, give the indicator a new id in a mapping (e.g. "indicators": {"${src}": {"id": "${src}_imported"}})`
            : `indicator '${id}' already has the ${plural(n, 'ward or council value')} this file would build, from dataset ${d.id} ('${d.file_name}') (e.g. ${example}): delete that dataset first (lap-insight datasets delete ${d.id}), or use a different indicator id`,
        );
      }
    }
  }

  /** The plan per indicator, for the preview. */
  makePlans(): void {
    const c = this.cols;
    const info = new Map<string, { rows: number; periods: Set<string>; types: Set<string> }>();
    const touch = (id: string) => {
      let e = info.get(id);
      if (!e) info.set(id, (e = { rows: 0, periods: new Set(), types: new Set() }));
      return e;
    };
    for (let i = 0; i < c.n; i++) {
      const meta = this.indList[c.ind[i]!]!.meta;
      if (!meta) continue;
      const e = touch(meta.id);
      e.rows++;
      e.periods.add(this.periods.list[c.period[i]!]!);
      const t = this.areaList[c.area[i]!]!.known?.type;
      if (t) e.types.add(t);
      if (t === 'ward' && !this.wardPlan.has(meta.id)) this.wardPlan.set(meta.id, 'given');
    }
    for (const b of this.built) {
      const e = touch(b.ind.id);
      e.periods.add(b.period);
      e.types.add(b.areaType);
    }
    const metas = [...this.indList.map((x) => x.meta!).filter(Boolean), ...this.derived];
    this.plans = metas.map((m) => {
      const e = info.get(m.id) ?? { rows: 0, periods: new Set<string>(), types: new Set<string>() };
      const wards = this.wardPlan.get(m.id) ?? (e.types.has('ward') ? 'given' : 'none');
      if (m.isNew) m.wardLevel = m.wardLevel && wards !== 'none';
      return {
        id: m.id,
        sourceId: m.sourceId,
        name: m.name,
        isNew: m.isNew,
        valueType: m.valueType,
        multiplier: m.multiplier,
        unit: m.unit,
        polarity: m.polarity,
        ambition: m.ambition,
        rows: e.rows,
        periods: [...e.periods].sort(),
        areaTypes: [...e.types].sort(),
        wards,
        polarityGiven: m.polarityGiven,
        ambitionGiven: m.ambitionGiven,
        note: [m.isNew ? `new indicator, read as ${m.how}` : 'adds values to an existing indicator', ...(this.planNotes.get(m.id) ?? [])].join('; '),
      };
    });
  }

  counts(): ImportCounts {
    const c = this.cols;
    let written = 0;
    const areas = new Set<number>();
    for (let i = 0; i < c.n; i++) {
      if (c.flags[i]! & F_BAD) continue;
      written++;
      areas.add(c.area[i]!);
    }
    const builtAreas = new Set(this.built.map((b) => b.area));
    return {
      rowsRead: this.rowsRead,
      rowsLeftOut: this.rowsLeftOut,
      rowsMissing: this.rowsMissing,
      valuesToWrite: written + this.built.length,
      valuesBuilt: this.built.length,
      indicators: this.plans.length,
      areas: new Set([...[...areas].map((a) => this.areaList[a]!.code), ...builtAreas]).size,
      periods: this.periods.size,
    };
  }

  preview(): ImportPreview {
    const report = this.issues.report();
    const counts = this.counts();
    const dup = this.duplicateOf[0] ?? null;
    return {
      fileName: this.fileName,
      bytes: this.bytes,
      sha256: this.sha256,
      format: this.format,
      formatSource: this.formatSource,
      encoding: this.encoding,
      delimiter: this.delimiter,
      header: this.header,
      firstRows: this.firstRows,
      columns: this.columnRoles,
      indicators: this.plans,
      counts,
      duplicateOf: dup,
      report,
      skipped: this.skipped(counts.valuesToWrite),
      wardCoverage: this.coverage,
      canImport: report.errors === 0 && counts.valuesToWrite > 0,
      summary: summarise(this, counts, report, dup),
    };
  }
}

interface BuildCtx {
  s: Series;
  geo: SmallAreaType;
  lookup: Map<string, LookupPart[]>;
  universe: Universe;
  wards: string[];
  period: string;
  sex: string;
  age: string;
  wantWards: boolean;
  wantLads: boolean;
  incomplete: { n: number; example: string };
}

function sameNumbers(c: Columns, a: number, b: number): boolean {
  const eq = (x: number, y: number) => x === y || (x !== x && y !== y);
  return eq(c.num[a]!, c.num[b]!) && eq(c.den[a]!, c.den[b]!) && eq(c.val[a]!, c.val[b]!) && eq(c.l95[a]!, c.l95[b]!) && eq(c.u95[a]!, c.u95[b]!);
}

function hintGeography(h: string): SmallAreaType | null {
  const t = h.replace(/[\s_-]+/g, '');
  if (/^lsoa(20)?11$/.test(t)) return 'lsoa11';
  if (/^lsoa(20)?21$/.test(t)) return 'lsoa21';
  if (/^oa(20)?21$/.test(t)) return 'oa21';
  if (/^msoa(20)?11$/.test(t)) return 'msoa11';
  return null;
}

function defaultMultiplier(t: ValueType, unit: string): number {
  if (t === 'proportion' || t === 'isr') return 100;
  if (t === 'crude-rate' || t === 'dsr') return perN(unit) ?? 100000;
  return 1;
}

function fromRow(r: IndicatorRow, sourceId: string, over: IndicatorSpec, update: boolean): IndMeta {
  return {
    id: r.id,
    sourceId,
    isNew: false,
    catalogueId: over.catalogueId ?? r.catalogue_id,
    name: over.name ?? r.name,
    shortName: over.shortName ?? r.short_name,
    ambition: over.ambition ?? r.ambition,
    topic: over.topic ?? r.topic,
    definition: over.definition ?? r.definition,
    valueType: over.valueType ?? r.value_type,
    multiplier: over.multiplier ?? r.multiplier,
    unit: over.unit ?? r.unit,
    polarity: over.polarity ?? r.polarity,
    missingIsZero: over.missingIsZero ?? r.missing_is_zero === 1,
    disclosureControlled: over.disclosureControlled ?? r.disclosure_controlled === 1,
    wardLevel: over.wardLevel ?? r.ward_level === 1,
    methodNote: over.methodNote ?? r.method_note,
    update,
    polarityGiven: true,
    ambitionGiven: true,
    how: `an existing ${r.value_type} indicator`,
    decile: false,
    mostDeprivedFirst: false,
  };
}

/** The value stored with a row: for ratios, numerator ÷ denominator × multiplier when the file's value is missing or is the count. */
export function storedValue(meta: IndMeta, num: number, den: number, val: number): number {
  const t = meta.valueType;
  if (t === 'count') return finite(val) ? val : num;
  if (RATIO_TYPES.has(t) && finite(num) && finite(den) && den > 0 && (!finite(val) || val === num)) return (num / den) * meta.multiplier;
  return val;
}

function unknownAreaMessage(code: string): string {
  if (/^E05/.test(code)) return `area code ${code} is not a ward we know (LAP Insight has the 57 wards of West and North Northamptonshire, 2021 boundaries)`;
  if (/^E0[6789]|^E10/.test(code)) {
    return OLD_NORTHANTS.has(code)
      ? `area code ${code} is a former Northamptonshire council (before April 2021): its data cannot be placed in today's councils`
      : `area code ${code} is not one of the two councils we know (West Northamptonshire E06000062, North Northamptonshire E06000061)`;
  }
  if (/^E01/.test(code)) return `area code ${code} is not an LSOA in West or North Northamptonshire`;
  if (/^E00/.test(code)) return `area code ${code} is not an output area in West or North Northamptonshire`;
  if (/^E02/.test(code)) return `area code ${code} is not an MSOA in West or North Northamptonshire`;
  if (/^E1[2-9]|^E[2-9]\d/.test(code)) return `area code ${code} is not an area we know (regions and other areas are not stored)`;
  return `area code '${code.length > 30 ? `${code.slice(0, 30)}…` : code}' is not an area code we know`;
}

function summarise(a: Analysis, counts: ImportCounts, report: ImportReport, dup: DatasetRef | null): string {
  if (!a.format) return `${a.fileName} could not be read: ${report.issues[0]?.message ?? 'unknown problem'}.`;
  const fmtName = { tidy: 'Tidy', fingertips: 'Fingertips', wide: 'Wide' }[a.format];
  const how = `${fmtName} file (${a.encoding.toUpperCase()}, ${a.delimiter ? `${DELIMITER_NAMES[a.delimiter]}-separated` : 'delimiter unknown'})`;
  const parts = [
    `${how}: ${plural(counts.rowsRead, 'row')} for ${plural(counts.indicators, 'indicator')} and ${plural(counts.areas, 'area')}.`,
    counts.valuesBuilt > 0 ? `${plural(counts.valuesBuilt, 'ward and council value', 'ward and council values')} will be built from small areas.` : '',
    `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}.`,
    dup ? `This file was imported before (dataset ${dup.id}, ${dup.importedAt.slice(0, 10)}).` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** True for a number written with a non-zero digit that reads as 0 (1e-400: below the smallest double). */
export function underflows(text: string): boolean {
  const m = /^\s*[+-]?£?([0-9.,]*)[eE]/.exec(text);
  return m !== null && /[1-9]/.test(m[1]!);
}
