/**
 * Words and numbers for the Data tab and the import dialog: the names people see for formats, encodings,
 * delimiters, value types and polarities, counts ("1 row", "1,234 rows"), sizes and dates, and where a problem in a
 * file is ("bad.csv, row 4, column 'denominator'").
 */
import type { ImportFormat, ImportIssue, ImportIndicatorPlan, ValueAreaType } from '../../../shared/contract/data.ts';
import type { Polarity, ValueType } from '../../../shared/indicators-meta.ts';
import { plural as count } from '../../../shared/format.ts';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export function formatNumber(n: number): string {
  return whole.format(n);
}

/** "1 row", "3 rows", "1,234 rows" (never "no rows": a zero is a number people want to see). */
export { count };

/** "512 bytes", "48 KB", "12.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return count(n, 'byte');
  if (n < 1024 * 1024) return `${whole.format(Math.round(n / 1024))} KB`;
  return `${oneDecimal.format(n / 1024 / 1024)} MB`;
}

/** "23 Nov 2025" from an ISO timestamp (the original text if it is not a date). */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : day.format(d);
}

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  tidy: 'Tidy (one value per row)',
  fingertips: 'Fingertips download',
  wide: 'Wide (one column per indicator)',
};

/** Short names, for sentences ("a Fingertips file"). */
export const FORMAT_SHORT: Record<ImportFormat, string> = { tidy: 'tidy', fingertips: 'Fingertips', wide: 'wide' };

export const ENCODING_LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (older Excel “CSV”)',
  'utf-16le': 'UTF-16, little-endian',
  'utf-16be': 'UTF-16, big-endian',
};

export const DELIMITER_LABELS: Record<string, string> = { ',': 'Comma', '\t': 'Tab', ';': 'Semicolon' };

export const VALUE_TYPE_LABELS: Record<ValueType, string> = {
  count: 'Count',
  proportion: 'Percentage',
  'crude-rate': 'Crude rate (per 1,000…)',
  isr: 'Standardised ratio',
  dsr: 'Directly standardised rate',
  'life-expectancy': 'Life expectancy (years)',
  'mean-score': 'Score (average)',
  rank: 'Rank or decile',
  other: 'Other',
};

export const POLARITY_LABELS: Record<Polarity, string> = {
  'high-is-good': 'Higher is better',
  'low-is-good': 'Lower is better',
  'no-judgement': 'No judgement',
};

/** Area types a wide file can be read as ('' = work it out from the codes). */
export const WIDE_AREA_TYPES: { value: ValueAreaType | ''; label: string }[] = [
  { value: '', label: 'Work it out from the codes' },
  { value: 'ward', label: 'Wards' },
  { value: 'lad', label: 'Councils' },
  { value: 'lsoa21', label: 'LSOAs (2021)' },
  { value: 'lsoa11', label: 'LSOAs (2011)' },
  { value: 'oa21', label: 'Output areas (2021)' },
  { value: 'msoa11', label: 'MSOAs (2011)' },
];

export const WARD_SOURCE_LABELS: Record<ImportIndicatorPlan['wards'], string> = {
  given: 'given in the file',
  summed: 'summed from small areas (estimates)',
  apportioned: 'shared out from larger areas (estimates)',
  derived: 'worked out from small areas (estimates)',
  none: 'none (council or England values only)',
};

/** Where a problem is: "bad.csv, row 4, column 'denominator'" (row 1 is the header). */
export function issueWhere(issue: Pick<ImportIssue, 'file' | 'row' | 'column'>): string {
  const parts = [issue.file];
  if (issue.row !== null) parts.push(issue.row === 1 ? 'row 1 (the header)' : `row ${formatNumber(issue.row)}`);
  if (issue.column !== null && issue.column !== '') parts.push(`column ‘${issue.column}’`);
  if (issue.row === null && issue.column === null) parts.push('the whole file');
  return parts.join(', ');
}

/**
 * The reason of a problem as a sentence, without the row and column that `issueWhere` already gives:
 * "row 6, column 'denominator': 'abc' is not a number" -> "‘abc’ is not a number."
 */
export function issueReason(issue: Pick<ImportIssue, 'message' | 'file'>): string {
  let text = issue.message.trim().replace(/^row \d+(?:, column '[^']*')?:\s*/i, '');
  if (!text) text = issue.message.trim();
  if (!text) return 'Unknown problem.';
  // A sentence that starts with the file name keeps the name's own case.
  if (!text.startsWith(issue.file)) text = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
