import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classOf, jenks } from '../../backend/profile/jenks.ts';

/** Sum of squared deviations from the mean. */
const ssd = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - m) ** 2, 0);
};

/** The best split of sorted values into k contiguous non-empty classes, by trying every split (small n only). */
function bruteForce(sorted: number[], k: number): number {
  let best = Infinity;
  const rec = (start: number, left: number, acc: number) => {
    if (left === 1) {
      best = Math.min(best, acc + ssd(sorted.slice(start)));
      return;
    }
    for (let end = start + 1; end <= sorted.length - left + 1; end++) rec(end, left - 1, acc + ssd(sorted.slice(start, end)));
  };
  rec(0, k, 0);
  return best;
}

describe('Jenks natural breaks', () => {
  it('a known small example, worked by hand: 1 2 4 5 | 7 9 10 | 20', () => {
    // Class sums of squares: {1,2,4,5} mean 3 -> 4+1+1+4 = 10; {7,9,10} mean 26/3 -> 14/3; {20} -> 0.
    const r = jenks([20, 1, 9, 2, 4, 10, 5, 7], 3)!;
    expect(r.breaks).toEqual([5, 10, 20]);
    expect(r.lowers).toEqual([1, 7, 20]);
    expect(r.counts).toEqual([4, 3, 1]);
    expect(r.withinSS).toBeCloseTo(10 + 14 / 3, 12);
    // Total SS of the eight values: sum 58, sum of squares 676, so 676 - 58^2/8 = 255.5.
    expect(r.gvf).toBeCloseTo(1 - (10 + 14 / 3) / 255.5, 12);
    expect([1, 5, 6, 7, 10, 11, 20, 25, null].map((v) => classOf(v, r.breaks))).toEqual([1, 1, 2, 2, 2, 3, 3, 3, null]);
  });

  it('two obvious groups split between them; one value per class when there are fewer distinct values than k', () => {
    expect(jenks([1, 1.1, 0.9, 10, 10.2, 9.8], 2)!.breaks).toEqual([1.1, 10.2]);
    const few = jenks([3, 3, 7, 7, 7], 5)!;
    expect(few.breaks).toEqual([3, 7]);
    expect(few.counts).toEqual([2, 3]);
    expect(jenks([4, 4, 4], 5)).toMatchObject({ breaks: [4], counts: [3], withinSS: 0, gvf: 1 });
    expect(jenks([], 5)).toBeNull();
    expect(jenks([NaN, 2], 1)!.breaks).toEqual([2]);
    expect(() => jenks([1, 2], 0)).toThrow(/at least 1/);
  });

  it('finds the optimum: the same within-class sum of squares as trying every split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 11 }), fc.integer({ min: 1, max: 5 }), (xs, k) => {
        const r = jenks(xs, k)!;
        const sorted = [...xs].sort((a, b) => a - b);
        const classes = Math.min(k, new Set(xs).size);
        expect(r.breaks).toHaveLength(classes);
        expect(r.counts.reduce((s, c) => s + c, 0)).toBe(xs.length);
        expect(r.withinSS).toBeCloseTo(bruteForce(sorted, classes), 6);
        // Classes are contiguous and ordered; equal values never straddle a break.
        for (let c = 1; c < classes; c++) expect(r.lowers[c]!).toBeGreaterThan(r.breaks[c - 1]!);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a national map of 7,000 values (speed is measured in tests/bench/profile.bench.ts)', () => {
    const xs = Array.from({ length: 7000 }, (_, i) => Math.sin(i) * 50 + (i % 97));
    const r = jenks(xs, 5)!;
    expect(r.breaks).toHaveLength(5);
    expect(r.counts.reduce((s, c) => s + c, 0)).toBe(7000);
    expect(r.breaks[4]).toBe(Math.max(...xs));
  });
});
