/** The contract verbs over the dispatcher: preview, background import jobs with progress, cancel, limits. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dispatch } from '../../backend/dispatch.ts';
import { JobRegistry } from '../../backend/jobs.ts';
import { bufferSource } from '../../backend/io/csv.ts';
import { runImport } from '../../backend/data/import.ts';
import { MAX_CONTENT_BASE64, type ImportPreview, type ImportResult, type JobInfo } from '../../shared/contract/data.ts';
import { checksum, fileBytes, fixture, freshBackend, TIDY_HEADER } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

const b64 = (file: string) => readFileSync(fixture(file)).toString('base64');

async function send<T>(channel: string, args: unknown): Promise<T> {
  const reply = await dispatch(env.backend.handlers, channel, args);
  if (!reply.ok) throw new Error(`${reply.error.kind}: ${reply.error.message}`);
  return reply.value as T;
}

async function waitJob(jobId: string): Promise<JobInfo> {
  for (let i = 0; i < 2000; i++) {
    const j = await send<JobInfo>('jobs.get', { jobId });
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('job did not finish');
}

/** A synthetic tidy file with n ward rows (numbers invented). */
function bigFile(n: number): Buffer {
  const wards = Array.from({ length: 57 }, (_, i) => `E050${13213 + i}`);
  const lines = [TIDY_HEADER];
  for (let i = 0; i < n; i++) {
    const w = wards[i % 57]!;
    const ind = Math.floor(i / 57 / 10);
    const period = 2000 + (Math.floor(i / 57) % 10);
    lines.push(`${w},W,ward,synthetic_big_${ind},Synthetic (test data),${period},,${i % 90},100,,,count`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('import.preview', () => {
  it('reports format, encoding, delimiter, first rows, column roles, indicators and counts; writes nothing', async () => {
    const before = checksum(env.backend.db);
    const p = await send<ImportPreview>('import.preview', { fileName: 'tidy-wards.csv', contentBase64: b64('tidy-wards.csv') });
    expect(p).toMatchObject({ format: 'tidy', formatSource: 'detected', encoding: 'utf-8', delimiter: ',', canImport: true, duplicateOf: null });
    expect(p.header.slice(0, 4)).toEqual(['area_code', 'area_name', 'area_type', 'indicator_id']);
    expect(p.firstRows).toHaveLength(7);
    expect(p.columns.find((c) => c.column === 'denominator')?.role).toBe('denominator');
    expect(p.counts).toEqual({ rowsRead: 7, rowsLeftOut: 0, rowsMissing: 0, valuesToWrite: 7, valuesBuilt: 0, indicators: 2, areas: 5, periods: 1 });
    expect(p.indicators.map((i) => [i.id, i.valueType, i.wards, i.isNew])).toEqual([
      ['synthetic_smokers', 'proportion', 'given', true],
      ['synthetic_score', 'mean-score', 'given', true],
    ]);
    expect(p.summary).toBe('Tidy file (UTF-8, comma-separated): 7 rows for 2 indicators and 5 areas. 0 errors, 0 warnings.');
    expect(checksum(env.backend.db)).toBe(before);
  });

  it('can be told the format', async () => {
    const p = await send<ImportPreview>('import.preview', { fileName: 'x.csv', contentBase64: b64('tidy-wards.csv'), format: 'fingertips' });
    expect(p.formatSource).toBe('chosen');
    expect(p.canImport).toBe(false);
    expect(p.report.issues[0]!.message).toBe('row 1: a Fingertips download has a column "Indicator ID", and this file has none');
  });

  it('refuses oversized content with a clear message, and bad arguments', async () => {
    const huge = 'A'.repeat(MAX_CONTENT_BASE64 + 4);
    const reply = await dispatch(env.backend.handlers, 'import.preview', { fileName: 'huge.csv', contentBase64: huge });
    expect(reply).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        channel: 'import.preview',
        message: 'The file is too large to send to the app (the limit is 150 MB); use the command line instead: lap-insight import FILE.',
        issues: [{ path: ['contentBase64'], message: 'the file is too large to send to the app (the limit is 150 MB); use the command line instead: lap-insight import FILE' }],
      },
    });
    expect(await dispatch(env.backend.handlers, 'import.preview', { fileName: '../etc/passwd', contentBase64: '' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'Give the file name without folders.', issues: [{ path: ['fileName'] }] },
    });
    expect(await dispatch(env.backend.handlers, 'import.start', { fileName: 'a.csv', contentBase64: 'not base64!' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });
});

describe('import.start and jobs', () => {
  it('runs as a job that reports progress and finishes with the result', async () => {
    const { jobId } = await send<{ jobId: string }>('import.start', { fileName: 'tidy-wards.csv', contentBase64: b64('tidy-wards.csv') });
    expect(typeof jobId).toBe('string');
    const j = await waitJob(jobId);
    expect(j).toMatchObject({ state: 'done', kind: 'import', label: 'tidy-wards.csv', message: 'Finished.' });
    const r = j.result as ImportResult;
    expect(r.status).toBe('imported');
    expect(r.valuesWritten).toBe(7);
    const ds = await send<{ id: number }[]>('datasets.list', {});
    expect(ds.some((d) => d.id === r.datasetId)).toBe(true);
  });

  it('a file with errors fails the job with the first problems, and the report attached', async () => {
    const before = checksum(env.backend.db);
    const { jobId } = await send<{ jobId: string }>('import.start', { fileName: 'not-a-number.csv', contentBase64: b64('not-a-number.csv') });
    const j = await waitJob(jobId);
    expect(j.state).toBe('failed');
    expect(j.error).toBe("Nothing was imported from not-a-number.csv: 1 problem must be fixed first. row 3, column 'denominator': 'abc' is not a number; or import the 1 good row and skip the 1 row with errors (in the app: \"Import the good rows\"; command line: --skip-bad-rows).");
    expect((j.result as ImportResult).preview.report.issues[0]).toMatchObject({ file: 'not-a-number.csv', row: 3, column: 'denominator' });
    expect(checksum(env.backend.db)).toBe(before);
  });

  it('warnings must be accepted', async () => {
    const refused = await waitJob((await send<{ jobId: string }>('import.start', { fileName: 'tidy-messy.csv', contentBase64: b64('tidy-messy.csv') })).jobId);
    expect(refused.state).toBe('failed');
    expect(refused.error).toMatch(/1 warning to accept first/);
    const accepted = await waitJob((await send<{ jobId: string }>('import.start', { fileName: 'tidy-messy.csv', contentBase64: b64('tidy-messy.csv'), acceptWarnings: true })).jobId);
    expect(accepted.state).toBe('done');
  });

  it('a cancelled import (jobs.cancel mid-way) leaves the database unchanged', async () => {
    const db = env.backend.db;
    const before = checksum(db);
    const bytesBefore = fileBytes(db, env.dbPath);
    const content = bigFile(120_000).toString('base64'); // ~8 MB: read in several chunks
    const { jobId } = await send<{ jobId: string }>('import.start', { fileName: 'big.csv', contentBase64: content });
    // Wait until it is reading, then cancel.
    let seen: JobInfo | undefined;
    for (let i = 0; i < 1000; i++) {
      seen = await send<JobInfo>('jobs.get', { jobId });
      if (seen.done > 0 || seen.state !== 'running') break;
      await new Promise((r) => setImmediate(r));
    }
    expect(seen!.state).toBe('running');
    expect(seen!.total).toBeGreaterThan(0);
    const c = await send<JobInfo>('jobs.cancel', { jobId });
    expect(c.message).toBe('Cancelling…');
    const j = await waitJob(jobId);
    expect(j).toMatchObject({ state: 'cancelled', message: 'Cancelled. Nothing was changed.' });
    expect(checksum(db)).toBe(before);
    expect(fileBytes(db, env.dbPath)).toBe(bytesBefore);
  });

  it('an AbortSignal stops runImport mid-way with nothing written', async () => {
    const db = env.backend.db;
    const before = checksum(db);
    const controller = new AbortController();
    let progressEvents = 0;
    const p = runImport(
      env.backend.ctx,
      { source: bufferSource('big.csv', bigFile(60_000)) },
      {
        signal: controller.signal,
        onProgress: (e) => {
          progressEvents++;
          if (e.phase === 'reading') controller.abort();
        },
      },
    );
    await expect(p).rejects.toThrow('The import was cancelled. Nothing was changed.');
    expect(progressEvents).toBeGreaterThan(0);
    expect(checksum(db)).toBe(before);
  });

  it('unknown jobs are not found', async () => {
    expect(await dispatch(env.backend.handlers, 'jobs.get', { jobId: 'nope' })).toEqual({
      ok: false,
      error: { kind: 'not-found', channel: 'jobs.get', message: 'There is no job nope (finished jobs are forgotten after an hour).' },
    });
  });

  it('the registry is generic: any async work, with progress and cancel', async () => {
    const reg = new JobRegistry();
    const id = reg.start(
      'pdf-export',
      'N4 profile',
      async ({ signal, progress }) => {
        for (let i = 1; i <= 3; i++) {
          progress(i, 3, `page ${i}`);
          await new Promise((r) => setTimeout(r, 1));
          if (signal.aborted) throw new DOMException('stop', 'AbortError');
        }
        return { pages: 3 };
      },
      'items',
    );
    const done = await reg.wait(id);
    expect(done).toMatchObject({ state: 'done', done: 3, total: 3, unit: 'items', result: { pages: 3 } });
    // The backend's one registry is the one its verbs read.
    const mine = env.backend.ctx.jobs.start('pdf-export', 'N4 profile', async () => ({ pages: 1 }), 'items');
    await env.backend.ctx.jobs.wait(mine);
    expect(await dispatch(env.backend.handlers, 'jobs.get', { jobId: mine })).toMatchObject({ ok: true, value: { state: 'done', label: 'N4 profile' } });
  });
});
