/**
 * The real-Electron smoke test (scripts/smoke-electron.mjs) and the desktop workflow that runs it.
 * Here the Electron binary cannot be downloaded: the smoke test must say it was skipped, exit 0 and claim no pass,
 * and this runner reports the real run as skipped. On a machine with the binary, the real run happens.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without type declarations
import { PASS_PREFIX, SKIP_PREFIX, electronBinary, pdfPageCount } from '../../scripts/smoke-electron.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const script = path.join(repo, 'scripts', 'smoke-electron.mjs');

function smoke(env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, [script], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 15 * 60_000 });
}

describe('npm run smoke:electron', () => {
  it('is the package script', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['smoke:electron']).toBe('node scripts/smoke-electron.mjs');
  });

  it('without the Electron binary: one line saying it was skipped, exit 0, no pass claimed, nothing built', () => {
    const r = smoke({ LAP_INSIGHT_ELECTRON_PATH: path.join(repo, 'no-such-electron-binary') });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(new RegExp(`^${SKIP_PREFIX}: the Electron binary is not installed here`));
    expect(r.stdout).not.toContain(PASS_PREFIX);
    expect(r.stderr).toBe('');
  });

  it('without the binary but required (the desktop workflow): fails, exit 1', () => {
    const r = smoke({ LAP_INSIGHT_ELECTRON_PATH: path.join(repo, 'no-such-electron-binary'), LAP_INSIGHT_SMOKE_REQUIRED: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('FAILED (LAP_INSIGHT_SMOKE_REQUIRED=1)');
  });

  it('never downloads Electron to find it: reads node_modules/electron/path.txt only', () => {
    expect(electronBinary({ LAP_INSIGHT_ELECTRON_PATH: '/nonexistent/electron' })).toBeNull();
    expect(electronBinary({ LAP_INSIGHT_ELECTRON_PATH: process.execPath })).toBe(process.execPath);
  });

  it('counts PDF pages by their /Type /Page objects', () => {
    expect(pdfPageCount(Buffer.from('%PDF-1.7 1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page /Parent 1 0 R>>'))).toBe(2);
  });

  it('the real app, end to end (skipped where the Electron binary is absent)', (ctx) => {
    if (!electronBinary()) {
      ctx.skip('the Electron binary is not installed here');
      return;
    }
    const r = smoke({});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(PASS_PREFIX);
  });
});

describe('.github/workflows/desktop.yml', () => {
  type Step = { name?: string; run?: string; uses?: string; if?: string; env?: Record<string, unknown> };
  const workflow = yaml.load(readFileSync(path.join(repo, '.github', 'workflows', 'desktop.yml'), 'utf8')) as {
    on: unknown;
    jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
  };
  const [job] = Object.values(workflow.jobs);
  const steps = job!.steps;
  const index = (re: RegExp) => steps.findIndex((s) => re.test(s.run ?? ''));

  it('parses, and runs on Ubuntu, Windows and macOS', () => {
    expect(job!.strategy.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job!['runs-on']).toBe('${{ matrix.os }}');
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(true);
    expect(steps.some((s) => s.uses?.startsWith('actions/setup-node@'))).toBe(true);
  });

  it('names the steps in order: npm ci, npm test, smoke:electron, electron-builder --dir, the packed file-list check', () => {
    const order = [/^npm ci\b/, /\bnpm test$/, /\bnpm run smoke:electron$/, /npm run dist -- --dir/, /node scripts\/check-package\.mjs/].map(index);
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('runs the tests and the smoke test under xvfb on Linux, and fails the smoke step if Electron is missing', () => {
    const linux = steps.filter((s) => s.if === "runner.os == 'Linux'").map((s) => s.run ?? '');
    expect(linux).toContain('xvfb-run -a npm test');
    expect(linux).toContain('xvfb-run -a npm run smoke:electron');
    for (const s of steps.filter((x) => /smoke:electron/.test(x.run ?? ''))) expect(s.env?.LAP_INSIGHT_SMOKE_REQUIRED).toBe(1);
    expect(steps.find((s) => s.run?.startsWith('sudo apt-get update'))?.run).toContain('xvfb');
  });
});
