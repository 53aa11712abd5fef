/**
 * Export the profile from one "Export ▾" menu (ExportMenu.tsx): a PDF, or CSV, Excel and a map picture; once places are imported, the
 * area's places as a CSV list too (and, for a LAP, its GP practice list: GP surgeries inside it or attached to it).
 * The export runs in the background with a progress bar and Cancel; the file then downloads (in the app, the save
 * dialog opens). The rest of the window keeps working meanwhile.
 */
import type { ExportFormatArg } from '../../../../shared/contract/export.ts';
import { useExportStore, type ExportOptions } from '../../profile/exportStore.ts';
import { hasPlaces, usePlacesStore } from '../../places/store.ts';
import { useProfileStore } from '../../profile/store.ts';
import { ExportMenu, type ExportMenuItem } from './ExportMenu.tsx';

const OTHER: readonly { format: ExportFormatArg; label: string; hint: string }[] = [
  { format: 'csv', label: 'CSV', hint: 'Every indicator as a table' },
  { format: 'xlsx', label: 'Excel', hint: 'Every indicator, one sheet per ambition' },
  { format: 'map-png', label: 'Map picture', hint: 'The map as a PNG image' },
];

const PLACES: readonly { options: ExportOptions; label: string; title: string; lapOnly: boolean }[] = [
  { options: {}, label: 'Places list (CSV)', title: 'Every place in this area or attached to it', lapOnly: false },
  {
    options: { categories: ['gp'], label: 'GP practice list' },
    label: 'GP practice list (CSV)',
    title: 'The GP surgeries in this LAP or attached to it',
    lapOnly: true,
  },
];

export function ExportBar({ areaName }: { areaName: string }) {
  const job = useExportStore((s) => s.job);
  const start = useExportStore((s) => s.start);
  const cancel = useExportStore((s) => s.cancel);
  const dismiss = useExportStore((s) => s.dismiss);
  const busy = job?.state === 'running' || job?.state === 'starting';
  const placesLoaded = usePlacesStore(hasPlaces);
  const isLap = useProfileStore((s) => s.target?.kind === 'lap');
  const placeExports = placesLoaded ? PLACES.filter((p) => isLap || !p.lapOnly) : [];
  const items: ExportMenuItem[] = [
    { key: 'pdf', label: 'PDF profile', hint: 'A short document (at most 8 pages) to print or share', run: () => void start('pdf') },
    {
      key: 'pdf-full',
      label: 'Full PDF (technical)',
      hint: 'Every indicator with its interval, the ward breakdowns and the methods appendix',
      run: () => void start('pdf', { full: true, label: 'full technical PDF' }),
    },
    ...OTHER.map((o) => ({ key: o.format, label: o.label, hint: o.hint, run: () => void start(o.format) })),
    ...placeExports.map((p) => ({ key: p.label, label: p.label, hint: p.title, run: () => void start('places-csv', p.options) })),
  ];
  const percent = job && job.total ? Math.round((Math.min(job.done, job.total) / job.total) * 100) : null;

  return (
    <section className="export-bar" aria-label="Export">
      <div className="export-buttons">
        <ExportMenu items={items} disabled={busy} buttonTitle={`Save ${areaName}'s profile as a PDF, a spreadsheet or a map picture`} />
      </div>
      {job && (
        <div className={`export-status is-${job.state}`} data-testid="export-status" role={job.state === 'failed' ? 'alert' : 'status'}>
          {busy && (
            <>
              <label className="export-progress">
                <span>
                  Making the {job.label} of {job.areaName}: {job.message || 'Starting…'}
                  {job.total ? ` (step ${Math.min(job.done + 1, job.total)} of ${job.total})` : ''}
                </span>
                <progress max={100} value={percent ?? undefined} data-testid="export-progress" />
              </label>
              <button type="button" className="button button-small button-danger" onClick={() => void cancel()}>
                Cancel
              </button>
            </>
          )}
          {job.state === 'done' && (
            <>
              <span>
                Saved <strong>{job.fileName}</strong>.
              </span>
              <button type="button" className="button button-small button-quiet" onClick={dismiss}>
                Dismiss
              </button>
            </>
          )}
          {job.state === 'cancelled' && (
            <>
              <span>Export cancelled. Nothing was saved.</span>
              <button type="button" className="button button-small button-quiet" onClick={dismiss}>
                Dismiss
              </button>
            </>
          )}
          {job.state === 'failed' && (
            <>
              <span>
                The {job.label} could not be made: {job.error}
              </span>
              <button type="button" className="button button-small" onClick={() => void start(job.format, job.options)}>
                Try again
              </button>
              <button type="button" className="button button-small button-quiet" onClick={dismiss}>
                Dismiss
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}
