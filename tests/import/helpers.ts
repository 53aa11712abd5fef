/** Shared helpers for the import tests: a fresh backend, fixture paths, and a whole-database checksum. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../backend/backend.ts';
import type { Db } from '../../backend/db.ts';
import { bufferSource, fileSource } from '../../backend/io/csv.ts';
import { runImport, type ImportRequest, type RunOptions } from '../../backend/data/import.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

export const FIXTURES = path.resolve(__dirname, '../fixtures/import');
export const fixture = (name: string) => path.join(FIXTURES, name);
export const SHARED = path.resolve(__dirname, '../../../shared/data/indicators');

export function freshBackend(): { backend: Backend; dir: string; dbPath: string; cleanup: () => void } {
  const t = tempDir('lap-import-');
  const dbPath = path.join(t.dir, 'test.db');
  const env = {
    backend: createBackend({ dbPath: seededDb(dbPath), transport: 'test' }),
    dir: t.dir,
    dbPath,
    cleanup: () => {
      try {
        env.backend.close();
      } catch {
        /* already closed */
      }
      t.cleanup();
    },
  };
  return env;
}

/** The store's own tables (other features write their own rows, e.g. timestamps in meta, when a backend starts). */
export const STORE_TABLES = ['area', 'area_lookup', 'dataset', 'indicator', 'value', 'value_band'];

/** SHA-256 over every row of every table (or of the tables named) and the schema, in a fixed order. */
export function checksum(db: Db, only?: string[]): string {
  const h = createHash('sha256');
  const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table','index') ORDER BY name").all() as { name: string; sql: string | null }[]).filter(
    (t) => !only || only.includes(t.name),
  );
  for (const t of tables) {
    h.update(`${t.name}\0${t.sql ?? ''}\0`);
    if (!t.sql || !/^CREATE TABLE/i.test(t.sql)) continue;
    for (const row of db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** The database file's bytes after a checkpoint (WAL folded in). */
export function fileBytes(db: Db, dbPath: string): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(readFileSync(dbPath)).digest('hex');
}

export function importFile(backend: Backend, file: string, req: Omit<ImportRequest, 'source'> = {}, options: RunOptions = {}) {
  return runImport(backend.ctx, { source: fileSource(file), ...req }, { acceptWarnings: true, ...options });
}

export function importText(backend: Backend, name: string, text: string | Uint8Array, req: Omit<ImportRequest, 'source'> = {}, options: RunOptions = {}) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return runImport(backend.ctx, { source: bufferSource(name, bytes), ...req }, { acceptWarnings: true, ...options });
}

export function values(db: Db, indicatorId: string) {
  return db
    .prepare('SELECT area_code, period, sex, age, numerator, denominator, value, estimate, note, ci95_lower, ci95_upper FROM value WHERE indicator_id = ? ORDER BY area_code, period, sex, age')
    .all(indicatorId) as {
    area_code: string;
    period: string;
    sex: string;
    age: string;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    estimate: number;
    note: string | null;
    ci95_lower: number | null;
    ci95_upper: number | null;
  }[];
}

export const TIDY_HEADER = 'area_code,area_name,area_type,indicator_id,indicator_name,period,value,numerator,denominator,lower_ci,upper_ci,unit';
