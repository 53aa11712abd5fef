/**
 * One dataset in the Data tab: its name, whether it ships with the app or was imported, its licence and publisher
 * (always shown), period and size, the attribution to quote, and (folded) where it came from, how it was
 * transformed, its indicators and any warnings accepted when it was imported. Imported datasets can be deleted.
 */
import { useId, type Ref } from 'react';
import type { DatasetInfo } from '../../../../shared/contract/data.ts';
import { count, formatDate, formatNumber } from '../../data/format.ts';

interface Props {
  dataset: DatasetInfo;
  indicatorNames: Record<string, string>;
  isNew: boolean;
  onDelete(): void;
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * The source in a few words: bundled sources name the file they were built from and then the publisher's
 * original product ("…; original: ONS Census 2021 bulk topic summary tables"); the original is what people need.
 * The whole text is under "More".
 */
export function shortSource(source: string): string {
  const original = /(?:^|;\s*)original:\s*(.+)$/is.exec(source)?.[1]?.trim();
  return original || source || 'Not stated';
}

export function DatasetCard({ dataset: d, indicatorNames, isNew, onDelete, headingRef }: Props) {
  const id = useId();
  const bundled = d.kind === 'bundled';
  const indicators = d.indicatorIds.length;
  return (
    <li className={`dataset-card${isNew ? ' is-new' : ''}`} data-testid="dataset" data-dataset-id={d.id} data-kind={d.kind} aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`} className="dataset-name" ref={headingRef} tabIndex={-1}>
        {d.name}
        <span className={`badge ${bundled ? 'badge-bundled' : 'badge-imported'}`}>{bundled ? 'Bundled' : 'Imported'}</span>
        {isNew && <span className="badge badge-new">New</span>}
      </h3>
      <dl className="dataset-facts">
        <div>
          <dt>Licence</dt>
          <dd data-testid="dataset-licence">{d.licence || 'Not stated'}</dd>
        </div>
        <div>
          <dt>Publisher</dt>
          <dd>{d.publisher || 'Not stated'}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd className="dataset-source">{shortSource(d.source)}</dd>
        </div>
        {d.period && (
          <div>
            <dt>Period</dt>
            <dd>{d.period}</dd>
          </div>
        )}
        <div>
          <dt>Data</dt>
          <dd data-testid="dataset-size">
            {count(indicators, 'indicator')}, {count(d.valueCount, 'value')}
          </dd>
        </div>
        <div>
          <dt>{bundled ? 'Added' : 'Imported'}</dt>
          <dd>
            {formatDate(d.importedAt)}
            {!bundled && d.fileName ? ` from ${d.fileName}` : ''}
          </dd>
        </div>
        {!bundled && (
          <div>
            <dt>Rows</dt>
            <dd>
              {formatNumber(d.rowsRead)} read, {formatNumber(d.rowsWritten)} written, {formatNumber(d.rowsRejected)} rejected
            </dd>
          </div>
        )}
      </dl>
      {d.attribution && d.attribution !== 'Not stated' && <p className="dataset-attribution">{d.attribution}</p>}
      <details className="dataset-more">
        <summary>More about this source</summary>
        <dl className="dataset-more-facts">
          <dt>Source</dt>
          <dd>{d.source || 'Not stated'}</dd>
          {d.transformation && (
            <>
              <dt>How it was prepared</dt>
              <dd>{d.transformation}</dd>
            </>
          )}
          {d.warnings.length > 0 && (
            <>
              <dt>Warnings accepted at import</dt>
              <dd>
                <ul className="dataset-list">
                  {d.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt>Indicators ({formatNumber(indicators)})</dt>
          <dd>
            {indicators === 0 ? (
              'None: this dataset holds lookups or context only.'
            ) : (
              <ul className="dataset-list">
                {d.indicatorIds.map((ind) => (
                  <li key={ind}>
                    {indicatorNames[ind] ?? ind} <span className="plan-id">{ind}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </details>
      {bundled ? (
        <p className="dataset-note">Ships with LAP Insight, so it cannot be deleted.</p>
      ) : (
        <div className="button-row">
          <button type="button" className="button button-danger button-small" onClick={onDelete} aria-label={`Delete ${d.name}`}>
            Delete…
          </button>
        </div>
      )}
    </li>
  );
}
