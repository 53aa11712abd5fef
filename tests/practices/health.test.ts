/**
 * Issue 15 done-when tests. Every expected number is recomputed here from ../shared/data directly (the published
 * CSVs), never by calling the code under test: N4's practices (point in polygon of the practice postcodes in N4's
 * four wards), the 21 QOF recorded prevalences and QOF smoking summed over those practices with Wilson intervals,
 * the West (sum over the council's practices) and England (DERIVED sums) benchmarks, fuel poverty and the crime
 * rate summed over N4's LSOAs, and the built-in places and population-weighted centres of a fresh database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile, ProfileIndicator } from '../../shared/profile.ts';
import { parseCsvObjects } from '../../scripts/data-build/csv.ts';
import { testBackend, type TestBackend } from '../laps/helpers.ts';
import { n4Id, ROOT } from '../places/helpers.ts';
import { need } from '../helpers/data.ts';

const SHARED = process.env.LAP_SHARED_DATA ?? path.resolve(ROOT, '../shared/data');
const practices = need(path.join(SHARED, 'places', 'gp_practices_northants_epraccur.csv'), 'the NHS ODS practice list');
const have = practices.present;
const csv = (rel: string) => parseCsvObjects(readFileSync(path.join(SHARED, rel), 'utf8'));

const N4_WARD_NAMES = ['Dallington Spencer', 'Castle', 'Abington and Phippsville', 'St. George'];
const WEST = 'E06000062';

/** Wilson score interval, by hand (Newcombe 1998; PHEindicatormethods phe_proportion), on the 0-100 scale. */
function wilson(x: number, n: number, z = 1.959963984540054): [number, number] {
  const p = x / n;
  const a = 2 * x + z * z;
  const b = z * Math.sqrt(z * z + 4 * x * (1 - p));
  const c = 2 * (n + z * z);
  return [((a - b) / c) * 100, ((a + b) / c) * 100];
}

/** Byar's approximation to the exact Poisson limits of a count, as a rate per 1,000. */
function byar(o: number, n: number, z = 1.959963984540054): [number, number] {
  const lo = o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const hi = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3;
  return [(lo / n) * 1000, (hi / n) * 1000];
}

