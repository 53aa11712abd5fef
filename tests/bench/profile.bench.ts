/**
 * Benchmark: the Local Area Profile service end to end (backend handler through the validating dispatcher).
 *
 * 1. Real bundled data (111 indicators, 57 wards): a 10-ward LAP gets a ward added, then its full profile is
 *    recomputed (every indicator, 3 benchmarks, spine charts, trends). Side by side: a bare SQL SUM ... GROUP BY of
 *    the same numerators and denominators (the floor for any implementation), and their ratio.
 * 2. National scale, SYNTHETIC data (labelled as such: not real figures): 7,000 wards in 304 councils, 200
 *    indicators, 5 periods (7 million ward values) in a temporary database; a 10-ward LAP's profile, and the
 *    choropleth verb for one indicator over all 7,000 wards.
 *
 * Run: npm run bench -- profile
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { createSet } from '../../backend/laps/store.ts';
import { listBackups } from '../../backend/safety/backups.ts';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import { tempDir } from '../helpers/tmp.ts';
import { measure } from './process.ts';

export interface BenchResult {
  name: string;
  median: number;
  unit: string;
  target?: string;
  note?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ASSETS = path.resolve(here, '../../assets');
const BIN = path.resolve(here, '../../bin/lap-insight.mjs');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function send<K extends Channel>(backend: Backend, channel: K, args: Args<K>): Promise<Results[K]> {
  const r = await dispatch(backend.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Results[K];
}

/** CPU milliseconds of this process since the last call to cpuMark() (user + system, all threads). */
let cpuMarkAt = process.cpuUsage();
function cpuSinceMark(): number {
  const d = process.cpuUsage(cpuMarkAt);
  return (d.user + d.system) / 1000;
}
function cpuMark(): void {
  cpuMarkAt = process.cpuUsage();
}
/** CPU time of the timed() calls, in order: beside the wall time, it shows the cost apart from the machine's load. */
const cpuOfTimed: number[] = [];

async function timed(fn: () => Promise<unknown>): Promise<number> {
  cpuMark();
  const t = performance.now();
  await fn();
  const wall = performance.now() - t;
  cpuOfTimed.push(cpuSinceMark());
  return wall;
}

/** The CPU medians of the last n timed() calls. */
function cpuMedianOfLast(n: number): string {
  return `CPU ${median(cpuOfTimed.slice(-n)).toFixed(1)} ms`;
}

const SUM_SQL = `SELECT indicator_id, period, SUM(numerator) AS numerator, SUM(denominator) AS denominator, COUNT(*) AS wards
  FROM value WHERE indicator_id IN (SELECT value FROM json_each(?)) AND area_code IN (SELECT value FROM json_each(?))
    AND sex = 'Persons' AND age = 'All ages'
  GROUP BY indicator_id, period`;

// ---------------------------------------------------------------------------------------------------------------

