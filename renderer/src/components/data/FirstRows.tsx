/**
 * The first rows of a file as a table, with what each column is read as under its name ("area code", "value",
 * "ignored"). The table scrolls sideways inside its own box, which takes keyboard focus for that.
 */
import { useId } from 'react';
import type { ImportPreview } from '../../../../shared/contract/data.ts';
import { count } from '../../data/format.ts';

const MAX_COLUMNS = 40;

export function FirstRows({ preview }: { preview: ImportPreview }) {
  const id = useId();
  const header = preview.header.slice(0, MAX_COLUMNS);
  const roles = new Map(preview.columns.map((c) => [c.column, c.role]));
  if (header.length === 0) return null;
  const rows = preview.firstRows;
  return (
    <section className="import-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="import-heading">
        First rows and what each column is
      </h3>
      <div className="rows-scroller" role="region" aria-labelledby={`${id}-h`} tabIndex={0}>
        <table className="rows-table" data-testid="import-first-rows">
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={i} scope="col">
                  <span className="rows-col-name">{h.replace(/^\uFEFF/, '') || `(column ${i + 1})`}</span>
                  <span className={`rows-col-role${(roles.get(h) ?? 'ignored').startsWith('ignored') ? ' is-ignored' : ''}`}>{roles.get(h) ?? 'ignored'}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={header.length} className="rows-empty">
                  No rows to show yet.
                </td>
              </tr>
            ) : (
              rows.map((row, r) => (
                <tr key={r}>
                  {header.map((_, c) => (
                    <td key={c}>{row[c] ?? ''}</td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {rows.length > 0 ? `The first ${count(rows.length, 'row')} of ${count(preview.counts.rowsRead, 'row')}.` : ''}
        {preview.header.length > MAX_COLUMNS ? ` Showing ${MAX_COLUMNS} of ${preview.header.length} columns.` : ''}
      </p>
    </section>
  );
}
