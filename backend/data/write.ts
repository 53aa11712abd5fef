/**
 * Writing an analysed import: one transaction for the dataset, its indicators, values, age bands and summary.
 */
import type { DatasetInfo } from '../../shared/contract/data.ts';
import type { Db } from '../db.ts';
import { finite, orNull, storedValue, type Analysis } from './analysis.ts';
import { F_BAD, F_MISSING, F_SUPPRESSED } from './columns.ts';
import { fmt } from '../io/numbers.ts';
import { addSummary, deleteDatasetRows, indicatorRowParams } from './store.ts';

const LEAN_COLS = ['indicator_id', 'area_code', 'period', 'dataset_id', 'numerator', 'denominator', 'value', 'estimate', 'note'];
const FULL_COLS = ['indicator_id', 'area_code', 'period', 'sex', 'age', 'dataset_id', 'numerator', 'denominator', 'value', 'ci95_lower', 'ci95_upper', 'ci998_lower', 'ci998_upper', 'estimate', 'note', 'numerator_upper'];
const IND_COLS = ['id', 'catalogue_id', 'name', 'short_name', 'ambition', 'topic', 'definition', 'value_type', 'multiplier', 'unit', 'polarity',
  'missing_is_zero', 'disclosure_controlled', 'ward_level', 'source', 'publisher', 'licence', 'attribution', 'method_note', 'dataset_id'];
const BATCH = 64;

/**
 * Inserts rows in multi-row statements (far fewer statement calls for large files). The caller fills `params`
 * directly (no array per row). Table and column names are constants; every value is a bound parameter.
 */
class BatchInsert {
  private readonly many: ReturnType<Db['prepare']>;
  private readonly one: ReturnType<Db['prepare']>;
  readonly params: unknown[];
  readonly width: number;
  k = 0;
  private pending = 0;
  count = 0;

  constructor(db: Db, table: string, cols: string[]) {
    const tuple = `(${cols.map(() => '?').join(',')})`;
    this.many = db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${Array(BATCH).fill(tuple).join(',')}`);
    this.one = db.prepare(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${tuple}`);
    this.width = cols.length;
    this.params = new Array(BATCH * cols.length);
  }

  /** Call after writing `width` values at params[k...]. */
  done(): void {
    this.pending++;
    this.count++;
    if (this.pending === BATCH) {
      this.many.run(this.params);
      this.k = 0;
      this.pending = 0;
    }
  }

  add(...values: unknown[]): void {
    for (let j = 0; j < values.length; j++) this.params[this.k++] = values[j];
    this.done();
  }

  flush(): void {
    for (let p = 0; p < this.pending; p++) this.one.run(this.params.slice(p * this.width, (p + 1) * this.width));
    this.k = 0;
    this.pending = 0;
  }
}

/** A dataset's provenance: the fields of the contract's DatasetInfo that say where the data came from. */
export type Provenance = Pick<DatasetInfo, 'name' | 'publisher' | 'source' | 'licence' | 'attribution' | 'transformation' | 'period'>;

function provenance(a: Analysis): Provenance {
  const given = a.mapping?.dataset ?? {};
  const periods = [...a.periods.list].sort();
  const period = periods.length === 0 ? '' : periods.length === 1 ? periods[0]! : `${periods[0]} to ${periods[periods.length - 1]}`;
  const base: Provenance =
    a.format === 'fingertips'
      ? {
          name: a.fileName,
          publisher: 'Office for Health Improvement and Disparities (OHID)',
          source: `OHID Fingertips download (${a.fileName}), imported by the user`,
          licence: 'Open Government Licence v3.0',
          attribution: 'Contains public sector information from OHID Fingertips (fingertips.phe.org.uk) licensed under the Open Government Licence v3.0.',
          transformation: '',
          period,
        }
      : {
          name: a.fileName,
          publisher: 'Not stated',
          source: `${a.fileName}, imported by the user`,
          licence: 'Not stated (imported by the user)',
          attribution: 'Not stated',
          transformation: '',
          period,
        };
  const built = a.built.length
    ? ` ${fmt(a.built.length)} ward and council values were summed from small areas through the bundled ONS best-fit lookups (ward values are estimates).`
    : '';
  return { ...base, ...given, transformation: given.transformation ?? `Imported from ${a.format} CSV (${a.encoding}).${built}` };
}

export interface WriteOutcome {
  datasetId: number;
  valuesWritten: number;
  replaced: number[];
}

/**
 * Writes an analysed import in one transaction. Throws (and writes nothing) on any failure.
 *
 * Foreign-key enforcement is switched off for the bulk insert (it would look up three parent rows for each of up
 * to millions of values): every area and indicator the import refers to has already been checked, and is checked
 * again inside the transaction before it commits, so the guarantee is the same.
 */
