/** Small areas summed into wards (and councils) through the bundled best-fit lookups. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findAssetsDir } from '../../backend/paths.ts';
import { checksum, fixture, freshBackend, importFile, importText, TIDY_HEADER, values } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

const CASTLE = 'E05013246';
const ST_GEORGE = 'E05013264';

/** The LSOA21s that the bundled ONS best-fit lookup puts in a ward, read straight from the CSV. */
function lsoasOf(ward: string): string[] {
  const text = readFileSync(path.join(findAssetsDir(), 'lookups', 'lsoa21_ward.csv'), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[1] === ward)
    .map((f) => f[0]!)
    .sort();
}

describe('LSOA 2021 -> ward', () => {
  it('the ward value is the hand sum of its LSOAs, flagged as an estimate; small-area rows are kept', async () => {
    const castle = lsoasOf(CASTLE);
    expect(castle).toHaveLength(9);
    const r = await importFile(env.backend, fixture('lsoa21-rollup.csv'));
    expect(r.status).toBe('imported');
    const v = values(env.backend.db, 'synthetic_lsoa_smokers');
    // Hand sum: the fixture gives Castle's 9 LSOAs numerators 10..18 and denominators 100, 110, ..., 180.
    const ward = v.find((x) => x.area_code === CASTLE)!;
    expect([ward.numerator, ward.denominator, ward.value, ward.estimate]).toEqual([126, 1260, 10, 1]);
    expect(ward.note).toBe('best-fit estimate: sum of 9 LSOA 2021s');
    // ... and the same sum computed from the stored LSOA rows and the lookup file.
    const lsoaRows = v.filter((x) => castle.includes(x.area_code));
    expect(lsoaRows).toHaveLength(9);
    expect(lsoaRows.reduce((s, x) => s + x.numerator!, 0)).toBe(126);
    expect(lsoaRows.reduce((s, x) => s + x.denominator!, 0)).toBe(1260);
    expect(lsoaRows.every((x) => x.estimate === 0)).toBe(true);
    expect(r.preview.indicators[0]).toMatchObject({ id: 'synthetic_lsoa_smokers', wards: 'summed', valueType: 'proportion', isNew: true });
  });

  it('a ward with a suppressed small area is incomplete (missing), and so is a partly covered council', async () => {
    const r = await importFile(env.backend, fixture('lsoa21-rollup.csv'));
    const v = values(env.backend.db, 'synthetic_lsoa_smokers');
    const george = v.find((x) => x.area_code === ST_GEORGE)!;
    expect([george.numerator, george.denominator, george.value, george.estimate]).toEqual([null, null, null, 1]);
    expect(george.note).toBe('incomplete: 1 of 9 LSOA 2021s missing or suppressed (E01027185)');
    const west = v.find((x) => x.area_code === 'E06000062')!;
    expect(west.value).toBeNull();
    expect(west.note).toMatch(/^incomplete: 221 of 238 LSOA 2021s missing or suppressed/);
    // Wards and councils with no small areas in the file get no row at all.
    expect(v.filter((x) => /^E0(5|6)/.test(x.area_code)).map((x) => x.area_code)).toEqual([CASTLE, ST_GEORGE, 'E06000062']);
    expect(r.preview.report.issues.filter((i) => i.severity === 'warning').map((i) => i.message)).toEqual([
      "2 ward or council values are stored as missing because one of their small areas is missing or suppressed (e.g. 'synthetic_lsoa_smokers', E05013264, 2023: E01027185)",
      "1 value is suppressed or blank (1 cell with a suppression marker such as *, c, .., x or -, e.g. row 15, column 'numerator': '*'): stored as missing, not zero (row 15)",
    ]);
  });

  it('when the indicator says missing means zero, the suppressed area counts as 0', async () => {
    const r = await importFile(env.backend, fixture('lsoa21-rollup.csv'), { mapping: { indicators: { synthetic_lsoa_smokers: { missingIsZero: true } } } });
    expect(r.status).toBe('imported');
    const george = values(env.backend.db, 'synthetic_lsoa_smokers').find((x) => x.area_code === ST_GEORGE)!;
    // numerators 20..28 without the suppressed 24; denominators 200..208
    expect([george.numerator, george.denominator]).toEqual([192, 1836]);
    expect(george.note).toBe("best-fit estimate: sum of 9 LSOA 2021s; 1 missing LSOA 2021s counted as zero (this indicator's missing values are zeros)");
  });

  it('unknown small-area codes are reported, never silently dropped', async () => {
    const before = checksum(env.backend.db);
    const r = await importFile(env.backend, fixture('lsoa21-unknown.csv'));
    expect(r.status).toBe('failed');
    expect(r.preview.report.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'area code E01099999 is not an LSOA in West or North Northamptonshire (row 5)',
    ]);
    expect(checksum(env.backend.db)).toBe(before);
  });

  it('a council total includes E01027305, which is in no ward', async () => {
    // A full set of West LSOAs, each with 1 person: the council gets 238, its 31 wards 237 between them.
    const lookup = readFileSync(path.join(findAssetsDir(), 'lookups', 'lsoa21_ward.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const west = lookup.filter((f) => f[2] === 'E06000062').map((f) => f[0]!);
    expect(west).toContain('E01027305');
    const rows = west.map((c) => `${c},${c},lsoa21,synthetic_ones,Synthetic one per LSOA (test data),2023,1,1,,,,count`);
    const r = await importText(env.backend, 'ones.csv', `${TIDY_HEADER}\n${rows.join('\n')}\n`);
    expect(r.status).toBe('imported');
    const v = values(env.backend.db, 'synthetic_ones');
    const lad = v.find((x) => x.area_code === 'E06000062')!;
    expect([lad.value, lad.estimate, lad.note]).toEqual([238, 0, 'council total: sum of 238 LSOA 2021s incl. E01027305']);
    const wards = v.filter((x) => x.area_code.startsWith('E05'));
    expect(wards).toHaveLength(31);
    expect(wards.reduce((s, x) => s + x.value!, 0)).toBe(237);
  });

  it('scores are combined as population-weighted means, and deciles as % of people in the most deprived 10% / 20%', async () => {
    // Synthetic: Castle's 9 LSOAs get score 10, 20, ..., 90, decile 1, 2, ..., 9, and population 100, 200, ..., 900.
    const castle = lsoasOf(CASTLE);
    const rows: string[] = [];
    castle.forEach((c, k) => {
      rows.push(`${c},${c},lsoa21,synthetic_score,Synthetic deprivation score (test data),2023,${10 * (k + 1)},,,,,score`);
      rows.push(`${c},${c},lsoa21,synthetic_decile,Synthetic decile (test data),2023,${k + 1},,,,,decile (1 = most deprived 10%)`);
      rows.push(`${c},${c},lsoa21,synthetic_total_population,Synthetic total population (test data),2023,${100 * (k + 1)},${100 * (k + 1)},,,,count`);
    });
    const r = await importText(env.backend, 'scores.csv', `${TIDY_HEADER}\n${rows.join('\n')}\n`);
    expect(r.status).toBe('imported');
    const pop = castle.map((_, k) => 100 * (k + 1));
    const total = pop.reduce((s, p) => s + p, 0); // 4,500
    const score = values(env.backend.db, 'synthetic_score').find((x) => x.area_code === CASTLE)!;
    const weighted = castle.reduce((s, _, k) => s + 10 * (k + 1) * pop[k]!, 0); // sum(score x population)
    expect([score.numerator, score.denominator, score.value, score.estimate]).toEqual([weighted, total, weighted / total, 1]);
    expect(weighted / total).toBeCloseTo(63.3333333, 6);
    const d10 = values(env.backend.db, 'synthetic_decile_pop_most_deprived_10pct').find((x) => x.area_code === CASTLE)!;
    const d20 = values(env.backend.db, 'synthetic_decile_pop_most_deprived_20pct').find((x) => x.area_code === CASTLE)!;
    expect([d10.numerator, d10.denominator, d10.value]).toEqual([100, total, (100 / total) * 100]);
    expect([d20.numerator, d20.denominator, d20.value]).toEqual([300, total, (300 / total) * 100]);
    // The deciles themselves stay at LSOA level only.
    expect(values(env.backend.db, 'synthetic_decile').every((x) => castle.includes(x.area_code))).toBe(true);
    const plan = r.preview.indicators.find((i) => i.id === 'synthetic_decile_pop_most_deprived_20pct')!;
    expect(plan).toMatchObject({ wards: 'derived', valueType: 'proportion', polarity: 'low-is-good', isNew: true });
  });

  it('ranks stay at small-area level, and say so', async () => {
    const rows = lsoasOf(CASTLE).map((c, k) => `${c},${c},lsoa21,synthetic_rank,Synthetic rank (test data),2023,${k + 1},,,,,rank (1 = most deprived)`);
    const r = await importText(env.backend, 'ranks.csv', `${TIDY_HEADER}\n${rows.join('\n')}\n`);
    expect(r.status).toBe('imported');
    expect(r.preview.report.issues.filter((i) => i.severity === 'warning').map((i) => i.message)).toEqual([
      "1 indicator is stored for small areas only, not for wards ('synthetic_rank'): ranks cannot be added up or averaged",
    ]);
    expect(values(env.backend.db, 'synthetic_rank').some((x) => x.area_code.startsWith('E05'))).toBe(false);
  });

  it('a file that mixes ward rows and LSOA rows keeps the ward rows it gives', async () => {
    const castle = lsoasOf(CASTLE).map((c) => `${c},${c},lsoa21,synthetic_mixed,M,2023,,1,10,,,count`);
    const r = await importText(env.backend, 'mixed.csv', `${TIDY_HEADER}\n${castle.join('\n')}\n${CASTLE},Castle,ward,synthetic_mixed,M,2023,,7,70,,,count\n`);
    expect(r.status).toBe('imported');
    const ward = values(env.backend.db, 'synthetic_mixed').find((x) => x.area_code === CASTLE)!;
    expect([ward.numerator, ward.denominator, ward.estimate]).toEqual([7, 70, 0]);
  });

  it('age-band rows are stored in value_band with a total row', async () => {
    const r = await importFile(env.backend, fixture('bands.csv'));
    expect(r.status).toBe('imported');
    const bands = env.backend.db.prepare("SELECT area_code, band, band_order, numerator, denominator FROM value_band WHERE indicator_id = 'synthetic_dsr' ORDER BY area_code, band_order").all();
    expect(bands).toEqual([
      { area_code: CASTLE, band: '0-4', band_order: 0, numerator: 3, denominator: 1000 },
      { area_code: CASTLE, band: '5-9', band_order: 5, numerator: 4, denominator: 1100 },
      { area_code: CASTLE, band: '10-14', band_order: 10, numerator: 5, denominator: 1200 },
      { area_code: ST_GEORGE, band: '0-4', band_order: 0, numerator: 3, denominator: 1000 },
      { area_code: ST_GEORGE, band: '5-9', band_order: 5, numerator: 4, denominator: 1100 },
      { area_code: ST_GEORGE, band: '10-14', band_order: 10, numerator: 5, denominator: 1200 },
    ]);
    const totals = values(env.backend.db, 'synthetic_dsr').map((x) => [x.area_code, x.numerator, x.denominator, x.value, x.note]);
    expect(totals).toEqual([
      [CASTLE, 12, 3300, null, 'totals of 3 age bands'],
      [ST_GEORGE, 12, 3300, null, 'totals of 3 age bands'],
    ]);
    expect(r.preview.indicators[0]!.valueType).toBe('dsr');
  });
});
