/**
 * The indicators a file makes or adds to: name and id, new or existing, how its values are read, how many rows,
 * which periods, and where its ward values come from (given, or estimated from small areas).
 */
import { useId, useState } from 'react';
import type { ImportIndicatorPlan } from '../../../../shared/contract/data.ts';
import { formatNumber, POLARITY_LABELS, VALUE_TYPE_LABELS, WARD_SOURCE_LABELS } from '../../data/format.ts';
import { useImportStore } from '../../data/importStore.ts';

const CAP = 12;

function periods(list: string[]): string {
  if (list.length <= 3) return list.join(', ');
  return `${list[0]} to ${list[list.length - 1]} (${list.length})`;
}

export function IndicatorPlans({ plans }: { plans: ImportIndicatorPlan[] }) {
  const id = useId();
  const [all, setAll] = useState(false);
  // The polarity chosen in "What the file does not say" (sent with the import) rather than the default.
  const answers = useImportStore((s) => s.answers);
  if (plans.length === 0) return null;
  const shown = all ? plans : plans.slice(0, CAP);
  const added = plans.filter((p) => p.isNew).length;
  return (
    <section className="import-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="import-heading">
        Indicators
      </h3>
      <p className="hint">
        {added === plans.length
          ? `${formatNumber(added)} new ${added === 1 ? 'indicator' : 'indicators'}.`
          : `${formatNumber(added)} new, ${formatNumber(plans.length - added)} already in LAP Insight (this file adds values to ${plans.length - added === 1 ? 'it' : 'them'}).`}
      </p>
      <div className="rows-scroller" role="region" aria-labelledby={`${id}-h`} tabIndex={0}>
        <table className="plan-table" data-testid="import-indicators">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Read as</th>
              <th scope="col">Rows</th>
              <th scope="col">Periods</th>
              <th scope="col">Ward values</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={`${p.id}|${p.sourceId}`}>
                <td>
                  <span className="plan-name">{p.name}</span>
                  <span className="plan-id">
                    {p.id}
                    {p.isNew ? <span className="badge badge-new">new</span> : <span className="badge badge-existing">adds values</span>}
                  </span>
                </td>
                <td>
                  {VALUE_TYPE_LABELS[p.valueType]}
                  {p.unit ? <span className="plan-sub">{p.unit}</span> : null}
                  <span className="plan-sub">{POLARITY_LABELS[(p.isNew ? answers[p.sourceId]?.polarity : undefined) ?? p.polarity]}</span>
                </td>
                <td className="num">{formatNumber(p.rows)}</td>
                <td>{periods(p.periods)}</td>
                <td>{WARD_SOURCE_LABELS[p.wards]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plans.length > shown.length && (
        <p className="problem-more">
          and {formatNumber(plans.length - shown.length)} more{' '}
          <button type="button" className="data-link-button" onClick={() => setAll(true)}>
            Show them all
          </button>
        </p>
      )}
    </section>
  );
}
