/**
 * Undo and Redo buttons naming what they will undo or redo ("Undo add Castle"), the status line that says what
 * just happened (read out by screen readers). The shortcuts (Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y; Cmd on a Mac) are
 * handled with the menu's commands in shell/commands.ts.
 */
import { useHistoryStore } from '../shell/historyStore.ts';
import { useStatusStore } from '../shell/statusStore.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const MOD = isMac ? '⌘' : 'Ctrl+';

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
