/**
 * Test helpers for places: a fresh backend per test file (tests/laps/helpers.ts), the SYNTHETIC fixtures in
 * tests/fixtures/places (see its README.md), and the ward codes they were made for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Args, Results } from '../../shared/contract.ts';
import { tableChecksums } from '../../backend/safety/checksum.ts';
import { testBackend as freshBackend, type TestBackend } from '../laps/helpers.ts';
import { WARD } from '../fixtures/places/wards.ts';

/** The wards the fixture points were chosen in (tests/fixtures/places/make-fixtures.ts). */
export { WARD };

export { type TestBackend };

/**
 * A fresh backend whose built-in list (NHS ODS practices and pharmacies, issue 15) is hidden, as a user can hide it:
 * these tests import their own SYNTHETIC lists into an otherwise empty store. tests/practices covers the built-in list.
 */
export function testBackend(name?: string, dir?: string): TestBackend {
  const tb = freshBackend(name, dir);
  hideBuiltinPlaces(tb);
  return tb;
}

export function hideBuiltinPlaces(tb: TestBackend): void {
  const db = tb.backend.db;
  db.prepare(`INSERT INTO meta (key, value) VALUES ('places.builtin_hidden', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
  db.prepare(`DELETE FROM place_list WHERE builtin = 1`).run();
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.resolve(here, '../fixtures/places');
export const ROOT = path.resolve(here, '../..');

export const N4_WARDS = [WARD.abington, WARD.castle, WARD.dallington, WARD.stGeorge];

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export function b64(content: string | Uint8Array): string {
  return (typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content)).toString('base64');
}

/** Imports a fixture (or given content) through the real dispatcher. */
export function importFile(
  tb: TestBackend,
  fileName: string,
  content?: string | Uint8Array,
  extra: Partial<Args<'places.import'>> = {},
): Promise<Results['places.import']> {
  return tb.send('places.import', { fileName, contentBase64: b64(content ?? fixture(fileName)), ...extra } as Args<'places.import'>);
}

export async function n4Id(tb: TestBackend): Promise<number> {
  const lap = (await tb.send('laps.list', {})).find((l) => l.name === 'N4' && l.set.name === 'West Northamptonshire LAPs');
  if (!lap) throw new Error('no preset N4');
  return lap.id;
}

/** Per-table SHA-256 of the whole database: equal before and after means nothing changed. */
export function sums(tb: TestBackend): Record<string, string> {
  return tableChecksums(tb.backend.db);
}

export function placeCount(tb: TestBackend): number {
  return (tb.backend.db.prepare('SELECT COUNT(*) AS n FROM place').get() as { n: number }).n;
}
