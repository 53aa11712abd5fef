/**
 * Reading numbers from user files: " 12.5 ", "1,234", "12.5%", suppression markers and blanks.
 * Missing is never zero: a blank or a marker gives `null`.
 */

/** Cells that mean "suppressed or not available" (compared after trimming, case-insensitively). */
export const SUPPRESSION_MARKERS = ['*', 'c', '..', 'x', '-', ':', '~', 'z', 'n/a', 'na', '#n/a', 'null', 'suppressed'] as const;
const MARKERS = new Set<string>(SUPPRESSION_MARKERS);

export type Cell =
  | { kind: 'number'; value: number }
  | { kind: 'blank' }
  | { kind: 'suppressed'; marker: string }
  | { kind: 'invalid'; text: string };

const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** True when every character could belong to a plain decimal number (fast path for clean files). */
export function plainChars(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 40) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // 0-9 . + - e E
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) return false;
  }
  return true;
}

/**
 * Parses one cell. `decimalComma` allows "12,5" (files saved with semicolons by European Excel); a
 * thousands pattern such as "1,234" still reads as one thousand two hundred and thirty-four.
 */
export function parseCell(raw: string, decimalComma = false): Cell {
  if (plainChars(raw)) {
    const v = Number(raw);
    if (Number.isFinite(v) && raw !== '-' && raw !== '.') return { kind: 'number', value: v };
  }
  const s = raw.trim();
  if (s === '') return { kind: 'blank' };
  const lower = s.toLowerCase();
  if (MARKERS.has(lower)) return { kind: 'suppressed', marker: s };
  let t = s.endsWith('%') ? s.slice(0, -1).trim() : s;
  t = t.replace(/^£/, '');
  if (PLAIN.test(t)) {
    const v = Number(t);
    if (Number.isFinite(v)) return { kind: 'number', value: v };
  }
  if (THOUSANDS.test(t)) return { kind: 'number', value: Number(t.replace(/,/g, '')) };
  if (decimalComma && DECIMAL_COMMA.test(t)) return { kind: 'number', value: Number(t.replace(',', '.')) };
  return { kind: 'invalid', text: raw };
}

/** Formats a number for messages: 1234.5 -> "1,234.5". */
export function fmt(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 6 });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}

/** "rows 4, 9 and 12", or "rows 4, 9, 12 and 30 more". `total` counts rows not in the list (the list may be a sample). */
export function rowList(rows: readonly number[], total = rows.length, max = 3): string {
  if (rows.length === 0) return '';
  if (total === 1) return `row ${rows[0]}`;
  const shown = rows.slice(0, max).map(String);
  const more = total - shown.length;
  if (more > 0) return `rows ${shown.join(', ')} and ${fmt(more)} more`;
  return `rows ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
