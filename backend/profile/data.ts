/**
 * What the profile reads from the indicator store, with in-memory caches that a profile recompute can reuse:
 * indicator metadata, the areas (wards, councils), datasets, each area's value rows, and every ward's own estimate
 * per (indicator, period) for spine charts and maps.
 *
 * Caches are dropped when the store's data changes: a fingerprint of the dataset table (plus the indicator and
 * area counts) is checked at the start of every call (one small query), so an import or a deleted dataset is seen
 * at once. Changing a LAP's wards does not touch these caches: only the group sums are recomputed.
 *
 * Rows are the 'Persons' / 'All ages' breakdown (the profile's subject); other breakdowns are not shown yet.
 */
import { NORTH_CODE, WEST_CODE, type AuthorityCode } from '../../shared/domain.ts';
import type { IndicatorSpec, Interval, MemberInput, ValueType } from '../../shared/stats/index.ts';
import type { IndicatorDescription } from '../../shared/contract/data.ts';
import { describeIndicator, type IndicatorDescriptionRow } from '../data/store.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db.ts';

export const ENGLAND = 'E92000001';
export const ENGLAND_AND_WALES = 'K04000001';
export const WEST = WEST_CODE;
export const NORTH = NORTH_CODE;

export interface IndicatorMeta extends IndicatorDescription {
  /** The dataset that defined the indicator (null if deleted). */
  datasetId: number | null;
  spec: IndicatorSpec;
}

export interface ValueRecord {
  indicatorId: string;
  areaCode: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  estimate: boolean;
  note: string | null;
  datasetId: number;
  /** Upper end of the numerator where the source suppressed small counts (`numerator` is the lower end). */
  numeratorUpper?: number;
  /** Age bands (DSR: 19, life expectancy: 20), in band order, as stored (null = missing); null when the row has none. */
  bands: { count: number | null; population: number | null }[] | null;
  /** The engine inputs of this row, built once (see compute.ts memberInput). */
  input?: MemberInput;
  /** Whether `input` has everything the engine needs. */
  complete?: boolean;
}

export interface WardInfo {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
}

export interface CouncilInfo {
  code: AuthorityCode;
  name: string;
  /** Ward codes, sorted. */
  wards: string[];
}

export interface DatasetMeta {
  id: number;
  key: string | null;
  name: string;
  publisher: string;
  licence: string;
  attribution: string;
}

type IndicatorDbRow = IndicatorDescriptionRow & { dataset_id: number | null };

interface BandDbRow {
  indicator_id: string;
  area_code: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
}

const NO_ROWS: readonly ValueRecord[] = Object.freeze([]);

const BANDED: ReadonlySet<ValueType> = new Set(['dsr', 'life-expectancy']);

/** Area caches larger than this are emptied (a national-scale store has thousands of wards). */
const MAX_CACHED_AREAS = 5000;

const interval = (lower: number | null, upper: number | null): Interval | null =>
  lower !== null && upper !== null && Number.isFinite(lower) && Number.isFinite(upper) ? { lower, upper } : null;

/** A value row as read in raw mode (column order of VALUE_COLUMNS): arrays are cheaper than objects for big reads. */
type RawRow = [
  indicatorId: string,
  areaCode: string,
  period: string,
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  ci95Lower: number | null,
  ci95Upper: number | null,
  ci998Lower: number | null,
  ci998Upper: number | null,
  estimate: number,
  note: string | null,
  datasetId: number,
  numeratorUpper: number | null,
];

/** A ward's counts as read by wardCountsFor (raw mode, in this column order). */
export type WardCounts = [
  areaCode: string,
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  estimate: number,
  numeratorUpper: number | null,
];

function toRecord(r: RawRow): ValueRecord {
  return {
    indicatorId: r[0],
    areaCode: r[1],
    period: r[2],
    numerator: r[3],
    denominator: r[4],
    value: r[5],
    ci95: interval(r[6], r[7]),
    ci998: interval(r[8], r[9]),
    estimate: r[10] === 1,
    note: r[11],
    datasetId: r[12],
    bands: null,
    ...(r[13] !== null && r[13] !== undefined ? { numeratorUpper: r[13] } : {}),
  };
}

