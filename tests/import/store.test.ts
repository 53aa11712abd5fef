/** The indicator store: bundled data on first run, idempotent seeding, deleting datasets, populations, schema. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../../backend/backend.ts';
import { openDatabase } from '../../backend/db.ts';
import { seedGeography } from '../../backend/geography.ts';
import { findAssetsDir } from '../../backend/paths.ts';
import { seedBundledData } from '../../backend/data/seed.ts';
import { councilPopulations, wardPopulations } from '../../backend/data/population.ts';
import { dispatch } from '../../backend/dispatch.ts';
import type { Bundle } from '../../shared/indicators-meta.ts';
import { tempDir } from '../helpers/tmp.ts';
import { checksum, fixture, freshBackend, importFile, STORE_TABLES, values } from './helpers.ts';

const assets = findAssetsDir();
const bundle = JSON.parse(readFileSync(path.join(assets, 'dataset', 'bundle.json'), 'utf8')) as Bundle;

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

describe('bundled data', () => {
  it('loads on first run: every bundled source is listed with its licence, and every bundled row is stored', async () => {
    const list = await env.backend.handlers['datasets.list']({});
    expect(list.map((d) => d.key)).toEqual(bundle.datasets.map((d) => d.id));
    for (const d of list) {
      const b = bundle.datasets.find((x) => x.id === d.key)!;
      expect(d).toMatchObject({ kind: 'bundled', name: b.name, publisher: b.publisher, source: b.source, licence: 'Open Government Licence v3.0', attribution: b.attribution, format: 'lap-insight-bundle/1' });
      const expected = bundle.rows.filter((r) => bundle.indicators.find((i) => i.id === r[0])!.datasetId === d.key).length;
      expect([d.rowsRead, d.rowsWritten, d.valueCount]).toEqual([expected, expected, expected]);
    }
    const n = (env.backend.db.prepare('SELECT COUNT(*) AS n FROM value').get() as { n: number }).n;
    expect(n).toBe(bundle.rows.length);
    const inds = await env.backend.handlers['indicators.list']({});
    expect(inds).toHaveLength(bundle.indicators.length);
    const pop = inds.find((i) => i.id === 'census21_usual_residents')!;
    expect(pop).toMatchObject({ catalogueId: 'CX01', valueType: 'count', ambition: 'context', periods: ['2021'], areaTypes: ['england', 'lad', 'ward'], valueCount: 60, licence: 'Open Government Licence v3.0' });
  });

  it('a bundled value is stored exactly as in the bundle', () => {
    const row = bundle.rows.find((r) => r[0] === 'census21_usual_residents' && r[1] === 'E05013246')!;
    const v = values(env.backend.db, 'census21_usual_residents').find((x) => x.area_code === 'E05013246')!;
    expect([v.numerator, v.denominator, v.value, v.estimate === 1, v.note]).toEqual([row[4], row[5], row[6], row[7], row[8]]);
  });

  it('England and Wales (K04000001) is its own area type, never England', () => {
    const a = env.backend.db.prepare("SELECT code, name, type FROM area WHERE code = 'K04000001'").get();
    expect(a).toEqual({ code: 'K04000001', name: 'England and Wales', type: 'england_and_wales' });
    const ew = bundle.rows.filter((r) => r[2] === 'england_and_wales').length;
    expect((env.backend.db.prepare("SELECT COUNT(*) AS n FROM value WHERE area_code = 'K04000001'").get() as { n: number }).n).toBe(ew);
  });

  it('the small-area lookups are loaded: 443 LSOA21, 422 LSOA11, 2,395 OA21 and the MSOA shares', () => {
    const counts = env.backend.db.prepare('SELECT geography, COUNT(DISTINCT small_code) AS n FROM area_lookup GROUP BY geography ORDER BY geography').all();
    expect(counts).toEqual([
      { geography: 'lsoa11', n: 422 },
      { geography: 'lsoa21', n: 443 },
      { geography: 'msoa11', n: 91 },
      { geography: 'oa21', n: 2395 },
    ]);
    const shares = env.backend.db.prepare("SELECT small_code, ROUND(SUM(weight), 9) AS w, ROUND(SUM(weight_0_15), 9) AS k FROM area_lookup WHERE geography = 'msoa11' GROUP BY small_code").all() as { w: number; k: number }[];
    expect(shares.every((s) => s.w === 1 && s.k === 1)).toBe(true);
    expect(env.backend.db.prepare("SELECT ward_code, lad_code FROM area_lookup WHERE small_code = 'E01027305' AND geography = 'lsoa21'").get()).toEqual({ ward_code: 'E05010929', lad_code: 'E06000062' });
  });

  it('seeding twice changes nothing', () => {
    const before = checksum(env.backend.db);
    const again = seedBundledData(env.backend.ctx);
    expect(again).toMatchObject({ lookups: false, bundle: false, values: 0 });
    expect(checksum(env.backend.db)).toBe(before);
    const mine = checksum(env.backend.db, STORE_TABLES);
    const meta = () => env.backend.db.prepare("SELECT key, value FROM meta WHERE key IN ('lookups_hash', 'bundle_hash') ORDER BY key").all();
    const metaBefore = meta();
    env.backend.close();
    const reopened = createBackend({ dbPath: env.dbPath, transport: 'test' });
    env.backend = reopened;
    expect(checksum(reopened.db, STORE_TABLES)).toBe(mine);
    expect(meta()).toEqual(metaBefore);
  });

  it('a changed bundle replaces the bundled rows in one go and leaves user datasets alone', async () => {
    const t = tempDir('lap-assets-');
    try {
      cpSync(assets, t.dir, { recursive: true });
      const user = await importFile(env.backend, fixture('tidy-wards.csv'));
      expect(user.status).toBe('imported');
      const userRows = values(env.backend.db, 'synthetic_smokers');
      const ids = (await env.backend.handlers['datasets.list']({})).filter((d) => d.kind === 'bundled').map((d) => [d.key, d.id]);
      // A newer app ships a bundle with one value changed and one dataset fewer.
      const next = structuredClone(bundle);
      const gone = next.datasets.pop()!;
      next.indicators = next.indicators.filter((i) => i.datasetId !== gone.id);
      next.rows = next.rows.filter((r) => next.indicators.some((i) => i.id === r[0]));
      const castle = next.rows.find((r) => r[0] === 'census21_usual_residents' && r[1] === 'E05013246')!;
      castle[4] = 1;
      castle[6] = 1;
      writeFileSync(path.join(t.dir, 'dataset', 'bundle.json'), JSON.stringify(next));
      const res = seedBundledData({ db: env.backend.db, assetsDir: t.dir });
      expect(res).toMatchObject({ bundle: true, values: next.rows.length, skipped: 0 });
      expect(values(env.backend.db, 'census21_usual_residents').find((v) => v.area_code === 'E05013246')?.value).toBe(1);
      const after = await env.backend.handlers['datasets.list']({});
      // Dataset ids are stable; the dropped dataset is gone; the user dataset is untouched.
      expect(after.filter((d) => d.kind === 'bundled').map((d) => [d.key, d.id])).toEqual(ids.filter(([k]) => k !== gone.id));
      expect(after.filter((d) => d.kind === 'user').map((d) => d.id)).toEqual([user.datasetId]);
      expect(values(env.backend.db, 'synthetic_smokers')).toEqual(userRows);
      const userCount = (env.backend.db.prepare('SELECT COUNT(*) AS n FROM value WHERE dataset_id = ?').get(user.datasetId) as { n: number }).n;
      expect(userCount).toBe(7);
      expect((env.backend.db.prepare('SELECT COUNT(*) AS n FROM value').get() as { n: number }).n).toBe(next.rows.length + userCount);
    } finally {
      t.cleanup();
    }
  });

  it('ward populations come from Census 2021 usual residents: West 425,728 (with E01027305) and North 359,519', () => {
    const wards = wardPopulations(env.backend.ctx)!;
    const councils = councilPopulations(env.backend.ctx)!;
    expect(wards.size).toBe(57);
    expect(councils.get('E06000062')).toBe(425728);
    expect(councils.get('E06000061')).toBe(359519);
    const wardsOf = (lad: string) => (env.backend.db.prepare('SELECT code FROM area WHERE type = ? AND parent_code = ?').all('ward', lad) as { code: string }[]).map((r) => r.code);
    const north = wardsOf('E06000061').reduce((s, c) => s + wards.get(c)!, 0);
    const west = wardsOf('E06000062').reduce((s, c) => s + wards.get(c)!, 0);
    expect(north).toBe(359519);
    expect(west).toBeLessThan(425728); // E01027305 is in the West total but in no West ward
    expect(425728 - west).toBeGreaterThan(1000);
    expect(425728 - west).toBeLessThan(3000);
  });

  it('wardPopulations is null before any population is loaded', () => {
    const t = tempDir();
    try {
      const db = openDatabase(path.join(t.dir, 'bare.db'));
      seedGeography(db, assets);
      expect(wardPopulations({ db, assetsDir: assets })).toBeNull();
      db.close();
    } finally {
      t.cleanup();
    }
  });
});

describe('datasets', () => {
  it('deleting a dataset removes exactly its values (and the indicators it alone defined)', async () => {
    const a = await importFile(env.backend, fixture('tidy-wards.csv'));
    const b = await importFile(env.backend, fixture('lsoa21-rollup.csv'));
    expect([a.status, b.status]).toEqual(['imported', 'imported']);
    const db = env.backend.db;
    const all = () => db.prepare('SELECT * FROM value ORDER BY indicator_id, area_code, period').all() as { dataset_id: number }[];
    const before = all();
    const ofA = before.filter((v) => v.dataset_id === a.datasetId);
    expect(ofA).toHaveLength(7);
    const reply = await dispatch(env.backend.handlers, 'datasets.delete', { id: a.datasetId });
    expect(reply).toMatchObject({ ok: true, value: { valuesRemoved: 7, indicatorsRemoved: ['synthetic_score', 'synthetic_smokers'] } });
    expect(all()).toEqual(before.filter((v) => v.dataset_id !== a.datasetId));
    expect((await env.backend.handlers['datasets.list']({})).some((d) => d.id === a.datasetId)).toBe(false);
    expect(db.prepare("SELECT id FROM indicator WHERE id LIKE 'synthetic_%' ORDER BY id").all()).toEqual([{ id: 'synthetic_lsoa_smokers' }]);
  });

  it('an indicator defined by a deleted dataset stays while another dataset has values for it', async () => {
    const a = await importFile(env.backend, fixture('tidy-wards.csv'));
    const db = env.backend.db;
    const t = tempDir();
    try {
      const f = path.join(t.dir, 'next-year.csv');
      writeFileSync(f, readFileSync(fixture('tidy-wards.csv'), 'utf8').replace(/,2023,/g, ',2024,'));
      const b = await importFile(env.backend, f);
      expect(b.status).toBe('imported');
      const out = await env.backend.handlers['datasets.delete']({ id: a.datasetId! });
      expect(out.indicatorsRemoved).toEqual([]);
      expect(db.prepare("SELECT dataset_id FROM indicator WHERE id = 'synthetic_smokers'").get()).toEqual({ dataset_id: null });
      expect(values(db, 'synthetic_smokers').map((v) => v.period)).toEqual(Array(5).fill('2024'));
    } finally {
      t.cleanup();
    }
  });

  it('the schema itself cascades: deleting a dataset row removes exactly its values, age bands and summary', async () => {
    const a = await importFile(env.backend, fixture('bands.csv'));
    const b = await importFile(env.backend, fixture('tidy-wards.csv'));
    const db = env.backend.db;
    const count = (table: string, id: number) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE dataset_id = ?`).get(id) as { n: number }).n;
    expect([count('value', a.datasetId!), count('value_band', a.datasetId!), count('value_summary', a.datasetId!)]).toEqual([2, 6, 1]);
    const others = db.prepare('SELECT * FROM value WHERE dataset_id <> ? ORDER BY indicator_id, area_code, period').all(a.datasetId);
    db.prepare('DELETE FROM dataset WHERE id = ?').run(a.datasetId);
    expect([count('value', a.datasetId!), count('value_band', a.datasetId!), count('value_summary', a.datasetId!)]).toEqual([0, 0, 0]);
    expect(db.prepare('SELECT * FROM value ORDER BY indicator_id, area_code, period').all()).toEqual(others);
    expect(count('value', b.datasetId!)).toBe(7);
  });

  it('value_summary always matches the values (after imports, a replace and a delete)', async () => {
    const db = env.backend.db;
    await importFile(env.backend, fixture('lsoa21-rollup.csv'));
    const w = await importFile(env.backend, fixture('tidy-wards.csv'));
    await importFile(env.backend, fixture('tidy-wards.csv'), {}, { onDuplicate: 'replace' });
    await importFile(env.backend, fixture('fingertips-northants.csv'));
    await env.backend.handlers['datasets.delete']({ id: (await env.backend.handlers['datasets.list']({})).find((d) => d.fileName === 'lsoa21-rollup.csv')!.id });
    expect(w.status).toBe('imported');
    const recount = db
      .prepare('SELECT v.dataset_id, v.indicator_id, v.period, a.type AS area_type, COUNT(*) AS n FROM value v JOIN area a ON a.code = v.area_code GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4')
      .all();
    expect(db.prepare('SELECT dataset_id, indicator_id, period, area_type, n FROM value_summary ORDER BY 1, 2, 3, 4').all()).toEqual(recount);
  });

  it('bundled datasets cannot be deleted; unknown ids are not found', async () => {
    expect(await dispatch(env.backend.handlers, 'datasets.delete', { id: 1 })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/^Dataset 1 \(.*\) ships with LAP Insight and cannot be deleted/) } });
    expect(await dispatch(env.backend.handlers, 'datasets.delete', { id: 9999 })).toEqual({ ok: false, error: { kind: 'not-found', channel: 'datasets.delete', message: "There is no dataset 9999. Run 'lap-insight datasets' to see the list." } });
  });
});

describe('schema', () => {
  it('the profile query reads the value primary key', () => {
    const plan = env.backend.db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM value WHERE indicator_id = ? AND area_code IN ('E05013246','E05013264') AND period = ?")
      .all('census21_usual_residents', '2021') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH value USING PRIMARY KEY \(indicator_id=\? AND area_code=\? AND period=\?\)/);
  });

  it('every value knows its dataset, and the foreign keys hold', () => {
    const db = env.backend.db;
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO value (indicator_id, area_code, period, dataset_id) VALUES ('census21_usual_residents', 'E05013246', '1999', NULL)").run()).toThrow(/NOT NULL/);
    expect(() => db.prepare("INSERT INTO value (indicator_id, area_code, period, dataset_id) VALUES ('census21_usual_residents', 'E05099999', '1999', 1)").run()).toThrow(/FOREIGN KEY/);
  });

  it('the area table rebuild kept the geography (57 wards with their councils)', () => {
    const db = env.backend.db;
    expect(db.prepare("SELECT COUNT(*) AS n FROM area WHERE type = 'ward' AND parent_code IN ('E06000061','E06000062') AND geometry IS NOT NULL").get()).toEqual({ n: 57 });
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'area'").get() as { sql: string }).sql;
    expect(sql).toContain('REFERENCES "area"(code)');
    expect(sql).toContain("'england_and_wales'");
  });
});
