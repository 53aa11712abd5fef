/**
 * First-run loading of the bundled data: the small-area lookups (assets/lookups/*.csv) and the indicator
 * bundle (assets/dataset/bundle.json). Idempotent like seedGeography: nothing happens when the files are
 * unchanged (their SHA-256 is kept in `meta`); when a newer app ships different files, the bundled rows are
 * replaced in one transaction and user datasets are left alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_COLUMNS, BUNDLE_FORMAT, type Bundle, type BundleIndicator } from '../../shared/indicators-meta.ts';
import { chainLookups, sharesFromCounts } from '../../shared/rollup.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db.ts';
import { CsvParser } from '../io/csv.ts';
import { addSummary, deleteDatasetRows, deleteDatasetValues, indicatorRowParams } from './store.ts';

export const ENGLAND_AND_WALES_CODE = 'K04000001';
const LOOKUP_FILES = ['lsoa21_ward.csv', 'lsoa11_ward.csv', 'oa21_lsoa21.csv', 'msoa11_ward.csv'] as const;

function parseSmallCsv(text: string, file: string): Record<string, string>[] {
  const records: string[][] = [];
  const p = new CsvParser(',', (f) => records.push(f));
  p.push(text.replace(/^\uFEFF/, ''));
  p.end();
  const header = records.shift();
  if (!header) throw new Error(`${file} is empty`);
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function need(row: Record<string, string>, col: string, file: string): string {
  const v = row[col];
  if (!v) throw new Error(`${file}: a row has no ${col}`);
  return v;
}

/**
 * Loads the four lookups into `area` (small areas, named by their codes) and `area_lookup`.
 * Returns true when it wrote anything.
 */
