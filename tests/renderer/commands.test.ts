// @vitest-environment jsdom
/**
 * Menu commands and shortcuts (renderer/src/shell/commands.ts): which key press is which command, and that the
 * Electron menu's actions and the keys both reach the app through useCommands.
 */
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LapBridge, MenuAction } from '../../electron/preload/api-types.ts';
import { useImportStore } from '../../renderer/src/data/importStore.ts';
import { useLapsStore } from '../../renderer/src/laps/store.ts';
import { runCommand, shortcutCommand, useCommands, type ShortcutKey } from '../../renderer/src/shell/commands.ts';
import { useHelpStore } from '../../renderer/src/shell/helpStore.ts';
import { useHistoryStore } from '../../renderer/src/shell/historyStore.ts';
import { useStatusStore } from '../../renderer/src/shell/statusStore.ts';
import { useUiStore } from '../../renderer/src/shell/uiStore.ts';
import { storeResetter } from './helpers.ts';

const resetStores = storeResetter(useLapsStore, useUiStore, useHelpStore, useImportStore, useStatusStore);

function key(k: string, mods: Partial<ShortcutKey> = {}): ShortcutKey {
  return { key: k, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...mods };
}

const plainDoc = { activeElement: document.body, querySelector: () => null };

beforeEach(() => {
  resetStores();
  document.body.innerHTML = '';
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete window.lap;
});

describe('shortcutCommand', () => {
  it('maps Ctrl+Z to undo, Ctrl+Shift+Z and Ctrl+Y to redo, and F1 to help', () => {
    expect(shortcutCommand(key('z', { ctrlKey: true }), plainDoc, false)).toBe('menu:undo');
    expect(shortcutCommand(key('Z', { ctrlKey: true, shiftKey: true }), plainDoc, false)).toBe('menu:redo');
    expect(shortcutCommand(key('y', { ctrlKey: true }), plainDoc, false)).toBe('menu:redo');
    // A non-English keyboard layout: the physical key counts.
    expect(shortcutCommand(key('я', { ctrlKey: true, code: 'KeyZ' }), plainDoc, false)).toBe('menu:undo');
    expect(shortcutCommand(key('F1'), plainDoc, false)).toBe('menu:help');
  });

  it('uses Cmd on a Mac and Ctrl elsewhere', () => {
    expect(shortcutCommand(key('z', { metaKey: true }), plainDoc, true)).toBe('menu:undo');
    expect(shortcutCommand(key('z', { ctrlKey: true }), plainDoc, true)).toBeNull();
    expect(shortcutCommand(key('z', { metaKey: true }), plainDoc, false)).toBeNull();
  });

  it('ignores other keys, Alt combinations and keys a component already handled', () => {
    expect(shortcutCommand(key('z'), plainDoc, false)).toBeNull();
    expect(shortcutCommand(key('x', { ctrlKey: true }), plainDoc, false)).toBeNull();
    expect(shortcutCommand(key('z', { ctrlKey: true, altKey: true }), plainDoc, false)).toBeNull();
    expect(shortcutCommand(key('F1', { defaultPrevented: true }), plainDoc, false)).toBeNull();
  });

  it('leaves undo to a text field that has the focus, and does nothing while a dialog is open', () => {
    const input = document.createElement('input');
    expect(shortcutCommand(key('z', { ctrlKey: true }), { activeElement: input, querySelector: () => null }, false)).toBeNull();
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(shortcutCommand(key('z', { ctrlKey: true }), { activeElement: checkbox, querySelector: () => null }, false)).toBe('menu:undo');
    const dialog = document.createElement('dialog');
    expect(shortcutCommand(key('z', { ctrlKey: true }), { activeElement: document.body, querySelector: () => dialog }, false)).toBeNull();
    // F1 still opens help from a text field.
    expect(shortcutCommand(key('F1'), { activeElement: input, querySelector: () => null }, false)).toBe('menu:help');
  });
});

describe('runCommand', () => {
  it('File > Import LAPs… opens the import dialog on the LAPs tab', () => {
    runCommand('menu:import');
    expect(useUiStore.getState().panel).toBe('laps');
    expect(useLapsStore.getState().dialog).toEqual({ kind: 'import' });
  });

  it('File > Import data… opens the chooser on the Data tab; the guide opens it with the guide', () => {
    const openChooser = vi.fn();
    useImportStore.setState({ openChooser });
    runCommand('menu:import-data');
    expect(useUiStore.getState().panel).toBe('data');
    runCommand('menu:import-guide');
    expect(openChooser.mock.calls).toEqual([[false], [true]]);
  });

  it('File > Import data… while another dialog is open says to close it first', () => {
    const openChooser = vi.fn();
    useImportStore.setState({ openChooser });
    document.body.append(Object.assign(document.createElement('dialog'), { open: true }));
    runCommand('menu:import-data');
    expect(openChooser).not.toHaveBeenCalled();
    expect(useStatusStore.getState()).toMatchObject({ message: 'Close the open dialog first, then choose File > Import data… again.', tone: 'error' });
  });

  it('Help > Data sources opens the Data tab; Help opens the help panel', () => {
    runCommand('menu:sources');
    expect(useUiStore.getState().panel).toBe('data');
    runCommand('menu:help');
    expect(useHelpStore.getState().open).toBe(true);
  });

  it("File > Import places… goes to the Places tab and says how to choose the file", () => {
    runCommand('menu:import-places');
    expect(useUiStore.getState().panel).toBe('places');
    expect(useStatusStore.getState().message).toBe('Places tab: press Enter on "Import places…" to choose a file.');
  });

  it("Edit > Undo and Redo step the app's history", () => {
    const undo = vi.spyOn(useHistoryStore.getState(), 'undo').mockResolvedValue();
    const redo = vi.spyOn(useHistoryStore.getState(), 'redo').mockResolvedValue();
    runCommand('menu:undo');
    runCommand('menu:redo');
    expect(undo).toHaveBeenCalledTimes(1);
    expect(redo).toHaveBeenCalledTimes(1);
  });
});

describe('useCommands', () => {
  it('hears the Electron menu and the keyboard while mounted, and neither once unmounted', () => {
    let menu: ((action: MenuAction) => void) | null = null;
    const unsubscribe = vi.fn(() => {
      menu = null;
    });
    window.lap = {
      onMenu: (callback: (action: MenuAction) => void) => {
        menu = callback;
        return unsubscribe;
      },
    } as unknown as LapBridge;

    const view = renderHook(() => useCommands());
    menu!('menu:help');
    expect(useHelpStore.getState().open).toBe(true);

    useHelpStore.setState({ open: false });
    const f1 = new KeyboardEvent('keydown', { key: 'F1', cancelable: true });
    window.dispatchEvent(f1);
    expect(useHelpStore.getState().open).toBe(true);
    expect(f1.defaultPrevented).toBe(true);

    view.unmount();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    useHelpStore.setState({ open: false });
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F1', cancelable: true }));
    expect(useHelpStore.getState().open).toBe(false);
  });

  it('works without the menu bridge (the preview in a browser)', () => {
    const view = renderHook(() => useCommands());
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F1', cancelable: true }));
    expect(useHelpStore.getState().open).toBe(true);
    view.unmount();
  });
});
