/**
 * Property tests (fast-check): the group rule's invariants hold for arbitrary ward data.
 * numRuns is kept modest so the suite stays fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estimate, GroupEstimate, IndicatorSpec, MemberInput } from '../../shared/stats/index.ts';
import { aggregate, crudeRate, dsr, ESP2013, isRatio, lifeExpectancy, proportion, weightedMean, withEsp2013 } from '../../shared/stats/index.ts';
import { LE_DEATHS, LE_POPS } from './helpers.ts';

const RUNS = { numRuns: 200 };

/** The statistic part of a group result (what must not change when wards are reordered, split or merged). */
const stat = (g: GroupEstimate): Pick<GroupEstimate, 'value' | 'ci95' | 'ci998' | 'method' | 'note' | 'numerator' | 'denominator'> => ({
  value: g.value,
  ci95: g.ci95,
  ci998: g.ci998,
  method: g.method,
  note: g.note,
  numerator: g.numerator,
  denominator: g.denominator,
});

const core = (e: Estimate): Estimate => {
  const out: Estimate = { value: e.value, ci95: e.ci95, ci998: e.ci998, method: e.method };
  if (e.note !== undefined) out.note = e.note;
  return out;
};

// --- arbitraries ----------------------------------------------------------------------------------------------

const proportionWard = fc.integer({ min: 1, max: 20000 }).chain((n) => fc.record({ numerator: fc.integer({ min: 0, max: n }), denominator: fc.constant(n) }));
const rateWard = fc.record({ numerator: fc.integer({ min: 0, max: 500 }), denominator: fc.integer({ min: 1, max: 50000 }) });
const isrWard = fc.record({ numerator: fc.integer({ min: 0, max: 300 }), denominator: fc.double({ min: 0.5, max: 300, noNaN: true }) });
const dsrWard = fc.array(fc.record({ count: fc.integer({ min: 0, max: 30 }), population: fc.integer({ min: 1, max: 3000 }) }), { minLength: 19, maxLength: 19 });
/** Life-table wards: scaled versions of the known-answer data, so groups are realistic and usually reportable. */
const leWard = fc.double({ min: 0.02, max: 0.6, noNaN: true }).map((f) =>
  LE_DEATHS.map((d, i) => ({ count: Math.max(i === 19 ? 1 : 0, Math.round(d * f)), population: Math.max(1, Math.round((LE_POPS[i] ?? 0) * f)) })),
);
const meanWard = fc.record({ value: fc.double({ min: -50, max: 100, noNaN: true }), weight: fc.integer({ min: 0, max: 20000 }) });

const withCodes = (wards: Omit<MemberInput, 'code'>[]): MemberInput[] => wards.map((w, i) => ({ code: `E05${String(i).padStart(6, '0')}`, name: `Ward ${i}`, ...w }));

const cases: { name: string; spec: IndicatorSpec; ward: fc.Arbitrary<Omit<MemberInput, 'code'>>; direct: (w: Omit<MemberInput, 'code'>, spec: IndicatorSpec) => Estimate }[] = [
  { name: 'proportion', spec: { valueType: 'proportion', multiplier: 100 }, ward: proportionWard, direct: (w, s) => proportion(w.numerator ?? 0, w.denominator ?? 0, s.multiplier) },
  { name: 'crude rate', spec: { valueType: 'crude-rate', multiplier: 100000 }, ward: rateWard, direct: (w, s) => crudeRate(w.numerator ?? 0, w.denominator ?? 0, s.multiplier) },
  { name: 'ISR', spec: { valueType: 'isr', multiplier: 100 }, ward: isrWard, direct: (w, s) => isRatio(w.numerator ?? 0, w.denominator ?? 0, s.multiplier) },
  { name: 'DSR', spec: { valueType: 'dsr', multiplier: 100000 }, ward: dsrWard.map((bands) => ({ bands })), direct: (w, s) => dsr(withEsp2013(w.bands ?? []), s.multiplier) },
  {
    name: 'life expectancy',
    spec: { valueType: 'life-expectancy', multiplier: 1 },
    ward: leWard.map((bands) => ({ bands })),
    direct: (w) => lifeExpectancy((w.bands ?? []).map((b) => ({ deaths: b.count, population: b.population }))),
  },
  { name: 'mean score', spec: { valueType: 'mean-score', multiplier: 1 }, ward: meanWard, direct: (w) => weightedMean([{ value: w.value ?? 0, weight: w.weight ?? 0 }]) },
];

