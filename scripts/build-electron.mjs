#!/usr/bin/env node
/**
 * Bundles the Electron main process and preload with esbuild:
 *   electron/main/main.ts       -> dist-electron/main.cjs     (Node/CommonJS; electron stays external; main never
 *                                                              loads better-sqlite3: the backend runs in its own process)
 *   backend/split/entry.ts -> dist-electron/backend.cjs (the backend's utilityProcess; better-sqlite3 external)
 *   backend/split/import-worker.ts -> dist-electron/import-worker.cjs (its import worker thread)
 *   electron/preload/preload.ts -> dist-electron/preload.cjs  (one self-contained file: a sandboxed preload can
 *                                                              require nothing but 'electron')
 * Usage: node scripts/build-electron.mjs [--watch] [--outdir DIR]   (--outdir: tests build somewhere else)
 */
import { build, context } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = outdirArg >= 0 && args[outdirArg + 1] ? path.resolve(args[outdirArg + 1]) : path.join(root, 'dist-electron');
const watch = args.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Node/CommonJS bundles: shared ESM code may use import.meta; in the bundle it points at the .cjs file itself. */
const nodeBundle = {
  ...common,
  platform: 'node',
  target: 'node20',
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: {
    'import.meta.url': '__import_meta_url',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...nodeBundle,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(outdir, 'main.cjs'),
    // better-sqlite3 stays external so that a stray import would show in the bundle test (main must not load it).
    external: ['electron', 'better-sqlite3'],
  },
  {
    ...nodeBundle,
    entryPoints: [path.join(root, 'backend/split/entry.ts')],
    outfile: path.join(outdir, 'backend.cjs'),
    // better-sqlite3 loads a native .node file, so it is required from node_modules at run time.
    external: ['electron', 'better-sqlite3'],
  },
  {
    ...nodeBundle,
    entryPoints: [path.join(root, 'backend/split/import-worker.ts')],
    outfile: path.join(outdir, 'import-worker.cjs'),
    external: ['electron', 'better-sqlite3'],
  },
  {
    ...common,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    // Sandboxed preload: browser-like, no Node built-ins. Anything that needs one fails to bundle here.
    platform: 'browser',
    target: 'chrome130',
    external: ['electron'],
    // It is parsed on every page load: it checks names against shared/channels.ts (a plain list), never zod.
    minify: true,
  },
];

try {
  if (watch) {
    for (const options of targets) await (await context(options)).watch();
    console.log('build-electron: watching electron/ for changes…');
  } else {
    // Only our own outputs: --outdir may point anywhere.
    for (const name of ['main.cjs', 'main.cjs.map', 'backend.cjs', 'backend.cjs.map', 'import-worker.cjs', 'import-worker.cjs.map', 'preload.cjs', 'preload.cjs.map']) rmSync(path.join(outdir, name), { force: true });
    await Promise.all(targets.map((options) => build(options)));
    const wrote = ['main.cjs', 'backend.cjs', 'import-worker.cjs', 'preload.cjs'].map((f) => path.relative(root, path.join(outdir, f)));
    console.log(`build-electron: wrote ${wrote.join(', ')}`);
  }
} catch (err) {
  // esbuild has already printed the errors.
  if (!(err && typeof err === 'object' && 'errors' in err)) console.error(err);
  process.exitCode = 1;
}
