/**
 * A worker thread of the backend process that runs one import (parse, check, write in one transaction) on its own
 * connection to the same database (WAL: the backend's request loop keeps reading meanwhile, as it does while a CLI
 * import runs). The backend's request loop stays free to answer the window: progress and the result come back as
 * messages, a cancel goes in as one. Started by worker-imports.ts; bundled to dist-electron/import-worker.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db.ts';
import { request } from '../data/handlers.ts';
import { runImport } from '../data/import.ts';
import type { ImportJobData, ImportWorkerMessage } from './worker-imports.ts';

const data = workerData as ImportJobData;
const port = parentPort!;
const post = (m: ImportWorkerMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: unknown) => {
  if ((m as { t?: unknown } | null)?.t === 'cancel') controller.abort();
});

async function main(): Promise<void> {
  const db = openDatabase(data.dbPath, { ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}), migrate: false });
  try {
    const result = await runImport({ db, assetsDir: data.assetsDir }, request(data.args, data.bytes), {
      onDuplicate: data.args.onDuplicate,
      acceptWarnings: data.args.acceptWarnings,
      signal: controller.signal,
      onProgress: (p) => post({ t: 'progress', done: p.done, total: p.total, message: p.message, unit: p.unit }),
    });
    post({ t: 'done', result });
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  const e = err instanceof Error ? err : new Error(String(err));
  post({ t: 'error', name: e.name, message: e.message });
});
