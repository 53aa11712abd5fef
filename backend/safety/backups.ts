/**
 * Rotating automatic backups of the database, made with `VACUUM INTO`: a consistent snapshot even while the app
 * (or a CLI import) is using the database, compacted, in a `backups/` folder beside the database file.
 *
 *   backups/<db file name>-2026-11-23T14-02-00-000Z-daily-<16 hex>.db    e.g. lap-insight.db-2026-...-daily-....db
 *
 * Keyed by the WHOLE file name, extension included: dup.db and dup.sqlite in one folder have separate rotations,
 * and a missing dup.sqlite is never "restored" from dup.db's backup. Versions before 0.1.1 named backups by the
 * name without its extension (lap-insight-2026-...); those are still listed (restored, rotated) for a `.db` file,
 * the only extension the app itself used.
 *
 * The name carries the time (UTC), why it was made, and the first digits of the change marker (marker.ts: a cheap
 * stand-in for a checksum of the contents), so a backup that would only copy the newest one is not made. At most KEEP_BACKUPS are kept per database (newest first).
 *
 * Made: 'daily' on open when the newest is more than a day old; 'import' before each import (the importer calls
 * backupNow); 'update' before migrations change the schema; 'manual' on request.
 * Not made: for ':memory:', for a database created fresh and not changed since, or when nothing changed since
 * the newest backup.
 *
 * Each backup is written to a .tmp file, checked with quick_check, fsynced and then renamed into place, so a crash
 * while backing up never leaves a half-written backup with a backup's name.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';
import { contentMarker, ensureChangeMarker, hasChangeMarker } from './marker.ts';
import { runCheck } from './integrity.ts';
import { toStorageError } from './storage-errors.ts';

export const KEEP_BACKUPS = 5;
export const DAILY_MS = 24 * 60 * 60 * 1000;
export const BACKUP_DIR = 'backups';
export const BACKUP_REASONS = ['daily', 'import', 'update', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** meta keys kept by this module (left out of content checksums). */
export const META_FRESH_CHECKSUM = 'safety.fresh_checksum';
export const META_LAST_DAILY = 'safety.last_daily_check';
/** When PRAGMA quick_check last found the file sound at start-up (startup.ts skips it for big files for a day). */
export const META_LAST_QUICK_CHECK = 'safety.last_quick_check';

export interface BackupInfo {
  file: string;
  createdAt: Date;
  reason: BackupReason;
  /** First 16 hex digits of the contents' checksum. */
  checksum: string;
  bytes: number;
}

export type BackupOutcome = { status: 'created'; backup: BackupInfo; removed: string[] } | { status: 'skipped'; why: 'in-memory' | 'in-transaction' | 'fresh' | 'unchanged' };

export interface BackupOptions {
  now?: () => Date;
  keep?: number;
}

export function backupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), BACKUP_DIR);
}

/** What a backup's name starts with: the database's whole file name. */
export function backupPrefix(dbPath: string): string {
  return path.basename(dbPath);
}

/** The older prefix (file name without `.db`), still recognised for `.db` files; see the top of this file. */
function legacyPrefix(dbPath: string): string | null {
  const name = path.basename(dbPath);
  return path.extname(name).toLowerCase() === '.db' ? name.slice(0, -3) : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stamp(d: Date): string {
  return d.toISOString().replace(/:/g, '-').replace('.', '-');
}

function parseStamp(s: string): Date {
  // 2026-11-23T14-02-00-000Z -> 2026-11-23T14:02:00.000Z
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(s)!;
  return new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
}

function nameRegExp(dbPath: string): RegExp {
  const legacy = legacyPrefix(dbPath);
  const prefixes = [backupPrefix(dbPath), ...(legacy ? [legacy] : [])].map(escapeRegExp).join('|');
  return new RegExp(`^(?:${prefixes})-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)-(${BACKUP_REASONS.join('|')})-([0-9a-f]{16})\\.db$`);
}

/** The backups of this database, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  if (dbPath === ':memory:') return [];
  const dir = backupDir(dbPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = nameRegExp(dbPath);
  const found: BackupInfo[] = [];
  for (const name of names) {
    const m = re.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    let bytes: number;
    try {
      bytes = statSync(file).size;
    } catch {
      continue; // deleted meanwhile (another process rotating)
    }
    found.push({ file, createdAt: parseStamp(m[1]!), reason: m[2] as BackupReason, checksum: m[3]!, bytes });
  }
  return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.file.localeCompare(a.file));
}

function fsyncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder to fsync it; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function getMeta(db: Db, key: string): string | undefined {
  try {
    return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  } catch {
    return undefined; // no meta table yet
  }
}

/**
 * What identifies the contents when asking "did anything change since that backup?": the cheap change marker
 * (marker.ts: one row read, not the whole database). Missing triggers (a table created since the start) are added
 * first, so that later changes to it count too.
 */
export function currentChecksum(db: Db): string {
  if (hasChangeMarker(db) && !db.readonly && !db.inTransaction) ensureChangeMarker(db);
  return contentMarker(db);
}

/** Writes this module's bookkeeping (keys 'safety.*': not part of the marker or the content checksum). */
export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Deletes all but the newest `keep` backups, and .tmp leftovers more than an hour old. Returns what it deleted. */
export function rotateBackups(dbPath: string, keep = KEEP_BACKUPS, now = new Date()): string[] {
  const removed: string[] = [];
  for (const old of listBackups(dbPath).slice(keep)) {
    rmSync(old.file, { force: true });
    removed.push(old.file);
  }
  const dir = backupDir(dbPath);
  const prefix = `${backupPrefix(dbPath)}-`;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const file = path.join(dir, name);
      // Another process may be writing this one right now; only clear what a crash left long ago.
      if (now.getTime() - statSync(file).mtimeMs > 60 * 60 * 1000) {
        rmSync(file, { force: true });
        removed.push(file);
      }
    }
  } catch {
    // no folder: nothing to tidy
  }
  return removed;
}

