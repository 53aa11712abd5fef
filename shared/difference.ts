/**
 * One way to write a difference between two values of an indicator, on screen and in words: a sign, the size with
 * the indicator's decimals, then the unit of a difference ("+0.3 percentage points" for percentages, never "pts" or
 * "%"; "−12.4 per 100,000" for rates; counts and scores bare). Matches the backend's compare sentences
 * (backend/profile/views.ts). Pure TypeScript.
 */
import { decimalsFor, formatNumber, isPercent } from './format.ts';
import type { ProfileIndicator } from './profile.ts';

export function differenceUnit(ind: Pick<ProfileIndicator, 'valueType' | 'unit'>): string {
  if (isPercent(ind)) return 'percentage points';
  if (ind.valueType === 'count') return '';
  const u = ind.unit.trim();
  return u && u !== 'score' ? u : '';
}

export function formatDifference(ind: Pick<ProfileIndicator, 'valueType' | 'unit'>, difference: number | null, signed = true): string {
  if (difference === null || !Number.isFinite(difference)) return '–';
  const size = formatNumber(Math.abs(difference), decimalsFor(ind, difference));
  const sign = !signed ? '' : difference > 0 ? '+' : difference < 0 ? '−' : '';
  const unit = differenceUnit(ind);
  return `${sign}${size}${unit ? ` ${unit}` : ''}`;
}
