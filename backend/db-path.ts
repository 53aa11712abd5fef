/**
 * Which database file LAP Insight uses: one rule for the app, the preview and the CLI, so a LAP made in the app
 * is the LAP `lap-insight laps` lists.
 *
 *   1. `--db PATH` or `--db=PATH` on the command line (resolved against the working folder);
 *   2. else the LAP_INSIGHT_DB environment variable;
 *   3. else lap-insight.db in the app's own data folder (Electron's userData for the product name "LAP Insight"):
 *        Windows  %APPDATA%\LAP Insight
 *        macOS    ~/Library/Application Support/LAP Insight
 *        Linux    $XDG_CONFIG_HOME/LAP Insight, or ~/.config/LAP Insight
 *
 * Before version 0.1 settled this, the CLI and the preview used ~/.lap-insight/lap-insight.db. On the first use
 * of the default file, an existing database there is COPIED (never moved; the old file stays where it was) and the
 * user is told (adoptLegacyDatabase).
 *
 * Pure functions of their inputs, except adoptLegacyDatabase, which copies files.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'LAP Insight';
export const DB_FILE_NAME = 'lap-insight.db';

export interface PlatformOptions {
  platform?: NodeJS.Platform;
  home?: string;
  /** Electron's app.getPath('userData') when running in the app; computed from platform/env/home otherwise. */
  userDataDir?: string;
  cwd?: string;
}

type Env = Record<string, string | undefined>;

/** The path module of the target platform, so Windows paths are joined with \ even when computed elsewhere. */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The app's data folder, as Electron computes app.getPath('userData') for the product name "LAP Insight". */
export function userDataDir(env: Env = process.env, options: PlatformOptions = {}): string {
  const platform = options.platform ?? process.platform;
  const home = options.home ?? os.homedir();
  const p = pathFor(platform);
  if (platform === 'win32') return p.join(env.APPDATA?.trim() || p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  // XDG: only an absolute $XDG_CONFIG_HOME counts (the specification says to ignore a relative one).
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, '.config'), PRODUCT_NAME);
}

/** lap-insight.db in the app's data folder. */
export function defaultDbPath(env: Env = process.env, options: PlatformOptions = {}): string {
  const platform = options.platform ?? process.platform;
  return pathFor(platform).join(options.userDataDir ?? userDataDir(env, options), DB_FILE_NAME);
}

/** Where the CLI and the preview kept the database before: ~/.lap-insight/lap-insight.db. */
export function legacyDbPath(options: PlatformOptions = {}): string {
  const platform = options.platform ?? process.platform;
  return pathFor(platform).join(options.home ?? os.homedir(), '.lap-insight', DB_FILE_NAME);
}

export type DbPathSource = 'argument' | 'environment' | 'default';

/** The `--db` value on a command line (the last one wins), or undefined. Stops at `--`. */
function dbArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--db' && i + 1 < argv.length) found = argv[++i];
    else if (arg.startsWith('--db=')) found = arg.slice('--db='.length);
  }
  return found?.trim() || undefined;
}

/** The database file and where the choice came from (see the top of this file). */
export function resolveDbPathWithSource(argv: readonly string[], env: Env = process.env, options: PlatformOptions = {}): { path: string; source: DbPathSource } {
  const cwd = options.cwd ?? process.cwd();
  const fromArgs = dbArgument(argv);
  if (fromArgs) return { path: path.resolve(cwd, fromArgs), source: 'argument' };
  const fromEnv = env.LAP_INSIGHT_DB?.trim();
  if (fromEnv) return { path: path.resolve(cwd, fromEnv), source: 'environment' };
  return { path: defaultDbPath(env, options), source: 'default' };
}

/** The database file: `--db`, else LAP_INSIGHT_DB, else the app's default (see the top of this file). */
export function resolveDbPath(argv: readonly string[], env: Env = process.env, options: PlatformOptions = {}): string {
  return resolveDbPathWithSource(argv, env, options).path;
}

/**
 * First use of the default database: when it does not exist yet and ~/.lap-insight/lap-insight.db does, copy
 * that one (with its -wal, which may hold the latest commits) to the new place. The old file is left untouched.
 * Returns the sentence to tell the user, or null when nothing was copied.
 */
export function adoptLegacyDatabase(target: string, legacy: string = legacyDbPath()): string | null {
  if (path.resolve(target) === path.resolve(legacy)) return null;
  if (existsSync(target) || !existsSync(legacy)) return null;
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.copying-${process.pid}`;
  let placedWal = false;
  try {
    // The -wal first: when the main file appears, its log is already beside it.
    if (existsSync(`${legacy}-wal`)) {
      copyFileSync(`${legacy}-wal`, `${tmp}-wal`);
      renameSync(`${tmp}-wal`, `${target}-wal`);
      placedWal = true;
    }
    copyFileSync(legacy, tmp);
    renameSync(tmp, target);
  } catch (err) {
    // Never leave a -wal beside no database: a new file would replay it.
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-wal`, { force: true });
    if (placedWal) rmSync(`${target}-wal`, { force: true });
    throw err;
  }
  return `LAP Insight now keeps its database at ${target}, shared by the app and the lap-insight command. It copied your existing database from ${legacy}; that file was left where it was.`;
}
