/**
 * Issue 14 (profile truth), through `lap-insight profile N4|DSN4 --json`: suppressed small counts carried as ranges,
 * no significance test without sampling, age-confounded percentages not judged, the right base for unpaid care,
 * whole-number counts, the England availability table, plain words and sources by publisher. Expected numbers are
 * recomputed here from the open files in ../shared/data (not by calling the code under test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { run } from '../../backend/cli/main.ts';
import { compareWith } from '../../backend/profile/compute.ts';
import type { IndicatorMeta } from '../../backend/profile/data.ts';
import { EDITIONS_NOTE, NOT_COMPARED, isPlain } from '../../shared/indicator-guide.ts';
import type { Profile, ProfileIndicator } from '../../shared/profile.ts';
import type { GroupEstimate } from '../../shared/stats/index.ts';
import { tempDir } from '../helpers/tmp.ts';
import { DSN4_WARDS, HAVE_SOURCES, N4_WARDS, SOURCES, WEST, readCsv } from './helpers.ts';

let dir: string;
let cleanup: () => void;
let n4: Profile;
let dsn4: Profile;
let n4England: Profile;

async function cli(args: string[]): Promise<Profile> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run([...args, '--json', '--db', path.join(dir, 'cli.db')], { out: (t) => out.push(t), err: (t) => err.push(t) });
  if (code !== 0) throw new Error(`lap-insight ${args.join(' ')} --json failed: ${err.join('\n')}`);
  return JSON.parse(out.join('\n')) as Profile;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lap-truth-'));
  n4 = await cli(['profile', 'N4']);
  dsn4 = await cli(['profile', 'DSN4']);
  n4England = await cli(['profile', 'N4', '--benchmark', 'england']);
}, 120_000);
afterAll(() => cleanup());

const find = (p: Profile, id: string): ProfileIndicator => {
  const i = p.indicators.find((x) => x.id === id);
  if (!i) throw new Error(`no ${id}`);
  return i;
};

describe('comparison words, levels and reasons (every indicator)', () => {
  it('each indicator carries a plain definition, How this is made, and a level or a reason', () => {
    for (const p of [n4, dsn4]) {
      for (const i of p.indicators) {
        expect(i.plainDefinition, i.id).toMatch(/^[A-Z].*\.$/);
        expect(isPlain(i.plainDefinition!), `${i.id}: ${i.plainDefinition}`).toBe(true);
        expect(i.howMade!.length, i.id).toBeGreaterThan(20);
        if (i.comparison === 'not-compared') {
          expect(i.notComparedReason, i.id).toMatch(/^(not compared|cannot be compared)/);
          expect(i.comparisonLevel, i.id).toBeNull();
        } else {
          expect(i.notComparedReason, i.id).toBeUndefined();
          expect(['two levels (95% and 99.8%)', '95% only'], i.id).toContain(i.comparisonLevel);
        }
      }
    }
    expect(n4.legend!.entries.map((e) => e.word)).toEqual(['Best / Worst', 'Better / Worse', 'Similar', 'Higher / Lower', 'Not compared']);
    expect(n4.legend!.rule).toMatch(/99\.8%/);
  });

  it('spells out acronyms and keeps internal codes out of the plain text', () => {
    expect(find(n4, 'imd19_idaci_rate').plainDefinition).toContain('Income Deprivation Affecting Children Index');
    expect(find(n4, 'imd19_idaopi_rate').plainDefinition).toContain('Income Deprivation Affecting Older People Index');
    expect(isPlain('sum of OA21 -> LSOA21 (DERIVED file), K04000001')).toBe(false);
  });

  it('sources are cited by publisher, dataset and release with the licence, never by where a file was copied from', () => {
    for (const s of n4.sources) {
      expect(s.citation, s.id).toMatch(/\((ONS|MHCLG|DWP|OHID|NHSE|DESNZ|police\.uk)\)/);
      expect(s.citation, s.id).toContain('Licence: Open Government Licence v3.0.');
      expect(s.citation, s.id).not.toMatch(/github|shared\/data|\.csv|humaniverse|ONSvisual/i);
    }
    expect(find(n4, 'census21_overcrowding').source.citation).toBe(
      'Office for National Statistics (ONS), Census 2021, topic summary tables TS011, TS021, TS030, TS038, TS044, TS052 and TS054 for neighbourhoods (LSOAs), published 2022-2023. Licence: Open Government Licence v3.0.',
    );
  });

  it('the one comparison rule on synthetic numbers: a suppressed range compares only when both ends agree', () => {
    // Synthetic (hand-made) estimates, low is good, benchmark 10. Lower end Similar (9-11 holds 10), upper end Worse.
    const meta = { polarity: 'low-is-good' } as IndicatorMeta;
    const est = (lo: number, hi: number, v: number) => ({ value: v, ci95: { lower: lo, upper: hi }, ci998: { lower: lo - 0.5, upper: hi + 0.5 }, method: 'Wilson', numerator: 1 });
    const undecided = { ...est(9, 12, 10.5), note: '', denominator: 1, coverage: { wards: 1, of: 1 }, missing: [], estimate: false, range: { lower: est(9, 11, 10), upper: est(10.2, 12, 11) } } as GroupEstimate;
    expect(compareWith(undecided, 10, meta.polarity)).toBe('not-compared');
    const decided = { ...undecided, range: { lower: est(10.2, 11, 10.6), upper: est(10.3, 12, 11) } } as GroupEstimate;
    expect(compareWith(decided, 10, meta.polarity)).toBe('worse');
    // A benchmark range whose ends straddle the area's interval edge: cannot be compared.
    const plain = { ...decided, ...est(10.2, 11, 10.6), range: undefined } as GroupEstimate;
    expect(compareWith(plain, 10, meta.polarity, { lower: 9.9, upper: 10.5 })).toBe('not-compared');
    expect(NOT_COMPARED.suppressed).toMatch(/^cannot be compared: suppressed small numbers/);
  });
});

describe.skipIf(!HAVE_SOURCES)('suppressed small counts: IDACI ranges recomputed from the IoD2019 files', () => {
  const FILE = 'imd2019_lsoa11_files4_8__humaniverse_IMD.csv';
  /** Lower end (blanks at 0), upper end (blanks at 9) and the full denominator over some LSOA11s. */
  function idaci(lsoas: Set<string>): { lo: number; hi: number; den: number; blanks: number } {
    let lo = 0;
    let den = 0;
    let blanks = 0;
    for (const r of readCsv(FILE)) {
      if (r.indicator_id !== 'imd19_idaci_numerator' || !lsoas.has(r.area_code!)) continue;
      den += Number(r.denominator);
      if (r.numerator === '') blanks++;
      else lo += Number(r.numerator);
    }
    return { lo, hi: lo + 9 * blanks, den, blanks };
  }
  const lookup = () => readCsv('lookup_lsoa11_to_ward2024_northants_DERIVED.csv');

  it('DSN4: 5.45% to 5.99%, shown as the midpoint, every denominator kept', () => {
    const lsoas = new Set(lookup().filter((r) => DSN4_WARDS.includes(r.ward_code!)).map((r) => r.lsoa11_code!));
    const x = idaci(lsoas);
    expect(x.blanks).toBeGreaterThan(0);
    const ind = find(dsn4, 'imd19_idaci_rate');
    expect(ind.denominator).toBe(x.den);
    expect([ind.numerator, ind.range!.numeratorUpper]).toEqual([x.lo, x.hi]);
    expect(ind.range!.lower).toBeCloseTo((x.lo / x.den) * 100, 9);
    expect(ind.range!.upper).toBeCloseTo((x.hi / x.den) * 100, 9);
    expect(ind.range!.lower.toFixed(2)).toBe('5.45');
    expect(ind.range!.upper.toFixed(2)).toBe('5.99');
    expect(ind.value).toBeCloseTo(((x.lo + x.hi) / 2 / x.den) * 100, 9);
  });

  it('West: 12.63% to 13.01% (all 228 LSOA11 incl. E01027305); England: DERIVED sum over all 32,844 LSOA11', () => {
    const lsoas = new Set(lookup().filter((r) => r.lad22_code_of_lsoa === WEST).map((r) => r.lsoa11_code!));
    expect(lsoas.size).toBe(228);
    const x = idaci(lsoas);
    const west = find(dsn4, 'imd19_idaci_rate').benchmarks.west;
    expect(west.range!.lower).toBeCloseTo((x.lo / x.den) * 100, 9);
    expect(west.range!.upper).toBeCloseTo((x.hi / x.den) * 100, 9);
    expect([west.range!.lower.toFixed(2), west.range!.upper.toFixed(2)]).toEqual(['12.63', '13.01']);

    const derived = readCsv('DERIVED_lad_england_sums_of_small_area_counts.csv').filter((r) => r.area_code === 'E92000001');
    const num = derived.find((r) => r.indicator_id === 'imd19_idaci_numerator')!;
    const den = derived.find((r) => r.indicator_id === 'imd19_denom_children_0_15_mid2015')!;
    const blanks = Number(den.n_areas) - Number(num.n_areas);
    expect(blanks).toBe(4553);
    const eng = find(n4, 'imd19_idaci_rate').benchmarks.england;
    expect(eng.range!.lower).toBeCloseTo((Number(num.numerator) / Number(den.numerator)) * 100, 9);
    expect(eng.range!.upper).toBeCloseTo(((Number(num.numerator) + 9 * blanks) / Number(den.numerator)) * 100, 9);
    // The old build (blank areas out of numerator and denominator) gave 18.61%, which made N4 'Similar'.
    expect(eng.value!).toBeLessThan(17.1);
    expect(find(n4, 'imd19_idaci_rate').benchmarks.england.comparison).toBe('worst');
  });
});

