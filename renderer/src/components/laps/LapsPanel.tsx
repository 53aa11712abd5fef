/**
 * The LAPs tab: choose a LAP set, see and pick its LAPs, edit the chosen one, see which wards are in no LAP yet,
 * and save or load LAP files.
 */
import { useEffect } from 'react';
import { activeLap, useLapsStore } from '../../laps/store.ts';
import { CoverageSummary } from './CoverageSummary.tsx';
import { LapDialogs } from './LapDialogs.tsx';
import { LapEditor } from './LapEditor.tsx';
import { LapList } from './LapList.tsx';
import { SetPicker } from './SetPicker.tsx';
import { TransferSection } from './TransferSection.tsx';

export function LapsPanel() {
  const status = useLapsStore((s) => s.status);
  const loadError = useLapsStore((s) => s.loadError);
  const init = useLapsStore((s) => s.init);
  const lap = useLapsStore(activeLap);

  useEffect(() => {
    if (useLapsStore.getState().status === 'idle') void init();
  }, [init]);

  if (status === 'error') {
    return (
      <div className="laps-panel">
        <div className="panel-problem" role="alert">
          <p>
            <strong>The LAPs could not be loaded.</strong>
          </p>
          <p>{loadError}</p>
          <button type="button" className="button" onClick={() => void init()}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (status !== 'ready') {
    return (
      <div className="laps-panel" aria-busy="true">
        <p role="status" className="hint">
          Loading LAPs…
        </p>
      </div>
    );
  }

  return (
    <div className="laps-panel">
      <SetPicker />
      <LapList />
      {lap && <LapEditor key={lap.id} lap={lap} />}
      <CoverageSummary />
      <TransferSection />
      <LapDialogs />
    </div>
  );
}
