import { describe, expect, it } from 'vitest';
import { indicatorIdSchema, slugId } from '../../shared/contract/data.ts';

describe('slugId: one rule for ids made from wide-file headers (backend import and renderer preview)', () => {
  it('makes known ids from headers', () => {
    expect(slugId('Smokers (%)')).toBe('smokers_pct');
    expect(slugId('  Café visits per 1,000  ')).toBe('cafe_visits_per_1_000');
    expect(slugId('2023 rate')).toBe('2023_rate');
    expect(slugId('***')).toBe('x_');
    expect(slugId('a'.repeat(300))).toHaveLength(120);
  });
  it('always gives an id the contract accepts', () => {
    for (const header of ['Smokers (%)', '«»', '', '__x__', 'Ünïcödé – dash', '%']) {
      expect(indicatorIdSchema.safeParse(slugId(header)).success, header).toBe(true);
    }
  });
});
