/**
 * Shared set-up for the end-to-end tests: a real backend in a temporary folder, the loopback preview server with
 * the built renderer (dist/renderer), and Debian's Chromium driven by playwright-core with every non-loopback
 * request refused and recorded.
 *
 *   const h = await startHarness('lap-e2e-');
 *   const page = await h.openPage();      // console errors and offline requests are recorded in h.log
 *   await mapIdle(page);
 *   ...
 *   await h.close();
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { startPreviewServer, type PreviewServer } from '../../backend/preview/server.ts';

export const STATIC_DIR = path.resolve('dist/renderer');
export const RESULTS_DIR = path.resolve('test-results');

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-gpu-sandbox',
  // Belt and braces: no host name but loopback resolves. Requests are also routed and recorded below.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export interface PageLog {
  consoleErrors: string[];
  offline: string[];
  /** Local responses with an HTTP error status (a missing asset, a refused API call). */
  httpErrors: string[];
}

export interface Harness {
  tmpDir: string;
  backend: Backend;
  server: PreviewServer;
  browser: Browser;
  log: PageLog;
  /** Every URL the browser asked for, from any page or worker. */
  requests: string[];
  /** A fresh browser context (own storage) that refuses and records non-loopback requests. */
  newContext(): Promise<BrowserContext>;
  /** A new page in a new context, watched for console errors, opened on the app. */
  openPage(options?: { goto?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export function isLocal(url: string, port: number): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.port === String(port);
  } catch {
    return false;
  }
}

export function watchConsole(p: Page, into: string[]): void {
  p.on('console', (msg) => {
    if (msg.type() === 'error') into.push(msg.text());
  });
  p.on('pageerror', (err) => into.push(`pageerror: ${err.message}`));
}

export async function startHarness(prefix = 'lap-e2e-'): Promise<Harness> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built: ${STATIC_DIR}/index.html is missing. Run \`npm run build:renderer\` first (npm run test:e2e does it).`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const backend = createBackend({ dbPath: path.join(tmpDir, 'lap.db'), transport: 'test' });
  const server = await startPreviewServer({ handlers: backend.handlers, staticDir: STATIC_DIR });
  const browser = await chromium.launch({ executablePath: process.env.LAP_INSIGHT_CHROMIUM ?? '/usr/bin/chromium', args: LAUNCH_ARGS });
  const log: PageLog = { consoleErrors: [], offline: [], httpErrors: [] };
  const requests: string[] = [];

  const newContext = async (): Promise<BrowserContext> => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce', acceptDownloads: true });
    ctx.on('request', (req) => {
      requests.push(req.url());
      if (!isLocal(req.url(), server.port)) log.offline.push(req.url());
    });
    ctx.on('response', (res) => {
      if (res.status() >= 400) log.httpErrors.push(`${res.status()} ${res.url()}`);
    });
    await ctx.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url, server.port)) return route.continue();
      log.offline.push(url);
      return route.abort('blockedbyclient');
    });
    return ctx;
  };

  return {
    tmpDir,
    backend,
    server,
    browser,
    log,
    requests,
    newContext,
    async openPage(options) {
      const context = await newContext();
      const page = await context.newPage();
      watchConsole(page, log.consoleErrors);
      if (options?.goto !== false) await page.goto(server.openUrl);
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
      backend.close();
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the map has loaded and has nothing left to draw or animate. */
/**
 * A stand-in for the preload's menu bridge (window.lap.onMenu), as the Electron menu would drive it: every
 * subscriber hears each action (the app subscribes once, in renderer/src/shell/commands.ts), and
 * `window.__menu(action)` sends one.
 */
export async function installMenuBridge(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { lap: unknown; __menu?: (action: string) => void };
    w.lap = {
      onMenu(callback: (action: string) => void) {
        const previous = w.__menu;
        w.__menu = (action) => {
          previous?.(action);
          callback(action);
        };
        return () => undefined;
      },
    };
  });
}

export async function mapIdle(p: Page): Promise<void> {
  await p.waitForFunction(() => window.__lapMap?.loaded === true, undefined, { timeout: 60_000 });
  await p.evaluate(async () => {
    const map = window.__lapMap!.map;
    for (let i = 0; i < 3; i++) {
      // 'idle' fires after a frame with nothing pending; ask for a frame so it fires even if already idle.
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      if (!map.isMoving()) return;
    }
  });
}

/** Distinct colours and council-colour coverage of a PNG, decoded by the browser itself. */
export async function pngStats(p: Page, png: Buffer, west: number[], north: number[]) {
  return p.evaluate(
    async ({ b64, west, north }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      let westPx = 0;
      let northPx = 0;
      let total = 0;
      const near = (i: number, c: number[]) =>
        Math.abs(data[i]! - c[0]!) <= 6 && Math.abs(data[i + 1]! - c[1]!) <= 6 && Math.abs(data[i + 2]! - c[2]!) <= 6;
      for (let i = 0; i < data.length; i += 4) {
        colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
        if (near(i, west)) westPx++;
        else if (near(i, north)) northPx++;
        total++;
      }
      return { width: canvas.width, height: canvas.height, distinct: colours.size, westShare: westPx / total, northShare: northPx / total };
    },
    { b64: png.toString('base64'), west, north },
  );
}

/** [west, south, east, north] of a ward, from the backend's own geography. */
export async function wardBounds(backend: Backend, code: string): Promise<[number, number, number, number]> {
  const geography = await backend.handlers['geography.get']({});
  const ward = geography.wards.features.find((f) => f.properties.code === code);
  if (!ward) throw new Error(`no ward ${code}`);
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1] as number);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1] as number);
    } else c.forEach(walk);
  };
  walk(ward.geometry.coordinates);
  return b;
}

/**
 * Where on the page a ward can be clicked: its label point, if that is on the bare map (not under the legend, a
 * toolbar or a control) and hit-tests to the ward itself. Null when it cannot be clicked at the current view.
 */
export async function wardScreenPoint(p: Page, code: string): Promise<{ x: number; y: number } | null> {
  return p.evaluate((code) => {
    const map = window.__lapMap!.map;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const label = map.querySourceFeatures('ward-labels').find((f) => f.properties.code === code);
    if (!label || label.geometry.type !== 'Point') return null;
    const pt = map.project(label.geometry.coordinates as [number, number]);
    const [x, y] = [rect.left + pt.x, rect.top + pt.y];
    if (pt.x < 0 || pt.y < 0 || pt.x > rect.width || pt.y > rect.height) return null;
    if (document.elementFromPoint(x, y) !== canvas) return null;
    const hit = map.queryRenderedFeatures([pt.x, pt.y], { layers: ['ward-fill'] })[0];
    return hit?.properties.code === code ? { x, y } : null;
  }, code);
}
