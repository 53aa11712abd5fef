/**
 * Plain-English messages for the ways saving can fail: a read-only folder, a full disk, a locked or unreachable
 * file. SQLite (better-sqlite3 `SqliteError.code`) and Node (`errno` codes) report these with codes; this maps the
 * codes, walking `cause` chains (db.ts wraps open errors), to a sentence a LAP member can act on.
 *
 * Nothing here touches the file system except `isWritableDir`, used to tell "cannot open" apart from "read-only".
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type StorageProblemKind = 'read-only' | 'disk-full' | 'locked' | 'disk-error' | 'cannot-open' | 'not-a-database';

export interface StorageProblem {
  kind: StorageProblemKind;
  /** The SQLite or Node code that gave it away, e.g. SQLITE_FULL or EROFS. */
  code: string;
  message: string;
}

/** A storage failure with a message fit to show the user as it is. */
export class StorageError extends Error {
  constructor(
    readonly kind: StorageProblemKind,
    readonly code: string,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StorageError';
  }
}

const CHOOSE = 'Choose another place with --db or LAP_INSIGHT_DB.';

/** Every `code` on the error and its causes, outermost first. */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 10; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

function firstMessage(err: unknown): string {
  let e: unknown = err;
  let last = String(err);
  for (let depth = 0; e && depth < 10; depth++) {
    if (e instanceof Error) last = e.message;
    e = (e as { cause?: unknown }).cause;
  }
  return last;
}

/** True when the folder exists and this process may create files in it. */
export function isWritableDir(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const READ_ONLY = new Set(['EROFS', 'EACCES', 'EPERM']);
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', 'SQLITE_IOERR_WRITE_FULL']);
const LOCKED = new Set(['EBUSY']);

/**
 * What went wrong with the database file, in plain words, or null when `err` is not a storage problem (a bug,
 * a constraint, a validation error: those keep their own messages).
 * `writableDir` is injectable so the tests can play the read-only case as root.
 */
export function describeStorageProblem(err: unknown, dbPath: string, writableDir: (dir: string) => boolean = isWritableDir): StorageProblem | null {
  if (err instanceof StorageError) return { kind: err.kind, code: err.code, message: err.message };
  const codes = errorCodes(err);
  const dir = path.dirname(path.resolve(dbPath));
  const has = (pred: (c: string) => boolean) => codes.find(pred);

  const full = has((c) => FULL.has(c));
  if (full) {
    return { kind: 'disk-full', code: full, message: `LAP Insight cannot save to ${dir} because the disk is full. Free some space, or choose another place with --db or LAP_INSIGHT_DB.` };
  }
  const ro = has((c) => c.startsWith('SQLITE_READONLY') || READ_ONLY.has(c));
  if (ro) return { kind: 'read-only', code: ro, message: `LAP Insight cannot save to ${dir} because the folder is read-only. ${CHOOSE}` };
  const busy = has((c) => c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED') || LOCKED.has(c));
  if (busy) {
    return {
      kind: 'locked',
      code: busy,
      message: `LAP Insight cannot use the database at ${dbPath} because another program is using it (perhaps another LAP Insight window or an import on the command line). Close it and try again.`,
    };
  }
  const cantOpen = has((c) => c.startsWith('SQLITE_CANTOPEN') || c === 'ENOENT' || c === 'ENOTDIR' || c === 'EISDIR');
  if (cantOpen) {
    if (!writableDir(dir)) return { kind: 'read-only', code: cantOpen, message: `LAP Insight cannot save to ${dir} because the folder is read-only. ${CHOOSE}` };
    return { kind: 'cannot-open', code: cantOpen, message: `LAP Insight cannot open the database at ${dbPath} (${firstMessage(err)}). ${CHOOSE}` };
  }
  const io = has((c) => c.startsWith('SQLITE_IOERR') || c === 'EIO');
  if (io) {
    return {
      kind: 'disk-error',
      code: io,
      message: `LAP Insight could not read or write the database at ${dbPath} because of a disk error. If it is on a USB stick or a network drive, check it is still connected, or choose another place with --db or LAP_INSIGHT_DB.`,
    };
  }
  return null;
}

/** The same error as a StorageError when it is a storage problem; otherwise null. */
export function toStorageError(err: unknown, dbPath: string, writableDir?: (dir: string) => boolean): StorageError | null {
  if (err instanceof StorageError) return err;
  const problem = describeStorageProblem(err, dbPath, writableDir);
  return problem ? new StorageError(problem.kind, problem.code, dbPath, problem.message, { cause: err }) : null;
}
