/**
 * Checksums of a database's contents, table by table: used to prove that nothing changed (the hardening tests) and
 * to skip backups of a database that has not changed since the last one (backups.ts).
 *
 * Every row of every table is hashed in a stable order (rowid, or the primary key for WITHOUT ROWID tables), with
 * values tagged by type so that 1, 1.0, '1' and NULL all differ. The schema (sqlite_schema) is hashed as one more
 * "table", so a dropped table, index or trigger changes the sum too.
 */
import { createHash, type Hash } from 'node:crypto';
import type { Db } from '../db.ts';
import { quoteIdent } from '../sql.ts';

export interface ChecksumOptions {
  /** Leave out rows that do not matter for the comparison (see CONTENT_EXCLUSIONS). */
  exclude?: { tables?: (name: string) => boolean; metaKeys?: (key: string) => boolean };
}

/** One value, tagged by type and length-prefixed, so 1, 1.0, '1', NULL and x'01' all differ. */
function tag(value: unknown): string {
  if (value === null || value === undefined) return 'n;';
  if (typeof value === 'string') return `t${value.length}:${value};`;
  if (typeof value === 'bigint') return `i${value};`;
  // Integers are read as BigInt (safeIntegers), so a number here is always a REAL: 2.0 stays apart from 2.
  if (typeof value === 'number') return `r${value};`;
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')};`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- SQLite returns only the types above: a fallback
  return `?${String(value)};`;
}

/** Feeds rows to a hash in ~1 MB pieces (one update per value is several times slower). */
function hashRows(hash: Hash, rows: Iterable<unknown[]>, keep: (row: unknown[]) => boolean = () => true): number {
  let buf = '';
  let n = 0;
  for (const row of rows) {
    if (!keep(row)) continue;
    for (let i = 0; i < row.length; i++) buf += tag(row[i]);
    buf += '\n';
    n++;
    if (buf.length > 1 << 20) {
      hash.update(buf);
      buf = '';
    }
  }
  hash.update(buf);
  return n;
}

interface TableInfo {
  name: string;
  withoutRowid: boolean;
}

/** The ordinary tables of the main schema (no sqlite_ internals except sqlite_sequence, no virtual tables). */
export function userTables(db: Db): TableInfo[] {
  const rows = db.prepare("SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name").all() as {
    name: string;
    wr: number;
  }[];
  return rows.filter((r) => !r.name.startsWith('sqlite_') || r.name === 'sqlite_sequence').map((r) => ({ name: r.name, withoutRowid: r.wr === 1 }));
}

function orderBy(db: Db, table: TableInfo): string {
  if (!table.withoutRowid) return 'rowid';
  const pk = (db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').all(table.name) as { name: string }[]).map((c) => quoteIdent(c.name));
  return pk.join(', ');
}

/** One SHA-256 per table (plus '(schema)' for the schema itself), hex. */
export function tableChecksums(db: Db, options: ChecksumOptions = {}): Record<string, string> {
  const sums: Record<string, string> = {};
  const skipTable = options.exclude?.tables ?? (() => false);
  const skipMeta = options.exclude?.metaKeys;
  const schema = createHash('sha256');
  // Names and SQL of tables, indexes, triggers and views; autoindexes have NULL sql but their names still count.
  const schemaRows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").raw().iterate() as Iterable<unknown[]>;
  hashRows(schema, schemaRows, (row) => !skipTable(String(row[2])));
  sums['(schema)'] = schema.digest('hex');

  for (const table of userTables(db)) {
    if (skipTable(table.name)) continue;
    const hash = createHash('sha256');
    const stmt = db.prepare(`SELECT * FROM ${quoteIdent(table.name)} ORDER BY ${orderBy(db, table)}`).raw();
    // Integers beyond 2^53 must not be rounded: read them as BigInt.
    stmt.safeIntegers(true);
    const keyIndex = table.name === 'meta' && skipMeta ? stmt.columns().findIndex((c) => c.name === 'key') : -1;
    const rows = hashRows(hash, stmt.iterate() as Iterable<unknown[]>, keyIndex >= 0 ? (row) => !skipMeta!(String(row[keyIndex])) : undefined);
    hash.update(`rows:${rows}`);
    sums[table.name] = hash.digest('hex');
  }
  return sums;
}

/** One SHA-256 over all the per-table sums. */
export function databaseChecksum(db: Db, options: ChecksumOptions = {}): string {
  const sums = tableChecksums(db, options);
  const hash = createHash('sha256');
  for (const name of Object.keys(sums).sort()) hash.update(`${name}=${sums[name]}\n`);
  return hash.digest('hex');
}

/**
 * What "the user's data has not changed" leaves out: caches the app rebuilds by itself (tables named *_cache,
 * e.g. lap_outline_cache, whose rows change when an outline is merely viewed) and the safety module's own
 * bookkeeping (keys 'safety.*' in meta, the change marker's table).
 */
export const CONTENT_EXCLUSIONS: NonNullable<ChecksumOptions['exclude']> = {
  tables: (name) => name.endsWith('_cache') || name === 'safety_marker',
  metaKeys: (key) => key.startsWith('safety.'),
};

/** The checksum used to tell whether a backup would be a copy of one already made. */
export function contentChecksum(db: Db): string {
  return databaseChecksum(db, { exclude: CONTENT_EXCLUSIONS });
}
