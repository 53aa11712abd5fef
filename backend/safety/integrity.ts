/**
 * Is the database file healthy? Looked at before anything writes to it: missing, empty, not an SQLite file at all,
 * damaged (SQLite says malformed / not a database, or `PRAGMA quick_check` / `integrity_check` is not 'ok'), or fine.
 *
 * Only damage counts as damage: a locked file, a read-only folder or a disk error are storage problems
 * (storage-errors.ts), and the file is never moved aside for them.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { errorCodes } from './storage-errors.ts';

export const SQLITE_MAGIC = 'SQLite format 3\0';

export type FileState =
  /** No file: a first run (or a deleted database). */
  | { state: 'missing' }
  /** 0 bytes, or an SQLite file with no tables at all. */
  | { state: 'empty' }
  /** Not an SQLite file, and not named like a database: someone pointed --db at the wrong file. Never moved. */
  | { state: 'foreign'; detail: string }
  /** An SQLite database (or a .db file) that SQLite cannot read, or whose check failed. */
  | { state: 'damaged'; detail: string }
  /** skippedCheck: a big file checked clean recently (see InspectOptions.skipCheck); only its header was looked at. */
  | { state: 'ok'; skippedCheck?: boolean };

export type CheckLevel = 'quick' | 'full';

export interface InspectOptions {
  /** 'quick' (PRAGMA quick_check, at every start) or 'full' (PRAGMA integrity_check, for backups about to be restored). */
  level?: CheckLevel;
  /** better_sqlite3.node for Electron. */
  nativeBinding?: string;
  /** Open read-only (a backup must not be touched, not even by WAL recovery). */
  readonly?: boolean;
  /**
   * Asked before the check, with the connection and the file's size (with its -wal): true skips quick_check /
   * integrity_check, which reads the whole file. The file must still open and list its schema.
   */
  skipCheck?: (db: Database.Database, bytes: number) => boolean;
}

/** File names that say "this is a database": a non-SQLite file with one of these is damage, not a wrong --db. */
const DB_EXTENSIONS = new Set(['.db', '.sqlite', '.sqlite3', '.db3']);

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(100);
    const n = readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

const DAMAGE_CODES = (code: string) => code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');

/** Runs the check on an open connection: 'ok', or the first few problems SQLite lists. */
export function runCheck(db: Database.Database, level: CheckLevel): { ok: true } | { ok: false; detail: string } {
  const pragma = level === 'full' ? 'integrity_check' : 'quick_check';
  const rows = db.pragma(`${pragma}(20)`) as Record<string, string>[];
  const messages = rows.map((r) => Object.values(r)[0] ?? '');
  if (messages.length === 1 && messages[0] === 'ok') return { ok: true };
  return { ok: false, detail: messages.join('; ').slice(0, 500) };
}

/**
 * Looks at a database file without changing its contents. Throws (the original error) for problems that are not
 * damage — the caller turns those into a plain message.
 */
export function inspectDatabaseFile(file: string, options: InspectOptions = {}): FileState {
  if (file === ':memory:') return { state: 'ok' };
  if (!existsSync(file)) return { state: 'missing' };
  const stat = statSync(file);
  if (!stat.isFile()) return { state: 'foreign', detail: 'it is a folder, not a file' };
  // 0 bytes is empty, unless a -wal beside it holds pages: then SQLite is asked (below) like for any other file.
  if (stat.size === 0 && !(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)) return { state: 'empty' };
  const header = readHeader(file);
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    if (!DB_EXTENSIONS.has(path.extname(file).toLowerCase())) return { state: 'foreign', detail: 'it is not an SQLite database file' };
    return { state: 'damaged', detail: 'the file does not start like an SQLite database (file is not a database)' };
  }
  if (header.length < 100) return { state: 'damaged', detail: `the file is only ${header.length} bytes long` };

  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      fileMustExist: true,
      ...(options.readonly ? { readonly: true } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const objects = (db.prepare('SELECT COUNT(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    const wal = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
    if (objects > 0 && options.skipCheck?.(db, stat.size + wal)) return { state: 'ok', skippedCheck: true };
    const check = runCheck(db, options.level ?? 'quick');
    if (!check.ok) return { state: 'damaged', detail: check.detail };
    if (objects === 0) return { state: 'empty' };
    return { state: 'ok' };
  } catch (err) {
    if (errorCodes(err).some(DAMAGE_CODES)) return { state: 'damaged', detail: (err as Error).message };
    throw err;
  } finally {
    try {
      db?.close();
    } catch {
      // a damaged file may refuse even to close cleanly; nothing more to do with it
    }
  }
}
