/**
 * The rows a partial import skipped, as a CSV the user can open, fix and import again: the spreadsheet row,
 * the reason, then the row's own fields under the file's own header. Used by the import dialog and the CLI.
 */
import type { ImportPreview } from './contract/data.ts';

function cell(s: string): string {
  // Quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function skippedRowsCsv(preview: Pick<ImportPreview, 'header' | 'skipped' | 'fileName'>): string {
  const { header, skipped } = preview;
  const lines = [['row', 'problem', ...header].map(cell).join(',')];
  for (const r of skipped.rows) lines.push([String(r.row), r.reason, ...r.fields].map(cell).join(','));
  if (skipped.total > skipped.rows.length) {
    lines.push(['', `… and ${skipped.total - skipped.rows.length} more rows with errors in ${preview.fileName} (only the first ${skipped.rows.length} are listed)`].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
