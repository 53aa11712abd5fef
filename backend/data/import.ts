/**
 * The import pipeline: one code path for the app (import.preview / import.start), the CLI and the tests.
 *
 *   1. read      sniff the first bytes (encoding, binary files), then stream-decode and parse the CSV chunk by
 *                chunk into column storage, hashing it on the way (progress, cancellable). UTF-8 is read
 *                strictly; a file that is not UTF-8 is read again as Windows-1252;
 *   2. check     area codes, indicator metadata, numbers, duplicates, clashes with stored values; small-area
 *                rows summed into wards (and councils) through the bundled best-fit lookups (shared/rollup.ts)
 *                (read.ts, checks.ts, rollup.ts, into the Analysis of analysis.ts);
 *   3. write     one synchronous transaction: dataset, indicators, values, age bands (write.ts). Nothing is
 *                written before this step, so a failed or cancelled import leaves the database exactly as it was.
 */
import { createHash } from 'node:crypto';
import { SKIPPED_ROWS_LISTED, type ImportFormat, type ImportMapping, type ImportPreview, type ImportResult } from '../../shared/contract/data.ts';
import type { ServiceContext } from '../context.ts';
import { Analysis } from './analysis.ts';
import { checkBuiltClashes, checkDuplicates, checkRows, checkStoreClashes, checkWardCoverage, resolveIndicators } from './checks.ts';
import { copyString } from '../io/strings.ts';
import { CsvSyntaxError, ImportCancelled, InvalidText, readCsv, sniffHead, throwIfAborted, yieldToEventLoop, type ByteSource, type Delimiter, type Encoding } from '../io/csv.ts';
import { describeUnknownHeader, detectFormat, planFormat, type FormatPlan } from './formats.ts';
import { fmt, plural, rowList } from '../io/numbers.ts';
import { RowReader } from './read.ts';
import { build } from './rollup.ts';
import { findDatasetsBySha, knownAreas } from './store.ts';
import { writeAnalysis, type WriteOutcome } from './write.ts';
import { backupNow } from '../safety/backups.ts';

export interface ImportRequest {
  source: ByteSource;
  /** Overrides the detected format. */
  format?: ImportFormat;
  mapping?: ImportMapping;
  encoding?: Encoding;
  delimiter?: Delimiter;
}

export type ImportPhase = 'reading' | 'checking' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number | null;
  unit: 'bytes' | 'rows';
  message: string;
}

export interface RunOptions {
  onDuplicate?: 'skip' | 'replace';
  acceptWarnings?: boolean;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /**
   * When every error is about single rows: write the good rows (in the same one transaction) and skip the rows
   * with errors, listed in the result. Default false: any error refuses the whole file.
   */
  skipBadRows?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
}

const PROGRESS_EVERY = 20000;

// ---------------------------------------------------------------------------------------------------------------
// analyse: scan, read, check

export async function analyse(ctx: ServiceContext, req: ImportRequest, options: RunOptions = {}): Promise<Analysis> {
  const src = req.source;
  const head = src.head();
  const sniff = sniffHead(head);
  const fresh = () => {
    // About one row per 90 bytes for tidy files (the arrays grow when a file has more).
    const a = new Analysis(src.name, req.mapping, Math.min(50_000_000, Math.ceil(src.size / 90) + 16));
    a.bytes = src.size;
    return a;
  };
  if (src.size === 0 || head.length === 0) {
    const a = fresh();
    a.issues.error(null, null, `${src.name} is empty: there is nothing to import`);
    return finishEarly(a);
  }
  if (!sniff.encoding && sniff.binary && !req.encoding) {
    const a = fresh();
    a.issues.error(null, null, `${src.name} does not look like a CSV file: ${sniff.binary}`);
    return finishEarly(a);
  }
  // UTF-8 (with or without a byte-order mark) is read strictly; if it turns out not to be UTF-8, the file is read
  // again as Windows-1252 (what Excel writes for "CSV" on Windows). A chosen encoding is used as it is.
  const encoding: Encoding = req.encoding ?? sniff.encoding ?? 'utf-8';
  const bomLength = sniff.encoding && (!req.encoding || req.encoding === sniff.encoding) ? sniff.bomLength : 0;
  const strict = !req.encoding && encoding === 'utf-8';
  try {
    return await readAndCheck(ctx, req, options, fresh(), encoding, bomLength, strict);
  } catch (err) {
    if (!(err instanceof InvalidText)) throw err;
    return await readAndCheck(ctx, req, options, fresh(), 'windows-1252', bomLength, false);
  }
}

