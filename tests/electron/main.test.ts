/**
 * Start-up wiring of electron/main/main.ts with a mocked Electron and backend: the order of the calls that cannot
 * be exercised without the Electron binary.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/contract.ts';
import { FakeWebContents } from './fakes.ts';

const h = vi.hoisted(() => {
  const state = {
    gotLock: true,
    ready: undefined as undefined | (() => void),
    events: [] as string[],
    schemes: undefined as unknown,
    protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
    ipc: new Map<string, (...args: unknown[]) => Promise<unknown>>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    backendOptions: undefined as undefined | Record<string, unknown>,
    backendStarts: [] as { onUnexpectedExit?: (code: number) => void; printer?: unknown; mainDir: string }[],
    backendClosed: 0,
    logged: [] as string[],
    menuSet: false,
  };
  return state;
});

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter, FakeWebContents: Contents } = await import('./fakes.ts');
  class BrowserWindow extends Emitter {
    static all: BrowserWindow[] = [];
    webContents = new Contents(100 + h.windows.length);
    record: { options: Record<string, unknown>; url?: string };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options };
      h.windows.push(this.record);
      BrowserWindow.all.push(this);
    }
    static getAllWindows = () => BrowserWindow.all;
    static getFocusedWindow = () => null;
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
  }
  return {
    app: {
      isPackaged: false,
      on: (event: string, listener: (...args: unknown[]) => void) => h.appListeners.set(event, listener),
      requestSingleInstanceLock: () => {
        h.events.push('lock');
        return h.gotLock;
      },
      enableSandbox: () => h.events.push('enableSandbox'),
      whenReady: () => new Promise<void>((resolve) => (h.ready = resolve)),
      getPath: (name: string) => `/fake/${name}`,
      getAppPath: () => '/fake/app',
      getName: () => 'LAP Insight',
      getVersion: () => '0.1.0',
      quit: () => h.events.push('quit'),
      exit: (code: number) => h.events.push(`exit ${code}`),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => {
        h.events.push('registerSchemes');
        h.schemes = schemes;
      },
      handle: (scheme: string, handler: (req: Request) => Promise<Response>) => {
        h.events.push('protocol.handle');
        h.protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => h.events.push('permissions'),
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
        webRequest: { onBeforeRequest: () => {} },
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => Promise<unknown>) => h.ipc.set(channel, handler),
      removeHandler: (channel: string) => h.ipc.delete(channel),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => (h.menuSet = true) },
    dialog: { showErrorBox: (title: string) => h.events.push(`errorBox ${title}`), showMessageBox: async () => ({}) },
    shell: { openExternal: async () => {} },
    BrowserWindow,
  };
});

// Main never loads SQLite: the backend runs in its own process. Importing it here would fail the test.
vi.mock('better-sqlite3', () => {
  throw new Error('the main process imported better-sqlite3');
});

vi.mock('../../electron/main/backend-process.ts', () => ({
  startBackendProcess: (start: { options: Record<string, unknown>; onUnexpectedExit?: (code: number) => void; printer?: unknown; mainDir: string }) => {
    h.events.push('startBackendProcess');
    h.backendOptions = start.options;
    h.backendStarts.push(start);
    const options = start.options;
    return {
      pid: 4242,
      remote: {
        ready: Promise.resolve([]),
        call: async (channel: string) =>
          channel === 'app.info'
            ? { ok: true, value: { name: 'LAP Insight', version: '0.1.0', databasePath: options.dbPath, schemaVersion: 12, transport: 'electron' } }
            : { ok: false, error: { kind: 'internal', channel, message: 'Not in this test.' } },
      },
      stop: async () => {
        h.backendClosed++;
      },
    };
  },
}));

// The log goes to memory, not /fake/userData/logs.
vi.mock('../../backend/logfile.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  openLog: (dir: string) => ({ dir, file: `${dir}/main.log`, write: (level: string, message: string) => h.logged.push(`${level} ${message}`) }),
}));

// Window state is read from /fake/userData; keep the real file system out of it.
vi.mock('../../electron/main/window-state.ts', () => ({
  loadWindowState: () => ({ width: 1280, height: 820, maximized: false }),
  trackWindowState: () => {},
}));

const savedArgv = process.argv;
afterEach(() => {
  process.argv = savedArgv;
});

describe('main process start-up', () => {
  it('registers app:// before ready, then opens the backend, protocol, IPC, menu and window', async () => {
    process.argv = ['electron', '.', '--db', '/data/test.db'];
    await import('../../electron/main/main.ts');

    expect(h.events.slice(0, 3)).toEqual(['registerSchemes', 'enableSandbox', 'lock']);
    expect(h.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(h.backendOptions).toBeUndefined(); // nothing happens before 'ready'

    h.ready!();
    await vi.waitFor(() => expect(h.windows).toHaveLength(1));

    // The backend process is told where the database and data are, and to print through main (printToPDF).
    expect(h.backendOptions).toEqual({ dbPath: '/data/test.db', transport: 'electron', assetsDir: '/fake/app/assets', printer: 'host', notices: [] });
    expect(h.backendStarts[0]!.printer).toBeDefined();
    expect(h.backendOptions!.nativeBinding).toBeUndefined(); // no .cache build under /fake/app
    // The log says what is running on which database (userData/logs/main.log).
    expect(h.logged.join('\n')).toMatch(/info LAP Insight 0\.1\.0 starting/);
    expect(h.logged).toContain('info Database /data/test.db, schema version 12.');
    expect(h.events.indexOf('permissions')).toBeLessThan(h.events.indexOf('protocol.handle'));
    expect([...h.protocolHandlers.keys()]).toEqual(['app']);
    expect([...h.ipc.keys()].sort()).toEqual(channels.map((c) => `lap:${c}`).sort());
    expect(h.menuSet).toBe(true);

    const [win] = h.windows;
    expect(win!.url).toBe('app://lap/index.html');
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);

    // The window main.ts created may call the backend; the same call from a stranger is forbidden.
    const { BrowserWindow } = await import('electron');
    const created = (BrowserWindow as unknown as { all: { webContents: FakeWebContents }[] }).all[0]!.webContents;
    const invoke = h.ipc.get('lap:app.info')!;
    await expect(invoke({ sender: created, senderFrame: created.mainFrame }, {})).resolves.toMatchObject({ ok: true, value: { databasePath: '/data/test.db' } });
    const stranger = new FakeWebContents(5);
    await expect(invoke({ sender: stranger, senderFrame: stranger.mainFrame }, {})).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    // The backend process stopping by itself is logged and it is started again; later calls go to the new one.
    h.backendStarts[0]!.onUnexpectedExit!(70);
    expect(h.backendStarts).toHaveLength(2);
    expect(h.logged).toContain('error The data service stopped unexpectedly (exit 70).');
    await expect(invoke({ sender: created, senderFrame: created.mainFrame }, {})).resolves.toMatchObject({ ok: true });

    // Every web contents is hardened, and the backend closes on quit.
    const contents = new FakeWebContents(9);
    h.appListeners.get('web-contents-created')!({}, contents);
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    h.appListeners.get('will-quit')!();
    expect(h.backendClosed).toBe(1);
    // A process that leaves while the app quits is not restarted.
    h.backendStarts[1]!.onUnexpectedExit!(0);
    expect(h.backendStarts).toHaveLength(2);
  });

  it('quits at once when another instance holds the lock', async () => {
    vi.resetModules();
    h.events.length = 0;
    h.gotLock = false;
    h.appListeners.clear();
    await import('../../electron/main/main.ts');
    expect(h.events).toEqual(['registerSchemes', 'enableSandbox', 'lock', 'quit']);
    expect(h.appListeners.size).toBe(0);
  });
});
