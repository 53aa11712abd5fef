/**
 * Reading the indicator store: indicators with their periods, datasets with their provenance, values, the
 * small-area lookups; and deleting a dataset (exactly its values, in one transaction).
 */
import type { AmbitionId } from '../../shared/ambitions.ts';
import type { Polarity, ValueType } from '../../shared/indicators-meta.ts';
import { AppError } from '../../shared/contract.ts';
import type { DatasetDeleted, DatasetInfo, IndicatorDescription, IndicatorInfo, SmallAreaType, ValueAreaType, ValueRow } from '../../shared/contract/data.ts';
import type { Db } from '../db.ts';
import { statement } from './statements.ts';

export interface IndicatorRow {
  id: string;
  catalogue_id: string | null;
  name: string;
  short_name: string;
  ambition: AmbitionId;
  topic: string;
  definition: string;
  value_type: ValueType;
  multiplier: number;
  unit: string;
  polarity: Polarity;
  missing_is_zero: number;
  disclosure_controlled: number;
  ward_level: number;
  source: string;
  publisher: string;
  licence: string;
  attribution: string;
  method_note: string;
  dataset_id: number | null;
}

/** The columns of an indicator row that describe it, in the contract's shape. */
export type IndicatorDescriptionRow = Pick<
  IndicatorRow,
  'id' | 'catalogue_id' | 'name' | 'short_name' | 'ambition' | 'topic' | 'definition' | 'value_type' | 'multiplier' | 'unit' | 'polarity' | 'missing_is_zero' | 'disclosure_controlled' | 'ward_level' | 'method_note'
>;

export function describeIndicator(r: IndicatorDescriptionRow): IndicatorDescription {
  return {
    id: r.id,
    catalogueId: r.catalogue_id,
    name: r.name,
    shortName: r.short_name,
    ambition: r.ambition,
    topic: r.topic,
    definition: r.definition,
    valueType: r.value_type,
    multiplier: r.multiplier,
    unit: r.unit,
    polarity: r.polarity,
    missingIsZero: r.missing_is_zero === 1,
    disclosureControlled: r.disclosure_controlled === 1,
    wardLevel: r.ward_level === 1,
    methodNote: r.method_note,
  };
}

/**
 * The named parameters (@id, @catalogueId, ... @datasetId) of an indicator row, the inverse of describeIndicator:
 * one mapping for the bundle's seeding and the importer. Flags are stored as 0/1.
 */
export function indicatorRowParams(
  d: Omit<IndicatorDescription, 'catalogueId'> & { catalogueId?: string | null },
  provenance: Pick<IndicatorRow, 'source' | 'publisher' | 'licence' | 'attribution'>,
  datasetId: number,
) {
  return {
    id: d.id,
    catalogueId: d.catalogueId ?? null,
    name: d.name,
    shortName: d.shortName,
    ambition: d.ambition,
    topic: d.topic,
    definition: d.definition,
    valueType: d.valueType,
    multiplier: d.multiplier,
    unit: d.unit,
    polarity: d.polarity,
    missingIsZero: d.missingIsZero ? 1 : 0,
    disclosureControlled: d.disclosureControlled ? 1 : 0,
    wardLevel: d.wardLevel ? 1 : 0,
    source: provenance.source,
    publisher: provenance.publisher,
    licence: provenance.licence,
    attribution: provenance.attribution,
    methodNote: d.methodNote,
    datasetId,
  };
}

export function getIndicatorRow(db: Db, id: string): IndicatorRow | undefined {
  return statement(db, 'SELECT * FROM indicator WHERE id = ?').get(id) as IndicatorRow | undefined;
}

