/**
 * What an import would do: the Analysis holds every row of a file in column storage, with the interned
 * indicators, areas and periods, the problems found (Issues), and the ward and council values built from small
 * areas. It is filled in steps (import.ts runs them): read.ts reads the rows, checks.ts checks them, rollup.ts
 * builds ward and council values; then the preview is made here and write.ts writes it. Nothing here writes to
 * the database.
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
  SkippedRows,
  WardCoverage,
} from '../../shared/contract/data.ts';
import { SKIPPED_ROWS_LISTED } from '../../shared/contract/data.ts';
import { NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import type { IndicatorDescription, Polarity, ValueType } from '../../shared/indicators-meta.ts';
import { DELIMITER_NAMES, type Delimiter, type Encoding } from '../io/csv.ts';
import { Issues } from '../io/issues.ts';
import { plural } from '../io/numbers.ts';
import { copyString } from '../io/strings.ts';
import { Columns, F_BAD, Interner } from './columns.ts';
import type { KnownArea } from './store.ts';

/** The two councils (shared/domain.ts), under the names the importer's code uses. */
export const WEST = WEST_CODE;
export const NORTH = NORTH_CODE;
export const LADS = [NORTH, WEST];
export const RATIO_TYPES: ReadonlySet<ValueType> = new Set(['proportion', 'crude-rate', 'isr', 'mean-score']);

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
  readonly wardPlan = new Map<string, ImportIndicatorPlan['wards']>();
  readonly planNotes = new Map<string, string[]>();

  /** Population weights already announced in the report (rollup.ts). */
  readonly weightsAnnounced = new Set<string>();
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
  rowErrorGroup(key: string, row: number, column: string | null, make: (rows: number[], count: number) => string, reason: string): void {
    this.issues.group(key, 'error', row, column, make);
    this.rowErrorGroups.add(key);
    this.noteRejected(row, column, reason);
  }

  noteRejected(row: number, column: string | null, reason: string): void {
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

  addPlanNote(id: string, note: string): void {
    const l = this.planNotes.get(id) ?? [];
    if (!l.includes(note)) l.push(note);
    this.planNotes.set(id, l);
  }

  readonly coverage: WardCoverage[] = [];


  /** The plan per indicator, for the preview. */
  makePlans(): void {
    const c = this.cols;
    const info = new Map<string, { rows: number; periods: Set<string>; types: Set<string> }>();
    const touch = (id: string) => {
      let e = info.get(id);
      if (!e) info.set(id, (e = { rows: 0, periods: new Set(), types: new Set() }));
      return e;
    };
    // Consecutive rows mostly share the indicator, period and area type: each is looked up when it changes.
    let lastInd = -1;
    let lastPeriod = -1;
    let lastType: string | undefined;
    let meta: IndMeta | undefined;
    let e: ReturnType<typeof touch> | undefined;
    for (let i = 0; i < c.n; i++) {
      const ind = c.ind[i]!;
      if (ind !== lastInd) {
        lastInd = ind;
        lastPeriod = -1;
        lastType = undefined;
        meta = this.indList[ind]!.meta;
        e = meta ? touch(meta.id) : undefined;
      }
      if (!meta || !e) continue;
      e.rows++;
      if (c.period[i] !== lastPeriod) {
        lastPeriod = c.period[i]!;
        e.periods.add(this.periods.list[lastPeriod]!);
      }
      const t = this.areaList[c.area[i]!]!.known?.type;
      if (t === lastType) continue;
      lastType = t;
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

/** The value stored with a row: for ratios, numerator ÷ denominator × multiplier when the file's value is missing or is the count. */
export function storedValue(meta: IndMeta, num: number, den: number, val: number): number {
  const t = meta.valueType;
  if (t === 'count') return finite(val) ? val : num;
  if (RATIO_TYPES.has(t) && finite(num) && finite(den) && den > 0 && (!finite(val) || val === num)) return (num / den) * meta.multiplier;
  return val;
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
