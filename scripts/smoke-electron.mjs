#!/usr/bin/env node
/**
 * `npm run smoke:electron`: the real desktop app, end to end, under the real Electron binary.
 *
 *  1. Finds the Electron binary that `npm install` downloaded (never downloads it itself). None: prints one line
 *     saying the smoke test was SKIPPED and exits 0 without claiming a pass.
 *  2. Builds the renderer and the main/preload bundles (npm run build) and better-sqlite3 for this Electron
 *     (scripts/electron-native.mjs, which needs the network once).
 *  3. Launches the app with playwright-core's `_electron.launch` on a fresh database in a temporary folder, waits
 *     for the map to draw all 57 wards, opens the N4 profile, prints its PDF through the app (the Electron printer:
 *     webContents.printToPDF) to a temporary file and checks it (a PDF, its page count, and with pdftotext where
 *     installed: the LAP's name and wards), imports a small CSV through File > Import data…, and quits.
 *  4. Prints "smoke:electron: passed (...)" and exits 0; any failure prints the step and exits 1.
 *
 * LAP_INSIGHT_ELECTRON_PATH names the binary (tests point it at a missing file to check the skip);
 * LAP_INSIGHT_SMOKE_REQUIRED=1 makes a missing binary a failure (exit 1), as the desktop workflow wants;
 * LAP_INSIGHT_SMOKE_NO_BUILD=1 skips step 2 (when the workflow has just built).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SKIP_PREFIX = 'smoke:electron: SKIPPED';
export const PASS_PREFIX = 'smoke:electron: passed';
const WARD_COUNT = 57;
const N4_WARDS = ['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George'];
const CSV_FIXTURE = path.join(root, 'tests', 'fixtures', 'import', 'tidy-wards.csv');

/**
 * The installed Electron binary, or null. Reads node_modules/electron/path.txt as electron's index.js does, but
 * never triggers its download.
 */
export function electronBinary(env = process.env) {
  if (env.LAP_INSIGHT_ELECTRON_PATH !== undefined) return existsSync(env.LAP_INSIGHT_ELECTRON_PATH) ? env.LAP_INSIGHT_ELECTRON_PATH : null;
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(pkg, 'dist', rel);
  return existsSync(full) ? full : null;
}

/** Pages in a PDF: the /Type /Page objects (not /Pages). */
export function pdfPageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

function step(name) {
  console.log(`smoke:electron: ${name}`);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

async function smoke(executablePath) {
  if (process.env.LAP_INSIGHT_SMOKE_NO_BUILD !== '1') {
    step('building (npm run build, scripts/electron-native.mjs)');
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
    run(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')]);
  }
  const { _electron } = await import('playwright-core');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lap-smoke-'));
  const dbPath = path.join(tmp, 'smoke.db');
  const facts = [];
  step(`launching ${executablePath}`);
  const app = await _electron.launch({
    executablePath,
    args: [root, '--db', dbPath],
    cwd: root,
    env: { ...process.env, LAP_INSIGHT_DB: dbPath },
    timeout: 120_000,
  });
  try {
    const page = await app.firstWindow({ timeout: 120_000 });
    page.on('pageerror', (err) => console.error(`smoke:electron: page error: ${err.message}`));

    step('waiting for the map to draw the wards');
    await page.waitForFunction(() => window.__lapMap?.loaded === true, undefined, { timeout: 120_000 });
    const drawn = await page.waitForFunction(
      (count) => {
        const map = window.__lapMap.map;
        const codes = new Set(map.queryRenderedFeatures({ layers: ['ward-fill'] }).map((f) => f.properties.code));
        return codes.size === count ? codes.size : false;
      },
      WARD_COUNT,
      { timeout: 60_000, polling: 500 },
    );
    facts.push(`${await drawn.jsonValue()} wards drawn`);

    step('opening the N4 profile');
    const n4 = await page.evaluate(async () => (await window.lap.send('laps.list', {})).find((l) => l.name === 'N4'));
    if (!n4) throw new Error('no LAP called N4 in a fresh database');
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.getByLabel('LAP to profile').selectOption(String(n4.id));
    await page.getByTestId('profile-name').filter({ hasText: 'N4' }).waitFor({ timeout: 60_000 });

    step('printing the N4 profile to PDF (Electron printToPDF)');
    const result = await page.evaluate(async (id) => {
      const { jobId } = await window.lap.send('export.profile', { area: { kind: 'lap', id }, format: 'pdf' });
      for (;;) {
        const job = await window.lap.send('jobs.get', { jobId });
        if (job.state === 'done') return job.result;
        if (job.state !== 'running' && job.state !== 'queued') throw new Error(`the PDF job ended ${job.state}: ${job.message}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }, n4.id);
    const pdfFile = path.join(tmp, result.fileName);
    const pdf = Buffer.from(result.contentBase64, 'base64');
    writeFileSync(pdfFile, pdf);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${pdfFile} is not a PDF`);
    const pages = pdfPageCount(pdf);
    if (pages < 2 || (result.pages !== undefined && result.pages !== pages)) throw new Error(`${pdfFile}: ${pages} pages (the app said ${result.pages})`);
    facts.push(`PDF of ${pages} pages, ${pdf.length} bytes`);
    const text = spawnSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    if (text.status === 0) {
      const missing = ['N4', ...N4_WARDS].filter((w) => !text.stdout.includes(w));
      if (missing.length) throw new Error(`the PDF text lacks ${missing.join(', ')}`);
      facts.push('its text names N4 and its four wards');
    }

    step('importing a small CSV through File > Import data…');
    // Through the real menu channel, to the app's window (not the hidden print window).
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()
        .find((w) => w.webContents.getURL().startsWith('app://lap/'))
        .webContents.send('lap:menu', 'menu:import-data'),
    );
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByLabel('CSV file').setInputFiles(CSV_FIXTURE);
    await dialog.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByTestId('import-result').waitFor({ timeout: 60_000 });
    const outcome = await dialog.getByTestId('import-outcome').textContent();
    if (!/^Imported /.test(outcome ?? '')) throw new Error(`the import said: ${outcome}`);
    const stored = await page.evaluate(async () => (await window.lap.send('indicators.list', { query: 'synthetic_test_indicator' })).length);
    if (stored < 1) throw new Error('the imported indicator is not listed');
    facts.push('CSV imported');
  } finally {
    await app.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  }
  return facts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const executablePath = electronBinary();
  if (!executablePath) {
    const line = `${SKIP_PREFIX}: the Electron binary is not installed here (node_modules/electron has no downloaded binary), so the real app was not run.`;
    if (process.env.LAP_INSIGHT_SMOKE_REQUIRED === '1') {
      console.error(line.replace('SKIPPED', 'FAILED (LAP_INSIGHT_SMOKE_REQUIRED=1)'));
      process.exit(1);
    }
    console.log(line);
    process.exit(0);
  }
  try {
    const facts = await smoke(executablePath);
    console.log(`${PASS_PREFIX} (${facts.join('; ')})`);
  } catch (err) {
    console.error(`smoke:electron: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