export function listIndicators(db: Db, filter: { ambition?: string; query?: string } = {}): IndicatorInfo[] {
  const rows = db.prepare('SELECT * FROM indicator ORDER BY id').all() as IndicatorRow[];
  const stats = db.prepare('SELECT indicator_id AS id, period, area_type, dataset_id, n FROM value_summary').all() as {
    id: string;
    period: string;
    area_type: ValueAreaType;
    dataset_id: number;
    n: number;
  }[];
  const by = new Map<string, { periods: Set<string>; types: Set<ValueAreaType>; datasets: Set<number>; n: number }>();
  for (const s of stats) {
    let e = by.get(s.id);
    if (!e) by.set(s.id, (e = { periods: new Set(), types: new Set(), datasets: new Set(), n: 0 }));
    e.periods.add(s.period);
    e.types.add(s.area_type);
    e.datasets.add(s.dataset_id);
    e.n += s.n;
  }
  const words = (filter.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows
    .filter((r) => !filter.ambition || r.ambition === filter.ambition)
    .filter((r) => words.every((w) => `${r.id} ${r.name} ${r.short_name} ${r.topic} ${r.catalogue_id ?? ''}`.toLowerCase().includes(w)))
    .map((r) => {
      const e = by.get(r.id);
      return {
        ...describeIndicator(r),
        source: r.source,
        publisher: r.publisher,
        licence: r.licence,
        attribution: r.attribution,
        definedBy: r.dataset_id,
        datasetIds: e ? [...e.datasets].sort((a, b) => a - b) : [],
        periods: e ? [...e.periods].sort() : [],
        areaTypes: e ? [...e.types].sort() : [],
        valueCount: e?.n ?? 0,
      };
    });
}

interface DatasetRow {
  id: number;
  key: string | null;
  kind: 'bundled' | 'user';
  name: string;
  file_name: string;
  sha256: string;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  imported_at: string;
  rows_read: number;
  rows_written: number;
  rows_rejected: number;
  publisher: string;
  source: string;
  licence: string;
  attribution: string;
  transformation: string;
  period: string;
  warnings: string;
}

function toDatasetInfo(r: DatasetRow, indicatorIds: string[], valueCount: number): DatasetInfo {
  let warnings: string[];
  try {
    warnings = JSON.parse(r.warnings) as string[];
  } catch {
    warnings = [];
  }
  return {
    id: r.id,
    key: r.key,
    kind: r.kind,
    name: r.name,
    fileName: r.file_name,
    sha256: r.sha256,
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    importedAt: r.imported_at,
    rowsRead: r.rows_read,
    rowsWritten: r.rows_written,
    rowsRejected: r.rows_rejected,
    publisher: r.publisher,
    source: r.source,
    licence: r.licence,
    attribution: r.attribution,
    transformation: r.transformation,
    period: r.period,
    warnings,
    indicatorIds,
    valueCount,
  };
}

export function listDatasets(db: Db): DatasetInfo[] {
  const rows = db.prepare('SELECT * FROM dataset ORDER BY id').all() as DatasetRow[];
  const counts = db.prepare('SELECT dataset_id, indicator_id, SUM(n) AS n FROM value_summary GROUP BY dataset_id, indicator_id ORDER BY dataset_id, indicator_id').all() as {
    dataset_id: number;
    indicator_id: string;
    n: number;
  }[];
  const by = new Map<number, { ids: string[]; n: number }>();
  for (const c of counts) {
    let e = by.get(c.dataset_id);
    if (!e) by.set(c.dataset_id, (e = { ids: [], n: 0 }));
    e.ids.push(c.indicator_id);
    e.n += c.n;
  }
  return rows.map((r) => toDatasetInfo(r, by.get(r.id)?.ids ?? [], by.get(r.id)?.n ?? 0));
}

export function getDataset(db: Db, id: number): DatasetInfo {
  const r = db.prepare('SELECT * FROM dataset WHERE id = ?').get(id) as DatasetRow | undefined;
  if (!r) throw new AppError('not-found', `There is no dataset ${id}. Run 'lap-insight datasets' to see the list.`);
  const counts = db.prepare('SELECT indicator_id, SUM(n) AS n FROM value_summary WHERE dataset_id = ? GROUP BY indicator_id ORDER BY indicator_id').all(id) as { indicator_id: string; n: number }[];
  return toDatasetInfo(
    r,
    counts.map((c) => c.indicator_id),
    counts.reduce((s, c) => s + c.n, 0),
  );
}

export function findDatasetsBySha(db: Db, sha256: string): DatasetInfo[] {
  const ids = db.prepare("SELECT id FROM dataset WHERE sha256 = ? AND kind = 'user' ORDER BY id").all(sha256) as { id: number }[];
  return ids.map((r) => getDataset(db, r.id));
}

/**
 * Deletes a dataset's rows: its values and age bands (found through value_summary, indicator by indicator, along
 * the primary key), its summary rows, and indicators it defined that have no values left. Explicit rather than
 * left to ON DELETE CASCADE, so that it is fast (no index on value.dataset_id) and also works while foreign keys
 * are switched off for an import. Runs inside the caller's transaction when there is one.
 */
export function deleteDatasetRows(db: Db, id: number): { valuesRemoved: number; indicatorsRemoved: string[] } {
  const defined = (db.prepare('SELECT id FROM indicator WHERE dataset_id = ? ORDER BY id').all(id) as { id: string }[]).map((r) => r.id);
  const valuesRemoved = deleteDatasetValues(db, id);
  db.prepare('UPDATE indicator SET dataset_id = NULL WHERE dataset_id = ?').run(id);
  db.prepare('DELETE FROM dataset WHERE id = ?').run(id);
  const indicatorsRemoved: string[] = [];
  const hasValues = db.prepare('SELECT 1 FROM value WHERE indicator_id = ? LIMIT 1');
  const del = db.prepare('DELETE FROM indicator WHERE id = ?');
  for (const ind of defined) {
    if (hasValues.get(ind)) continue;
    del.run(ind);
    indicatorsRemoved.push(ind);
  }
  return { valuesRemoved, indicatorsRemoved };
}

/** Deletes a dataset's values, age bands and summary rows (not the dataset row). Returns the number of values. */
export function deleteDatasetValues(db: Db, id: number): number {
  const inds = (db.prepare('SELECT DISTINCT indicator_id FROM value_summary WHERE dataset_id = ?').all(id) as { indicator_id: string }[]).map((r) => r.indicator_id);
  const delValues = db.prepare('DELETE FROM value WHERE indicator_id = ? AND dataset_id = ?');
  const delBands = db.prepare('DELETE FROM value_band WHERE indicator_id = ? AND dataset_id = ?');
  let n = 0;
  for (const ind of inds) {
    delBands.run(ind, id);
    n += delValues.run(ind, id).changes;
  }
  db.prepare('DELETE FROM value_band WHERE dataset_id = ?').run(id);
  db.prepare('DELETE FROM value_summary WHERE dataset_id = ?').run(id);
  return n;
}

/** Adds to the per-dataset summary (called by every writer of values, in its transaction). */
export function addSummary(db: Db, datasetId: number, rows: Iterable<{ indicatorId: string; period: string; areaType: string; n: number }>): void {
  const st = statement(
    db,
    `INSERT INTO value_summary (dataset_id, indicator_id, period, area_type, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(dataset_id, indicator_id, period, area_type) DO UPDATE SET n = n + excluded.n`,
  );
  for (const r of rows) if (r.n > 0) st.run(datasetId, r.indicatorId, r.period, r.areaType, r.n);
}

/** Deletes a user dataset (bundled data ships with the app and stays). */
export function deleteDataset(db: Db, id: number): DatasetDeleted {
  const dataset = getDataset(db, id);
  if (dataset.kind === 'bundled') {
    throw new AppError('forbidden', `Dataset ${id} (${dataset.name}) ships with LAP Insight and cannot be deleted; only imported datasets can.`);
  }
  const out = db.transaction(() => deleteDatasetRows(db, id))();
  return { dataset, ...out };
}

interface ValueDbRow {
  indicator_id: string;
  area_code: string;
  area_type: ValueAreaType;
  period: string;
  sex: string;
  age: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  ci95_lower: number | null;
  ci95_upper: number | null;
  ci998_lower: number | null;
  ci998_upper: number | null;
  estimate: number;
  note: string | null;
  dataset_id: number;
}

export function listValues(db: Db, q: { indicatorId: string; period?: string; areaCodes?: string[] }): ValueRow[] {
  if (!getIndicatorRow(db, q.indicatorId)) throw new AppError('not-found', `There is no indicator '${q.indicatorId}'.`);
  const where = ['v.indicator_id = ?'];
  const params: (string | number)[] = [q.indicatorId];
  if (q.period !== undefined) {
    where.push('v.period = ?');
    params.push(q.period);
  }
  if (q.areaCodes) {
    if (q.areaCodes.length === 0) return [];
    where.push(`v.area_code IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(q.areaCodes));
  }
  const rows = db
    .prepare(
      `SELECT v.*, a.type AS area_type FROM value v JOIN area a ON a.code = v.area_code
       WHERE ${where.join(' AND ')} ORDER BY v.period, v.area_code, v.sex, v.age`,
    )
    .all(...params) as ValueDbRow[];
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    areaCode: r.area_code,
    areaType: r.area_type,
    period: r.period,
    sex: r.sex,
    age: r.age,
    numerator: r.numerator,
    denominator: r.denominator,
    value: r.value,
    ci95: r.ci95_lower !== null && r.ci95_upper !== null ? [r.ci95_lower, r.ci95_upper] : null,
    ci998: r.ci998_lower !== null && r.ci998_upper !== null ? [r.ci998_lower, r.ci998_upper] : null,
    estimate: r.estimate === 1,
    note: r.note,
    datasetId: r.dataset_id,
  }));
}

/** Every area the store knows, with the small-area geographies each code belongs to. */
export interface KnownArea {
  code: string;
  name: string;
  type: ValueAreaType | 'lap';
  /** For small areas: the lookups the code appears in (an unchanged LSOA is in both lsoa11 and lsoa21). */
  geographies: SmallAreaType[];
}

export function knownAreas(db: Db): Map<string, KnownArea> {
  const out = new Map<string, KnownArea>();
  for (const a of db.prepare('SELECT code, name, type FROM area').all() as { code: string; name: string; type: KnownArea['type'] }[]) {
    out.set(a.code, { ...a, geographies: [] });
  }
  for (const l of db.prepare('SELECT DISTINCT geography, small_code FROM area_lookup').all() as { geography: SmallAreaType; small_code: string }[]) {
    out.get(l.small_code)?.geographies.push(l.geography);
  }
  return out;
}

export interface LookupPart {
  ward: string;
  lad: string;
  weight: number;
  weight015: number | null;
  weight1664: number | null;
}

/** geography -> small-area code -> the wards it goes to (one for best fit; several for MSOA shares). */
export function loadLookups(db: Db): Map<SmallAreaType, Map<string, LookupPart[]>> {
  const out = new Map<SmallAreaType, Map<string, LookupPart[]>>();
  const rows = db.prepare('SELECT geography, small_code, ward_code, lad_code, weight, weight_0_15, weight_16_64 FROM area_lookup ORDER BY geography, small_code, ward_code').all() as {
    geography: SmallAreaType;
    small_code: string;
    ward_code: string;
    lad_code: string;
    weight: number;
    weight_0_15: number | null;
    weight_16_64: number | null;
  }[];
  for (const r of rows) {
    let g = out.get(r.geography);
    if (!g) out.set(r.geography, (g = new Map()));
    let parts = g.get(r.small_code);
    if (!parts) g.set(r.small_code, (parts = []));
    parts.push({ ward: r.ward_code, lad: r.lad_code, weight: r.weight, weight015: r.weight_0_15, weight1664: r.weight_16_64 });
  }
  return out;
}

export function wardCodes(db: Db): string[] {
  return (db.prepare("SELECT code FROM area WHERE type = 'ward' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
}
