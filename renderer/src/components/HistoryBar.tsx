/**
 * Undo and Redo buttons naming what they will undo or redo ("Undo add Castle"), the status line that says what
 * just happened (read out by screen readers), and the keyboard shortcuts: Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y
 * (Cmd on a Mac). The shortcuts leave text fields alone, so Ctrl+Z there still undoes typing.
 */
import { useEffect } from 'react';
import { useHistoryStore } from '../shell/historyStore.ts';
import { useStatusStore } from '../shell/statusStore.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MOD = isMac ? '⌘' : 'Ctrl+';

/** True when the key should go to the field (text editing has its own undo). */
function isTextField(el: Element | null): boolean {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'range', 'image'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export function useUndoShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      if (!(isMac ? event.metaKey : event.ctrlKey)) return;
      if (isTextField(document.activeElement)) return;
      if (document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      const z = key === 'z' || event.code === 'KeyZ';
      const y = key === 'y' || event.code === 'KeyY';
      if (!z && !y) return;
      event.preventDefault();
      const { undo, redo } = useHistoryStore.getState();
      if (z && !event.shiftKey) void undo();
      else void redo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function HistoryBar() {
  const past = useHistoryStore((s) => s.past);
  const future = useHistoryStore((s) => s.future);
  const error = useHistoryStore((s) => s.error);
  const undo = useHistoryStore((s) => s.undo);
  const redo = useHistoryStore((s) => s.redo);
  const nextUndo = past[past.length - 1];
  const nextRedo = future[future.length - 1];

  return (
    <div className="history-bar" role="group" aria-label="Undo and redo">
      <button
        type="button"
        className="history-button"
        disabled={!nextUndo}
        onClick={() => void undo()}
        title={nextUndo ? `Undo ${nextUndo.label} (${MOD}Z)` : 'Nothing to undo'}
        aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
      >
        <span aria-hidden="true">↶ </span>
        {nextUndo ? `Undo ${nextUndo.label}` : 'Undo'}
      </button>
      <button
        type="button"
        className="history-button"
        disabled={!nextRedo}
        onClick={() => void redo()}
        title={nextRedo ? `Redo ${nextRedo.label} (${MOD}Shift+Z)` : 'Nothing to redo'}
        aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y'}
      >
        <span aria-hidden="true">↷ </span>
        {nextRedo ? `Redo ${nextRedo.label}` : 'Redo'}
      </button>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function StatusLine() {
  const message = useStatusStore((s) => s.message);
  const tone = useStatusStore((s) => s.tone);
  const seq = useStatusStore((s) => s.seq);
  return (
    <p className={`status-line${tone === 'error' ? ' is-error' : ''}`} role="status" aria-live="polite" data-testid="status-line" data-seq={seq}>
      {message}
    </p>
  );
}
