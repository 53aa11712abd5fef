/**
 * `lap-insight profile N4 --json` against the same numbers recomputed by hand from the open source files in
 * ../shared/data/indicators: a code path that shares nothing with the app (its own CSV reader, the ONS lookups
 * read directly, the Wilson formula typed from docs/statistics.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { run } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { HAVE_SOURCES, N4_WARDS, SOURCES, Z95_DOC, Z998_DOC, readCsv, wilsonByHand } from './helpers.ts';

interface CliIndicator {
  id: string;
  period: string;
  value: number | null;
  ci95: { lower: number; upper: number } | null;
  ci998: { lower: number; upper: number } | null;
  numerator: number | null;
  denominator: number | null;
  estimate: boolean;
  coverage: { wards: number; of: number };
  benchmarks: Record<'west' | 'north' | 'england', { value: number | null; comparison: string; range?: { lower: number; upper: number } }>;
  comparison: string;
}
interface CliProfile {
  area: { name: string; kind: string; population: number; wards: { code: string; name: string }[] };
  indicators: CliIndicator[];
}

let dir: string;
let cleanup: () => void;
let profile: CliProfile;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lap-profile-cli-'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['profile', 'N4', '--json', '--db', path.join(dir, 'cli.db')], { out: (t) => out.push(t), err: (t) => err.push(t) });
  if (code !== 0) throw new Error(`lap-insight profile N4 --json failed: ${err.join('\n')}`);
  profile = JSON.parse(out.join('\n')) as CliProfile;
});
afterAll(() => cleanup());

/** LSOA 2021 codes best-fitted to the N4 wards, from the ONS lookup. */
function n4Lsoa21(): Set<string> {
  const rows = readCsv('lookup_lsoa21_to_ward2024_northants.csv');
  return new Set(rows.filter((r) => N4_WARDS.includes(r.ward_code!)).map((r) => r.lsoa21_code!));
}

/** LSOA 2011 codes whose LSOA 2021 successors are best-fitted to the N4 wards (ONS LSOA11 -> LSOA21, then -> ward). */
function n4Lsoa11(): Set<string> {
  const ward = new Map(readCsv('lookup_lsoa21_to_ward2024_northants.csv').map((r) => [r.lsoa21_code!, r.ward_code!]));
  const wardsOf = new Map<string, Set<string>>();
  for (const r of readCsv('lookup_lsoa11_to_lsoa21_northants.csv')) {
    const w = ward.get(r.lsoa21_code!);
    if (!w) continue;
    const s = wardsOf.get(r.lsoa11_code!) ?? new Set<string>();
    s.add(w);
    wardsOf.set(r.lsoa11_code!, s);
  }
  const out = new Set<string>();
  for (const [lsoa11, wards] of wardsOf) {
    const inN4 = [...wards].filter((w) => N4_WARDS.includes(w));
    if (inN4.length === 0) continue;
    // Every LSOA11 here falls in exactly one ward (no LSOA11 is split between wards).
    expect(wards.size, `${lsoa11} splits between wards`).toBe(1);
    out.add(lsoa11);
  }
  return out;
}

function sumOf(file: string, indicatorIds: string[], areas: Set<string>, column: 'numerator' | 'denominator'): { total: number; n: number; blanks: string[] } {
  const rows = readCsv(file).filter((r) => indicatorIds.includes(r.indicator_id!) && areas.has(r.area_code!));
  let total = 0;
  const blanks: string[] = [];
  for (const r of rows) {
    if (r[column] === '') blanks.push(r.area_code!);
    else total += Number(r[column]);
  }
  return { total, n: rows.length, blanks };
}

function indicator(id: string): CliIndicator {
  const ind = profile.indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`the profile has no ${id}`);
  return ind;
}

