/**
 * The split under plain Node: the backend runs in a child process (child_process.fork, structured-clone channel),
 * exactly as under Electron's utilityProcess, for the preview server, the tests and the benchmark.
 *
 *   const backend = forkBackend({ dbPath, transport: 'preview', printer: 'local' });
 *   await backend.ready;
 *   await backend.call('app.info', {});
 *   await backend.close();
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connectBackend, type ConnectOptions, type RemoteBackend } from './client.ts';
import { fromChildProcess } from './endpoint.ts';
import type { BackendMessage, HostMessage, SplitBackendOptions } from './messages.ts';

export interface ForkedBackend extends RemoteBackend {
  child: ChildProcess;
  /** Stops the backend (it closes the database) and waits for the process to leave. */
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The entry to fork and the Node flags it needs: the TypeScript source through tsx, or a bundled backend.cjs. */
export function backendEntry(): { file: string; execArgv: string[] } {
  const source = path.join(here, 'entry.ts');
  if (existsSync(source)) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return { file: source, execArgv: ['--import', tsx] };
  }
  return { file: path.join(here, 'backend.cjs'), execArgv: [] };
}

export function forkBackend(options: SplitBackendOptions, connect: ConnectOptions = {}): ForkedBackend {
  const entry = backendEntry();
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: process.env,
  });
  const remote = connectBackend(fromChildProcess<BackendMessage, HostMessage>(child), options, connect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => remote.lost(`the data service stopped (${signal ?? `exit ${code}`}).`));
  child.once('error', (err) => remote.lost(`the data service could not start: ${err.message}`));
  return Object.assign(remote, {
    child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        remote.stop();
        const timer = setTimeout(() => child.kill(), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  });
}
