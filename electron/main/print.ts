/**
 * The Electron printer: prints report HTML with webContents.printToPDF (tagged PDF, document outline) and renders
 * the map PNG with capturePage, in a hidden, sandboxed, offscreen BrowserWindow with JavaScript disabled.
 *
 * The window lives in its own in-memory session partition, so the main session's request blocking and the app's
 * CSP (security.ts, protocol.ts) do not apply to it; its own session is locked down the same way (no permissions,
 * no network, no files). The document is loaded from a data: URL when small, otherwise from a `lap-print:` protocol
 * handler on that partition that serves the one in-memory document (with a CSP header). Jobs run one at a time in one
 * window, which is destroyed a few seconds after the last job (so it never keeps the app from quitting).
 *
 * Main process only. The pure parts (options, URLs) are exported for tests with a mocked electron.
 */
import { BrowserWindow, session, type BrowserWindowConstructorOptions, type PrintToPDFOptions, type Session } from 'electron';
import { pageSettings, type PdfOptions, type PngOptions, type ReportPrinter } from '../../backend/report/printer.ts';

/** No "persist:" prefix: the partition lives in memory only. */
export const PRINT_PARTITION = 'lap-insight-print';
export const PRINT_SCHEME = 'lap-print';
export const PRINT_DOCUMENT_URL = `${PRINT_SCHEME}://report/document.html`;
/** Above this, the document is served by the protocol handler rather than a data: URL. */
export const DATA_URL_LIMIT = 1.5 * 1024 * 1024;
/** The window is destroyed this long after the last job. */
export const IDLE_CLOSE_MS = 5_000;
export const LOAD_TIMEOUT_MS = 60_000;
/** The printed document needs nothing but inline styles and data: fonts and images. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const MM_PER_INCH = 25.4;

export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    skipTaskbar: true,
    focusable: false,
    paintWhenInitiallyHidden: true,
    webPreferences: {
      partition: PRINT_PARTITION,
      offscreen: true,
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      backgroundThrottling: false,
      images: true,
      navigateOnDragDrop: false,
    },
  };
}

/** The shared page settings (printer.ts) in Electron's terms: margins in inches, tagged PDF, outline. */
export function electronPdfOptions(options: PdfOptions): PrintToPDFOptions {
  const s = pageSettings(options);
  return {
    pageSize: s.format,
    landscape: false,
    printBackground: s.printBackground,
    displayHeaderFooter: s.displayHeaderFooter,
    headerTemplate: s.headerTemplate,
    footerTemplate: s.footerTemplate,
    preferCSSPageSize: s.preferCSSPageSize,
    margins: {
      top: s.marginMm.top / MM_PER_INCH,
      bottom: s.marginMm.bottom / MM_PER_INCH,
      left: s.marginMm.left / MM_PER_INCH,
      right: s.marginMm.right / MM_PER_INCH,
    },
    generateTaggedPDF: s.tagged,
    generateDocumentOutline: s.outline,
  };
}

/** A data: URL for a small document, else the protocol URL (the handler then serves `html`). */
export function documentUrl(html: string): string {
  const bytes = Buffer.byteLength(html, 'utf8');
  return bytes <= DATA_URL_LIMIT ? `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}` : PRINT_DOCUMENT_URL;
}

/** The print session's rules: nothing is allowed except the one document. `current` gives the document to serve. */
export function lockDownPrintSession(ses: Session, current: () => string | null): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (_details, callback) => callback({ cancel: true }));
  ses.protocol.handle(PRINT_SCHEME, (request) => {
    const html = current();
    if (request.url !== PRINT_DOCUMENT_URL || html === null) return new Response('Not found', { status: 404 });
    return new Response(html, {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PRINT_CSP, 'cache-control': 'no-store' },
    });
  });
}

/** The partition's protocol can be registered once per app run; it serves the document of the printer using it. */
let sessionLocked = false;
let serving: (() => string | null) | null = null;

export class ElectronPrinter implements ReportPrinter {
  readonly name = 'electron';
  private window: BrowserWindow | null = null;
  private document: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private pending = 0;
  private closed = false;

  private printSession(): Session {
    const ses = session.fromPartition(PRINT_PARTITION);
    if (!sessionLocked) {
      lockDownPrintSession(ses, () => serving?.() ?? null);
      sessionLocked = true;
    }
    serving = () => this.document;
    return ses;
  }

  private getWindow(): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    this.printSession();
    const win = new BrowserWindow(printWindowOptions());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.on('render-process-gone', () => {
      if (this.window === win) this.window = null;
      if (!win.isDestroyed()) win.destroy();
    });
    this.window = win;
    return win;
  }

  /** Runs jobs one after another in the one window; schedules the window's destruction when idle. */
  private run<T>(job: (win: BrowserWindow) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The printer has been closed.'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.pending++;
    const next = this.queue.then(() => job(this.getWindow()));
    this.queue = next
      .catch(() => {})
      .finally(() => {
        this.pending--;
        this.scheduleIdleClose();
      });
    return next;
  }

  private scheduleIdleClose(): void {
    if (this.pending > 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending === 0) this.destroyWindow();
    }, IDLE_CLOSE_MS);
    this.idleTimer.unref?.();
  }

  private destroyWindow(): void {
    const win = this.window;
    this.window = null;
    this.document = null;
    if (win && !win.isDestroyed()) win.destroy();
  }

  private async load(win: BrowserWindow, html: string): Promise<void> {
    this.document = html;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        win.loadURL(documentUrl(html)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('The report took too long to load for printing.')), LOAD_TIMEOUT_MS);
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  pdf(html: string, options: PdfOptions): Promise<Buffer> {
    return this.run(async (win) => {
      await this.load(win, html);
      return Buffer.from(await win.webContents.printToPDF(electronPdfOptions(options)));
    });
  }

  png(html: string, options: PngOptions): Promise<Buffer> {
    return this.run(async (win) => {
      const width = Math.round(options.width * options.scale);
      const height = Math.round(options.height * options.scale);
      win.setContentSize(width, height);
      await this.load(win, html);
      win.webContents.setZoomFactor(options.scale);
      // Let the zoomed page paint before capturing it.
      await new Promise((r) => setTimeout(r, 150));
      let image = await win.webContents.capturePage({ x: 0, y: 0, width, height });
      const size = image.getSize();
      if (size.width !== width || size.height !== height) image = image.resize({ width, height, quality: 'best' });
      return image.toPNG();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.queue.catch(() => {});
    this.destroyWindow();
  }
}

export function createElectronPrinter(): ReportPrinter {
  return new ElectronPrinter();
}
