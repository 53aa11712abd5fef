/**
 * The member wards of the profiled area for one indicator (profile.wardBreakdown): a horizontal bar chart with
 * error bars (95% intervals), the area's own value and the benchmark as reference lines, and the same numbers in
 * a table with each ward's comparison in colour and words.
 */
import { useEffect, useState } from 'react';
import type { WardBreakdown as Breakdown } from '../../../../shared/contract/profile.ts';
import type { BenchmarkChoice, ProfileIndicator } from '../../../../shared/profile.ts';
import { send } from '../../api.ts';
import { describeError } from '../../errors.ts';
import { comparisonColour, comparisonLabel, formatCounts, formatInterval, formatValue } from '../../profile/format.ts';
import { areaArg, type ProfileTarget } from '../../profile/store.ts';
import { ComparisonChip } from './ComparisonChip.tsx';

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: Breakdown };

function useBreakdown(target: ProfileTarget, indicatorId: string, period: string, benchmark: BenchmarkChoice): [Loaded, () => void] {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify([target, indicatorId, period, benchmark, attempt]);
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    const [t, id, p, b] = JSON.parse(key) as [ProfileTarget, string, string, BenchmarkChoice];
    send('profile.wardBreakdown', { area: areaArg(t), indicatorId: id, period: p, benchmark: b })
      .then((data) => live && setLoaded({ state: 'ready', data }))
      .catch((err: unknown) => live && setLoaded({ state: 'error', message: describeError(err) }));
    return () => {
      live = false;
    };
  }, [key]);
  return [loaded, () => setAttempt((a) => a + 1)];
}

/** The area's value and the benchmark as reference lines (none for counts, which are parts of a total). */
function referenceLines(ind: ProfileIndicator, data: Breakdown): { group: number | null; bench: number | null } {
  if (ind.valueType === 'count') return { group: null, bench: null };
  return { group: data.group.value, bench: data.group.benchmark.value };
}

const ROW = 26;
const LABEL_W = 168;
const VALUE_W = 64;
const W = 560;

function BarChart({ ind, data, areaName }: { ind: ProfileIndicator; data: Breakdown; areaName: string }) {
  const rows = data.wards;
  // Counts are parts of the area's total: the area's and the council's lines would not be comparable.
  const lines = referenceLines(ind, data);
  const numbers = [...rows.flatMap((r) => [r.value, r.ci95?.lower, r.ci95?.upper]), lines.group, lines.bench].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );
  if (numbers.length === 0) return null;
  const lo = Math.min(0, ...numbers);
  const hi = Math.max(...numbers) * 1.04 || 1;
  const x0 = LABEL_W;
  const x1 = W - VALUE_W;
  const x = (v: number) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);
  const height = rows.length * ROW + 8;
  const label = `Bar chart of ${ind.shortName} for the wards of ${areaName}; the table below gives the same values.`;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={label}>
      {rows.map((r, i) => {
        const y = 4 + i * ROW;
        const v = r.value;
        return (
          <g key={r.code}>
            <text x={LABEL_W - 8} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
              {r.name.length > 24 ? `${r.name.slice(0, 23)}…` : r.name}
            </text>
            {v !== null && (
              <rect x={Math.min(x(0), x(v))} y={y + 4} width={Math.max(1, Math.abs(x(v) - x(0)))} height={ROW - 8} fill={comparisonColour(r.comparison)} stroke="#3b3f46" strokeWidth={0.8} />
            )}
            {r.ci95 && (
              <g stroke="#111418" strokeWidth={1.4}>
                <line x1={x(r.ci95.lower)} x2={x(r.ci95.upper)} y1={y + ROW / 2} y2={y + ROW / 2} />
                <line x1={x(r.ci95.lower)} x2={x(r.ci95.lower)} y1={y + 7} y2={y + ROW - 7} />
                <line x1={x(r.ci95.upper)} x2={x(r.ci95.upper)} y1={y + 7} y2={y + ROW - 7} />
              </g>
            )}
            <text x={W - 4} y={y + ROW / 2 + 4} textAnchor="end" className="chart-value">
              {v === null ? 'no value' : formatValue(ind, v)}
            </text>
          </g>
        );
      })}
      {lines.group !== null && <line x1={x(lines.group)} x2={x(lines.group)} y1={0} y2={height} stroke="#1f5f99" strokeWidth={2} />}
      {lines.bench !== null && <line x1={x(lines.bench)} x2={x(lines.bench)} y1={0} y2={height} stroke="#111418" strokeWidth={1.6} strokeDasharray="5 3" />}
    </svg>
  );
}

export function WardBreakdown({ ind, target, benchmark, areaName }: { ind: ProfileIndicator; target: ProfileTarget; benchmark: BenchmarkChoice; areaName: string }) {
  const [loaded, retry] = useBreakdown(target, ind.id, ind.period, benchmark);
  const names = loaded.state === 'ready' ? [...new Set(loaded.data.wards.map((w) => w.benchmark.name))] : [];
  const sameBenchmark = names.length === 1 ? names[0]! : null;

  return (
    <section className="ward-breakdown" aria-label={`${ind.shortName} by ward`} data-testid="ward-breakdown">
      <h4 className="subheading">By ward</h4>
      {loaded.state === 'loading' && (
        <p className="hint" role="status">
          Loading the wards…
        </p>
      )}
      {loaded.state === 'error' && (
        <p className="inline-message is-error" role="alert">
          The wards could not be loaded: {loaded.message}{' '}
          <button type="button" className="button button-small button-quiet" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          <BarChart ind={ind} data={loaded.data} areaName={areaName} />
          <p className="chart-key" aria-hidden="true">
            {referenceLines(ind, loaded.data).group !== null && (
              <>
                <span className="key-line" /> {areaName} {formatValue(ind, loaded.data.group.value)}
              </>
            )}
            {referenceLines(ind, loaded.data).bench !== null && (
              <>
                <span className="key-line is-dashed is-dark" /> {loaded.data.group.benchmark.name} {formatValue(ind, loaded.data.group.benchmark.value)}
              </>
            )}
            {loaded.data.wards.some((w) => w.ci95) && (
              <>
                <span className="key-whisker" /> 95% interval
              </>
            )}
          </p>
          <table className="data-table">
            <caption className="visually-hidden">
              {ind.shortName} for each ward of {areaName}, {loaded.data.period ?? ind.period}
            </caption>
            <thead>
              <tr>
                <th scope="col">Ward</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  95% interval
                </th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col">{sameBenchmark ? `Compared with ${sameBenchmark}` : 'Compared with its council'}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.wards.map((w) => (
                <tr key={w.code} data-ward-code={w.code}>
                  <th scope="row">
                    {w.name}
                    {w.estimate && <span className="flag">estimate</span>}
                  </th>
                  <td className="num">{formatValue(ind, w.value)}</td>
                  <td className="num">{formatInterval(ind, w.ci95)}</td>
                  <td className="num">{formatCounts(ind, w.numerator, w.denominator)}</td>
                  <td>
                    <ComparisonChip comparison={w.comparison} title={`${comparisonLabel(w.comparison)} compared with ${w.benchmark.name}`} />
                    {!sameBenchmark && <span className="hint-inline"> {w.benchmark.name}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {loaded.data.note && <p className="hint">{loaded.data.note}</p>}
        </>
      )}
    </section>
  );
}