export function seedLookups(db: Db, assetsDir: string): boolean {
  const dir = path.join(assetsDir, 'lookups');
  if (!LOOKUP_FILES.every((f) => existsSync(path.join(dir, f)))) return false;
  const texts = LOOKUP_FILES.map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const hash = createHash('sha256');
  LOOKUP_FILES.forEach((f, i) => hash.update(`${f}\0${texts[i]}\0`));
  const digest = hash.digest('hex');
  if (getMeta(db, 'lookups_hash') === digest) return false;
  const [l21, l11, oa, msoa] = LOOKUP_FILES.map((f, i) => parseSmallCsv(texts[i]!, f)) as [
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
    Record<string, string>[],
  ];

  const lsoa21Ward = new Map<string, string>();
  const lsoa21Lad = new Map<string, string>();
  for (const r of l21) {
    const code = need(r, 'lsoa21_code', 'lsoa21_ward.csv');
    lsoa21Ward.set(code, need(r, 'ward_code', 'lsoa21_ward.csv'));
    lsoa21Lad.set(code, need(r, 'lad_code', 'lsoa21_ward.csv'));
  }
  const oaLsoa = new Map(oa.map((r) => [need(r, 'oa21_code', 'oa21_lsoa21.csv'), need(r, 'lsoa21_code', 'oa21_lsoa21.csv')] as const));
  const oaWard = chainLookups(oaLsoa, lsoa21Ward);
  const oaLad = chainLookups(oaLsoa, lsoa21Lad);
  if (oaWard.broken.length) throw new Error(`oa21_lsoa21.csv: output areas whose LSOA is not in lsoa21_ward.csv: ${oaWard.broken.slice(0, 5).join(' ')}`);
  const msoaLad = new Map<string, string>();
  for (const r of l11) if (r.msoa11_code) msoaLad.set(r.msoa11_code, need(r, 'lad_code', 'lsoa11_ward.csv'));

  const upsertArea = db.prepare(
    `INSERT INTO area (code, name, type, parent_code) VALUES (?, ?, ?, ?)
     ON CONFLICT(code) DO UPDATE SET parent_code = excluded.parent_code
     WHERE area.type IN ('lsoa21','lsoa11','oa21','msoa11') AND area.type = excluded.type`,
  );
  const addAreaIfNew = db.prepare(`INSERT INTO area (code, name, type, parent_code) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO NOTHING`);
  const addLookup = db.prepare(
    `INSERT INTO area_lookup (geography, small_code, ward_code, lad_code, method, weight, weight_0_15, weight_16_64) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    db.prepare('DELETE FROM area_lookup').run();
    for (const [code, ward] of lsoa21Ward) {
      upsertArea.run(code, code, 'lsoa21', lsoa21Lad.get(code)!);
      addLookup.run('lsoa21', code, ward, lsoa21Lad.get(code)!, 'best-fit', 1, null, null);
    }
    for (const r of l11) {
      const code = need(r, 'lsoa11_code', 'lsoa11_ward.csv');
      const lad = need(r, 'lad_code', 'lsoa11_ward.csv');
      // An unchanged LSOA has the same code in 2011 and 2021: one area row (type lsoa21), in both lookups.
      addAreaIfNew.run(code, code, 'lsoa11', lad);
      addLookup.run('lsoa11', code, need(r, 'ward_code', 'lsoa11_ward.csv'), lad, 'chained best-fit', 1, null, null);
    }
    for (const [code, ward] of oaWard.lookup) {
      upsertArea.run(code, code, 'oa21', oaLsoa.get(code)!);
      addLookup.run('oa21', code, ward, oaLad.lookup.get(code)!, 'chained best-fit', 1, null, null);
    }
    const parts = msoa.map((r) => ({
      source: need(r, 'msoa11_code', 'msoa11_ward.csv'),
      target: need(r, 'ward_code', 'msoa11_ward.csv'),
      all: Number(r.pop2020_all),
      kids: Number(r.pop2020_0_15),
      working: Number(r.pop2020_16_64),
    }));
    for (const p of parts) {
      if (![p.all, p.kids, p.working].every((x) => Number.isFinite(x) && x >= 0)) throw new Error(`msoa11_ward.csv: bad population for ${p.source} ${p.target}`);
    }
    const shares = (key: 'all' | 'kids' | 'working') => sharesFromCounts(parts.map((p) => ({ source: p.source, target: p.target, count: p[key] })));
    const all = shares('all');
    const kids = shares('kids');
    const working = shares('working');
    for (const [code, list] of all) {
      const lad = msoaLad.get(code);
      if (!lad) throw new Error(`msoa11_ward.csv: MSOA ${code} is not in lsoa11_ward.csv, so its council is unknown`);
      upsertArea.run(code, code, 'msoa11', lad);
      for (const s of list) {
        const k = kids.get(code)!.find((x) => x.target === s.target)!.weight;
        const w = working.get(code)!.find((x) => x.target === s.target)!.weight;
        addLookup.run('msoa11', code, s.target, lad, 'apportioned', s.weight, k, w);
      }
    }
    setMeta(db, 'lookups_hash', digest);
  })();
  return true;
}

/** England and Wales (K04000001), the comparator of the percentage-only Census topics. Never labelled England. */
function seedEnglandAndWales(db: Db): void {
  db.prepare(
    `INSERT INTO area (code, name, type, parent_code) VALUES (?, 'England and Wales', 'england_and_wales', NULL) ON CONFLICT(code) DO NOTHING`,
  ).run(ENGLAND_AND_WALES_CODE);
}

export function readBundle(assetsDir: string): { bundle: Bundle; hash: string; file: string } | null {
  const file = path.join(assetsDir, 'dataset', 'bundle.json');
  if (!existsSync(file)) return null;
  const bytes = readFileSync(file);
  const bundle = JSON.parse(bytes.toString('utf8')) as Bundle;
  if ((bundle.format as string) !== BUNDLE_FORMAT) throw new Error(`${file}: format is '${String(bundle.format)}', expected '${BUNDLE_FORMAT}'`);
  if (JSON.stringify(bundle.columns) !== JSON.stringify(BUNDLE_COLUMNS)) throw new Error(`${file}: columns are ${JSON.stringify(bundle.columns)}, expected ${JSON.stringify(BUNDLE_COLUMNS)}`);
  return { bundle, hash: createHash('sha256').update(bytes).digest('hex'), file };
}

export interface SeedResult {
  lookups: boolean;
  bundle: boolean;
  datasets: number;
  indicators: number;
  values: number;
  /** Bundled values not loaded because a value imported by the user already exists for the same key. */
  skipped: number;
}

/**
 * Loads the bundled lookups and data into the store on first run, and again when the bundled files change.
 * Call after seedGeography. Returns what it did.
 */
export function seedBundledData(ctx: Pick<ServiceContext, 'db' | 'assetsDir'>): SeedResult {
  const { db, assetsDir } = ctx;
  seedEnglandAndWales(db);
  const lookups = seedLookups(db, assetsDir);
  const result: SeedResult = { lookups, bundle: false, datasets: 0, indicators: 0, values: 0, skipped: 0 };
  // The hash first: an unchanged bundle (every start but the first) is not parsed at all.
  const bundleFile = path.join(assetsDir, 'dataset', 'bundle.json');
  if (existsSync(bundleFile) && getMeta(db, 'bundle_hash') === createHash('sha256').update(readFileSync(bundleFile)).digest('hex')) return result;
  const read = readBundle(assetsDir);
  if (!read || getMeta(db, 'bundle_hash') === read.hash) return result;
  const { bundle, hash, file } = read;

  const datasets = new Map(bundle.datasets.map((d) => [d.id, d] as const));
  const indicators = new Map<string, BundleIndicator>();
  for (const ind of bundle.indicators) {
    if (!datasets.has(ind.datasetId)) throw new Error(`${file}: indicator ${ind.id} names an unknown dataset ${ind.datasetId}`);
    if (indicators.has(ind.id)) throw new Error(`${file}: indicator ${ind.id} appears twice`);
    indicators.set(ind.id, ind);
  }
  const areas = new Set((db.prepare('SELECT code FROM area').all() as { code: string }[]).map((r) => r.code));
  const rowsPerDataset = new Map<string, number>();
  const keys = new Set<string>();
  for (const r of bundle.rows) {
    const ind = indicators.get(r[0]);
    if (!ind) throw new Error(`${file}: a row names an unknown indicator ${r[0]}`);
    if (!areas.has(r[1])) throw new Error(`${file}: a row of ${r[0]} names an area the store does not know: ${r[1]}`);
    const key = `${r[0]}\0${r[1]}\0${r[3]}`;
    if (keys.has(key)) throw new Error(`${file}: two rows give ${r[0]} for ${r[1]} in ${r[3]}`);
    keys.add(key);
    rowsPerDataset.set(ind.datasetId, (rowsPerDataset.get(ind.datasetId) ?? 0) + 1);
  }

  const now = new Date().toISOString();
  const existing = new Map(
    (db.prepare("SELECT id, key FROM dataset WHERE kind = 'bundled'").all() as { id: number; key: string }[]).map((r) => [r.key, r.id] as const),
  );
  const insertDataset = db.prepare(
    `INSERT INTO dataset (key, kind, name, file_name, sha256, format, imported_at, rows_read, rows_written, rows_rejected, publisher, source, licence, attribution, transformation, period, warnings)
     VALUES (@key, 'bundled', @name, 'bundle.json', @sha256, @format, @now, @rows, @rows, 0, @publisher, @source, @licence, @attribution, @transformation, @period, '[]')`,
  );
  const updateDataset = db.prepare(
    `UPDATE dataset SET name = @name, sha256 = @sha256, format = @format, imported_at = @now, rows_read = @rows, rows_written = @rows, rows_rejected = 0,
       publisher = @publisher, source = @source, licence = @licence, attribution = @attribution, transformation = @transformation, period = @period, warnings = '[]'
     WHERE id = @id`,
  );
  const upsertIndicator = db.prepare(
    `INSERT INTO indicator (id, catalogue_id, name, short_name, ambition, topic, definition, value_type, multiplier, unit, polarity,
       missing_is_zero, disclosure_controlled, ward_level, source, publisher, licence, attribution, method_note, dataset_id)
     VALUES (@id, @catalogueId, @name, @shortName, @ambition, @topic, @definition, @valueType, @multiplier, @unit, @polarity,
       @missingIsZero, @disclosureControlled, @wardLevel, @source, @publisher, @licence, @attribution, @methodNote, @datasetId)
     ON CONFLICT(id) DO UPDATE SET catalogue_id = excluded.catalogue_id, name = excluded.name, short_name = excluded.short_name,
       ambition = excluded.ambition, topic = excluded.topic, definition = excluded.definition, value_type = excluded.value_type,
       multiplier = excluded.multiplier, unit = excluded.unit, polarity = excluded.polarity, missing_is_zero = excluded.missing_is_zero,
       disclosure_controlled = excluded.disclosure_controlled, ward_level = excluded.ward_level, source = excluded.source,
       publisher = excluded.publisher, licence = excluded.licence, attribution = excluded.attribution, method_note = excluded.method_note,
       dataset_id = excluded.dataset_id`,
  );
  // A value the user imported for the same key stays: the bundled one is not loaded, and the dataset says so.
  const insertValue = db.prepare(
    `INSERT INTO value (indicator_id, area_code, period, sex, age, dataset_id, numerator, denominator, value, estimate, note, numerator_upper)
     VALUES (?, ?, ?, 'Persons', 'All ages', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );

  db.transaction(() => {
    const ids = new Map<string, number>();
    for (const d of bundle.datasets) {
      const params = {
        key: d.id,
        name: d.name,
        sha256: hash,
        format: BUNDLE_FORMAT,
        now,
        rows: rowsPerDataset.get(d.id) ?? 0,
        publisher: d.publisher,
        source: d.source,
        licence: d.licence,
        attribution: d.attribution,
        transformation: d.transformation,
        period: d.period,
      };
      const old = existing.get(d.id);
      if (old !== undefined) {
        deleteDatasetValues(db, old);
        updateDataset.run({ ...params, id: old });
        ids.set(d.id, old);
      } else ids.set(d.id, Number(insertDataset.run(params).lastInsertRowid));
    }
    // Bundled datasets that the new bundle no longer has.
    for (const [key, id] of existing) if (!datasets.has(key)) deleteDatasetRows(db, id);
    for (const ind of bundle.indicators) {
      const d = datasets.get(ind.datasetId)!;
      upsertIndicator.run(indicatorRowParams(ind, d, ids.get(ind.datasetId)!));
    }
    // Indicators of earlier bundles that are gone and have no values left.
    db.prepare(
      `DELETE FROM indicator WHERE (dataset_id IS NULL OR dataset_id IN (SELECT id FROM dataset WHERE kind = 'bundled'))
         AND id NOT IN (SELECT DISTINCT indicator_id FROM value) AND id NOT IN (SELECT value FROM json_each(?))`,
    ).run(JSON.stringify(bundle.indicators.map((i) => i.id)));
    const skippedPerDataset = new Map<number, number>();
    const summary = new Map<string, { dsId: number; indicatorId: string; period: string; areaType: string; n: number }>();
    for (const r of bundle.rows) {
      const dsId = ids.get(indicators.get(r[0])!.datasetId)!;
      const info = insertValue.run(r[0], r[1], r[3], dsId, r[4], r[5], r[6], r[7] ? 1 : 0, r[8], r[9] ?? null);
      if (info.changes === 0) {
        result.skipped++;
        skippedPerDataset.set(dsId, (skippedPerDataset.get(dsId) ?? 0) + 1);
      } else {
        result.values++;
        const k = `${dsId}\u0000${r[0]}\u0000${r[3]}\u0000${r[2]}`;
        const e = summary.get(k);
        if (e) e.n++;
        else summary.set(k, { dsId, indicatorId: r[0], period: r[3], areaType: r[2], n: 1 });
      }
    }
    for (const ds of new Set([...summary.values()].map((e) => e.dsId))) addSummary(db, ds, [...summary.values()].filter((e) => e.dsId === ds));
    for (const [dsId, n] of skippedPerDataset) {
      db.prepare('UPDATE dataset SET rows_written = rows_written - ?, warnings = ? WHERE id = ?').run(
        n,
        JSON.stringify([`${n} bundled values were not loaded because values you imported already exist for the same indicator, area and period.`]),
        dsId,
      );
    }
    setMeta(db, 'bundle_hash', hash);
  })();
  result.bundle = true;
  result.datasets = bundle.datasets.length;
  result.indicators = bundle.indicators.length;
  return result;
}

