/**
 * The Electron main process: a thin shell around the backend, which runs in its own utilityProcess
 * (backend-process.ts; main never opens the database). Main serves the built renderer at app://lap/, locks the
 * window down (security.ts), forwards the contract's channels from checked senders (ipc.ts), prints for the backend
 * (print.ts), and keeps the log (userData/logs). Bundled by scripts/build-electron.mjs to dist-electron/main.cjs
 * (and the backend to dist-electron/backend.cjs), so __dirname is dist-electron/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, app, dialog, protocol, screen, session } from 'electron';
import type { AppNotice, Reply } from '../../shared/contract.ts';
import { APP_VERSION } from '../../shared/app-info.ts';
import { errorReply } from '../../shared/errors.ts';
import { adoptLegacyDatabase, legacyDbPath, resolveDbPathWithSource } from '../../backend/db-path.ts';
import { logDir, openLog, type AppLog } from '../../backend/logfile.ts';
import type { SplitBackendOptions } from '../../backend/split/messages.ts';
import { startBackendProcess, type BackendProcess } from './backend-process.ts';
import { logProcessErrors, watchWindowHealth } from './crash.ts';
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
let backend: BackendProcess | null = null;
let dbPath = '';
let log: AppLog | null = null;
/** Restarts of a backend process that stopped by itself, this run (a crash loop gives up after MAX_RESTARTS). */
let restarts = 0;
const MAX_RESTARTS = 3;
let quitting = false;
/** Electron's printToPDF and capturePage, used for the backend's PDF and map exports. */
let printer: ReturnType<typeof createElectronPrinter> | null = null;

function fatal(title: string, err: unknown, hint = ''): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`${title}: ${message}`);
  log?.write('error', `${title}: ${message}`);
  quitting = true;
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
  if (log) {
    watchWindowHealth(win, {
      log,
      appName: app.getName(),
      ask: async (parent, options) => (await dialog.showMessageBox(parent, options)).response,
    });
  }
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
  log = openLog(logDir(app.getPath('userData')));
  logProcessErrors(log);
  log.write('info', `${app.getName()} ${app.getVersion() || APP_VERSION} starting (Electron ${process.versions.electron ?? '?'}, ${process.platform} ${process.arch}).`);
  // One rule for the app, the preview and the CLI (services/db-path.ts); here userData is Electron's own.
  const chosen = resolveDbPathWithSource(process.argv, process.env, { userDataDir: app.getPath('userData') });
  dbPath = chosen.path;
  const earlyNotices: AppNotice[] = [];
  // Copy (never move) a database from the old default folder on first use, before the backend opens the file.
  const copied = chosen.source === 'default' ? adoptLegacyDatabase(dbPath, legacyDbPath({ home: app.getPath('home') })) : null;
  if (copied) earlyNotices.push({ level: 'info', code: 'copied-legacy-database', message: copied, at: new Date().toISOString() });
  const assetsDir = resolveAssetsDir({ env: process.env, isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot });
  const nativeBinding = resolveNativeBinding({ isPackaged: app.isPackaged, appRoot, electronVersion: process.versions.electron, exists: existsSync });
  if (!app.isPackaged && process.versions.electron && !nativeBinding) {
    console.warn('No better-sqlite3 build for this Electron in .cache/electron-native; run `node scripts/electron-native.mjs`.');
  }

  const electronPrinter = createElectronPrinter();
  printer = electronPrinter;
  const options: SplitBackendOptions = { dbPath, transport: 'electron', assetsDir, printer: 'host', notices: earlyNotices, ...(nativeBinding ? { nativeBinding } : {}) };
  const launch = (): BackendProcess =>
    startBackendProcess({
      mainDir,
      options,
      printer: electronPrinter,
      log: (level, message) => log?.write(level, message),
      onUnexpectedExit: (code) => {
        log?.write('error', `The data service stopped unexpectedly (exit ${code}).`);
        if (quitting) return;
        if (++restarts > MAX_RESTARTS) {
          fatal('LAP Insight’s data service keeps stopping', new Error(`It stopped ${restarts} times (last exit code ${code}).`), `The log is in ${log?.dir ?? 'the logs folder'}.`);
          return;
        }
        // Calls in flight have failed with a plain message; the next ones go to a fresh process.
        backend = launch();
        backend.remote.ready.then(
          () => log?.write('info', 'The data service was started again.'),
          (err: unknown) => log?.write('error', `The data service could not start again: ${(err as Error).message}`),
        );
      },
    });
  let notices: AppNotice[];
  try {
    backend = launch();
    notices = await backend.remote.ready;
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
  const unavailable = (channel: string): Reply<unknown> => errorReply('internal', channel, 'The data service is not running.');
  registerIpc((channel, args) => (backend ? backend.remote.call(channel, args) : Promise.resolve(unavailable(channel))), (id) => ourWebContents.has(id));
  const info = await backend.remote.call('app.info', {});
  const schemaVersion = info.ok ? (info.value as { schemaVersion: number }).schemaVersion : undefined;
  log?.write('info', `Database ${dbPath}, schema version ${schemaVersion ?? 'unknown'}.`);
  const menuContext = {
    appName: app.getName(),
    version: app.getVersion(),
    dbPath,
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    ...(schemaVersion !== undefined ? { schemaVersion } : {}),
    ...(log ? { logFile: log.file } : {}),
  };
  installMenu({
    ...menuContext,
    send: (action) => sendMenuAction(action, BrowserWindow.getFocusedWindow() ?? mainWindow),
    showAbout: () => showAboutDialog(menuContext, BrowserWindow.getFocusedWindow() ?? mainWindow),
  });
  const win = createMainWindow();
  tellStartupNotices(notices, win);
}

/** What the backend did by itself at start-up (a damaged database replaced by a backup...), said in plain words. */
function tellStartupNotices(notices: AppNotice[], win: BrowserWindow): void {
  if (notices.length === 0) return;
  for (const n of notices) {
    console.warn(`LAP Insight: ${n.message}`);
    log?.write('warn', `Start-up notice: ${n.code}.`);
  }
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
    quitting = true;
    void backend?.stop();
    backend = null;
    void printer?.close();
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('LAP Insight could not start', err));
}
