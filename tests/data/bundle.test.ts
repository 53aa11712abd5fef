/**
 * Checks the committed bundled dataset (assets/dataset/bundle.json) against the source data in
 * ../shared/data, computed here independently of scripts/data-build. Tests that need the source data
 * are skipped, with a message, when ../shared/data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_COLUMNS, BUNDLE_FORMAT, type Bundle, type BundleRow } from '../../shared/indicators-meta.ts';
import { AMBITION_IDS } from '../../shared/ambitions.ts';
import { need } from '../helpers/data.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const docsDir = path.resolve(repoRoot, '../shared/docs');
const data = need(path.join(dataDir, 'indicators'), 'the source data of the bundled dataset');
const hasData = data.present;

const WEST = 'E06000062';
const NORTH = 'E06000061';
const CASTLE = 'E05013246';
const OUNDLE = 'E05013231';

const bundle = JSON.parse(readFileSync(path.join(repoRoot, 'assets/dataset/bundle.json'), 'utf8')) as Bundle;

function rowOf(indicatorId: string, areaCode: string, period?: string): BundleRow {
  const found = bundle.rows.filter((r) => r[0] === indicatorId && r[1] === areaCode && (period === undefined || r[3] === period));
  expect(found, `${indicatorId} ${areaCode}`).toHaveLength(1);
  return found[0]!;
}

// --- A deliberately separate, minimal CSV reader (not the build's), for independent checks ---------
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const recordCache = new Map<string, Record<string, string>[]>();
function readRecords(file: string): Record<string, string>[] {
  const cached = recordCache.get(file);
  if (cached) return cached;
  const records = readRecordsUncached(file);
  recordCache.set(file, records);
  return records;
}

function readRecordsUncached(file: string): Record<string, string>[] {
  const lines = readFileSync(path.join(dataDir, 'indicators', file), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitLine(lines[0]!);
  return lines.slice(1).map((l) => {
    const cells = splitLine(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

describe('bundle structure', () => {
  const indicatorIds = new Set(bundle.indicators.map((i) => i.id));
  const byId = new Map(bundle.indicators.map((i) => [i.id, i]));
  let wardCodes: Set<string>;

  beforeAll(() => {
    // The 57 ward codes as listed in docs/geography.md (falls back to the bundle's own lookups if absent).
    const doc = path.join(docsDir, 'geography.md');
    const text = existsSync(doc)
      ? readFileSync(doc, 'utf8').split('## The 57 wards')[1] ?? ''
      : readFileSync(path.join(repoRoot, 'assets/lookups/lsoa21_ward.csv'), 'utf8');
    wardCodes = new Set(text.match(/E0501\d{4}/g)!.filter((c) => c >= 'E05013213' && c <= 'E05013269'));
    expect(wardCodes.size).toBe(57);
  });

  it('has the expected format, columns and unique ids', () => {
    expect(bundle.format).toBe(BUNDLE_FORMAT);
    expect(bundle.columns).toEqual([...BUNDLE_COLUMNS]);
    expect(indicatorIds.size).toBe(bundle.indicators.length);
    expect(new Set(bundle.datasets.map((d) => d.id)).size).toBe(bundle.datasets.length);
    expect(bundle.notes.join(' ')).toMatch(/E01027305/);
  });

  it('every indicator has valid metadata and a known dataset', () => {
    const datasets = new Set(bundle.datasets.map((d) => d.id));
    for (const m of bundle.indicators) {
      expect(datasets.has(m.datasetId), m.id).toBe(true);
      expect(AMBITION_IDS, m.id).toContain(m.ambition);
      expect(['high-is-good', 'low-is-good', 'no-judgement'], m.id).toContain(m.polarity);
      expect(['count', 'proportion', 'crude-rate', 'isr', 'dsr', 'life-expectancy', 'mean-score', 'rank', 'other'], m.id).toContain(m.valueType);
      expect(m.disclosureControlled, m.id).toBe(false);
      if (m.valueType === 'proportion') expect(m.multiplier, m.id).toBe(100);
      if (m.catalogueId !== undefined) expect(m.catalogueId, m.id).toMatch(/^[A-Z]{2}\d{2}$/);
    }
    for (const d of bundle.datasets) expect(d.licence).toBe('Open Government Licence v3.0');
  });

  it('every row refers to an indicator, a valid area and a consistent value', () => {
    const seen = new Set<string>();
    for (const r of bundle.rows) {
      // A 10th element (numeratorUpper) only where the source suppressed small counts.
      expect([BUNDLE_COLUMNS.length, BUNDLE_COLUMNS.length + 1]).toContain(r.length);
      const [id, area, type, period, num, den, value, estimate] = r;
      const upper = r[9];
      const m = byId.get(id);
      expect(m, id).toBeDefined();
      const key = `${id}|${area}|${period}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      if (type === 'ward') {
        expect(wardCodes.has(area), `${id} ${area}`).toBe(true);
        expect(m!.wardLevel, id).toBe(true);
        expect(estimate, `${id} ${area}`).toBe(true);
      } else if (type === 'lad') expect([WEST, NORTH]).toContain(area);
      else if (type === 'england') expect(area).toBe('E92000001');
      else expect([type, area]).toEqual(['england_and_wales', 'K04000001']);
      if (m!.valueType === 'proportion' && num !== null && den !== null) expect(num, key).toBeLessThanOrEqual(den);
      if (m!.valueType === 'count') expect(value, key).toBe(num);
      else if (upper !== undefined) {
        // A suppressed range: the value is the midpoint of the two ends.
        expect(upper, key).toBeGreaterThan(num!);
        expect(value!, key).toBeCloseTo(((num! + upper) / 2 / den!) * m!.multiplier, 3);
      } else if (num !== null && den !== null && den > 0) expect(value!, key).toBeCloseTo((num / den) * m!.multiplier, 3);
    }
    // Every indicator has rows, and every ward-level indicator has all 57 wards in each period.
    const byIndicator = new Map<string, BundleRow[]>();
    for (const r of bundle.rows) byIndicator.set(r[0], [...(byIndicator.get(r[0]) ?? []), r]);
    for (const m of bundle.indicators) {
      const rows = byIndicator.get(m.id) ?? [];
      expect(rows.length, m.id).toBeGreaterThan(0);
      if (m.wardLevel) for (const p of new Set(rows.map((r) => r[3]))) expect(rows.filter((r) => r[3] === p && r[2] === 'ward'), `${m.id} ${p}`).toHaveLength(57);
    }
  });

  it('never labels England and Wales as England', () => {
    for (const r of bundle.rows) if (r[1] === 'K04000001') expect(r[2]).toBe('england_and_wales');
  });

  it('West and North Census 2021 populations are the small-area sums (West includes E01027305)', () => {
    expect(rowOf('census21_usual_residents', WEST)[6]).toBe(425728);
    expect(rowOf('census21_usual_residents', NORTH)[6]).toBe(359519);
  });
});

data.reportSkip('bundle values against the source CSVs (independent computation)');
describe.skipIf(!hasData)('bundle values against the source CSVs (independent computation)', () => {
  let lsoa21Ward: Map<string, string>;
  let lsoa11Ward: Map<string, string>;
  let oaLsoa: Map<string, string>;
  let census: Record<string, string>[];

  beforeAll(() => {
    lsoa21Ward = new Map(readRecords('lookup_lsoa21_to_ward2024_northants.csv').map((r) => [r.lsoa21_code!, r.ward_code!]));
    lsoa11Ward = new Map(readRecords('lookup_lsoa11_to_ward2024_northants_DERIVED.csv').map((r) => [r.lsoa11_code!, r.ward_code!]));
    oaLsoa = new Map(readRecords('lookup_oa21_to_lsoa21_northants.csv').map((r) => [r.oa21_code!, r.lsoa21_code!]));
    census = readRecords('census2021_lsoa21__humaniverse_demographr.csv');
  });

  /** Sum of numerators and denominators of some indicators over the small areas of one ward. */
  function wardSum(records: Record<string, string>[], ids: string[], inWard: (code: string) => boolean): { num: number; den: number } {
    let num = 0;
    let den = 0;
    const dens = new Map<string, number>();
    for (const r of records) {
      if (!ids.includes(r.indicator_id!) || !inWard(r.area_code!)) continue;
      num += Number(r.numerator || r.value);
      if (r.denominator) dens.set(r.area_code!, Number(r.denominator));
    }
    for (const d of dens.values()) den += d;
    return { num, den };
  }

  for (const ward of [CASTLE, OUNDLE]) {
    it(`${ward}: Census 2021 usual residents and overcrowding equal the sums of its LSOA21s`, () => {
      const inWard = (c: string) => lsoa21Ward.get(c) === ward;
      const pop = wardSum(census, ['c21_ts038_disability_total'], inWard);
      expect(rowOf('census21_usual_residents', ward)[6]).toBe(pop.num);

      const oc = wardSum(census, ['c21_ts052_occupancy_bedrooms_1_overcrowded', 'c21_ts052_occupancy_bedrooms_2_or_less_overcrowded'], inWard);
      const row = rowOf('census21_overcrowding', ward);
      expect([row[4], row[5]]).toEqual([oc.num, oc.den]);
      expect(row[6]!).toBeCloseTo((100 * oc.num) / oc.den, 3);
    });

    it(`${ward}: no central heating equals the sum of its OA21s (OA -> LSOA -> ward)`, () => {
      const oa = readRecords('census2021_oa21_counts__ONSvisual_dot-density-data.csv');
      const s = wardSum(oa, ['c21_ts046_heating_does_not_have_central_heating'], (c) => lsoa21Ward.get(oaLsoa.get(c) ?? '') === ward);
      const row = rowOf('census21_no_central_heating', ward);
      expect([row[4], row[5]]).toEqual([s.num, s.den]);
    });

    it(`${ward}: IoD2019 income rate and mid-2020 population equal the sums of its LSOA11s`, () => {
      const inWard = (c: string) => lsoa11Ward.get(c) === ward;
      const inc = wardSum(readRecords('imd2019_lsoa11_files4_8__humaniverse_IMD.csv'), ['imd19_income_domain_numerator'], inWard);
      const row = rowOf('imd19_income_rate', ward);
      expect([row[4], row[5]]).toEqual([inc.num, inc.den]);
      const mye = wardSum(readRecords('mye2020_sya_lsoa11__humaniverse_demographr.csv'), ['mye2020_all_ages'], inWard);
      expect(rowOf('mye2020_population', ward)[6]).toBe(mye.num);
    });
  }

  it('E01027305 is in no ward but in the West total', () => {
    const e = census.find((r) => r.indicator_id === 'c21_ts038_disability_total' && r.area_code === 'E01027305')!;
    const westWards = new Set(readRecords('wards_northants.csv').filter((r) => r.lad24_code === WEST).map((r) => r.ward_code!));
    const wardSumWest = bundle.rows.filter((r) => r[0] === 'census21_usual_residents' && r[2] === 'ward' && westWards.has(r[1])).reduce((a, r) => a + (r[6] ?? 0), 0);
    expect(wardSumWest + Number(e.numerator)).toBe(425728);
  });

  it('a fresh build gives the committed files byte for byte (deterministic, and the output is up to date)', async () => {
    const { buildAll } = await import('../../scripts/data-build/build.ts');
    const a = buildAll(dataDir);
    for (const [rel, text] of a.files) {
      const committed = readFileSync(path.join(repoRoot, rel), 'utf8');
      expect(text === committed, `${rel} differs from a fresh build: run npm run data:build`).toBe(true);
    }
    // Deterministic: the committed files came from an earlier build (another process, another day), so a fresh
    // build equal to them byte for byte is two builds agreeing; a second build here would only repeat that.
    expect(Buffer.byteLength(a.files.get('assets/dataset/bundle.json')!)).toBeLessThan(3_000_000);
  }, 180_000);
});
