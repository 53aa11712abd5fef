/**
 * Small inline SVG charts for the report: spine charts, the age-structure bars and the ward breakdown bars.
 * Pure string builders; sizes are CSS px. Colour is never the only signal: tables beside them print the words.
 */
import type { SpineChart } from '../../shared/profile.ts';
import type { Comparison, Interval } from '../../shared/stats/index.ts';
import { esc } from './escape.ts';
import { comparisonColour, comparisonLabel, formatNumber } from './format.ts';

const RANGE_FILL = '#e0e0e0';
const IQR_FILL = '#9e9e9e';

/** The x position of a value on a spine chart: the benchmark in the middle, better to the right. */
export function spineScale(spine: SpineChart, value: number | null, width: number, pad = 5): (v: number) => number {
  const b = spine.benchmark;
  const half = Math.max(Math.abs(spine.min - b), Math.abs(spine.max - b), value !== null ? Math.abs(value - b) : 0) || Math.abs(b) || 1;
  const dir = spine.higherIsBetter === false ? -1 : 1;
  const centre = width / 2;
  return (v: number) => centre + dir * ((v - b) / half) * (centre - pad);
}

/**
 * A spine chart (Fingertips style): the range of all council wards (light grey), the middle half of them (25th to
 * 75th percentile, darker grey), the benchmark as a black centre line, and the area's value as a circle coloured by
 * its comparison. The axis is flipped for indicators where lower is better, so 'better' is always on the right.
 */
export function spineSvg(spine: SpineChart | null, value: number | null, comparison: Comparison, width = 96, height = 16, decimals = 1): string {
  if (!spine || !Number.isFinite(spine.benchmark)) return '';
  const x = spineScale(spine, value, width);
  const [minX, maxX] = [x(spine.min), x(spine.max)].sort((a, b) => a - b) as [number, number];
  const [q25X, q75X] = [x(spine.q25), x(spine.q75)].sort((a, b) => a - b) as [number, number];
  const mid = height / 2;
  const bar = 9;
  const label =
    `Range of ${spine.count} wards ${formatNumber(spine.min, decimals)} to ${formatNumber(spine.max, decimals)}, ` +
    `middle half ${formatNumber(spine.q25, decimals)} to ${formatNumber(spine.q75, decimals)}, benchmark ${formatNumber(spine.benchmark, decimals)}` +
    (value !== null ? `, this area ${formatNumber(value, decimals)} (${comparisonLabel(comparison)})` : '');
  const marker =
    value !== null && Number.isFinite(value)
      ? `<circle cx="${x(value).toFixed(1)}" cy="${mid}" r="4.6" fill="${comparisonColour(comparison)}" stroke="#000" stroke-width="0.9"/>`
      : '';
  return (
    `<svg class="spine" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}">` +
    `<rect x="${minX.toFixed(1)}" y="${mid - bar / 2}" width="${Math.max(1, maxX - minX).toFixed(1)}" height="${bar}" fill="${RANGE_FILL}"/>` +
    `<rect x="${q25X.toFixed(1)}" y="${mid - bar / 2}" width="${Math.max(1, q75X - q25X).toFixed(1)}" height="${bar}" fill="${IQR_FILL}"/>` +
    `<line x1="${width / 2}" x2="${width / 2}" y1="1" y2="${height - 1}" stroke="#000" stroke-width="1.4"/>` +
    marker +
    `</svg>`
  );
}