export async function realData(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-profile-');
  const backend = createBackend({ dbPath: path.join(t.dir, 'bench.db'), transport: 'test' });
  try {
    const wards = (await send(backend, 'wards.list', {})).filter((w) => w.authorityCode === 'E06000062').map((w) => w.code).sort();
    const nine = wards.slice(0, 9);
    const tenth = wards[9]!;
    const set = (await send(backend, 'lapSets.list', {})).find((s) => s.kind === 'custom')!;
    const lap = await send(backend, 'laps.create', { setId: set.id, name: 'Bench ten', wards: nine });
    const area = { kind: 'lap' as const, id: lap.id };
    const indicators = (backend.db.prepare('SELECT id FROM indicator').pluck().all() as string[]).length;

    const stmt = backend.db.prepare(SUM_SQL);
    const ids = JSON.stringify(backend.db.prepare('SELECT id FROM indicator').pluck().all());
    const codes = JSON.stringify([...nine, tenth]);
    let groups = 0;

    const cold = await timed(() => send(backend, 'profile.get', { area }));
    const profile: number[] = [];
    const sql: number[] = [];
    let shown = 0;
    // Interleaved, so both measures see the same machine load.
    for (let i = 0; i < 100; i++) {
      await send(backend, 'laps.setWards', { id: lap.id, wards: nine });
      await send(backend, 'laps.setWards', { id: lap.id, wards: [...nine, tenth] });
      profile.push(
        await timed(async () => {
          shown = (await send(backend, 'profile.get', { area })).indicators.length;
        }),
      );
      sql.push(await timed(async () => void (groups = stmt.all(ids, codes).length)));
    }

    const p = median(profile);
    const s = median(sql);
    return [
      {
        name: 'Full profile after a ward is added (real bundled data, 10-ward LAP, 3 benchmarks)',
        median: p,
        unit: 'ms',
        target: '< 20 ms',
        note: `${shown} of ${indicators} indicators shown, with spine charts and trends; through dispatch; first (cold) profile ${cold.toFixed(1)} ms`,
      },
      { name: 'Bare SQL SUM ... GROUP BY of the same numerators and denominators', median: s, unit: 'ms', note: `${groups} indicator-period sums, no statistics` },
      { name: 'Ratio: full profile / bare SQL sums', median: p / s, unit: 'x', target: '< 3' },
    ];
  } finally {
    backend.close();
    t.cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const N_WARDS = 7000;
const WARDS_PER_COUNCIL = 23;
const N_INDICATORS = 200;
const PERIODS = ['2020', '2021', '2022', '2023', '2024'];

/** Builds the SYNTHETIC national store with SQL (deterministic numbers from the row indices, no real data). */
export function buildNational(backend: Backend): void {
  const db = backend.db;
  db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    db.exec(`
      CREATE TEMP TABLE syn_ward (i INTEGER PRIMARY KEY, code TEXT, council TEXT);
      CREATE TEMP TABLE syn_ind (j INTEGER PRIMARY KEY, id TEXT, value_type TEXT, multiplier REAL);
      CREATE TEMP TABLE syn_period (k INTEGER PRIMARY KEY, period TEXT);
    `);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
       INSERT INTO syn_ward (i, code, council) SELECT i, 'E05' || printf('%06d', 500000 + i), 'E07' || printf('%06d', 500 + i / ?) FROM n`,
    ).run(N_WARDS, WARDS_PER_COUNCIL);
    db.prepare(
      `WITH RECURSIVE n(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM n WHERE j < ? - 1)
       INSERT INTO syn_ind (j, id, value_type, multiplier)
       SELECT j, 'syn_' || printf('%03d', j),
              CASE WHEN j % 10 < 7 THEN 'proportion' WHEN j % 10 < 9 THEN 'crude-rate' ELSE 'mean-score' END,
              CASE WHEN j % 10 < 7 THEN 100 WHEN j % 10 < 9 THEN 100000 ELSE 1 END FROM n`,
    ).run(N_INDICATORS);
    const p = db.prepare('INSERT INTO syn_period (k, period) VALUES (?, ?)');
    PERIODS.forEach((x, k) => p.run(k, x));

    db.exec(`
      INSERT INTO area (code, name, type, parent_code) SELECT DISTINCT council, 'Synthetic council ' || council, 'lad', 'E92000001' FROM syn_ward;
      INSERT INTO area (code, name, type, parent_code) SELECT code, 'Synthetic ward ' || i, 'ward', council FROM syn_ward;
      INSERT INTO dataset (kind, name, file_name, sha256, format, imported_at, publisher, licence, attribution)
        VALUES ('user', 'SYNTHETIC national-scale benchmark data (not real)', 'synthetic.csv', '${'0'.repeat(64)}', 'tidy', '2025-01-01T00:00:00Z',
                'Synthetic', 'Synthetic', 'Synthetic benchmark data, not real figures');
      INSERT INTO indicator (id, name, short_name, ambition, value_type, multiplier, unit, polarity, ward_level, dataset_id)
        SELECT id, 'Synthetic indicator ' || j, 'Synthetic ' || j, 'fit-well', value_type, multiplier,
               CASE value_type WHEN 'proportion' THEN '%' WHEN 'crude-rate' THEN 'per 100,000' ELSE 'score' END,
               CASE j % 3 WHEN 0 THEN 'low-is-good' WHEN 1 THEN 'high-is-good' ELSE 'no-judgement' END, 1,
               (SELECT MAX(id) FROM dataset)
        FROM syn_ind;
    `);
    const ds = db.prepare('SELECT MAX(id) FROM dataset').pluck().get() as number;
    // Ward rows: denominators 1,000-4,999; numerators 0-249 (so proportions stay below 1); mean scores as
    // numerator = score x weight. Then councils and England as sums of their wards.
    db.prepare(
      `INSERT INTO value (indicator_id, area_code, period, dataset_id, numerator, denominator, value, estimate)
       SELECT s.id, w.code, p.period, ?,
              CASE WHEN s.value_type = 'mean-score' THEN (1000 + (w.i * 7919 + s.j * 104729 + p.k * 31) % 4000) * ((w.i * 13 + s.j * 7 + p.k) % 50 + 0.5)
                   ELSE (w.i * 31 + s.j * 17 + p.k * 7) % 250 END,
              1000 + (w.i * 7919 + s.j * 104729 + p.k * 31) % 4000, NULL, 1
       FROM syn_ind s, syn_ward w, syn_period p ORDER BY s.id, w.code, p.period`,
    ).run(ds);
    for (const [target, group] of [
      ['w.council', 'w.council'],
      ["'E92000001'", "'E92000001'"],
    ] as const) {
      db.prepare(
        `INSERT INTO value (indicator_id, area_code, period, dataset_id, numerator, denominator, value, estimate)
         SELECT v.indicator_id, ${target}, v.period, ?, SUM(v.numerator), SUM(v.denominator), NULL, 0
         FROM value v JOIN syn_ward w ON w.code = v.area_code WHERE v.dataset_id = ?
         GROUP BY v.indicator_id, ${group}, v.period`,
      ).run(ds, ds);
    }
  })();
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
}

export async function nationalScale(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-national-');
  // Only the geography: the national store holds the synthetic data alone.
  const assets = path.join(t.dir, 'assets');
  mkdirSync(assets);
  copyFileSync(path.join(ASSETS, 'geography.json'), path.join(assets, 'geography.json'));
  const backend = createBackend({ dbPath: path.join(t.dir, 'national.db'), transport: 'test', assetsDir: assets });
  try {
    const build = await timed(async () => buildNational(backend));
    const values = backend.db.prepare('SELECT COUNT(*) FROM value').pluck().get() as number;
    const set = createSet(backend.db, { name: 'Synthetic', kind: 'custom' });
    const lapWards = (backend.db.prepare(`SELECT code FROM area WHERE type = 'ward' AND parent_code = 'E07000600' ORDER BY code LIMIT 10`).pluck().all() as string[]);
    const lap = await send(backend, 'laps.create', { setId: set.id, name: 'Synthetic ten', wards: lapWards });
    const area = { kind: 'lap' as const, id: lap.id };

    const cold = await timed(() => send(backend, 'profile.get', { area }));
    const profile: number[] = [];
    let shown = 0;
    const spare = backend.db.prepare(`SELECT code FROM area WHERE type = 'ward' AND parent_code = 'E07000600' ORDER BY code LIMIT 1 OFFSET 10`).pluck().get() as string;
    for (let i = 0; i < 15; i++) {
      // A different 11th ward each time would also work; add and remove one so the group changes every run.
      await send(backend, 'laps.setWards', { id: lap.id, wards: i % 2 ? lapWards : [...lapWards, spare] });
      profile.push(await timed(async () => void (shown = (await send(backend, 'profile.get', { area })).indicators.length)));
    }

    // The choropleth verb for one indicator over all wards: each run a different indicator (nothing cached), after
    // three warm-up maps of other indicators.
    for (let j = 0; j < 3; j++) await send(backend, 'profile.choropleth', { indicatorId: `syn_${String(190 + j).padStart(3, '0')}`, method: 'quintiles', mode: 'values' });
    const map: number[] = [];
    let mapWards = 0;
    for (let j = 0; j < 21; j++) {
      const indicatorId = `syn_${String(10 + j * 7).padStart(3, '0')}`;
      map.push(await timed(async () => void (mapWards = (await send(backend, 'profile.choropleth', { indicatorId, method: 'quintiles', mode: 'values' })).wards.length)));
    }
    const mapCpu = cpuMedianOfLast(map.length);
    // Restyle: the same indicator again, switching classification and mode.
    const restyle: number[] = [];
    const styles = [
      { method: 'natural-breaks', mode: 'values' },
      { method: 'quintiles', mode: 'significance' },
      { method: 'quintiles', mode: 'values' },
    ] as const;
    for (let j = 0; j < 15; j++) {
      const s = styles[j % styles.length]!;
      restyle.push(await timed(() => send(backend, 'profile.choropleth', { indicatorId: 'syn_010', ...s })));
    }
    const restyleCpu = cpuMedianOfLast(restyle.length);
    const jenksRuns: number[] = [];
    for (let j = 0; j < 9; j++) {
      jenksRuns.push(await timed(() => send(backend, 'profile.choropleth', { indicatorId: `syn_${String(151 + j).padStart(3, '0')}`, method: 'natural-breaks', mode: 'values' })));
    }
    const jenksCpu = cpuMedianOfLast(jenksRuns.length);
    const load = `load average ${os.loadavg()[0]!.toFixed(1)}`;

    // Opening the national database as a whole `lap-insight info` process (issue 17: under 1 s).
    backend.db.pragma('wal_checkpoint(TRUNCATE)');
    const opens = nationalOpen(path.join(t.dir, 'national.db'), assets);

    const label = `SYNTHETIC data: ${N_WARDS.toLocaleString('en-GB')} wards, ${N_INDICATORS} indicators, ${PERIODS.length} periods (${values.toLocaleString('en-GB')} values; built in ${(build / 1000).toFixed(1)} s)`;
    return [
      { name: 'National scale: 10-ward LAP profile', median: median(profile), unit: 'ms', target: '< 200 ms', note: `${label}; ${shown} indicators; first (cold) ${cold.toFixed(0)} ms` },
      { name: 'National scale: choropleth, one new indicator, quintiles', median: median(map), unit: 'ms', target: '< 100 ms', note: `${mapWards.toLocaleString('en-GB')} wards (7,000 SYNTHETIC plus the 57 real wards, which have no values here), nothing cached; ${mapCpu} (wall time beside it depends on the load: ${load})` },
      { name: 'National scale: choropleth, one new indicator, natural breaks (Jenks)', median: median(jenksRuns), unit: 'ms', target: '< 100 ms', note: `SYNTHETIC data; ${jenksCpu}` },
      { name: 'National scale: choropleth restyle (same indicator, other method or mode)', median: median(restyle), unit: 'ms', target: '< 100 ms', note: `SYNTHETIC data; ${restyleCpu}` },
      ...opens,
    ];
  } finally {
    backend.close();
    t.cleanup();
  }
}

/**
 * `lap-insight info` on the national database, whole processes: the first open after the build (its daily backup is
 * due and the data changed: VACUUM INTO), then opens with the backup not due, then one with the backup due but
 * nothing changed (the change marker answers; the whole-database checksum it replaced took about 36 s of CPU here).
 */
function nationalOpen(dbPath: string, assets: string): BenchResult[] {
  const env = { ...process.env, LAP_INSIGHT_ASSETS: assets };
  const info = () => {
    const r = measure(process.execPath, [BIN, 'info', '--db', dbPath], { env });
    if (r.status !== 0) throw new Error(`lap-insight info failed: ${r.stderr}`);
    return r;
  };
  const first = info();
  const notDue = [info(), info(), info()];
  // As if the newest backup were two days old: the daily backup is due, and nothing changed since it.
  const [newest] = listBackups(dbPath);
  if (!newest) throw new Error('no daily backup was made');
  const old = new Date(Date.now() - 48 * 3600_000).toISOString().replace(/:/g, '-').replace('.', '-');
  renameSync(newest.file, newest.file.replace(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/, old));
  const raw = new Database(dbPath);
  raw.prepare("DELETE FROM meta WHERE key = 'safety.last_daily_check'").run();
  raw.close();
  const due = info();
  const made = listBackups(dbPath).length;
  const mb = (statSync(dbPath).size / 1e6).toFixed(0);
  return [
    { name: 'National scale: open (`lap-insight info`), daily backup not due', median: median(notDue.map((r) => r.wall)), unit: 's', target: '< 1 s', note: `whole process; ${mb} MB SYNTHETIC database; CPU ${median(notDue.map((r) => r.cpu)).toFixed(2)} s; runs ${notDue.map((r) => r.wall.toFixed(2)).join(', ')} s; load average ${os.loadavg()[0]!.toFixed(1)}` },
    { name: 'National scale: open, daily backup due, nothing changed (change marker)', median: due.wall, unit: 's', target: '< 1 s', note: `CPU ${due.cpu.toFixed(2)} s; ${made === 1 ? 'no new backup made' : `${made} backups (expected 1)`}` },
    { name: 'National scale: first open after the build (daily backup due, data changed: VACUUM INTO)', median: first.wall, unit: 's', note: `CPU ${first.cpu.toFixed(2)} s; once a day at most, and only after a change` },
  ];
}

export default async function run(): Promise<BenchResult[]> {
  await ensureCliBundle();
  return [...(await realData()), ...(await nationalScale())];
}