describe.skipIf(!HAVE_SOURCES)('IoD2025 income and employment as true rates', () => {
  it('N4: sum of numerators over the sum of denominators recovered as numerator / published score', () => {
    const lsoas = new Set(readCsv('lookup_lsoa21_to_ward2024_northants.csv').filter((r) => N4_WARDS.includes(r.ward_code!)).map((r) => r.lsoa21_code!));
    for (const d of ['income', 'employment']) {
      const num = new Map<string, number>();
      const score = new Map<string, number>();
      for (const r of readCsv('imd2025_lsoa21_lad24__humaniverse_IMD.csv')) {
        if (!lsoas.has(r.area_code!)) continue;
        if (r.indicator_id === `imd25_${d}_domain_numerator`) num.set(r.area_code!, Number(r.value));
        if (r.indicator_id === `imd25_${d}_score`) score.set(r.area_code!, Number(r.value));
      }
      expect(num.size, d).toBe(lsoas.size);
      const x = [...num.values()].reduce((a, b) => a + b, 0);
      const n = [...num].reduce((a, [code, v]) => a + v / score.get(code)!, 0);
      const i = find(n4, `imd25_${d}_rate`);
      expect(i.numerator, d).toBe(x);
      expect(i.denominator!, d).toBeCloseTo(n, 1);
      expect(i.value!, d).toBeCloseTo((x / n) * 100, 4);
      expect(i.ci95, d).not.toBeNull();
      expect(i.edition!.id).toBe('IoD2025');
    }
  });
});

