/**
 * The Node printer: a system Chrome/Chromium (or Edge) driven by playwright-core. Used by the CLI, the preview server
 * and the tests; the Electron app uses electron/main/print.ts instead. One browser and one page are started lazily
 * (or ahead of time by warm(), once a profile is open) and reused for every PDF until close(). Pages run with
 * JavaScript disabled and every network request refused.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserType, Page } from 'playwright-core';
import { pageSettings, type PdfOptions, type PngOptions, type ReportPrinter } from './printer.ts';

export const CHROMIUM_ENV = 'LAP_INSIGHT_CHROMIUM';
/**
 * Loaded only when a Node printer is first used. The name is a variable so the Electron bundle (which uses
 * electron/main/print.ts instead) does not pull playwright-core in.
 */
const PLAYWRIGHT = 'playwright-core';

/** Where Chrome, Chromium or Edge usually live, for this platform, in order of preference. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const list: string[] = [];
  if (env[CHROMIUM_ENV]) list.push(env[CHROMIUM_ENV]);
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA].filter((r): r is string => !!r);
    for (const r of roots) {
      list.push(path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'));
      list.push(path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'));
      list.push(path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    }
  } else if (platform === 'darwin') {
    const apps = ['/Applications', env.HOME ? path.posix.join(env.HOME, 'Applications') : null].filter((r): r is string => !!r);
    for (const a of apps) {
      list.push(`${a}/Google Chrome.app/Contents/MacOS/Google Chrome`);
      list.push(`${a}/Chromium.app/Contents/MacOS/Chromium`);
      list.push(`${a}/Microsoft Edge.app/Contents/MacOS/Microsoft Edge`);
    }
  } else {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge']) {
      list.push(`/usr/bin/${name}`);
    }
    list.push('/snap/bin/chromium');
    for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
      for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) list.push(path.join(dir, name));
    }
  }
  return [...new Set(list)];
}

/** The first browser that exists, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = existsSync): string | null {
  return chromiumCandidates(env, platform).find((p) => exists(p)) ?? null;
}

export class NoBrowserError extends Error {
  constructor() {
    super(
      'Printing a PDF needs Google Chrome, Microsoft Edge or Chromium, and none was found. Install one, or set ' +
        `${CHROMIUM_ENV} to the browser's program file (for example /usr/bin/chromium).`,
    );
    this.name = 'NoBrowserError';
  }
}

const LAUNCH_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Offline by design: no host name resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface ChromiumPrinterOptions {
  executablePath?: string;
  /** How to find a browser when no path is given (default findChromium). */
  locate?: () => string | null;
  /** playwright-core's chromium (tests pass a stand-in); loaded on first use otherwise. */
  chromium?: Pick<BrowserType, 'launch'>;
  /** Why the sandbox cannot start here, or null (default sandboxUnavailableReason). */
  sandboxUnavailable?: () => string | null;
  /** Where the one-time "sandbox off" line goes (default stderr). */
  warn?: (line: string) => void;
}

/**
 * Why Chromium's sandbox cannot start on this machine, or null. As root on Linux (containers, CI) Chromium refuses
 * to start with its sandbox, so there is no point trying.
 */
export function sandboxUnavailableReason(platform: NodeJS.Platform = process.platform, uid: number | undefined = process.getuid?.()): string | null {
  return platform === 'linux' && uid === 0 ? 'running as root on Linux' : null;
}

/** A launch failure that means the sandbox (not the browser) could not start. */
export function isSandboxFailure(err: unknown): boolean {
  return /sandbox|namespace|setuid|No usable sandbox/i.test(err instanceof Error ? err.message : String(err));
}

/** The sandbox-off line is said once per process, however many printers start. */
let sandboxOffSaid = false;
/** For tests: forget that the line was said. */
export function resetSandboxNotice(): void {
  sandboxOffSaid = false;
}