/**
 * Backs the database up now (unless that would be pointless, see the top of this file) and rotates the old ones.
 * Takes a ServiceContext (or anything with `db`). Must not be called inside a transaction (VACUUM cannot run in
 * one). Throws a StorageError with a plain message when the backup cannot be written (read-only folder, full disk).
 *
 * For the importer:  backupNow(ctx, 'import')  before writing.
 */
export function backupNow(ctx: { db: Db }, reason: BackupReason, options: BackupOptions = {}): BackupOutcome {
  const { db } = ctx;
  const dbPath = db.name;
  if (db.memory || dbPath === ':memory:' || dbPath === '') return { status: 'skipped', why: 'in-memory' };
  // VACUUM cannot run inside a transaction; a caller holding one gets no backup rather than a failed write.
  if (db.inTransaction) return { status: 'skipped', why: 'in-transaction' };
  const now = (options.now ?? (() => new Date()))();

  const checksum = currentChecksum(db);
  const short = checksum.slice(0, 16);
  if (getMeta(db, META_FRESH_CHECKSUM) === checksum) return { status: 'skipped', why: 'fresh' };
  const newest = listBackups(dbPath)[0];
  if (newest && newest.checksum === short) return { status: 'skipped', why: 'unchanged' };

  const dir = backupDir(dbPath);
  const final = path.join(dir, `${backupPrefix(dbPath)}-${stamp(now)}-${reason}-${short}.db`);
  const tmp = `${final}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(tmp, { force: true });
    db.prepare('VACUUM INTO ?').run(tmp);
    const check = new Database(tmp, { readonly: true, fileMustExist: true });
    try {
      const result = runCheck(check, 'quick');
      if (!result.ok) throw new Error(`the new backup failed its check: ${result.detail}`);
    } finally {
      check.close();
    }
    fsyncPath(tmp);
    renameSync(tmp, final);
    fsyncPath(dir);
  } catch (err) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder may be read-only: then there is no tmp file either
    }
    throw toStorageError(err, path.join(dir, path.basename(final))) ?? err;
  }
  const removed = rotateBackups(dbPath, options.keep ?? KEEP_BACKUPS, now);
  return { status: 'created', backup: { file: final, createdAt: now, reason, checksum: short, bytes: statSync(final).size }, removed };
}

/** True when the daily backup is due: the newest backup (and the last daily check) are more than a day old. */
export function dailyBackupDue(db: Db, now: Date): boolean {
  // A time in the future (the clock was wrong when it was written) does not count as recent.
  const recent = (t: number) => t <= now.getTime() && now.getTime() - t < DAILY_MS;
  const newest = listBackups(db.name)[0];
  if (newest && recent(newest.createdAt.getTime())) return false;
  const last = getMeta(db, META_LAST_DAILY);
  if (last && recent(Date.parse(last))) return false;
  return true;
}

/** Makes the daily backup when due; records the check so an unchanged database is not re-read on every start. */
export function dailyBackup(db: Db, options: BackupOptions = {}): BackupOutcome | null {
  const now = (options.now ?? (() => new Date()))();
  if (db.memory || !dailyBackupDue(db, now)) return null;
  const outcome = backupNow({ db }, 'daily', { ...options, now: () => now });
  setMeta(db, META_LAST_DAILY, now.toISOString());
  return outcome;
}
