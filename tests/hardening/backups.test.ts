/**
 * Automatic backups: VACUUM INTO snapshots in backups/ beside the database, daily on open and before imports,
 * the last 5 kept, none made of a fresh or unchanged database, each one a consistent, checked database even
 * while another process writes to the live one.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { KEEP_BACKUPS, backupDir, backupNow, dailyBackup, listBackups } from '../../backend/safety/backups.ts';
import { MIGRATIONS } from '../../backend/migrations.ts';
import { bufferSource } from '../../backend/io/csv.ts';
import { runImport } from '../../backend/data/import.ts';
import { tempDir } from '../helpers/tmp.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
const figures = { backups: 0, concurrentBackups: 0, concurrentWrites: 0 };
afterAll(() => {
  console.log(
    `[backups] ${figures.backups} backups made and checked; ${figures.concurrentBackups} taken while another process committed ${figures.concurrentWrites} transactions, every one consistent.`,
  );
});

function open(dbPath: string): Backend {
  const b = createBackend({ dbPath, transport: 'test', onNotice: () => {} });
  cleanups.push(() => {
    try {
      b.close();
    } catch {
      // already closed
    }
  });
  return b;
}

function fresh(): { dir: string; dbPath: string } {
  const t = tempDir('lap-backups-');
  cleanups.push(t.cleanup);
  return { dir: t.dir, dbPath: path.join(t.dir, 'lap-insight.db') };
}

async function addLap(b: Backend, name: string): Promise<void> {
  const sets = (await dispatch(b.handlers, 'lapSets.list', {})) as { ok: true; value: { id: number; kind: string }[] };
  const reply = await dispatch(b.handlers, 'laps.create', { setId: sets.value.find((s) => s.kind === 'custom')!.id, name, wards: ['E05013246'] });
  expect(reply.ok).toBe(true);
}

/** Renames a backup as if it had been made `hours` ago. */
function age(file: string, hours: number): void {
  const when = new Date(Date.now() - hours * 3600_000).toISOString().replace(/:/g, '-').replace('.', '-');
  renameSync(file, file.replace(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/, when));
}

