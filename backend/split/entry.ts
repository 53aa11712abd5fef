/**
 * The backend process: Electron starts it with utilityProcess.fork (bundled to dist-electron/backend.cjs), Node with
 * child_process.fork (node.ts: the preview server, the tests, the benchmark). It serves the contract over the
 * channel to its parent until told to stop. Its uncaught errors are sent to the parent's log and printed on stderr.
 */
import { describeError } from '../logfile.ts';
import { fromElectronPort, fromParentProcess, type Endpoint } from './endpoint.ts';
import type { BackendMessage, HostMessage } from './messages.ts';
import { serveBackend } from './serve.ts';

type ElectronParentPort = Parameters<typeof fromElectronPort>[0];
const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;

function endpoint(): Endpoint<HostMessage, BackendMessage> | null {
  if (parentPort) return fromElectronPort(parentPort);
  if (typeof process.send === 'function') return fromParentProcess();
  return null;
}

const port = endpoint();
if (!port) {
  console.error('The LAP Insight backend process must be started by the app (no channel to its parent).');
  process.exit(2);
}

process.on('unhandledRejection', (reason) => {
  const message = `Backend: unhandled promise rejection: ${describeError(reason)}`;
  console.error(message);
  port.post({ t: 'log', level: 'error', message });
});
process.on('uncaughtException', (err) => {
  const message = `Backend: uncaught exception (the backend stops; the app restarts it): ${describeError(err)}`;
  console.error(message);
  port.post({ t: 'log', level: 'error', message });
  // The process state is unknown after an uncaught exception: leave (the parent sees the exit and restarts it).
  setTimeout(() => process.exit(70), 50);
});

// Without a 'stop' the process stays as long as its channel is open; with one it closes the database and leaves.
serveBackend(port, { onStopped: () => setTimeout(() => process.exit(0), 10) });
// The parent went away without a 'stop' (it crashed): close nothing, leave (SQLite's WAL keeps the file consistent).
process.on('disconnect', () => process.exit(0));
