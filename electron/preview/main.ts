/**
 * `npm run preview`: the real app in a browser, without Electron. Builds nothing itself (the npm script builds
 * the renderer first); opens the backend on the usual database and serves it on 127.0.0.1. As in the app, the
 * backend runs in its own process (electron/services/split/node.ts), so a big import never holds up the server.
 *
 *   npm run preview [-- --db PATH] [--port N]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot, defaultDbPath } from '../services/paths.ts';
import { forkBackend } from '../services/split/node.ts';
import { startPreviewServer } from './server.ts';

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dbPath = opt('--db') ?? process.env.LAP_INSIGHT_DB ?? defaultDbPath(path.join(os.homedir(), '.lap-insight'));
  const staticDir = path.join(appRoot(), 'dist', 'renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}). Run: npm run preview`);
    process.exit(1);
  }
  const backend = forkBackend({ dbPath, transport: 'preview', printer: 'local' }, { log: (_level, message) => console.error(message) });
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
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`lap-insight preview: ${(err as Error).message}`);
  process.exit(1);
});
