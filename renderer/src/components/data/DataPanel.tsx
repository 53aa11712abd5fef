/**
 * The Data tab: import a file, the datasets imported (or a note that there are none yet), and every source that
 * ships with LAP Insight, each with its licence.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useDatasetsStore } from '../../data/datasetsStore.ts';
import { count } from '../../data/format.ts';
import { useImportStore } from '../../data/importStore.ts';
import { DatasetCard } from './DatasetCard.tsx';
import { DeleteDatasetDialog } from './DeleteDatasetDialog.tsx';
import { FILE_ACCEPT } from './ImportDialog.tsx';
import { HiddenFileInput } from '../HiddenFileInput.tsx';
import { MapDataNote } from './MapDataNote.tsx';

export function DataPanel() {
  const id = useId();
  const status = useDatasetsStore((s) => s.status);
  const error = useDatasetsStore((s) => s.error);
  const datasets = useDatasetsStore((s) => s.datasets);
  const names = useDatasetsStore((s) => s.indicatorNames);
  const highlightId = useDatasetsStore((s) => s.highlightId);
  const load = useDatasetsStore((s) => s.load);
  const openFile = useImportStore((s) => s.openFile);
  const importing = useImportStore((s) => s.open && s.step === 'importing');
  const fileInput = useRef<HTMLInputElement>(null);
  const importedHeading = useRef<HTMLHeadingElement>(null);
  const highlighted = useRef<HTMLHeadingElement>(null);
  const [deleting, setDeleting] = useState<number | null>(null);

  useEffect(() => {
    // Always reload when the tab opens: another window or the command line may have changed the data.
    void load();
  }, [load]);

  // "Show it in the Data tab": scroll to the new dataset and put the focus on its name (once the list is there).
  const focusPending = useDatasetsStore((s) => s.focusPending);
  useEffect(() => {
    if (!focusPending || status !== 'ready') return;
    const el = highlighted.current;
    useDatasetsStore.getState().focusDone();
    if (!el) return;
    el.scrollIntoView({ block: 'nearest' });
    el.focus({ preventScroll: true });
  }, [focusPending, status]);

  const imported = datasets.filter((d) => d.kind === 'user');
  const bundled = datasets.filter((d) => d.kind === 'bundled');
  const toDelete = deleting === null ? undefined : datasets.find((d) => d.id === deleting);
  const licences = [...new Set(bundled.map((d) => d.licence))];

  return (
    <div className="data-panel" data-testid="data-panel">
      <section className="data-import" aria-labelledby={`${id}-import`}>
        <h2 id={`${id}-import`} className="panel-heading">
          Import data
        </h2>
        <p className="data-import-text">Add your own indicators from a CSV file: a Fingertips download, a tidy file, or a spreadsheet with one column per indicator.</p>
        <div className="button-row">
          <button type="button" className="button" disabled={importing} onClick={() => fileInput.current?.click()}>
            Import a file…
          </button>
        </div>
        <p className="hint">Or drop a file anywhere on this window. You see what it holds, and any problems, before anything is stored.</p>
        <HiddenFileInput ref={fileInput} accept={FILE_ACCEPT} testId="data-file-input" onFile={(file) => void openFile(file)} />
      </section>

      {status === 'error' ? (
        <div className="panel-problem" role="alert">
          <p>
            <strong>The list of data could not be loaded.</strong>
          </p>
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : status !== 'ready' ? (
        <p className="hint data-loading" role="status">
          Loading the list of data…
        </p>
      ) : (
        <>
          <section className="data-section" aria-labelledby={`${id}-imported`}>
            <h2 id={`${id}-imported`} className="panel-heading" ref={importedHeading} tabIndex={-1}>
              Imported data ({imported.length})
            </h2>
            {imported.length === 0 ? (
              <div className="empty-state compact" data-testid="data-empty">
                <p>
                  <strong>No imported data yet.</strong>
                </p>
                <p className="hint">Data you import appears here, with its source and licence. You can delete it again at any time.</p>
              </div>
            ) : (
              <ul className="dataset-cards" aria-labelledby={`${id}-imported`}>
                {[...imported].reverse().map((d) => (
                  <DatasetCard
                    key={d.id}
                    dataset={d}
                    indicatorNames={names}
                    isNew={d.id === highlightId}
                    headingRef={d.id === highlightId ? highlighted : undefined}
                    onDelete={() => setDeleting(d.id)}
                  />
                ))}
              </ul>
            )}
          </section>
          <section className="data-section" aria-labelledby={`${id}-bundled`}>
            <h2 id={`${id}-bundled`} className="panel-heading">
              Bundled with LAP Insight ({bundled.length})
            </h2>
            <p className="hint data-bundled-note">
              {count(bundled.length, 'source')}, all published under {licences.length === 1 ? `the ${licences[0]}` : 'the licences shown'}.
            </p>
            <ul className="dataset-cards" aria-labelledby={`${id}-bundled`}>
              {bundled.map((d) => (
                <DatasetCard key={d.id} dataset={d} indicatorNames={names} isNew={false} onDelete={() => undefined} />
              ))}
            </ul>
            <MapDataNote />
          </section>
        </>
      )}

      {toDelete && (
        <DeleteDatasetDialog
          dataset={toDelete}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            // The card is gone: put focus on the list's heading.
            setTimeout(() => importedHeading.current?.focus(), 0);
          }}
        />
      )}
    </div>
  );
}
