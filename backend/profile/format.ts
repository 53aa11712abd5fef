/** Plain-English number formatting for sentences, legends and the CLI table (never for statistics). */
import type { ValueType } from '../../shared/stats/index.ts';

const GB = 'en-GB';

/** Significant but short: counts whole with separators; other values 1 decimal place (3 significant figures below 1). */
export function formatValue(value: number | null, valueType: ValueType): string {
  if (value === null || !Number.isFinite(value)) return '\u2013';
  if (valueType === 'count' || valueType === 'rank') return Math.round(value).toLocaleString(GB);
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 1) return Number(value.toPrecision(3)).toLocaleString(GB, { maximumFractionDigits: 6 });
  if (abs >= 10_000) return value.toLocaleString(GB, { maximumFractionDigits: 0 });
  return value.toLocaleString(GB, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** "10.9%" for percentage units, "16.8 per 100 children aged 0-15" otherwise; counts get their unit word. */
export function withUnit(value: number | null, valueType: ValueType, unit: string): string {
  const text = formatValue(value, valueType);
  if (value === null) return text;
  if (unit.startsWith('%')) return `${text}%`;
  if (!unit || unit === 'score' || valueType === 'rank') return text;
  return `${text} ${unit}`;
}
