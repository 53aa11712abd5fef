/**
 * The places import dialog: the chosen file is checked first (nothing stored), then the counts, which coordinates
 * were used and every problem (file, row, column) are shown. Import is offered only when there is no error; the
 * same file imported before is offered as a Replace. Then what was stored.
 */
import { useId, useRef } from 'react';
import type { PlaceImportResult } from '../../../../shared/contract/places.ts';
import { PLACE_CATEGORIES, type PlaceCategoryId } from '../../../../shared/places.ts';
import { count, formatDate, formatNumber } from '../../data/format.ts';
import { categoryCount } from '../../places/format.ts';
import { usePlacesImportStore, type PlacesImportState } from '../../places/importStore.ts';
import { DataDialog } from '../data/DataDialog.tsx';
import { ProblemList } from '../data/ProblemList.tsx';
import { CategoryMarker } from './CategoryMarker.tsx';
import { HiddenFileInput } from '../HiddenFileInput.tsx';
import { usePlacesStore } from '../../places/store.ts';

const COORDINATES: Record<NonNullable<PlaceImportResult['coordinates']>, string> = {
  'lon-lat': 'Longitude and latitude',
  'easting-northing': 'Easting and northing (British National Grid)',
  geojson: 'GeoJSON points',
};

/** The check's message without its sentence about the earlier import (the dialog says that in its own box). */
function withoutDuplicateNote(message: string, fileName: string): string {
  const at = message.indexOf(` ${fileName} was imported before`);
  return at > 0 ? message.slice(0, at) : message;
}

function titleFor(s: PlacesImportState): string {
  switch (s.step) {
    case 'reading':
    case 'checking':
      return `Checking ${s.fileName}`;
    case 'importing':
      return `Importing ${s.fileName}`;
    case 'done':
      return `Imported ${s.fileName}`;
    default:
      return `Import ${s.fileName}`;
  }
}

export function PlacesImportDialog() {
  const step = usePlacesImportStore((s) => s.step);
  if (step === 'closed') return null;
  return <PlacesImportDialogOpen />;
}

function PlacesImportDialogOpen() {
  const s = usePlacesImportStore();
  const onClose = () => {
    if (s.step === 'importing') return false;
    s.close();
    return true;
  };
  return (
    <DataDialog title={titleFor(s)} onClose={onClose} className="data-import-dialog places-import-dialog" focusKey={`${s.step}|${s.check?.status ?? ''}|${s.problem ?? ''}`} testId="places-import-dialog">
      {(s.step === 'reading' || s.step === 'checking' || s.step === 'importing') && <BusyStep />}
      {s.step === 'checked' && <CheckedStep />}
      {s.step === 'done' && s.result && <DoneStep result={s.result} />}
    </DataDialog>
  );
}

function BusyStep() {
  const id = useId();
  const s = usePlacesImportStore();
  const importing = s.step === 'importing';
  const label = importing ? `Importing ${s.fileName}` : `Checking ${s.fileName}`;
  const text = importing ? 'Storing every place, all at once: if anything goes wrong, nothing is stored.' : 'Reading every row and checking it. Nothing is stored yet.';
  return (
    <>
      <div className="data-dialog-body" aria-busy="true">
        <div className="data-progress-block">
          <p id={`${id}-label`} className="data-progress-label">
            {label}
          </p>
          <div className="data-progress is-indeterminate" role="progressbar" aria-labelledby={`${id}-label`} aria-valuetext={text} data-testid="places-import-busy">
            <div className="data-progress-fill" />
          </div>
          <p className="data-progress-text">{text}</p>
        </div>
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        {/* An import cannot be stopped half way (it is one transaction); a check can simply be left. */}
        <button type="button" className="button button-quiet" data-autofocus disabled={importing} onClick={s.close}>
          Cancel
        </button>
      </div>
    </>
  );
}