describe('no significance test without sampling', () => {
  it('shares of residents in the most deprived 10%/20% neighbourhoods: value, no interval, never compared', () => {
    for (const id of ['imd19_pop_most_deprived_10pct', 'imd19_pop_most_deprived_20pct', 'imd25_pop_most_deprived_10pct', 'imd25_pop_most_deprived_20pct']) {
      const i = find(n4, id);
      expect(i.value, id).not.toBeNull();
      expect([i.ci95, i.ci998], id).toEqual([null, null]);
      for (const b of Object.values(i.benchmarks)) expect(b.comparison, id).toBe('not-compared');
      expect(i.notComparedReason, id).toBe(NOT_COMPARED.noSampling);
      expect(i.countsInHeadline, id).toBe(false);
    }
  });

  it('no other indicator is compared without an interval', () => {
    for (const i of [...n4.indicators, ...dsn4.indicators]) if (i.comparison !== 'not-compared') expect(i.ci95, i.id).not.toBeNull();
  });
});

describe('age-confounded crude percentages and polarity', () => {
  it('employment, health, disability and qualifications of all adults: no better/worse, labelled not age-standardised', () => {
    for (const id of ['census21_in_employment', 'census21_unemployed', 'census21_health_bad', 'census21_health_good', 'census21_disability', 'census21_no_qualifications', 'census21_level4_qualifications']) {
      const i = find(n4, id);
      expect(i.polarity, id).toBe('no-judgement');
      expect(i.valueNote, id).toBe('not age-standardised');
      expect(['higher', 'lower', 'similar', 'not-compared'], id).toContain(i.comparison);
    }
    expect(find(n4, 'census21_hh_deprived_1dim').polarity).toBe('no-judgement');
  });
});