describe('automatic backups', () => {
  it('makes none for a fresh database, opened once or twice, and none of an unchanged one', async () => {
    const { dir, dbPath } = fresh();
    const b = open(dbPath);
    expect(backupNow(b.ctx, 'import')).toEqual({ status: 'skipped', why: 'fresh' });
    b.close();
    open(dbPath).close(); // the second open: the daily check finds the fresh contents
    expect(existsSync(path.join(dir, 'backups')) ? readdirSync(path.join(dir, 'backups')) : []).toEqual([]);

    const c = open(dbPath);
    await addLap(c, 'First change');
    const made = backupNow(c.ctx, 'import');
    expect(made.status).toBe('created');
    expect(backupNow(c.ctx, 'import')).toEqual({ status: 'skipped', why: 'unchanged' });
    // Viewing an outline writes only to a cache: still unchanged.
    await dispatch(c.handlers, 'laps.outline', { id: 1 });
    expect(backupNow(c.ctx, 'import')).toEqual({ status: 'skipped', why: 'unchanged' });
    figures.backups++;
  });

  it('is a checked, compact copy holding the data, in backups/ beside the database', async () => {
    const { dir, dbPath } = fresh();
    const b = open(dbPath);
    await addLap(b, 'In the backup');
    const made = backupNow(b.ctx, 'manual');
    if (made.status !== 'created') throw new Error('no backup');
    expect(path.dirname(made.backup.file)).toBe(path.join(dir, 'backups'));
    expect(path.basename(made.backup.file)).toMatch(/^lap-insight\.db-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-manual-[0-9a-f]{16}\.db$/);
    const copy = new Database(made.backup.file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT COUNT(*) AS n FROM lap WHERE name = 'In the backup'").get()).toEqual({ n: 1 });
    copy.close();
    expect(readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    figures.backups++;
  });

  it(`keeps only the newest ${KEEP_BACKUPS}`, async () => {
    const { dbPath } = fresh();
    const b = open(dbPath);
    const made: string[] = [];
    for (let i = 0; i < 8; i++) {
      await addLap(b, `Change ${i}`);
      const r = backupNow(b.ctx, i % 2 ? 'import' : 'daily', { now: () => new Date(Date.UTC(2026, 10, 1 + i, 14, 2)) });
      if (r.status === 'created') made.push(r.backup.file);
      figures.backups++;
    }
    expect(made).toHaveLength(8);
    const kept = listBackups(dbPath);
    expect(kept.map((k) => k.file)).toEqual(made.slice(-KEEP_BACKUPS).reverse());
    expect(readdirSync(backupDir(dbPath))).toHaveLength(KEEP_BACKUPS);
  });

  it('makes the daily backup on open when the newest is more than 24 hours old, not before', async () => {
    const { dbPath } = fresh();
    const b = open(dbPath);
    await addLap(b, 'Something to keep');
    const first = backupNow(b.ctx, 'import');
    if (first.status !== 'created') throw new Error('no backup');
    await addLap(b, 'Later work');
    b.close();

    open(dbPath).close(); // newest backup is minutes old: nothing new
    expect(listBackups(dbPath)).toHaveLength(1);

    age(first.backup.file, 25);
    open(dbPath).close();
    const after = listBackups(dbPath);
    expect(after.map((x) => x.reason)).toEqual(['daily', 'import']);
    figures.backups++;

    // dailyBackup itself, at the 24-hour boundary.
    const c = open(dbPath);
    const newest = after[0]!.createdAt.getTime();
    expect(dailyBackup(c.db, { now: () => new Date(newest + 23 * 3600_000) })).toBeNull();
    await addLap(c, 'Next day');
    expect(dailyBackup(c.db, { now: () => new Date(newest + 25 * 3600_000) })?.status).toBe('created');
    figures.backups++;
    // A backup stamped in the future (a wrong clock) does not stop daily backups.
    await addLap(c, 'Clock fixed');
    expect(dailyBackup(c.db, { now: () => new Date(newest - 48 * 3600_000) })?.status).toBe('created');
    figures.backups++;
  });

  it('backs up before migrations change an existing database', async () => {
    const { dbPath } = fresh();
    // A database left by the first released schema (migration 1 only), with a place in it.
    const old = new Database(dbPath);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    old.exec(MIGRATIONS[0]!.up as string);
    old.prepare("INSERT INTO schema_migrations VALUES (1, 'geography', '2026-01-01T00:00:00Z')").run();
    old.prepare("INSERT INTO area (code, name, type) VALUES ('E06000062', 'West Northamptonshire', 'lad')").run();
    old.close();
    const b = open(dbPath);
    const update = listBackups(dbPath).filter((x) => x.reason === 'update');
    expect(update).toHaveLength(1);
    const copy = new Database(update[0]!.file, { readonly: true });
    expect(copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    copy.close();
    expect((b.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    figures.backups++;
  });

  it('is made before each import that changes a database with the user\'s work in it (the importer calls backupNow)', async () => {
    const { dbPath } = fresh();
    const b = open(dbPath);
    const csv = (id: string) =>
      Buffer.from(`area_code,area_type,indicator_id,indicator_name,period,value,numerator,denominator,unit\nE05013246,ward,${id},SYNTHETIC (test),2023,,1,10,count\n`);
    // A fresh database: nothing of the user's to keep, no backup.
    const first = await runImport(b.ctx, { source: bufferSource('first.csv', csv('hardening_a')) }, { acceptWarnings: true });
    expect(first.status).toBe('imported');
    expect(listBackups(dbPath)).toEqual([]);
    // Now there is: the next import backs it up first, and the backup holds the first import, not the second.
    const second = await runImport(b.ctx, { source: bufferSource('second.csv', csv('hardening_b')) }, { acceptWarnings: true });
    expect(second.status).toBe('imported');
    const [made] = listBackups(dbPath);
    expect(made?.reason).toBe('import');
    const copy = new Database(made!.file, { readonly: true });
    expect(copy.prepare("SELECT id FROM indicator WHERE id LIKE 'hardening_%' ORDER BY id").pluck().all()).toEqual(['hardening_a']);
    copy.close();
    figures.backups++;
  });

  it('says so, without stopping the app, when a backup cannot be written', async () => {
    const { dir, dbPath } = fresh();
    const b = open(dbPath);
    await addLap(b, 'Precious');
    b.close();
    // A file where the backups folder should be: a real error from the file system.
    writeFileSync(path.join(dir, 'backups'), 'not a folder');
    const c = open(dbPath);
    expect(c.notices.map((n) => n.code)).toEqual(['backup-failed']);
    expect(c.notices[0]!.message).toMatch(/^LAP Insight could not make its daily backup\. .+ Your data is still there, but it has no fresh backup\.$/);
    expect(((await dispatch(c.handlers, 'wards.list', {})) as { ok: boolean }).ok).toBe(true);
  });

  it('takes consistent snapshots while another process writes to the database', async () => {
    const { dbPath } = fresh();
    const b = open(dbPath);
    b.db.exec('CREATE TABLE hardening_pairs (id INTEGER PRIMARY KEY, side TEXT NOT NULL, n INTEGER NOT NULL)');
    // The writer commits two rows per transaction, as fast as it can: a torn snapshot would hold an odd number.
    const writerCode = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
      const ins = db.prepare('INSERT INTO hardening_pairs (side, n) VALUES (?, ?)');
      const pair = db.transaction((i) => { ins.run('a', i); ins.run('b', i); });
      const { existsSync } = require('node:fs');
      let i = 0; const end = Date.now() + 60000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      // About a thousand transactions a second: steady traffic, without a table so big that checksums dominate.
      while (Date.now() < end && (i % 50 !== 0 || !existsSync(process.argv[2]))) { pair(i++); Atomics.wait(pause, 0, 0, 1); }
      process.stdout.write(String(i));
    `;
    const stop = `${dbPath}.stop`;
    const writer = spawn(process.execPath, ['-e', writerCode, dbPath, stop], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    writer.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const done = new Promise<number>((resolve) => writer.on('exit', (code) => resolve(code ?? -1)));
    await new Promise((r) => setTimeout(r, 300));
    const rows: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = backupNow(b.ctx, 'manual', { now: () => new Date(Date.now() + i) });
      expect(r.status).toBe('created');
      if (r.status !== 'created') continue;
      // Checked at once (rotation keeps only the last 5).
      const copy = new Database(r.backup.file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const { a, b: bb } = copy.prepare("SELECT SUM(side = 'a') AS a, SUM(side = 'b') AS b FROM hardening_pairs").get() as { a: number; b: number };
      expect(a).toBe(bb);
      rows.push(a);
      copy.close();
      figures.concurrentBackups++;
      await new Promise((res) => setTimeout(res, 60));
    }
    writeFileSync(stop, '');
    expect(await done).toBe(0);
    figures.concurrentWrites = Number(out);
    expect(figures.concurrentWrites).toBeGreaterThan(100);
    // The writer was really writing between snapshots.
    expect(new Set(rows).size).toBe(rows.length);
  });
});
