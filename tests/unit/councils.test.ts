import { describe, expect, it } from 'vitest';
import { councilCode } from '../../shared/contract/common.ts';
import { COUNCIL_CODES, COUNCIL_KEYS, COUNCIL_NAMES, isCouncilCode, NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import { BENCHMARK_LABELS, BENCHMARK_NAMES } from '../../shared/format.ts';

describe('the two councils: one table (shared/domain.ts)', () => {
  it('knows West and North Northamptonshire by their ONS codes', () => {
    expect(WEST_CODE).toBe('E06000062');
    expect(NORTH_CODE).toBe('E06000061');
    expect(COUNCIL_NAMES[WEST_CODE]).toBe('West Northamptonshire');
    expect(COUNCIL_NAMES[NORTH_CODE]).toBe('North Northamptonshire');
  });
  it('names each council the same as a code and as a benchmark', () => {
    for (const code of COUNCIL_CODES) {
      expect(BENCHMARK_NAMES[COUNCIL_KEYS[code]]).toBe(COUNCIL_NAMES[code]);
      expect(BENCHMARK_LABELS[COUNCIL_KEYS[code]]).toMatch(/^(West|North) Northants$/);
    }
  });
  it('accepts the two codes and nothing else, in code and in the contract', () => {
    for (const code of ['E06000061', 'E06000062']) {
      expect(isCouncilCode(code)).toBe(true);
      expect(councilCode.safeParse(code).success).toBe(true);
    }
    for (const code of ['E06000063', 'E92000001', 'e06000061', '']) {
      expect(isCouncilCode(code)).toBe(false);
      expect(councilCode.safeParse(code).success).toBe(false);
    }
  });
});
