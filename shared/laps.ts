/**
 * Pure helpers for LAPs, shared by the backend, the CLI and the renderer: the colour palette, free names
 * ("N4 (2)", "N4 (copy)"), forgiving ward look-up with plain-English ambiguity errors, the interchange file
 * format and a small RFC 4180 CSV reader/writer. No Node, DOM or Electron.
 */
import { z } from 'zod';
import { normaliseName, searchByName } from './names.ts';
import { hasUnsafeCharacters } from './text.ts';
import { COUNCIL_CODES } from './domain.ts';
import { listJoin } from './format.ts';

/**
 * True when the text has a line break, tab or other control character, C1 control or bidirectional control
 * (shared/text.ts; not allowed in names).
 */
export function hasControlCharacters(text: string): boolean {
  return hasUnsafeCharacters(text);
}

/** Distinct, colour-blind-friendlier colours (ColorBrewer Dark2 + Set1 extras) for new LAPs. */
export const LAP_PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#1f78b4',
  '#b2182b',
  '#4d9221',
  '#6a3d9a',
  '#666666',
] as const;

/** The first palette colour not in `used`; when all are used, cycles by count. */
export function pickColour(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return LAP_PALETTE.find((c) => !taken.has(c)) ?? LAP_PALETTE[used.length % LAP_PALETTE.length]!;
}

/** The key under which names must be unique (forgiving: case, punctuation, '&'/'and', 'St'/'St.'). */
export function nameKey(name: string): string {
  return normaliseName(name);
}

/**
 * A name not yet taken: `base` itself if free, else "base (2)", "base (3)", ... or, for copies,
 * "base (copy)", "base (copy 2)", ...
 */
export function freeName(base: string, isTaken: (name: string) => boolean, style: 'number' | 'copy' = 'number'): string {
  if (style === 'number' && !isTaken(base)) return base;
  for (let i = style === 'copy' ? 1 : 2; i < 10_000; i++) {
    const candidate = style === 'copy' ? `${base} (copy${i === 1 ? '' : ` ${i}`})` : `${base} (${i})`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`no free name for ${base}`);
}

/** Orders names as people expect: "N2" before "N10", case-insensitive. */
export const compareNames = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' }).compare;

/** "a", "a and b", "a, b and c" (one rule for every list in words: shared/format.ts). */
export { listJoin };

export interface NamedWard {
  code: string;
  name: string;
}

export type WardLookup<W extends NamedWard> = { ok: true; ward: W } | { ok: false; message: string; candidates: W[] };

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * Finds one ward from a code or a loosely typed name: 'st george' -> St. George, 'Duston West & St Crispin',
 * 'towcester' (a unique start). An ambiguous or unknown name gives a message listing the candidates, e.g.
 * "'Daventry' matches 2 wards: Daventry East, Daventry West. Use the full name or the code."
 */
export function findWard<W extends NamedWard>(wards: readonly W[], input: string): WardLookup<W> {
  const text = input.trim();
  if (/^E05\d{6}$/i.test(text)) {
    const ward = wards.find((w) => w.code.toUpperCase() === text.toUpperCase());
    return ward ? { ok: true, ward } : { ok: false, message: `There is no ward with code ${text.toUpperCase()}.`, candidates: [] };
  }
  const q = normaliseName(text);
  if (!q) return { ok: false, message: `'${text}' is not a ward name.`, candidates: [] };
  const exact = wards.filter((w) => normaliseName(w.name) === q);
  if (exact.length === 1) return { ok: true, ward: exact[0]! };
  const matches = exact.length > 1 ? exact : searchByName(wards, text, (w) => w.name);
  // searchByName sorts best first; keep only the best rank (recomputed here: exact > starts > word > contains).
  const rank = (w: W) => {
    const n = normaliseName(w.name);
    if (n === q) return 0;
    if (n.startsWith(q)) return 1;
    if (` ${n}`.includes(` ${q}`)) return 2;
    return 3;
  };
  const best = matches.length ? Math.min(...matches.map(rank)) : -1;
  const top = matches.filter((w) => rank(w) === best);
  if (top.length === 1) return { ok: true, ward: top[0]! };
  if (top.length > 1) {
    const names = top.map((w) => w.name).sort(compareNames);
    return {
      ok: false,
      message: `'${text}' matches ${top.length} wards: ${names.join(', ')}. Use the full name or the code.`,
      candidates: top,
    };
  }
  const near = wards
    .map((w) => ({ w, d: editDistance(q, normaliseName(w.name)) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
    .sort((a, b) => a.d - b.d || compareNames(a.w.name, b.w.name))
    .slice(0, 3)
    .map((x) => x.w);
  const hint = near.length ? ` Did you mean ${listJoin(near.map((w) => w.name), 'or')}?` : '';
  return { ok: false, message: `'${text}' matches no ward.${hint}`, candidates: near };
}

/** Splits a typed ward list ("Castle, St George; Brackley") into its parts. */
export function splitWardList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------------------------------------------
// Interchange format

export const LAP_FILE_FORMAT = 'lap-insight-laps/1';
export const LAP_CSV_COLUMNS = ['lap_name', 'ward_code', 'ward_name'] as const;

const fileName = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(200, 'names are at most 200 characters')
  .refine((s) => !hasControlCharacters(s), 'names cannot contain line breaks or control characters');

/** The JSON interchange file. Checked after the `format` field, so a wrong file gets a clear message first. */
export const lapFileSchema = z.object({
  format: z.literal(LAP_FILE_FORMAT),
  appVersion: z.string().max(50).optional(),
  exportedAt: z.string().max(50).optional(),
  sets: z
    .array(
      z.object({
        name: fileName,
        kind: z.enum(['official', 'custom']),
        council: z.enum(COUNCIL_CODES).nullable().optional(),
      }),
    )
    .max(1000),
  laps: z
    .array(
      z.object({
        name: fileName,
        set: fileName,
        colour: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, 'a colour looks like #1b9e77')
          .optional(),
        notes: z.string().max(10_000, 'notes are at most 10,000 characters').optional(),
        wards: z.array(z.object({ code: z.string().max(20), name: z.string().max(200).optional() })).max(200),
      }),
    )
    .max(10_000),
});

export type LapFile = z.infer<typeof lapFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// CSV (RFC 4180: comma separated, fields with comma, quote or line break quoted, quotes doubled)

/** Cells a spreadsheet would run as a formula (and ones that already carry our apostrophe guard). */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** One CSV cell. Cells that a spreadsheet would run as a formula get a leading apostrophe (undone on import). */
export function csvCell(value: string): string {
  const safe = NEEDS_GUARD.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvRow {
  /** 1-based line number where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** Parses CSV text into records, with the line each starts on. Throws Error with the line for an unclosed quote. */
export function parseCsv(text: string): CsvRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let rowLine = 1;
  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      wasQuoted = true;
      cell = '';
    } else if (ch === ',') endCell();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new Error(`line ${rowLine}: a quoted value is never closed`);
  if (cell !== '' || cells.length > 0 || wasQuoted) endRow();
  return rows;
}

/** Undoes csvCell's formula guard: "'=x" -> "=x". */
export function uncsvCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** A safe file name from a LAP or set name. */
export function safeFileName(name: string, extension: string): string {
  const base = name.replace(/[^A-Za-z0-9 ._()-]+/g, '-').replace(/^[.\s-]+|[.\s-]+$/g, '') || 'laps';
  return `${base.slice(0, 100)}.${extension}`;
}
