/**
 * How the file is read: its layout (format), text encoding and delimiter, as LAP Insight detected them, each with
 * a choice to read it another way (the file is then checked again).
 */
import { useId } from 'react';
import { DELIMITERS, ENCODINGS, IMPORT_FORMATS, type ImportFormat } from '../../../../shared/contract/data.ts';
import { DELIMITER_LABELS, ENCODING_LABELS, FORMAT_LABELS } from '../../data/format.ts';
import { useImportStore, type Delimiter, type Encoding } from '../../data/importStore.ts';

/** Thresholds offered for "small counts blanked below" (a mapping file or the CLI can give any other). */
const SUPPRESSION_THRESHOLDS = Array.from({ length: 19 }, (_, i) => i + 2);

function label(map: Record<string, string>, value: string | null): string {
  if (value === null) return 'not known';
  return map[value] ?? value;
}

export function ReadingOptions({ disabled }: { disabled: boolean }) {
  const id = useId();
  const overrides = useImportStore((s) => s.overrides);
  const detected = useImportStore((s) => s.detected);
  const preview = useImportStore((s) => s.preview);
  const setOverride = useImportStore((s) => s.setOverride);
  const suppressedBelow = useImportStore((s) => s.suppressedBelow);
  const setSuppressedBelow = useImportStore((s) => s.setSuppressedBelow);

  const format = overrides.format ?? detected.format ?? '';
  const encoding = overrides.encoding ?? detected.encoding ?? '';
  const delimiter = overrides.delimiter ?? detected.delimiter ?? '';

  return (
    <fieldset className="import-section reading-options" disabled={disabled}>
      <legend className="import-heading">How the file is read</legend>
      <div className="option-grid">
        <div>
          <label className="field-label" htmlFor={`${id}-format`}>
            Layout
          </label>
          <select
            id={`${id}-format`}
            className="select"
            value={format}
            onChange={(e) => {
              const v = e.target.value as ImportFormat | '';
              setOverride('format', v === '' || v === detected.format ? undefined : v);
            }}
          >
            {format === '' && <option value="">Not recognised: choose one</option>}
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f]}
                {f === detected.format ? ' (detected)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-encoding`}>
            Text encoding
          </label>
          <select
            id={`${id}-encoding`}
            className="select"
            value={encoding}
            onChange={(e) => {
              const v = e.target.value as Encoding;
              setOverride('encoding', v === detected.encoding ? undefined : v);
            }}
          >
            {encoding === '' && <option value="">Not known</option>}
            {ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {ENCODING_LABELS[enc] ?? enc}
                {enc === detected.encoding ? ' (detected)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-delimiter`}>
            Columns separated by
          </label>
          <select
            id={`${id}-delimiter`}
            className="select"
            value={delimiter}
            onChange={(e) => {
              const v = e.target.value as Delimiter;
              setOverride('delimiter', v === detected.delimiter ? undefined : v);
            }}
          >
            {delimiter === '' && <option value="">Not known</option>}
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d] ?? d}
                {d === detected.delimiter ? ' (detected)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-suppressed`}>
            Small counts blanked below (optional)
          </label>
          <select
            id={`${id}-suppressed`}
            className="select"
            aria-describedby={`${id}-suppressed-hint`}
            value={suppressedBelow ?? ''}
            onChange={(e) => setSuppressedBelow(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Not stated: blanked counts stay missing</option>
            {SUPPRESSION_THRESHOLDS.map((n) => (
              <option key={n} value={n}>
                Below {n} (each blank is 0 to {n - 1})
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint" id={`${id}-suppressed-hint`}>
        Only if the publisher says it blanks counts below a number (the Indices of Deprivation 2019: 10). Each blanked count is then taken as 0 to that number
        minus 1 instead of leaving its ward without a figure.
      </p>
      {preview && (overrides.format || overrides.encoding || overrides.delimiter) && (
        <p className="hint">
          Read as you chose. LAP Insight detected: {detected.format ? FORMAT_LABELS[detected.format] : 'no known layout'}; {label(ENCODING_LABELS, detected.encoding)};{' '}
          {label(DELIMITER_LABELS, detected.delimiter)}.
        </p>
      )}
    </fieldset>
  );
}
