/**
 * `npm run preview`: the real app in a browser, without Electron. Builds nothing itself (the npm script builds
 * the renderer first); opens the backend on the usual database and serves it on 127.0.0.1. As in the app, the
 * backend runs in its own process (backend/split/node.ts), so a big import never holds up the server.
 *
 *   npm run preview [-- --db PATH] [--port N]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppNotice } from '../../shared/contract.ts';
import { adoptLegacyDatabase, resolveDbPathWithSource } from '../db-path.ts';
import { appRoot } from '../paths.ts';
import { forkBackend } from '../split/node.ts';
import { startPreviewServer } from './server.ts';

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { path: dbPath, source } = resolveDbPathWithSource(args, process.env);
  const notices: AppNotice[] = [];
  const copied = source === 'default' ? adoptLegacyDatabase(dbPath) : null;
  if (copied) notices.push({ level: 'info', code: 'copied-legacy-database', message: copied, at: new Date().toISOString() });
  const staticDir = path.join(appRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}). Run: npm run preview`);
    process.exit(1);
  }
  const backend = forkBackend({ dbPath, transport: 'preview', printer: 'local', notices }, { log: (_level, message) => console.error(message) });
  for (const n of await backend.ready) console.error(`LAP Insight: ${n.message}`);
  const port = opt('--port') ? Number(opt('--port')) : 0;
  const server = await startPreviewServer({ handlers: backend.handlers, staticDir, port });
  console.log(`LAP Insight preview (database: ${dbPath})`);
  console.log(`Open ${server.openUrl}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  const onSignal = () => void stop().catch((err: unknown) => {
    console.error(`lap-insight preview: ${(err as Error).message}`);
    process.exit(1);
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err) => {
  console.error(`lap-insight preview: ${(err as Error).message}`);
  process.exit(1);
});
