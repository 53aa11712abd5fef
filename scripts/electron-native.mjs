#!/usr/bin/env node
/**
 * Makes better-sqlite3 loadable by Electron in development without touching the Node build in node_modules.
 *
 * A .node binary matches one ABI: node_modules/better-sqlite3 stays built for Node (tests, the CLI, the preview
 * server), and this script puts a second copy built for the installed Electron in
 *   .cache/electron-native/<electronVersion>/better-sqlite3/build/Release/better_sqlite3.node
 * which electron/main/paths.ts (electronNativeBindingPath) hands to createBackend as `nativeBinding` when the app
 * is not packaged. (Packaged apps don't need it: electron-builder rebuilds node_modules for Electron.)
 *
 * Steps: copy node_modules/better-sqlite3 (without its build/) to a staging folder; there, try
 * `prebuild-install --runtime electron --target <version>` (downloads the published Electron binary), and if that
 * fails `node-gyp rebuild` against the Electron headers (needs a C++ toolchain and Python); then move the staging
 * folder into place and record what was built in build.json. Idempotent: does nothing when a build for this
 * Electron, better-sqlite3, platform and arch is already there (use --force to redo it).
 *
 * Both routes need the network once. Without it the script says so and exits 1; node_modules is left as it was.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const verbose = process.argv.includes('--verbose');
const ELECTRON_HEADERS = 'https://electronjs.org/headers';

const log = (message) => console.log(`electron-native: ${message}`);

function fail(message) {
  console.error(`electron-native: ${message}`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const requireFromRoot = createRequire(path.join(root, 'package.json'));

let electronVersion;
let sqliteDir;
try {
  electronVersion = readJson(requireFromRoot.resolve('electron/package.json')).version;
  sqliteDir = path.dirname(requireFromRoot.resolve('better-sqlite3/package.json'));
} catch (err) {
  fail(`electron or better-sqlite3 is not installed (${err.message}). Run npm install first.`);
}
const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;

// Keep this layout in step with electronNativeBindingPath() in electron/main/paths.ts.
const versionDir = path.join(root, '.cache', 'electron-native', electronVersion);
const targetDir = path.join(versionDir, 'better-sqlite3');
const bindingFile = path.join(targetDir, 'build', 'Release', 'better_sqlite3.node');
const markerFile = path.join(versionDir, 'build.json');
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

function alreadyBuilt() {
  if (!existsSync(bindingFile) || !existsSync(markerFile)) return false;
  try {
    const marker = readJson(markerFile);
    return Object.entries(wanted).every(([key, value]) => marker[key] === value);
  } catch {
    return false;
  }
}

if (!force && alreadyBuilt()) {
  log(`better-sqlite3 ${sqliteVersion} is already built for Electron ${electronVersion} (${path.relative(root, bindingFile)}).`);
  process.exit(0);
}

/** The child's environment without npm's per-package settings, which could retarget prebuild-install or node-gyp. */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_package_') || ['npm_config_target', 'npm_config_runtime', 'npm_config_disturl', 'npm_config_build_from_source', 'npm_config_nodedir'].includes(k)) {
      delete env[key];
    }
  }
  return env;
}

/** Runs `node <script> ...args` in `cwd`; returns { ok, output }. */
function run(label, script, args, cwd) {
  log(`${label}…`);
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    stdio: verbose ? 'inherit' : 'pipe',
    timeout: 15 * 60 * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`.trim();
  return { ok: result.status === 0 && !result.error, output };
}

/** The lines of a tool's output that say what went wrong (not its stack trace or version banner). */
function summary(text, max = 8) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() && !/ERR! stack\s+at |ERR! (System|command|cwd|node -v|node-gyp -v|not ok)/.test(line));
  const important = lines.filter((line) => /warn|ERR!|error/i.test(line));
  return (important.length ? important : lines).slice(-max).map((line) => `    ${line}`).join('\n');
}

const staging = path.join(versionDir, `better-sqlite3.staging-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
mkdirSync(versionDir, { recursive: true });
// Everything but build/: that holds the Node binary, which must not be mistaken for an Electron one.
const sqliteBuildDir = path.join(sqliteDir, 'build');
cpSync(sqliteDir, staging, {
  recursive: true,
  dereference: true,
  filter: (src) => src !== sqliteBuildDir && !src.startsWith(sqliteBuildDir + path.sep),
});
const stagedBinding = path.join(staging, 'build', 'Release', 'better_sqlite3.node');

const failures = [];
const target = ['--target', electronVersion, '--arch', process.arch, '--platform', process.platform];

// 1. The published prebuilt binary for this Electron ABI.
let prebuildBin;
try {
  prebuildBin = createRequire(path.join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
} catch {
  failures.push('prebuild-install: not installed');
}
if (prebuildBin) {
  const result = run(`downloading the prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})`, prebuildBin, ['--runtime', 'electron', ...target, '--verbose'], staging);
  if (result.ok && existsSync(stagedBinding)) log('prebuilt binary installed.');
  else failures.push(`prebuild-install failed:\n${summary(result.output) || '    (no output)'}`);
}

// 2. Compile from source against the Electron headers.
if (!existsSync(stagedBinding)) {
  let gypBin;
  try {
    gypBin = requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    failures.push('node-gyp: not installed');
  }
  if (gypBin) {
    const result = run(
      `building better-sqlite3 from source against the Electron ${electronVersion} headers`,
      gypBin,
      [
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        `--dist-url=${ELECTRON_HEADERS}`,
        `--devdir=${path.join(root, '.cache', 'electron-native', 'node-gyp')}`,
      ],
      staging,
    );
    if (result.ok && existsSync(stagedBinding)) log('built from source.');
    else failures.push(`node-gyp rebuild failed:\n${summary(result.output) || '    (no output)'}`);
  }
}

if (!existsSync(stagedBinding)) {
  rmSync(staging, { recursive: true, force: true });
  console.error(
    [
      `electron-native: could not get better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}).`,
      '',
      ...failures.map((f) => `  ${f}`),
      '',
      '  Both routes need the network once: prebuild-install downloads the binary from GitHub releases, node-gyp',
      `  downloads the Electron headers from ${ELECTRON_HEADERS} (and needs Python and a C++ compiler).`,
      '  Connect and run `node scripts/electron-native.mjs` again (add --verbose to see everything).',
      '  node_modules/better-sqlite3 is unchanged, so tests, the CLI and `npm run preview` still work;',
      '  only `electron .` cannot open its database until this succeeds.',
    ].join('\n'),
  );
  process.exit(1);
}

// Swap the finished build into place, then record it (the marker last, so a half-done run is never "built").
rmSync(markerFile, { force: true });
rmSync(targetDir, { recursive: true, force: true });
renameSync(staging, targetDir);
writeFileSync(markerFile, `${JSON.stringify({ ...wanted, binding: path.relative(root, bindingFile), builtAt: new Date().toISOString() }, null, 2)}\n`);
log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, bindingFile)}`);
