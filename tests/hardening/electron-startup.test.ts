/**
 * What the Electron shell shows at start-up when the backend had something to say: a storage failure becomes a
 * native error box with the plain sentence (no white window), and start-up notices (a restored backup) become a
 * message box once the window is ready. Electron and the backend process are mocked, as in
 * tests/electron/main.test.ts: the backend's start-up failure arrives over the split as a BackendStartError carrying
 * the error's name and message (backend/split/client.ts), which is what the stand-in gives here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../../backend/safety/storage-errors.ts';

const h = vi.hoisted(() => ({
  ready: undefined as undefined | (() => void),
  errorBoxes: [] as { title: string; message: string }[],
  messageBoxes: [] as Record<string, unknown>[],
  exits: [] as number[],
  windows: [] as { emit(event: string): void }[],
  backend: (() => undefined) as () => unknown,
}));

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter, FakeWebContents: Contents } = await import('../electron/fakes.ts');
  class BrowserWindow extends Emitter {
    webContents = new Contents(100 + h.windows.length);
    constructor(_options: unknown) {
      super();
      h.windows.push(this);
    }
    static getAllWindows = () => h.windows;
    static getFocusedWindow = () => null;
    loadURL = () => Promise.resolve();
    isDestroyed = () => false;
    isMinimized = () => false;
    show() {}
    maximize() {}
  }
  return {
    app: {
      isPackaged: false,
      on: () => {},
      requestSingleInstanceLock: () => true,
      enableSandbox: () => {},
      whenReady: () => new Promise<void>((resolve) => (h.ready = resolve)),
      getPath: (name: string) => `/fake/${name}`,
      getAppPath: () => '/fake/app',
      getName: () => 'LAP Insight',
      getVersion: () => '0.1.0',
      quit: () => {},
      exit: (code: number) => h.exits.push(code),
    },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {}, setDevicePermissionHandler: () => {}, webRequest: { onBeforeRequest: () => {} } } },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    dialog: {
      showErrorBox: (title: string, message: string) => h.errorBoxes.push({ title, message }),
      showMessageBox: async (_win: unknown, options: Record<string, unknown>) => {
        h.messageBoxes.push(options);
        return { response: 0 };
      },
    },
    shell: { openExternal: async () => {} },
    BrowserWindow,
  };
});

vi.mock('../../electron/main/backend-process.ts', async () => {
  const { BackendStartError } = await import('../../backend/split/client.ts');
  return {
    startBackendProcess: () => {
      let ready: Promise<unknown>;
      try {
        const opened = h.backend() as { notices: unknown[] };
        ready = Promise.resolve(opened.notices);
      } catch (err) {
        // What crosses the process boundary: the error's name and message.
        ready = Promise.reject(new BackendStartError((err as Error).name, (err as Error).message));
      }
      ready.catch(() => {});
      return {
        remote: { ready, call: async () => ({ ok: true, value: { schemaVersion: 1 } }) },
        stop: async () => {},
      };
    },
  };
});
vi.mock('../../backend/logfile.ts', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  openLog: (dir: string) => ({ dir, file: `${dir}/main.log`, write: () => {} }),
}));
vi.mock('../../electron/main/window-state.ts', () => ({
  loadWindowState: () => ({ width: 1280, height: 820, maximized: false }),
  trackWindowState: () => {},
}));

async function start(): Promise<void> {
  vi.resetModules();
  await import('../../electron/main/main.ts');
  h.ready!();
  await new Promise((r) => setTimeout(r, 20));
}

beforeEach(() => {
  h.errorBoxes.length = 0;
  h.messageBoxes.length = 0;
  h.exits.length = 0;
  h.windows.length = 0;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

describe('Electron start-up messages', () => {
  it('a read-only location: one error box with the plain sentence, then exit (no window)', async () => {
    const message = 'LAP Insight cannot save to /media/usb because the folder is read-only. Choose another place with --db or LAP_INSIGHT_DB.';
    h.backend = () => {
      throw new StorageError('read-only', 'SQLITE_CANTOPEN', '/media/usb/lap-insight.db', message);
    };
    await start();
    expect(h.errorBoxes).toEqual([{ title: 'LAP Insight could not open its database', message }]);
    expect(h.exits).toEqual([1]);
    expect(h.windows).toHaveLength(0);
  });

  it('any other start-up failure still names the database and the way out', async () => {
    h.backend = () => {
      throw new Error('This database was written by a newer version of LAP Insight (schema 99; this version knows up to 21).');
    };
    await start();
    expect(h.errorBoxes[0]!.message).toMatch(/newer version[\s\S]*Database: .*lap-insight\.db\nYou can choose another file with --db PATH or the LAP_INSIGHT_DB environment variable\./);
  });

  it('start-up notices: a message box once the window is ready', async () => {
    const notice = {
      level: 'warning',
      code: 'restored-backup',
      message: 'Your database was damaged, so LAP Insight restored the backup from 23 November 2026 at 14:02. Changes made after that time are not in it. The damaged file was kept as /x/lap-insight.db.corrupt-20261123-140500.',
      at: '2026-11-23T14:05:00.000Z',
    };
    h.backend = () => ({ handlers: {}, notices: [notice], close: () => {} });
    await start();
    expect(h.messageBoxes).toEqual([]); // not before the window is there
    h.windows[0]!.emit('ready-to-show');
    expect(h.messageBoxes).toEqual([
      expect.objectContaining({ type: 'warning', title: 'LAP Insight', message: 'LAP Insight repaired its database', detail: notice.message, buttons: ['OK'] }),
    ]);
    expect(h.errorBoxes).toEqual([]);
  });

  it('no notices, no message box', async () => {
    h.backend = () => ({ handlers: {}, notices: [], close: () => {} });
    await start();
    h.windows[0]!.emit('ready-to-show');
    expect(h.messageBoxes).toEqual([]);
  });
});
