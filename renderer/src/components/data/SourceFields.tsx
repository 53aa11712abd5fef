/**
 * Where the data came from and its licence, stored with the dataset and shown in the Data tab. All optional:
 * blank fields get LAP Insight's defaults (the file name; for a Fingertips download, OHID and the Open Government
 * Licence; otherwise "Not stated").
 */
import { useId, useState } from 'react';
import type { ImportFormat } from '../../../../shared/contract/data.ts';
import { useImportStore, type SourceDraft } from '../../data/importStore.ts';

interface FieldDef {
  key: keyof SourceDraft;
  label: string;
  max: number;
  multiline?: boolean;
}

const FIELDS: FieldDef[] = [
  { key: 'name', label: 'Name of the dataset', max: 300 },
  { key: 'publisher', label: 'Publisher', max: 300 },
  { key: 'licence', label: 'Licence', max: 300 },
  { key: 'source', label: 'Where it came from (web page, report or team)', max: 2000, multiline: true },
  { key: 'attribution', label: 'Attribution to show with it', max: 2000, multiline: true },
];

function placeholders(format: ImportFormat | null, fileName: string): Record<keyof SourceDraft, string> {
  if (format === 'fingertips') {
    return {
      name: fileName,
      publisher: 'Office for Health Improvement and Disparities (OHID)',
      licence: 'Open Government Licence v3.0',
      source: `OHID Fingertips download (${fileName})`,
      attribution: 'Contains public sector information from OHID Fingertips licensed under the Open Government Licence v3.0.',
    };
  }
  return { name: fileName, publisher: 'Not stated', licence: 'Not stated', source: `${fileName}, imported by you`, attribution: 'Not stated' };
}

export function SourceFields({ format, fileName, disabled }: { format: ImportFormat | null; fileName: string; disabled: boolean }) {
  const id = useId();
  const source = useImportStore((s) => s.source);
  const update = useImportStore((s) => s.updateSource);
  const hints = placeholders(format, fileName);
  const given = Object.values(source).some((v) => v.trim() !== '');
  const [open, setOpen] = useState(given);
  return (
    <details className="import-section source-fields" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="import-heading">Source and licence{given ? '' : ' (optional)'}</summary>
      <p className="hint">Say where the data came from and under what licence, so everyone who sees it in LAP Insight knows whether they can share it. Blank fields show the grey text.</p>
      <fieldset className="source-grid" disabled={disabled}>
        <legend className="data-sr-only">Source and licence</legend>
        {FIELDS.map((f) => (
          <div key={f.key} className={f.multiline ? 'source-wide' : undefined}>
            <label className="field-label" htmlFor={`${id}-${f.key}`}>
              {f.label}
            </label>
            {f.multiline ? (
              <textarea
                id={`${id}-${f.key}`}
                className="text-input source-textarea"
                rows={2}
                maxLength={f.max}
                placeholder={hints[f.key]}
                value={source[f.key]}
                onChange={(e) => update({ [f.key]: e.target.value })}
              />
            ) : (
              <input
                id={`${id}-${f.key}`}
                className="text-input"
                type="text"
                autoComplete="off"
                maxLength={f.max}
                placeholder={hints[f.key]}
                value={source[f.key]}
                onChange={(e) => update({ [f.key]: e.target.value })}
              />
            )}
          </div>
        ))}
      </fieldset>
    </details>
  );
}