describe.skipIf(!HAVE_SOURCES)('right base: unpaid care is a percentage of residents aged 5 and over', () => {
  it('N4 denominator = OA residents x (1 - the ward share aged 0-4, ONS mid-2020), summed', () => {
    const lsoa21Ward = new Map(readCsv('lookup_lsoa21_to_ward2024_northants.csv').map((r) => [r.lsoa21_code!, r.ward_code!]));
    const oaWard = new Map(readCsv('lookup_oa21_to_lsoa21_northants.csv').map((r) => [r.oa21_code!, lsoa21Ward.get(r.lsoa21_code!)]));
    const lsoa11Ward = new Map(readCsv('lookup_lsoa11_to_ward2024_northants_DERIVED.csv').map((r) => [r.lsoa11_code!, r.ward_code!]));
    const young = new Map<string, number>();
    const all = new Map<string, number>();
    for (const r of readCsv('mye2020_sya_lsoa11__humaniverse_demographr.csv')) {
      const m = /^mye2020_age_(\d+)$/.exec(r.indicator_id!);
      const w = lsoa11Ward.get(r.area_code!);
      if (!m || !w || !N4_WARDS.includes(w)) continue;
      if (Number(m[1]) <= 4) young.set(w, (young.get(w) ?? 0) + Number(r.value));
      if (m[1] === '0') all.set(w, (all.get(w) ?? 0) + Number(r.denominator));
    }
    const pct = new Map<string, number>();
    for (const r of readCsv('census2021_percent_only_oa21_lad__ONSvisual_dot-density-data.csv')) {
      if (['c21pct_is_carer_5a_002', 'c21pct_is_carer_5a_003', 'c21pct_is_carer_5a_004'].includes(r.indicator_id!)) pct.set(r.area_code!, (pct.get(r.area_code!) ?? 0) + Number(r.value));
    }
    let den = 0;
    let num = 0;
    let everyone = 0;
    for (const r of readCsv('census2021_oa21_counts__ONSvisual_dot-density-data.csv')) {
      if (r.indicator_id !== 'c21_ts008_sex_total') continue;
      const w = oaWard.get(r.area_code!);
      if (!w || !N4_WARDS.includes(w)) continue;
      const base = Number(r.value) * (1 - young.get(w)! / all.get(w)!);
      everyone += Number(r.value);
      den += base;
      num += (pct.get(r.area_code!)! / 100) * base;
    }
    const i = find(n4, 'census21_unpaid_care');
    expect(i.unit).toBe('% of usual residents aged 5+');
    expect(i.denominator!).toBeCloseTo(den, 1);
    expect(i.value!).toBeCloseTo((num / den) * 100, 3);
    // The base excludes under-5s: clearly fewer than all residents (N4 is young).
    expect(den / everyone).toBeLessThan(0.95);
  });
});

describe('counts, caveats, editions and headline', () => {
  it('counts of people are whole numbers', () => {
    for (const id of ['dwp_cilif_children', 'dwp_uc_households', 'census21_usual_residents', 'imd25_income_deprived_people']) {
      const i = find(n4, id);
      expect(Number.isInteger(i.value), `${id} ${i.value}`).toBe(true);
      for (const t of i.trend) expect(t.value === null || Number.isFinite(t.value), id).toBe(true);
    }
  });

  it('child poverty rate: not tagged as the Fingertips under-16 measure, caveat carried with the number', () => {
    const i = find(n4, 'dwp_cilif_children_rate');
    expect(i.caveat).toMatch(/Not the official under-16 child poverty percentage/);
    expect(i.plainDefinition).not.toMatch(/EP04/);
  });

  it('IoD2025 and IoD2019 are marked as editions that cannot be compared; 2019 names its 2015/16 data', () => {
    expect(n4.notes).toContain(EDITIONS_NOTE);
    expect(find(n4, 'imd19_income_rate').edition).toEqual({ id: 'IoD2019', label: 'English Indices of Deprivation 2019 (data mostly 2015/16)' });
    expect(find(n4, 'imd25_income_score').edition!.id).toBe('IoD2025');
  });

  it('the age bars and the population total: the difference is explained (two Census tables)', () => {
    // N4: the six Census 2021 age counts add up to 62,817; the usual residents total is 62,807.
    expect(n4.headline.population).toBe(62_807);
    expect(n4.headline.ageBands.reduce((s, b) => s + b.count!, 0)).toBe(62_817);
    expect(n4.headline.populationNote).toMatch(/^The age bars add up to 62,817, 10 more than the population total \(62,807\)/);
  });

  it('indicators are grouped: own figures, then IoD2025, then IoD2019, then council-only context', () => {
    for (const a of new Set(n4.indicators.map((i) => i.ambition))) {
      const rank = n4.indicators
        .filter((i) => i.ambition === a)
        .map((i) => (!i.wardLevel ? 3 : i.edition?.id === 'IoD2025' ? 1 : i.edition?.id === 'IoD2019' ? 2 : 0));
      expect(rank, a).toEqual([...rank].sort((x, y) => x - y));
    }
    const ids = n4.indicators.map((i) => i.id);
    expect(ids.indexOf('imd25_income_score')).toBeLessThan(ids.indexOf('imd19_income_rate'));
  });

  it('headline: each concept once, not-compared measures left out, "N of M compared"', () => {
    const h = n4.headline;
    const counted = n4.indicators.filter((i) => i.countsInHeadline);
    // Only one member of each nested family counts.
    expect(counted.filter((i) => i.id.startsWith('census21_hh_deprived_')).map((i) => i.id)).toEqual(['census21_hh_deprived_1plus']);
    expect(counted.some((i) => i.id === 'census21_health_good')).toBe(false);
    // All recorded crime holds every type; one concept in two IoD editions counts once (the newer); 2011 is history.
    expect(counted.filter((i) => i.id.startsWith('crime_')).map((i) => i.id)).toEqual(['crime_all']);
    expect(counted.some((i) => i.id.startsWith('imd19_income') || i.id.startsWith('imd19_employment'))).toBe(false);
    expect(counted.some((i) => i.id === 'imd25_income_rate')).toBe(true);
    expect(counted.some((i) => i.id.startsWith('census11_'))).toBe(false);
    expect(h.judged).toBe(counted.length);
    expect(h.compared).toBe(counted.filter((i) => i.comparison !== 'not-compared').length);
    expect(h.summary).toBe(`${h.significantlyWorse} significantly worse and ${h.significantlyBetter} significantly better, of ${h.compared} indicators compared with West Northamptonshire (${h.judged} could be judged).`);
    expect(h.countNote).toMatch(/by chance alone/);
  });
});

