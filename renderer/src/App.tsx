/**
 * LAP Insight: wards of West and North Northamptonshire on a map, with a side panel of tabs (panels.tsx): the
 * ward finder, the LAP builder, and more to come. Undo/redo and the status line sit in the header.
 */
import { useEffect } from 'react';
import { DataImportLayer } from './components/data/DataImportLayer.tsx';
import { HelpButton, HelpPanel, useHelpShortcut } from './components/HelpPanel.tsx';
import { HistoryBar, StatusLine, useUndoShortcuts } from './components/HistoryBar.tsx';
import { MapView } from './components/MapView.tsx';
import { Notices } from './components/Notices.tsx';
import { SidePanel } from './components/SidePanel.tsx';
import { useHelpStore } from './shell/helpStore.ts';
import { useMenuUndo } from './shell/menuUndo.ts';
import { PanelBoundary } from './shell/PanelBoundary.tsx';
import { useLapsStore } from './laps/store.ts';
import { announce } from './shell/statusStore.ts';
import { useUiStore } from './shell/uiStore.ts';
import { useWardsStore } from './wards/store.ts';

/** Electron's File > Import LAPs… opens the import dialog on the LAPs tab; File > Import places… goes to the Places tab. */
function useMenuCommands(): void {
  useEffect(() => {
    const lap = window.lap;
    if (!lap || typeof lap.onMenu !== 'function') return;
    return lap.onMenu((action) => {
      if (action === 'menu:import') {
        useUiStore.getState().setPanel('laps');
        useLapsStore.getState().openDialog({ kind: 'import' });
      } else if (action === 'menu:import-places') {
        // A file chooser needs a click or key press in the page, so the menu brings the button into view and focus.
        useUiStore.getState().setPanel('places');
        window.setTimeout(() => document.querySelector<HTMLButtonElement>('[data-testid="places-import-button"]')?.focus(), 50);
        announce('Places tab: press Enter on "Import places…" to choose a file.');
      } else if (action === 'menu:help') {
        useHelpStore.getState().show();
      }
    });
  }, []);
}

export function App() {
  const status = useWardsStore((s) => s.status);
  const error = useWardsStore((s) => s.error);
  const geography = useWardsStore((s) => s.geography);
  const load = useWardsStore((s) => s.load);

  useEffect(() => {
    if (useWardsStore.getState().status === 'idle') void load();
  }, [load]);
  useUndoShortcuts();
  useMenuCommands();
  useHelpShortcut();
  useMenuUndo();

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-brand">
          <h1 className="app-title">LAP Insight</h1>
          <p className="app-subtitle">Wards of West and North Northamptonshire</p>
        </div>
        <StatusLine />
        <HistoryBar />
        <HelpButton />
      </header>
      <Notices />

      {status === 'error' ? (
        <main className="app-problem" role="alert">
          <h2>LAP Insight could not load the ward boundaries</h2>
          <p>{error}</p>
          <p className="hint">Your data is safe. If this keeps happening, close LAP Insight and open it again.</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </main>
      ) : status !== 'ready' || !geography ? (
        <main className="app-loading" aria-busy="true">
          <p role="status">Loading wards…</p>
        </main>
      ) : (
        <main className="app-main">
          <SidePanel />
          <PanelBoundary name="map">
            <MapView geography={geography} />
          </PanelBoundary>
        </main>
      )}
      {/* Drop a file anywhere on the window to import it (Data tab); also File > Import data… */}
      <PanelBoundary name="import">
        <DataImportLayer />
      </PanelBoundary>
      <PanelBoundary name="help">
        <HelpPanel />
      </PanelBoundary>
    </div>
  );
}
