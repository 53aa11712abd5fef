/** The table checksums the other hardening tests rely on to say "nothing changed". */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { CONTENT_EXCLUSIONS, contentChecksum, databaseChecksum, tableChecksums } from '../../backend/safety/checksum.ts';
import type { Db } from '../../backend/db.ts';

function db(): Db {
  const d = new Database(':memory:');
  d.exec(`CREATE TABLE t (a);
    CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE lap_outline_cache (k TEXT PRIMARY KEY, v TEXT);
    INSERT INTO t VALUES (2), (2.0), ('2'), (NULL), (x'02'), (9007199254740993), ('');
    INSERT INTO w VALUES ('b', 1), ('a', 2);
    INSERT INTO meta VALUES ('bundle_hash', 'x'), ('safety.last_daily_check', '2026-11-23');`);
  return d as unknown as Db;
}

describe('database checksums', () => {
  it('are stable, and see every kind of change', () => {
    const base = db();
    const sum = databaseChecksum(base);
    expect(databaseChecksum(db())).toBe(sum);
    const changes = [
      'UPDATE t SET a = 9007199254740992 WHERE a = 9007199254740993', // beyond 2^53: read as BigInt, not rounded
      "UPDATE t SET a = 2 WHERE typeof(a) = 'real'", // REAL 2.0 -> INTEGER 2
      "UPDATE t SET a = NULL WHERE a = ''", // '' -> NULL
      "UPDATE t SET a = x'03' WHERE typeof(a) = 'blob'",
      "UPDATE w SET v = 3 WHERE k = 'a'", // WITHOUT ROWID table
      'CREATE INDEX t_a ON t(a)', // the schema counts
      'DROP TABLE w',
    ];
    for (const sql of changes) {
      const d = db();
      d.exec(sql);
      expect(databaseChecksum(d), sql).not.toBe(sum);
    }
  });

  it('for backups, leave out caches and the safety bookkeeping in meta, and nothing else', () => {
    const a = db();
    const before = contentChecksum(a);
    a.exec("INSERT INTO lap_outline_cache VALUES ('x', 'y'); UPDATE meta SET value = 'later' WHERE key = 'safety.last_daily_check'");
    expect(contentChecksum(a)).toBe(before);
    expect(Object.keys(tableChecksums(a, { exclude: CONTENT_EXCLUSIONS }))).not.toContain('lap_outline_cache');
    a.exec("UPDATE meta SET value = 'y' WHERE key = 'bundle_hash'");
    expect(contentChecksum(a)).not.toBe(before);
  });
});
