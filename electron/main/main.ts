/**
 * The Electron main process: a thin shell around the shared backend. It serves the built renderer at app://lap/,
 * locks the window down (security.ts), and answers the contract's channels over IPC (ipc.ts). Bundled by
 * scripts/build-electron.mjs to dist-electron/main.cjs, so __dirname is dist-electron/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, app, dialog, protocol, screen, session } from 'electron';
import type { AppNotice } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../services/backend.ts';
import { adoptLegacyDatabase, legacyDbPath, resolveDbPathWithSource } from '../services/db-path.ts';
import { registerIpc } from './ipc.ts';
import { installMenu, sendMenuAction, showAboutDialog } from './menu.ts';
import { createElectronPrinter } from './print.ts';
import { preloadPath, rendererRoot, resolveAssetsDir, resolveNativeBinding } from './paths.ts';
import { APP_INDEX_URL, APP_SCHEME, createProtocolHandler } from './protocol.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { buildWindowOptions } from './window-options.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

// Before 'ready': app:// behaves like https (standard URL parsing, secure context, fetch), and every renderer is sandboxed.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const mainDir = __dirname;
/** webContents ids of the windows created here: the only senders ipc.ts accepts. */
const ourWebContents = new Set<number>();
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let dbPath = '';

function fatal(title: string, err: unknown, hint = ''): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${title}: ${message}`);
  dialog.showErrorBox(title, `${message}${hint ? `\n\n${hint}` : ''}`);
  app.exit(1);
}

function createMainWindow(): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((d) => d.workArea);
  const state = loadWindowState(app.getPath('userData'), workAreas);
  const win = new BrowserWindow(
    buildWindowOptions({
      preloadPath: preloadPath(mainDir),
      bounds: state,
      devTools: !app.isPackaged,
      title: app.getName(),
    }),
  );
  const id = win.webContents.id;
  ourWebContents.add(id);
  win.on('closed', () => {
    ourWebContents.delete(id);
    if (mainWindow === win) mainWindow = null;
  });
  trackWindowState(win, app.getPath('userData'));
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.loadURL(APP_INDEX_URL).catch((err: unknown) => console.error('Could not load the app page:', err));
  mainWindow = win;
  return win;
}

function focusMainWindow(): void {
  const win = mainWindow ?? BrowserWindow.getAllWindows()[0];
  if (!win) {
    if (backend) createMainWindow();
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  // One rule for the app, the preview and the CLI (services/db-path.ts); here userData is Electron's own.
  const chosen = resolveDbPathWithSource(process.argv, process.env, { userDataDir: app.getPath('userData') });
  dbPath = chosen.path;
  const earlyNotices: AppNotice[] = [];
  const assetsDir = resolveAssetsDir({ env: process.env, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot });
  const nativeBinding = resolveNativeBinding({ isPackaged: app.isPackaged, appRoot, electronVersion: process.versions.electron, exists: existsSync });
  if (!app.isPackaged && process.versions.electron && !nativeBinding) {
    console.warn('No better-sqlite3 build for this Electron in .cache/electron-native; run `node scripts/electron-native.mjs`.');
  }

  try {
    const copied = chosen.source === 'default' ? adoptLegacyDatabase(dbPath, legacyDbPath({ home: app.getPath('home') })) : null;
    if (copied) earlyNotices.push({ level: 'info', code: 'copied-legacy-database', message: copied, at: new Date().toISOString() });
    backend = createBackend({ dbPath, transport: 'electron', assetsDir, printer: createElectronPrinter(), notices: earlyNotices, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    const abiMismatch = /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/i.test(
      String((err as Error)?.message ?? err),
    );
    fatal(
      'LAP Insight could not open its database',
      err,
      abiMismatch && !app.isPackaged
        ? 'The SQLite module is built for Node, not Electron. Run `node scripts/electron-native.mjs` (needs the network once), then start again.'
        : (err as Error)?.name === 'StorageError'
          ? '' // a read-only folder, a full disk...: already a plain sentence naming the folder and --db / LAP_INSIGHT_DB
          : `Database: ${dbPath}\nYou can choose another file with --db PATH or the LAP_INSIGHT_DB environment variable.`,
    );
    return;
  }

  const root = rendererRoot(mainDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    console.error(`The renderer is not built (no ${path.join(root, 'index.html')}); run \`npm run build:renderer\`.`);
  }
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createProtocolHandler(root));
  registerIpc(backend.handlers, (id) => ourWebContents.has(id));
  const menuContext = { appName: app.getName(), version: app.getVersion(), dbPath, isMac: process.platform === 'darwin', isPackaged: app.isPackaged };
  installMenu({
    ...menuContext,
    send: (action) => sendMenuAction(action, BrowserWindow.getFocusedWindow() ?? mainWindow),
    showAbout: () => showAboutDialog(menuContext, BrowserWindow.getFocusedWindow() ?? mainWindow),
  });
  const win = createMainWindow();
  tellStartupNotices(backend, win);
}

/** What the backend did by itself at start-up (a damaged database replaced by a backup...), said in plain words. */
function tellStartupNotices(opened: Backend, win: BrowserWindow): void {
  const notices = opened.notices ?? [];
  if (notices.length === 0) return;
  for (const n of notices) console.warn(`LAP Insight: ${n.message}`);
  const restored = notices.some((n) => n.code === 'restored-backup' || n.code === 'started-fresh');
  const options = {
    type: 'warning' as const,
    title: app.getName(),
    message: restored ? 'LAP Insight repaired its database' : 'LAP Insight needs you to know something',
    detail: notices.map((n) => n.message).join('\n\n'),
    buttons: ['OK'],
  };
  // After the window is up, so the message has a parent and is not lost behind a splash of white.
  win.once('ready-to-show', () => void dialog.showMessageBox(win, options));
}

if (!app.requestSingleInstanceLock()) {
  // Another LAP Insight is running: it gets focused (second-instance) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // Every web contents, including any the app did not mean to create, gets the navigation and window rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', focusMainWindow);
  app.on('will-quit', () => {
    backend?.close();
    backend = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('LAP Insight could not start', err));
}
