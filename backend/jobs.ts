/**
 * Background jobs: long work (imports now, PDF exports later) that the UI follows by polling `jobs.get`
 * and can stop with `jobs.cancel`, over IPC and the preview transport alike.
 *
 * A job is an async function given an AbortSignal and a progress callback. Its state is kept in memory
 * (jobs do not survive a restart); finished jobs are forgotten after an hour, or when more than
 * MAX_FINISHED have finished since.
 *
 *   const id = services.jobs.start('import', 'data.csv', async ({ signal, progress }) => { ...; return result; });
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/contract.ts';
import type { JobInfo, JobState } from '../shared/contract/data.ts';

export interface JobControl {
  signal: AbortSignal;
  /** Reports progress; `total` null while unknown; `unit` when it changes (e.g. bytes read, then rows written). */
  progress(done: number, total: number | null, message?: string, unit?: JobInfo['unit']): void;
}

/** Thrown by a job to fail with a result attached (e.g. an import refused because of errors in the file). */
export class JobFailure<R> extends Error {
  constructor(
    message: string,
    readonly result: R,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

interface Job {
  info: JobInfo;
  controller: AbortController;
  finished?: number;
}

const MAX_FINISHED = 50;
const KEEP_MS = 60 * 60 * 1000;

function isCancel(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof Error && (err.name === 'AbortError' || err.name === 'ImportCancelled'));
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start<R>(kind: string, label: string, run: (control: JobControl) => Promise<R>, unit: JobInfo['unit'] = 'bytes'): string {
    this.prune();
    const id = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = {
      id,
      kind,
      label,
      state: 'running',
      done: 0,
      total: null,
      unit,
      message: 'Starting…',
      startedAt: new Date().toISOString(),
      finishedAt: null,
    };
    const job: Job = { info, controller };
    this.jobs.set(id, job);
    const control: JobControl = {
      signal: controller.signal,
      progress: (done, total, message, unit) => {
        if (info.state !== 'running') return;
        info.done = done;
        info.total = total;
        if (message !== undefined) info.message = message;
        if (unit !== undefined) info.unit = unit;
      },
    };
    const finish = (state: JobState, message: string, extra: Partial<JobInfo> = {}) => {
      Object.assign(info, { state, message, finishedAt: new Date().toISOString() }, extra);
      job.finished = Date.now();
    };
    // Start on the next turn so that start() returns the id before any work (or failure) happens.
    setImmediate(() => {
      run(control).then(
        (result) => {
          if (controller.signal.aborted && info.state === 'running') {
            // Finished although a cancel arrived during the final (uninterruptible) step: report what happened.
            finish('done', 'Finished before the cancel could take effect.', { result });
          } else finish('done', 'Finished.', { result });
        },
        (err: unknown) => {
          if (err instanceof JobFailure) finish('failed', err.message, { error: err.message, result: err.result });
          else if (isCancel(err, controller.signal)) finish('cancelled', 'Cancelled. Nothing was changed.');
          else {
            const message = err instanceof Error ? err.message : String(err);
            finish('failed', message, { error: message });
          }
        },
      );
    });
    return id;
  }

  get(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not-found', `There is no job ${id} (finished jobs are forgotten after an hour).`);
    return { ...job.info };
  }

  /** Asks a running job to stop. A job that has finished is returned unchanged. */
  cancel(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not-found', `There is no job ${id} (finished jobs are forgotten after an hour).`);
    if (job.info.state === 'running') {
      job.controller.abort();
      job.info.message = 'Cancelling…';
    }
    return { ...job.info };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info }));
  }

  /** Resolves when the job has finished (tests, the CLI). */
  async wait(id: string, pollMs = 10): Promise<JobInfo> {
    for (;;) {
      const info = this.get(id);
      if (info.state !== 'running') return info;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.entries()].filter(([, j]) => j.finished !== undefined).sort((a, b) => a[1].finished! - b[1].finished!);
    finished.forEach(([id, j], i) => {
      if (now - j.finished! > KEEP_MS || finished.length - i > MAX_FINISHED) this.jobs.delete(id);
    });
  }
}
