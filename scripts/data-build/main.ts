/**
 * npm run data:build
 *
 * Reads ../shared/data (build time only) and writes the committed bundled dataset:
 * assets/dataset/bundle.json, assets/dataset/README.md, assets/lookups/*.csv and assets/basemap.json (the map's
 * towns, roads, railways and water, from ../shared/data/basemap: scripts/data-build/basemap.ts).
 * Usage: tsx scripts/data-build/main.ts [--data <dir>] [--check]
 *   --check  build in memory and fail if the committed files differ (nothing is written).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.ts';
import { buildBasemap } from './basemap.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function defaultDataDir(): string {
  return process.env.LAP_SHARED_DATA ?? path.resolve(REPO_ROOT, '../shared/data');
}

function main(argv: string[]): number {
  const i = argv.indexOf('--data');
  const dataDir = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : defaultDataDir();
  const check = argv.includes('--check');
  if (!existsSync(path.join(dataDir, 'indicators'))) {
    console.error(`data:build: ${path.join(dataDir, 'indicators')} not found (pass --data <dir> or set LAP_SHARED_DATA)`);
    return 2;
  }
  const result = buildAll(dataDir);
  for (const [rel, text] of buildBasemap(dataDir)) result.files.set(rel, text);
  let differ = 0;
  for (const [rel, text] of result.files) {
    const file = path.join(REPO_ROOT, rel);
    const old = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (check) {
      if (old !== text) {
        console.error(`differs: ${rel}`);
        differ += 1;
      }
      continue;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    if (old !== text) writeFileSync(file, text);
    console.log(`${old === text ? 'unchanged' : 'wrote    '} ${rel} (${Buffer.byteLength(text).toLocaleString('en-GB')} bytes)`);
  }
  console.log(`${result.bundle.indicators.length} indicators, ${result.bundle.rows.length} rows`);
  for (const c of result.checks) console.log(`  check: ${c}`);
  if (check && differ) {
    console.error(`${differ} file(s) differ from a fresh build: run npm run data:build`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
