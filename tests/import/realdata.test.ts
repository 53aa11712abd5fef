/**
 * The real open-data extracts in ../shared/data/indicators, through the same importer users use. Their ward and
 * council sums must equal the bundled values (built independently by scripts/data-build).
 * Skipped, with a message, when ../shared is not there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { freshBackend, importFile, SHARED } from './helpers.ts';
import { need } from '../helpers/data.ts';

const real = need(path.join(SHARED, 'census2021_lsoa21__humaniverse_demographr.csv'), 'the real open-data extracts');
const have = real.present;

let env: ReturnType<typeof freshBackend>;
beforeAll(() => {
  if (have) env = freshBackend();
});
afterAll(() => env?.cleanup());

/** Pairs of (bundled, imported) rows for the same area (and period, unless the two label it differently). */
function compare(bundled: string, imported: string, period?: { bundled: string; imported: string }) {
  const samePeriod = period ? 'a.period = ? AND b.period = ?' : 'b.period = a.period';
  return env.backend.db
    .prepare(
      `SELECT a.area_code, a.period, a.numerator AS bn, a.denominator AS bd, b.numerator AS inum, b.denominator AS iden, b.estimate AS iest, a.estimate AS best
       FROM value a JOIN value b ON b.area_code = a.area_code AND ${samePeriod}
       WHERE a.indicator_id = ? AND b.indicator_id = ? ORDER BY a.area_code, a.period`,
    )
    .all(...(period ? [period.bundled, period.imported] : []), bundled, imported) as { area_code: string; period: string; bn: number | null; bd: number | null; inum: number | null; iden: number | null; iest: number; best: number }[];
}

