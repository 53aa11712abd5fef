/**
 * Test helpers for the profile: a fresh backend (with the bundled data) per test file (tests/helpers/backend.ts), a
 * way to add a small user dataset straight into the store, and readers for the open source files in
 * ../shared/data/indicators for checks that do not go through the app's code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestBackend } from '../helpers/backend.ts';
import { need } from '../helpers/data.ts';

export { testBackend, type TestBackend } from '../helpers/backend.ts';

export const WEST = 'E06000062';
export const NORTH = 'E06000061';
export const ENGLAND = 'E92000001';
/** Abington and Phippsville, Castle, Dallington Spencer, St. George. */
export const N4_WARDS = ['E05013239', 'E05013246', 'E05013247', 'E05013264'];
/** Bugbrooke, Deanshanger, Hackleton and Grange Park, Towcester and Roade. */
export const DSN4_WARDS = ['E05013245', 'E05013250', 'E05013255', 'E05013268'];

export async function lapId(tb: TestBackend, name: string): Promise<number> {
  const lap = (await tb.send('laps.list', {})).find((l) => l.name === name);
  if (!lap) throw new Error(`no LAP ${name}`);
  return lap.id;
}

export interface StoredRow {
  indicator_id: string;
  area_code: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  estimate: number;
  note: string | null;
}

/** The stored row of an indicator for an area and period (Persons, All ages). */
export function storedRow(tb: TestBackend, indicatorId: string, areaCode: string, period: string): StoredRow | undefined {
  return tb.backend.db
    .prepare(`SELECT * FROM value WHERE indicator_id = ? AND area_code = ? AND period = ? AND sex = 'Persons' AND age = 'All ages'`)
    .get(indicatorId, areaCode, period) as StoredRow | undefined;
}

/**
 * Adds a user dataset with one indicator straight into the store (what an import writes), in one transaction.
 * rows: area code -> [numerator, denominator] (null = missing).
 */
export function addUserIndicator(
  tb: TestBackend,
  ind: { id: string; name: string; valueType: string; multiplier: number; polarity: string; unit: string; ambition?: string; disclosureControlled?: boolean },
  period: string,
  rows: Record<string, [number | null, number | null]>,
): number {
  const db = tb.backend.db;
  return db.transaction(() => {
    const ds = db
      .prepare(
        `INSERT INTO dataset (key, kind, name, file_name, sha256, format, imported_at, publisher, licence, attribution)
         VALUES (NULL, 'user', ?, ?, ?, 'tidy', ?, 'Test publisher', 'Test licence', 'Test attribution')`,
      )
      .run(`Test ${ind.id}`, `${ind.id}.csv`, 'a'.repeat(63) + String(Math.floor(Math.random() * 10)), new Date().toISOString());
    const dsId = Number(ds.lastInsertRowid);
    db.prepare(
      `INSERT INTO indicator (id, name, short_name, ambition, value_type, multiplier, unit, polarity, disclosure_controlled, ward_level, dataset_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    ).run(ind.id, ind.name, ind.name, ind.ambition ?? 'fit-well', ind.valueType, ind.multiplier, ind.unit, ind.polarity, ind.disclosureControlled ? 1 : 0, dsId);
    const insert = db.prepare(
      `INSERT INTO value (indicator_id, area_code, period, dataset_id, numerator, denominator, value, estimate, note) VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)`,
    );
    for (const [code, [num, den]] of Object.entries(rows)) {
      const value = num !== null && den !== null && den > 0 ? (num / den) * ind.multiplier : null;
      insert.run(ind.id, code, period, dsId, num, den, value);
    }
    return dsId;
  })();
}

// ---------------------------------------------------------------------------------------------------------------
// The open source files (independent of the app's code)

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = path.resolve(here, '../../../shared/data/indicators');
/** The source files, or why the tests that read them were skipped (tests/helpers/data.ts). */
export const SOURCES = need(path.join(SOURCE_DIR, 'lookup_lsoa21_to_ward2024_northants.csv'), 'the source files');
export const HAVE_SOURCES = SOURCES.present;

/** A minimal RFC 4180 reader (quoted fields with commas and doubled quotes), enough for the source CSVs. */
export function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(path.join(SOURCE_DIR, file), 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const header = rows.shift()!;
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Wilson score interval exactly as written in docs/statistics.md, times 100. */
export function wilsonByHand(x: number, n: number, z: number): { value: number; lower: number; upper: number } {
  const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  return {
    value: (x / n) * 100,
    lower: ((2 * x + z * z - root) / (2 * (n + z * z))) * 100,
    upper: ((2 * x + z * z + root) / (2 * (n + z * z))) * 100,
  };
}

/** z for 95% and 99.8% as given in docs/statistics.md. */
export const Z95_DOC = 1.959963985;
export const Z998_DOC = 3.090232306;
