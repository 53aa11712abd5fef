/** Backend handlers for the data verbs in shared/contract/data.ts. */
import { AppError, type Handlers } from '../../shared/contract.ts';
import { MAX_IMPORT_BYTES, type dataSchemas } from '../../shared/contract/data.ts';
import type { Services } from '../context.ts';
import { JobFailure } from '../jobs.ts';
import { bufferSource } from '../io/csv.ts';
import { previewImport, runImport, type ImportRequest } from './import.ts';
import { fmt } from '../io/numbers.ts';
import { deleteDataset, listDatasets, listIndicators } from './store.ts';

/** Refuses a file over MAX_IMPORT_BYTES (decoded size) with the message that names the CLI command. */
export function checkImportSize(fileName: string, bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new AppError('invalid-input', `${fileName} is too large to send to the app (${fmt(Math.round(bytes / 1e6))} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB). Use the command line instead: lap-insight import FILE`);
  }
}

function decode(fileName: string, contentBase64: string): Buffer {
  const bytes = Buffer.from(contentBase64, 'base64');
  checkImportSize(fileName, bytes.length);
  return bytes;
}

type ImportArgs = { fileName: string; contentBase64?: string; fileId?: string; format?: ImportRequest['format']; mapping?: ImportRequest['mapping']; encoding?: ImportRequest['encoding']; delimiter?: ImportRequest['delimiter'] };

/**
 * The import request for the importer, from the verb's arguments: the file's bytes when given (a staged file, looked
 * up by the caller), else the base64 content decoded once.
 */
export function request(args: ImportArgs, staged?: Uint8Array): ImportRequest {
  const bytes = staged ?? decode(args.fileName, args.contentBase64 ?? '');
  return {
    source: bufferSource(args.fileName, bytes),
    ...(args.format ? { format: args.format } : {}),
    ...(args.mapping ? { mapping: args.mapping } : {}),
    ...(args.encoding ? { encoding: args.encoding } : {}),
    ...(args.delimiter ? { delimiter: args.delimiter } : {}),
  };
}

export function createDataHandlers(ctx: Services): Pick<Handlers, keyof typeof dataSchemas> {
  const { jobs, staged } = ctx;
  return {
    'indicators.list': async ({ ambition, query }) => listIndicators(ctx.db, { ...(ambition ? { ambition } : {}), ...(query ? { query } : {}) }),
    'datasets.list': async () => listDatasets(ctx.db),
    'datasets.delete': async ({ id }) => deleteDataset(ctx.db, id),
    'files.stage': async ({ fileName, contentBase64 }) => staged.put(fileName, decode(fileName, contentBase64)),
    'import.preview': async (args) => previewImport(ctx, request(args, args.fileId ? staged.get(args.fileId) : undefined)),
    'import.start': async (args) => {
      const req = request(args, args.fileId ? staged.get(args.fileId) : undefined);
      const jobId = jobs.start('import', args.fileName, async ({ signal, progress }) => {
        const result = await runImport(ctx, req, {
          onDuplicate: args.onDuplicate,
          acceptWarnings: args.acceptWarnings,
          skipBadRows: args.skipBadRows,
          signal,
          onProgress: (p) => progress(p.done, p.total, p.message, p.unit),
        });
        if (result.status === 'failed') throw new JobFailure(result.message, result);
        return result;
      });
      return { jobId };
    },
    'jobs.get': async ({ jobId }) => jobs.get(jobId),
    'jobs.cancel': async ({ jobId }) => jobs.cancel(jobId),
  };
}