describe.each(cases)('$name', ({ spec, ward, direct }) => {
  it('a one-ward group equals that ward', () => {
    fc.assert(
      fc.property(ward, (w) => {
        const g = aggregate(spec, withCodes([w]));
        expect(core(g)).toEqual(core(direct(w, spec)));
        expect(g.coverage).toEqual({ wards: 1, of: 1 });
      }),
      RUNS,
    );
  });

  it('ward order does not matter', () => {
    const arb = fc
      .array(ward, { minLength: 1, maxLength: 12 })
      .map(withCodes)
      .chain((ms) => fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length })));
    fc.assert(
      fc.property(arb, ([members, shuffled]) => {
        expect(aggregate(spec, shuffled)).toEqual(aggregate(spec, members));
      }),
      RUNS,
    );
  });

  it('the value lies inside both intervals, and the 95% interval inside the 99.8% interval', () => {
    fc.assert(
      fc.property(fc.array(ward, { minLength: 1, maxLength: 12 }), (wards) => {
        const g = aggregate(spec, withCodes(wards));
        if (g.value === null) {
          expect(g.ci95).toBeNull();
          expect(g.ci998).toBeNull();
          expect(typeof g.note).toBe('string');
          return;
        }
        expect(Number.isFinite(g.value)).toBe(true);
        if (g.ci95 === null || g.ci998 === null) {
          expect(g.method).toBe('Weighted mean');
          return;
        }
        const eps = 1e-9 * Math.max(1, Math.abs(g.value));
        expect(g.ci998.lower).toBeLessThanOrEqual(g.ci95.lower + eps);
        expect(g.ci95.lower).toBeLessThanOrEqual(g.value + eps);
        expect(g.value).toBeLessThanOrEqual(g.ci95.upper + eps);
        expect(g.ci95.upper).toBeLessThanOrEqual(g.ci998.upper + eps);
        expect(g.ci95.lower).toBeLessThan(g.ci95.upper);
      }),
      RUNS,
    );
  });
});

describe('splitting a ward into two gives the same group result', () => {
  it('proportion, crude rate and ISR: split numerator and denominator', () => {
    const arb = fc.record({
      others: fc.array(proportionWard, { maxLength: 6 }),
      n: fc.integer({ min: 2, max: 20000 }),
      xFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      nFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      xSplit: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ others, n, xFrac, nFrac, xSplit }) => {
        const x = Math.floor(xFrac * n);
        // n1 + n2 = n and x1 + x2 = x with x1 <= n1, x2 <= n2 (so each part is itself a valid proportion)
        const n1 = Math.min(n - 1, Math.max(1, Math.floor(nFrac * n)));
        const n2 = n - n1;
        const lo = Math.max(0, x - n2);
        const hi = Math.min(x, n1);
        const x1 = lo + Math.floor(xSplit * (hi - lo));
        const x2 = x - x1;
        const whole = withCodes([...others, { numerator: x, denominator: n }]);
        const split = withCodes([...others, { numerator: x1, denominator: n1 }, { numerator: x2, denominator: n2 }]);
        for (const spec of [
          { valueType: 'proportion', multiplier: 100 },
          { valueType: 'crude-rate', multiplier: 100000 },
          { valueType: 'isr', multiplier: 100 },
        ] as IndicatorSpec[]) {
          expect(stat(aggregate(spec, split))).toEqual(stat(aggregate(spec, whole)));
        }
      }),
      RUNS,
    );
  });

  it('DSR and life expectancy: split every band', () => {
    const arb = fc.record({
      other: leWard,
      ward: leWard,
      fracs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
    });
    fc.assert(
      fc.property(arb, ({ other, ward, fracs }) => {
        const parts = ward.map((b, i) => {
          const f = fracs[i] ?? 0.5;
          const c1 = Math.floor(b.count * f);
          const p1 = Math.floor(b.population * f);
          return [
            { count: c1, population: p1 },
            { count: b.count - c1, population: b.population - p1 },
          ] as const;
        });
        const leWhole = withCodes([{ bands: other }, { bands: ward }]);
        const leSplit = withCodes([{ bands: other }, { bands: parts.map((p) => p[0]) }, { bands: parts.map((p) => p[1]) }]);
        const le: IndicatorSpec = { valueType: 'life-expectancy', multiplier: 1 };
        expect(stat(aggregate(le, leSplit))).toEqual(stat(aggregate(le, leWhole)));
        // DSR on the 19 bands 0-4 ... 90+ (merge the life table's first two bands)
        const to19 = (bands: { count: number; population: number }[]): { count: number; population: number }[] => [
          { count: (bands[0]?.count ?? 0) + (bands[1]?.count ?? 0), population: (bands[0]?.population ?? 0) + (bands[1]?.population ?? 0) },
          ...bands.slice(2),
        ];
        const ds: IndicatorSpec = { valueType: 'dsr', multiplier: 100000 };
        const dWhole = withCodes([{ bands: to19(other) }, { bands: to19(ward) }]);
        const dSplit = withCodes([{ bands: to19(other) }, { bands: to19(parts.map((p) => p[0])) }, { bands: to19(parts.map((p) => p[1])) }]);
        expect(stat(aggregate(ds, dSplit))).toEqual(stat(aggregate(ds, dWhole)));
        expect(ESP2013.length).toBe(19);
      }),
      RUNS,
    );
  });
});
