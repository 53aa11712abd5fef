/**
 * What the file does not say about its new indicators: is a higher value better or worse (polarity), and which
 * "Live Your Best Life" ambition it belongs to. The answers are stored with the indicators when the file is
 * imported; "No judgement" and "Context" stand until the user chooses.
 */
import { useId } from 'react';
import { AMBITIONS, type AmbitionId } from '../../../../shared/ambitions.ts';
import type { ImportIndicatorPlan } from '../../../../shared/contract/data.ts';
import { POLARITIES } from '../../../../shared/contract/data.ts';
import type { Polarity } from '../../../../shared/indicators-meta.ts';
import { POLARITY_LABELS } from '../../data/format.ts';
import { useImportStore } from '../../data/importStore.ts';

/** More than this many indicators: one question for all of them. */
const EACH_MAX = 25;

function ambitionLabel(id: AmbitionId): string {
  const a = AMBITIONS.find((x) => x.id === id)!;
  return a.number === 0 ? a.title : `${a.number}. ${a.title}`;
}

function Selects({ idBase, label, polarity, ambition, onPolarity, onAmbition }: {
  idBase: string;
  label: string;
  polarity: Polarity | '';
  ambition: AmbitionId | '';
  onPolarity: (p: Polarity) => void;
  onAmbition: (a: AmbitionId) => void;
}) {
  return (
    <>
      <td>
        <label className="data-sr-only" htmlFor={`${idBase}-p`}>
          Higher or lower is better: {label}
        </label>
        <select id={`${idBase}-p`} className="select" value={polarity} onChange={(e) => onPolarity(e.target.value as Polarity)}>
          {polarity === '' && <option value="">Choose…</option>}
          {POLARITIES.map((p) => (
            <option key={p} value={p}>
              {POLARITY_LABELS[p]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label className="data-sr-only" htmlFor={`${idBase}-a`}>
          Ambition: {label}
        </label>
        <select id={`${idBase}-a`} className="select" value={ambition} onChange={(e) => onAmbition(e.target.value as AmbitionId)}>
          {ambition === '' && <option value="">Choose…</option>}
          {AMBITIONS.map((a) => (
            <option key={a.id} value={a.id}>
              {ambitionLabel(a.id)}
            </option>
          ))}
        </select>
      </td>
    </>
  );
}

export function IndicatorQuestions({ plans }: { plans: ImportIndicatorPlan[] }) {
  const id = useId();
  const answers = useImportStore((s) => s.answers);
  const answer = useImportStore((s) => s.answer);
  const asked = plans.filter((p) => p.isNew && (!p.polarityGiven || !p.ambitionGiven));
  if (asked.length === 0) return null;
  const ids = asked.map((p) => p.sourceId);
  const value = (p: ImportIndicatorPlan) => ({ polarity: answers[p.sourceId]?.polarity ?? p.polarity, ambition: answers[p.sourceId]?.ambition ?? p.ambition });
  const same = <T,>(xs: T[]): T | '' => (xs.every((x) => x === xs[0]) ? xs[0]! : '');
  const allPolarity = same(asked.map((p) => value(p).polarity));
  const allAmbition = same(asked.map((p) => value(p).ambition));
  return (
    <section className="import-section" aria-labelledby={`${id}-h`} data-testid="import-questions">
      <h3 id={`${id}-h`} className="import-heading">
        What the file does not say
      </h3>
      <p className="hint">
        For {asked.length === 1 ? 'this new indicator' : `these ${asked.length} new indicators`}, choose whether a higher value is better or worse (it decides the
        colours of comparisons) and the ambition it belongs to in the profile. Until you choose: no judgement, under Context.
      </p>
      <div className="rows-scroller" role="region" aria-labelledby={`${id}-h`} tabIndex={0}>
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Higher or lower is better</th>
              <th scope="col">Ambition</th>
            </tr>
          </thead>
          <tbody>
            {asked.length > 1 && (
              <tr data-testid="import-questions-all">
                <th scope="row">All {asked.length} new indicators</th>
                <Selects
                  idBase={`${id}-all`}
                  label="all new indicators"
                  polarity={allPolarity}
                  ambition={allAmbition}
                  onPolarity={(polarity) => answer(ids, { polarity })}
                  onAmbition={(ambition) => answer(ids, { ambition })}
                />
              </tr>
            )}
            {asked.length <= EACH_MAX &&
              asked.map((p, n) => (
                <tr key={p.sourceId} data-indicator={p.sourceId}>
                  <th scope="row">
                    <span className="plan-name">{p.name}</span>
                    <span className="plan-id">{p.id}</span>
                  </th>
                  <Selects
                    idBase={`${id}-${n}`}
                    label={p.name}
                    polarity={value(p).polarity}
                    ambition={value(p).ambition}
                    onPolarity={(polarity) => answer([p.sourceId], { polarity })}
                    onAmbition={(ambition) => answer([p.sourceId], { ambition })}
                  />
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