const YEAR_CACHE = new Map<string, number>();

function yearOf(period: string): number {
  let y = YEAR_CACHE.get(period);
  if (y === undefined) {
    const m = /\d{4}/.exec(period);
    y = m ? Number(m[0]) : Number.NEGATIVE_INFINITY;
    if (YEAR_CACHE.size > 10_000) YEAR_CACHE.clear();
    YEAR_CACHE.set(period, y);
  }
  return y;
}

/** Orders periods oldest first: by the first four-digit year, then as text ('2014/15' < '2015/16', '2016-02' < '2016-11'). */
export function comparePeriods(a: string, b: string): number {
  const na = yearOf(a);
  const nb = yearOf(b);
  if (na !== nb) return na < nb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface LapRecord {
  id: number;
  name: string;
  setId: number;
  setName: string;
  setKind: 'official' | 'custom';
  /** Ward codes, sorted. */
  wards: string[];
}

/** Area-independent results of one indicator, by area code then period. */
export interface IndicatorMemo {
  benchmarks: Map<string, Map<string, unknown>>;
  spreads: Map<string, Map<string, unknown>>;
}

/** One area's rows of one indicator: oldest period first, and by period. */
export interface Series {
  list: ValueRecord[];
  byPeriod: Map<string, ValueRecord>;
}

const VALUE_COLUMNS = `v.indicator_id, v.area_code, v.period, v.numerator, v.denominator, v.value, v.ci95_lower, v.ci95_upper,
  v.ci998_lower, v.ci998_upper, v.estimate, v.note, v.dataset_id, v.numerator_upper`;

/** The profile's view of the store. One per backend. */
export class ProfileData {
  private fingerprint = '';
  private indicatorList: IndicatorMeta[] = [];
  private indicatorById = new Map<string, IndicatorMeta>();
  private wardMap = new Map<string, WardInfo>();
  private councilMap = new Map<string, CouncilInfo>();
  private datasetMap = new Map<number, DatasetMeta>();
  /** area code -> indicator id -> rows. */
  private byArea = new Map<string, Map<string, Series>>();
  /** `${indicator}\0${period}` -> ward code -> row (every ward of the store). */
  private wardRows = new Map<string, Map<string, ValueRecord>>();
  /** Anything computed from the data, keyed by its caller (ward-estimate maps, sorted lists). Dropped with the data. */
  readonly memo = new Map<string, unknown>();
  /** Per-indicator results that do not depend on the area (benchmark values, spine statistics). Dropped with the data. */
  private readonly perIndicator = new Map<string, IndicatorMemo>();
  private fingerprintStmt: Statement | undefined;
  private lapStmt: Statement | undefined;
  private wardRowsStmt: Statement | undefined;
  private wardCountsStmt: Statement | undefined;
  private wardRowStmt: Statement | undefined;
  private benchmarkRowsStmt: Statement | undefined;
  private periodsStmt: Statement | undefined;
  private periodProbeStmt: Statement | undefined;

  constructor(private readonly db: Db) {}

  /** A LAP with its set and ward codes (read fresh every call: LAPs change without touching the data). */
  lap(id: number): LapRecord | undefined {
    this.lapStmt ??= this.db.prepare(
      `SELECT l.id, l.name, l.set_id AS setId, s.name AS setName, s.kind AS setKind,
              (SELECT COALESCE(json_group_array(ward_code), '[]') FROM (SELECT ward_code FROM lap_ward WHERE lap_id = l.id ORDER BY ward_code)) AS wards
       FROM lap l JOIN lap_set s ON s.id = l.set_id WHERE l.id = ?`,
    );
    const row = this.lapStmt.get(id) as (Omit<LapRecord, 'wards'> & { wards: string }) | undefined;
    return row ? { ...row, wards: JSON.parse(row.wards) as string[] } : undefined;
  }

  /** The cache of area-independent results of one indicator. */
  memoOf(indicatorId: string): IndicatorMemo {
    let m = this.perIndicator.get(indicatorId);
    if (!m) this.perIndicator.set(indicatorId, (m = { benchmarks: new Map(), spreads: new Map() }));
    return m;
  }

  /** Drops every cache when the data changed since the last call. Call once at the start of each request. */
  refresh(): void {
    this.fingerprintStmt ??= this.db
      .prepare(
        `SELECT (SELECT COALESCE(group_concat(id || ':' || imported_at || ':' || rows_written || ':' || sha256, ','), '') FROM dataset) || '|' ||
                (SELECT COUNT(*) FROM indicator) || '|' ||
                (SELECT COUNT(*) FROM area WHERE type IN ('ward', 'lad', 'england', 'england_and_wales')) || '|' ||
                COALESCE((SELECT value FROM meta WHERE key = 'geography_hash'), '') AS fp`,
      )
      .pluck();
    const fp = this.fingerprintStmt.get() as string;
    if (fp === this.fingerprint) return;
    this.fingerprint = fp;
    this.byArea.clear();
    this.wardRows.clear();
    this.memo.clear();
    this.perIndicator.clear();
    this.loadMeta();
  }

  private loadMeta(): void {
    const rows = this.db
      .prepare(
        `SELECT id, catalogue_id, name, short_name, ambition, topic, definition, value_type, multiplier, unit, polarity,
                missing_is_zero, disclosure_controlled, ward_level, method_note, dataset_id
         FROM indicator ORDER BY id`,
      )
      .all() as IndicatorDbRow[];
    this.indicatorList = rows.map((r) => ({
      ...describeIndicator(r),
      datasetId: r.dataset_id,
      spec: { valueType: r.value_type, multiplier: r.multiplier, missingIsZero: r.missing_is_zero === 1 },
    }));
    this.indicatorById = new Map(this.indicatorList.map((i) => [i.id, i]));

    const wards = this.db
      .prepare(`SELECT code, name, parent_code AS authorityCode FROM area WHERE type = 'ward' ORDER BY code`)
      .all() as WardInfo[];
    this.wardMap = new Map(wards.map((w) => [w.code, w]));
    const councils = this.db.prepare(`SELECT code, name FROM area WHERE type = 'lad' ORDER BY code`).all() as { code: AuthorityCode; name: string }[];
    this.councilMap = new Map(councils.map((c) => [c.code, { code: c.code, name: c.name, wards: [] as string[] }]));
    for (const w of wards) this.councilMap.get(w.authorityCode)?.wards.push(w.code);

    const datasets = this.db.prepare('SELECT id, key, name, publisher, licence, attribution FROM dataset ORDER BY id').all() as DatasetMeta[];
    this.datasetMap = new Map(datasets.map((d) => [d.id, d]));
  }

  indicators(): readonly IndicatorMeta[] {
    return this.indicatorList;
  }

  indicator(id: string): IndicatorMeta | undefined {
    return this.indicatorById.get(id);
  }

  wards(): ReadonlyMap<string, WardInfo> {
    return this.wardMap;
  }

  councils(): ReadonlyMap<string, CouncilInfo> {
    return this.councilMap;
  }

  dataset(id: number | null): DatasetMeta | undefined {
    return id === null ? undefined : this.datasetMap.get(id);
  }

  /** Name of an area the profile mentions (councils, England). */
  areaName(code: string): string {
    if (code === ENGLAND) return 'England';
    if (code === ENGLAND_AND_WALES) return 'England and Wales';
    return this.councilMap.get(code)?.name ?? this.wardMap.get(code)?.name ?? code;
  }

  /**
   * Reads every row of every indicator for these areas (Persons, All ages) into the per-area cache: areas already
   * read since the data last changed are skipped; the rest come in one query on the primary key.
   */
  load(codes: readonly string[]): void {
    const missing = [...new Set(codes)].filter((c) => !this.byArea.has(c));
    if (missing.length === 0) return;
    if (this.byArea.size + missing.length > MAX_CACHED_AREAS) this.byArea.clear();
    const ids = JSON.stringify(this.indicatorList.map((i) => i.id));
    const areas = JSON.stringify(missing);
    const rows = this.db
      .prepare(
        `SELECT ${VALUE_COLUMNS} FROM value v
         WHERE v.indicator_id IN (SELECT value FROM json_each(?)) AND v.area_code IN (SELECT value FROM json_each(?))
           AND v.sex = 'Persons' AND v.age = 'All ages'`,
      )
      .raw()
      .all(ids, areas) as RawRow[];
    const fresh = new Map<string, Map<string, Series>>(missing.map((c) => [c, new Map()]));
    const records: ValueRecord[] = [];
    for (const r of rows) {
      const rec = toRecord(r);
      records.push(rec);
      const perArea = fresh.get(rec.areaCode)!;
      const series = perArea.get(rec.indicatorId);
      if (series) series.list.push(rec);
      else perArea.set(rec.indicatorId, { list: [rec], byPeriod: new Map() });
    }
    const banded = this.indicatorList.filter((i) => BANDED.has(i.valueType)).map((i) => i.id);
    if (banded.length > 0) this.attachBands(records, JSON.stringify(banded), areas, null);
    for (const perArea of fresh.values()) {
      for (const series of perArea.values()) {
        series.list.sort((a, b) => comparePeriods(a.period, b.period));
        for (const r of series.list) series.byPeriod.set(r.period, r);
      }
    }
    for (const [code, perArea] of fresh) this.byArea.set(code, perArea);
  }

  /** One area's rows of one indicator (list oldest first, and by period). */
  series(code: string, indicatorId: string): Series | undefined {
    let perArea = this.byArea.get(code);
    if (!perArea) {
      this.load([code]);
      perArea = this.byArea.get(code);
    }
    return perArea?.get(indicatorId);
  }

  /** The rows of one area and indicator, oldest period first. */
  rows(code: string, indicatorId: string): readonly ValueRecord[] {
    return this.series(code, indicatorId)?.list ?? NO_ROWS;
  }

  /** One area's row for an indicator and period. */
  row(code: string, indicatorId: string, period: string): ValueRecord | undefined {
    return this.series(code, indicatorId)?.byPeriod.get(period);
  }

  /**
   * Every ward's row for one indicator and period (all wards of the store), by ward code. One range scan of the
   * indicator's rows on the primary key; rows of other areas are dropped here (cheaper than joining every row).
   */
  wardRowsFor(indicatorId: string, period: string): ReadonlyMap<string, ValueRecord> {
    const key = `${indicatorId}\0${period}`;
    let map = this.wardRows.get(key);
    if (map) return map;
    this.wardRowsStmt ??= this.db
      .prepare(`SELECT ${VALUE_COLUMNS} FROM value v WHERE v.indicator_id = ? AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages'`)
      .raw();
    const records: ValueRecord[] = [];
    for (const r of this.wardRowsStmt.all(indicatorId, period) as RawRow[]) if (this.wardMap.has(r[1])) records.push(toRecord(r));
    const meta = this.indicatorById.get(indicatorId);
    if (meta && BANDED.has(meta.valueType)) this.attachBands(records, JSON.stringify([indicatorId]), null, period);
    map = new Map(records.map((r) => [r.areaCode, r]));
    if (this.wardRows.size >= 24) this.wardRows.delete(this.wardRows.keys().next().value!);
    this.wardRows.set(key, map);
    return map;
  }

  /**
   * Every ward's counts for one indicator and period (the columns a ward's own estimate usually needs; see
   * compute.ts wardEstimates), in primary-key order, wards only. Not cached: the estimates built from them are.
   * Reading 6 columns instead of 14, as arrays, with the indicator and period left out (they are known), is what
   * keeps a 7,000-ward map fast; a row that needs more is read whole with wardRow().
   */
  wardCountsFor(indicatorId: string, period: string): WardCounts[] {
    this.wardCountsStmt ??= this.db
      .prepare(
        `SELECT v.area_code, v.numerator, v.denominator, v.value, v.estimate, v.numerator_upper FROM value v
         WHERE v.indicator_id = ? AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages'`,
      )
      .raw();
    const out: WardCounts[] = [];
    for (const r of this.wardCountsStmt.all(indicatorId, period) as WardCounts[]) if (this.wardMap.has(r[0])) out.push(r);
    return out;
  }

  /** One ward's whole row for an indicator and period (without age bands: for value types that have none). */
  wardRow(indicatorId: string, code: string, period: string): ValueRecord | undefined {
    this.wardRowStmt ??= this.db
      .prepare(
        `SELECT ${VALUE_COLUMNS} FROM value v
         WHERE v.indicator_id = ? AND v.area_code = ? AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages'`,
      )
      .raw();
    const r = this.wardRowStmt.get(indicatorId, code, period) as RawRow | undefined;
    return r ? toRecord(r) : undefined;
  }

  /**
   * The rows of every council, England and England and Wales for one indicator and period (for maps, which compare
   * every ward with its own council), by area code: one primary-key lookup per area.
   */
  benchmarkRowsFor(indicatorId: string, period: string): ReadonlyMap<string, ValueRecord> {
    const key = `benchmarkRows\0${indicatorId}\0${period}`;
    let map = this.memo.get(key) as Map<string, ValueRecord> | undefined;
    if (map) return map;
    const codes = JSON.stringify([...this.councilMap.keys(), ENGLAND, ENGLAND_AND_WALES]);
    this.benchmarkRowsStmt ??= this.db
      .prepare(
        `SELECT ${VALUE_COLUMNS} FROM value v
         WHERE v.indicator_id = ? AND v.area_code IN (SELECT value FROM json_each(?)) AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages'`,
      )
      .raw();
    const rows = this.benchmarkRowsStmt.all(indicatorId, codes, period) as RawRow[];
    map = new Map(rows.map((r) => [r[1], toRecord(r)]));
    this.memo.set(key, map);
    return map;
  }

  /** One benchmark area's row: from the per-area cache when the area is read already, else by indicator and period. */
  benchmarkRow(code: string, indicatorId: string, period: string): ValueRecord | undefined {
    const perArea = this.byArea.get(code);
    if (perArea) return perArea.get(indicatorId)?.byPeriod.get(period);
    return this.benchmarkRowsFor(indicatorId, period).get(code);
  }

  /** Periods with ward rows for an indicator, oldest first. */
  wardPeriods(indicatorId: string): string[] {
    const key = `wardPeriods\0${indicatorId}`;
    const hit = this.memo.get(key) as string[] | undefined;
    if (hit) return hit;
    // All periods of the indicator (a scan of its rows without a join or a filter), then keep those with at least
    // one ward row for Persons, All ages: one probe each, in primary-key order, where ward codes (E05) come before
    // council and England codes, so the first row usually answers it.
    this.periodsStmt ??= this.db.prepare(`SELECT DISTINCT period FROM value WHERE indicator_id = ?`).pluck();
    const all = this.periodsStmt.all(indicatorId) as string[];
    const probe = (this.periodProbeStmt ??= this.db.prepare(
      `SELECT 1 FROM value v JOIN area a ON a.code = v.area_code
       WHERE v.indicator_id = ? AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages' AND a.type = 'ward' LIMIT 1`,
    ));
    const periods = all.filter((p) => probe.get(indicatorId, p) !== undefined).sort(comparePeriods);
    this.memo.set(key, periods);
    return periods;
  }

  private attachBands(records: ValueRecord[], indicatorIds: string, areas: string | null, period: string | null): void {
    const rows = this.db
      .prepare(
        `SELECT b.indicator_id, b.area_code, b.period, b.numerator, b.denominator FROM value_band b
         WHERE b.indicator_id IN (SELECT value FROM json_each(?))
           AND (? IS NULL OR b.area_code IN (SELECT value FROM json_each(?)))
           AND (? IS NULL OR b.period = ?)
           AND b.sex = 'Persons' AND b.age = 'All ages'
         ORDER BY b.indicator_id, b.area_code, b.period, b.band_order`,
      )
      .all(indicatorIds, areas, areas, period, period) as BandDbRow[];
    if (rows.length === 0) return;
    const byKey = new Map<string, { count: number | null; population: number | null }[]>();
    for (const r of rows) {
      const k = `${r.indicator_id}\0${r.area_code}\0${r.period}`;
      const list = byKey.get(k);
      const band = { count: r.numerator, population: r.denominator };
      if (list) list.push(band);
      else byKey.set(k, [band]);
    }
    for (const rec of records) {
      const bands = byKey.get(`${rec.indicatorId}\0${rec.areaCode}\0${rec.period}`);
      if (bands) rec.bands = bands;
    }
  }
}
