/**
 * The application menu. Items that need the UI send a MenuAction to the focused window over MENU_CHANNEL
 * (the preload exposes it as `window.lap.onMenu`); About is a native dialog, since main knows the version
 * and the database path.
 */
import path from 'node:path';
import { BrowserWindow, Menu, dialog, shell, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuAction } from '../preload/api-types.ts';

export interface MenuContext {
  appName: string;
  version: string;
  dbPath: string;
  isMac: boolean;
  /** DevTools are offered only in development. */
  isPackaged: boolean;
  /** The database's schema version, once the backend has said it (About, the log). */
  schemaVersion?: number;
  /** The log file (About links to its folder). */
  logFile?: string;
  send(action: MenuAction): void;
  showAbout(): void;
}

type AboutContext = Pick<MenuContext, 'appName' | 'version' | 'dbPath' | 'schemaVersion' | 'logFile'>;

export function aboutText(ctx: AboutContext, versions: { electron?: string; chrome?: string; node?: string } = {}): { message: string; detail: string } {
  const runtime = [versions.electron && `Electron ${versions.electron}`, versions.chrome && `Chromium ${versions.chrome}`, versions.node && `Node ${versions.node}`]
    .filter(Boolean)
    .join(', ');
  return {
    message: `${ctx.appName} ${ctx.version}`,
    detail:
      'Offline Local Area Partnership profiles for West and North Northamptonshire.\n\n' +
      `Database:\n${ctx.dbPath}` +
      (ctx.schemaVersion !== undefined ? `\nSchema version ${ctx.schemaVersion}` : '') +
      (ctx.logFile ? `\n\nLog file (no personal data):\n${ctx.logFile}` : '') +
      (runtime ? `\n\n${runtime}` : ''),
  };
}

export function buildMenuTemplate(ctx: MenuContext): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${ctx.appName}`, click: () => ctx.showAbout() };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(ctx.isPackaged ? [] : ([{ role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(ctx.isMac
      ? ([{ label: ctx.appName, submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] }] as MenuItemConstructorOptions[])
      : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import LAPs…', accelerator: 'CmdOrCtrl+O', click: () => ctx.send('menu:import') },
        { label: 'Import data…', accelerator: 'CmdOrCtrl+Shift+O', click: () => ctx.send('menu:import-data') },
        { label: 'Import places…', click: () => ctx.send('menu:import-places') },
        { type: 'separator' },
        ctx.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      // Undo/Redo reach the app's own history (LAP edits) over the menu channel; the renderer falls back to the
      // text field's own undo when one has focus (renderer/src/shell/menuUndo.ts). role: 'undo' would bypass the app.
      submenu: [
        { id: 'undo', label: '&Undo', accelerator: 'CmdOrCtrl+Z', click: () => ctx.send('menu:undo') },
        { id: 'redo', label: '&Redo', accelerator: ctx.isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y', click: () => ctx.send('menu:redo') },
        { type: 'separator' },         { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: view },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: `${ctx.appName} Help`, accelerator: 'F1', click: () => ctx.send('menu:help') },
        { label: 'Data sources and licences', click: () => ctx.send('menu:sources') },
        { label: 'Bringing your own data', click: () => ctx.send('menu:import-guide') },
        ...(ctx.isMac ? [] : ([{ type: 'separator' }, about] as MenuItemConstructorOptions[])),
      ],
    },
  ];
}

/** Sends a menu action to the focused app window (or the given one). */
export function sendMenuAction(action: MenuAction, target: BrowserWindow | null = BrowserWindow.getFocusedWindow()): void {
  if (target && !target.isDestroyed()) target.webContents.send(MENU_CHANNEL, action);
}

/** The About buttons: OK, and (when there is a log) one that opens the log folder. */
export function aboutButtons(ctx: Pick<AboutContext, 'logFile'>): string[] {
  return ctx.logFile ? ['OK', 'Open log folder'] : ['OK'];
}

export function showAboutDialog(ctx: AboutContext, parent: BrowserWindow | null, openFolder: (dir: string) => Promise<string> = shell.openPath): void {
  const { message, detail } = aboutText(ctx, process.versions);
  const options = { type: 'info' as const, title: `About ${ctx.appName}`, message, detail, buttons: aboutButtons(ctx), defaultId: 0, cancelId: 0, noLink: true };
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)).then(({ response }) => {
    if (response === 1 && ctx.logFile) void openFolder(path.dirname(ctx.logFile));
  });
}

export function installMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx)));
}
