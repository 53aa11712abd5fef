/**
 * GP practices of the profiled area (practices.forArea, issue 15): which practices make up the "registered
 * population" behind the practice-based indicators, their Primary Care Networks and list sizes, with a way to detach
 * a practice from a LAP (and attach it back: the undo); and, for one practice-based indicator, the breakdown by
 * practice (value, 95% interval, list size) that replaces the ward breakdown. Every number comes from the backend.
 */
import { useEffect, useId, useState } from 'react';
import type { AreaPractices } from '../../../../shared/contract/practices.ts';
import type { ProfileIndicator } from '../../../../shared/profile.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { send } from '../../api.ts';
import { describeError } from '../../errors.ts';
import { formatCounts, formatInterval, formatValue } from '../../profile/format.ts';
import { areaArg, type ProfileTarget } from '../../profile/store.ts';

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: AreaPractices };

function usePractices(target: ProfileTarget, key: string): [Loaded, (data: AreaPractices) => void, () => void] {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const k = JSON.stringify([target, key, attempt]);
  useEffect(() => {
    let live = true;
    const [t] = JSON.parse(k) as [ProfileTarget];
    send('practices.forArea', { area: areaArg(t) })
      .then((data) => live && setLoaded({ state: 'ready', data }))
      .catch((err: unknown) => live && setLoaded({ state: 'error', message: describeError(err) }));
    return () => {
      live = false;
    };
  }, [k]);
  return [loaded, (data) => setLoaded({ state: 'ready', data }), () => setAttempt((a) => a + 1)];
}

const n = (x: number | null) => (x === null ? '–' : formatNumber(x, 0));

export function PracticesSection({ target, generatedAt, onChanged }: { target: ProfileTarget; generatedAt: string; onChanged?: () => void }) {
  const id = useId();
  const [loaded, set, retry] = usePractices(target, generatedAt);
  const [message, setMessage] = useState<{ text: string; undo?: () => void } | null>(null);
  const lapId = target.kind === 'lap' ? target.id : null;

  const change = async (code: string, name: string, how: 'detach' | 'attach') => {
    if (lapId === null) return;
    try {
      const data = await send(how === 'detach' ? 'practices.detach' : 'practices.attach', { lapId, code });
      set(data);
      setMessage(
        how === 'detach'
          ? { text: `${name} no longer counts for this LAP.`, undo: () => void change(code, name, 'attach') }
          : { text: `${name} counts for this LAP again.` },
      );
      onChanged?.();
    } catch (err) {
      setMessage({ text: describeError(err) });
    }
  };

  return (
    <section className="practices-section" aria-labelledby={`${id}-heading`} data-testid="practices-section">
      <h3 className="places-section-title" id={`${id}-heading`}>
        GP practices (registered population)
      </h3>
      {loaded.state === 'loading' && (
        <p className="hint" role="status">
          Loading the GP practices…
        </p>
      )}
      {loaded.state === 'error' && (
        <p className="inline-message is-error" role="alert">
          The GP practices could not be loaded: {loaded.message}{' '}
          <button type="button" className="button button-small button-quiet" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <p data-testid="practices-description">{loaded.data.description}</p>
          {loaded.data.pcns.length > 0 && (
            <p>
              <strong>Primary Care Networks:</strong> {loaded.data.pcns.map((p) => `${p.name} (${p.practices})`).join(', ')}
            </p>
          )}
          {message && (
            <p className="inline-message" role="status">
              {message.text}{' '}
              {message.undo && (
                <button type="button" className="button button-small button-quiet" onClick={message.undo}>
                  Undo
                </button>
              )}
            </p>
          )}
          {loaded.data.practices.length > 0 && (
            <table className="data-table" data-testid="practices-table">
              <caption className="visually-hidden">GP practices whose registered patients make up the practice-based indicators</caption>
              <thead>
                <tr>
                  <th scope="col">Practice</th>
                  <th scope="col">Primary Care Network</th>
                  <th scope="col">Ward</th>
                  <th scope="col" className="num">
                    Registered patients
                  </th>
                  {lapId !== null && <th scope="col">How</th>}
                </tr>
              </thead>
              <tbody>
                {loaded.data.practices.map((p) => (
                  <tr key={p.code} data-practice-code={p.code}>
                    <th scope="row">
                      {p.name} <span className="hint-inline">{p.code}</span>
                    </th>
                    <td>{p.pcnName ?? 'none recorded'}</td>
                    <td>{p.wardName ?? 'outside the two councils'}</td>
                    <td className="num">{n(p.listSize)}</td>
                    {lapId !== null && (
                      <td>
                        {p.how === 'location' ? 'in its wards' : 'attached by hand'}{' '}
                        <button type="button" className="button button-small button-quiet" onClick={() => void change(p.code, p.name, 'detach')}>
                          Detach
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {loaded.data.detached.length > 0 && lapId !== null && (
            <p className="hint">
              Detached by hand:{' '}
              {loaded.data.detached.map((p) => (
                <button key={p.code} type="button" className="button button-small button-quiet" onClick={() => void change(p.code, p.name, 'attach')}>
                  Attach {p.name} again
                </button>
              ))}
            </p>
          )}
          <p className="hint attribution">{loaded.data.attribution}</p>
        </>
      )}
    </section>
  );
}

/** The practice breakdown of one practice-based indicator (instead of the ward breakdown). */
export function PracticeBreakdown({ ind, target, generatedAt }: { ind: ProfileIndicator; target: ProfileTarget; generatedAt: string }) {
  const [loaded, , retry] = usePractices(target, generatedAt);
  const v = loaded.state === 'ready' ? loaded.data.indicators.find((i) => i.id === ind.id) : undefined;
  return (
    <section className="ward-breakdown" aria-label={`${ind.shortName} by GP practice`} data-testid="practice-breakdown">
      <h4 className="subheading">By GP practice</h4>
      {loaded.state === 'loading' && <p className="hint">Loading the practices…</p>}
      {loaded.state === 'error' && (
        <p className="inline-message is-error" role="alert">
          The practices could not be loaded: {loaded.message}{' '}
          <button type="button" className="button button-small button-quiet" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {loaded.state === 'ready' && v && (
        <>
          <p className="hint">
            {ind.practiceBased?.label ?? loaded.data.label}, {v.period}. Practices are not wards: there is no ward breakdown for this indicator.
          </p>
          <table className="data-table">
            <caption className="visually-hidden">
              {ind.shortName} for each GP practice, {v.period}
            </caption>
            <thead>
              <tr>
                <th scope="col">Practice</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  95% interval
                </th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col" className="num">
                  Registered patients
                </th>
              </tr>
            </thead>
            <tbody>
              {v.breakdown.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{r.value === null ? 'no value' : formatValue(ind, r.value)}</td>
                  <td className="num">{formatInterval(ind, r.ci95)}</td>
                  <td className="num">{formatCounts(ind, r.numerator, r.denominator)}</td>
                  <td className="num">{n(r.listSize)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
