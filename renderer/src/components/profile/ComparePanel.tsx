/**
 * Compare the profiled area with a second LAP (profile.compare): per indicator both values with their intervals,
 * the difference, and the verdict in colour and words ("N4 better", "Similar", "Not tested"), with the backend's
 * sentence under it. Significance is the backend's: the two 95% intervals do not overlap.
 */
import { useId, useMemo } from 'react';
import { AMBITIONS } from '../../../../shared/ambitions.ts';
import type { ComparedIndicator } from '../../../../shared/contract/profile.ts';
import type { Profile } from '../../../../shared/profile.ts';
import { formatDifference } from '../../../../shared/difference.ts';
import { COMPARISON_COLOURS } from '../../../../shared/stats/index.ts';
import { useCompareStore } from '../../profile/compareStore.ts';
import { formatInterval, formatValue, plural } from '../../profile/format.ts';
import { isPopulationCount, matches } from '../../profile/groups.ts';
import { useProfileStore } from '../../profile/store.ts';
import { useProfileViewStore } from '../../profile/viewStore.ts';
import { ColourChip } from './ComparisonChip.tsx';

function verdict(c: ComparedIndicator, aName: string, bName: string): { word: string; colour: string } {
  if (c.significant === null || c.direction === null) return { word: 'Not tested', colour: COMPARISON_COLOURS['not-compared'] };
  if (c.direction === 'similar') return { word: 'Similar', colour: COMPARISON_COLOURS.similar };
  if (c.better === 'a') return { word: `${aName} better`, colour: COMPARISON_COLOURS.better };
  if (c.better === 'b') return { word: `${bName} better`, colour: COMPARISON_COLOURS.worse };
  return { word: `${aName} ${c.direction}`, colour: c.direction === 'higher' ? COMPARISON_COLOURS.higher : COMPARISON_COLOURS.lower };
}

/** "+0.3 percentage points": the one format for differences (shared/difference.ts). */
function difference(c: ComparedIndicator): string {
  return formatDifference(c, c.difference);
}

export function ComparePanel({ profile }: { profile: Profile }) {
  const id = useId();
  const laps = useProfileStore((s) => s.lapChoices);
  const sets = useProfileStore((s) => s.sets);
  const otherLapId = useCompareStore((s) => s.otherLapId);
  const status = useCompareStore((s) => s.status);
  const error = useCompareStore((s) => s.error);
  const data = useCompareStore((s) => s.data);
  const choose = useCompareStore((s) => s.choose);
  const reload = useCompareStore((s) => s.reload);
  const query = useProfileViewStore((s) => s.query);
  const showCounts = useProfileViewStore((s) => s.showCounts);
  const setQuery = useProfileViewStore((s) => s.setQuery);
  const ownLap = profile.area.lapId;

  const rows = useMemo(() => {
    if (!data) return [];
    return data.indicators.filter((c) => (showCounts || !isPopulationCount(c)) && matches(c, query, AMBITIONS.find((a) => a.id === c.ambition)?.title ?? ''));
  }, [data, query, showCounts]);

  const aName = data?.a.name ?? profile.area.name;
  const bName = data?.b.name ?? '';
  const counts = useMemo(() => {
    const tested = rows.filter((r) => r.significant !== null);
    return {
      aBetter: rows.filter((r) => r.better === 'a').length,
      bBetter: rows.filter((r) => r.better === 'b').length,
      differ: rows.filter((r) => r.significant === true && r.better === null).length,
      similar: rows.filter((r) => r.direction === 'similar').length,
      untested: rows.length - tested.length,
    };
  }, [rows]);

  return (
    <section className="compare" aria-labelledby={`${id}-h`} data-testid="compare">
      <h3 className="panel-heading" id={`${id}-h`}>
        Compare with another LAP
      </h3>
      <div className="finder-row">
        <div className="finder-search">
          <label className="field-label" htmlFor={`${id}-lap`}>
            Compare {profile.area.name} with
          </label>
          <select id={`${id}-lap`} className="select" value={otherLapId ?? ''} onChange={(e) => choose(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Choose a LAP…</option>
            {sets.map((s) => {
              const inSet = laps.filter((l) => l.setId === s.id && l.id !== ownLap && l.wardCodes.length > 0);
              if (inSet.length === 0) return null;
              return (
                <optgroup key={s.id} label={s.name}>
                  {inSet.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </div>
        <div className="finder-search">
          <label className="field-label" htmlFor={`${id}-q`}>
            Find an indicator
          </label>
          <input id={`${id}-q`} className="search-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or ambition" />
        </div>
      </div>

      {otherLapId === null && (
        <div className="empty-state">
          <p>Choose a second LAP to see the two side by side, with the difference for each indicator and whether it is significant.</p>
        </div>
      )}
      {status === 'loading' && (
        <p className="hint" role="status">
          Comparing…
        </p>
      )}
      {status === 'error' && (
        <div className="inline-message is-error" role="alert">
          The comparison could not be made: {error}{' '}
          <button type="button" className="button button-small button-quiet" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {data && status !== 'error' && (
        <>
          <p className="compare-summary" role="status">
            Of {plural(rows.length, 'indicator')}: {aName} is significantly better on {counts.aBetter} and {bName} on {counts.bBetter}; {counts.differ} differ
            with no better or worse; {counts.similar} are similar; {counts.untested} could not be tested.
          </p>
          <p className="hint">{data.method}</p>
          <table className="data-table compare-table">
            <caption className="visually-hidden">
              {aName} compared with {bName}
            </caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col" className="num">
                  {aName}
                </th>
                <th scope="col" className="num">
                  {bName}
                </th>
                <th scope="col" className="num">
                  Difference
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            {AMBITIONS.map((a) => {
              const inGroup = rows.filter((r) => r.ambition === a.id);
              if (inGroup.length === 0) return null;
              return (
                <tbody key={a.id}>
                  <tr className="group-row">
                    <th scope="colgroup" colSpan={5}>
                      {a.number === 0 ? a.title : `${a.number}. ${a.title}`}
                    </th>
                  </tr>
                  {inGroup.map((c) => {
                    const v = verdict(c, aName, bName);
                    return (
                      <tr key={c.id} data-indicator-id={c.id}>
                        <th scope="row">
                          {c.shortName}
                          <span className="compare-period">{c.a.period ?? c.b.period ?? ''}</span>
                          <span className="compare-sentence">{c.summary}</span>
                        </th>
                        <td className="num">
                          {formatValue(c, c.a.value)}
                          {c.a.ci95 && <span className="interval">{formatInterval(c, c.a.ci95)}</span>}
                        </td>
                        <td className="num">
                          {formatValue(c, c.b.value)}
                          {c.b.ci95 && <span className="interval">{formatInterval(c, c.b.ci95)}</span>}
                        </td>
                        <td className="num">{difference(c)}</td>
                        <td>
                          <ColourChip colour={v.colour}>{v.word}</ColourChip>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              );
            })}
          </table>
          {rows.length === 0 && (
            <div className="empty-state">
              <p>No indicator matches “{query.trim()}”.</p>
              <button type="button" className="button button-small" onClick={() => setQuery('')}>
                Show all indicators
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
