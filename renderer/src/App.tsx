/**
 * LAP Insight: wards of West and North Northamptonshire on a map, a ward finder, and the selected ward's details.
 */
import { useEffect } from 'react';
import { MapView } from './components/MapView.tsx';
import { WardDetails } from './components/WardDetails.tsx';
import { WardList } from './components/WardList.tsx';
import { useWardsStore } from './stores/wards.ts';

export function App() {
  const status = useWardsStore((s) => s.status);
  const error = useWardsStore((s) => s.error);
  const geography = useWardsStore((s) => s.geography);
  const load = useWardsStore((s) => s.load);

  useEffect(() => {
    if (useWardsStore.getState().status === 'idle') void load();
  }, [load]);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">LAP Insight</h1>
        <p className="app-subtitle">Wards of West and North Northamptonshire</p>
      </header>

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
          <aside className="side-panel" aria-label="Wards">
            <WardDetails />
            <WardList />
          </aside>
          <MapView geography={geography} />
        </main>
      )}
    </div>
  );
}
