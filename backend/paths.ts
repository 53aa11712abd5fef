/**
 * Where things live, for every host (tsx in development, the esbuild bundle in dist-electron, a packaged app).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function moduleDir(): string {
  // In the CommonJS bundle (dist-electron/main.cjs) __dirname exists; under tsx/ESM use import.meta.url.
  if (typeof __dirname !== 'undefined') return __dirname;
  return path.dirname(fileURLToPath(import.meta.url));
}

/** The folder holding geography.json and the bundled dataset. LAP_INSIGHT_ASSETS overrides the search. */
export function findAssetsDir(): string {
  const candidates = [
    process.env.LAP_INSIGHT_ASSETS,
    (process as { resourcesPath?: string }).resourcesPath ? path.join((process as { resourcesPath?: string }).resourcesPath!, 'assets') : undefined,
    path.resolve(moduleDir(), '..', '..', 'assets'),
    path.resolve(moduleDir(), '..', 'assets'),
    path.resolve(process.cwd(), 'assets'),
  ].filter((c): c is string => !!c);
  for (const dir of candidates) if (existsSync(path.join(dir, 'geography.json'))) return dir;
  throw new Error(`Could not find the bundled data (assets/geography.json). Looked in: ${candidates.join(', ')}`);
}

/** The repository / app root (where package.json and dist/ live). */
export function appRoot(): string {
  return path.dirname(findAssetsDir());
}