function expectClose(actual: number | null | undefined, expected: number, tol = 1e-6) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe.skipIf(!HAVE_SOURCES)('N4 profile recomputed by hand from the source files', () => {
  it('the CLI names N4 and its four wards', () => {
    expect(profile.area.name).toBe('N4');
    expect(profile.area.kind).toBe('lap');
    expect(profile.area.wards.map((w) => w.code).sort()).toEqual([...N4_WARDS].sort());
  });

  it('population = Census 2021 usual residents (TS038 total) of the N4 LSOAs', () => {
    const lsoas = n4Lsoa21();
    expect(lsoas.size).toBe(34);
    const pop = sumOf('census2021_lsoa21__humaniverse_demographr.csv', ['c21_ts038_disability_total'], lsoas, 'numerator');
    expect(pop.n).toBe(34);
    expect(pop.blanks).toEqual([]);
    expect(profile.area.population).toBe(pop.total);
    expect(pop.total).toBe(62_807);
  });

  it('overcrowded households (Census 2021 TS052, rating -1 or less): sums and Wilson limits to 1e-6', () => {
    const lsoas = n4Lsoa21();
    const file = 'census2021_lsoa21__humaniverse_demographr.csv';
    const x = sumOf(file, ['c21_ts052_occupancy_bedrooms_1_overcrowded', 'c21_ts052_occupancy_bedrooms_2_or_less_overcrowded'], lsoas, 'numerator');
    const n = sumOf(file, ['c21_ts052_occupancy_bedrooms_total'], lsoas, 'numerator');
    expect(x.n).toBe(68);
    expect(n.n).toBe(34);
    const ind = indicator('census21_overcrowding');
    expect(ind.period).toBe('2021');
    expect(ind.numerator).toBe(x.total);
    expect(ind.denominator).toBe(n.total);
    expect([x.total, n.total]).toEqual([2375, 26152]);
    const at95 = wilsonByHand(x.total, n.total, Z95_DOC);
    const at998 = wilsonByHand(x.total, n.total, Z998_DOC);
    expectClose(ind.value, at95.value, 1e-9);
    expectClose(ind.ci95?.lower, at95.lower);
    expectClose(ind.ci95?.upper, at95.upper);
    expectClose(ind.ci998?.lower, at998.lower);
    expectClose(ind.ci998?.upper, at998.upper);
    expect(ind.estimate).toBe(true);
    expect(ind.coverage).toEqual({ wards: 4, of: 4 });
    // Low is good; West is 3.84%: N4's 99.8% interval lies wholly above it.
    expect(ind.benchmarks.west.value).toBeCloseTo(3.8356, 4);
    expect(at998.lower).toBeGreaterThan(ind.benchmarks.west.value!);
    expect(ind.benchmarks.west.comparison).toBe('worst');
    expect(ind.comparison).toBe('worst');
  });

  it('income deprivation rate (IoD2019 File 8 numerator / File 6 population, LSOA 2011): sums and Wilson limits to 1e-6', () => {
    const lsoas = n4Lsoa11();
    const rows = readCsv('imd2019_lsoa11_files4_8__humaniverse_IMD.csv').filter((r) => r.indicator_id === 'imd19_income_domain_numerator' && lsoas.has(r.area_code!));
    expect(rows.length).toBe(lsoas.size);
    // No suppressed numerator in N4's LSOAs, so N4's value is a plain proportion.
    const usable = rows.filter((r) => r.numerator !== '' && r.denominator !== '');
    const x = usable.reduce((s, r) => s + Number(r.numerator), 0);
    const n = usable.reduce((s, r) => s + Number(r.denominator), 0);
    const ind = indicator('imd19_income_rate');
    expect(ind.period).toBe('2019');
    expect(ind.numerator).toBe(x);
    expect(ind.denominator).toBe(n);
    const at95 = wilsonByHand(x, n, Z95_DOC);
    const at998 = wilsonByHand(x, n, Z998_DOC);
    expectClose(ind.value, at95.value, 1e-9);
    expectClose(ind.ci95?.lower, at95.lower);
    expectClose(ind.ci95?.upper, at95.upper);
    expectClose(ind.ci998?.lower, at998.lower);
    expectClose(ind.ci998?.upper, at998.upper);
    expect(ind.coverage).toEqual({ wards: 4, of: 4 });
    // England: every LSOA's denominator is kept; the 31 suppressed numerators (under 10) count as 0 to 9.
    // DERIVED England numerator 7,013,715 (blanks left out) over the full File 6 population 54,728,204.
    const lower = (7_013_715 / 54_728_204) * 100;
    const upper = ((7_013_715 + (32_844 - 32_813) * 9) / 54_728_204) * 100;
    expect(ind.benchmarks.england.range!.lower).toBeCloseTo(lower, 9);
    expect(ind.benchmarks.england.range!.upper).toBeCloseTo(upper, 9);
    expect(ind.benchmarks.england.value).toBeCloseTo((lower + upper) / 2, 4);
    expect(['worse', 'worst']).toContain(ind.benchmarks.england.comparison);
  });
});

SOURCES.reportSkip('N4 profile against the source files');