describe('England benchmark availability', () => {
  /** What the England column shows for every indicator with a LAP value that is not a plain count. */
  function table(p: Profile): Record<string, string[]> {
    const out: Record<string, string[]> = { England: [], 'England and Wales': [], 'not available': [] };
    for (const i of p.indicators.filter((x) => x.wardLevel && x.valueType !== 'count')) {
      const e = i.benchmarks.england;
      const key = e.value !== null ? 'England' : e.englandAndWales !== undefined ? 'England and Wales' : 'not available';
      out[key]!.push(i.id);
    }
    return out;
  }

  it('England from national sums where the source allows; England and Wales labelled; otherwise not available', () => {
    const t = table(n4);
    expect(t['England and Wales']!.sort()).toEqual(
      [
        'census21_economically_inactive',
        'census21_health_bad',
        'census21_health_good',
        'census21_in_employment',
        'census21_level4_qualifications',
        'census21_no_car',
        'census21_no_qualifications',
        'census21_unemployed',
        'census21_unpaid_care',
        'census21_unpaid_care_50plus',
      ].sort(),
    );
    expect(t['not available']!.sort()).toEqual(
      [
        'dwp_cilif_children_rate',
        'imd19_pop_most_deprived_10pct',
        'imd19_pop_most_deprived_20pct',
        'imd25_barriers_score',
        'imd25_crime_score',
        'imd25_employment_rate',
        'imd25_income_rate',
        'imd25_education_score',
        'imd25_employment_score',
        'imd25_geographical_barriers_score',
        'imd25_health_score',
        'imd25_imd_score',
        'imd25_income_score',
        'imd25_living_environment_score',
        'imd25_pop_most_deprived_10pct',
        'imd25_pop_most_deprived_20pct',
        // The sources hold no England figure: Census 2011 (Northamptonshire LSOAs only), police.uk (one force),
        // and OHID smoking (England published to 2022/23; the practices' latest year is 2023/24).
        'census11_ltc_limited',
        'census11_unemployed',
        'census11_unpaid_care',
        'crime_all',
        'crime_asb',
        'crime_burglary',
        'crime_damage_arson',
        'crime_drugs',
        'crime_violence_sexual',
        'gp_smoking_qof',
      ].sort(),
    );
    expect(t.England).toContain('imd19_idaci_rate');
    // England as published (QOF: the national sums of registers and list sizes; DESNZ: the England row).
    expect(t.England).toEqual(expect.arrayContaining(['qof_prev_dm', 'qof_prev_hyp', 'fuel_poverty', 'gp_ae_under5']));
    expect(t.England).toContain('census21_overcrowding');
    // England and Wales is never counted as an England comparison.
    for (const id of t['England and Wales']!) {
      const i = find(n4England, id);
      expect(i.comparison, id).toBe('not-compared');
      expect(i.notComparedReason, id).toBe(NOT_COMPARED.englandAndWales);
      expect(i.benchmarks.england.note, id).toMatch(/England and Wales/);
    }
    // The England headline counts only indicators with an England value.
    const compared = n4England.indicators.filter((i) => i.countsInHeadline && i.comparison !== 'not-compared');
    for (const i of compared) expect(i.benchmarks.england.value, i.id).not.toBeNull();
    expect(n4England.headline.compared).toBe(compared.length);
  });
});

SOURCES.reportSkip('profile truth against the source files');
