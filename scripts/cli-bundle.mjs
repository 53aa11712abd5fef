#!/usr/bin/env node
/**
 * The `lap-insight` CLI as one esbuild bundle: dist-cli/lap-insight.cjs (CommonJS, minified, better-sqlite3 and the
 * modules loaded on demand stay in node_modules). Running the TypeScript through tsx costs about 2 s of CPU on every
 * start; the bundle loads in about a tenth of that.
 *
 * Never stale: beside the bundle, dist-cli/lap-insight.inputs.json lists every file esbuild read (our sources, the
 * bundled packages, this script) with its size and modification time. bin/lap-insight.mjs calls ensureCliBundle(),
 * which stats those files (a few milliseconds) and rebuilds when any changed or went missing. `npm install` builds it
 * in the prepare step, so the first run does not have to.
 *
 * Usage: node scripts/cli-bundle.mjs [--force] [--outdir DIR]
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUTDIR = path.join(root, 'dist-cli');
const BUNDLE = 'lap-insight.cjs';
const INPUTS = 'lap-insight.inputs.json';
const SELF = fileURLToPath(import.meta.url);

function fingerprint(file) {
  try {
    const s = statSync(file);
    return `${s.size}:${Math.round(s.mtimeMs)}`;
  } catch {
    return 'missing';
  }
}

/** True when the bundle exists and no file it was built from has changed since. */
export function cliBundleFresh(outdir = DEFAULT_OUTDIR) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(outdir, INPUTS), 'utf8'));
    statSync(path.join(outdir, BUNDLE));
  } catch {
    return false;
  }
  if (!manifest || manifest.root !== root || typeof manifest.inputs !== 'object') return false;
  for (const [rel, print] of Object.entries(manifest.inputs)) {
    if (fingerprint(path.resolve(root, rel)) !== print) return false;
  }
  return true;
}

/** Builds the bundle (to a temporary name, then renamed: a concurrent run never sees half a file). */
export async function buildCliBundle(outdir = DEFAULT_OUTDIR) {
  const { build } = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  const tmp = path.join(outdir, `${BUNDLE}.${process.pid}.tmp`);
  const result = await build({
    entryPoints: [path.join(root, 'backend/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    // Parsing and compiling are most of the start-up time: a minified file is about half as big.
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    // better-sqlite3 loads a native .node file; playwright-core and exceljs are required by name when first used.
    external: ['better-sqlite3', 'electron', 'playwright-core', 'exceljs'],
    // Shared ESM code may use import.meta; in the CommonJS bundle it points at the bundle itself.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: {
      'import.meta.url': '__import_meta_url',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
  });
  const inputs = {};
  for (const rel of [...Object.keys(result.metafile.inputs), path.relative(root, SELF), 'package.json']) {
    inputs[rel] = fingerprint(path.resolve(root, rel));
  }
  renameSync(tmp, path.join(outdir, BUNDLE));
  const manifestTmp = path.join(outdir, `${INPUTS}.${process.pid}.tmp`);
  writeFileSync(manifestTmp, JSON.stringify({ root, builtAt: new Date().toISOString(), inputs }, null, 1));
  renameSync(manifestTmp, path.join(outdir, INPUTS));
  return path.join(outdir, BUNDLE);
}

/**
 * The path of a fresh bundle, building it first when missing or stale. Null when it cannot be built here (esbuild is
 * a development dependency): the caller then runs the TypeScript sources through tsx.
 */
export async function ensureCliBundle(outdir = DEFAULT_OUTDIR) {
  const file = path.join(outdir, BUNDLE);
  if (cliBundleFresh(outdir)) return file;
  try {
    return await buildCliBundle(outdir);
  } catch (err) {
    if (process.env.LAP_INSIGHT_DEBUG) console.error(err);
    rmSync(path.join(outdir, `${BUNDLE}.${process.pid}.tmp`), { force: true });
    return null;
  }
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--outdir');
  const outdir = i >= 0 && args[i + 1] ? path.resolve(args[i + 1]) : DEFAULT_OUTDIR;
  try {
    const file = args.includes('--force') || !cliBundleFresh(outdir) ? await buildCliBundle(outdir) : path.join(outdir, BUNDLE);
    console.log(`cli-bundle: ${path.relative(process.cwd(), file)} is up to date`);
  } catch (err) {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /esbuild/.test(String(err.message))) {
      // An install without development dependencies: bin/lap-insight.mjs runs the sources through tsx instead.
      console.log('cli-bundle: esbuild is not installed, so lap-insight will run its TypeScript sources through tsx');
    } else {
      if (!(err && typeof err === 'object' && 'errors' in err)) console.error(err);
      process.exitCode = 1;
    }
  }
}
