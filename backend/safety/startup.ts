/**
 * Opening the database safely at start-up (createBackend calls this instead of openDatabase):
 *
 *  1. Look at the file before anything writes to it (integrity.ts: quick_check).
 *  2. Damaged: move it aside as <name>.corrupt-<time> (with its -wal/-shm), restore the newest backup that passes
 *     a full integrity_check, else start a fresh one. Missing or empty while backups exist: restore the newest.
 *     A file that is not a database at all and not named like one (--db pointing at a spreadsheet) is left alone
 *     and refused with a message.
 *  3. Open it; back it up ('update') when migrations are about to change an existing schema; migrate.
 *  4. After seeding (finishStartup): remember the fresh contents of a new database (so they are never backed up
 *     pointlessly), or make the daily backup when due.
 *
 * Everything the user should know is returned as plain-English notices (shared/contract.ts AppNotice), read with
 * 'app.notices' by the UI, shown in a dialog by the Electron shell, printed to stderr by the CLI.
 * Storage failures (read-only folder, full disk, locked file) become a StorageError with a plain message.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppNotice } from '../../shared/contract.ts';
import { appliedVersions, migrate, openDatabase, pendingMigrations, unknownVersionMessage, unknownVersions, type Db } from '../db.ts';
import { MIGRATIONS } from '../migrations.ts';
import { DAILY_MS, META_FRESH_CHECKSUM, META_LAST_QUICK_CHECK, backupNow, currentChecksum, dailyBackup, listBackups, setMeta, type BackupInfo } from './backups.ts';
import { inspectDatabaseFile } from './integrity.ts';
import { ensureChangeMarker } from './marker.ts';
import { StorageError, toStorageError } from './storage-errors.ts';

export interface SafeOpenOptions {
  nativeBinding?: string;
  now?: () => Date;
}

export interface SafeOpen {
  db: Db;
  /** True when this start created the database (first run, or a fresh start after damage with no backup). */
  created: boolean;
  notices: AppNotice[];
  /** True when quick_check read the whole file at this start and found it sound (recorded by finishStartup). */
  checked?: boolean;
}

/**
 * quick_check reads the whole file: about 0.1 s for the county's database, seconds for a national-size one. Up to
 * this size it runs at every start; above it, when the last clean check is more than a day old (so at least daily,
 * with the daily backup). SQLite still reports damage it meets in between as an error.
 */
export const QUICK_CHECK_EVERY_START_BYTES = 64 * 1024 * 1024;

function checkedWithinADay(db: Database.Database, now: Date): boolean {
  try {
    const last = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_LAST_QUICK_CHECK) as string | undefined;
    const t = last ? Date.parse(last) : NaN;
    return t <= now.getTime() && now.getTime() - t < DAILY_MS;
  } catch {
    return false; // no meta table: check
  }
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** "23 November 2026 at 14:02", local time. */
export function formatWhen(d: Date): string {
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  return `${day} at ${time}`;
}

function compactStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** Renames the damaged file and its -wal/-shm/-journal to <name>.corrupt-<time>[-n]; returns the new main name. */
export function moveAside(dbPath: string, now: Date): string {
  let target = `${dbPath}.corrupt-${compactStamp(now)}`;
  for (let n = 2; existsSync(target); n++) target = `${dbPath}.corrupt-${compactStamp(now)}-${n}`;
  renameSync(dbPath, target);
  for (const suffix of SIDE_FILES) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, target + suffix);
  }
  return target;
}

/**
 * Clears the way for a restored file: a leftover -wal or -journal with anything in it is kept beside as
 * <name>.stale-<n>-wal (it cannot belong to the restored copy); the -shm (an index SQLite rebuilds) is removed.
 */
function clearSideFiles(dbPath: string): void {
  for (const suffix of SIDE_FILES) {
    const file = dbPath + suffix;
    if (!existsSync(file)) continue;
    if (suffix === '-shm' || statSync(file).size === 0) rmSync(file, { force: true });
    else {
      let n = 1;
      while (existsSync(`${dbPath}.stale-${n}${suffix}`)) n++;
      renameSync(file, `${dbPath}.stale-${n}${suffix}`);
    }
  }
}

/** True when a backup records a migration this version does not know (written by a newer app). */
function backupIsFromNewerApp(file: string, nativeBinding?: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return unknownVersions(db, MIGRATIONS).length > 0;
  } finally {
    db.close();
  }
}

/**
 * Copies the newest backup that passes integrity_check (and was written by this version or an older one) to
 * dbPath. Returns it and how many newer ones were passed over, or null when none is usable.
 */