/** The key to the spine charts, drawn with the same parts. */
export function spineKeySvg(): string {
  const w = 150;
  const h = 22;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="Example spine chart">` +
    `<rect x="8" y="6" width="134" height="10" fill="${RANGE_FILL}"/><rect x="46" y="6" width="52" height="10" fill="${IQR_FILL}"/>` +
    `<line x1="75" x2="75" y1="2" y2="20" stroke="#000" stroke-width="1.4"/>` +
    `<circle cx="112" cy="11" r="4.6" fill="${comparisonColour('better')}" stroke="#000" stroke-width="0.9"/></svg>`
  );
}

export interface BarDatum {
  label: string;
  value: number | null;
  /** A reference value drawn as a tick (e.g. the council's share). */
  reference?: number | null;
}

/** Horizontal bars with a text value at the end of each and an optional reference tick. */
export function horizontalBarsSvg(
  data: BarDatum[],
  options: { width?: number; colour: string; format: (v: number) => string; title: string; referenceLabel?: string },
): string {
  const width = options.width ?? 330;
  // Wide enough for the longest label ("65 and over") at 11px: about 6.2px a character, plus the gap.
  const labelW = Math.max(40, Math.ceil(Math.max(0, ...data.map((d) => d.label.length)) * 6.2) + 10);
  const valueW = 44;
  const rowH = 20;
  const top = options.referenceLabel ? 18 : 4;
  const height = top + data.length * rowH + 4;
  const max = Math.max(1e-9, ...data.flatMap((d) => [d.value ?? 0, d.reference ?? 0]));
  const plotW = width - labelW - valueW - 6;
  const x = (v: number) => labelW + (v / max) * plotW;
  const rows = data
    .map((d, i) => {
      const y = top + i * rowH;
      const bar = d.value !== null ? `<rect x="${labelW}" y="${y + 3}" width="${Math.max(0.5, x(d.value) - labelW).toFixed(1)}" height="${rowH - 6}" fill="${options.colour}"/>` : '';
      const ref =
        d.reference !== null && d.reference !== undefined
          ? `<line x1="${x(d.reference).toFixed(1)}" x2="${x(d.reference).toFixed(1)}" y1="${y + 1}" y2="${y + rowH - 1}" stroke="#111" stroke-width="2"/>`
          : '';
      const text = d.value !== null ? options.format(d.value) : '\u2013';
      return (
        `<text x="${labelW - 6}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="central" font-size="11" fill="#222">${esc(d.label)}</text>` +
        bar +
        ref +
        `<text x="${(d.value !== null ? Math.max(x(d.value), d.reference ? x(d.reference) : 0) : labelW) + 5}" y="${y + rowH / 2}" dominant-baseline="central" font-size="11" fill="#222">${esc(text)}</text>`
      );
    })
    .join('');
  const legend = options.referenceLabel
    ? `<line x1="${labelW}" x2="${labelW}" y1="3" y2="13" stroke="#111" stroke-width="2"/><text x="${labelW + 6}" y="8" dominant-baseline="central" font-size="10" fill="#333">${esc(options.referenceLabel)}</text>`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(options.title)}">${legend}${rows}</svg>`;
}

export interface WardBarDatum {
  label: string;
  value: number | null;
  ci95: Interval | null;
  comparison: Comparison;
}

/** Ward breakdown: one bar per ward coloured by comparison, with its 95% interval and the benchmark as a dashed line. */
export function wardBarsSvg(data: WardBarDatum[], options: { benchmark: number | null; benchmarkLabel: string; format: (v: number) => string; title: string; width?: number }): string {
  const width = options.width ?? 330;
  const labelW = 128;
  const valueW = 48;
  const rowH = 22;
  const top = 18;
  const height = top + data.length * rowH + 6;
  const candidates = data.flatMap((d) => [d.value ?? 0, d.ci95?.upper ?? 0]);
  if (options.benchmark !== null) candidates.push(options.benchmark);
  const max = Math.max(1e-9, ...candidates) * 1.04;
  const plotW = width - labelW - valueW;
  const x = (v: number) => labelW + (Math.max(0, v) / max) * plotW;
  const rows = data
    .map((d, i) => {
      const y = top + i * rowH;
      const name = d.label.length > 24 ? `${d.label.slice(0, 23)}\u2026` : d.label;
      const bar = d.value !== null ? `<rect x="${labelW}" y="${y + 4}" width="${Math.max(0.5, x(d.value) - labelW).toFixed(1)}" height="${rowH - 8}" fill="${comparisonColour(d.comparison)}" stroke="#555" stroke-width="0.5"/>` : '';
      const ci = d.value !== null && d.ci95
        ? `<path d="M${x(d.ci95.lower).toFixed(1)} ${y + rowH / 2}H${x(d.ci95.upper).toFixed(1)}M${x(d.ci95.lower).toFixed(1)} ${y + 7}v${rowH - 14}M${x(d.ci95.upper).toFixed(1)} ${y + 7}v${rowH - 14}" stroke="#111" stroke-width="1.1" fill="none"/>`
        : '';
      const end = d.value !== null ? Math.max(x(d.value), d.ci95 ? x(d.ci95.upper) : 0) : labelW;
      return (
        `<text x="${labelW - 6}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="central" font-size="11" fill="#222">${esc(name)}</text>` +
        bar +
        ci +
        `<text x="${(end + 5).toFixed(1)}" y="${y + rowH / 2}" dominant-baseline="central" font-size="11" fill="#222">${esc(d.value !== null ? options.format(d.value) : 'no value')}</text>`
      );
    })
    .join('');
  const bench =
    options.benchmark !== null
      ? `<line x1="${x(options.benchmark).toFixed(1)}" x2="${x(options.benchmark).toFixed(1)}" y1="${top - 2}" y2="${height - 4}" stroke="#111" stroke-width="1.4" stroke-dasharray="4 2"/>` +
        `<text x="${x(options.benchmark).toFixed(1)}" y="9" text-anchor="middle" font-size="10" fill="#333">${esc(options.benchmarkLabel)}</text>`
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(options.title)}">${rows}${bench}</svg>`;
}