async function readAndCheck(ctx: ServiceContext, req: ImportRequest, options: RunOptions, a: Analysis, encoding: Encoding, bomLength: number, strict: boolean): Promise<Analysis> {
  const { db } = ctx;
  const src = req.source;
  const progress = options.onProgress ?? (() => {});
  const signal = options.signal;
  a.encoding = encoding;
  const hash = createHash('sha256');
  const reader = new RowReader(a, knownAreas(db));
  let plan: FormatPlan | null = null;
  let headerLength = 0;
  const onRecord = (fields: string[], row: number) => {
    if (!plan) {
      // The header.
      a.header = fields.map((f) => copyString(f.trim()));
      headerLength = fields.length;
      const detected = detectFormat(a.header, req.mapping);
      a.format = req.format ?? detected;
      a.formatSource = req.format ? 'chosen' : 'detected';
      if (!a.format) {
        a.issues.error(1, null, `row 1: ${describeUnknownHeader(a.header)}`);
        throw new StopReading();
      }
      plan = planFormat(a.format, a.header, req.mapping);
      a.columnRoles = plan.columns;
      for (const e of plan.errors) a.issues.error(1, null, `row 1: ${e}`);
      for (const w of plan.warnings) a.issues.warning(1, null, w);
      if (plan.errors.length) throw new StopReading();
      return;
    }
    a.rowsRead++;
    if (a.firstRows.length < 10) a.firstRows.push(fields.slice(0, 60).map(copyString));
    reader.beginRow();
    if (fields.length !== headerLength) {
      const extraBlank = fields.length > headerLength && fields.slice(headerLength).every((f) => f.trim() === '');
      if (!extraBlank) {
        a.rowError(
          row,
          null,
          `row ${row} has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'} but the header has ${headerLength}${fields.length > headerLength ? ' (is there an unquoted comma in a name?)' : ''}`,
        );
        return;
      }
    }
    plan.read(fields, row, reader.cells, reader.add);
    if (a.rowsRead % PROGRESS_EVERY === 0) progress({ phase: 'reading', done: lastBytes, total: src.size, unit: 'bytes', message: `Reading ${src.name}: ${fmt(a.rowsRead)} rows` });
  };
  let lastBytes = 0;
  try {
    const res = await readCsv(
      src,
      {
        encoding,
        bomLength,
        fatal: strict,
        ...(req.delimiter ? { delimiter: req.delimiter } : {}),
        ...(signal ? { signal } : {}),
        onBytes: (b) => {
          lastBytes = b;
        },
        onChunk: (raw) => hash.update(raw),
        onDelimiter: (d) => reader.setDelimiter(d),
      },
      onRecord,
    );
    reader.setDelimiter(res.delimiter);
    if (res.looseQuoteRows.length) {
      a.issues.warning(res.looseQuoteRows[0]!, null, `text follows a closing quote in ${rowList(res.looseQuoteRows.slice(0, 5), res.looseQuoteRows.length)}; it was kept as part of the field`, res.looseQuoteRows.length);
    }
  } catch (err) {
    if (err instanceof ImportCancelled || err instanceof InvalidText) throw err;
    if (err instanceof CsvSyntaxError) {
      // A field too long names its column, by the header's name when the header was read.
      const name = err.column === undefined ? undefined : a.header[err.column - 1];
      const reason = err.message.replace(/^row \d+: /, '').replace(/^the field in column (\d+)/, (m) => (name ? `${m} (${name})` : m));
      a.issues.error(err.row, err.column === undefined ? null : (name ?? `column ${err.column}`), `row ${err.row}: ${reason}`);
    }
    else if (!(err instanceof StopReading)) throw err;
    return finishEarly(a);
  }
  throwIfAborted(signal);
  a.sha256 = hash.digest('hex');
  a.duplicateOf = findDatasetsBySha(db, a.sha256).map((d) => ({ id: d.id, name: d.name, fileName: d.fileName, importedAt: d.importedAt }));
  if (!plan) {
    a.issues.error(null, null, `${src.name} is empty: there is nothing to import`);
    return finishEarly(a);
  }
  if (a.rowsRead === 0) {
    a.issues.error(null, null, `${src.name} has a header row but no data rows`);
    return finishEarly(a);
  }
  reader.finishReading();
  progress({ phase: 'checking', done: 0, total: a.cols.n, unit: 'rows', message: `Checking ${fmt(a.cols.n)} rows…` });
  await yieldToEventLoop();
  throwIfAborted(signal);
  resolveIndicators(a, db);
  checkRows(a);
  checkDuplicates(a);
  // A file imported before is either skipped or replaces the earlier import: its values are not a clash.
  const replacing = a.duplicateOf.map((d) => d.id);
  checkStoreClashes(a, db, replacing);
  a.rejectWholeRows();
  await yieldToEventLoop();
  throwIfAborted(signal);
  // Ward values are built when the file has no errors, or only errors about rows (from the good rows, for a
  // partial import).
  if (a.errors === 0 || a.onlyRowErrors) {
    build(a, db);
    checkBuiltClashes(a, db, replacing);
    checkWardCoverage(a, db);
  }
  a.makePlans();
  if (a.rowReasons.size > 0) await readRejectedRows(src, a, encoding, bomLength, signal);
  if (a.rowsRead > 0 && a.rowsLeftOut === a.rowsRead && a.errors === 0) {
    const outside = a.areaList.filter((x) => x.outside);
    a.issues.error(
      null,
      null,
      outside.length === a.areaList.length && outside.length > 0
        ? `none of the ${plural(outside.length, 'area')} in ${src.name} is in West or North Northamptonshire (e.g. ${outside
            .slice(0, 3)
            .map((x) => x.code)
            .join(', ')}), so there is nothing to import`
        : `every row of ${src.name} was left out (areas outside West and North Northamptonshire, or inequality breakdowns), so there is nothing to import`,
    );
  }
  return a;
}

