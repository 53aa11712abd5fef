/**
 * Edit ▸ Undo / Redo from Electron's menu (menu:undo, menu:redo over the menu channel). With a text field focused
 * they undo typing, as the field's own Ctrl+Z would; otherwise they undo the app's own edits (LAP history,
 * shell/historyStore.ts), as the Undo button does. A custom menu item is needed because role 'undo' only reaches the
 * focused field and never the app's history. While a dialog is open, only its text fields are undone.
 */
import { useHistoryStore } from './historyStore.ts';

export type MenuUndoAction = 'menu:undo' | 'menu:redo';

/** The parts of the document this needs (a test passes a stand-in). */
export interface UndoDocument {
  activeElement: Element | null;
  querySelector(selector: string): Element | null;
  execCommand(command: string): boolean;
}

const NOT_TEXT = ['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'range', 'image'];

/** True when the element edits text (its own undo applies). */
export function editsText(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !NOT_TEXT.includes(((el as HTMLInputElement).type || 'text').toLowerCase());
  return (el as HTMLElement).isContentEditable === true;
}

/** What a menu Undo/Redo did: undid typing in the field, stepped the app's history, or nothing (a dialog is open). */
export function handleMenuUndo(
  action: MenuUndoAction,
  doc: UndoDocument = document,
  history: Pick<ReturnType<typeof useHistoryStore.getState>, 'undo' | 'redo'> = useHistoryStore.getState(),
): 'text' | 'app' | 'none' {
  if (editsText(doc.activeElement)) {
    doc.execCommand(action === 'menu:undo' ? 'undo' : 'redo');
    return 'text';
  }
  if (doc.querySelector('dialog[open]')) return 'none';
  void (action === 'menu:undo' ? history.undo() : history.redo());
  return 'app';
}
