/**
 * A cheap change marker: tells whether the user's data changed since a backup without reading the database.
 *
 * The daily and pre-import backups used to hash every row (checksum.ts) to learn whether the newest backup already
 * holds the same contents: about 36 s of CPU for a national-size database (7,000 wards, 7.3 million values). Now a
 * one-row table, safety_marker, holds a random token, and triggers on the tables replace it with a fresh random
 * value whenever a row is inserted, changed or deleted, by this app or by any other program using the file (the
 * triggers are in the database itself). The marker is that token plus the schema version (a new or dropped table,
 * index or trigger). Reading it costs one row.
 *
 * Left out, as from the content checksum: caches the app rebuilds (tables named *_cache), this module's bookkeeping
 * in meta (keys 'safety.*') and its own table. The bulk value tables (value, value_band: millions of rows) have no
 * triggers, so an import does not pay one per value: every program that writes them (the importer, the bundled data
 * seed, deleting a dataset) writes the dataset table in the same transaction, whose triggers change the token.
 *
 * Triggers are added at every start to any table that lacks them (a table a later migration creates included), and
 * again before each backup. A database without the marker table (one the current app has not opened yet, e.g. before
 * its migrations) falls back to the full content checksum.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db.ts';
import { contentChecksum } from './checksum.ts';
import { quoteIdent } from '../sql.ts';

export const MARKER_TABLE = 'safety_marker';
/** Written only together with a row of `dataset` (whose triggers mark the change); no per-row trigger. */
export const BULK_TABLES: ReadonlySet<string> = new Set(['value', 'value_band']);

const PREFIX = 'safety_marker_';

/** Tables whose changes count: ordinary tables of the main schema, not caches, internals or the marker itself. */
function watchedTables(db: Db): string[] {
  const rows = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'").pluck().all() as string[];
  return rows.filter((n) => !n.startsWith('sqlite_') && !n.endsWith('_cache') && n !== MARKER_TABLE && !BULK_TABLES.has(n));
}

function hasMarkerTable(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(MARKER_TABLE);
}

/**
 * Creates the marker table and the triggers any watched table lacks (one transaction). Cheap when all exist: one
 * read of sqlite_schema. Returns how many triggers it created.
 */
export function ensureChangeMarker(db: Db): number {
  const existing = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'safety\\_marker\\_%' ESCAPE '\\'").pluck().all() as string[]);
  const wanted: string[] = [];
  const haveTable = hasMarkerTable(db);
  for (const table of watchedTables(db)) {
    for (const [op, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      const name = `${PREFIX}${table}_${op.toLowerCase()}`;
      if (existing.has(name)) continue;
      // meta also holds this module's own bookkeeping ('safety.*'), which is not the user's data.
      const when = table === 'meta' ? ` WHEN ${row}.key NOT LIKE 'safety.%'` : '';
      wanted.push(
        `CREATE TRIGGER IF NOT EXISTS ${quoteIdent(name)} AFTER ${op} ON ${quoteIdent(table)}${when} BEGIN UPDATE ${MARKER_TABLE} SET token = lower(hex(randomblob(8))); END`,
      );
    }
  }
  if (haveTable && wanted.length === 0) return 0;
  db.transaction(() => {
    if (!haveTable) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL)`);
      db.exec(`INSERT OR IGNORE INTO ${MARKER_TABLE} (id, token) VALUES (1, lower(hex(randomblob(8))))`);
    }
    for (const sql of wanted) db.exec(sql);
  })();
  return wanted.length;
}

/**
 * The change marker: equal markers mean the user's data did not change in between (see the top of this file).
 * Falls back to the full content checksum for a database without the marker table.
 */
export function contentMarker(db: Db): string {
  if (!hasMarkerTable(db)) return contentChecksum(db);
  const token = db.prepare(`SELECT token FROM ${MARKER_TABLE} WHERE id = 1`).pluck().get() as string | undefined;
  const schema = db.pragma('schema_version', { simple: true }) as number;
  // Hex, like a checksum: backup names carry its first 16 digits.
  return createHash('sha256').update(`marker:${token ?? 'none'}:schema:${schema}`).digest('hex');
}

/** True when the database has the marker table (it has been opened by this version). */
export function hasChangeMarker(db: Db): boolean {
  return hasMarkerTable(db);
}