class StopReading extends Error {}

/** Reads the file again for the fields of the first rows with errors (for the list of skipped rows and its CSV). */
async function readRejectedRows(src: ByteSource, a: Analysis, encoding: Encoding, bomLength: number, signal: AbortSignal | undefined): Promise<void> {
  const wanted = new Set([...a.rowReasons.keys()].sort((x, y) => x - y).slice(0, SKIPPED_ROWS_LISTED));
  const last = Math.max(...wanted);
  try {
    await readCsv(src, { encoding, bomLength, ...(a.delimiter ? { delimiter: a.delimiter } : {}), ...(signal ? { signal } : {}) }, (fields, row) => {
      if (wanted.has(row)) a.rejectedFields.set(row, fields.map(copyString));
      if (row >= last) throw new StopReading();
    });
  } catch (err) {
    if (!(err instanceof StopReading)) throw err;
  }
}

function finishEarly(a: Analysis): Analysis {
  a.makePlans();
  return a;
}

// ---------------------------------------------------------------------------------------------------------------
// The two entry points

/** Reads and checks a file; writes nothing. */
export async function previewImport(ctx: ServiceContext, req: ImportRequest, options: Pick<RunOptions, 'signal' | 'onProgress' | 'onDuplicate'> = {}): Promise<ImportPreview> {
  const a = await analyse(ctx, req, options);
  return a.preview();
}

function firstProblems(p: ImportPreview, severity: 'error' | 'warning', n = 3): string {
  const list = p.report.issues.filter((i) => i.severity === severity);
  const shown = list.slice(0, n).map((i) => i.message);
  const total = severity === 'error' ? p.report.errors : p.report.warnings;
  const more = total - shown.length;
  return `${shown.join('; ')}${more > 0 ? ` (and ${plural(more, `more ${severity}`)})` : ''}`;
}

/**
 * Imports a file: checks it, and (unless there are errors, unaccepted warnings, or it is a skipped duplicate)
 * writes it in one transaction. Never throws for problems in the file: they are in the result.
 * Throws ImportCancelled when the signal aborts before the write.
 */