practices.reportSkip('issue 15 on a fresh database');
describe.skipIf(!have)('issue 15 on a fresh database', () => {
  let tb: TestBackend;
  let profile: Profile;
  let n4Practices: string[];
  let westPractices: string[];
  let n4Wards: string[];
  const ind = (id: string): ProfileIndicator => {
    const i = profile.indicators.find((x) => x.id === id);
    if (!i) throw new Error(`no ${id} in the profile`);
    return i;
  };

  beforeAll(async () => {
    tb = testBackend('h15.db');
    const lapId = await n4Id(tb);
    profile = await tb.send('profile.get', { area: { kind: 'lap', id: lapId } });
    // Independently: N4's wards from the ONS ward file, practices whose postcode centroid lies in them.
    const wards = JSON.parse(readFileSync(path.join(SHARED, 'geodata', 'wards.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
    const n4 = wards.features.filter((f) => N4_WARD_NAMES.includes(f.properties.name));
    expect(n4).toHaveLength(4);
    n4Wards = n4.map((f) => f.properties.code);
    const practices = csv('places/gp_practices_northants_epraccur.csv');
    n4Practices = practices
      .filter((p) => n4.some((f) => turf.booleanPointInPolygon(turf.point([Number(p.pc_longitude), Number(p.pc_latitude)]), f)))
      .map((p) => p['Organisation Code']!);
    westPractices = practices.filter((p) => p.cpo_admin_district === WEST).map((p) => p['Organisation Code']!);
  });
  afterAll(() => tb?.close());

  it('lists the 67 GP practices and 128 pharmacy places, with the ODS attribution on the built-in list', async () => {
    const places = await tb.send('places.list', {});
    expect(places.filter((p) => p.category === 'gp')).toHaveLength(67);
    expect(places.filter((p) => p.category === 'pharmacy')).toHaveLength(128);
    const lists = await tb.send('places.lists', {});
    const builtin = lists.find((l) => l.builtin);
    expect(builtin?.attribution).toMatch(/Organisation Data Service/);
    expect(builtin?.attribution).toMatch(/Royal Mail/);
  });

  it("N4's practices are those located in its four wards, with their PCNs and list sizes", async () => {
    const lapId = await n4Id(tb);
    const area = await tb.send('practices.forArea', { area: { kind: 'lap', id: lapId } });
    expect(area.practices.map((p) => p.code).sort()).toEqual([...n4Practices].sort());
    expect(n4Practices.length).toBe(9);
    const epcn = csv('places/gp_practices_northants_epraccur.csv');
    for (const p of area.practices) expect(p.pcnCode).toBe(epcn.find((r) => r['Organisation Code'] === p.code)!.pcn_code || null);
    expect(new Set(area.pcns.map((p) => p.code))).toEqual(new Set(area.practices.map((p) => p.pcnCode)));
    expect(area.label).toBe("patients registered at N4's 9 GP practices");
    expect(area.description).toContain(area.practices[0]!.name);
    // A detached practice leaves the set; attaching it again brings it back.
    const first = area.practices[0]!.code;
    const detached = await tb.send('practices.detach', { lapId, code: first });
    expect(detached.practices.map((p) => p.code)).not.toContain(first);
    expect(detached.detached.map((p) => p.code)).toEqual([first]);
    const back = await tb.send('practices.attach', { lapId, code: first });
    expect(back.practices.map((p) => p.code)).toContain(first);
  });

  it('the 21 QOF recorded prevalences (2024-25, trend 2022-23) equal the sums over the practices, with Wilson intervals and benchmarks', () => {
    const rows = csv('indicators/gp_practice_qof_registers_2022-23_2024-25__nhse_qof.csv');
    const england = csv('indicators/DERIVED_qof_registers_england_sums_2022-23_2024-25.csv');
    const groups = [...new Set(rows.map((r) => r.indicator_id!))];
    expect(groups).toHaveLength(21);
    const sum = (id: string, period: string, codes: string[]) => {
      const mine = rows.filter((r) => r.indicator_id === id && r.period === period && codes.includes(r.area_code!));
      return [mine.reduce((s, r) => s + Number(r.numerator), 0), mine.reduce((s, r) => s + Number(r.denominator), 0)] as const;
    };
    for (const id of groups) {
      const i = ind(`qof_prev_${id.replace('QOF_REG_', '').toLowerCase()}`);
      const [x, n] = sum(id, '2024-25', n4Practices);
      expect(i.period).toBe('2024-25');
      expect(i.practiceBased?.practices).toBe(9);
      expect(i.value).toBeCloseTo((100 * x) / n, 9);
      const [lo, hi] = wilson(x, n);
      expect(i.ci95!.lower).toBeCloseTo(lo, 6);
      expect(i.ci95!.upper).toBeCloseTo(hi, 6);
      const [xo, no] = sum(id, '2022-23', n4Practices);
      expect(i.trend.map((t) => t.period)).toEqual(['2022-23', '2024-25']);
      expect(i.trend[0]!.value).toBeCloseTo((100 * xo) / no, 9);
      const [xw, nw] = sum(id, '2024-25', westPractices);
      expect(i.benchmarks.west.value).toBeCloseTo((100 * xw) / nw, 3);
      const e = england.find((r) => r.indicator_id === id && r.period === '2024-25')!;
      expect(i.benchmarks.england.value).toBeCloseTo((100 * Number(e.numerator)) / Number(e.denominator), 3);
      // Benchmark West for a West LAP: a comparison is made (recorded prevalence has no polarity: higher/lower/similar).
      expect(['higher', 'lower', 'similar']).toContain(i.comparison);
    }
  });

  it('QOF smoking is the latest year (2023/24), summed over the practices, with the earlier year as its trend', () => {
    const rows = csv('indicators/gp_practice_smoking_qof_91547__fingertips_heec.csv').filter((r) => n4Practices.includes(r.area_code!));
    const at = (period: string) => {
      const mine = rows.filter((r) => r.period === period);
      return [mine.reduce((s, r) => s + Number(r.numerator), 0), mine.reduce((s, r) => s + Number(r.denominator), 0)] as const;
    };
    const i = ind('gp_smoking_qof');
    const [x, n] = at('2023/24');
    expect(i.period).toBe('2023/24');
    expect(i.value).toBeCloseTo((100 * x) / n, 9);
    expect(i.ci95!.lower).toBeCloseTo(wilson(x, n)[0], 6);
    expect(i.trend[0]!.period).toBe('2022/23');
    const [xo, no] = at('2022/23');
    expect(i.trend[0]!.value).toBeCloseTo((100 * xo) / no, 9);
    expect(i.note).toContain("patients registered at N4's 9 GP practices");
  });

  it("N4's fuel poverty is households fuel poor / households over N4's LSOAs, with no significance test", () => {
    const lsoas = csv('indicators/lookup_lsoa21_to_ward2024_northants.csv').filter((r) => n4Wards.includes(r.ward_code!)).map((r) => r.lsoa21_code!);
    const fp = csv('indicators/fuel_poverty_lsoa21_2021__desnz_blackwellrd.csv').filter((r) => lsoas.includes(r.area_code!));
    expect(fp).toHaveLength(lsoas.length);
    const x = fp.reduce((s, r) => s + Number(r.numerator), 0);
    const n = fp.reduce((s, r) => s + Number(r.denominator), 0);
    const i = ind('fuel_poverty');
    expect(i.value).toBeCloseTo((100 * x) / n, 9);
    expect(i.comparison).toBe('not-compared');
    expect(i.ci95).toBeNull();
    expect(i.note).toMatch(/no significance test/);
  });

  it("N4's crime rate per 1,000 over January-April 2024 is records / Census 2021 residents over N4's LSOAs, with a Byar interval", () => {
    const lsoas = csv('indicators/lookup_lsoa21_to_ward2024_northants.csv').filter((r) => n4Wards.includes(r.ward_code!)).map((r) => r.lsoa21_code!);
    const crime = csv('indicators/police_street_crime_lsoa21_2024jan_apr__policeuk_leonard-theodorus.csv');
    const census = csv('indicators/census2021_lsoa21__humaniverse_demographr.csv').filter((r) => r.indicator_id === 'c21_ts038_disability_total' && lsoas.includes(r.area_code!));
    const residents = census.reduce((s, r) => s + Number(r.value), 0);
    for (const [id, key] of [
      ['crime_all', 'POLICEUK_STREET_ALL_CRIME_TYPES'],
      ['crime_violence_sexual', 'POLICEUK_STREET_VIOLENCE_AND_SEXUAL_OFFENCES'],
      ['crime_drugs', 'POLICEUK_STREET_DRUGS'],
    ] as const) {
      const o = crime.filter((r) => r.indicator_id === key && lsoas.includes(r.area_code!)).reduce((s, r) => s + Number(r.numerator), 0);
      const i = ind(id);
      expect(i.period).toBe('January to April 2024');
      expect(i.value).toBeCloseTo((o / residents) * 1000, 9);
      const [lo, hi] = byar(o, residents);
      expect(i.ci95!.lower).toBeCloseTo(lo, 4);
      expect(i.ci95!.upper).toBeCloseTo(hi, 4);
      expect(i.name).toMatch(/not annualised/);
    }
  });

  it('places access for N4 measures from population-weighted centres without any import', async () => {
    const lapId = await n4Id(tb);
    const access = await tb.send('places.forArea', { area: { kind: 'lap', id: lapId } });
    const centres = await tb.send('places.centres', {});
    expect(centres.method).toBe('population-weighted');
    expect(centres.fileName).toBeNull();
    expect(JSON.stringify(access)).toMatch(/population-weighted/);
  });

  it('Census 2011 -> 2021: bad health 2011 is the trend point summed over N4\'s LSOA 2011; differing definitions stay separate', () => {
    const lsoa11 = csv('indicators/lookup_lsoa11_to_ward2024_northants_DERIVED.csv').filter((r) => n4Wards.includes(r.ward_code!)).map((r) => r.lsoa11_code!);
    const c11 = csv('indicators/census2011_qs_lsoa11_northants__nomis_census-atlas.csv').filter((r) => lsoa11.includes(r.area_code!));
    const sumOf = (ids: string[]) => c11.filter((r) => ids.includes(r.indicator_id!)).reduce((s, r) => s + Number(r.numerator), 0);
    const residents = c11.filter((r) => r.indicator_id === 'C2011_QS302EW_001').reduce((s, r) => s + Number(r.denominator), 0);
    const bad = ind('census21_health_bad');
    expect(bad.period).toBe('2021');
    expect(bad.trend.map((t) => t.period)).toEqual(['2011', '2021']);
    expect(bad.trend[0]!.value).toBeCloseTo((100 * sumOf(['C2011_QS302EW_004', 'C2011_QS302EW_005'])) / residents, 9);
    // Unpaid care: 2011 base is all residents, 2021 base is residents aged 5+: a separate indicator, never a trend point.
    expect(ind('census21_unpaid_care').trend.map((t) => t.period)).toEqual(['2021']);
    const care = ind('census11_unpaid_care');
    expect(care.value).toBeCloseTo((100 * sumOf(['C2011_QS301EW_002', 'C2011_QS301EW_003', 'C2011_QS301EW_004'])) / residents, 9);
    expect(care.definition).toMatch(/not joined/);
  });

  it('a Fingertips download at GP practice level attaches to practices: the LAP value is the sum over its practices', async () => {
    // The shared smoking extract (a real Fingertips export) written back in the Fingertips download layout.
    const src = csv('indicators/gp_practice_smoking_qof_91547__fingertips_heec.csv').filter((r) => r.period === '2023/24' || r.area_type !== 'GP practice');
    const cols = ['Indicator ID', 'Indicator Name', 'Parent Code', 'Parent Name', 'Area Code', 'Area Name', 'Area Type', 'Sex', 'Age', 'Category Type', 'Category', 'Time period', 'Value', 'Lower CI 95.0 limit', 'Upper CI 95.0 limit', 'Lower CI 99.8 limit', 'Upper CI 99.8 limit', 'Count', 'Denominator', 'Value note', 'Recent Trend', 'Compared to England value or percentiles', 'Compared to percentiles', 'Time period Sortable', 'New data', 'Compared to goal'];
    const q = (x: string) => (/[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
    const type = (t: string) => (t === 'GP practice' ? 'GP' : t === 'UA' ? 'UA' : t);
    const lines = src.map((r) =>
      ['91547', 'Smoking prevalence', '', '', r.area_code!, r.area_name!, type(r.area_type!), 'Persons', '15+ yrs', '', '', r.period!, r.value!, r.lower_ci!, r.upper_ci!, '', '', r.numerator!, r.denominator!, '', '', '', '', '', '', ''].map(q).join(','),
    );
    lines.push(['91547', 'Smoking prevalence', '', '', 'U12345', 'Some PCN', 'PCN', 'Persons', '15+ yrs', '', '', '2023/24', '10', '', '', '', '', '1', '10', '', '', '', '', '', '', ''].join(','));
    const text = [cols.join(','), ...lines].join('\n') + '\n';
    const res = await tb.send('practices.import', { fileName: 'smoking-gp.csv', contentBase64: Buffer.from(text).toString('base64') });
    expect(res.message).toMatch(/1 Primary Care Network rows were left out/);
    const lapId = await n4Id(tb);
    const p = await tb.send('profile.get', { area: { kind: 'lap', id: lapId } });
    const imported = p.indicators.find((i) => i.id === 'fingertips-91547')!;
    expect(imported.practiceBased?.practices).toBe(9);
    const mine = src.filter((r) => r.period === '2023/24' && n4Practices.includes(r.area_code!));
    const x = mine.reduce((s, r) => s + Number(r.numerator), 0);
    const n = mine.reduce((s, r) => s + Number(r.denominator), 0);
    expect(imported.value).toBeCloseTo((100 * x) / n, 9);
  });

  it('every ambition but at most one has an indicator with a value for N4', () => {
    const ambitions = ['best-start', 'education', 'fit-well', 'employment', 'housing', 'safe', 'connected', 'fresh-start', 'health-care', 'valued'];
    const empty = ambitions.filter((a) => !profile.indicators.some((i) => i.ambition === a && i.value !== null));
    expect(empty.length).toBeLessThanOrEqual(1);
  });
});