function ByCategory({ byCategory }: { byCategory: Partial<Record<PlaceCategoryId, number>> }) {
  const present = PLACE_CATEGORIES.filter((c) => (byCategory[c.id] ?? 0) > 0);
  if (present.length === 0) return null;
  return (
    <ul className="places-by-category" aria-label="Places by category" data-testid="places-import-categories">
      {present.map((c) => (
        <li key={c.id} data-category={c.id}>
          <CategoryMarker category={c.id} />
          {categoryCount(c.id, byCategory[c.id] ?? 0)}
        </li>
      ))}
    </ul>
  );
}

function CheckedStep() {
  const id = useId();
  const s = usePlacesImportStore();
  const check = s.check;
  const errors = check?.report.errors ?? 0;
  const warnings = check?.report.warnings ?? 0;
  const refused = check?.status === 'failed';
  const canImport = !!check && !s.problem && errors === 0 && check.counts.places > 0;
  const dup = s.duplicateOf;
  const postcodeInput = useRef<HTMLInputElement>(null);
  const builtin = usePlacesStore((p) => p.lists.find((l) => l.builtin) ?? null);
  const offerReplaceBuiltin = canImport && !!builtin && ((check.counts.byCategory.gp ?? 0) > 0 || (check.counts.byCategory.pharmacy ?? 0) > 0);

  let status: string | null = null;
  if (s.problem || errors > 0 || refused) status = 'Nothing has been imported.';
  else if (check && check.counts.places === 0) status = 'There are no places in this file to import.';

  return (
    <>
      <div className="data-dialog-body">
        <div className="import-summary">
          {s.problem ? (
            <p className="inline-message is-error" role="alert" data-autofocus tabIndex={-1} data-testid="places-import-problem">
              {s.problem}
            </p>
          ) : (
            check && (
              <>
                <p className="import-summary-text" data-autofocus tabIndex={-1} data-testid="places-import-summary">
                  {dup ? withoutDuplicateNote(check.message, s.fileName) : check.message}
                </p>
                <dl className="import-counts" data-testid="places-import-counts">
                  <div>
                    <dt>Rows</dt>
                    <dd>{formatNumber(check.counts.rows)}</dd>
                  </div>
                  <div>
                    <dt>Places</dt>
                    <dd data-testid="places-import-count">{formatNumber(check.counts.places)}</dd>
                  </div>
                  <div>
                    <dt>Outside the two councils</dt>
                    <dd>{formatNumber(check.counts.outside)}</dd>
                  </div>
                  {check.coordinates && (
                    <div>
                      <dt>Coordinates</dt>
                      <dd className="places-coordinates">{COORDINATES[check.coordinates]}</dd>
                    </div>
                  )}
                </dl>
                <ByCategory byCategory={check.counts.byCategory} />
                {check.counts.outside > 0 && (
                  <p className="hint">
                    {count(check.counts.outside, 'place lies', 'places lie')} just outside West and North Northamptonshire. They are kept: they count for the distances from
                    wards near the county edge, but not in any ward or LAP.
                  </p>
                )}
              </>
            )
          )}
        </div>

        {check && !s.problem && (
          <section className="import-section problems" aria-labelledby={`${id}-problems`} data-testid="places-import-problems">
            <h3 id={`${id}-problems`} className="data-sr-only">
              Problems found
            </h3>
            {errors > 0 && (
              <div className="problem-block is-error" role="alert">
                <p className="problem-title">{count(errors, 'problem')} to fix</p>
                <p className="problem-lead">Nothing has been imported. Fix these in the file and import it again.</p>
                <ProblemList report={check.report} severity="error" testId="places-import-errors" />
              </div>
            )}
            {warnings > 0 && (
              <div className="problem-block is-warning">
                <p className="problem-title">{count(warnings, 'warning')}</p>
                <p className="problem-lead">{errors > 0 ? 'Check these too.' : 'The file can be imported with these.'}</p>
                <ProblemList report={check.report} severity="warning" testId="places-import-warnings" />
              </div>
            )}
            {errors === 0 && warnings === 0 && canImport && <p className="problem-none">No problems found: the file is ready to import.</p>}
          </section>
        )}

        {check && !s.problem && (s.postcodesName || errors > 0) && (
          <div className="field places-postcodes" data-testid="places-import-postcodes">
            <p className="problem-title">Postcodes but no coordinates?</p>
            <p className="hint">
              An NHS ODS extract (epraccur, edispensary) gives each place’s postcode but no coordinates. Choose a postcode lookup file, such as an extract of the ONS
              Postcode Directory with pcds, lat and long columns, and each place is put at the centre of its postcode.
            </p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => postcodeInput.current?.click()} data-testid="places-import-postcodes-button">
                {s.postcodesName ? 'Choose another postcode lookup…' : 'Choose a postcode lookup file…'}
              </button>
              {s.postcodesName && <span className="hint">Using {s.postcodesName}</span>}
            </div>
            <HiddenFileInput ref={postcodeInput} accept=".csv,text/csv" testId="places-postcodes-file-input" onFile={(file) => void s.setPostcodes(file)} />
          </div>
        )}

        {offerReplaceBuiltin && (
          <div className="field" data-testid="places-import-replace-builtin">
            <label className="check-row">
              <input type="checkbox" checked={s.replaceBuiltin} onChange={(e) => s.setReplaceBuiltin(e.target.checked)} /> Use this list instead of the built-in GP practices
              and pharmacies
            </label>
            <p className="hint">
              For a newer NHS ODS extract. The built-in list (“{builtin.name}”) is hidden, practices attached to LAPs by hand stay attached where the new list has the same ODS
              code, and you can bring the built-in list back at any time.
            </p>
          </div>
        )}

        {dup && canImport && (
          <div className="duplicate-note" data-testid="places-import-duplicate">
            <p className="problem-title">You imported this file before</p>
            <p>
              The same file was imported on {formatDate(dup.importedAt)} as “{dup.name}” ({count(dup.count, 'place')}). Importing it again replaces that list;
              places attached to LAPs stay attached.
            </p>
          </div>
        )}

        {canImport && (
          <div className="field">
            <label className="field-label" htmlFor={`${id}-name`}>
              Name of this list
            </label>
            <input id={`${id}-name`} className="text-input" type="text" maxLength={200} value={s.listName} onChange={(e) => s.setListName(e.target.value)} />
            <p className="hint">For example “GP practices, November 2026”. It names the list in the Places tab.</p>
          </div>
        )}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        {status && <p className="footer-status">{status}</p>}
        {dup && canImport ? (
          <button type="button" className="button" onClick={() => void s.importNow()}>
            Replace “{dup.name}”
          </button>
        ) : (
          <button type="button" className="button" disabled={!canImport} onClick={() => void s.importNow()}>
            {check && canImport ? `Import ${count(check.counts.places, 'place')}` : 'Import'}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={s.close}>
          {canImport ? 'Cancel' : 'Close'}
        </button>
      </div>
    </>
  );
}

function DoneStep({ result }: { result: PlaceImportResult }) {
  const close = usePlacesImportStore((s) => s.close);
  const replacedBuiltin = usePlacesImportStore((s) => s.replaceBuiltin);
  const replaced = result.replacedListIds.length - (replacedBuiltin && result.message.includes(" It replaces the built-in ") ? 1 : 0);
  return (
    <>
      <div className="data-dialog-body">
        <p className="inline-message" role="status" data-autofocus tabIndex={-1} data-testid="places-import-done">
          {result.message}
        </p>
        <ByCategory byCategory={result.counts.byCategory} />
        {replaced > 0 && <p className="hint">{replaced === 1 ? 'The earlier list from the same file was replaced.' : `${replaced} earlier lists from the same file were replaced.`}</p>}
        <p className="hint">The places are on the map now. Tick or untick categories in the Places tab to choose what the map shows.</p>
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button" onClick={close}>
          Done
        </button>
      </div>
    </>
  );
}
