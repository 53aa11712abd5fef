#!/usr/bin/env node
/**
 * Bundles the Electron main process and preload with esbuild:
 *   electron/main/main.ts       -> dist-electron/main.cjs     (Node/CommonJS; electron and better-sqlite3 stay external)
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

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: [path.join(root, 'electron/main/main.ts')],
    outfile: path.join(outdir, 'main.cjs'),
    platform: 'node',
    target: 'node20',
    // better-sqlite3 loads a native .node file, so it is required from node_modules at run time.
    external: ['electron', 'better-sqlite3'],
    // Shared ESM code may use import.meta; in the CommonJS bundle it points at main.cjs itself.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      'import.meta.url': '__import_meta_url',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
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
    for (const name of ['main.cjs', 'main.cjs.map', 'preload.cjs', 'preload.cjs.map']) rmSync(path.join(outdir, name), { force: true });
    await Promise.all(targets.map((options) => build(options)));
    console.log(`build-electron: wrote ${path.relative(root, path.join(outdir, 'main.cjs'))} and ${path.relative(root, path.join(outdir, 'preload.cjs'))}`);
  }
} catch (err) {
  // esbuild has already printed the errors.
  if (!(err && typeof err === 'object' && 'errors' in err)) console.error(err);
  process.exitCode = 1;
}
