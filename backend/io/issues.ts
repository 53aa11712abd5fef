/**
 * The validation report of an import: each problem with file, row, column and a plain reason.
 * Problems of one kind about many rows (an unknown area on 300 rows) are grouped into one line.
 */
import type { ImportIssue, ImportReport, IssueSeverity } from '../../shared/contract/data.ts';
import { copyString } from './strings.ts';
import { showText } from '../../shared/text.ts';

/** At most this many issues of each severity are listed; the rest are counted. */
const LIMIT = 200;
const ORDER: Record<IssueSeverity, number> = { error: 0, warning: 1, info: 2 };

interface Group {
  severity: IssueSeverity;
  column: string | null;
  rows: number[];
  count: number;
  make: (rows: number[], count: number) => string;
}

export class Issues {
  private readonly list: ImportIssue[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly totals: Record<IssueSeverity, number> = { error: 0, warning: 0, info: 0 };
  private readonly listed: Record<IssueSeverity, number> = { error: 0, warning: 0, info: 0 };
  private omitted = 0;

  constructor(readonly file: string) {}

  get errorCount(): number {
    return this.totals.error + [...this.groups.values()].filter((g) => g.severity === 'error').length;
  }

  get warningCount(): number {
    return this.totals.warning + [...this.groups.values()].filter((g) => g.severity === 'warning').length;
  }

  add(severity: IssueSeverity, row: number | null, column: string | null, message: string, count = 1): void {
    this.totals[severity]++;
    if (this.listed[severity] >= LIMIT) {
      this.omitted++;
      return;
    }
    this.listed[severity]++;
    this.list.push({ severity, file: this.file, row, column: column === null ? null : showText(copyString(column)), message: showText(copyString(message)), count });
  }

  error(row: number | null, column: string | null, message: string): void {
    this.add('error', row, column, message);
  }

  warning(row: number | null, column: string | null, message: string, count = 1): void {
    this.add('warning', row, column, message, count);
  }

  info(message: string, count = 1): void {
    this.add('info', null, null, message, count);
  }

  /** Adds one occurrence to a group; the message is made once, at the end, from the rows seen. */
  group(key: string, severity: IssueSeverity, row: number | null, column: string | null, make: (rows: number[], count: number) => string): void {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { severity, column, rows: [], count: 0, make }));
    g.count++;
    if (row !== null && g.rows.length < 5) g.rows.push(row);
  }

  report(): ImportReport {
    const all = [...this.list];
    for (const g of this.groups.values()) {
      all.push({ severity: g.severity, file: this.file, row: g.rows[0] ?? null, column: g.column === null ? null : showText(g.column), message: showText(g.make(g.rows, g.count)), count: g.count });
    }
    all.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.row ?? 0) - (b.row ?? 0));
    const errors = all.filter((i) => i.severity === 'error').length + (this.totals.error - this.listed.error);
    const warnings = all.filter((i) => i.severity === 'warning').length + (this.totals.warning - this.listed.warning);
    return { issues: all, errors, warnings, omitted: this.omitted };
  }
}

/** "data.csv: row 214, column 'Denominator': 'abc' is not a number" */
export function issueLine(i: ImportIssue): string {
  return `${i.file}: ${i.message}`;
}
