/**
 * The CLI/preview PDF printer starts Chromium WITH its sandbox; only where the sandbox cannot start (root on Linux,
 * or a launch that fails for want of it) does it start without, and it says so once on stderr.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ChromiumPrinter, isSandboxFailure, resetSandboxNotice, sandboxUnavailableReason } from '../../backend/report/chromium.ts';

type LaunchOptions = { chromiumSandbox?: boolean; executablePath?: string };

function fakeChromium(failWithSandbox?: Error) {
  const launches: LaunchOptions[] = [];
  const page = { setContent: async () => {}, emulateMedia: async () => {}, pdf: async () => Buffer.from('%PDF-fake'), close: async () => {} };
  const context = { route: async () => {}, newPage: async () => page };
  const browser = { newContext: async () => context, close: async () => {} };
  const chromium = {
    launch: async (options: LaunchOptions) => {
      launches.push(options);
      if (failWithSandbox && options.chromiumSandbox) throw failWithSandbox;
      return browser;
    },
  };
  return { chromium: chromium as never, launches };
}

const OPTIONS = { format: 'A4', title: 'x' } as never;

beforeEach(() => resetSandboxNotice());

describe('Chromium sandbox for the CLI/preview printer', () => {
  it('launches with the sandbox where it can start, and says nothing', async () => {
    const fake = fakeChromium();
    const said: string[] = [];
    const printer = new ChromiumPrinter({ executablePath: '/usr/bin/chromium', chromium: fake.chromium, sandboxUnavailable: () => null, warn: (l) => said.push(l) });
    expect((await printer.pdf('<p>x</p>', OPTIONS)).toString()).toBe('%PDF-fake');
    expect(fake.launches.map((l) => l.chromiumSandbox)).toEqual([true]);
    expect(said).toEqual([]);
  });

  it('as root on Linux: without the sandbox, saying so once for every printer in the process', async () => {
    const fake = fakeChromium();
    const said: string[] = [];
    for (let i = 0; i < 2; i++) {
      const printer = new ChromiumPrinter({ executablePath: '/usr/bin/chromium', chromium: fake.chromium, sandboxUnavailable: () => sandboxUnavailableReason('linux', 0), warn: (l) => said.push(l) });
      await printer.pdf('<p>x</p>', OPTIONS);
    }
    expect(fake.launches.map((l) => l.chromiumSandbox)).toEqual([false, false]);
    expect(said).toEqual([
      "LAP Insight: printing with Chromium's sandbox off (running as root on Linux). The page printed is the app's own report, with scripts and network turned off.",
    ]);
  });

  it('a launch that fails for want of the sandbox is retried without it, once, and said once', async () => {
    const fake = fakeChromium(new Error('Failed to launch: No usable sandbox! Update your kernel or see https://chromium.googlesource.com/...'));
    const said: string[] = [];
    const printer = new ChromiumPrinter({ executablePath: '/usr/bin/chromium', chromium: fake.chromium, sandboxUnavailable: () => null, warn: (l) => said.push(l) });
    await printer.pdf('<p>x</p>', OPTIONS);
    await printer.pdf('<p>y</p>', OPTIONS);
    expect(fake.launches.map((l) => l.chromiumSandbox)).toEqual([true, false]);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('the sandbox could not start on this machine');
  });

  it('any other launch failure is not hidden by a retry', async () => {
    const fake = fakeChromium(new Error('spawn /usr/bin/chromium ENOENT'));
    const printer = new ChromiumPrinter({ executablePath: '/usr/bin/chromium', chromium: fake.chromium, sandboxUnavailable: () => null, warn: () => {} });
    await expect(printer.pdf('<p>x</p>', OPTIONS)).rejects.toThrow('ENOENT');
    expect(fake.launches).toHaveLength(1);
  });

  it('knows where the sandbox cannot start', () => {
    expect(sandboxUnavailableReason('linux', 0)).toBe('running as root on Linux');
    expect(sandboxUnavailableReason('linux', 1000)).toBeNull();
    expect(sandboxUnavailableReason('darwin', 0)).toBeNull();
    expect(sandboxUnavailableReason('win32', undefined)).toBeNull();
    expect(isSandboxFailure(new Error('Running as root without --no-sandbox is not supported'))).toBe(true);
    expect(isSandboxFailure(new Error('The SUID sandbox helper binary was found, but is not configured correctly'))).toBe(true);
    expect(isSandboxFailure(new Error('Timeout 30000ms exceeded'))).toBe(false);
  });
});
