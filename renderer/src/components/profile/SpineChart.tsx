/**
 * A spine chart in the Fingertips manner: the range of the council's wards (pale), their middle half (25th to 75th
 * percentile, darker), the benchmark (a black line through the middle) and this area's value (a dot coloured by
 * its comparison). The axis is flipped for indicators where lower is better, so better is always to the right.
 * The numbers are the backend's; this only draws them, and says the same in words for screen readers.
 */
import type { ProfileIndicator } from '../../../../shared/profile.ts';
import { comparisonColour, comparisonLabel, valueWithUnit } from '../../profile/format.ts';

const W = 116;
const H = 24;
const PAD = 7;

export function spineDescription(ind: ProfileIndicator, areaName: string, benchmarkName: string, rangeName: string): string {
  const s = ind.spine;
  if (!s) return '';
  const f = (v: number) => valueWithUnit(ind, v);
  const better = s.higherIsBetter === null ? '' : ` Better is to the right (${s.higherIsBetter ? 'higher' : 'lower'} is better).`;
  return (
    `${areaName}: ${f(ind.value ?? NaN)}, ${comparisonLabel(ind.comparison).toLowerCase()} compared with ${benchmarkName} (${f(s.benchmark)}). ` +
    `${rangeName} range from ${f(s.min)} to ${f(s.max)}; the middle half from ${f(s.q25)} to ${f(s.q75)}.${better}`
  );
}

export function SpineChart({ ind, description }: { ind: ProfileIndicator; description: string }) {
  const s = ind.spine;
  if (!s || ind.value === null) return <span className="spine-none" aria-hidden="true" />;
  const b = s.benchmark;
  const half = Math.max(Math.abs(s.min - b), Math.abs(s.max - b), Math.abs(ind.value - b)) || Math.abs(b) || 1;
  const flip = s.higherIsBetter === false;
  const inner = W - 2 * PAD;
  const x = (v: number) => {
    const t = (v - (b - half)) / (2 * half);
    return PAD + (flip ? 1 - t : t) * inner;
  };
  const span = (a: number, c: number) => {
    const [x1, x2] = [x(a), x(c)].sort((p, q) => p - q) as [number, number];
    return { x: x1, width: Math.max(1, x2 - x1) };
  };
  const range = span(s.min, s.max);
  const mid = span(s.q25, s.q75);
  const colour = comparisonColour(ind.comparison);
  return (
    <svg className="spine-chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={description}>
      <title>{description}</title>
      <rect x={range.x} y={6} width={range.width} height={12} fill="#d5dae0" />
      <rect x={mid.x} y={6} width={mid.width} height={12} fill="#8e99a6" />
      <line x1={x(b)} x2={x(b)} y1={2} y2={22} stroke="#111418" strokeWidth={2} />
      <circle cx={x(ind.value)} cy={12} r={5.5} fill={colour} stroke="#111418" strokeWidth={1.4} />
    </svg>
  );
}

/** The key under the indicator list's heading. */
export function SpineKey({ rangeName }: { rangeName: string }) {
  return (
    <p className="spine-key" aria-hidden="true">
      <svg viewBox="0 0 124 16" width={124} height={16}>
        <rect x={4} y={3} width={116} height={10} fill="#d5dae0" />
        <rect x={38} y={3} width={46} height={10} fill="#8e99a6" />
        <line x1={60} x2={60} y1={0} y2={16} stroke="#111418" strokeWidth={2} />
        <circle cx={92} cy={8} r={4.5} fill="#ffffff" stroke="#111418" strokeWidth={1.4} />
      </svg>
      <span>
        Spine charts: range of {rangeName} (pale), their middle half (dark), the benchmark (line) and this area (dot). Where higher or lower is better, better is to the right.
      </span>
    </p>
  );
}
