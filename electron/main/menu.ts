/**
 * The application menu. Items that need the UI send a MenuAction to the focused window over MENU_CHANNEL
 * (the preload exposes it as `window.lap.onMenu`); About is a native dialog, since main knows the version
 * and the database path.
 */
import { BrowserWindow, Menu, dialog, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuAction } from '../preload/api-types.ts';

export interface MenuContext {
  appName: string;
  version: string;
  dbPath: string;
  isMac: boolean;
  /** DevTools are offered only in development. */
  isPackaged: boolean;
  send(action: MenuAction): void;
  showAbout(): void;
}

export function aboutText(ctx: Pick<MenuContext, 'appName' | 'version' | 'dbPath'>, versions: { electron?: string; chrome?: string; node?: string } = {}): { message: string; detail: string } {
  const runtime = [versions.electron && `Electron ${versions.electron}`, versions.chrome && `Chromium ${versions.chrome}`, versions.node && `Node ${versions.node}`]
    .filter(Boolean)
    .join(', ');
  return {
    message: `${ctx.appName} ${ctx.version}`,
    detail:
      'Offline Local Area Partnership profiles for West and North Northamptonshire.\n\n' +
      `Database:\n${ctx.dbPath}` +
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
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { label: '&View', submenu: view },
    {
      label: '&Help',
      role: 'help',
      submenu: [
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

export function showAboutDialog(ctx: Pick<MenuContext, 'appName' | 'version' | 'dbPath'>, parent: BrowserWindow | null): void {
  const { message, detail } = aboutText(ctx, process.versions as { electron?: string; chrome?: string; node?: string });
  const options = { type: 'info' as const, title: `About ${ctx.appName}`, message, detail, buttons: ['OK'] };
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

export function installMenu(ctx: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(ctx)));
}