export function writeAnalysis(db: Db, a: Analysis, replace: number[]): WriteOutcome {
  const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
  if (fkWasOn) db.pragma('foreign_keys = OFF');
  try {
    return db.transaction(() => writeRows(db, a, replace))();
  } finally {
    if (fkWasOn) db.pragma('foreign_keys = ON');
  }
}

function writeRows(db: Db, a: Analysis, replace: number[]): WriteOutcome {
  const c = a.cols;
  const prov = provenance(a);
  const warnings = a.issues
    .report()
    .issues.filter((i) => i.severity === 'warning')
    .map((i) => i.message);
  const now = new Date().toISOString();
  for (const id of replace) deleteDatasetRows(db, id);
  const datasetId = Number(
    db
      .prepare(
        `INSERT INTO dataset (key, kind, name, file_name, sha256, format, encoding, delimiter, imported_at, rows_read, rows_written, rows_rejected,
           publisher, source, licence, attribution, transformation, period, warnings)
         VALUES (NULL, 'user', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        prov.name,
        a.fileName,
        a.sha256,
        a.format,
        a.encoding,
        a.delimiter,
        now,
        a.rowsRead,
        a.rowsLeftOut,
        prov.publisher,
        prov.source,
        prov.licence,
        prov.attribution,
        prov.transformation,
        prov.period,
        JSON.stringify(warnings),
      ).lastInsertRowid,
  );
  const insertInd = new BatchInsert(db, 'indicator', IND_COLS);
  const updateInd = db.prepare(
    `UPDATE indicator SET catalogue_id = @catalogueId, name = @name, short_name = @shortName, ambition = @ambition, topic = @topic,
       definition = @definition, value_type = @valueType, multiplier = @multiplier, unit = @unit, polarity = @polarity,
       missing_is_zero = @missingIsZero, disclosure_controlled = @disclosureControlled, ward_level = @wardLevel, method_note = @methodNote
     WHERE id = @id`,
  );
  const metas = [...a.indList.map((x) => x.meta!), ...a.derived];
  // By id: a search of the plans for each indicator was quadratic (16 million comparisons for 4,000 indicators).
  const planNotes = new Map<string, string>();
  for (const p of a.plans) if (!planNotes.has(p.id)) planNotes.set(p.id, p.note);
  // Which indicators exist, in one query (after the deletes above): one lookup per indicator cost 4,000 queries.
  const stored = new Set(
    (db.prepare('SELECT id FROM indicator WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(metas.map((m) => m.id))) as { id: string }[]).map((r) => r.id),
  );
  for (const m of metas) {
    const methodNote = m.methodNote || (planNotes.get(m.id) ?? '');
    // Insert when missing: new indicators, and indicators of a dataset just replaced (deleted above with it).
    if (!stored.has(m.id)) {
      insertInd.add(m.id, m.catalogueId, m.name, m.shortName, m.ambition, m.topic, m.definition, m.valueType, m.multiplier, m.unit, m.polarity,
        m.missingIsZero ? 1 : 0, m.disclosureControlled ? 1 : 0, m.wardLevel ? 1 : 0, prov.source, prov.publisher, prov.licence, prov.attribution, methodNote, datasetId);
      stored.add(m.id);
    } else if (m.update) {
      insertInd.flush(); // an indicator inserted above is in the table before it is updated
      updateInd.run({ ...indicatorRowParams(m, prov, datasetId), methodNote });
    }
  }
  insertInd.flush();

  const lean = new BatchInsert(db, 'value', LEAN_COLS);
  const full = new BatchInsert(db, 'value', FULL_COLS);
  const bands = new BatchInsert(db, 'value_band', ['indicator_id', 'area_code', 'period', 'sex', 'age', 'band', 'band_order', 'dataset_id', 'numerator', 'denominator']);
  const order = a.order ?? Uint32Array.from({ length: c.n }, (_, i) => i);
  const ids = a.indList.map((x) => x.meta!.id);
  const meta = a.indList.map((x) => x.meta!);
  const codes = a.areaList.map((x) => x.code);
  const types = a.areaList.map((x) => x.known?.type ?? 'unknown');
  const sa = a.sexAges.list.map((s) => s.split('\u0000') as [string, string]);
  const plainSa = sa.map(([sex, age]) => sex === 'Persons' && age === 'All ages');
  const periods = a.periods.list;
  const notes = a.notes.list;
  const bandOrder = a.bands.list.map((b, i) => {
    const m = /^\s*(\d+)/.exec(b);
    return m ? Number(m[1]) : 1000 + i;
  });
  // value_summary: counts per indicator, period and area type (numeric keys while looping).
  const typeNames = [...new Set(types)];
  const typeIdx = types.map((t) => typeNames.indexOf(t));
  const nT = typeNames.length;
  const nP = periods.length;
  const counts = new Map<number, number>();
  const areaUsed = new Uint8Array(codes.length);
  const bandRows: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const flags = c.flags[i]!;
    if (flags & F_BAD) continue;
    if (c.band[i]! >= 0) {
      bandRows.push(i);
      continue;
    }
    const ind = c.ind[i]!;
    const m = meta[ind]!;
    const num = c.num[i]!;
    const den = c.den[i]!;
    const val = storedValue(m, num, den, c.val[i]!);
    const numerator = m.valueType === 'count' && !finite(num) ? val : num;
    const noteIdx = c.note[i]!;
    const note = noteIdx >= 0 ? notes[noteIdx]! : flags & F_SUPPRESSED ? 'suppressed in the source' : flags & F_MISSING ? 'blank in the source' : null;
    const s = c.sexAge[i]!;
    const l95 = c.l95[i]!;
    const u95 = c.u95[i]!;
    const l998 = c.l998[i]!;
    const u998 = c.u998[i]!;
    if (plainSa[s] && l95 !== l95 && u95 !== u95 && l998 !== l998 && u998 !== u998) {
      const p = lean.params;
      let j = lean.k;
      p[j++] = ids[ind];
      p[j++] = codes[c.area[i]!];
      p[j++] = periods[c.period[i]!];
      p[j++] = datasetId;
      p[j++] = finite(numerator) ? numerator : null;
      p[j++] = finite(den) ? den : null;
      p[j++] = finite(val) ? val : null;
      p[j++] = 0;
      p[j++] = note;
      lean.k = j;
      lean.done();
    } else {
      const [sex, age] = sa[s]!;
      full.add(ids[ind], codes[c.area[i]!], periods[c.period[i]!], sex, age, datasetId, orNull(numerator), orNull(den), orNull(val), orNull(l95), orNull(u95), orNull(l998), orNull(u998), 0, note, null);
    }
    const key = (ind * nP + c.period[i]!) * nT + typeIdx[c.area[i]!]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    areaUsed[c.area[i]!] = 1;
  }
  const builtCounts = new Map<string, { indicatorId: string; period: string; areaType: string; n: number }>();
  for (const b of a.built) {
    full.add(b.ind.id, b.area, b.period, b.sex, b.age, datasetId, orNull(b.num), orNull(b.den), orNull(b.val), null, null, null, null, b.estimate ? 1 : 0, b.note, orNull(b.numUpper ?? NaN));
    const k = `${b.ind.id}\u0000${b.period}\u0000${b.areaType}`;
    const e = builtCounts.get(k);
    if (e) e.n++;
    else builtCounts.set(k, { indicatorId: b.ind.id, period: b.period, areaType: b.areaType, n: 1 });
  }
  lean.flush();
  full.flush();
  for (const i of bandRows) {
    const s = sa[c.sexAge[i]!]!;
    const b = c.band[i]!;
    bands.add(ids[c.ind[i]!], codes[c.area[i]!], periods[c.period[i]!], s[0], s[1], a.bands.list[b], bandOrder[b], datasetId, orNull(c.num[i]!), orNull(c.den[i]!));
  }
  bands.flush();
  const summary = [...counts.entries()].map(([key, n]) => {
    const t = key % nT;
    const rest = (key - t) / nT;
    const p = rest % nP;
    const ind = (rest - p) / nP;
    return { indicatorId: ids[ind]!, period: periods[p]!, areaType: typeNames[t]!, n };
  });
  addSummary(db, datasetId, [...summary, ...builtCounts.values()]);
  const written = lean.count + full.count;
  db.prepare('UPDATE dataset SET rows_written = ? WHERE id = ?').run(written, datasetId);

  // What the foreign keys would have checked: every area and indicator referenced exists; every age band has its value.
  const usedAreas = [...new Set([...codes.filter((_, i) => areaUsed[i] === 1), ...bandRows.map((i) => codes[c.area[i]!]!), ...a.built.map((b) => b.area)])];
  const missingArea = db.prepare('SELECT value AS code FROM json_each(?) WHERE value NOT IN (SELECT code FROM area)').all(JSON.stringify(usedAreas)) as { code: string }[];
  const usedInds = [...new Set([...summary.map((x) => x.indicatorId), ...bandRows.map((i) => ids[c.ind[i]!]!), ...a.built.map((b) => b.ind.id)])];
  const missingInd = db.prepare('SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT id FROM indicator)').all(JSON.stringify(usedInds)) as { id: string }[];
  const orphanBands = (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM value_band b WHERE b.dataset_id = ? AND NOT EXISTS (SELECT 1 FROM value v WHERE v.indicator_id = b.indicator_id AND v.area_code = b.area_code AND v.period = b.period AND v.sex = b.sex AND v.age = b.age)`,
      )
      .get(datasetId) as { n: number }
  ).n;
  if (missingArea.length || missingInd.length || orphanBands) {
    throw new Error(
      `integrity check failed (${[...missingArea.map((x) => `area ${x.code}`), ...missingInd.map((x) => `indicator ${x.id}`), orphanBands ? `${orphanBands} age bands without a value` : ''].filter(Boolean).join(', ')})`,
    );
  }
  return { datasetId, valuesWritten: written, replaced: replace };
}
