/**
 * The one formatter family (shared/format.ts) that the screen, the PDF, the exports and the CLI all use: known
 * outputs for rounding, negatives, missing and suppressed values, per-1,000 rates, percentages, intervals and counts.
 */
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatCounts,
  formatInterval,
  formatNumber,
  formatValue,
  listJoin,
  MISSING_MARK,
  plural,
  valueWithUnit,
} from '../../shared/format.ts';
import type { ProfileIndicator } from '../../shared/profile.ts';

type Ind = Pick<ProfileIndicator, 'valueType' | 'unit' | 'disclosureControlled'>;
const pct: Ind = { valueType: 'proportion', unit: '% of households', disclosureControlled: false };
const per1000: Ind = { valueType: 'crude-rate', unit: 'per 1,000', disclosureControlled: true };
const dsr: Ind = { valueType: 'dsr', unit: 'per 100,000', disclosureControlled: false };
const people: Ind = { valueType: 'count', unit: 'people', disclosureControlled: true };
const score: Ind = { valueType: 'mean-score', unit: 'score', disclosureControlled: false };
const rank: Ind = { valueType: 'rank', unit: 'rank of 296', disclosureControlled: false };
const fraction: Ind = { valueType: 'other', unit: 'proportion (0-1)', disclosureControlled: false };

describe('formatNumber', () => {
  it('rounds half away from zero with separators, and never writes "-0.0"', () => {
    expect(formatNumber(1103.25, 1)).toBe('1,103.3');
    expect(formatNumber(-2.25, 1)).toBe('-2.3');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(1234567, 0)).toBe('1,234,567');
  });
  it('writes a missing or non-finite number as an en dash', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatNumber(v, 1)).toBe(MISSING_MARK);
    expect(MISSING_MARK).toBe('\u2013');
  });
});

describe('formatValue', () => {
  it('percentages to 1 decimal place with a % sign, negatives included', () => {
    expect(formatValue(pct, 9.0812)).toBe('9.1%');
    expect(formatValue(pct, 22.25)).toBe('22.3%');
    expect(formatValue(pct, -3.04)).toBe('-3.0%');
    expect(formatValue(pct, 0)).toBe('0.0%');
  });
  it('rates per 1,000 and per 100,000 to 1 decimal place, without the unit words', () => {
    expect(formatValue(per1000, 16.849)).toBe('16.8');
    expect(formatValue(per1000, 0.46)).toBe('0.5');
    expect(formatValue(dsr, 1103.24)).toBe('1,103.2');
    expect(formatValue(dsr, 12_345.6)).toBe('12,346');
  });
  it('counts whole; disclosure-controlled counts 1-7 as <8, 0 and 8+ as they are', () => {
    expect([0, 1, 7, 8, 62807].map((n) => formatValue(people, n))).toEqual(['0', '<8', '<8', '8', '62,807']);
    expect(formatValue({ ...people, disclosureControlled: false }, 3)).toBe('3');
    expect(formatValue(people, 7.6)).toBe('8');
  });
  it('scores to 1 place, ranks whole, small fractions to 3 places', () => {
    expect(formatValue(score, 34.56)).toBe('34.6');
    expect(formatValue(rank, 12)).toBe('12');
    expect(formatValue(fraction, 0.12345)).toBe('0.123');
  });
  it('writes a missing value as an en dash whatever the type', () => {
    for (const ind of [pct, per1000, people, score]) {
      expect(formatValue(ind, null)).toBe('\u2013');
      expect(formatValue(ind, Number.NaN)).toBe('\u2013');
    }
  });
});

describe('valueWithUnit', () => {
  it('adds the unit words a sentence needs', () => {
    expect(valueWithUnit(pct, 22.6)).toBe('22.6%');
    expect(valueWithUnit(per1000, 16.8)).toBe('16.8 per 1,000');
    expect(valueWithUnit({ ...people, unit: 'children' }, 4472)).toBe('4,472 children');
    expect(valueWithUnit(score, 34.6)).toBe('34.6');
    expect(valueWithUnit(rank, 12)).toBe('12 (rank of 296)');
    expect(valueWithUnit(per1000, null)).toBe('\u2013');
  });
});

describe('formatInterval', () => {
  it('writes intervals in plain English with the same decimals at both ends', () => {
    expect(formatInterval(pct, { lower: 22.2, upper: 22.94 })).toBe('22.2 to 22.9');
    expect(formatInterval(pct, { lower: 8.71, upper: 9.44 })).toBe('8.7 to 9.4');
    expect(formatInterval(dsr, { lower: 9_876.5, upper: 10_123.4 })).toBe('9,877 to 10,123');
    expect(formatInterval(per1000, { lower: -1.25, upper: 3 })).toBe('-1.3 to 3.0');
  });
  it('is an en dash with no interval or a non-finite end', () => {
    expect(formatInterval(pct, null)).toBe('\u2013');
    expect(formatInterval(pct, undefined)).toBe('\u2013');
    expect(formatInterval(pct, { lower: Number.NaN, upper: 2 })).toBe('\u2013');
  });
});

describe('counts', () => {
  it('formatCount: whole with separators, disclosure control only where asked', () => {
    expect([0, 1, 3, 7, 8, 12].map((n) => formatCount(n, true))).toEqual(['0', '<8', '<8', '<8', '8', '12']);
    expect(formatCount(3)).toBe('3');
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(null, true)).toBe('\u2013');
  });
  it('formatCounts: numerator / denominator, only the numerator suppressed; counts alone; none for scores', () => {
    expect(formatCounts(per1000, 3, 7160)).toBe('<8 / 7,160');
    expect(formatCounts(pct, 11512, 50986)).toBe('11,512 / 50,986');
    expect(formatCounts(pct, 98, null)).toBe('98');
    expect(formatCounts(people, 62807, 100000)).toBe('62,807');
    expect(formatCounts(pct, null, 50)).toBe('\u2013');
    expect(formatCounts(score, 5, 10)).toBe('\u2013');
  });
  it('plural and listJoin', () => {
    expect(plural(1, 'indicator')).toBe('1 indicator');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(1234, 'LAP')).toBe('1,234 LAPs');
    expect(plural(2, 'child', 'children')).toBe('2 children');
    expect(listJoin(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listJoin(['a', 'b'], 'or')).toBe('a or b');
    expect(listJoin([])).toBe('');
  });
});
