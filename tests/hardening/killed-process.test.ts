/**
 * Crash safety of LAP Insight's own writes: SIGKILL during the first start (migrations and seeding of a new
 * database, through the real CLI) and during automatic backups (VACUUM INTO, check, rename). After every kill the
 * database passes integrity_check, the next start finds nothing to repair and completes the seed, and every file
 * named as a backup is a complete, checked database (a half-written one can only be a .tmp).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createBackend } from '../../backend/backend.ts';
import { backupDir, listBackups } from '../../backend/safety/backups.ts';
import { tempDir } from '../helpers/tmp.ts';
import { inspectAfterKill, killStragglers, pool, rng, runAndKill } from './helpers/kill.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repo, 'bin', 'lap-insight.mjs');
const soak = Number(process.env.LAP_INSIGHT_SOAK_KILLS ?? 0);
const SEED_KILLS = soak || 5;
const BACKUP_KILLS = soak || 5;
const SEED = Number(process.env.LAP_INSIGHT_SOAK_SEED ?? 20261123);

let dir: string;
let cleanup: () => void;
let firstRunMs = 0;
let bundled = { wards: 0, values: 0, laps: 0 };
const figures = { seedKills: 0, seedKilledEarly: 0, seedFinished: 0, backupKills: 0, backupsChecked: 0, tmpLeft: 0 };

const counts = (db: Database.Database) => ({
  wards: (db.prepare("SELECT COUNT(*) AS n FROM area WHERE type = 'ward'").get() as { n: number }).n,
  values: (db.prepare('SELECT COUNT(*) AS n FROM value').get() as { n: number }).n,
  laps: (db.prepare('SELECT COUNT(*) AS n FROM lap').get() as { n: number }).n,
});

beforeAll(async () => {
  const t = tempDir('lap-killed-');
  dir = t.dir;
  cleanup = t.cleanup;
  const db = path.join(dir, 'baseline.db');
  const run = await runAndKill(process.execPath, [bin, 'wards', '--json', '--db', db], { delayMs: 120_000, timeoutMs: 120_000 });
  expect(run.exitCode, run.stderr).toBe(0);
  firstRunMs = run.atMs;
  bundled = inspectAfterKill(db, counts).result;
}, 180_000);

afterAll(() => {
  killStragglers();
  cleanup?.();
  console.log(
    `[killed-process] first start: ${figures.seedKills} SIGKILLs survived (${figures.seedFinished} finished first), each database then completed by the next start; ` +
      `backups: ${figures.backupKills} SIGKILLs mid-backup survived, ${figures.backupsChecked} backup files checked whole, ${figures.tmpLeft} half-written .tmp files left (never under a backup's name).`,
  );
});

describe('SIGKILL during LAP Insight writes', () => {
  it(`first start (migrations + seeding), ${SEED_KILLS} kills: never a broken database`, async () => {
    const random = rng(SEED);
    const delays = Array.from({ length: SEED_KILLS }, () => Math.round(100 + random() * firstRunMs * 1.2));
    await pool(delays, 4, async (delayMs, i) => {
      const db = path.join(dir, `seed-${i}.db`);
      const run = await runAndKill(process.execPath, [bin, 'wards', '--json', '--db', db], { delayMs });
      figures.seedKills++;
      if (run.finished) figures.seedFinished++;
      let exists = true;
      try {
        const { integrity } = inspectAfterKill(db, () => null);
        expect(integrity, `kill ${i} at ${run.atMs} ms`).toBe('ok');
      } catch (err) {
        if (!/unable to open|does not exist/i.test((err as Error).message)) throw err;
        exists = false; // killed before the file was created
      }
      // The next start completes what the killed one began, and finds nothing damaged.
      const notices: string[] = [];
      const b = createBackend({ dbPath: db, transport: 'test', onNotice: (n) => notices.push(`${n.code}: ${n.message}`) });
      expect(counts(b.db)).toEqual(bundled);
      b.close();
      expect(notices.filter((n) => !n.startsWith('backup-failed')), `kill ${i} (file existed: ${exists})`).toEqual([]);
    });
  }, 300_000);

  it(`automatic backups, ${BACKUP_KILLS} kills mid-loop: every file named as a backup is whole`, async () => {
    const random = rng(SEED + 1);
    const plans = Array.from({ length: BACKUP_KILLS }, () => Math.round(300 + random() * 2500));
    await pool(plans, 4, async (delayMs, i) => {
      const db = path.join(dir, `backup-${i}`, 'lap-insight.db');
      createBackend({ dbPath: db, transport: 'test', onNotice: () => {} }).close();
      const run = await runAndKill(process.execPath, [path.join(repo, 'tests', 'hardening', 'helpers', 'backup-loop.mjs'), db], {
        delayMs: 0,
        afterLine: { pattern: /ready/, delayMs },
      });
      expect(run.signal, run.stderr).toBe('SIGKILL');
      figures.backupKills++;
      const { integrity } = inspectAfterKill(db, () => null);
      expect(integrity).toBe('ok');
      for (const backup of listBackups(db)) {
        const copy = new Database(backup.file, { readonly: true, fileMustExist: true });
        expect(copy.pragma('integrity_check', { simple: true }), backup.file).toBe('ok');
        expect((copy.prepare("SELECT COUNT(*) AS n FROM area WHERE type = 'ward'").get() as { n: number }).n).toBe(57);
        copy.close();
        figures.backupsChecked++;
      }
      const folder = backupDir(db);
      if (existsSync(folder)) figures.tmpLeft += readdirSync(folder).filter((f) => f.endsWith('.tmp')).length;
    });
    expect(figures.backupsChecked).toBeGreaterThan(0);
  }, 300_000);
});
