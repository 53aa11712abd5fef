/**
 * Export the profile: a PDF (the main button) or CSV, Excel and a map picture. The export runs in the background
 * with a progress bar and Cancel; the file then downloads (in the app, the save dialog opens). The rest of the
 * window keeps working meanwhile.
 */
import type { ExportFormatArg } from '../../../../shared/contract/export.ts';
import { FORMAT_NAMES, useExportStore } from '../../profile/exportStore.ts';

const OTHER: readonly { format: ExportFormatArg; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'map-png', label: 'Map picture' },
];

export function ExportBar({ areaName }: { areaName: string }) {
  const job = useExportStore((s) => s.job);
  const start = useExportStore((s) => s.start);
  const cancel = useExportStore((s) => s.cancel);
  const dismiss = useExportStore((s) => s.dismiss);
  const busy = job?.state === 'running' || job?.state === 'starting';
  const percent = job && job.total ? Math.round((Math.min(job.done, job.total) / job.total) * 100) : null;

  return (
    <section className="export-bar" aria-label="Export">
      <div className="export-buttons">
        <button type="button" className="button" onClick={() => void start('pdf')} disabled={busy} title={`Save ${areaName}'s profile as a PDF to print or share`}>
          Export PDF
        </button>
        <span className="export-more" role="group" aria-label="Other formats">
          {OTHER.map((o) => (
            <button key={o.format} type="button" className="button button-quiet button-small" onClick={() => void start(o.format)} disabled={busy}>
              {o.label}
            </button>
          ))}
        </span>
      </div>
      {job && (
        <div className={`export-status is-${job.state}`} data-testid="export-status" role={job.state === 'failed' ? 'alert' : 'status'}>
          {busy && (
            <>
              <label className="export-progress">
                <span>
                  Making the {FORMAT_NAMES[job.format]} of {job.areaName}: {job.message || 'Starting…'}
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
                The {FORMAT_NAMES[job.format]} could not be made: {job.error}
              </span>
              <button type="button" className="button button-small" onClick={() => void start(job.format)}>
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
