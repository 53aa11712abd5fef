/**
 * Imports on a worker thread of the backend process (import-worker.ts), so the request loop that answers the
 * window never waits for a million rows to be parsed, checked and written. The job is the same background job
 * as before (jobs.ts: progress by jobs.get, jobs.cancel stops it); only where its work runs changes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Handlers, ParsedArgs } from '../../shared/contract.ts';
import type { ImportResult, JobInfo } from '../../shared/contract/data.ts';
import type { Services } from '../context.ts';
import { checkImportSize } from '../data/handlers.ts';
import { JobFailure } from '../jobs.ts';

export interface ImportJobData {
  dbPath: string;
  nativeBinding?: string;
  assetsDir: string;
  args: ParsedArgs<'import.start'>;
  /** The file, when it was staged ('files.stage'); else the worker decodes args.contentBase64. */
  bytes?: Uint8Array;
}

export type ImportWorkerMessage =
  | { t: 'progress'; done: number; total: number | null; message: string; unit: JobInfo['unit'] }
  | { t: 'done'; result: ImportResult }
  | { t: 'error'; name: string; message: string };

const here = typeof __dirname !== 'undefined' ? __dirname : path.dirname(fileURLToPath(import.meta.url));

/**
 * The worker: the bundle beside backend.cjs (dist-electron/import-worker.cjs), or under tsx (preview, tests) the
 * TypeScript source, loaded through tsx's ESM hooks (a worker does not inherit the process's --import).
 */
export function startImportWorker(workerData: ImportJobData): Worker {
  const source = path.join(here, 'import-worker.ts');
  if (!existsSync(source)) return new Worker(path.join(here, 'import-worker.cjs'), { workerData });
  // tsx's ESM API by absolute URL: an eval'd worker resolves bare names from the working folder, which may be anywhere.
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** Decoded size of a base64 string, without decoding it. */
export function base64Bytes(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

/** An 'import.start' handler whose job runs on a worker thread with its own connection to `dbPath`. */
export function workerImportHandler(ctx: Services, dbPath: string, nativeBinding?: string): Handlers['import.start'] {
  return async (args) => {
    const staged = args.fileId ? ctx.staged.get(args.fileId) : undefined;
    checkImportSize(args.fileName, staged ? staged.length : base64Bytes(args.contentBase64 ?? ''));
    const data: ImportJobData = { dbPath, assetsDir: ctx.assetsDir, args, ...(staged ? { bytes: staged } : {}), ...(nativeBinding ? { nativeBinding } : {}) };
    const jobId = ctx.jobs.start(
      'import',
      args.fileName,
      ({ signal, progress }) =>
        new Promise<ImportResult>((resolve, reject) => {
          const worker = startImportWorker(data);
          let settled = false;
          const onAbort = () => worker.postMessage({ t: 'cancel' });
          signal.addEventListener('abort', onAbort, { once: true });
          const settle = (fn: () => void) => {
            if (settled) return;
            settled = true;
            signal.removeEventListener('abort', onAbort);
            fn();
          };
          worker.on('message', (m: ImportWorkerMessage) => {
            if (m.t === 'progress') progress(m.done, m.total, m.message, m.unit);
            else if (m.t === 'done') settle(() => (m.result.status === 'failed' ? reject(new JobFailure(m.result.message, m.result)) : resolve(m.result)));
            else settle(() => reject(Object.assign(new Error(m.message), { name: m.name })));
          });
          worker.on('error', (err) => settle(() => reject(err)));
          worker.on('exit', (code) => settle(() => reject(new Error(`The import stopped unexpectedly (exit code ${code}).`))));
        }),
    );
    return { jobId };
  };
}
