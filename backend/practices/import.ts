/**
 * practices.import (issue 15): a Fingertips CSV download at GP practice level (Area Type "GP") attaches its values to
 * practices, not wards, so that any Fingertips practice indicator (QOF prevalences, screening, vaccination) is
 * summed over every LAP's practices like the bundled ones. The file's council ("UA") and England rows become the
 * benchmarks. PCN rows cannot be split into practices: they are counted and left out, and the report says so.
 * All or nothing, in one transaction; a dataset row records the file (deleting the dataset deletes its values).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/contract.ts';
import type { PracticeImportResult } from '../../shared/contract/practices.ts';
import { COUNCIL_CODES, ENGLAND_CODE } from '../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { CsvParser } from '../io/csv.ts';
import { planFormat, detectFormat, type ParsedRow } from '../data/formats.ts';

const COUNCILS = new Set<string>(COUNCIL_CODES);
const ENGLAND = ENGLAND_CODE;

export function importPracticeFile(ctx: ServiceContext, fileName: string, contentBase64: string): PracticeImportResult {
  const { db } = ctx;
  const bytes = Buffer.from(contentBase64, 'base64');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const records: string[][] = [];
  const p = new CsvParser(',', (f) => records.push(f));
  p.push(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  p.end();
  const header = records.shift() ?? [];
  if (detectFormat(header, undefined) !== 'fingertips') {
    throw new AppError('invalid-input', `${fileName}: not a Fingertips CSV download (it needs the columns Indicator ID, Area Code, Area Type, Time period, Value, Count and Denominator).`);
  }
  const plan = planFormat('fingertips', header, undefined);
  if (plan.errors.length) throw new AppError('invalid-input', `${fileName}: ${plan.errors.join('; ')}`);
  const problems: string[] = [];
  const rows: ParsedRow[] = [];
  const cells = {
    num(text: string | undefined, row: number, column: string): number {
      const t = (text ?? '').trim();
      if (t === '') return NaN;
      const x = Number(t.replace(/,/g, ''));
      if (!Number.isFinite(x)) problems.push(`row ${row}, column ${column}: '${t}' is not a number`);
      else if (x < 0 && (column === 'Count' || column === 'Denominator')) problems.push(`row ${row}, column ${column}: a count cannot be negative (${t})`);
      return x;
    },
  };
  records.forEach((f, i) => {
    if (f.length === 1 && f[0] === '') return;
    plan.read(f, i + 2, cells, (r) => rows.push({ ...r })); // the plan reuses one row object
  });
  if (problems.length) throw new AppError('invalid-input', `${fileName}: nothing was imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`);

  const practiceCodes = new Set((db.prepare(`SELECT code FROM practice`).all() as { code: string }[]).map((r) => r.code));
  const kept = rows.filter((r) => !r.leaveOut && r.sex.toLowerCase() === 'persons');
  const gp = kept.filter((r) => r.areaType === 'gp' || r.areaType === 'gp practice' || practiceCodes.has(r.areaCode));
  const pcn = kept.filter((r) => r.areaType === 'pcn').length;
  const known = gp.filter((r) => practiceCodes.has(r.areaCode));
  if (known.length === 0) {
    throw new AppError('invalid-input', `${fileName}: no row is for one of the 67 Northamptonshire GP practices (Area Type "GP", Area Code an ODS practice code such as K83002), so nothing was imported.`);
  }
  const bad = known.filter((r) => !(Number.isFinite(r.numerator) && Number.isFinite(r.denominator) && r.denominator > 0));
  if (bad.length) {
    throw new AppError('invalid-input', `${fileName}: rows ${bad.slice(0, 5).map((r) => r.row).join(', ')} have no Count or Denominator, which a LAP needs to sum its practices; nothing was imported.`);
  }
  const ids = [...new Set(known.map((r) => r.indicator))];
  const now = new Date().toISOString();
  const written = db.transaction(() => {
    const ds = Number(
      db
        .prepare(
          `INSERT INTO dataset (key, kind, name, file_name, sha256, format, imported_at, rows_read, rows_written, rows_rejected, publisher, source, licence, attribution, transformation, period, warnings)
           VALUES (NULL, 'user', ?, ?, ?, 'fingertips', ?, ?, 0, 0, 'Office for Health Improvement and Disparities', ?, 'Open Government Licence v3.0', 'Contains public sector information licensed under the Open Government Licence v3.0 (OHID Fingertips).', 'GP practice values attached to practices; a LAP sums its practices.', '', '[]')`,
        )
        .run(fileName.replace(/\.[a-z]+$/i, ''), fileName, sha, now, rows.length, `${fileName} (Fingertips download, GP practice level)`).lastInsertRowid,
    );
    let n = 0;
    const summary = new Map<string, number>();
    for (const id of ids) {
      const mine = known.filter((r) => r.indicator === id);
      const first = mine[0]!;
      const ratio = first.value / ((first.numerator / first.denominator) || NaN);
      const multiplier = [100, 1000, 100000].find((m) => Math.abs(ratio - m) / m < 0.02) ?? 100;
      const valueType = multiplier === 100 ? 'proportion' : 'crude-rate';
      const indId = `fingertips-${id}`;
      db.prepare(
        `INSERT INTO indicator (id, name, short_name, ambition, topic, definition, value_type, multiplier, unit, polarity, ward_level, source, publisher, licence, attribution, method_note, dataset_id)
         VALUES (?, ?, ?, 'health-care', 'GP practice indicator (imported)', ?, ?, ?, ?, 'no-judgement', 0, ?, 'Office for Health Improvement and Disparities', 'Open Government Licence v3.0', 'Contains public sector information licensed under the Open Government Licence v3.0 (OHID Fingertips).', ?, ?)
         ON CONFLICT(id) DO UPDATE SET dataset_id = excluded.dataset_id`,
      ).run(
        indId,
        first.indicatorName || `Fingertips ${id}`,
        (first.indicatorName || `Fingertips ${id}`).slice(0, 60),
        `${first.indicatorName} (Fingertips ${id}), per practice.`,
        valueType,
        multiplier,
        multiplier === 100 ? '%' : `per ${multiplier.toLocaleString('en-GB')}`,
        fileName,
        'Practice-based: a LAP value sums its practices\' counts and denominators and computes once. No polarity is known from the file, so comparisons read higher / similar / lower.',
        ds,
      );
      const put = db.prepare(`INSERT OR REPLACE INTO practice_value (indicator_id, practice_code, period, dataset_id, numerator, denominator, value) VALUES (?, ?, ?, ?, ?, ?, ?)`);
      for (const r of mine) {
        put.run(indId, r.areaCode, r.period, ds, r.numerator, r.denominator, Number.isFinite(r.value) ? r.value : null);
        n++;
      }
      const bench = kept.filter((r) => r.indicator === id && (COUNCILS.has(r.areaCode) || r.areaCode === ENGLAND));
      const val = db.prepare(
        `INSERT OR REPLACE INTO value (indicator_id, area_code, period, sex, age, dataset_id, numerator, denominator, value, ci95_lower, ci95_upper, estimate, note) VALUES (?, ?, ?, 'Persons', 'All ages', ?, ?, ?, ?, ?, ?, 0, ?)`,
      );
      for (const r of bench) {
        const fin = (x: number) => (Number.isFinite(x) ? x : null);
        val.run(indId, r.areaCode, r.period, ds, fin(r.numerator), fin(r.denominator), fin(r.value), fin(r.ci95Lower), fin(r.ci95Upper), 'as published by Fingertips');
        const key = `${indId}|${r.period}|${r.areaCode === ENGLAND ? 'england' : 'lad'}`;
        summary.set(key, (summary.get(key) ?? 0) + 1);
        n++;
      }
    }
    const sum = db.prepare(`INSERT INTO value_summary (dataset_id, indicator_id, period, area_type, n) VALUES (?, ?, ?, ?, ?)`);
    for (const [k, count] of summary) {
      const [ind, period, type] = k.split('|') as [string, string, string];
      sum.run(ds, ind, period, type, count);
    }
    db.prepare(`UPDATE dataset SET rows_written = ? WHERE id = ?`).run(n, ds);
    return n;
  }).immediate();
  const skippedPractices = gp.length - known.length;
  return {
    status: 'imported',
    message:
      `Imported ${known.length} practice values of ${ids.length} indicator${ids.length === 1 ? '' : 's'} from ${fileName}; they are summed over each LAP's GP practices.` +
      (skippedPractices ? ` ${skippedPractices} rows for practices outside the two councils were left out.` : '') +
      (pcn ? ` ${pcn} Primary Care Network rows were left out: a PCN value cannot be split into its practices.` : ''),
    indicators: ids.map((id) => `fingertips-${id}`),
    practiceValues: known.length,
    rowsWritten: written,
  };
}
