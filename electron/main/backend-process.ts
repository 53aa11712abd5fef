/**
 * The backend in an Electron utilityProcess (dist-electron/backend.cjs, from backend/split/entry.ts): main
 * never opens the database or loads better-sqlite3, so a big import, a dissolve or a report never blocks the
 * window, the menus or the IPC replies. The relay itself (split/client.ts) is the one the preview server and the
 * tests run under Node; only the carrier (utilityProcess and its parentPort) is Electron's.
 */
import path from 'node:path';
import { utilityProcess } from 'electron';
import { connectBackend, type ConnectOptions, type RemoteBackend } from '../../backend/split/client.ts';
import { fromPostMessage } from '../../backend/split/endpoint.ts';
import type { BackendMessage, HostMessage, SplitBackendOptions } from '../../backend/split/messages.ts';

/** The bundled backend entry beside main.cjs. */
export function backendEntryPath(mainDir: string): string {
  return path.join(mainDir, 'backend.cjs');
}

export interface BackendProcess {
  remote: RemoteBackend;
  pid: number | undefined;
  /** Asks the backend to close the database and leave; kills it if it has not left after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartBackendOptions extends ConnectOptions {
  mainDir: string;
  options: SplitBackendOptions;
  /** The process left without being asked (a crash): `code` is its exit code. */
  onUnexpectedExit?: (code: number) => void;
}

export function startBackendProcess(start: StartBackendOptions): BackendProcess {
  const child = utilityProcess.fork(backendEntryPath(start.mainDir), [], { serviceName: 'LAP Insight data service', stdio: 'inherit' });
  const remote = connectBackend(fromPostMessage<BackendMessage, HostMessage>(child), start.options, start);
  let stopping = false;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code: number) => {
      exited = true;
      remote.lost(stopping ? 'the data service has closed.' : `the data service stopped (exit ${code}).`);
      if (!stopping) start.onUnexpectedExit?.(code);
      resolve();
    }),
  );
  return {
    remote,
    get pid() {
      return child.pid;
    },
    async stop(graceMs = 3_000) {
      if (exited) return;
      stopping = true;
      remote.stop();
      const timer = setTimeout(() => child.kill(), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