export function restoreNewestBackup(dbPath: string, nativeBinding?: string): { backup: BackupInfo; skipped: number } | null {
  let skipped = 0;
  for (const backup of listBackups(dbPath)) {
    try {
      const state = inspectDatabaseFile(backup.file, { level: 'full', readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
      if (state.state !== 'ok' || backupIsFromNewerApp(backup.file, nativeBinding)) {
        skipped++;
        continue;
      }
    } catch {
      skipped++;
      continue;
    }
    const tmp = `${dbPath}.restoring-${process.pid}`;
    copyFileSync(backup.file, tmp);
    clearSideFiles(dbPath);
    renameSync(tmp, dbPath);
    return { backup, skipped };
  }
  return null;
}

function notice(level: AppNotice['level'], code: string, message: string, now: Date): AppNotice {
  return { level, code, message, at: now.toISOString() };
}

function restoredSentence(backup: BackupInfo, skipped: number): string {
  const passed = skipped ? ` (${skipped} newer backup${skipped === 1 ? ' was' : 's were'} damaged too and not used)` : '';
  return `restored the backup from ${formatWhen(backup.createdAt)}${passed}. Changes made after that time are not in it.`;
}

/** Steps 1-3 above. Throws StorageError for storage problems, with the message to show. */
export function openDatabaseSafely(dbPath: string, options: SafeOpenOptions = {}): SafeOpen {
  const now = (options.now ?? (() => new Date()))();
  const native = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const notices: AppNotice[] = [];
  let created = false;
  let checked = false;
  try {
    if (dbPath !== ':memory:') {
      mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
      // Read-only, so that looking changes nothing: a read-write connection would reset a damaged -wal on close.
      const state = inspectDatabaseFile(dbPath, {
        level: 'quick',
        readonly: true,
        ...native,
        skipCheck: (db, bytes) => bytes > QUICK_CHECK_EVERY_START_BYTES && checkedWithinADay(db, now),
      });
      checked = state.state === 'ok' && !state.skippedCheck;
      if (state.state === 'foreign') {
        throw new StorageError(
          'not-a-database',
          'SQLITE_NOTADB',
          dbPath,
          `Could not open the database at ${dbPath}: ${state.detail}, so LAP Insight left it alone. Choose the database file, or a new file name, with --db or LAP_INSIGHT_DB.`,
        );
      }
      if (state.state === 'damaged') {
        const keptAs = moveAside(dbPath, now);
        const restored = restoreNewestBackup(dbPath, options.nativeBinding);
        if (restored) {
          notices.push(notice('warning', 'restored-backup', `Your database was damaged, so LAP Insight ${restoredSentence(restored.backup, restored.skipped)} The damaged file was kept as ${keptAs}.`, now));
        } else {
          created = true;
          notices.push(
            notice(
              'warning',
              'started-fresh',
              `Your database was damaged and there was no usable backup, so LAP Insight started a new one with the bundled data. LAPs and imports you made are not in it. The damaged file was kept as ${keptAs}.`,
              now,
            ),
          );
        }
      } else if (state.state === 'missing' || state.state === 'empty') {
        const hadBackups = listBackups(dbPath).length > 0;
        if (hadBackups) {
          // Kept even when empty, with any -wal/-shm beside it: nothing is ever deleted.
          const keptAs = state.state === 'empty' ? moveAside(dbPath, now) : null;
          const restored = restoreNewestBackup(dbPath, options.nativeBinding);
          const what = state.state === 'missing' ? `could not find the database at ${dbPath}` : `found the database at ${dbPath} empty`;
          if (restored) {
            notices.push(notice('warning', 'restored-backup', `LAP Insight ${what}, so it ${restoredSentence(restored.backup, restored.skipped)}${keptAs ? ` The empty file was kept as ${keptAs}.` : ''}`, now));
          } else {
            created = true;
            notices.push(notice('warning', 'started-fresh', `LAP Insight ${what} and none of its backups could be used, so it started a new one with the bundled data.`, now));
          }
        } else {
          created = true; // first run
        }
      }
    } else {
      created = true;
    }

    const db = openDatabase(dbPath, { ...native, migrate: false });
    try {
      // The same notion of "pending" as migrate(): the set difference, never "above the highest applied".
      const unknown = unknownVersions(db);
      if (unknown.length) throw new Error(unknownVersionMessage(unknown));
      if (!created && appliedVersions(db).length > 0 && pendingMigrations(db).length > 0) {
        try {
          backupNow({ db }, 'update', { now: () => now });
        } catch (err) {
          notices.push(notice('warning', 'backup-failed', `LAP Insight could not back up the database before updating it: ${(err as Error).message}`, now));
        }
      }
      migrate(db);
      if (!db.memory) ensureChangeMarker(db);
    } catch (err) {
      db.close();
      throw err;
    }
    return { db, created, notices, checked };
  } catch (err) {
    throw toStorageError(err, dbPath) ?? err;
  }
}

/** Step 4, after seeding. Never throws for a failed backup: it becomes a notice. */
export function finishStartup(opened: SafeOpen, options: SafeOpenOptions = {}): AppNotice[] {
  const { db } = opened;
  const now = (options.now ?? (() => new Date()))();
  if (db.memory) return [];
  if (opened.checked) {
    try {
      setMeta(db, META_LAST_QUICK_CHECK, now.toISOString());
    } catch {
      // a read-only or full disk: the next start simply checks again
    }
  }
  if (opened.created) {
    setMeta(db, META_FRESH_CHECKSUM, currentChecksum(db));
    return [];
  }
  try {
    dailyBackup(db, { now: () => now });
    return [];
  } catch (err) {
    const message = (err as Error).message;
    return [notice('warning', 'backup-failed', `LAP Insight could not make its daily backup. ${message} Your data is still there, but it has no fresh backup.`, now)];
  }
}
