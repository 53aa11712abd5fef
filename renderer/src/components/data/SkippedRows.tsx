/**
 * The rows a partial import leaves out: "import the N good rows and skip M", the rows with their problem, and a
 * button that saves them as a CSV (the row, the problem, then the file's own columns) to fix and import again.
 */
import { useId, useState } from 'react';
import type { ImportPreview } from '../../../../shared/contract/data.ts';
import { skippedRowsCsv } from '../../../../shared/import-skipped.ts';
import { count, formatNumber } from '../../data/format.ts';
import { downloadText } from '../../shell/download.ts';

const CAP = 10;

export function skippedFileName(fileName: string): string {
  return `${fileName.replace(/\.(csv|tsv|txt)$/i, '')}-skipped-rows.csv`;
}

export function SaveSkippedButton({ preview }: { preview: ImportPreview }) {
  return (
    <button type="button" className="button button-quiet" data-testid="import-save-skipped" onClick={() => downloadText(skippedFileName(preview.fileName), 'text/csv', skippedRowsCsv(preview))}>
      Save the skipped rows (CSV)
    </button>
  );
}

export function SkippedRowsList({ preview }: { preview: ImportPreview }) {
  const [all, setAll] = useState(false);
  const sk = preview.skipped;
  const shown = all ? sk.rows : sk.rows.slice(0, CAP);
  return (
    <>
      <ul className="problem-list is-error" data-testid="import-skipped-rows">
        {shown.map((r) => (
          <li key={r.row} className="problem" data-row={r.row}>
            <span className="problem-where">Row {r.row}</span>
            <span className="problem-reason">{r.reason}</span>
          </li>
        ))}
        {sk.total > shown.length && (
          <li className="problem-more">
            and {formatNumber(sk.total - shown.length)} more
            {sk.rows.length > shown.length && (
              <>
                {' '}
                <button type="button" className="data-link-button" onClick={() => setAll(true)}>
                  Show {formatNumber(sk.rows.length - shown.length)} more
                </button>
              </>
            )}
          </li>
        )}
      </ul>
      {sk.total > sk.rows.length && <p className="hint">The saved file lists the first {formatNumber(sk.rows.length)} of them.</p>}
    </>
  );
}

/** Shown under the errors when every error is about single rows. */
export function SkipOffer({ preview }: { preview: ImportPreview }) {
  const id = useId();
  const sk = preview.skipped;
  return (
    <section className="problem-block is-offer" aria-labelledby={`${id}-h`} data-testid="import-skip-offer">
      <p className="problem-title" id={`${id}-h`}>
        Or import the {count(sk.goodRows, 'good row')} and skip {formatNumber(sk.total)}
      </p>
      <p className="problem-lead">
        Every problem is in single rows. You can store the other rows now, in one go, and leave out the {count(sk.total, 'row')} with problems: save them as a CSV to fix
        and import later. Ward values that need a skipped row are stored as missing, never as a partial sum.
      </p>
      <SkippedRowsList preview={preview} />
      <div className="button-row">
        <SaveSkippedButton preview={preview} />
      </div>
    </section>
  );
}