export class ChromiumPrinter implements ReportPrinter {
  readonly name = 'chromium';
  private browser: Promise<Browser> | null = null;
  private context: Promise<BrowserContext> | null = null;
  /** One page, reused for every PDF (a new page costs a renderer process start): prints take turns on it. */
  private page: Promise<Page> | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: ChromiumPrinterOptions = {}) {}

  private async getContext(): Promise<BrowserContext> {
    if (this.closed) throw new Error('The printer has been closed.');
    if (!this.context) {
      this.context = (async () => {
        const executablePath = this.options.executablePath ?? (this.options.locate ?? findChromium)();
        if (!executablePath) throw new NoBrowserError();
        const chromium = this.options.chromium ?? ((await import(/* @vite-ignore */ PLAYWRIGHT)) as { chromium: BrowserType }).chromium;
        // With Chromium's sandbox (playwright's default is without); only where it cannot start, without, said once.
        const launch = (sandbox: boolean) => chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS, chromiumSandbox: sandbox });
        const sayOff = (why: string) => {
          if (sandboxOffSaid) return;
          sandboxOffSaid = true;
          (this.options.warn ?? ((line: string) => process.stderr.write(`${line}\n`)))(
            `LAP Insight: printing with Chromium's sandbox off (${why}). The page printed is the app's own report, with scripts and network turned off.`,
          );
        };
        const unavailable = (this.options.sandboxUnavailable ?? sandboxUnavailableReason)();
        if (unavailable) {
          sayOff(unavailable);
          this.browser = launch(false);
        } else {
          this.browser = launch(true).catch((err: unknown) => {
            if (!isSandboxFailure(err)) throw err;
            sayOff('the sandbox could not start on this machine');
            return launch(false);
          });
        }
        const browser = await this.browser;
        if (this.closed) {
          // close() came while the browser was starting (a warm-up, say): do not leave it running.
          await browser.close().catch(() => {});
          throw new Error('The printer has been closed.');
        }
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block', acceptDownloads: false });
        // Nothing may leave the machine: the document is self-contained, so any request at all is refused.
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        return context;
      })();
      this.context.catch(() => {
        this.context = null;
        this.browser = null;
      });
    }
    return this.context;
  }

  private getPage(): Promise<Page> {
    if (!this.page) {
      const page = (async () => {
        const p = await (await this.getContext()).newPage();
        await p.emulateMedia({ media: 'print' });
        return p;
      })();
      this.page = page;
      page.catch(() => {
        if (this.page === page) this.page = null;
      });
    }
    return this.page;
  }

  /** Starts the browser and opens the page now, in the background, so that the first PDF does not wait for them. */
  async warm(): Promise<void> {
    if (this.closed) return;
    await this.getPage().catch(() => {}); // a missing browser is reported by the PDF that needs it
  }

  async pdf(html: string, options: PdfOptions): Promise<Buffer> {
    const mine = this.turn.then(() => this.printOnPage(html, options));
    this.turn = mine.catch(() => {});
    return mine;
  }

  private async printOnPage(html: string, options: PdfOptions): Promise<Buffer> {
    const pagePromise = this.getPage();
    const page = await pagePromise;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const s = pageSettings(options);
      const pdf = await page.pdf({
        format: s.format,
        printBackground: s.printBackground,
        displayHeaderFooter: s.displayHeaderFooter,
        headerTemplate: s.headerTemplate,
        footerTemplate: s.footerTemplate,
        preferCSSPageSize: s.preferCSSPageSize,
        margin: { top: `${s.marginMm.top}mm`, right: `${s.marginMm.right}mm`, bottom: `${s.marginMm.bottom}mm`, left: `${s.marginMm.left}mm` },
        tagged: s.tagged,
        outline: s.outline,
      });
      return Buffer.from(pdf);
    } catch (err) {
      // A page that failed is not trusted again: the next PDF opens a new one.
      if (this.page === pagePromise) this.page = null;
      await page.close().catch(() => {});
      throw err;
    }
  }

  async png(html: string, options: PngOptions): Promise<Buffer> {
    const context = await this.getContext();
    const browser = await this.browser!;
    // The device scale is per context: a short-lived one for the picture.
    const pictureContext = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      viewport: { width: options.width, height: options.height },
      deviceScaleFactor: options.scale,
    });
    void context;
    try {
      await pictureContext.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await pictureContext.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return Buffer.from(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: options.width, height: options.height } }));
    } finally {
      await pictureContext.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = null;
    this.context = null;
    this.page = null;
    if (b) await (await b.catch(() => null))?.close().catch(() => {});
  }
}

/** A printer that starts Chromium only when first used. */
export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): ReportPrinter {
  return new ChromiumPrinter(options);
}
