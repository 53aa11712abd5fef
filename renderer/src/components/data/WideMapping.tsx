/**
 * The mapping step of a wide file: which column holds the area codes, the period of the values, and for each other
 * column whether to import it and as what (id, name, value type, unit, polarity, theme, period, denominator).
 * Blank fields are worked out by LAP Insight; its guess is shown in grey and in the "Automatic" choice.
 */
import { useId } from 'react';
import { AMBITIONS, type AmbitionId } from '../../../../shared/ambitions.ts';
import { POLARITIES, VALUE_TYPES, type ImportPreview, type ValueAreaType } from '../../../../shared/contract/data.ts';
import type { Polarity, ValueType } from '../../../../shared/indicators-meta.ts';
import { POLARITY_LABELS, VALUE_TYPE_LABELS, WIDE_AREA_TYPES } from '../../data/format.ts';
import { useImportStore } from '../../data/importStore.ts';
import { columnId, planFor, validateWide, type WideColumnDraft, type WideFieldErrors } from '../../data/wide.ts';

function samples(preview: ImportPreview | null, column: string): string {
  if (!preview) return '';
  const i = preview.header.findIndex((h) => h.replace(/^\uFEFF/, '').trim() === column);
  if (i < 0) return '';
  const values = preview.firstRows.map((r) => r[i] ?? '').filter((v) => v !== '').slice(0, 3);
  return values.length ? `e.g. ${values.join(', ')}` : '';
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} className="data-field-error">
      {text}
    </span>
  );
}