real.reportSkip('importing the real files');
describe.skipIf(!have)('importing the real files', () => {
  it('Census 2021 by LSOA 2021: ward and council sums equal the bundle', async () => {
    const r = await importFile(env.backend, path.join(SHARED, 'census2021_lsoa21__humaniverse_demographr.csv'), {}, { acceptWarnings: false });
    expect(r.status).toBe('imported');
    expect(r.preview.counts.rowsRead).toBe(21707);
    expect(r.preview.counts.indicators).toBe(49);
    // 42 category indicators (with denominators) and 7 table totals, each built for 57 wards and 2 councils.
    expect(r.preview.counts.valuesBuilt).toBe(49 * 59);
    expect(r.valuesWritten).toBe(21707 + 49 * 59);

    const disabled = compare('census21_disability', 'c21_ts038_disability_disabled_under_the_equality_act');
    expect(disabled).toHaveLength(59);
    for (const x of disabled) {
      expect([x.area_code, x.inum, x.iden]).toEqual([x.area_code, x.bn, x.bd]);
      expect(x.iest).toBe(x.best);
    }
    const pop = compare('census21_usual_residents', 'c21_ts038_disability_total');
    expect(pop.find((x) => x.area_code === 'E06000062')?.inum).toBe(425728);
    expect(pop.find((x) => x.area_code === 'E06000061')?.inum).toBe(359519);
    for (const x of pop) expect(x.inum).toBe(x.bn);
  });

  it('IoD2019 numerators by LSOA 2011: the income rate equals the bundle; suppressed IDACI makes wards incomplete', async () => {
    const r = await importFile(env.backend, path.join(SHARED, 'imd2019_lsoa11_files4_8__humaniverse_IMD.csv'));
    expect(r.status).toBe('imported');
    expect(r.preview.counts.rowsRead).toBe(19412);
    expect(r.preview.counts.rowsMissing).toBe(62); // 48 IDACI + 14 IDAOPI numerators are blank in the source
    const income = compare('imd19_income_rate', 'imd19_income_domain_numerator', { bundled: '2019', imported: '2019 (data mostly 2015/16)' });
    expect(income).toHaveLength(59);
    for (const x of income) expect([x.area_code, x.inum, x.iden]).toEqual([x.area_code, x.bn, x.bd]);
    // The bundle leaves suppressed LSOAs out of both sums; the importer marks the ward incomplete instead.
    const idaci = env.backend.db
      .prepare("SELECT COUNT(*) AS n FROM value v JOIN area a ON a.code = v.area_code WHERE v.indicator_id = 'imd19_idaci_numerator' AND a.type = 'ward' AND v.value IS NULL")
      .get() as { n: number };
    expect(idaci.n).toBeGreaterThan(0);
    const ranks = r.preview.indicators.filter((i) => i.valueType === 'rank');
    expect(ranks.every((i) => i.wards === 'none')).toBe(true);
  });

  it('IoD2019 deciles with the File 6 population: % in the most deprived 20% equals the bundle', async () => {
    const r = await importFile(env.backend, path.join(SHARED, 'imd2019_lsoa11_files2_6__anetobradley_energy_flex.csv'));
    expect(r.status).toBe('imported');
    expect(r.preview.report.issues.map((i) => i.message)).toContain("population weights for scores and deciles: 'imd19_denom_total_population_mid2015' in this file");
    for (const pct of [10, 20]) {
      const rows = compare(`imd19_pop_most_deprived_${pct}pct`, `imd19_imd_decile_pop_most_deprived_${pct}pct`);
      expect(rows).toHaveLength(59);
      for (const x of rows) expect([x.area_code, x.inum, x.iden]).toEqual([x.area_code, x.bn, x.bd]);
    }
  });

  it('IoD2025 scores and deciles by LSOA 2021, weighted by the Census residents imported above: equal to the bundle', async () => {
    const r = await importFile(env.backend, path.join(SHARED, 'imd2025_lsoa21_lad24__humaniverse_IMD.csv'), {
      mapping: {
        // The bundle weights IoD2025 by Census 2021 usual residents (TS038 total), stored by the first test.
        weightIndicator: 'c21_ts038_disability_total',
        // These ids are bundled too: import the file's values under new ids.
        indicators: Object.fromEntries(['imd', 'income', 'employment', 'education', 'health', 'crime'].map((d) => [`imd25_${d}_score`, { id: `test_imd25_${d}_score` }])),
      },
    });
    expect(r.status).toBe('imported');
    expect(r.preview.report.issues.map((i) => i.message)).toContain("population weights for scores and deciles: stored indicator 'c21_ts038_disability_total' (2021)");
    const score = compare('imd25_imd_score', 'test_imd25_imd_score').filter((x) => x.bn !== null);
    expect(score.length).toBe(57);
    for (const x of score) {
      expect(Math.abs(x.inum! - x.bn!)).toBeLessThan(0.0006); // the bundle rounds to 3 dp
      expect(x.iden).toBe(x.bd);
    }
    const d20 = compare('imd25_pop_most_deprived_20pct', 'imd25_imd_decile_pop_most_deprived_20pct');
    expect(d20.length).toBe(59);
    for (const x of d20) expect([x.area_code, x.inum, x.iden]).toEqual([x.area_code, x.bn, x.bd]);
  });

  it('DWP children in low-income families by MSOA 2011: apportioned ward values equal the bundle', async () => {
    const r = await importFile(env.backend, path.join(SHARED, 'dwp_statxplore_msoa11_lad__MatteoLarrode_ChildrenLowIncomeHouseholdsUK.csv'), {
      // The bundle shares MSOA counts by the 0-15 population; its ids are renamed to avoid clashing with bundled values.
      mapping: { msoaWeight: '0-15', indicators: { dwp_cilif_relative_children: { id: 'test_cilif' }, dwp_uc_households: { id: 'test_uc' } } },
    });
    expect(r.status).toBe('imported');
    const rows = compare('dwp_cilif_children', 'test_cilif');
    expect(rows.length).toBeGreaterThanOrEqual(57);
    for (const x of rows) {
      if (x.bn === null) expect(x.inum).toBeNull();
      else expect(Math.abs(x.inum! - x.bn)).toBeLessThan(0.0006); // the bundle rounds apportioned counts to 3 dp
    }
  });
});
