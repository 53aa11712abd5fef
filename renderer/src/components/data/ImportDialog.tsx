/**
 * The import dialog, drawn from the import store (data/importStore.ts): choose a file, reading it, the preview
 * (how it is read, the mapping for wide files, first rows, indicators, problems, source and licence), the import
 * with its progress bar and Cancel, and the summary.
 */
import { useId, useState } from 'react';
import { MAX_IMPORT_BYTES } from '../../../../shared/contract/data.ts';
import { useDatasetsStore } from '../../data/datasetsStore.ts';
import { count, formatBytes, formatDate, formatNumber, FORMAT_LABELS } from '../../data/format.ts';
import { AUTO_RECHECK_BYTES, currentMapping, effectiveFormat, useImportStore, type ImportOutcome, type ImportState } from '../../data/importStore.ts';
import { importProgress } from '../../data/progress.ts';
import { useUiStore } from '../../shell/uiStore.ts';
import { DataDialog } from './DataDialog.tsx';
import { FirstRows } from './FirstRows.tsx';
import { IndicatorPlans } from './IndicatorPlans.tsx';
import { IndicatorQuestions } from './IndicatorQuestions.tsx';
import { SaveSkippedButton, SkipOffer, SkippedRowsList } from './SkippedRows.tsx';
import { ProblemList } from './ProblemList.tsx';
import { ReadingOptions } from './ReadingOptions.tsx';
import { SourceFields } from './SourceFields.tsx';
import { WideMapping } from './WideMapping.tsx';

export const FILE_ACCEPT = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';

export function ImportDialog({ dragging }: { dragging: boolean }) {
  const open = useImportStore((s) => s.open);
  if (!open) return null;
  return <ImportDialogOpen dragging={dragging} />;
}

function titleFor(s: ImportState): string {
  switch (s.step) {
    case 'choose':
      return 'Import data';
    case 'reading':
      return `Reading ${s.fileName}`;
    case 'importing':
      return `Importing ${s.fileName}`;
    case 'result':
      return s.outcome?.kind === 'imported' ? `Imported ${s.fileName}` : `${s.fileName} was not imported`;
    default:
      return `Import ${s.fileName}`;
  }
}

function ImportDialogOpen({ dragging }: { dragging: boolean }) {
  const state = useImportStore();
  const [note, setNote] = useState<string | null>(null);
  const step = state.step;

  const onClose = () => {
    if (step === 'importing') {
      setNote('The import is still running. Press Cancel to stop it: nothing will have been written.');
      document.querySelector<HTMLElement>('[data-import-cancel]')?.focus();
      return false;
    }
    state.close();
    return true;
  };

  return (
    <DataDialog
      title={titleFor(state)}
      onClose={onClose}
      className={`data-import-dialog${step === 'choose' ? ' is-narrow' : ''}${dragging ? ' is-drop-target' : ''}`}
      focusKey={`${step}|${state.outcome?.kind ?? ''}`}
      testId="import-dialog"
    >
      {dragging && (
        <p className="drop-banner" aria-hidden="true">
          {step === 'importing' ? 'Wait for this import to finish before dropping another file.' : 'Drop the file to import it instead.'}
        </p>
      )}
      {step === 'choose' && <ChooseStep />}
      {step === 'reading' && <ReadingStep />}
      {step === 'preview' && <PreviewStep />}
      {step === 'importing' && <ImportingStep note={note} />}
      {step === 'result' && state.outcome && <ResultStep outcome={state.outcome} />}
    </DataDialog>
  );
}

function ChooseStep() {
  const id = useId();
  const openFile = useImportStore((s) => s.openFile);
  const close = useImportStore((s) => s.close);
  return (
    <>
      <div className="data-dialog-body">
        <p>Choose a CSV file, or drag one onto this window.</p>
        <label className="field-label" htmlFor={`${id}-file`}>
          CSV file
        </label>
        <input
          id={`${id}-file`}
          data-autofocus
          className="file-input"
          type="file"
          accept={FILE_ACCEPT}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void openFile(file);
          }}
        />
        <p className="hint">
          LAP Insight reads tidy files (one value per row: area_code, indicator_id, period, value), Fingertips downloads, and wide files (one row per area, one column
          per indicator), up to {formatBytes(MAX_IMPORT_BYTES)}. You see what the file holds, and any problems, before anything is stored.
        </p>
        <ImportGuide />
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button button-quiet" onClick={close}>
          Cancel
        </button>
      </div>
    </>
  );
}

