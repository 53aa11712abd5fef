/** The Fingertips download and wide (one column per indicator) layouts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importMapping } from '../../shared/contract/data.ts';
import { detectFormat } from '../../backend/data/formats.ts';
import { fixture, freshBackend, importFile, importText, values } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

describe('Fingertips downloads', () => {
  it('keeps England and both councils, leaves out other areas and inequality breakdowns (saying so), and stores sex breakdowns', async () => {
    const r = await importFile(env.backend, fixture('fingertips-northants.csv'), {}, { acceptWarnings: false });
    expect(r.status).toBe('failed'); // warnings first need accepting
    const warnings = r.preview.report.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    expect(warnings).toHaveLength(3);
    expect(warnings).toContain('1 row for areas outside West and North Northamptonshire were left out (row 6)');
    expect(warnings).toContain('1 row of inequality breakdowns (a "Category Type" such as deprivation deciles or ethnic groups) were left out: LAP Insight stores whole-area values only');
    expect(warnings).toContain('1 value is suppressed or blank: stored as missing, not zero (row 5)');
    const info = r.preview.report.issues.filter((i) => i.severity === 'info').map((i) => i.message);
    expect(info).toContain('1 row repeated an area under a second area type with the same numbers; each was stored once');
    expect(info).toContain("1 indicator ('fingertips-90999') was read as a rate per 100,000 (the values are count ÷ denominator × 100,000); if that is wrong, give the value type in a mapping");

    const ok = await importFile(env.backend, fixture('fingertips-northants.csv'));
    expect(ok.status).toBe('imported');
    expect(ok.preview.counts).toMatchObject({ rowsRead: 7, rowsLeftOut: 2, rowsMissing: 1, valuesToWrite: 4 });
    const v = values(env.backend.db, 'fingertips-90999').map((x) => [x.area_code, x.sex, x.numerator, x.denominator, x.value, x.ci95_lower, x.ci95_upper, x.note]);
    expect(v).toEqual([
      ['E06000061', 'Persons', null, null, null, null, null, 'Value suppressed for disclosure control'],
      ['E06000062', 'Male', 850, 207317, 410, 385, 436, null],
      ['E06000062', 'Persons', 1703, 425750, 400, 381.6, 419.1, null],
      ['E92000001', 'Persons', 254000, 56444000, 450, 449, 451, null],
    ]);
    const ind = (await env.backend.handlers['indicators.list']({ query: '90999' }))[0]!;
    expect(ind).toMatchObject({ id: 'fingertips-90999', name: 'Synthetic admissions rate (test data)', valueType: 'crude-rate', multiplier: 100000, wardLevel: false, licence: 'Open Government Licence v3.0' });
    const ds = (await env.backend.handlers['datasets.list']({})).find((d) => d.id === ok.datasetId)!;
    expect(ds).toMatchObject({ format: 'fingertips', publisher: 'Office for Health Improvement and Disparities (OHID)', rowsRead: 7, rowsWritten: 4, rowsRejected: 2, period: '2021/22' });
  });

  it('matches the Fingertips columns by their exact names, whatever their order, and tolerates missing optional ones', async () => {
    const text = '"Area Code","Time period","Value","Indicator ID","Indicator Name","Count","Denominator"\nE06000062,2022,12.5,41001,Synthetic percentage (test data),25,200\n';
    const r = await importText(env.backend, 'minimal.csv', text);
    expect([r.status, r.preview.format]).toEqual(['imported', 'fingertips']);
    expect(values(env.backend.db, 'fingertips-41001').map((x) => [x.area_code, x.numerator, x.denominator, x.value])).toEqual([['E06000062', 25, 200, 12.5]]);
    expect(r.preview.indicators[0]).toMatchObject({ id: 'fingertips-41001', valueType: 'proportion', multiplier: 100, isNew: true });
  });

  it('a ward code under one of our councils that we do not know is an error, not left out', async () => {
    const text = '"Indicator ID","Indicator Name","Parent Code","Area Code","Area Type","Time period","Value"\n1,X (test data),E06000062,E05099999,Ward,2022,5\n';
    const r = await importText(env.backend, 'ward.csv', text);
    expect(r.status).toBe('failed');
    expect(r.preview.report.issues[0]!.message).toMatch(/^area code E05099999 is not a ward we know/);
  });

  it('pre-2021 Northamptonshire districts get a specific explanation', async () => {
    const text = '"Indicator ID","Indicator Name","Parent Code","Area Code","Area Type","Time period","Value"\n1,X (test data),E10000021,E07000150,District,2019,5\n';
    const r = await importText(env.backend, 'old.csv', text);
    expect(r.preview.report.issues.map((i) => i.message)).toContain(
      "1 row for areas of the former Northamptonshire county and districts (before April 2021) were left out (row 2): they cannot be placed in today's wards and councils",
    );
  });
});

describe('wide files', () => {
  it('reads one column per indicator through a mapping', async () => {
    const mapping = importMapping.parse(JSON.parse(readFileSync(fixture('wide-map.json'), 'utf8')));
    const r = await importFile(env.backend, fixture('wide.csv'), { mapping });
    expect(r.status).toBe('imported');
    expect(r.preview.format).toBe('wide');
    expect(r.preview.columns).toEqual([
      { column: 'Ward code', role: 'area code' },
      { column: 'Ward name', role: 'area name' },
      { column: 'Smokers', role: 'indicator synthetic_wide_smokers (2023), numerator' },
      { column: 'Adults', role: "denominator of 'Smokers'" },
      { column: 'Green space score', role: 'indicator synthetic_wide_green (2022)' },
    ]);
    expect(values(env.backend.db, 'synthetic_wide_smokers').map((x) => [x.area_code, x.period, x.numerator, x.denominator, x.value])).toEqual([
      ['E05013239', '2023', null, 700, null],
      ['E05013246', '2023', 120, 1000, 12],
      ['E05013264', '2023', 95, 800, 11.875],
    ]);
    expect(values(env.backend.db, 'synthetic_wide_green').map((x) => [x.area_code, x.period, x.value])).toEqual([
      ['E05013239', '2022', 2.2],
      ['E05013246', '2022', 3.5],
      ['E05013264', '2022', 4.1],
    ]);
    const inds = await env.backend.handlers['indicators.list']({ query: 'synthetic_wide' });
    expect(inds.map((i) => [i.id, i.valueType, i.unit, i.polarity, i.ambition])).toEqual([
      ['synthetic_wide_green', 'mean-score', 'score', 'high-is-good', 'housing'],
      ['synthetic_wide_smokers', 'proportion', '% of adults', 'low-is-good', 'fit-well'],
    ]);
    const ds = (await env.backend.handlers['datasets.list']({})).find((d) => d.id === r.datasetId)!;
    expect([ds.name, ds.publisher, ds.licence]).toEqual(['Synthetic wide test file', 'LAP Insight tests', 'Test data (synthetic)']);
  });

  it('without a mapping, says what is needed', async () => {
    const r = await importFile(env.backend, fixture('wide.csv'));
    expect(r.preview.format).toBe('wide');
    expect(r.status).toBe('failed');
    expect(r.preview.report.issues[0]!.message).toMatch(/^row 1: a wide file needs a period for its indicator columns/);
  });

  it('a mapping naming a missing column is an error', async () => {
    const r = await importFile(env.backend, fixture('wide.csv'), { mapping: { areaCodeColumn: 'Ward code', period: '2023', columns: { Smokers: { denominatorColumn: 'Residents' } } } });
    expect(r.preview.report.issues.map((i) => i.message)).toEqual(["row 1: the mapping gives 'Residents' as the denominator of 'Smokers', and this file has no such column"]);
  });

  it('format detection', () => {
    expect(detectFormat(['Indicator ID', 'Area Code', 'Value'], undefined)).toBe('fingertips');
    expect(detectFormat(['Area_Code', 'Indicator_ID', 'Period', 'Value'], undefined)).toBe('tidy');
    expect(detectFormat(['LSOA21CD', 'Smokers'], undefined)).toBe('wide');
    expect(detectFormat(['x', 'y'], { areaCodeColumn: 'x' })).toBe('wide');
    expect(detectFormat(['x', 'y'], undefined)).toBeNull();
  });
});
