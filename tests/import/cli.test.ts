/** lap-insight import / indicators / datasets. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.ts';
import { openDatabase } from '../../backend/db.ts';
import { tempDir } from '../helpers/tmp.ts';
import { checksum, fixture, STORE_TABLES } from './helpers.ts';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('lap-cli-')));
afterAll(() => cleanup());

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lap-insight import', () => {
  it('imports a fixture (exit 0) and lists it', async () => {
    const db = path.join(dir, 'ok.db');
    const r = await cli(['import', fixture('tidy-wards.csv'), '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^tidy-wards\.csv: imported as dataset (\d+): 7 values from 7 rows\.$/m);
    const list = await cli(['datasets', '--json', '--db', db]);
    const datasets = JSON.parse(list.out) as { id: number; kind: string; fileName: string; licence: string; valueCount: number }[];
    const mine = datasets.filter((d) => d.kind === 'user');
    expect(mine.map((d) => [d.fileName, d.valueCount])).toEqual([['tidy-wards.csv', 7]]);
    expect(datasets.filter((d) => d.kind === 'bundled').every((d) => d.licence === 'Open Government Licence v3.0')).toBe(true);
    const table = await cli(['datasets', '--db', db]);
    expect(table.out.split('\n')[0]).toMatch(/^ID\s+KIND\s+IMPORTED\s+VALUES\s+LICENCE\s+NAME$/);
    expect(table.out).toMatch(new RegExp(`^${mine[0]!.id}\\s+user\\s+\\d{4}-\\d\\d-\\d\\d\\s+7\\s+Not stated \\(imported by the user\\)\\s+tidy-wards\\.csv$`, 'm'));
  });

  it('a bad file exits non-zero and names the file, row and column; the database is unchanged', async () => {
    const db = path.join(dir, 'bad.db');
    await cli(['datasets', '--db', db]); // create and seed
    const conn = openDatabase(db);
    const before = checksum(conn, STORE_TABLES);
    conn.close();
    const r = await cli(['import', fixture('not-a-number.csv'), '--db', db]);
    expect(r.code).toBe(1);
    // Each problem once, on stderr; the last line does not repeat it; nothing on stdout.
    expect(r.err.split('\n').filter((l) => l === "not-a-number.csv: row 3, column 'denominator': 'abc' is not a number")).toHaveLength(1);
    expect(r.err.split('\n').pop()).toBe('lap-insight: nothing was imported (not-a-number.csv): see the problems above');
    expect(r.out).toBe('');
    const after = openDatabase(db);
    expect(checksum(after, STORE_TABLES)).toBe(before);
    after.close();
  });

  it('--dry-run checks without writing; --json gives the full result; a re-import is skipped unless --replace', async () => {
    const db = path.join(dir, 'dry.db');
    const dry = await cli(['import', fixture('lsoa21-rollup.csv'), '--dry-run', '--db', db]);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^lsoa21-rollup\.csv: checked, no errors: 21 values would be written \(dry run, nothing written\)\.$/m);
    expect(JSON.parse((await cli(['datasets', '--json', '--db', db])).out).filter((d: { kind: string }) => d.kind === 'user')).toEqual([]);
    const json = await cli(['import', fixture('lsoa21-rollup.csv'), '--json', '--db', db]);
    expect(json.code).toBe(0);
    const [res] = JSON.parse(json.out) as { status: string; valuesWritten: number; preview: { counts: { valuesBuilt: number } } }[];
    expect([res!.status, res!.valuesWritten, res!.preview.counts.valuesBuilt]).toEqual(['imported', 21, 3]);
    const again = await cli(['import', fixture('lsoa21-rollup.csv'), '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^lsoa21-rollup\.csv was imported before, on \d{4}-\d\d-\d\d, as dataset \d+/m);
    expect(again.err.split('\n').pop()).toBe('lap-insight: nothing was imported (lsoa21-rollup.csv): see the problems above');
    const replace = await cli(['import', fixture('lsoa21-rollup.csv'), '--replace', '--db', db]);
    expect(replace.code).toBe(0);
  });

  it('--strict refuses warnings; several files report each; --format and --map', async () => {
    const db = path.join(dir, 'multi.db');
    const strict = await cli(['import', fixture('tidy-messy.csv'), '--strict', '--db', db]);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/^Nothing was imported from tidy-messy\.csv yet: 1 warning to accept first\. 6 values are suppressed or blank/m);
    const both = await cli(['import', fixture('tidy-messy.csv'), fixture('duplicates.csv'), '--db', db]);
    expect(both.code).toBe(1);
    expect(both.out).toMatch(/^tidy-messy\.csv: imported as dataset \d+/m);
    expect(both.err.split('\n')).toContain("duplicates.csv: rows 2 and 4 are duplicates: both give indicator 'synthetic_smokers' for area E05013246, period 2023");
    expect(both.err.split('\n').pop()).toBe('lap-insight: 1 of 2 files were not imported (duplicates.csv): see the problems above');
    const wide = await cli(['import', fixture('wide.csv'), '--format', 'wide', '--map', fixture('wide-map.json'), '--db', db]);
    expect(wide.code).toBe(0);
    const badMap = path.join(dir, 'bad-map.json');
    writeFileSync(badMap, JSON.stringify({ columns: { Smokers: { valueType: 'percentage' } } }));
    const bm = await cli(['import', fixture('wide.csv'), '--map', badMap, '--db', db]);
    expect(bm.code).toBe(1);
    expect(bm.err).toMatch(/^lap-insight: --map .*bad-map\.json: columns\.Smokers\.valueType: /);
    expect((await cli(['import', '--db', db])).err).toBe('lap-insight: import needs at least one file: lap-insight import FILE... (see lap-insight --help)');
    expect((await cli(['import', fixture('nope.csv'), '--db', db])).err).toMatch(/nope\.csv: there is no such file, or it cannot be read\.$/);
    expect((await cli(['import', fixture('wide.csv'), '--format', 'xlsx', '--db', db])).err).toBe("lap-insight: --format must be one of tidy, fingertips, wide (not 'xlsx')");
  });

  it('prints a progress line on stderr for a big file', async () => {
    const db = path.join(dir, 'big.db');
    const big = path.join(dir, 'big.csv');
    const lines = ['area_code,indicator_id,period,value,unit'];
    for (let i = 0; i < 200_000; i++) lines.push(`E050${13213 + (i % 57)},synthetic_big_${Math.floor(i / 570)},${2000 + (Math.floor(i / 57) % 10)},${i % 100},count`);
    writeFileSync(big, lines.join('\n') + '\n');
    const r = await cli(['import', big, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^big\.csv: Reading big\.csv: [\d,]+ rows \(\d+%\)$/m);
    expect(r.err).toMatch(/^big\.csv: Writing 200,000 values…$/m);
  });
});

describe('lap-insight indicators and datasets', () => {
  it('indicators lists metadata and periods; --json is the contract shape', async () => {
    const db = path.join(dir, 'list.db');
    const t = await cli(['indicators', '--db', db]);
    expect(t.code).toBe(0);
    expect(t.out.split('\n')[0]).toMatch(/^ID\s+AMBITION\s+TYPE\s+UNIT\s+PERIODS\s+AREAS\s+VALUES\s+NAME$/);
    expect(t.out).toMatch(/^census21_usual_residents\s+context\s+count\s+people\s+2021\s+england,lad,ward\s+60\s+Population \(2021\)$/m);
    const j = JSON.parse((await cli(['indicators', '--json', '--db', db])).out) as { id: string; periods: string[] }[];
    expect(j.find((i) => i.id === 'census21_usual_residents')?.periods).toEqual(['2021']);
  });

  it('datasets delete ID removes an imported dataset; bundled ones stay', async () => {
    const db = path.join(dir, 'del.db');
    const imp = await cli(['import', fixture('tidy-wards.csv'), '--db', db]);
    const id = /dataset (\d+)/.exec(imp.out)![1]!;
    const del = await cli(['datasets', 'delete', id, '--db', db]);
    expect(del.code).toBe(0);
    expect(del.out).toBe(`Deleted dataset ${id} (tidy-wards.csv): 7 values removed; 2 indicators it defined removed.`);
    const again = await cli(['datasets', 'delete', id, '--db', db]);
    expect([again.code, again.err]).toEqual([1, `lap-insight: There is no dataset ${id}. Run 'lap-insight datasets' to see the list.`]);
    const bundled = await cli(['datasets', 'delete', '1', '--db', db]);
    expect(bundled.code).toBe(1);
    expect(bundled.err).toMatch(/^lap-insight: Dataset 1 \(.*\) ships with LAP Insight and cannot be deleted/);
    expect((await cli(['datasets', 'delete', 'x', '--db', db])).err).toBe('lap-insight: datasets delete needs a dataset id (a whole number): lap-insight datasets delete ID');
  });
});
