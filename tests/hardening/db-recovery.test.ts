/**
 * A damaged, missing or empty database at start-up: createBackend moves the damaged file aside (with its -wal and
 * -shm), restores the newest backup that passes integrity_check, or starts fresh, and says so in plain English.
 * Every kind of damage is made for real on a real database file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { AppNotice } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { backupNow, listBackups } from '../../backend/safety/backups.ts';
import { StorageError } from '../../backend/safety/storage-errors.ts';
import { tempDir } from '../helpers/tmp.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function dir(): string {
  const t = tempDir('lap-recovery-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const quiet = { transport: 'test' as const, onNotice: () => {} };

function open(dbPath: string): Backend {
  const b = createBackend({ dbPath, ...quiet });
  cleanups.push(() => {
    try {
      b.close();
    } catch {
      // closed by the test
    }
  });
  return b;
}

async function call(b: Backend, channel: string, args: unknown): Promise<unknown> {
  const reply = await dispatch(b.handlers, channel, args);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value;
}

async function lapNames(b: Backend): Promise<string[]> {
  return ((await call(b, 'laps.list', {})) as { name: string }[]).map((l) => l.name).sort();
}

/**
 * A database with a user's LAP 'Kept' and an automatic backup of it, then a later LAP 'After the backup' that only
 * the live file has.
 */
