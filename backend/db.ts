/**
 * The SQLite store: one database file, WAL mode, numbered migrations recorded in `schema_migrations`.
 * Plain Node (better-sqlite3); no Electron. Every migration runs in its own transaction.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron); default: the package's own build. */
  nativeBinding?: string;
  readonly?: boolean;
  /** false: leave migrations to the caller (backend/safety/startup.ts backs up first). Default true. */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
    });
  } catch (err) {
    throw new Error(`Could not open the database at ${file}: ${(err as Error).message}`, { cause: err });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly && options.migrate !== false) migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return row?.v ?? 0;
}

function ensureMigrationTable(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
}

/** The versions recorded in the database (empty when it has no schema_migrations table). */
export function appliedVersions(db: Db): number[] {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) return [];
  return (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
}

/**
 * Versions the database records that this app does not know: written by a newer (or a different) version of
 * LAP Insight. Feature areas own bands of numbers, so "unknown" is a set question, not a comparison with the
 * highest known version.
 */
export function unknownVersions(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const known = new Set(migrations.map((m) => m.version));
  return appliedVersions(db).filter((v) => !known.has(v));
}

/**
 * The migrations this database still needs: the set difference between the available and the applied versions,
 * in version order. Never "everything above the highest applied": each feature owns a band of numbers
 * (1; 2-19; 20-39; 40-49), so a database at 40 can still lack a later migration numbered 4.
 */
export function pendingMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): Migration[] {
  const applied = new Set(appliedVersions(db));
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}

/** The plain message for a database that records versions this app does not know. */
export function unknownVersionMessage(unknown: readonly number[], migrations: readonly Migration[] = MIGRATIONS): string {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const list = unknown.join(', ');
  return (
    `This database was written by a newer version of LAP Insight (schema ${list}; this version knows up to ${latest}). ` +
    'Nothing was changed. Please update the app, or open a different database with --db.'
  );
}

/**
 * Applies every pending migration (see pendingMigrations), in version order, each in its own transaction.
 * Refuses, changing nothing, when the database records a version this app does not know. Returns the versions
 * applied.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const unknown = unknownVersions(db, migrations);
  if (unknown.length) throw new Error(unknownVersionMessage(unknown, migrations));
  ensureMigrationTable(db);
  const applied: number[] = [];
  for (const m of pendingMigrations(db, migrations)) {
    const keysWereOn = m.rebuildsTable === true && db.pragma('foreign_keys', { simple: true }) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      // With keys on, DROP TABLE would cascade to every referencing row (the pragma is ignored inside a transaction).
      if (m.rebuildsTable && db.pragma('foreign_keys', { simple: true }) !== 0) throw new Error(`Migration ${m.version} needs foreign keys off; it must not run inside a transaction.`);
      db.transaction(() => {
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        if (m.rebuildsTable) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`Migration ${m.version} (${m.name}) would leave ${broken.length} broken references; nothing was changed.`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      })();
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(m.version);
  }
  return applied;
}
