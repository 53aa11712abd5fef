/**
 * A small line chart of an indicator over time, with the council's line beside it: on the same axes for rates and
 * percentages, or as two small charts side by side for counts (a LAP's count and its council's are of different
 * sizes). The same numbers are in a table for screen readers.
 */
import type { ProfileIndicator } from '../../../../shared/profile.ts';
import { provisionalPeriods } from '../../../../shared/provisional.ts';
import { formatValue } from '../../profile/format.ts';

const W = 520;
const H = 150;
const M = { left: 58, right: 14, top: 12, bottom: 28 };

interface Series {
  name: string;
  colour: string;
  dashed: boolean;
  values: (number | null)[];
}

/**
 * Whether the value axis starts at zero: yes for values that are never negative, unless zero would squash the
 * line flat (the smallest value above 60% of the largest); then the chart says that its axis does not start at zero.
 */
export function startsAtZero(values: number[]): boolean {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo >= 0 && lo <= 0.6 * hi;
}

/** Axis range and ticks at round numbers (1, 2 or 5 times a power of ten) around the values (from zero if asked). */
function niceScale(values: number[], fromZero: boolean): { lo: number; hi: number; ticks: number[] } {
  let lo = fromZero ? 0 : Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  const rough = (hi - lo) / 3;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = start; t <= end + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { lo: start, hi: end, ticks };
}

function Chart({
  ind,
  periods,
  series,
  width = W,
  label,
  fromZero,
  provisional,
}: {
  ind: ProfileIndicator;
  periods: string[];
  series: Series[];
  width?: number;
  label: string;
  fromZero: boolean;
  provisional: ReadonlySet<string>;
}) {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  if (all.length === 0) return null;
  const { lo, hi, ticks } = niceScale(all, fromZero);
  const innerW = width - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const x = (i: number) => M.left + (periods.length === 1 ? innerW / 2 : (i * innerW) / (periods.length - 1));
  const y = (v: number) => M.top + (1 - (v - lo) / (hi - lo)) * innerH;
  const every = Math.max(1, Math.ceil(periods.length / (width < 400 ? 3 : 6)));
  const labelled = (i: number) => i === 0 || i === periods.length - 1 || (i % every === 0 && i <= periods.length - 1 - every);
  return (
    <svg className="trend-chart" viewBox={`0 0 ${width} ${H}`} width="100%" role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke="#e3e6ea" />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
            {formatValue(ind, t)}
          </text>
        </g>
      ))}
      {periods.map((p, i) =>
        labelled(i) ? (
          <text key={p} x={x(i)} y={H - 8} textAnchor={i === 0 && periods.length > 1 ? 'start' : i === periods.length - 1 && periods.length > 1 ? 'end' : 'middle'} className="chart-tick">
            {provisional.has(p) ? `${p} (p)` : p}
          </text>
        ) : null,
      )}
      {series.map((s) => {
        const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
        const path = points.reduce((d, p, i) => (p ? `${d}${d && points[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : d), '');
        return (
          <g key={s.name}>
            <path d={path} fill="none" stroke={s.colour} strokeWidth={2.2} strokeDasharray={s.dashed ? '6 4' : undefined} />
            {points.map((p, i) =>
              !p ? null : provisional.has(periods[i]!) ? (
                // A provisional point: a hollow diamond, explained under the chart.
                <path
                  key={i}
                  d={`M${p[0].toFixed(1)},${(p[1] - 5).toFixed(1)}l5,5l-5,5l-5,-5z`}
                  fill="#ffffff"
                  stroke={s.colour}
                  strokeWidth={1.8}
                  data-provisional="true"
                />
              ) : (
                <circle key={i} cx={p[0]} cy={p[1]} r={3.2} fill={s.dashed ? '#ffffff' : s.colour} stroke={s.colour} strokeWidth={1.6} />
              ),
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function TrendChart({ ind, areaName, councilName }: { ind: ProfileIndicator; areaName: string; councilName: string }) {
  const trend = ind.trend;
  if (trend.length < 2) return null;
  const periods = trend.map((t) => t.period);
  const area: Series = { name: areaName, colour: '#1f5f99', dashed: false, values: trend.map((t) => t.value) };
  const council: Series = { name: councilName, colour: '#4a525c', dashed: true, values: trend.map((t) => t.council) };
  const hasCouncil = council.values.some((v) => v !== null);
  const sideBySide = ind.valueType === 'count' && hasCouncil;
  const summary = `${ind.shortName} from ${periods[0]} to ${periods[periods.length - 1]}: the table below gives every value.`;
  const provisional = provisionalPeriods(periods, `${ind.definition} ${ind.note ?? ''}`);
  const numbers = [...area.values, ...(hasCouncil ? council.values : [])].filter((v): v is number => v !== null && Number.isFinite(v));
  // Side by side, each chart has its own axis; both start at zero or neither does.
  const fromZero = numbers.length > 0 && (sideBySide ? [area.values, council.values].every((vs) => startsAtZero(vs.filter((v): v is number => v !== null))) : startsAtZero(numbers));
  const chart = { ind, periods, fromZero, provisional };

  return (
    <figure className="trend">
      <figcaption className="subheading">Trend</figcaption>
      {sideBySide ? (
        <div className="trend-pair">
          <div>
            <p className="trend-title">{areaName}</p>
            <Chart {...chart} series={[area]} width={300} label={`${summary} ${areaName}.`} />
          </div>
          <div>
            <p className="trend-title">{councilName}</p>
            <Chart {...chart} series={[{ ...council, dashed: false }]} width={300} label={`${summary} ${councilName}.`} />
          </div>
        </div>
      ) : (
        <>
          <Chart {...chart} series={hasCouncil ? [area, council] : [area]} label={summary} />
          <p className="chart-key" aria-hidden="true">
            <span className="key-line" /> {areaName}
            {hasCouncil && (
              <>
                <span className="key-line is-dashed" /> {councilName}
              </>
            )}
          </p>
        </>
      )}
      <p className="chart-note hint" data-testid="trend-note">
        {fromZero ? 'The axis starts at zero.' : 'The axis does not start at zero, so small changes look larger.'}
        {provisional.size > 0 && ` (p) and a hollow diamond: provisional (${[...provisional].join(', ')}), may be revised by the publisher.`}
      </p>
      <table className="visually-hidden">
        <caption>
          {ind.shortName} by period ({ind.unit})
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">{areaName}</th>
            {hasCouncil && <th scope="col">{councilName}</th>}
          </tr>
        </thead>
        <tbody>
          {trend.map((t) => (
            <tr key={t.period}>
              <th scope="row">
                {t.period}
                {provisional.has(t.period) ? ' (provisional)' : ''}
              </th>
              <td>{formatValue(ind, t.value)}</td>
              {hasCouncil && <td>{formatValue(ind, t.council)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
