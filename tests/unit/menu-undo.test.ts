/**
 * Edit ▸ Undo/Redo from Electron's menu (renderer/src/shell/menuUndo.ts): a focused text field undoes its typing
 * (the field's own undo); otherwise the app's LAP history steps back or forward; an open dialog's non-text focus
 * does nothing. Stand-in documents: the rule is what is tested, the browser's execCommand is not.
 */
import { describe, expect, it, vi } from 'vitest';
import { editsText, handleMenuUndo, type UndoDocument } from '../../renderer/src/shell/menuUndo.ts';

function el(tagName: string, extra: Record<string, unknown> = {}): Element {
  return { tagName, ...extra } as unknown as Element;
}

function doc(active: Element | null, dialogOpen = false) {
  const commands: string[] = [];
  const d: UndoDocument = {
    activeElement: active,
    querySelector: (s: string) => (s === 'dialog[open]' && dialogOpen ? el('DIALOG') : null),
    execCommand: (c: string) => (commands.push(c), true),
  };
  return { d, commands };
}

function history() {
  return { undo: vi.fn(async () => {}), redo: vi.fn(async () => {}) };
}

describe('menu Undo/Redo', () => {
  it("steps the app's history when no text field has focus", () => {
    const h = history();
    const { d, commands } = doc(el('BUTTON'));
    expect(handleMenuUndo('menu:undo', d, h)).toBe('app');
    expect(handleMenuUndo('menu:redo', d, h)).toBe('app');
    expect(h.undo).toHaveBeenCalledTimes(1);
    expect(h.redo).toHaveBeenCalledTimes(1);
    expect(commands).toEqual([]);
    expect(handleMenuUndo('menu:undo', doc(null).d, h)).toBe('app');
  });

  it("undoes typing in a focused text field, leaving the app's history alone", () => {
    for (const field of [el('INPUT', { type: 'text' }), el('INPUT', { type: 'search' }), el('TEXTAREA'), el('DIV', { isContentEditable: true })]) {
      const h = history();
      const { d, commands } = doc(field, true);
      expect(handleMenuUndo('menu:undo', d, h)).toBe('text');
      expect(handleMenuUndo('menu:redo', d, h)).toBe('text');
      expect(commands).toEqual(['undo', 'redo']);
      expect(h.undo).not.toHaveBeenCalled();
      expect(h.redo).not.toHaveBeenCalled();
    }
  });

  it('a checkbox or colour picker is not a text field; with a dialog open nothing is undone', () => {
    expect(editsText(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(editsText(el('INPUT', { type: 'color' }))).toBe(false);
    expect(editsText(el('INPUT', { type: 'TEXT' }))).toBe(true);
    const h = history();
    const { d, commands } = doc(el('INPUT', { type: 'checkbox' }), true);
    expect(handleMenuUndo('menu:undo', d, h)).toBe('none');
    expect(h.undo).not.toHaveBeenCalled();
    expect(commands).toEqual([]);
  });
});