export async function runImport(ctx: ServiceContext, req: ImportRequest, options: RunOptions = {}): Promise<ImportResult> {
  const onDuplicate = options.onDuplicate ?? 'skip';
  const a = await analyse(ctx, req, options);
  const preview = a.preview();
  const name = req.source.name;
  const dup = preview.duplicateOf;
  const result = (status: ImportResult['status'], message: string, extra: Partial<ImportResult> = {}): ImportResult => ({
    status,
    message,
    datasetId: null,
    replacedDatasetIds: [],
    valuesWritten: 0,
    rowsSkipped: 0,
    preview,
    ...extra,
  });
  if (dup && onDuplicate === 'skip') {
    return result(
      'skipped',
      `${name} was imported before, on ${dup.importedAt.slice(0, 10)}, as dataset ${dup.id} ('${dup.fileName}'). Nothing was changed. To import it again, choose 'replace' (command line: --replace).`,
    );
  }
  const sk = preview.skipped;
  const skipping = preview.report.errors > 0 && options.skipBadRows === true && sk.canSkip;
  if (preview.report.errors > 0 && !skipping) {
    const offer = sk.canSkip
      ? `; or import the ${plural(sk.goodRows, 'good row')} and skip the ${plural(sk.total, 'row')} with errors (in the app: "Import the good rows"; command line: --skip-bad-rows).`
      : '';
    return result('failed', `Nothing was imported from ${name}: ${plural(preview.report.errors, 'problem')} must be fixed first. ${firstProblems(preview, 'error')}${offer}`);
  }
  if (preview.counts.valuesToWrite === 0) return result('failed', `Nothing was imported from ${name}: it has no values for West or North Northamptonshire.`);
  if (preview.report.warnings > 0 && !options.acceptWarnings && !options.dryRun) {
    return result('failed', `Nothing was imported from ${name} yet: ${plural(preview.report.warnings, 'warning')} to accept first. ${firstProblems(preview, 'warning')}`);
  }
  const skippedText = skipping ? `; ${plural(sk.total, 'row')} with errors ${sk.total === 1 ? 'was' : 'were'} skipped (${rowList(sk.rows.slice(0, 5).map((r) => r.row), sk.total)})` : '';
  if (options.dryRun) {
    return result('checked', `${name} was checked and can be imported: ${plural(preview.counts.valuesToWrite, 'value')} would be written${skipping ? ` and ${plural(sk.total, 'row')} with errors skipped` : ''} (dry run: nothing was written).`, {
      rowsSkipped: skipping ? sk.total : 0,
    });
  }
  if (skipping) {
    // Kept with the dataset: which rows were left out and why (the rows with errors are never written).
    const first = sk.rows[0];
    a.issues.warning(null, null, `${plural(sk.total, 'row')} with errors ${sk.total === 1 ? 'was' : 'were'} skipped (${rowList(sk.rows.slice(0, 20).map((r) => r.row), sk.total)})${first ? `, e.g. ${first.reason}` : ''}`, sk.total);
    a.rowsLeftOut += sk.total;
  }
  throwIfAborted(options.signal);
  backupNow(ctx, 'import'); // a restorable copy first (skipped when nothing changed since the last one); backend/safety
  options.onProgress?.({ phase: 'writing', done: 0, total: preview.counts.valuesToWrite, unit: 'rows', message: `Writing ${fmt(preview.counts.valuesToWrite)} values…` });
  const replace = dup && onDuplicate === 'replace' ? a.duplicateOf.map((d) => d.id) : [];
  let out: WriteOutcome;
  try {
    out = writeAnalysis(ctx.db, a, replace);
  } catch (err) {
    const raced = describeRace(ctx, a.sha256, name, err);
    if (raced) return result('failed', raced);
    return result('failed', `Nothing was imported from ${name}: the database refused the data (${(err as Error).message}).`);
  }
  options.onProgress?.({ phase: 'writing', done: out.valuesWritten, total: out.valuesWritten, unit: 'rows', message: `Wrote ${fmt(out.valuesWritten)} values.` });
  const replaced = out.replaced.length ? ` It replaces dataset ${out.replaced.join(', ')}.` : '';
  return result('imported', `Imported ${name} as dataset ${out.datasetId}: ${plural(out.valuesWritten, 'value')} from ${plural(preview.counts.rowsRead, 'row')}${skippedText}.${replaced}`, {
    datasetId: out.datasetId,
    replacedDatasetIds: out.replaced,
    valuesWritten: out.valuesWritten,
    rowsSkipped: skipping ? sk.total : 0,
  });
}

/**
 * A constraint failure while writing usually means another import (another window, or the command line) wrote the
 * same file, or values for the same indicators, areas and periods, between this one's check and its write. Says so
 * in plain words instead of SQLite's "UNIQUE constraint failed"; null for any other failure.
 */
function describeRace(ctx: ServiceContext, sha256: string, name: string, err: unknown): string | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  const same = ctx.db.prepare("SELECT id, file_name AS fileName FROM dataset WHERE sha256 = ? AND kind = 'user' ORDER BY id DESC LIMIT 1").get(sha256) as
    | { id: number; fileName: string }
    | undefined;
  if (same) {
    return `Nothing was imported from ${name}: the same file was imported at the same moment by another import (another window or the command line), as dataset ${same.id} ('${same.fileName}'). Nothing was changed.`;
  }
  return `Nothing was imported from ${name}: another import stored values for the same indicators, areas and periods at the same moment. Nothing was changed; check the Data tab (lap-insight datasets) and try again.`;
}
