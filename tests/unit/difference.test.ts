import { describe, expect, it } from 'vitest';
import { formatDifference } from '../../shared/difference.ts';

describe('one format for differences', () => {
  it('percentages: percentage points, signed, one decimal', () => {
    expect(formatDifference({ valueType: 'proportion', unit: '% of residents' } as never, 0.3)).toBe('+0.3 percentage points');
    expect(formatDifference({ valueType: 'proportion', unit: '%' } as never, -8.8)).toBe('−8.8 percentage points');
  });
  it('rates keep their unit, counts and scores are bare, a missing difference is a dash', () => {
    expect(formatDifference({ valueType: 'rate', unit: 'per 100,000' } as never, -12.44)).toBe('−12.4 per 100,000');
    expect(formatDifference({ valueType: 'count', unit: 'people' } as never, 1234)).toBe('+1,234');
    expect(formatDifference({ valueType: 'score', unit: 'score' } as never, 2.5)).toBe('+2.5');
    expect(formatDifference({ valueType: 'proportion', unit: '%' } as never, null)).toBe('–');
  });
});
