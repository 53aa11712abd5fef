// Child process for killed-process.test.ts: opens the backend on argv[2], then changes something and backs up,
// over and over, until it is killed. Prints "ready" on stderr once the loop starts.
import { register } from 'tsx/esm/api';

register();
const { createBackend } = await import('../../../backend/backend.ts');
const { backupNow } = await import('../../../backend/safety/backups.ts');

const backend = createBackend({ dbPath: process.argv[2], transport: 'test', onNotice: () => {} });
process.stderr.write('ready\n');
// Never outlive the test: stop after a minute, or as soon as the parent is gone.
const parent = process.ppid;
const end = Date.now() + 60_000;
for (let i = 0; Date.now() < end && process.ppid === parent; i++) {
  backend.db.prepare('UPDATE lap SET notes = ?').run(`loop ${i}`);
  backupNow(backend.ctx, 'manual', { now: () => new Date(Date.now() + i) });
}
