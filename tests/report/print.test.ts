/**
 * The Electron printer (electron/main/print.ts) with a mocked electron: the window is hidden, sandboxed, offscreen,
 * without JavaScript, in its own in-memory partition; the session is locked down and serves only the one document;
 * the PDF options match the Node printer's; jobs run one at a time; the window goes away when idle or on close.
 * (The Electron binary cannot run here, so printToPDF itself is not exercised.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageSettings } from '../../backend/report/printer.ts';

const h = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>;
    urls: string[];
    printed: unknown[];
    destroyed: boolean;
    zoom: number;
    size: [number, number];
  }[],
  partitions: [] as string[],
  protocolHandler: undefined as undefined | ((req: Request) => Response | Promise<Response>),
  blocked: undefined as undefined | { urls: string[] },
  permission: undefined as undefined | ((...a: unknown[]) => void),
  order: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof h.windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      this.record = { options, urls: [], printed: [], destroyed: false, zoom: 1, size: [0, 0] };
      h.windows.push(this.record);
      const rec = this.record;
      this.webContents = {
        setWindowOpenHandler: () => {},
        on: () => {},
        printToPDF: async (opts: unknown) => {
          rec.printed.push(opts);
          h.order.push(`print ${rec.urls.length}`);
          await new Promise((r) => setTimeout(r, 5));
          return Buffer.from('%PDF-1.4 fake');
        },
        setZoomFactor: (z: number) => (rec.zoom = z),
        capturePage: async (rect: { width: number; height: number }) => ({
          getSize: () => ({ width: rect.width / 2, height: rect.height / 2 }),
          resize: (s: { width: number; height: number }) => ({ toPNG: () => Buffer.from(`png ${s.width}x${s.height}`) }),
          toPNG: () => Buffer.from('png'),
        }),
      };
    }
    loadURL(url: string) {
      this.record.urls.push(url);
      h.order.push(`load ${this.record.urls.length}`);
      return Promise.resolve();
    }
    setContentSize(w: number, hh: number) {
      this.record.size = [w, hh];
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return {
    BrowserWindow,
    session: {
      fromPartition: (p: string) => {
        h.partitions.push(p);
        return {
          setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (h.permission = fn),
          setPermissionCheckHandler: () => {},
          setDevicePermissionHandler: () => {},
          webRequest: { onBeforeRequest: (filter: { urls: string[] }) => (h.blocked = filter) },
          protocol: { handle: (_scheme: string, fn: (req: Request) => Response) => (h.protocolHandler = fn) },
        };
      },
    },
  };
});

const print = await import('../../electron/main/print.ts');

beforeEach(() => {
  h.windows.length = 0;
  h.order.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Electron printer: pure parts', () => {
  it('opens a hidden, sandboxed, offscreen window without JavaScript, in its own in-memory partition', () => {
    const o = print.printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      partition: print.PRINT_PARTITION,
      offscreen: true,
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(print.PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(o.webPreferences).not.toHaveProperty('preload');
  });

  it('uses the same page settings as the Node printer, with margins in inches, a tagged PDF and an outline', () => {
    const opts = { headerTitle: 'N4 – Local Area Profile', footerText: 'Produced today' };
    const s = pageSettings(opts);
    const e = print.electronPdfOptions(opts);
    expect(e).toMatchObject({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      headerTemplate: s.headerTemplate,
      footerTemplate: s.footerTemplate,
    });
    expect(e.margins!.top).toBeCloseTo(s.marginMm.top / 25.4, 6);
    expect(e.margins!.left).toBeCloseTo(s.marginMm.left / 25.4, 6);
    expect(e.footerTemplate).toContain('<span class="pageNumber"></span> of <span class="totalPages"></span>');
    expect(print.electronPdfOptions({ headerTitle: '<b>&"x\'', footerText: '' }).headerTemplate).toContain('&lt;b&gt;&amp;&quot;x&#39;');
  });

  it('loads small documents from a data: URL and large ones through the partition protocol', () => {
    const small = '<p>hi</p>';
    expect(print.documentUrl(small)).toBe(`data:text/html;charset=utf-8;base64,${Buffer.from(small).toString('base64')}`);
    expect(print.documentUrl('x'.repeat(print.DATA_URL_LIMIT + 1))).toBe(print.PRINT_DOCUMENT_URL);
  });
});

describe('Electron printer: session and jobs', () => {
  it('locks the print session down and serves only the current document, with a CSP', async () => {
    const printer = print.createElectronPrinter();
    const big = `<!DOCTYPE html><title>x</title>${'<p>x</p>'.repeat(300_000)}`;
    await printer.pdf(big, { headerTitle: 'N4', footerText: '' });
    expect(h.partitions).toContain(print.PRINT_PARTITION);
    expect(h.blocked!.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file:///*']));
    let allowed: boolean | undefined;
    h.permission!(null, 'media', (ok: boolean) => (allowed = ok));
    expect(allowed).toBe(false);
    expect(h.windows[0]!.urls).toEqual([print.PRINT_DOCUMENT_URL]);
    // While the window is alive the handler serves the document it printed last; anything else is 404.
    const ok = await h.protocolHandler!(new Request(print.PRINT_DOCUMENT_URL));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(print.PRINT_CSP);
    expect((await ok.text()).length).toBe(big.length);
    expect((await h.protocolHandler!(new Request('lap-print://report/other.html'))).status).toBe(404);
    await printer.close();
    expect((await h.protocolHandler!(new Request(print.PRINT_DOCUMENT_URL))).status).toBe(404);
  });

  it('prints one job at a time in one window, and destroys the window on close', async () => {
    const printer = print.createElectronPrinter();
    const opts = { headerTitle: 'N4', footerText: 'x' };
    const [a, b] = await Promise.all([printer.pdf('<p>a</p>', opts), printer.pdf('<p>b</p>', opts)]);
    expect(a.toString()).toBe('%PDF-1.4 fake');
    expect(b.toString()).toBe('%PDF-1.4 fake');
    expect(h.windows).toHaveLength(1);
    expect(h.order).toEqual(['load 1', 'print 1', 'load 2', 'print 2']);
    expect(h.windows[0]!.printed[0]).toEqual(print.electronPdfOptions(opts));
    await printer.close();
    expect(h.windows[0]!.destroyed).toBe(true);
    await expect(printer.pdf('<p>c</p>', opts)).rejects.toThrow(/closed/);
  });

  it('captures the map at the asked resolution (zoomed, resized to the exact size)', async () => {
    const printer = print.createElectronPrinter();
    const png = await printer.png('<svg></svg>', { width: 794, height: 559, scale: 300 / 96 });
    expect(png.toString()).toBe('png 2481x1747');
    expect(h.windows[0]!.zoom).toBeCloseTo(3.125);
    expect(h.windows[0]!.size).toEqual([2481, 1747]);
    await printer.close();
  });

  it('destroys an idle window, so it never keeps the app from quitting', async () => {
    vi.useFakeTimers();
    const printer = print.createElectronPrinter();
    const job = printer.pdf('<p>a</p>', { headerTitle: 'N4', footerText: '' });
    await vi.advanceTimersByTimeAsync(10);
    await job;
    expect(h.windows[0]!.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(print.IDLE_CLOSE_MS + 10);
    expect(h.windows[0]!.destroyed).toBe(true);
    // The next job opens a fresh window.
    const next = printer.pdf('<p>b</p>', { headerTitle: 'N4', footerText: '' });
    await vi.advanceTimersByTimeAsync(10);
    await next;
    expect(h.windows).toHaveLength(2);
    await printer.close();
  });
});