function ProgressBar({ percent, label, text, testId }: { percent: number | null; label: string; text: string; testId?: string }) {
  const id = useId();
  return (
    <div className="data-progress-block">
      <p id={`${id}-label`} className="data-progress-label">
        {label}
      </p>
      <div
        className={`data-progress${percent === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? text : `${label}: ${text}`}
        data-testid={testId}
      >
        <div className="data-progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <p className="data-progress-text">{text}</p>
    </div>
  );
}

/** The short version of docs/bringing-your-own-data.md, in the dialog (the app opens nothing on the web). */
function ImportGuide() {
  const guideOpen = useImportStore((s) => s.guideOpen);
  return (
    <details className="import-guide" data-testid="import-guide" open={guideOpen}>
      <summary>How to prepare a file (bringing your own data)</summary>
      <p>
        <strong>Tidy file</strong>: one value per row, with the columns <code>area_code</code>, <code>indicator_id</code>, <code>period</code> and <code>value</code> (or{' '}
        <code>numerator</code> and <code>denominator</code>, which let LAP Insight add areas up and work out intervals). A long file with a ward code column (such as{' '}
        <code>WD24CD</code> or <code>ward_code</code>), an <code>indicator</code> column and a <code>value</code> column is read the same way.
      </p>
      <pre className="import-guide-example">
        {`area_code,indicator_id,indicator_name,period,numerator,denominator,unit
E05013246,smokers_example,Adults who smoke (example),2023,120,1000,%`}
      </pre>
      <p>
        <strong>Fingertips downloads</strong> are read as they come. Ward values are stored as they are; LSOA and output-area values are added up into wards through the
        ONS best-fit lookups; MSOA values are shared between wards by population (estimates). GP practice and PCN values belong to practices, not wards: they reach a
        LAP through its practices.
      </p>
      <p>
        When the file does not say whether a higher value is better or worse, or which ambition an indicator belongs to, the preview asks. Rows with problems can be
        skipped and saved to fix later; by default a file with any problem is not imported at all. The full guide is <code>docs/bringing-your-own-data.md</code>, next to
        this program.
      </p>
    </details>
  );
}

function ReadingStep() {
  const fileName = useImportStore((s) => s.fileName);
  const size = useImportStore((s) => s.fileSize);
  const done = useImportStore((s) => s.readDone);
  const file = useImportStore((s) => s.file);
  const cancel = useImportStore((s) => s.cancel);
  const pct = size > 0 ? Math.round((done / size) * 100) : 100;
  return (
    <>
      <div className="data-dialog-body" aria-busy="true">
        {file ? (
          <ProgressBar percent={null} label={`Checking ${fileName}`} text="Reading every row and checking it. Nothing is stored yet." testId="import-checking" />
        ) : (
          <ProgressBar percent={pct} label={`Reading ${fileName}`} text={`${formatBytes(done)} of ${formatBytes(size)} (${pct}%)`} testId="import-reading" />
        )}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button button-quiet" data-autofocus onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    </>
  );
}

function PreviewStep() {
  const id = useId();
  const s = useImportStore();
  const p = s.preview;
  const format = effectiveFormat(s);
  const wideWaiting = format === 'wide' && s.wide !== null && currentMapping(s, false) === null;
  const busy = s.checking;
  const errors = p?.report.errors ?? 0;
  const warnings = p?.report.warnings ?? 0;
  const notes = p?.report.issues.filter((i) => i.severity === 'info').length ?? 0;
  const dup = p?.duplicateOf ?? null;
  const showProblems = p !== null && !wideWaiting;

  return (
    <>
      <div className={`data-dialog-body${busy ? ' is-busy' : ''}`} aria-busy={busy || undefined}>
        <div className="import-summary">
          <p className="import-file">
            <strong>{s.fileName}</strong>
            <span>{formatBytes(p?.bytes ?? s.fileSize)}</span>
            {p && <span>{format ? FORMAT_LABELS[format] : 'Layout not recognised'}</span>}
          </p>
          {s.problem ? (
            <p className="inline-message is-error" role="alert" data-autofocus tabIndex={-1} data-testid="import-problem">
              {s.problem}
            </p>
          ) : (
            p && (
              <>
                <p className="import-summary-text" data-autofocus tabIndex={-1} data-testid="import-summary">
                  {p.format === null ? 'LAP Insight could not work out how to read this file: see the problem below.' : p.summary}
                </p>
                {p.counts.rowsRead > 0 && (
                  <dl className="import-counts">
                    <div>
                      <dt>Rows</dt>
                      <dd>{formatNumber(p.counts.rowsRead)}</dd>
                    </div>
                    <div>
                      <dt>Indicators</dt>
                      <dd>{formatNumber(p.counts.indicators)}</dd>
                    </div>
                    <div>
                      <dt>Areas</dt>
                      <dd>{formatNumber(p.counts.areas)}</dd>
                    </div>
                    <div>
                      <dt>Periods</dt>
                      <dd>{formatNumber(p.counts.periods)}</dd>
                    </div>
                    <div>
                      <dt>Values to store</dt>
                      <dd>{formatNumber(p.counts.valuesToWrite)}</dd>
                    </div>
                  </dl>
                )}
              </>
            )
          )}
        </div>

        {showProblems && (
          <section className="import-section problems" aria-labelledby={`${id}-problems`} data-testid="import-problems">
            <h3 id={`${id}-problems`} className="data-sr-only">
              Problems found
            </h3>
            {errors > 0 && (
              <div className="problem-block is-error" role="alert">
                <p className="problem-title">{count(errors, 'problem')} to fix</p>
                <p className="problem-lead">
                  Nothing has been imported. Fix these in the file and try again{p.skipped.canSkip && !dup ? ', or import the good rows only (below)' : ''}.
                </p>
                <ProblemList report={p.report} severity="error" testId="import-errors" />
              </div>
            )}
            {errors > 0 && p.skipped.canSkip && !dup && <SkipOffer preview={p} />}
            {p.wardCoverage.length > 0 && (
              <div className="problem-block is-coverage" data-testid="import-coverage">
                <p className="problem-title">Only some wards have values</p>
                {p.wardCoverage.map((c) => (
                  <p key={c.message} className="problem-lead">
                    {c.message.charAt(0).toUpperCase() + c.message.slice(1)}.
                  </p>
                ))}
              </div>
            )}
            {warnings > 0 && (
              <div className="problem-block is-warning">
                <p className="problem-title">{count(warnings, 'warning')}</p>
                <p className="problem-lead">
                  {errors > 0
                    ? 'Check these too.'
                    : 'The file can be imported with these. Choose “Import anyway” to store it as described here, or Cancel to fix the file first.'}
                </p>
                <ProblemList report={p.report} severity="warning" testId="import-warnings" />
              </div>
            )}
            {errors === 0 && warnings === 0 && p.canImport && <p className="problem-none">No problems found: the file is ready to import.</p>}
            {notes > 0 && (
              <details className="problem-block is-info">
                <summary>{count(notes, 'note')} on how the file was read</summary>
                <ProblemList report={p.report} severity="info" testId="import-notes" />
              </details>
            )}
          </section>
        )}

        {dup && !wideWaiting && errors === 0 && (
          <div className="duplicate-note" data-testid="import-duplicate">
            <p className="problem-title">You imported this file before</p>
            <p>
              The same file was imported on {formatDate(dup.importedAt)} as “{dup.name}”. Replace the earlier import with this one, or skip this file and keep what is
              there.
            </p>
          </div>
        )}

        {p && !wideWaiting && format !== 'wide' && (errors === 0 || (p.skipped.canSkip && !dup)) && <IndicatorQuestions plans={p.indicators} />}
        {p && <ReadingOptions disabled={false} />}
        {format === 'wide' && <WideMapping disabled={false} />}
        {p && <FirstRows preview={p} />}
        {p && !wideWaiting && <IndicatorPlans plans={p.indicators} />}
        {p && p.header.length > 0 && <SourceFields format={format} fileName={s.fileName} disabled={false} />}
      </div>
      <PreviewFooter wideWaiting={wideWaiting} />
    </>
  );
}

function PreviewFooter({ wideWaiting }: { wideWaiting: boolean }) {
  const s = useImportStore();
  const p = s.preview;
  const errors = p?.report.errors ?? 0;
  const warnings = p?.report.warnings ?? 0;
  const cancelButton = (label = 'Cancel') => (
    <button type="button" className="button button-quiet" onClick={s.close}>
      {label}
    </button>
  );

  let status: string | null = null;
  let actions;
  if (s.checking) {
    status = p ? 'Checking the file again…' : 'Checking the file…';
    actions = cancelButton();
  } else if (s.problem || !p) {
    actions = cancelButton('Close');
  } else if (wideWaiting) {
    status = 'Give the period, and fix any field marked, to check the file.';
    actions = cancelButton();
  } else if (s.stale && (s.file?.size ?? 0) <= AUTO_RECHECK_BYTES) {
    // Small files are checked again by themselves a moment after a change.
    status = 'Checking the file again…';
    actions = cancelButton();
  } else if (s.stale) {
    status = 'You changed how the file is read.';
    actions = (
      <>
        <button type="button" className="button" onClick={() => void s.recheck()}>
          Check the file again
        </button>
        {cancelButton()}
      </>
    );
  } else if (errors > 0 && p.skipped.canSkip && !p.duplicateOf) {
    status = 'Nothing has been imported yet.';
    actions = (
      <>
        <button type="button" className="button" data-testid="import-skip-bad" onClick={() => void s.start('skip', true)}>
          Import the {count(p.skipped.goodRows, 'good row')} and skip {formatNumber(p.skipped.total)}
        </button>
        {cancelButton()}
      </>
    );
  } else if (errors > 0) {
    status = 'Nothing has been imported.';
    actions = cancelButton('Close');
  } else if (!p.canImport) {
    status = 'There is nothing to import from this file.';
    actions = cancelButton('Close');
  } else if (p.duplicateOf) {
    actions = (
      <>
        <button type="button" className="button" onClick={() => void s.start('replace')}>
          Replace the earlier import
        </button>
        <button type="button" className="button button-quiet" onClick={s.skip}>
          Skip
        </button>
      </>
    );
  } else {
    actions = (
      <>
        <button type="button" className="button" onClick={() => void s.start('skip')}>
          {warnings > 0 ? 'Import anyway' : 'Import'}
        </button>
        {cancelButton()}
      </>
    );
  }

  return (
    <div className="button-row dialog-buttons data-dialog-footer">
      {actions}
      {status && (
        <span className="footer-status" role="status">
          {status}
        </span>
      )}
    </div>
  );
}

function ImportingStep({ note }: { note: string | null }) {
  const job = useImportStore((s) => s.job);
  const preview = useImportStore((s) => s.preview);
  const cancelling = useImportStore((s) => s.cancelling);
  const cancel = useImportStore((s) => s.cancel);
  const progress = importProgress(job, preview?.counts.rowsRead ?? 0, preview?.counts.valuesToWrite ?? 0);
  return (
    <>
      <div className="data-dialog-body">
        <ProgressBar percent={progress.percent} label={cancelling ? 'Cancelling…' : progress.label} text={progress.text} testId="import-progress" />
        <p className="hint">Nothing is stored until every row has been checked, so Cancel leaves your data exactly as it was.</p>
        {note && <p className="inline-message">{note}</p>}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button button-quiet" data-autofocus data-import-cancel disabled={cancelling} onClick={() => void cancel()}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
    </>
  );
}

function ResultStep({ outcome }: { outcome: ImportOutcome }) {
  const close = useImportStore((s) => s.close);
  const fileName = useImportStore((s) => s.fileName);
  const setPanel = useUiStore((s) => s.setPanel);
  const showInDataTab = () => {
    if (outcome.dataset) useDatasetsStore.getState().setHighlight(outcome.dataset.id);
    setPanel('data');
    close();
  };
  const closeButton = (primary: boolean) => (
    <button type="button" className={primary ? 'button' : 'button button-quiet'} data-autofocus={primary || undefined} onClick={close}>
      Close
    </button>
  );

  if (outcome.kind !== 'imported') {
    const report = outcome.result?.preview.report;
    return (
      <>
        <div className="data-dialog-body">
          <p className={`result-lead${outcome.kind === 'cancelled' || outcome.kind === 'skipped' ? '' : ' is-error'}`} role="status" data-testid="import-outcome">
            {outcome.message}
          </p>
          {report && report.errors > 0 && <ProblemList report={report} severity="error" testId="import-errors" />}
          {report && report.errors === 0 && report.warnings > 0 && <ProblemList report={report} severity="warning" testId="import-warnings" />}
        </div>
        <div className="button-row dialog-buttons data-dialog-footer">{closeButton(true)}</div>
      </>
    );
  }

  const r = outcome.result!;
  const d = outcome.dataset;
  const plans = r.preview.indicators;
  const added = plans.filter((p) => p.isNew);
  const extended = plans.filter((p) => !p.isNew);
  const estimated = plans.filter((p) => p.wards === 'summed' || p.wards === 'apportioned' || p.wards === 'derived');
  const counts = r.preview.counts;
  const rowsRead = d?.rowsRead ?? counts.rowsRead;
  const rejected = d?.rowsRejected ?? counts.rowsLeftOut;
  return (
    <>
      <div className="data-dialog-body">
        <p className="result-lead is-success" role="status" data-testid="import-outcome">
          Imported {fileName}
          {d && d.name !== fileName ? ` as “${d.name}”` : ''}.
        </p>
        <dl className="result-facts" data-testid="import-result">
          <div>
            <dt>Rows read</dt>
            <dd>{formatNumber(rowsRead)}</dd>
          </div>
          <div>
            <dt>Values written</dt>
            <dd>
              {formatNumber(r.valuesWritten)}
              {counts.valuesBuilt > 0 && <span className="fact-note"> including {count(counts.valuesBuilt, 'ward and council value', 'ward and council values')} built from small areas</span>}
            </dd>
          </div>
          <div>
            <dt>Rows rejected</dt>
            <dd>
              {formatNumber(rejected)}
              {rejected > 0 && (
                <span className="fact-note">
                  {' '}
                  left out: {r.rowsSkipped > 0 ? 'the rows skipped for their problems, and any ' : ''}areas outside West and North Northamptonshire, or breakdowns LAP Insight does not
                  store
                </span>
              )}
            </dd>
          </div>
          {r.rowsSkipped > 0 && (
            <div>
              <dt>Rows skipped</dt>
              <dd>
                {formatNumber(r.rowsSkipped)}
                <span className="fact-note"> rows with problems, not imported (listed below)</span>
              </dd>
            </div>
          )}
          {counts.rowsMissing > 0 && (
            <div>
              <dt>Stored as missing</dt>
              <dd>
                {formatNumber(counts.rowsMissing)}
                <span className="fact-note"> suppressed or blank values (missing, not zero)</span>
              </dd>
            </div>
          )}
          <div>
            <dt>Indicators added</dt>
            <dd>
              {formatNumber(added.length)}
              {added.length > 0 && <span className="fact-note"> {added.slice(0, 5).map((p) => p.name).join('; ')}{added.length > 5 ? `; and ${added.length - 5} more` : ''}</span>}
            </dd>
          </div>
          {extended.length > 0 && (
            <div>
              <dt>Indicators with new values</dt>
              <dd>{formatNumber(extended.length)}</dd>
            </div>
          )}
          <div>
            <dt>Ward estimates</dt>
            <dd>
              {estimated.length === 0 ? (
                'None: the ward values were given in the file'
              ) : (
                <>
                  {formatNumber(estimated.length)}
                  <span className="fact-note">
                    {' '}
                    {estimated.length === 1 ? 'indicator has' : 'indicators have'} ward values estimated from small areas (best-fit lookups)
                  </span>
                </>
              )}
            </dd>
          </div>
        </dl>
        {r.rowsSkipped > 0 && (
          <section className="problem-block is-offer" data-testid="import-skipped">
            <p className="problem-title">{count(r.rowsSkipped, 'row')} skipped</p>
            <SkippedRowsList preview={r.preview} />
            <div className="button-row">
              <SaveSkippedButton preview={r.preview} />
            </div>
          </section>
        )}
        {r.replacedDatasetIds.length > 0 && <p className="hint">It replaces the earlier import of the same file.</p>}
        {outcome.cancelTooLate && (
          <p className="inline-message">The import had already finished when Cancel arrived, so the data is stored. You can delete it in the Data tab.</p>
        )}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button" data-autofocus onClick={showInDataTab}>
          Show it in the Data tab
        </button>
        {closeButton(false)}
      </div>
    </>
  );
}
