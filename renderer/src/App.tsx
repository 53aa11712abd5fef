/**
 * LAP Insight: wards of West and North Northamptonshire on a map, with a side panel of tabs (panels.tsx): the
 * ward finder, the LAP builder, and more to come. Undo/redo and the status line sit in the header.
 *
 * Where things live: components/ holds the React components, by feature; each feature's state and logic sit in
 * renderer/src/<feature>/ (store.ts, or <part>Store.ts for a part with its own life; mapBinding.ts for what it
 * draws on the map); shell/ holds what the whole window shares (the open tab, undo history, status line, help,
 * menu commands and shortcuts); map/ is the one module that owns maplibre.
 */
import { useEffect } from 'react';
import { DataImportLayer } from './components/data/DataImportLayer.tsx';
import { HelpButton, HelpPanel } from './components/HelpPanel.tsx';
import { HistoryBar, StatusLine } from './components/HistoryBar.tsx';
import { MapView } from './components/MapView.tsx';
import { Notices } from './components/Notices.tsx';
import { SidePanel } from './components/SidePanel.tsx';
import { useCommands } from './shell/commands.ts';
import { PanelBoundary } from './shell/PanelBoundary.tsx';
import { useWardsStore } from './wards/store.ts';

export function App() {
  const status = useWardsStore((s) => s.status);
  const error = useWardsStore((s) => s.error);
  const geography = useWardsStore((s) => s.geography);
  const load = useWardsStore((s) => s.load);

  useEffect(() => {
    if (useWardsStore.getState().status === 'idle') void load();
  }, [load]);
  useCommands();

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
