#!/usr/bin/env node
/**
 * Checks what an electron-builder package holds (after `npm run dist -- --dir`): the app in app.asar is the built
 * renderer, the main/preload bundles and package.json; no source maps; none of the modules Vite or esbuild already
 * bundled; only .node files unpacked beside it; better-sqlite3 without its C sources; the data beside app.asar.
 *
 *   node scripts/check-package.mjs [release-folder]     (default release/; exit 1 with the problems listed)
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Modules bundled by Vite (renderer) or esbuild (main, preload), or only used to build and test. */
export const MUST_NOT_SHIP = [
  'react', 'react-dom', 'maplibre-gl', 'zod', 'zustand', '@turf/turf', 'd3-geo', 'proj4', '@fontsource/source-sans-3', 'tsx',
  'playwright-core', 'electron', 'esbuild', 'vite', 'vitest', 'typescript', 'eslint', 'electron-builder', 'prebuild-install',
];
export const MUST_SHIP = ['/package.json', '/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist/renderer/index.html', '/node_modules/better-sqlite3/package.json'];
const NATIVE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

/** Every app.asar under a release folder (linux-unpacked, win-unpacked, mac*\/*.app/Contents/Resources). */
export function findAsars(releaseDir) {
  const found = [];
  const walk = (dir, depth) => {
    if (depth > 5 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === 'app.asar') found.push(full);
      else if (!name.endsWith('.asar.unpacked') && statSync(full).isDirectory()) walk(full, depth + 1);
    }
  };
  walk(releaseDir, 0);
  return found;
}

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The problems with one packed app (empty when it is right). `asarFile` is resources/app.asar. */
export function checkPackedApp(asarFile) {
  const asar = require('@electron/asar');
  const problems = [];
  const entries = asar.listPackage(asarFile, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
  const set = new Set(entries);
  for (const file of MUST_SHIP) if (!set.has(file)) problems.push(`missing from app.asar: ${file}`);
  for (const e of entries) if (e.endsWith('.map')) problems.push(`source map in app.asar: ${e}`);
  for (const mod of MUST_NOT_SHIP) if (set.has(`/node_modules/${mod}`)) problems.push(`bundled module shipped again in app.asar: node_modules/${mod}`);
  for (const e of entries) if (/^\/node_modules\/better-sqlite3\/(src|deps)\//.test(e)) problems.push(`better-sqlite3 source in app.asar: ${e}`);
  const resources = path.dirname(asarFile);
  const unpacked = `${asarFile}.unpacked`;
  if (!existsSync(path.join(unpacked, NATIVE))) problems.push(`not unpacked: app.asar.unpacked/${NATIVE}`);
  for (const f of filesUnder(unpacked)) if (!f.endsWith('.node')) problems.push(`unpacked but not a .node file: ${path.relative(resources, f)}`);
  for (const f of ['assets/geography.json', 'docs/methods.md']) if (!existsSync(path.join(resources, f))) problems.push(`missing beside app.asar: resources/${f}`);
  return { problems, entries: entries.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const releaseDir = path.resolve(process.argv[2] ?? path.join(root, 'release'));
  const asars = findAsars(releaseDir);
  if (asars.length === 0) {
    console.error(`check-package: no app.asar under ${releaseDir}; run \`npm run dist -- --dir\` first.`);
    process.exit(1);
  }
  let failed = false;
  for (const file of asars) {
    const { problems, entries } = checkPackedApp(file);
    if (problems.length) {
      failed = true;
      console.error(`check-package: ${path.relative(releaseDir, file)} (${entries} entries):\n  ${problems.join('\n  ')}`);
    } else console.log(`check-package: ${path.relative(releaseDir, file)}: ${entries} entries, as expected.`);
  }
  process.exit(failed ? 1 : 0);
}
