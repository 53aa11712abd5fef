/**
 * Exports of the profile (export.profile): a background job in the backend, polled with jobs.get for its progress
 * until it is done, then saved through the browser's own download (a Blob and an <a download>; in Electron that
 * opens the save dialog). Nothing waits on it: the rest of the window keeps working. Cancel stops the job.
 */
import { create } from 'zustand';
import type { ExportFormatArg, ExportProfileResult } from '../../../shared/contract/export.ts';
import type { JobState } from '../../../shared/contract/data.ts';
import type { PlaceCategoryId } from '../../../shared/places.ts';
import { send } from '../api.ts';
import { announce } from '../shell/statusStore.ts';
import { downloadBytes } from '../shell/download.ts';
import { describeError } from '../errors.ts';
import { areaArg, useProfileStore } from './store.ts';

export const FORMAT_NAMES: Record<ExportFormatArg, string> = { pdf: 'PDF', csv: 'CSV', xlsx: 'Excel', 'map-png': 'map picture', 'places-csv': 'places list' };

/** places-csv only: just these categories (['gp']: a LAP's GP practice list), and what to call the file in messages. */
export interface ExportOptions {
  categories?: PlaceCategoryId[];
  /** e.g. "GP practice list"; defaults to FORMAT_NAMES[format]. */
  label?: string;
  /** pdf only: the full technical version (every indicator, ward breakdowns, methods) instead of the short one. */
  full?: boolean;
}

export interface ExportJob {
  format: ExportFormatArg;
  options: ExportOptions;
  /** What is being made, for messages: "PDF", "places list", "GP practice list". */
  label: string;
  jobId: string | null;
  /** 'starting' until the backend has the job. */
  state: JobState | 'starting';
  done: number;
  total: number | null;
  /** The step, e.g. "Printing PDF". */
  message: string;
  error: string | null;
  fileName: string | null;
  areaName: string;
}

export interface ExportState {
  job: ExportJob | null;
  start(format: ExportFormatArg, options?: ExportOptions): Promise<void>;
  cancel(): Promise<void>;
  dismiss(): void;
}

const POLL_MS = 250;

/** Decodes base64 into bytes (the backend sends files as base64). */
function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let runSeq = 0;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useExportStore = create<ExportState>()((set, get) => ({
  job: null,

  async start(format, options = {}) {
    const { target, benchmark, profile } = useProfileStore.getState();
    if (!target) return;
    const current = get().job;
    if (current && (current.state === 'running' || current.state === 'starting')) return;
    const n = ++runSeq;
    const areaName = profile?.area.name ?? 'this area';
    const label = options.label ?? FORMAT_NAMES[format];
    set({ job: { format, options, label, jobId: null, state: 'starting', done: 0, total: null, message: 'Starting…', error: null, fileName: null, areaName } });
    const update = (patch: Partial<ExportJob>) => {
      const job = get().job;
      if (n === runSeq && job) set({ job: { ...job, ...patch } });
    };
    try {
      const categories = format === 'places-csv' && options.categories?.length ? { categories: options.categories } : {};
      const full = format === 'pdf' && options.full ? { full: true } : {};
      const { jobId } = await send('export.profile', { area: areaArg(target), format, benchmark, ...categories, ...full });
      update({ jobId, state: 'running' });
      for (;;) {
        if (n !== runSeq) return;
        const info = await send('jobs.get', { jobId });
        if (n !== runSeq) return;
        update({ state: info.state, done: info.done, total: info.total, message: info.message });
        if (info.state === 'done') {
          const result = info.result as ExportProfileResult;
          downloadBytes(result.fileName, result.mimeType, bytesOf(result.contentBase64));
          update({ fileName: result.fileName });
          announce(`Saved ${result.fileName}.`);
          return;
        }
        if (info.state === 'failed') {
          update({ error: info.error ?? 'The export did not finish.' });
          announce(`The ${label} could not be made.`, 'error');
          return;
        }
        if (info.state === 'cancelled') {
          announce('Export cancelled.');
          return;
        }
        await wait(POLL_MS);
      }
    } catch (err) {
      update({ state: 'failed', error: describeError(err) });
      announce(`The ${label} could not be made.`, 'error');
    }
  },

  async cancel() {
    const job = get().job;
    if (!job || (job.state !== 'running' && job.state !== 'starting')) return;
    // Stop following the job at once: even if the backend finishes it anyway, nothing is saved.
    runSeq++;
    set({ job: { ...job, state: 'cancelled', message: 'Cancelled' } });
    announce('Export cancelled.');
    if (!job.jobId) return;
    try {
      await send('jobs.cancel', { jobId: job.jobId });
    } catch {
      // The job may have just finished; its file is not saved either way.
    }
  },

  dismiss() {
    const job = get().job;
    if (job && (job.state === 'running' || job.state === 'starting')) return;
    set({ job: null });
  },
}));
