/**
 * Builds the Electron bundles with scripts/build-electron.mjs and runs the bundled main.cjs under plain Node with
 * a stand-in for the 'electron' module (fixtures/fake-electron.cjs): the real backend, protocol and IPC wiring,
 * everything but the Electron binary itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Laid out like the app root (dist-electron/ beside dist/), inside the repository so that require('better-sqlite3')
// from the bundle finds node_modules; .cache/ is git-ignored.
const fakeRoot = path.join(root, '.cache', `electron-bundle-test-${process.pid}`);
const outdir = path.join(fakeRoot, 'dist-electron');
const rendererBuilt = existsSync(path.join(root, 'dist', 'renderer', 'index.html'));
const userData = mkdtempSync(path.join(tmpdir(), 'lap-electron-userdata-'));

beforeAll(() => {
  mkdirSync(outdir, { recursive: true });
  if (rendererBuilt) symlinkSync(path.join(root, 'dist'), path.join(fakeRoot, 'dist'), 'junction');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), '--outdir', outdir], { cwd: root, stdio: 'pipe' });
}, 60_000);

afterAll(() => {
  rmSync(fakeRoot, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

describe('scripts/build-electron.mjs', () => {
  it('writes main.cjs (no SQLite), backend.cjs (better-sqlite3 external) and a self-contained preload.cjs', () => {
    const main = readFileSync(path.join(outdir, 'main.cjs'), 'utf8');
    const backend = readFileSync(path.join(outdir, 'backend.cjs'), 'utf8');
    const preload = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    const requires = (code: string) => [...new Set([...code.matchAll(/\brequire\((["'])([^"']+)\1\)/g)].map((m) => m[2]))].sort();
    expect(requires(preload)).toEqual(['electron']);
    // Main never imports better-sqlite3 (nor the database code): the backend runs in its own process.
    expect(requires(main).filter((r) => !r!.startsWith('node:'))).toEqual(['electron']);
    expect(main).not.toContain('journal_mode = WAL');
    expect(backend).toContain('journal_mode = WAL');
    expect(requires(backend).filter((r) => !r!.startsWith('node:'))).toContain('better-sqlite3');
    expect(requires(backend)).not.toContain('electron');
    expect(preload).toContain('exposeInMainWorld');
  });

  it('keeps zod and the schemas out of the preload: a plain channel list (468 KB before, about 2 KB now)', () => {
    const preload = readFileSync(path.join(outdir, 'preload.cjs'), 'utf8');
    expect(preload).not.toMatch(/ZodError|\$ZodType|zod/);
    expect(preload.length).toBeLessThan(20_000);
    for (const channel of channels) expect(preload).toContain(`"${channel}"`);
  });
});

describe('bundled preload.cjs in a sandbox-like context', () => {
  it("evaluates with only require('electron') available and exposes a working window.lap", async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: 'pong' };
        },
        on() {},
        removeListener() {},
      },
    };
    const requested: string[] = [];
    const sandboxRequire = (name: string) => {
      requested.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    // No process, Buffer, __dirname or Node built-ins: like a sandboxed preload.
    const context = vm.createContext({ require: sandboxRequire, module, exports: module.exports, console });
    vm.runInContext(readFileSync(path.join(outdir, 'preload.cjs'), 'utf8'), context, { filename: 'preload.cjs' });
    expect(requested).toEqual(['electron']);
    const lap = exposed.get('lap') as { send(c: string, a: unknown): Promise<unknown>; transport: string };
    expect(lap.transport).toBe('electron');
    await expect(lap.send('app.info', {})).resolves.toBe('pong');
    await expect(lap.send('not.a.channel', {})).rejects.toThrow(/Unknown request/);
    expect(invoked).toEqual([['lap:app.info', {}]]);
  });
});

describe('bundled main.cjs with a stand-in Electron', () => {
  it('starts the backend and answers the renderer over app:// and IPC', (ctx) => {
    const hasGeography = existsSync(path.join(root, 'assets', 'geography.json'));
    const out = execFileSync(process.execPath, ['-r', path.join(root, 'tests', 'electron', 'fixtures', 'fake-electron.cjs'), path.join(outdir, 'main.cjs'), '--db', path.join(userData, 'test.db')], {
      cwd: root,
      env: { ...process.env, FAKE_USER_DATA: userData, FAKE_APP_ROOT: root },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    const report = JSON.parse(out.trim().split('\n').pop()!);
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    // The backend cannot seed without its data; the rest needs it.
    if (!hasGeography) return ctx.skip('the bundled data is not built (assets/geography.json): npm run geodata:build');
    expect(report.errors).toEqual([]);
    // The backend ran in its own process (utilityProcess.fork of backend.cjs); main never loaded SQLite.
    expect(report.backend).toHaveLength(1);
    expect(report.backend[0]).toMatchObject({ module: 'backend.cjs', serviceName: 'LAP Insight data service' });
    expect(report.backend[0].pid).not.toBe(report.mainPid);
    expect(report.mainLoaded).toEqual([]);
    expect(report.protocol).toEqual(['app']);
    expect(report.ipcChannels).toEqual(channels.map((c) => `lap:${c}`).sort());
    expect(report.windows).toEqual([{ url: 'app://lap/index.html', preload: path.join(outdir, 'preload.cjs'), sandbox: true }]);
    expect(report.appInfo).toMatchObject({ ok: true, value: { transport: 'electron', databasePath: path.join(userData, 'test.db') } });
    expect(report.badArgs).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(report.forbidden).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(report.traversal).toBe(403);
    if (rendererBuilt) {
      expect(report.index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(report.index.csp).toContain("script-src 'self'");
    } else {
      expect(report.index.status).toBe(404); // dist/renderer is not built yet
    }
  }, 60_000);
});
