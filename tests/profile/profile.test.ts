import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, ProfileIndicator } from '../../shared/profile.ts';
import { AMBITION_IDS } from '../../shared/ambitions.ts';
import { ENGLAND, N4_WARDS, NORTH, WEST, lapId, storedRow, testBackend, wilsonByHand, type TestBackend } from './helpers.ts';
import { Z95, Z998 } from '../../shared/stats/index.ts';

let tb: TestBackend;
let n4: Profile;
let n4Id: number;
let westWards: string[];
let northWards: string[];

beforeAll(async () => {
  tb = testBackend();
  n4Id = await lapId(tb, 'N4');
  n4 = await tb.send('profile.get', { area: { kind: 'lap', id: n4Id } });
  const wards = await tb.send('wards.list', {});
  westWards = wards.filter((w) => w.authorityCode === WEST).map((w) => w.code);
  northWards = wards.filter((w) => w.authorityCode === NORTH).map((w) => w.code);
});
afterAll(() => tb.close());

const find = (p: Profile, id: string): ProfileIndicator => {
  const i = p.indicators.find((x) => x.id === id);
  if (!i) throw new Error(`no ${id} in the profile of ${p.area.name}`);
  return i;
};

/** Everything that must agree between two profiles of the same numbers. */
const numbers = (p: Profile) =>
  p.indicators.map((i) => ({ id: i.id, period: i.period, value: i.value, ci95: i.ci95, ci998: i.ci998, numerator: i.numerator, denominator: i.denominator, estimate: i.estimate }));

