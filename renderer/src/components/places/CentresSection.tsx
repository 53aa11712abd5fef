/**
 * Where distances are measured from: each ward's geometric centre, or (once the user imports the ONS "LSOA
 * (December 2021) population-weighted centroids" file) the population-weighted mean of its LSOAs' centroids.
 * Always says which is used, in the backend's words.
 */
import { useId, useRef, useState } from 'react';
import type { CentresImportResult } from '../../../../shared/contract/places.ts';
import { clearCentres, importCentres } from '../../places/actions.ts';
import { usePlacesStore } from '../../places/store.ts';
import { ProblemList } from '../data/ProblemList.tsx';
import { InlineMessage } from '../laps/Message.tsx';

export function CentresSection() {
  const id = useId();
  const centres = usePlacesStore((s) => s.centres);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CentresImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!centres) return null;
  // Centroids may be loaded yet not cover every ward (then the method is still 'geometric' for some).
  // The bundled ONS centroids are the default (issue 15): 'loaded' means a file the user imported, which can be cleared.
  const loaded = centres.fileName !== null;

  const onFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    const outcome = await importCentres(file);
    setBusy(false);
    if (outcome.ok) setResult(outcome.result);
    else setError(outcome.message);
  };

  const onClear = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    const outcome = await clearCentres();
    setBusy(false);
    if (!outcome.ok) setError(outcome.message);
  };

  return (
    <section className="places-centres" aria-labelledby={`${id}-heading`} aria-busy={busy || undefined}>
      <h2 id={`${id}-heading`} className="panel-heading">
        Distances are measured from
      </h2>
      <p data-testid="centres-description">{centres.description}</p>
      {loaded && (
        <p className="hint">
          From {centres.fileName ?? 'the imported centroids'}: {centres.lsoasWithCentre.toLocaleString('en-GB')} of {centres.lsoasNeeded.toLocaleString('en-GB')} LSOAs
          have a centroid.
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? 'Working…' : loaded ? 'Import centroids again…' : 'Import centroids…'}
        </button>
        {loaded && (
          <button type="button" className="button button-small button-quiet" disabled={busy} onClick={() => void onClear()}>
            Use the bundled centroids again
          </button>
        )}
      </div>
      <input
        ref={input}
        className="data-sr-only"
        type="file"
        accept=".csv,text/csv"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onFile(file);
        }}
      />
      {error && <InlineMessage text={error} tone="error" />}
      {result && (
        <div className="places-centres-result">
          <InlineMessage text={result.message} tone={result.status === 'imported' ? 'info' : 'error'} />
          {result.report.errors > 0 && <ProblemList report={result.report} severity="error" />}
          {result.report.warnings > 0 && <ProblemList report={result.report} severity="warning" />}
        </div>
      )}
    </section>
  );
}
