/** Save the chosen LAP or the whole set as a file (JSON, CSV or GeoJSON), or load LAPs from a JSON or CSV file. */
import { useId, useState } from 'react';
import type { LapExportFormat } from '../../../../shared/contract/laps.ts';
import { exportLaps } from '../../laps/actions.ts';
import { activeLap, currentSet, useLapsStore } from '../../laps/store.ts';
import { AreaMessage } from './Message.tsx';

const FORMATS: { value: LapExportFormat; label: string }[] = [
  { value: 'json', label: 'LAP Insight file (JSON)' },
  { value: 'csv', label: 'Spreadsheet (CSV)' },
  { value: 'geojson', label: 'Map outlines (GeoJSON)' },
];

export function TransferSection() {
  const id = useId();
  const lap = useLapsStore(activeLap);
  const set = useLapsStore(currentSet);
  const openDialog = useLapsStore((s) => s.openDialog);
  const lapCount = useLapsStore((s) => s.laps.length);
  const [format, setFormat] = useState<LapExportFormat>('json');
  const [busy, setBusy] = useState(false);

  const run = async (scope: { lapId: number } | { setId: number }) => {
    setBusy(true);
    await exportLaps(scope, format);
    setBusy(false);
  };

  return (
    <section className="transfer" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-heading">
        Share LAPs
      </h2>
      <label className="field-label" htmlFor={`${id}-format`}>
        File type
      </label>
      <select id={`${id}-format`} className="select" value={format} onChange={(e) => setFormat(e.target.value as LapExportFormat)}>
        {FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </select>
      <div className="button-row">
        {lap && (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void run({ lapId: lap.id })}>
            Export {lap.name}
          </button>
        )}
        {set && (
          <button type="button" className="button button-quiet" disabled={busy || lapCount === 0} onClick={() => void run({ setId: set.id })}>
            Export the whole set
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={() => openDialog({ kind: 'import' })}>
          Import LAPs…
        </button>
      </div>
      <AreaMessage area="transfer" />
    </section>
  );
}
