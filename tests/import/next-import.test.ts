/**
 * Issue 15, item 8 ("help the next import"): long files read as tidy, negative counts refused whatever the value
 * type, polarity and ambition asked for and stored, ward coverage, and the partial import (good rows written in one
 * transaction, rows with errors skipped and listed). Numbers are synthetic (labelled so); ward and LSOA codes are
 * the real ones of the bundled geography, read from the database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../backend/cli/main.ts';
import { openDatabase } from '../../backend/db.ts';
import { skippedRowsCsv } from '../../shared/import-skipped.ts';
import { tempDir } from '../helpers/tmp.ts';
import { checksum, freshBackend, importText, STORE_TABLES, values } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => (env = freshBackend()));
afterEach(() => env.cleanup());

const wards = () => (env.backend.db.prepare("SELECT code, parent_code AS lad FROM area WHERE type = 'ward' ORDER BY code").all() as { code: string; lad: string }[]);
const WEST = 'E06000062';

describe('a long file (ward code, indicator, value) is tidy, not wide', () => {
  it('reads ward_code / indicator / period / value as tidy and stores each row', async () => {
    const [a, b] = wards();
    const text = `ward_code,ward_name,indicator,period,value\n${a!.code},A,synthetic_long,2023,12\n${b!.code},B,synthetic_long,2023,30\n${a!.code},A,synthetic_other,2023,5\n`;
    const r = await importText(env.backend, 'long-synthetic.csv', text);
    expect(r.preview.format).toBe('tidy');
    expect(r.status).toBe('imported');
    expect(r.preview.columns.map((c) => c.role)).toEqual(['area code', 'area name', 'indicator id', 'period', 'value']);
    expect(values(env.backend.db, 'synthetic_long').map((v) => [v.area_code, v.period, v.value])).toEqual([
      [a!.code, '2023', 12],
      [b!.code, '2023', 30],
    ]);
  });

  it('WD24CD / Indicator / Value without a period column: asks for the period, then takes the one given', async () => {
    const [a] = wards();
    const text = `WD24CD,Indicator,Value\n${a!.code},synthetic_noperiod,7\n`;
    const refused = await importText(env.backend, 'long-noperiod-synthetic.csv', text);
    expect(refused.preview.format).toBe('tidy');
    expect(refused.status).toBe('failed');
    expect(refused.preview.report.issues[0]!.message).toBe(
      "row 1: the tidy layout needs a column 'period', and this file has none: add one, or give the period of every row (command line: --period 2023)",
    );
    const ok = await importText(env.backend, 'long-noperiod-synthetic.csv', text, { mapping: { period: '2024/25' } });
    expect(ok.status).toBe('imported');
    expect(values(env.backend.db, 'synthetic_noperiod').map((v) => [v.area_code, v.period, v.value])).toEqual([[a!.code, '2024/25', 7]]);
  });

  it('a wide file (an area code and one column per indicator) stays wide', async () => {
    const [a] = wards();
    const r = await importText(env.backend, 'wide-synthetic.csv', `WD24CD,Smokers,Walkers\n${a!.code},1,2\n`, { mapping: { period: '2023' } });
    expect(r.preview.format).toBe('wide');
  });
});

describe('a negative count is refused whatever the value type', () => {
  for (const unit of ['count', '%', 'per 1,000', 'score', 'rank', '']) {
    it(`numerator below zero, unit '${unit || '(none)'}'`, async () => {
      const [a] = wards();
      const before = checksum(env.backend.db, STORE_TABLES);
      const r = await importText(env.backend, 'neg-synthetic.csv', `area_code,indicator_id,period,numerator,denominator,value,unit\n${a!.code},synthetic_neg,2023,-3,100,5,"${unit}"\n`);
      expect(r.status).toBe('failed');
      expect(r.preview.report.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual(['row 2: numerator -3 is negative (a count cannot be below zero)']);
      expect(checksum(env.backend.db, STORE_TABLES)).toBe(before);
    });
  }

  it('a negative denominator, and a negative value of a count', async () => {
    const [a, b] = wards();
    const r = await importText(
      env.backend,
      'neg2-synthetic.csv',
      `area_code,indicator_id,period,numerator,denominator,value,unit\n${a!.code},synthetic_neg_den,2023,3,-100,,score\n${b!.code},synthetic_neg_count,2023,,,-4,count\n`,
    );
    expect(r.preview.report.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'row 2: denominator -100 is negative (a count cannot be below zero)',
      'row 3: count -4 is negative (a count cannot be below zero)',
    ]);
  });

  it('a negative value that is not a count (a score) is kept', async () => {
    const [a] = wards();
    const r = await importText(env.backend, 'negscore-synthetic.csv', `area_code,indicator_id,period,value,unit\n${a!.code},synthetic_change,2023,-1.5,score\n`);
    expect(r.status).toBe('imported');
    expect(values(env.backend.db, 'synthetic_change')[0]!.value).toBe(-1.5);
  });
});

describe('polarity and ambition: asked for when the file does not say, and stored', () => {
  const text = () => {
    const [a] = wards();
    return `area_code,indicator_id,indicator_name,period,value,unit\n${a!.code},synthetic_pa,Synthetic PA (test data),2023,4,score\n`;
  };
  const stored = (id: string) => env.backend.db.prepare('SELECT polarity, ambition FROM indicator WHERE id = ?').get(id) as { polarity: string; ambition: string };

  it('without answers: defaults, flagged as not given, with a note', async () => {
    const r = await importText(env.backend, 'pa-synthetic.csv', text());
    const plan = r.preview.indicators[0]!;
    expect([plan.polarity, plan.ambition, plan.polarityGiven, plan.ambitionGiven]).toEqual(['no-judgement', 'context', false, false]);
    expect(r.preview.report.issues.some((i) => i.severity === 'info' && /does not say whether a higher value is better or worse/.test(i.message))).toBe(true);
    expect(stored('synthetic_pa')).toEqual({ polarity: 'no-judgement', ambition: 'context' });
  });

  it('answers for the whole file (mapping polarity / ambition) are stored; per-indicator answers win', async () => {
    const [a] = wards();
    const two = `${text()}${a!.code},synthetic_pb,Synthetic PB (test data),2023,5,score\n`;
    const r = await importText(env.backend, 'pa2-synthetic.csv', two, { mapping: { polarity: 'low-is-good', ambition: 'fit-well', indicators: { synthetic_pb: { polarity: 'high-is-good' } } } });
    expect(r.status).toBe('imported');
    expect(r.preview.indicators.map((p) => [p.id, p.polarity, p.ambition, p.polarityGiven, p.ambitionGiven])).toEqual([
      ['synthetic_pa', 'low-is-good', 'fit-well', true, true],
      ['synthetic_pb', 'high-is-good', 'fit-well', true, true],
    ]);
    expect(stored('synthetic_pa')).toEqual({ polarity: 'low-is-good', ambition: 'fit-well' });
    expect(stored('synthetic_pb')).toEqual({ polarity: 'high-is-good', ambition: 'fit-well' });
  });
});

describe('polarity and ambition given in the file (tidy columns)', () => {
  it('reads ids or plain words, stores them, and asks nothing', async () => {
    const [a, b] = wards();
    const text = [
      'area_code,indicator_id,period,value,unit,polarity,ambition',
      `${a!.code},synthetic_file_pa,2023,4,score,Lower is better,3`,
      `${b!.code},synthetic_file_pa,2023,5,score,,`,
      `${a!.code},synthetic_file_pb,2023,6,score,high-is-good,best-start`,
      '',
    ].join('\n');
    const r = await importText(env.backend, 'file-pa-synthetic.csv', text, { mapping: { polarity: 'no-judgement', ambition: 'context' } });
    expect(r.status).toBe('imported');
    expect(r.preview.indicators.map((p) => [p.id, p.polarity, p.ambition, p.polarityGiven, p.ambitionGiven])).toEqual([
      ['synthetic_file_pa', 'low-is-good', 'fit-well', true, true],
      ['synthetic_file_pb', 'high-is-good', 'best-start', true, true],
    ]);
    const stored = env.backend.db.prepare("SELECT id, polarity, ambition FROM indicator WHERE id LIKE 'synthetic_file_p%' ORDER BY id").all();
    expect(stored).toEqual([
      { id: 'synthetic_file_pa', polarity: 'low-is-good', ambition: 'fit-well' },
      { id: 'synthetic_file_pb', polarity: 'high-is-good', ambition: 'best-start' },
    ]);
  });

  it('an unrecognised polarity or ambition is an error on its row', async () => {
    const [a] = wards();
    const r = await importText(env.backend, 'file-bad-pa-synthetic.csv', `area_code,indicator_id,period,value,polarity,ambition\n${a!.code},synthetic_bad_pa,2023,4,upwards,12\n`);
    expect(r.status).toBe('failed');
    expect(r.preview.report.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.message])).toEqual([
      [2, 'polarity', "row 2, column 'polarity': 'upwards' is not one of high-is-good, low-is-good, no-judgement"],
      [2, 'ambition', "row 2, column 'ambition': '12' is not an ambition (give its number, 0 to 10, or its id, such as fit-well)"],
    ]);
  });
});

describe('ward coverage: "values for N of 57 wards"', () => {
  it('says how many wards have values, and names the council when exactly one is covered', async () => {
    const all = wards();
    expect(all).toHaveLength(57);
    const west = all.filter((w) => w.lad === WEST);
    expect(west).toHaveLength(31);
    const lines = ['area_code,indicator_id,period,value,unit'];
    for (const w of all.slice(0, 12)) lines.push(`${w.code},synthetic_twelve,2023,1,score`);
    for (const w of west) lines.push(`${w.code},synthetic_west,2023,1,score`);
    for (const w of all) lines.push(`${w.code},synthetic_all,2023,1,score`);
    const r = await importText(env.backend, 'coverage-synthetic.csv', `${lines.join('\n')}\n`);
    const byItem = Object.fromEntries(r.preview.wardCoverage.map((c) => [c.items.join(' '), c]));
    expect(Object.keys(byItem).sort()).toEqual(["'synthetic_twelve' (2023)", "'synthetic_west' (2023)"]);
    expect(byItem["'synthetic_twelve' (2023)"]!.message).toBe(
      "values for 12 of 57 wards for 'synthetic_twelve' (2023): the other 45 wards will show no value, and neither will a LAP that includes any of them",
    );
    expect(byItem["'synthetic_west' (2023)"]!.message).toBe(
      "values for 31 of 57 wards: all 31 wards of West Northamptonshire, none of North Northamptonshire for 'synthetic_west' (2023): the other 26 wards will show no value, and neither will a LAP that includes any of them",
    );
    // A heads-up, not a warning to accept: the file imports as it is.
    expect(r.status).toBe('imported');
  });
});

describe('import the good rows and skip the bad ones', () => {
  const file = () => {
    const [a, b, c, d] = wards();
    return [
      'area_code,indicator_id,indicator_name,period,numerator,denominator,unit',
      `${a!.code},synthetic_partial,Synthetic partial (test data),2023,10,100,%`,
      `${b!.code},synthetic_partial,Synthetic partial (test data),2023,abc,100,%`,
      `${c!.code},synthetic_partial,Synthetic partial (test data),2023,30,300,%`,
      `E05999999,synthetic_partial,Synthetic partial (test data),2023,1,10,%`,
      `${d!.code},synthetic_partial,Synthetic partial (test data),2023,50,40,%`,
      '',
    ].join('\n');
  };

  it('by default nothing is written, and the message offers the partial import', async () => {
    const before = checksum(env.backend.db, STORE_TABLES);
    const r = await importText(env.backend, 'partial-synthetic.csv', file());
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/; or import the 2 good rows and skip the 3 rows with errors \(in the app: "Import the good rows"; command line: --skip-bad-rows\)\.$/);
    expect(r.preview.skipped).toMatchObject({ total: 3, goodRows: 2, canSkip: true });
    expect(checksum(env.backend.db, STORE_TABLES)).toBe(before);
  });

  it('with skipBadRows: writes exactly the good rows, lists the skipped ones with their fields, keeps a note', async () => {
    const [a, b, c, d] = wards();
    const r = await importText(env.backend, 'partial-synthetic.csv', file(), {}, { skipBadRows: true });
    expect(r.status).toBe('imported');
    expect(r.rowsSkipped).toBe(3);
    expect(r.message).toMatch(/: 2 values from 5 rows; 3 rows with errors were skipped \(rows 3, 5 and 6\)\.$/);
    // The good rows, with their percentages worked out by hand: 10 / 100 × 100 and 30 / 300 × 100.
    expect(values(env.backend.db, 'synthetic_partial').map((v) => [v.area_code, v.numerator, v.denominator, v.value])).toEqual(
      [
        [a!.code, 10, 100, 10],
        [c!.code, 30, 300, 10],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(r.preview.skipped.rows.map((s) => [s.row, s.reason])).toEqual([
      [3, "row 3, column 'numerator': 'abc' is not a number"],
      [5, 'area code E05999999 is not a ward we know (LAP Insight has the 57 wards of West and North Northamptonshire, 2021 boundaries)'],
      [6, 'row 6: numerator 50 is greater than denominator 40'],
    ]);
    expect(r.preview.skipped.rows[0]!.fields).toEqual([b!.code, 'synthetic_partial', 'Synthetic partial (test data)', '2023', 'abc', '100', '%']);
    expect(r.preview.skipped.rows[2]!.fields[0]).toBe(d!.code);
    const ds = env.backend.db.prepare('SELECT rows_read, rows_written, rows_rejected, warnings FROM dataset WHERE id = ?').get(r.datasetId) as {
      rows_read: number;
      rows_written: number;
      rows_rejected: number;
      warnings: string;
    };
    expect([ds.rows_read, ds.rows_written, ds.rows_rejected]).toEqual([5, 2, 3]);
    expect(JSON.parse(ds.warnings)).toContain("3 rows with errors were skipped (rows 3, 5 and 6), e.g. row 3, column 'numerator': 'abc' is not a number");
    // The skipped rows as a CSV to fix and import again: row, problem, then the file's own columns.
    expect(skippedRowsCsv(r.preview).split('\r\n').slice(0, 2)).toEqual([
      'row,problem,area_code,indicator_id,indicator_name,period,numerator,denominator,unit',
      `3,"row 3, column 'numerator': 'abc' is not a number",${b!.code},synthetic_partial,Synthetic partial (test data),2023,abc,100,%`,
    ]);
  });

  it('a file-level problem (a missing column) cannot be skipped', async () => {
    const r = await importText(env.backend, 'nocol-synthetic.csv', 'area_code,period,value\nE05013246,2023,1\n', {}, { skipBadRows: true });
    expect(r.status).toBe('failed');
    expect(r.preview.skipped.canSkip).toBe(false);
  });

  it('a wide row with one bad cell is skipped whole (no half-written rows)', async () => {
    const [a, b] = wards();
    const text = `WD24CD,Smokers,Walkers\n${a!.code},1,2\n${b!.code},3,oops\n`;
    const r = await importText(env.backend, 'wide-partial-synthetic.csv', text, { mapping: { period: '2023' } }, { skipBadRows: true });
    expect(r.status).toBe('imported');
    expect(values(env.backend.db, 'smokers').map((v) => v.area_code)).toEqual([a!.code]);
    expect(values(env.backend.db, 'walkers').map((v) => v.area_code)).toEqual([a!.code]);
  });

  it('a skipped LSOA row leaves its ward missing, never a sum of the other LSOAs', async () => {
    const db = env.backend.db;
    // A ward made of several LSOAs 2021 (best fit), from the bundled lookup.
    const ward = (db.prepare("SELECT ward_code AS w, COUNT(*) AS n FROM area_lookup WHERE geography = 'lsoa21' AND weight > 0 GROUP BY ward_code HAVING n >= 3 ORDER BY ward_code LIMIT 1").get() as { w: string }).w;
    const lsoas = (db.prepare("SELECT small_code AS c FROM area_lookup WHERE geography = 'lsoa21' AND ward_code = ? AND weight > 0 ORDER BY small_code").all(ward) as { c: string }[]).map((x) => x.c);
    const lines = ['area_code,indicator_id,period,numerator,denominator,unit'];
    lsoas.forEach((c, i) => lines.push(`${c},synthetic_lsoa_partial,2023,${i === 0 ? 'bad' : 10},100,%`));
    const r = await importText(env.backend, 'lsoa-partial-synthetic.csv', `${lines.join('\n')}\n`, {}, { skipBadRows: true });
    expect(r.status).toBe('imported');
    const w = values(db, 'synthetic_lsoa_partial').find((v) => v.area_code === ward)!;
    expect([w.numerator, w.value]).toEqual([null, null]);
    expect(w.note).toMatch(/^incomplete: 1 of \d+ LSOA 2021s missing or suppressed/);
  });
});

describe('lap-insight import: --skip-bad-rows, --skipped-csv, --polarity, --ambition', () => {
  it('imports the good rows and writes the skipped rows to a CSV; answers are stored', async () => {
    const t = tempDir('lap-cli-next-');
    try {
      const dbPath = path.join(t.dir, 'cli.db');
      const file = path.join(t.dir, 'cli-partial-synthetic.csv');
      const out = path.join(t.dir, 'skipped.csv');
      const [a, b] = wards();
      const { writeFileSync } = await import('node:fs');
      writeFileSync(file, `area_code,indicator_id,period,value,unit\n${a!.code},synthetic_cli,2023,4,score\n${b!.code},synthetic_cli,2023,x1,score\n`);
      const io = { out: [] as string[], err: [] as string[] };
      const run1 = (args: string[]) => run(args, { out: (s) => io.out.push(s), err: (s) => io.err.push(s) });
      expect(await run1(['import', file, '--db', dbPath])).toBe(1);
      expect(io.err.join('\n')).toMatch(/or import the 1 good row and skip the 1 row with errors/);
      expect(await run1(['import', file, '--db', dbPath, '--skip-bad-rows', '--skipped-csv', out, '--polarity', 'high-is-good', '--ambition', 'fit-well'])).toBe(0);
      expect(io.out.join('\n')).toMatch(/skipped row 3: row 3, column 'value': 'x1' is not a number/);
      expect(readFileSync(out, 'utf8')).toBe(`row,problem,area_code,indicator_id,period,value,unit\r\n3,"row 3, column 'value': 'x1' is not a number",${b!.code},synthetic_cli,2023,x1,score\r\n`);
      const conn = openDatabase(dbPath);
      expect(conn.prepare("SELECT polarity, ambition FROM indicator WHERE id = 'synthetic_cli'").get()).toEqual({ polarity: 'high-is-good', ambition: 'fit-well' });
      conn.close();
      expect(await run1(['import', file, '--db', dbPath, '--polarity', 'upwards'])).toBe(1);
      expect(io.err.join('\n')).toMatch(/--polarity must be one of high-is-good, low-is-good, no-judgement \(not 'upwards'\)/);
    } finally {
      t.cleanup();
    }
  });
});