export function WideMapping({ disabled }: { disabled: boolean }) {
  const id = useId();
  const wide = useImportStore((s) => s.wide);
  const preview = useImportStore((s) => s.preview);
  const updateWide = useImportStore((s) => s.updateWide);
  if (!wide) return null;
  const errors = validateWide(wide);
  const header = preview?.header.map((h) => h.replace(/^\uFEFF/, '').trim()).filter((h) => h !== '') ?? [];
  const included = wide.columns.filter((c) => c.include).length;

  return (
    <fieldset className="import-section wide-mapping" disabled={disabled} data-testid="wide-mapping">
      <legend className="import-heading">Which column is what</legend>
      <p className="hint">
        This file has one row per area and one column per indicator. Choose the area-code column and the period, then tick the columns to import. Blank fields are
        worked out by LAP Insight (its guess is shown in grey).
      </p>
      <div className="option-grid">
        <div>
          <label className="field-label" htmlFor={`${id}-area`}>
            Area-code column
          </label>
          <select
            id={`${id}-area`}
            className="select"
            value={wide.areaCodeColumn}
            aria-invalid={errors.areaCodeColumn ? true : undefined}
            onChange={(e) => updateWide({ areaCodeColumn: e.target.value })}
          >
            {!header.includes(wide.areaCodeColumn) && <option value={wide.areaCodeColumn}>{wide.areaCodeColumn || 'Choose a column'}</option>}
            {header.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-period`}>
            Period of the values
          </label>
          <input
            id={`${id}-period`}
            className="text-input"
            type="text"
            autoComplete="off"
            maxLength={100}
            placeholder="e.g. 2023 or 2022/23"
            value={wide.period}
            aria-invalid={errors.period || (!wide.period.trim() && included > 0) ? true : undefined}
            aria-describedby={`${id}-period-note`}
            onChange={(e) => updateWide({ period: e.target.value })}
          />
          <span id={`${id}-period-note`} className={errors.period ? 'data-field-error' : 'data-field-note'}>
            {errors.period ?? (wide.periodGuessed ? 'Taken from the file name: check it.' : wide.period.trim() ? '' : 'Needed before the file can be checked.')}
          </span>
        </div>
        <div>
          <label className="field-label" htmlFor={`${id}-areatype`}>
            Areas
          </label>
          <select id={`${id}-areatype`} className="select" value={wide.areaType} onChange={(e) => updateWide({ areaType: e.target.value as ValueAreaType | '' })}>
            {WIDE_AREA_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors.columns && <p className="data-field-error">{errors.columns}</p>}
      <ul className="wide-columns">
        {wide.columns.map((col, index) => (
          <WideColumn key={col.column} col={col} index={index} base={id} preview={preview} errors={errors} header={header} areaCodeColumn={wide.areaCodeColumn} defaultPeriod={wide.period} />
        ))}
      </ul>
    </fieldset>
  );
}

function WideColumn({
  col,
  index,
  base,
  preview,
  errors,
  header,
  areaCodeColumn,
  defaultPeriod,
}: {
  col: WideColumnDraft;
  index: number;
  base: string;
  preview: ImportPreview | null;
  errors: WideFieldErrors;
  header: string[];
  areaCodeColumn: string;
  defaultPeriod: string;
}) {
  const update = useImportStore((s) => s.updateColumn);
  const plan = col.include ? planFor(preview, col) : undefined;
  const f = (name: string) => `${base}-c${index}-${name}`;
  const err = (name: string) => errors[`${col.column}.${name}`];
  const isArea = col.column === areaCodeColumn;
  const sample = samples(preview, col.column);

  return (
    <li className={`wide-column${col.include && !isArea ? '' : ' is-excluded'}`} data-column={col.column}>
      <div className="wide-column-head">
        <label className="check-row">
          <input type="checkbox" checked={col.include && !isArea} disabled={isArea} onChange={(e) => update(col.column, { include: e.target.checked })} />
          <span className="wide-column-name">{col.column}</span>
        </label>
        <span className="wide-column-sample">{isArea ? 'area codes' : sample}</span>
      </div>
      {col.include && !isArea && (
        <div className="wide-column-fields">
          <div>
            <label className="field-label" htmlFor={f('id')}>
              Indicator id
            </label>
            <input
              id={f('id')}
              className="text-input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              placeholder={columnId({ ...col, id: '' })}
              value={col.id}
              aria-invalid={err('id') ? true : undefined}
              aria-describedby={err('id') ? f('id-error') : undefined}
              onChange={(e) => update(col.column, { id: e.target.value })}
            />
            <FieldError id={f('id-error')} text={err('id')} />
          </div>
          <div className="field-span-3">
            <label className="field-label" htmlFor={f('name')}>
              Name
            </label>
            <input
              id={f('name')}
              className="text-input"
              type="text"
              autoComplete="off"
              maxLength={500}
              placeholder={plan?.name ?? col.column}
              value={col.name}
              onChange={(e) => update(col.column, { name: e.target.value })}
            />
          </div>
          <div>
            <label className="field-label" htmlFor={f('type')}>
              Value type
            </label>
            <select id={f('type')} className="select" value={col.valueType} onChange={(e) => update(col.column, { valueType: e.target.value as ValueType | '' })}>
              <option value="">{plan ? `${VALUE_TYPE_LABELS[plan.valueType]} (guess)` : 'Work it out'}</option>
              {VALUE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {VALUE_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="field-label" htmlFor={f('unit')}>
              Unit
            </label>
            <input
              id={f('unit')}
              className="text-input"
              type="text"
              autoComplete="off"
              maxLength={200}
              placeholder={plan?.unit || 'e.g. % of adults'}
              value={col.unit}
              onChange={(e) => update(col.column, { unit: e.target.value })}
            />
          </div>
          <div>
            <label className="field-label" htmlFor={f('polarity')}>
              Which way is better
            </label>
            <select id={f('polarity')} className="select" value={col.polarity} onChange={(e) => update(col.column, { polarity: e.target.value as Polarity | '' })}>
              <option value="">{plan ? `${POLARITY_LABELS[plan.polarity]} (guess)` : 'Work it out'}</option>
              {POLARITIES.map((p) => (
                <option key={p} value={p}>
                  {POLARITY_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="field-label" htmlFor={f('period')}>
              Period
            </label>
            <input
              id={f('period')}
              className="text-input"
              type="text"
              autoComplete="off"
              maxLength={100}
              placeholder={defaultPeriod.trim() || 'e.g. 2023'}
              value={col.period}
              aria-invalid={err('period') ? true : undefined}
              aria-describedby={err('period') ? f('period-error') : undefined}
              onChange={(e) => update(col.column, { period: e.target.value })}
            />
            <FieldError id={f('period-error')} text={err('period')} />
          </div>
          <div className="field-span-2">
            <label className="field-label" htmlFor={f('ambition')}>
              Ambition
            </label>
            <select id={f('ambition')} className="select" value={col.ambition} onChange={(e) => update(col.column, { ambition: e.target.value as AmbitionId | '' })}>
              <option value="">{plan ? `${AMBITIONS.find((a) => a.id === plan.ambition)?.title ?? plan.ambition} (guess)` : 'Work it out'}</option>
              {AMBITIONS.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.number > 0 ? `${a.number}. ` : ''}
                  {a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field-span-2">
            <label className="field-label" htmlFor={f('den')}>
              Denominator column
            </label>
            <select
              id={f('den')}
              className="select"
              value={col.denominatorColumn}
              aria-invalid={err('denominatorColumn') ? true : undefined}
              onChange={(e) => update(col.column, { denominatorColumn: e.target.value })}
            >
              <option value="">None: the column holds the values</option>
              {header
                .filter((h) => h !== col.column && h !== areaCodeColumn)
                .map((h) => (
                  <option key={h} value={h}>
                    {h} (this column is then the numerator)
                  </option>
                ))}
            </select>
            <FieldError id={f('den-error')} text={err('denominatorColumn')} />
          </div>
        </div>
      )}
    </li>
  );
}
