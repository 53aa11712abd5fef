/**
 * Backend handler for 'export.profile' (shared/contract/export.ts): starts a background job (backend/jobs.ts)
 * and returns its id at once, so exporting never blocks the window. The job reports its steps ("Computing profile",
 * "Drawing map", "Printing PDF") and finishes with an ExportProfileResult. The printer is the backend's (Electron's
 * printToPDF in the app, else a system Chromium started on first use).
 */
import type { Handlers } from '../../shared/contract.ts';
import type { ExportProfileResult, exportSchemas } from '../../shared/contract/export.ts';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import type { ServiceContext, Services } from '../context.ts';
import { getLapRow } from '../laps/store.ts';
import type { ReportPrinter } from '../report/printer.ts';
import { exportProfile, type ExportFormat } from '../report/service.ts';

const FORMAT_WORDS: Record<ExportFormat, string> = { pdf: 'PDF', csv: 'CSV', xlsx: 'Excel', 'map-png': 'map picture', 'places-csv': 'places list' };

/** "places list", or "GP practice list" for a places CSV of GP surgeries only. */
function formatWords(format: ExportFormat, categories?: readonly string[]): string {
  return format === 'places-csv' && categories?.length === 1 && categories[0] === 'gp' ? 'GP practice list' : FORMAT_WORDS[format];
}

/** Rejects when the export's job is cancelled, so the job ends at once and the printed bytes (if any) are dropped. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function cancelled(): Error {
  const err = new Error('Cancelled.');
  err.name = 'AbortError';
  return err;
}

/** The printer as seen by one export: a cancel stops waiting for the print (Electron's printToPDF cannot be interrupted). */
export function abortablePrinter(printer: ReportPrinter, signal: AbortSignal): ReportPrinter {
  return {
    name: printer.name,
    pdf: (html, options) => abortable(printer.pdf(html, options), signal),
    png: (html, options) => abortable(printer.png(html, options), signal),
    close: () => printer.close(),
  };
}

function areaLabel(ctx: ServiceContext, area: ProfileAreaArg): string {
  switch (area.kind) {
    case 'lap':
      try {
        return getLapRow(ctx.db, area.id).name;
      } catch {
        return `LAP ${area.id}`;
      }
    case 'ward':
    case 'council':
      return area.code;
    default:
      return `${area.wards.length} wards`;
  }
}

export function createExportHandlers(ctx: Services): Pick<Handlers, keyof typeof exportSchemas> {
  const { jobs } = ctx;
  return {
    'export.profile': async ({ area, format, benchmark, categories, full }) => {
      const label = `${areaLabel(ctx, area)} (${full && format === 'pdf' ? 'full PDF' : formatWords(format, categories)})`;
      const jobId = jobs.start(
        'export',
        label,
        async ({ signal, progress }): Promise<ExportProfileResult> => {
          const file = await exportProfile(ctx.report, () => abortablePrinter(ctx.printer, signal), { area, format, benchmark, ...(categories ? { categories } : {}), ...(full ? { full } : {}) }, {
            signal,
            progress: (step, done, total) => progress(done, total, step),
          });
          return {
            fileName: file.fileName,
            mimeType: file.mimeType,
            contentBase64: file.data.toString('base64'),
            ...(file.pages !== undefined ? { pages: file.pages } : {}),
            bytes: file.data.length,
          };
        },
        'items',
      );
      return { jobId };
    },
  };
}
