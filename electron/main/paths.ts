/**
 * Where the Electron app finds its database, data, renderer and native SQLite binding, in development
 * (`electron .` from the repository, main bundled to dist-electron/main.cjs) and packaged (electron-builder).
 * Pure functions of their inputs; main.ts feeds them Electron's values.
 */
import path from 'node:path';

// The database file: resolveDbPath in backend/db-path.ts (one rule for the app, the preview and the CLI).

/** The built renderer: <app root>/dist/renderer. `mainDir` is the folder of main.cjs (dist-electron/). */
export function rendererRoot(mainDir: string): string {
  return path.join(mainDir, '..', 'dist', 'renderer');
}

export function preloadPath(mainDir: string): string {
  return path.join(mainDir, 'preload.cjs');
}

/**
 * The bundled data. LAP_INSIGHT_ASSETS wins; packaged apps carry it as an extraResource (resources/assets, see
 * electron-builder.yml); in development it is <repo>/assets.
 */
export function resolveAssetsDir(opts: { env: Record<string, string | undefined>; isPackaged: boolean; resourcesPath: string; appRoot: string }): string {
  const override = opts.env.LAP_INSIGHT_ASSETS?.trim();
  if (override) return path.resolve(override);
  return opts.isPackaged ? path.join(opts.resourcesPath, 'assets') : path.join(opts.appRoot, 'assets');
}

/**
 * Where scripts/electron-native.mjs puts better_sqlite3.node built for an Electron version. Keep in step with
 * that script (it cannot import TypeScript).
 */
export function electronNativeBindingPath(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, '.cache', 'electron-native', electronVersion, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/**
 * The nativeBinding to hand createBackend: in development, the Electron build from .cache when it exists; in a
 * packaged app, none (electron-builder rebuilt node_modules/better-sqlite3 for Electron).
 */
export function resolveNativeBinding(opts: {
  isPackaged: boolean;
  appRoot: string;
  electronVersion: string | undefined;
  exists: (file: string) => boolean;
}): string | undefined {
  if (opts.isPackaged || !opts.electronVersion) return undefined;
  const file = electronNativeBindingPath(opts.appRoot, opts.electronVersion);
  return opts.exists(file) ? file : undefined;
}
