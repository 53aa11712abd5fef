/**
 * One progress bar for a whole import job. The backend reports bytes while it reads the file, then rows while it
 * checks and writes; the bar gives reading 80% of its length, checking 10% and writing the last 10%, and the words
 * under it count rows (while reading, bytes read are turned into rows in proportion, from the preview's row count).
 */
import type { JobInfo } from '../../../shared/contract/data.ts';
import { count, formatNumber } from './format.ts';

export interface ImportProgressView {
  phase: 'sending' | 'reading' | 'checking' | 'writing' | 'finished';
  /** 0-100. */
  percent: number;
  rowsDone: number;
  rowsTotal: number;
  /** "Reading the file", "Checking 200,000 rows", … */
  label: string;
  /** "120,000 of 200,000 rows read · 48% done" (the percentage is of the whole import: reading, checking, writing). */
  text: string;
}

export function importProgress(job: JobInfo | null, rowsTotal: number, valuesTotal: number): ImportProgressView {
  const make = (phase: ImportProgressView['phase'], percent: number, rowsDone: number, label: string): ImportProgressView => {
    const pct = Math.max(0, Math.min(100, Math.round(percent)));
    const done = Math.max(0, Math.min(rowsTotal, Math.round(rowsDone)));
    return { phase, percent: pct, rowsDone: done, rowsTotal, label, text: `${formatNumber(done)} of ${count(rowsTotal, 'row')} read · ${pct}% done` };
  };
  if (!job) return make('sending', 0, 0, 'Sending the file to LAP Insight…');
  if (job.state !== 'running') {
    const done = job.state === 'done';
    return make('finished', done ? 100 : 0, done ? rowsTotal : 0, done ? 'Finishing' : job.state === 'cancelled' ? 'Cancelled' : 'Stopped');
  }
  if (job.unit === 'bytes') {
    const frac = job.total && job.total > 0 ? job.done / job.total : 0;
    return make('reading', frac * 80, frac * rowsTotal, 'Reading the file');
  }
  if (/^writ/i.test(job.message)) {
    const frac = job.total && job.total > 0 ? job.done / job.total : 0;
    return make('writing', 90 + frac * 10, rowsTotal, `Writing ${count(valuesTotal, 'value')}`);
  }
  return make('checking', 85, rowsTotal, `Checking ${count(rowsTotal, 'row')}`);
}
