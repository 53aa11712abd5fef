import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ BrowserWindow: { getFocusedWindow: () => null }, Menu: {}, dialog: {} }));
const { aboutButtons, aboutText, buildMenuTemplate } = await import('../../electron/main/menu.ts');
const { isMenuAction } = await import('../../electron/preload/api-types.ts');

function context(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  return { appName: 'LAP Insight', version: '0.1.0', dbPath: '/home/u/lap-insight.db', isMac: false, isPackaged: true, send: vi.fn(), showAbout: vi.fn(), ...overrides };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('application menu', () => {
  it('has File, Edit, View and Help with the standard roles', () => {
    const template = buildMenuTemplate(context());
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const roles = flatten(template).map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it("Edit ▸ Undo/Redo reach the app's own history over the menu channel, not Chromium's undo role", () => {
    for (const isMac of [false, true]) {
      const send = vi.fn();
      const ctx = context({ isMac, send });
      const edit = buildMenuTemplate(ctx).find((m) => m.label === '&Edit')!;
      const items = flatten([edit]);
      expect(items.some((i) => i.role === 'undo' || i.role === 'redo')).toBe(false);
      const undo = items.find((i) => i.id === 'undo')!;
      const redo = items.find((i) => i.id === 'redo')!;
      expect(undo).toMatchObject({ label: '&Undo', accelerator: 'CmdOrCtrl+Z' });
      expect(redo.accelerator).toBe(isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y');
      click(undo);
      click(redo);
      expect(send.mock.calls).toEqual([['menu:undo'], ['menu:redo']]);
    }
  });

  it('offers DevTools only in development', () => {
    expect(flatten(buildMenuTemplate(context({ isPackaged: true }))).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(flatten(buildMenuTemplate(context({ isPackaged: false }))).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('sends Import and "Data sources and licences" to the renderer and shows About natively', () => {
    const ctx = context();
    const items = flatten(buildMenuTemplate(ctx));
    click(items.find((i) => i.label === 'Import LAPs…'));
    expect(ctx.send).toHaveBeenCalledWith('menu:import');
    click(items.find((i) => i.label === 'Import data…'));
    expect(ctx.send).toHaveBeenCalledWith('menu:import-data');
    click(items.find((i) => i.label === 'Import places…'));
    expect(ctx.send).toHaveBeenCalledWith('menu:import-places');
    click(items.find((i) => i.label === 'Data sources and licences'));
    expect(ctx.send).toHaveBeenCalledWith('menu:sources');
    click(items.find((i) => i.label === 'Bringing your own data'));
    expect(ctx.send).toHaveBeenCalledWith('menu:import-guide');
    click(items.find((i) => i.label === 'About LAP Insight'));
    expect(ctx.showAbout).toHaveBeenCalled();
  });

  it('Help ▸ LAP Insight Help (F1) opens the in-app Help panel over the menu channel', () => {
    const ctx = context();
    const help = flatten(buildMenuTemplate(ctx)).find((i) => i.label === 'LAP Insight Help');
    expect(help?.accelerator).toBe('F1');
    expect(ctx.send).not.toHaveBeenCalled();
    click(help);
    expect(ctx.send).toHaveBeenCalledWith('menu:help');
  });

  it('puts About in the app menu on macOS', () => {
    const template = buildMenuTemplate(context({ isMac: true }));
    expect(template[0]!.label).toBe('LAP Insight');
    expect(flatten([template[0]!]).some((i) => i.label === 'About LAP Insight')).toBe(true);
  });

  it('About shows the version and the database path', () => {
    const { message, detail } = aboutText({ appName: 'LAP Insight', version: '0.1.0', dbPath: '/data/lap.db' }, { electron: '45.4.1' });
    expect(message).toBe('LAP Insight 0.1.0');
    expect(detail).toContain('/data/lap.db');
    expect(detail).toContain('Electron 45.4.1');
  });

  it('About names the schema version and the log file, and offers to open the log folder', () => {
    const ctx = { appName: 'LAP Insight', version: '0.1.0', dbPath: '/data/lap.db', schemaVersion: 12, logFile: '/u/.config/LAP Insight/logs/main.log' };
    const { detail } = aboutText(ctx);
    expect(detail).toContain('Schema version 12');
    expect(detail).toContain('/u/.config/LAP Insight/logs/main.log');
    expect(aboutButtons(ctx)).toEqual(['OK', 'Open log folder']);
    expect(aboutButtons({})).toEqual(['OK']);
  });

  it('the preload lets menu:undo and menu:redo through (and nothing unknown)', () => {
    expect(isMenuAction('menu:undo')).toBe(true);
    expect(isMenuAction('menu:redo')).toBe(true);
    expect(isMenuAction('undo')).toBe(false);
  });
});
