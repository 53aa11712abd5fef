/**
 * One database for the app, the preview and the CLI (backend/db-path.ts): the per-platform default,
 * the --db / LAP_INSIGHT_DB overrides, the first-use copy of the old ~/.lap-insight database, and backups keyed
 * by the whole file name (backend/safety/backups.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { adoptLegacyDatabase, defaultDbPath, legacyDbPath, resolveDbPath, resolveDbPathWithSource, userDataDir } from '../../backend/db-path.ts';
import { backupNow, listBackups } from '../../backend/safety/backups.ts';
import { tempDir } from '../helpers/tmp.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});
function dir(): string {
  const t = tempDir('lap-dbpath-');
  cleanups.push(t.cleanup);
  return t.dir;
}
function open(dbPath: string): Backend {
  const b = createBackend({ dbPath, transport: 'test', onNotice: () => {} });
  cleanups.push(() => {
    try {
      b.close();
    } catch {
      // closed already
    }
  });
  return b;
}
async function addLap(b: Backend, name: string): Promise<void> {
  const sets = (await dispatch(b.handlers, 'lapSets.list', {})) as { ok: true; value: { id: number; kind: string }[] };
  const reply = await dispatch(b.handlers, 'laps.create', { setId: sets.value.find((s) => s.kind === 'custom')!.id, name, wards: ['E05013246'] });
  expect(reply.ok).toBe(true);
}
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the default database: Electron userData for "LAP Insight", per platform', () => {
  it('Windows: %APPDATA%\\LAP Insight\\lap-insight.db (else the roaming folder under the profile)', () => {
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, { platform: 'win32', home: 'C:\\Users\\ann' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\LAP Insight\\lap-insight.db',
    );
    expect(defaultDbPath({}, { platform: 'win32', home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Roaming\\LAP Insight\\lap-insight.db');
  });

  it('macOS: ~/Library/Application Support/LAP Insight/lap-insight.db, whatever XDG says', () => {
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/x' }, { platform: 'darwin', home: '/Users/ann' })).toBe('/Users/ann/Library/Application Support/LAP Insight/lap-insight.db');
  });

  it('Linux: $XDG_CONFIG_HOME/LAP Insight (absolute only), else ~/.config/LAP Insight', () => {
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/srv/conf' }, { platform: 'linux', home: '/home/ann' })).toBe('/srv/conf/LAP Insight/lap-insight.db');
    expect(defaultDbPath({}, { platform: 'linux', home: '/home/ann' })).toBe('/home/ann/.config/LAP Insight/lap-insight.db');
    expect(defaultDbPath({ XDG_CONFIG_HOME: 'relative/conf' }, { platform: 'linux', home: '/home/ann' })).toBe('/home/ann/.config/LAP Insight/lap-insight.db');
    expect(userDataDir({}, { platform: 'freebsd', home: '/home/ann' })).toBe('/home/ann/.config/LAP Insight');
  });

  it('in the app, Electron\'s own userData folder is used as given', () => {
    expect(defaultDbPath({}, { platform: 'linux', userDataDir: '/tmp/ud' })).toBe('/tmp/ud/lap-insight.db');
  });

  it('the old CLI/preview place is ~/.lap-insight/lap-insight.db', () => {
    expect(legacyDbPath({ platform: 'linux', home: '/home/ann' })).toBe('/home/ann/.lap-insight/lap-insight.db');
  });
});

describe('resolveDbPath(argv, env): --db, then LAP_INSIGHT_DB, then the default', () => {
  const opts = { platform: 'linux' as const, home: '/home/ann', cwd: '/work' };
  it('takes --db PATH or --db=PATH (the last wins) before LAP_INSIGHT_DB, resolved against the working folder', () => {
    const env = { LAP_INSIGHT_DB: '/data/env.db' };
    expect(resolveDbPathWithSource(['electron', '.', '--db', 'mine.db'], env, opts)).toEqual({ path: '/work/mine.db', source: 'argument' });
    expect(resolveDbPath(['laps', '--db=/data/x.db'], env, opts)).toBe('/data/x.db');
    expect(resolveDbPath(['laps', '--db', 'a.db', '--db', 'b.db'], {}, opts)).toBe('/work/b.db');
    expect(resolveDbPathWithSource(['laps'], { LAP_INSIGHT_DB: 'rel.db' }, opts)).toEqual({ path: '/work/rel.db', source: 'environment' });
  });

  it('an empty --db or LAP_INSIGHT_DB, or a --db after --, falls back to the default', () => {
    const fallback = { path: '/home/ann/.config/LAP Insight/lap-insight.db', source: 'default' };
    expect(resolveDbPathWithSource(['electron', '.', '--db'], { LAP_INSIGHT_DB: '  ' }, opts)).toEqual(fallback);
    expect(resolveDbPathWithSource(['laps', '--db='], {}, opts)).toEqual(fallback);
    expect(resolveDbPathWithSource(['lap', 'create', '--', '--db', 'x.db'], {}, opts)).toEqual(fallback);
  });
});

describe('first use of the default database copies the old ~/.lap-insight one', () => {
  it('copies (never moves) the file and its -wal, says so once, and leaves an existing database alone', async () => {
    const d = dir();
    const legacy = path.join(d, 'home', '.lap-insight', 'lap-insight.db');
    mkdirSync(path.dirname(legacy), { recursive: true });
    writeFileSync(legacy, 'main file');
    writeFileSync(`${legacy}-wal`, 'log');
    const target = path.join(d, 'conf', 'LAP Insight', 'lap-insight.db');
    const message = adoptLegacyDatabase(target, legacy);
    expect(message).toBe(
      `LAP Insight now keeps its database at ${target}, shared by the app and the lap-insight command. It copied your existing database from ${legacy}; that file was left where it was.`,
    );
    expect(readFileSync(target, 'utf8')).toBe('main file');
    expect(readFileSync(`${target}-wal`, 'utf8')).toBe('log');
    expect(readFileSync(legacy, 'utf8')).toBe('main file');
    expect(readFileSync(`${legacy}-wal`, 'utf8')).toBe('log');
    writeFileSync(legacy, 'changed later');
    expect(adoptLegacyDatabase(target, legacy)).toBeNull(); // the new one exists: never overwritten
    expect(readFileSync(target, 'utf8')).toBe('main file');
    expect(adoptLegacyDatabase(path.join(d, 'other.db'), path.join(d, 'none.db'))).toBeNull();
  });

  it('lap-insight (real process, HOME and XDG_CONFIG_HOME in a temp folder) sees the LAP made in the old database', async () => {
    const d = dir();
    const home = path.join(d, 'home');
    const conf = path.join(d, 'conf');
    const legacy = path.join(home, '.lap-insight', 'lap-insight.db');
    const b = open(legacy);
    await addLap(b, 'Made before the move');
    b.close();
    const before = sha(legacy);
    const env: Record<string, string | undefined> = { ...process.env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: conf, APPDATA: path.join(home, 'AppData', 'Roaming') };
    delete env.LAP_INSIGHT_DB;
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin', 'lap-insight.mjs'), ...args], { encoding: 'utf8', env, timeout: 60_000 });

    const expected = defaultDbPath(env, { home });
    const info = cli('info', '--json');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout).databasePath).toBe(expected);
    expect(info.stderr).toContain(`It copied your existing database from ${legacy}; that file was left where it was.`);
    expect(sha(legacy)).toBe(before); // untouched

    const laps = cli('laps', '--json');
    expect(laps.status).toBe(0);
    expect(laps.stderr).toBe(''); // said once only
    expect((JSON.parse(laps.stdout) as { name: string }[]).map((l) => l.name)).toContain('Made before the move');
    const text = cli('info');
    expect(text.stdout).toContain(`Database: ${expected} (schema `);
  });
});

describe('backups are keyed by the whole file name', () => {
  it('dup.db and dup.sqlite in one folder keep separate backups and rotations', async () => {
    const d = dir();
    const db = open(path.join(d, 'dup.db'));
    const sqlite = open(path.join(d, 'dup.sqlite'));
    await addLap(db, 'In dup.db');
    await addLap(sqlite, 'In dup.sqlite');
    const a = backupNow(db.ctx, 'manual');
    const b = backupNow(sqlite.ctx, 'manual');
    if (a.status !== 'created' || b.status !== 'created') throw new Error('no backups made');
    expect(path.basename(a.backup.file)).toMatch(/^dup\.db-\d{4}-\d{2}-\d{2}T[\d-]+Z-manual-[0-9a-f]{16}\.db$/);
    expect(path.basename(b.backup.file)).toMatch(/^dup\.sqlite-\d{4}-\d{2}-\d{2}T[\d-]+Z-manual-[0-9a-f]{16}\.db$/);
    expect(listBackups(path.join(d, 'dup.db')).map((x) => x.file)).toEqual([a.backup.file]);
    expect(listBackups(path.join(d, 'dup.sqlite')).map((x) => x.file)).toEqual([b.backup.file]);
    // Rotating one to zero leaves the other's backup in place.
    await addLap(db, 'Second');
    const a2 = backupNow(db.ctx, 'manual', { keep: 1 });
    if (a2.status !== 'created') throw new Error('no second backup');
    expect(a2.removed).toEqual([a.backup.file]);
    expect(existsSync(b.backup.file)).toBe(true);
  });

  it('a missing dup.sqlite starts fresh instead of being "restored" from dup.db\'s backup', async () => {
    const d = dir();
    const db = open(path.join(d, 'dup.db'));
    await addLap(db, 'Only in dup.db');
    expect(backupNow(db.ctx, 'manual').status).toBe('created');
    db.close();
    const sqlite = open(path.join(d, 'dup.sqlite'));
    expect(sqlite.notices).toEqual([]); // a first run, not a restore
    const laps = (await dispatch(sqlite.handlers, 'laps.list', {})) as { ok: true; value: { name: string }[] };
    expect(laps.value.map((l) => l.name)).not.toContain('Only in dup.db');
  });

  it('older backups named without the extension still count for a .db file, and only for it', () => {
    const d = dir();
    mkdirSync(path.join(d, 'backups'));
    const old = path.join(d, 'backups', 'dup-2026-11-23T14-02-00-000Z-daily-0123456789abcdef.db');
    writeFileSync(old, '');
    expect(listBackups(path.join(d, 'dup.db')).map((x) => x.file)).toEqual([old]);
    expect(listBackups(path.join(d, 'dup.sqlite'))).toEqual([]);
  });
});
