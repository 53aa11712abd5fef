/**
 * Every menu command and keyboard shortcut of the window, handled in one place.
 *
 * The Electron menu (electron/main/menu.ts) sends an action over the menu bridge (window.lap.onMenu; the preview in
 * a plain browser has no native menu). The window's own shortcuts become the same actions: Ctrl+Z is 'menu:undo',
 * Ctrl+Shift+Z and Ctrl+Y 'menu:redo' (Cmd on a Mac), F1 'menu:help'. `useCommands()` (App) listens to both and
 * runs `runCommand`. To add a command, add its action to menuActions (electron/preload/api-types.ts) and
 * electron/main/menu.ts, then its handler to COMMANDS below (the type insists on one per action).
 */
import { useEffect } from 'react';
import type { MenuAction } from '../../../electron/preload/api-types.ts';
import { otherDialogOpen } from '../components/data/DataImportLayer.tsx';
import { useImportStore } from '../data/importStore.ts';
import { useLapsStore } from '../laps/store.ts';
import { useHelpStore } from './helpStore.ts';
import { editsText, handleMenuUndo } from './menuUndo.ts';
import { announce } from './statusStore.ts';
import { useUiStore } from './uiStore.ts';

/** File > Import data… (and Help > Bringing your own data, which opens the guide too): the Data tab's import. */
function importData(guide: boolean): void {
  useUiStore.getState().setPanel('data');
  const imports = useImportStore.getState();
  if (otherDialogOpen()) announce('Close the open dialog first, then choose File > Import data… again.', 'error');
  else if (imports.open && imports.step === 'importing') announce('An import is running. Wait for it to finish before importing another file.', 'error');
  else imports.openChooser(guide);
}

const COMMANDS: Record<MenuAction, () => void> = {
  // File > Import LAPs… opens the import dialog on the LAPs tab.
  'menu:import': () => {
    useUiStore.getState().setPanel('laps');
    useLapsStore.getState().openDialog({ kind: 'import' });
  },
  'menu:import-data': () => importData(false),
  'menu:import-guide': () => importData(true),
  'menu:import-places': () => {
    // A file chooser needs a click or key press in the page, so the menu brings the button into view and focus.
    useUiStore.getState().setPanel('places');
    window.setTimeout(() => document.querySelector<HTMLButtonElement>('[data-testid="places-import-button"]')?.focus(), 50);
    announce('Places tab: press Enter on "Import places…" to choose a file.');
  },
  // Help > Data sources and licences: the Data tab lists them.
  'menu:sources': () => useUiStore.getState().setPanel('data'),
  'menu:help': () => useHelpStore.getState().show(),
  'menu:undo': () => handleMenuUndo('menu:undo'),
  'menu:redo': () => handleMenuUndo('menu:redo'),
};

/** Runs a menu command (from the Electron menu or a keyboard shortcut). */
export function runCommand(action: MenuAction): void {
  COMMANDS[action]();
}

/** The parts of a key press and of the document a shortcut depends on (a test passes stand-ins). */
export interface ShortcutKey {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}

export interface ShortcutDocument {
  activeElement: Element | null;
  querySelector(selector: string): Element | null;
}

/**
 * The command a key press asks for, or null. Undo and redo leave text fields alone (Ctrl+Z there still undoes
 * typing) and do nothing while a dialog is open.
 */
export function shortcutCommand(event: ShortcutKey, doc: ShortcutDocument, mac: boolean): MenuAction | null {
  if (event.defaultPrevented) return null;
  if (event.key === 'F1') return 'menu:help';
  if (event.altKey || !(mac ? event.metaKey : event.ctrlKey)) return null;
  const key = event.key.toLowerCase();
  const z = key === 'z' || event.code === 'KeyZ';
  const y = key === 'y' || event.code === 'KeyY';
  if (!z && !y) return null;
  if (editsText(doc.activeElement) || doc.querySelector('dialog[open]')) return null;
  return z && !event.shiftKey ? 'menu:undo' : 'menu:redo';
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Listens for the Electron menu's commands and the window's shortcuts, for as long as the app is shown. */
export function useCommands(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutCommand(event, document, isMac);
      if (!action) return;
      event.preventDefault();
      runCommand(action);
    };
    window.addEventListener('keydown', onKeyDown);
    const lap = window.lap;
    const unsubscribe = lap && typeof lap.onMenu === 'function' ? lap.onMenu(runCommand) : undefined;
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      unsubscribe?.();
    };
  }, []);
}
