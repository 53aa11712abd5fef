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
    backendClosed: 0,
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

vi.mock('../../electron/services/backend.ts', () => ({
  defaultDbPath: (dir: string) => `${dir}/lap-insight.db`,
  createBackend: (options: Record<string, unknown>) => {
    h.events.push('createBackend');
    h.backendOptions = options;
    return {
      handlers: { 'app.info': async () => ({ name: 'LAP Insight', version: '0.1.0', databasePath: options.dbPath, schemaVersion: 1, transport: 'electron' }) },
      close: () => h.backendClosed++,
    };
  },
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

    expect(h.backendOptions).toMatchObject({ dbPath: '/data/test.db', transport: 'electron', assetsDir: '/fake/app/assets' });
    expect(h.backendOptions!.nativeBinding).toBeUndefined(); // no .cache build under /fake/app
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

    // Every web contents is hardened, and the backend closes on quit.
    const contents = new FakeWebContents(9);
    h.appListeners.get('web-contents-created')!({}, contents);
    expect(contents.windowOpenHandler).toBeTypeOf('function');
    h.appListeners.get('will-quit')!();
    expect(h.backendClosed).toBe(1);
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