async function databaseWithBackup(d: string): Promise<string> {
  const dbPath = path.join(d, 'lap-insight.db');
  const b = open(dbPath);
  const sets = (await call(b, 'lapSets.list', {})) as { id: number; kind: string }[];
  const custom = sets.find((s) => s.kind === 'custom')!;
  await call(b, 'laps.create', { setId: custom.id, name: 'Kept', wards: ['E05013246'], notes: 'made before the backup' });
  expect(backupNow(b.ctx, 'manual').status).toBe('created');
  await call(b, 'laps.create', { setId: custom.id, name: 'After the backup', wards: ['E05013239'] });
  b.close();
  return dbPath;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Page number of a table's b-tree root. */
function rootPage(dbPath: string, table: string): { page: number; pageSize: number } {
  const db = new Database(dbPath, { readonly: true });
  const page = (db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as { rootpage: number }).rootpage;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return { page, pageSize };
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

/** Ways to damage a database file, each real. */
const DAMAGE: [string, (file: string) => void][] = [
  ['truncated to half its size', (f) => truncateSync(f, Math.floor(statSync(f).size / 2))],
  ['truncated to one page', (f) => truncateSync(f, 4096)],
  ['truncated inside the header (50 bytes)', (f) => truncateSync(f, 50)],
  ['replaced by random bytes', (f) => writeFileSync(f, randomBytes(200_000))],
  ['header overwritten', (f) => overwrite(f, 0, randomBytes(100))],
  [
    'root page of the lap table overwritten',
    (f) => {
      const { page, pageSize } = rootPage(f, 'lap');
      overwrite(f, (page - 1) * pageSize, randomBytes(pageSize));
    },
  ],
  [
    'root page of the area table zeroed',
    (f) => {
      const { page, pageSize } = rootPage(f, 'area');
      overwrite(f, (page - 1) * pageSize, Buffer.alloc(pageSize));
    },
  ],
  ['replaced by a CSV file', (f) => writeFileSync(f, 'area_code,value\nE05013246,1\n')],
];

const RESTORED = /^Your database was damaged, so LAP Insight restored the backup from \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\. Changes made after that time are not in it\. The damaged file was kept as (.+lap-insight\.db\.corrupt-\d{8}-\d{6})\.$/;

describe('a damaged database at start-up', () => {
  it.each(DAMAGE)('%s: moved aside, newest backup restored, user told', async (_name, damage) => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    damage(dbPath);
    const damagedHash = sha(dbPath);
    writeFileSync(`${dbPath}-wal`, randomBytes(1000));
    writeFileSync(`${dbPath}-shm`, randomBytes(1000));
    const walHash = sha(`${dbPath}-wal`);

    const b = open(dbPath);
    expect(b.notices).toHaveLength(1);
    const n = b.notices[0]!;
    expect(n).toMatchObject({ level: 'warning', code: 'restored-backup' });
    const kept = RESTORED.exec(n.message)?.[1];
    expect(kept, n.message).toBeDefined();
    // The damaged file and its -wal/-shm are kept, byte for byte.
    expect(sha(kept!)).toBe(damagedHash);
    expect(sha(`${kept}-wal`)).toBe(walHash);
    expect(existsSync(`${kept}-shm`)).toBe(true);
    // The backup's contents are back: the LAP made before it, not the one after.
    expect(await lapNames(b)).toContain('Kept');
    expect(await lapNames(b)).not.toContain('After the backup');
    expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await call(b, 'wards.list', {})) as unknown[]).toHaveLength(57);
    // The notice is readable through the contract too.
    expect(await call(b, 'app.notices', {})).toEqual(b.notices);
  });

  it.each(DAMAGE.slice(0, 4))('%s, no backup: starts fresh with the bundled data, keeps the damaged file', async (_name, damage) => {
    const d = dir();
    const dbPath = path.join(d, 'lap-insight.db');
    open(dbPath).close();
    damage(dbPath);
    const damagedHash = sha(dbPath);
    const b = open(dbPath);
    expect(b.notices.map((x) => x.code)).toEqual(['started-fresh']);
    expect(b.notices[0]!.message).toMatch(
      /^Your database was damaged and there was no usable backup, so LAP Insight started a new one with the bundled data\. LAPs and imports you made are not in it\. The damaged file was kept as .+\.corrupt-\d{8}-\d{6}\.$/,
    );
    const kept = readdirSync(d).filter((f) => f.startsWith('lap-insight.db.corrupt-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(kept).toHaveLength(1);
    expect(sha(path.join(d, kept[0]!))).toBe(damagedHash);
    expect((await call(b, 'wards.list', {})) as unknown[]).toHaveLength(57);
    expect(await lapNames(b)).toEqual(['DSN4', 'N4']); // the bundled pioneer LAPs
  });

  it('skips a damaged newest backup and restores the one before, saying so', async () => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    const b1 = open(dbPath);
    await call(b1, 'laps.rename', { id: ((await call(b1, 'laps.list', {})) as { id: number; name: string }[]).find((l) => l.name === 'Kept')!.id, name: 'Kept v2' });
    const newer = backupNow(b1.ctx, 'manual');
    expect(newer.status).toBe('created');
    b1.close();
    // Damage the newer backup, then the live file.
    if (newer.status === 'created') overwrite(newer.backup.file, 0, randomBytes(100));
    writeFileSync(dbPath, randomBytes(50_000));
    const b = open(dbPath);
    expect(b.notices[0]!.message).toMatch(/restored the backup from .+ \(1 newer backup was damaged too and not used\)\./);
    expect(await lapNames(b)).toContain('Kept');
  });

  it('does not restore a backup written by a newer version of the app', async () => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    const [only] = listBackups(dbPath);
    const db = new Database(only!.file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    writeFileSync(dbPath, randomBytes(10_000));
    const b = open(dbPath);
    expect(b.notices.map((n) => n.code)).toEqual(['started-fresh']);
  });

  it('restores the newest backup when the database file is missing or empty', async () => {
    for (const how of ['missing', 'empty'] as const) {
      const d = dir();
      const dbPath = await databaseWithBackup(d);
      if (how === 'missing') rmSync(dbPath);
      else writeFileSync(dbPath, '');
      const b = open(dbPath);
      expect(b.notices).toHaveLength(1);
      expect(b.notices[0]!.message).toMatch(
        how === 'missing'
          ? /^LAP Insight could not find the database at .+lap-insight\.db, so it restored the backup from .+\. Changes made after that time are not in it\.$/
          : /^LAP Insight found the database at .+lap-insight\.db empty, so it restored the backup from .+\./,
      );
      expect(await lapNames(b)).toContain('Kept');
      if (how === 'empty') expect(b.notices[0]!.message).toMatch(/The empty file was kept as .+\.corrupt-\d{8}-\d{6}\.$/);
      b.close();
    }
  });

  it('keeps a leftover -wal of a missing database instead of deleting it', async () => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    rmSync(dbPath);
    writeFileSync(`${dbPath}-wal`, randomBytes(4096));
    const walHash = sha(`${dbPath}-wal`);
    const b = open(dbPath);
    expect(b.notices.map((n) => n.code)).toEqual(['restored-backup']);
    expect(sha(`${dbPath}.stale-1-wal`)).toBe(walHash);
  });

  it('says nothing on a first run (no file, no backups), and nothing on a healthy start', () => {
    const d = dir();
    const dbPath = path.join(d, 'lap-insight.db');
    const first = open(dbPath);
    expect(first.notices).toEqual([]);
    first.close();
    const again = open(dbPath);
    expect(again.notices).toEqual([]);
    expect(readdirSync(d).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('leaves a file that is not a database at all alone, and says how to choose another', () => {
    const d = dir();
    const file = path.join(d, 'my-data.csv');
    writeFileSync(file, 'area_code,value\nE05013246,1\n');
    const before = sha(file);
    let error: unknown;
    try {
      open(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toBe(
      `Could not open the database at ${file}: it is not an SQLite database file, so LAP Insight left it alone. Choose the database file, or a new file name, with --db or LAP_INSIGHT_DB.`,
    );
    expect(sha(file)).toBe(before);
    expect(readdirSync(d)).toEqual(['my-data.csv']);
  });

  it('the CLI prints the notice on stderr, carries on, and exits 3 so a script can tell', async () => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    writeFileSync(dbPath, randomBytes(20_000));
    const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'lap-insight.mjs'), 'wards', '--json', '--db', dbPath], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(3); // done, but the database was replaced by its backup (EXIT_DATABASE_REPLACED)
    expect(JSON.parse(r.stdout)).toHaveLength(57);
    expect(r.stderr).toMatch(/^LAP Insight: Your database was damaged, so LAP Insight restored the backup from /m);
  });
});

describe('notices', () => {
  it('are plain data with an ISO time', async () => {
    const d = dir();
    const dbPath = await databaseWithBackup(d);
    writeFileSync(dbPath, randomBytes(5000));
    const b = open(dbPath);
    const [n] = (await call(b, 'app.notices', {})) as AppNotice[];
    expect(Object.keys(n!).sort()).toEqual(['at', 'code', 'level', 'message']);
    expect(Number.isNaN(Date.parse(n!.at))).toBe(false);
  });
});
