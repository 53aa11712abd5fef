/**
 * The profile table as CSV: UTF-8 with a byte-order mark (so Excel reads the £, – and © correctly), CRLF line ends,
 * one row per indicator with every number and the comparison words. Text cells that a spreadsheet would run as a
 * formula (=, +, -, @, tab, carriage return) are prefixed with an apostrophe; numbers are written as plain numbers.
 */
import type { AreaPlaces, PlaceCategoryId } from '../../shared/places.ts';
import type { BenchmarkKey, Profile } from '../../shared/profile.ts';
import { PLACE_COLUMNS, placeListRows, placesProfileRows } from './places-table.ts';
import { COLUMNS, profileRows, type Cell } from './table.ts';

export const CSV_BOM = '\ufeff';

/** Neutralises spreadsheet formulas in a text cell (OWASP CSV injection advice). Numbers pass unchanged. */
export function safeText(text: string): string {
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return `'${text}`;
  return text;
}

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = safeText(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Cell[][]): string {
  return CSV_BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The profile CSV: a header row, then one row per indicator; when places are loaded, then per category the count of
 * places inside the area and the straight-line distance to the nearest one (council averages in their columns).
 */
export function profileCsv(profile: Profile, comparedWith: BenchmarkKey, places?: AreaPlaces | null): string {
  const rows = [...profileRows(profile, comparedWith), ...(places?.hasPlaces ? placesProfileRows(places) : [])];
  return toCsv([['Area', ...COLUMNS.map((c) => c.header)], ...rows.map((r) => [profile.area.name, ...COLUMNS.map((c) => r[c.key] ?? null)])]);
}

/** The places CSV: one row per place of the area (inside it or attached to it), optionally only some categories. */
export function placesCsv(places: AreaPlaces, categories?: readonly PlaceCategoryId[]): string {
  const rows = placeListRows(places, categories);
  return toCsv([PLACE_COLUMNS.map((c) => c.header), ...rows.map((r) => PLACE_COLUMNS.map((c) => r[c.key] ?? null))]);
}
