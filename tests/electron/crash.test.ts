/** Crash handling in main (electron/main/crash.ts) with stand-in windows, and the rotating log file (services/logfile.ts). */
import { EventEmitter } from 'node:events';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { GONE_BUTTONS, HUNG_BUTTONS, logProcessErrors, watchWindowHealth } from '../../electron/main/crash.ts';
import { openLog, scrub } from '../../backend/logfile.ts';
import { tempDir } from '../helpers/tmp.ts';

vi.mock('electron', () => ({}));

function fakeWindow() {
  const webContents = Object.assign(new EventEmitter(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn() });
  const win = Object.assign(new EventEmitter(), { webContents, isDestroyed: () => false, close: vi.fn() });
  return win;
}

function deps(choice: number) {
  const lines: string[] = [];
  const asked: { message?: string; buttons?: string[] }[] = [];
  return {
    lines,
    asked,
    deps: {
      appName: 'LAP Insight',
      log: { write: (level: string, message: string) => lines.push(`${level} ${message}`) },
      ask: async (_win: BrowserWindow, options: { message?: string; buttons?: string[] }) => {
        asked.push(options);
        return choice;
      },
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the main window crashing or hanging', () => {
  it('a page that stops is logged and a reload is offered; Reload reloads', async () => {
    const win = fakeWindow();
    const d = deps(0);
    watchWindowHealth(win as unknown as BrowserWindow, d.deps);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 });
    await flush();
    expect(d.lines).toEqual(["error The window's page stopped: crashed (exit code 133)."]);
    expect(d.asked).toHaveLength(1);
    expect(d.asked[0]!.buttons).toEqual([...GONE_BUTTONS]);
    expect(d.asked[0]!.message).toBe('LAP Insight stopped showing its window');
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    expect(win.close).not.toHaveBeenCalled();
  });

  it('choosing Close closes the window; a clean exit asks nothing', async () => {
    const win = fakeWindow();
    const d = deps(1);
    watchWindowHealth(win as unknown as BrowserWindow, d.deps);
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await flush();
    expect(d.asked).toHaveLength(0);
    win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: -1 });
    await flush();
    expect(win.close).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('an unresponsive window offers Reload or Keep waiting; Reload ends the hung page and reloads without a second prompt', async () => {
    const win = fakeWindow();
    const d = deps(0);
    watchWindowHealth(win as unknown as BrowserWindow, d.deps);
    win.emit('unresponsive');
    await flush();
    expect(d.asked[0]!.buttons).toEqual([...HUNG_BUTTONS]);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
    // The crash we caused is not reported as a crash to the user.
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    await flush();
    expect(d.asked).toHaveLength(1);

    const waiting = fakeWindow();
    const w = deps(1);
    watchWindowHealth(waiting as unknown as BrowserWindow, w.deps);
    waiting.emit('unresponsive');
    await flush();
    expect(waiting.webContents.reload).not.toHaveBeenCalled();
    waiting.emit('responsive');
    expect(w.lines).toEqual(['warn The window stopped responding.', 'info The window is responding again.']);
  });

  it("main's unhandled rejections and uncaught exceptions are logged", () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    logProcessErrors({ write: (l, m) => lines.push(`${l} ${m}`) }, proc as unknown as NodeJS.Process);
    proc.emit('unhandledRejection', new Error('lost promise'));
    proc.emit('uncaughtException', new TypeError('x is not a function'));
    quiet.mockRestore();
    expect(lines[0]).toMatch(/^error Main: unhandled promise rejection: Error: lost promise/);
    expect(lines[1]).toMatch(/^error Main: uncaught exception: TypeError: x is not a function/);
  });
});

describe('the log file', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(() => tmp?.cleanup());

  it('writes timestamped lines to logs/main.log and rotates by size, keeping a fixed number of old files', () => {
    tmp = tempDir('lap-log-');
    const dir = path.join(tmp.dir, 'logs');
    const log = openLog(dir, { maxBytes: 200, keep: 2, now: () => new Date('2026-12-06T21:00:00Z') });
    expect(log.file).toBe(path.join(dir, 'main.log'));
    log.write('info', 'LAP Insight 0.1.0 starting');
    expect(readFileSync(log.file, 'utf8')).toBe('2026-12-06T21:00:00.000Z INFO  LAP Insight 0.1.0 starting\n');
    for (let i = 0; i < 20; i++) log.write('warn', `line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f)).length).toBeLessThanOrEqual(200);
    // The newest line is in main.log, the one before it in main.1.log.
    expect(readFileSync(log.file, 'utf8')).toContain('line 19 ');
  });

  it('keeps the home folder, control characters and long values out', () => {
    expect(scrub('Database /home/alice/.config/LAP Insight/lap-insight.db', '/home/alice')).toBe('Database ~/.config/LAP Insight/lap-insight.db');
    expect(scrub('name \u001b[31mred\u0007 \u202eevil', '/h')).toBe('name ?[31mred? ?evil');
    const long = scrub('v'.repeat(5000), '/h');
    expect(long.length).toBeLessThan(2100);
    expect(long).toMatch(/3000 more characters left out\)$/);
  });

  it('never throws when the folder cannot be written', () => {
    tmp = tempDir('lap-log-');
    const file = path.join(tmp.dir, 'a-file');
    writeFileSync(file, '');
    expect(() => openLog(path.join(file, 'logs')).write('error', 'nowhere')).not.toThrow();
  });
});
