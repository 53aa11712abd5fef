/**
 * Prepared statements reused per connection. better-sqlite3 compiles the SQL on every db.prepare() (tens of
 * microseconds); code that runs once per indicator or per row (an import of 4,000 indicators) prepares each
 * statement once and reuses it.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db.ts';

type Statement = Database.Statement<unknown[]>;

const cache = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `sql` on this connection, compiled on first use. */
export function statement(db: Db, sql: string): Statement {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  let st = map.get(sql);
  if (!st) map.set(sql, (st = db.prepare(sql)));
  return st;
}