describe('area and population', () => {
  it('N4: the four pioneer wards, own council West, population = the sum of its wards’ populations', async () => {
    expect(n4.area).toMatchObject({ name: 'N4', kind: 'lap', code: String(n4Id), lapId: n4Id, ownCouncil: WEST, set: { name: 'West Northamptonshire LAPs', kind: 'official' } });
    expect(n4.area.wards.map((w) => w.name)).toEqual(['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George']);
    let sum = 0;
    for (const code of N4_WARDS) {
      const ward = await tb.send('profile.get', { area: { kind: 'ward', code } });
      expect(ward.area.population).toBe(storedRow(tb, 'census21_usual_residents', code, '2021')!.numerator);
      sum += ward.area.population!;
    }
    expect(n4.area.population).toBe(sum);
    expect(n4.area.population).toBe(62_807);
    expect(n4.headline.population).toBe(62_807);
    expect(find(n4, 'census21_usual_residents').value).toBe(62_807);
  });

  it('a selection of all 31 West wards is West Northamptonshire: its own values (incl. E01027305), population 425,728', async () => {
    expect(westWards).toHaveLength(31);
    const sel = await tb.send('profile.get', { area: { kind: 'selection', wards: westWards } });
    const council = await tb.send('profile.get', { area: { kind: 'council', code: WEST } });
    expect(sel.area.population).toBe(425_728);
    expect(council.area.population).toBe(425_728);
    expect(sel.area.name).toBe('All 31 West Northamptonshire wards');
    expect(numbers(sel)).toEqual(numbers(council));
    const over = find(sel, 'census21_overcrowding');
    const row = storedRow(tb, 'census21_overcrowding', WEST, '2021')!;
    expect([over.numerator, over.denominator]).toEqual([row.numerator, row.denominator]);
    expect([over.numerator, over.denominator]).toEqual([6622, 172_647]);
    expect(over.estimate).toBe(false);
    expect(over.coverage).toEqual({ wards: 31, of: 31 });
    expect(over.note).toMatch(/council's own figures are used, which include E01027305/);
    // The sum of the 31 wards is not the council: E01027305 belongs to no ward.
    const wardSum = westWards.reduce((s, c) => s + storedRow(tb, 'census21_usual_residents', c, '2021')!.numerator!, 0);
    expect(wardSum).toBe(423_814);
    // 'own' for a whole council means England.
    expect(over.comparison).toBe(over.benchmarks.england.comparison);
    expect(over.benchmarks.west.comparison).toBe('not-compared');
    // A LAP holding all 31 wards is the council too.
    const custom = (await tb.send('lapSets.list', {})).find((s) => s.kind === 'custom')!;
    const lap = await tb.send('laps.create', { setId: custom.id, name: 'All of West', wards: westWards });
    const lapProfile = await tb.send('profile.get', { area: { kind: 'lap', id: lap.id } });
    expect(numbers(lapProfile)).toEqual(numbers(council));
    expect(lapProfile.area.population).toBe(425_728);
  });

  it('a selection of all 26 North wards is North Northamptonshire: population 359,519', async () => {
    expect(northWards).toHaveLength(26);
    const sel = await tb.send('profile.get', { area: { kind: 'selection', wards: northWards } });
    const council = await tb.send('profile.get', { area: { kind: 'council', code: NORTH } });
    expect(sel.area.population).toBe(359_519);
    expect(sel.area.ownCouncil).toBe(NORTH);
    expect(numbers(sel)).toEqual(numbers(council));
    expect(find(sel, 'census21_overcrowding').numerator).toBe(storedRow(tb, 'census21_overcrowding', NORTH, '2021')!.numerator);
  });

  it('a single ward’s profile equals that ward’s rows', async () => {
    const castle = 'E05013246';
    const p = await tb.send('profile.get', { area: { kind: 'ward', code: castle } });
    expect(p.area).toMatchObject({ name: 'Castle', kind: 'ward', code: castle, ownCouncil: WEST });
    let checked = 0;
    // Practice-based indicators (issue 15) have no ward rows: their value is the sum over the area's GP practices.
    for (const ind of p.indicators.filter((i) => i.wardLevel && !i.practiceBased)) {
      const row = storedRow(tb, ind.id, castle, ind.period)!;
      expect(row, ind.id).toBeDefined();
      expect(ind.coverage).toEqual({ wards: 1, of: 1 });
      expect(ind.estimate).toBe(row.estimate === 1);
      if (ind.valueType === 'mean-score') {
        expect(ind.denominator).toBe(row.denominator);
      } else if (ind.valueType === 'count') {
        // Counts of people are shown whole (apportioned counts are fractional in the store).
        expect(ind.numerator, ind.id).toBe(Math.round(row.numerator!));
      } else {
        expect(ind.numerator, ind.id).toBe(row.numerator);
        expect(ind.denominator, ind.id).toBe(row.denominator);
      }
      // The stored value is rounded to 4 decimal places; the profile computes it from the counts.
      expect(Math.abs(ind.value! - row.value!), ind.id).toBeLessThanOrEqual(ind.valueType === 'count' ? 0.5 : 5e-5 + 1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(90);
    // A one-ward selection is the same thing.
    const sel = await tb.send('profile.get', { area: { kind: 'selection', wards: [castle] } });
    expect(numbers(sel)).toEqual(numbers(p));
    expect(sel.area.name).toBe('Castle');
  });

  it('a selection across both councils: own council = the one with most residents; spine over that council’s wards', async () => {
    const castle = 'E05013246';
    const oundle = 'E05013231';
    const kingswood = 'E05013227';
    const pop = (c: string) => storedRow(tb, 'census21_usual_residents', c, '2021')!.numerator!;
    const p = await tb.send('profile.get', { area: { kind: 'selection', wards: [castle, oundle, kingswood] } });
    expect(p.area.population).toBe(pop(castle) + pop(oundle) + pop(kingswood));
    expect(pop(oundle) + pop(kingswood)).toBeGreaterThan(pop(castle));
    expect(p.area.ownCouncil).toBe(NORTH);
    expect(p.area.name).toBe('Castle, Kingswood and Oundle');
    const over = find(p, 'census21_overcrowding');
    expect(over.comparison).toBe(over.benchmarks.north.comparison);
    expect(over.spine!.count).toBe(26);
    const rows = [castle, oundle, kingswood].map((c) => storedRow(tb, 'census21_overcrowding', c, '2021')!);
    expect([over.numerator, over.denominator]).toEqual([rows.reduce((s, r) => s + r.numerator!, 0), rows.reduce((s, r) => s + r.denominator!, 0)]);
    // In the breakdown each ward is compared with its own council.
    const b = await tb.send('profile.wardBreakdown', { area: { kind: 'selection', wards: [castle, oundle, kingswood] }, indicatorId: 'census21_overcrowding' });
    expect(b.wards.map((w) => [w.name, w.benchmark.code])).toEqual([
      ['Castle', WEST],
      ['Kingswood', NORTH],
      ['Oundle', NORTH],
    ]);
  });

  it('refuses unknown and empty areas with plain messages', async () => {
    expect(await tb.refuse('profile.get', { area: { kind: 'lap', id: 9999 } })).toEqual({ kind: 'not-found', message: 'There is no LAP with id 9999.' });
    expect(await tb.refuse('profile.get', { area: { kind: 'ward', code: 'E05099999' } })).toEqual({ kind: 'not-found', message: 'There is no ward with code E05099999.' });
    const custom = (await tb.send('lapSets.list', {})).find((s) => s.kind === 'custom')!;
    const empty = await tb.send('laps.create', { setId: custom.id, name: 'Empty', wards: [] });
    expect(await tb.refuse('profile.get', { area: { kind: 'lap', id: empty.id } })).toEqual({ kind: 'invalid-input', message: 'Empty has no wards yet: add wards to see its profile.' });
  });
});

describe('indicators', () => {
  it('are ordered by ambition, then catalogue id, then name', () => {
    const order = n4.indicators.map((i) => AMBITION_IDS.indexOf(i.ambition));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const context = n4.indicators.filter((i) => i.ambition === 'context').map((i) => i.id);
    expect(context.indexOf('census21_usual_residents')).toBeLessThan(context.indexOf('census21_age_0_15'));
    expect(n4.indicators[0]!.ambition).toBe('context');
  });

  it('council-only indicators give the council values as context and no pretend LAP value', () => {
    const ind = find(n4, 'census21_one_bedroom');
    expect(ind).toMatchObject({ wardLevel: false, value: null, ci95: null, numerator: null, comparison: 'not-compared', coverage: { wards: 0, of: 4 }, spine: null });
    expect(ind.note).toBe('Not available for wards or LAPs: council-level only');
    expect(ind.benchmarks.west.value).toBe(8.7);
    expect(ind.benchmarks.north.value).toBe(7.2);
    expect(ind.benchmarks.england).toEqual({
      value: null,
      comparison: 'not-compared',
      note: 'No England value in the source; England and Wales: 11.4%',
      englandAndWales: 11.4,
      notComparedReason: 'not compared: a council-level figure, with no value for wards or LAPs',
    });
    const rank = find(n4, 'imd25_lad_rank_average_score');
    expect(rank.value).toBeNull();
    expect(rank.benchmarks.west.value).toBe(177);
    // A council's own profile shows its own (real) value.
    expect(rank.trend).toEqual([{ period: '2025', value: null, council: 177 }]);
  });

  it('percentage-only Census topics: England and Wales is named as such, never as England', () => {
    const ind = find(n4, 'census21_health_good');
    expect(ind.benchmarks.england.value).toBeNull();
    expect(ind.benchmarks.england.note).toBe('No England value in the source; England and Wales: 82.0%');
    // Like with like: West is made the same way as the ward estimates; the published 84.3% is context in the note.
    expect(ind.benchmarks.west.value).toBe(storedRow(tb, 'census21_health_good', WEST, '2021')!.value);
    expect(ind.benchmarks.west.value).toBeCloseTo(84.24, 2);
    expect(ind.benchmarks.west.note).toContain('ONS published council percentage: 84.3%');
    expect(ind.benchmarks.england.englandAndWales).toBe(82);
    expect(ind.benchmarks.england.notComparedReason).toMatch(/England and Wales/);
    expect(ind.estimate).toBe(true);
    expect(ind.comparison).toBe(ind.benchmarks.west.comparison);
  });

  it('IMD 2025 scores: a population-weighted mean of the wards (sum of score x residents over sum of residents), not compared', () => {
    const ind = find(n4, 'imd25_income_score');
    const rows = N4_WARDS.map((c) => storedRow(tb, 'imd25_income_score', c, '2025')!);
    const expected = (rows.reduce((s, r) => s + r.numerator!, 0) / rows.reduce((s, r) => s + r.denominator!, 0)) * 100;
    expect(ind.value).toBeCloseTo(expected, 9);
    expect(ind.denominator).toBe(rows.reduce((s, r) => s + r.denominator!, 0));
    expect(ind.ci95).toBeNull();
    expect(ind.comparison).toBe('not-compared');
    expect(ind.benchmarks.west.value).toBe(18.1);
  });

  it('every value has its source dataset with publisher, licence and attribution, listed once in sources', () => {
    for (const ind of n4.indicators) {
      expect(ind.source.datasetId, ind.id).not.toBe('');
      expect(ind.source.licence).toBe('Open Government Licence v3.0');
    }
    expect(n4.sources.map((s) => s.id).sort()).toEqual([...new Set(n4.indicators.map((i) => i.source.datasetId))].sort());
    expect(find(n4, 'census21_overcrowding').source).toMatchObject({ datasetId: 'census2021_lsoa21', publisher: 'Office for National Statistics' });
  });

  it('the trend has every period, oldest first, with the own council beside', () => {
    const uc = find(n4, 'dwp_uc_households');
    expect(uc.trend.map((t) => t.period)).toEqual(['2016-02', '2017-02', '2018-02', '2019-02', '2020-02', '2021-02', '2022-02', '2023-11']);
    for (const t of uc.trend) expect(t.council).toBe(storedRow(tb, 'dwp_uc_households', WEST, t.period)!.value);
    expect(uc.period).toBe('2023-11');
    const first = N4_WARDS.map((c) => storedRow(tb, 'dwp_uc_households', c, '2016-02')!.numerator!);
    expect(uc.trend[0]!.value).toBeCloseTo(first.reduce((s, x) => s + x, 0), 9);
  });
});

describe('comparisons and spine', () => {
  it('N4 overcrowding lies clearly above the low-is-good West value: worst, by the two-level rule', () => {
    const ind = find(n4, 'census21_overcrowding');
    expect(ind.polarity).toBe('low-is-good');
    expect(ind.ci998!.lower).toBeGreaterThan(ind.benchmarks.west.value!);
    expect(ind.benchmarks.west.comparison).toBe('worst');
    expect(ind.benchmarks.england.comparison).toBe('worst');
    expect(ind.comparison).toBe('worst');
  });

  it('headline: age bands from the six Census counts, most deprived 20% (IMD 2025), counts of worse and better', () => {
    const counts = n4.headline.ageBands.map((b) => b.count);
    expect(n4.headline.ageBands.map((b) => b.label)).toEqual(['0-15', '16-24', '25-34', '35-49', '50-64', '65 and over']);
    expect(counts).toEqual([11_813, 8_498, 12_056, 13_841, 9_903, 6_706]);
    const total = counts.reduce((s, c) => s! + c!, 0)!;
    expect(n4.headline.ageBands[0]!.percent).toBeCloseTo((11_813 / total) * 100, 10);
    expect(n4.headline.ageBands.reduce((s, b) => s + b.percent!, 0)).toBeCloseTo(100, 10);
    const dep = find(n4, 'imd25_pop_most_deprived_20pct');
    expect(n4.headline.mostDeprived20).toEqual({ value: dep.value, period: '2025' });
    // Each concept once: only indicators that count in the headline (judged, headline member of a family).
    const counted = n4.indicators.filter((i) => i.countsInHeadline);
    expect(n4.headline.significantlyWorse).toBe(counted.filter((i) => i.comparison === 'worse' || i.comparison === 'worst').length);
    expect(n4.headline.significantlyBetter).toBe(counted.filter((i) => i.comparison === 'better' || i.comparison === 'best').length);
    expect(n4.headline.compared).toBe(counted.filter((i) => i.comparison !== 'not-compared').length);
    expect(n4.headline.significantlyWorse).toBeGreaterThan(5);
  });

  it('the benchmark choice sets the headline comparison (own = West for N4)', async () => {
    expect(n4.benchmark).toBe('own');
    for (const i of n4.indicators) expect(i.comparison, i.id).toBe(i.benchmarks.west.comparison);
    const eng = await tb.send('profile.get', { area: { kind: 'lap', id: n4Id }, benchmark: 'england' });
    expect(eng.benchmark).toBe('england');
    for (const i of eng.indicators) expect(i.comparison, i.id).toBe(i.benchmarks.england.comparison);
    const north = await tb.send('profile.get', { area: { kind: 'lap', id: n4Id }, benchmark: 'north' });
    expect(find(north, 'census21_overcrowding').spine!.benchmark).toBe(find(north, 'census21_overcrowding').benchmarks.north.value);
  });

  it('spine: the 31 West wards’ own values, quartiles by PERCENTILE.INC, centred on the benchmark', () => {
    const ind = find(n4, 'census21_overcrowding');
    const values = westWards.map((c) => {
      const r = storedRow(tb, 'census21_overcrowding', c, '2021')!;
      return (r.numerator! / r.denominator!) * 100;
    });
    values.sort((a, b) => a - b);
    const inc = (p: number) => {
      const h = (values.length - 1) * p;
      const lo = Math.floor(h);
      return values[lo]! + (h - lo) * (values[Math.min(lo + 1, values.length - 1)]! - values[lo]!);
    };
    expect(ind.spine).not.toBeNull();
    const s = ind.spine!;
    expect(s.count).toBe(31);
    expect(s.min).toBeCloseTo(values[0]!, 12);
    expect(s.max).toBeCloseTo(values[30]!, 12);
    expect(s.median).toBeCloseTo(values[15]!, 12);
    expect(s.q25).toBeCloseTo(inc(0.25), 12);
    expect(s.q75).toBeCloseTo(inc(0.75), 12);
    expect(s.benchmark).toBe(ind.benchmarks.west.value);
    expect(s.higherIsBetter).toBe(false);
    expect(find(n4, 'census21_ethnic_asian').spine!.higherIsBetter).toBeNull();
    expect(find(n4, 'census21_usual_residents').spine).toBeNull();
  });

  it('Wilson values of N4 match the formula for every Census proportion with counts', () => {
    let n = 0;
    // Shares of whole neighbourhoods have no interval (no sampling); suppressed ranges are checked in truth.test.ts.
    // Fuel poverty is a DESNZ modelled estimate: shown without an interval (issue 15; tests/practices/health.test.ts).
    for (const ind of n4.indicators.filter((i) => i.valueType === 'proportion' && i.numerator !== null && Number.isInteger(i.numerator) && i.ci95 && !i.range && i.id !== 'fuel_poverty')) {
      const a = wilsonByHand(ind.numerator!, ind.denominator!, Z95);
      const b = wilsonByHand(ind.numerator!, ind.denominator!, Z998);
      expect(ind.ci95!.lower, ind.id).toBeCloseTo(a.lower, 10);
      expect(ind.ci95!.upper, ind.id).toBeCloseTo(a.upper, 10);
      expect(ind.ci998!.lower, ind.id).toBeCloseTo(b.lower, 10);
      expect(ind.ci998!.upper, ind.id).toBeCloseTo(b.upper, 10);
      n++;
    }
    expect(n).toBeGreaterThan(30);
  });

  it('England benchmark values come from the England rows', () => {
    const ind = find(n4, 'census21_overcrowding');
    expect(ind.benchmarks.england.value).toBe(storedRow(tb, 'census21_overcrowding', ENGLAND, '2021')!.value);
  });
});

describe('ward breakdown', () => {
  it('lists the member wards with their own values and comparisons, and the LAP value', async () => {
    const b = await tb.send('profile.wardBreakdown', { area: { kind: 'lap', id: n4Id }, indicatorId: 'census21_overcrowding' });
    expect(b.period).toBe('2021');
    expect(b.wards.map((w) => w.name)).toEqual(['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George']);
    for (const w of b.wards) {
      const row = storedRow(tb, 'census21_overcrowding', w.code, '2021')!;
      expect([w.numerator, w.denominator]).toEqual([row.numerator, row.denominator]);
      const hand = wilsonByHand(row.numerator!, row.denominator!, Z95);
      expect(w.ci95!.lower).toBeCloseTo(hand.lower, 10);
      expect(w.benchmark).toMatchObject({ code: WEST, name: 'West Northamptonshire', value: 3.8356 });
      expect(w.note).toMatch(/best-fit estimate/);
      expect(w.estimate).toBe(true);
    }
    expect(b.wards.find((w) => w.name === 'Castle')!.comparison).toBe('worst');
    const over = find(n4, 'census21_overcrowding');
    expect(b.group).toMatchObject({ value: over.value, ci95: over.ci95, numerator: over.numerator, comparison: over.comparison, coverage: { wards: 4, of: 4 } });
    const unknown = await tb.refuse('profile.wardBreakdown', { area: { kind: 'lap', id: n4Id }, indicatorId: 'no_such_thing' });
    expect(unknown).toEqual({ kind: 'not-found', message: "There is no indicator 'no_such_thing'." });
    const badPeriod = await tb.refuse('profile.wardBreakdown', { area: { kind: 'lap', id: n4Id }, indicatorId: 'census21_overcrowding', period: '1999' });
    expect(badPeriod.message).toBe('Overcrowded households has no ward values for 1999; periods with values: 2021.');
  });
});
