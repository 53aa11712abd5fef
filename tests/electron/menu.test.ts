import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ BrowserWindow: { getFocusedWindow: () => null }, Menu: {}, dialog: {} }));
const { aboutText, buildMenuTemplate } = await import('../../electron/main/menu.ts');

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
    expect(roles).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'zoomOut', 'resetZoom']));
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
});
