import { describe, expect, it } from 'vitest';
import { bestFitShares, chainLookups, ratio, rollup, rollupShares, sharesFromCounts, type SmallAreaCounts } from '../../shared/rollup.ts';

// A tiny fixture: five LSOAs, two wards, one LSOA best-fitted outside the wanted wards, one not in the lookup.
const lookup = new Map([
  ['L1', 'W1'],
  ['L2', 'W1'],
  ['L3', 'W2'],
  ['L4', 'W2'],
  ['L5', 'CHERWELL'],
]);

const rows: SmallAreaCounts[] = [
  { code: 'L1', numerator: 10, denominator: 100 },
  { code: 'L2', numerator: 5, denominator: 50 },
  { code: 'L3', numerator: null, denominator: 80 },
  { code: 'L4', numerator: 8, denominator: 40 },
  { code: 'L5', numerator: 1, denominator: 10 },
  { code: 'L9', numerator: 2, denominator: 20 },
];

describe('rollup (best fit)', () => {
  it('sums numerators and denominators, flags estimates and lists unmatched and outside codes', () => {
    const res = rollup(rows, lookup, { targets: ['W1', 'W2', 'W3'], estimate: true });
    expect(res.unmatched).toEqual(['L9']);
    expect(res.outside).toEqual(['L5']);
    const [w1, w2, w3] = res.cells;
    expect(w1).toEqual({ code: 'W1', numerator: 15, denominator: 150, areas: 2, missingCodes: [], estimate: true });
    // 'propagate' (default): a missing numerator makes the target incomplete, never zero.
    expect(w2).toMatchObject({ code: 'W2', numerator: null, denominator: 120, areas: 2, missingCodes: ['L3'] });
    // A wanted target with no small areas is returned, empty.
    expect(w3).toMatchObject({ code: 'W3', numerator: null, denominator: null, areas: 0 });
  });

  it("'exclude' leaves a missing small area out of both numerator and denominator", () => {
    const res = rollup(rows, lookup, { targets: ['W2'], estimate: true, missing: 'exclude' });
    expect(res.cells[0]).toMatchObject({ numerator: 8, denominator: 40, areas: 1, missingCodes: ['L3'] });
  });

  it("'zero' treats a missing numerator as 0 (only for missing-is-zero indicators)", () => {
    const res = rollup(rows, lookup, { targets: ['W2'], estimate: false, missing: 'zero' });
    expect(res.cells[0]).toMatchObject({ numerator: 8, denominator: 120, areas: 2, missingCodes: [], estimate: false });
  });

  it('without targets returns every target seen, sorted, and never averages percentages', () => {
    const res = rollup(rows.slice(0, 2), lookup, { estimate: true });
    expect(res.cells.map((c) => c.code)).toEqual(['W1']);
    // 10/100 and 5/50 are both 10%: the sum 15/150 is 10%; an unweighted mean of unequal rates would differ.
    expect(ratio(res.cells[0]!.numerator, res.cells[0]!.denominator, 100)).toBeCloseTo(10, 12);
  });

  it('count indicators keep a null denominator', () => {
    const res = rollup(
      [
        { code: 'L1', numerator: 3, denominator: null },
        { code: 'L2', numerator: 4, denominator: null },
      ],
      lookup,
      { targets: ['W1'], estimate: true },
    );
    expect(res.cells[0]).toMatchObject({ numerator: 7, denominator: null });
  });

  it('rejects a duplicated small area', () => {
    expect(() => rollup([rows[0]!, rows[0]!], lookup, { estimate: true })).toThrow(/more than once/);
  });
});

describe('chainLookups', () => {
  it('chains OA -> LSOA -> ward and reports broken links', () => {
    const oa = new Map([
      ['O1', 'L1'],
      ['O2', 'L3'],
      ['O3', 'LX'],
    ]);
    const { lookup: chained, broken } = chainLookups(oa, lookup);
    expect([...chained]).toEqual([
      ['O1', 'W1'],
      ['O2', 'W2'],
    ]);
    expect(broken).toEqual(['O3']);
  });
});

describe('apportionment', () => {
  it('builds shares from population counts and splits counts by them', () => {
    const shares = sharesFromCounts([
      { source: 'M1', target: 'W1', count: 300 },
      { source: 'M1', target: 'W2', count: 100 },
      { source: 'M2', target: 'W2', count: 50 },
      { source: 'M3', target: 'W1', count: 0 },
      { source: 'M3', target: 'W2', count: 0 },
    ]);
    expect(shares.get('M1')).toEqual([
      { target: 'W1', weight: 0.75 },
      { target: 'W2', weight: 0.25 },
    ]);
    expect(shares.get('M3')).toEqual([
      { target: 'W1', weight: 0.5 },
      { target: 'W2', weight: 0.5 },
    ]);
    const res = rollupShares(
      [
        { code: 'M1', numerator: 40, denominator: null },
        { code: 'M2', numerator: 10, denominator: null },
      ],
      shares,
      { targets: ['W1', 'W2'], estimate: true },
    );
    expect(res.cells.map((c) => c.numerator)).toEqual([30, 20]);
    expect(res.cells.every((c) => c.estimate)).toBe(true);
  });

  it('a blank MSOA makes every ward it touches incomplete', () => {
    const shares = sharesFromCounts([
      { source: 'M1', target: 'W1', count: 1 },
      { source: 'M1', target: 'W2', count: 1 },
      { source: 'M2', target: 'W2', count: 1 },
    ]);
    const res = rollupShares(
      [
        { code: 'M1', numerator: 10, denominator: null },
        { code: 'M2', numerator: null, denominator: null },
      ],
      shares,
      { targets: ['W1', 'W2'], estimate: true },
    );
    expect(res.cells[0]!.numerator).toBe(5);
    expect(res.cells[1]).toMatchObject({ numerator: null, missingCodes: ['M2'] });
  });

  it('bestFitShares gives weight 1', () => {
    expect(bestFitShares(new Map([['L1', 'W1']])).get('L1')).toEqual([{ target: 'W1', weight: 1 }]);
  });
});

describe('ratio', () => {
  it('is null for missing or non-positive denominators', () => {
    expect(ratio(1, 4, 100)).toBe(25);
    expect(ratio(null, 4, 100)).toBeNull();
    expect(ratio(1, 0, 100)).toBeNull();
    expect(ratio(1, null, 100)).toBeNull();
  });
});
