/**
 * Bad files give the documented plain-English error and leave the database exactly as it was
 * (every row of every table hashed, and the database file's bytes after a checkpoint).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contract/data.ts';
import { checksum, fileBytes, fixture, freshBackend, importFile, importText, TIDY_HEADER } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeAll(() => {
  env = freshBackend();
});
afterAll(() => env.cleanup());

async function expectRefused(run: () => Promise<ImportResult>): Promise<ImportResult> {
  const db = env.backend.db;
  const before = checksum(db);
  const bytesBefore = fileBytes(db, env.dbPath);
  const r = await run();
  expect(r.status).toBe('failed');
  expect(r.datasetId).toBeNull();
  expect(r.valuesWritten).toBe(0);
  expect(checksum(db)).toBe(before);
  expect(fileBytes(db, env.dbPath)).toBe(bytesBefore);
  return r;
}

const errors = (r: ImportResult) => r.preview.report.issues.filter((i) => i.severity === 'error');

describe('import: bad files are refused with a clear message and change nothing', () => {
  it('a corrupt file (binary garbage)', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('garbage.bin')));
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]!.message).toMatch(/^garbage\.bin does not look like a CSV file: it contains binary data \(/);
    expect(r.message).toMatch(/^Nothing was imported from garbage\.bin: 1 problem must be fixed first\. garbage\.bin does not look like a CSV file/);
  });

  it('an Excel workbook is recognised as such', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
    const r = await expectRefused(() => importText(env.backend, 'book.xlsx', xlsx));
    expect(errors(r)[0]!.message).toBe('book.xlsx does not look like a CSV file: it looks like an Excel workbook (.xlsx) or another zip file; save it from Excel as "CSV UTF-8" first');
  });

  it('an empty file', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('empty.csv')));
    expect(errors(r).map((e) => e.message)).toEqual(['empty.csv is empty: there is nothing to import']);
  });

  it('a file with only a header', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('header-only.csv')));
    expect(errors(r).map((e) => e.message)).toEqual(['header-only.csv has a header row but no data rows']);
    expect(r.preview.format).toBe('tidy');
  });

  it('a Fingertips file for areas we do not know', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('fingertips-outside.csv')));
    expect(r.preview.format).toBe('fingertips');
    expect(errors(r).map((e) => e.message)).toEqual([
      'none of the 3 areas in fingertips-outside.csv is in West or North Northamptonshire (e.g. E06000001, E06000002, E12000001), so there is nothing to import',
    ]);
    expect(r.preview.counts.rowsRead).toBe(3);
    expect(r.preview.counts.rowsLeftOut).toBe(3);
  });

  it('a file with a numerator greater than its denominator', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('numerator-gt-denominator.csv')));
    expect(errors(r).map((e) => [e.row, e.message])).toEqual([[4, 'row 4: numerator 12 is greater than denominator 10']]);
  });

  it('a cell that is not a number names its row and column', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('not-a-number.csv')));
    expect(errors(r).map((e) => [e.row, e.column, e.message])).toEqual([[3, 'denominator', "row 3, column 'denominator': 'abc' is not a number"]]);
  });

  it('an unknown ward code', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('unknown-ward.csv')));
    expect(errors(r).map((e) => e.message)).toEqual([
      'area code E05099999 is not a ward we know (LAP Insight has the 57 wards of West and North Northamptonshire, 2021 boundaries) (row 3)',
    ]);
  });

  it('duplicate rows are named, both of them', async () => {
    const r = await expectRefused(() => importFile(env.backend, fixture('duplicates.csv')));
    expect(errors(r).map((e) => e.message)).toEqual(["rows 2 and 4 are duplicates: both give indicator 'synthetic_smokers' for area E05013246, period 2023"]);
  });

  it('a short row and an unclosed quote', async () => {
    const short = await expectRefused(() => importText(env.backend, 'short.csv', `${TIDY_HEADER}\nE05013246,Castle,ward,x,X,2023,1\n`));
    expect(errors(short)[0]!.message).toBe('row 2 has 7 fields but the header has 12');
    const quote = await expectRefused(() => importText(env.backend, 'quote.csv', `${TIDY_HEADER}\nE05013246,"Castle,ward,x,X,2023,1,,,,,count\n`));
    expect(errors(quote)[0]!.message).toBe('row 2: a quoted field is never closed (a " is missing)');
  });

  it('unrecognised columns say what each layout needs', async () => {
    const r = await expectRefused(() => importText(env.backend, 'odd.csv', 'foo,bar\n1,2\n'));
    expect(errors(r)[0]!.message).toMatch(/^row 1: the columns were not recognised \(found 'foo', 'bar'\)\. A tidy file needs area_code, indicator_id, period and value/);
  });

  it('many problems are listed, each with its row', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `E05013246,Castle,ward,x${i},X,2023,,5,oops,,,count`);
    const r = await expectRefused(() => importText(env.backend, 'many.csv', `${TIDY_HEADER}\n${rows.join('\n')}\n`));
    expect(r.preview.report.errors).toBe(30);
    expect(errors(r).map((e) => e.row)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(r.message).toContain("(and 27 more errors)");
  });

  it('warnings block the import until accepted', async () => {
    const db = env.backend.db;
    const before = checksum(db);
    const r = await importFile(env.backend, fixture('tidy-messy.csv'), {}, { acceptWarnings: false });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/^Nothing was imported from tidy-messy\.csv yet: 1 warning to accept first\. 6 values are suppressed or blank/);
    expect(checksum(db)).toBe(before);
  });
});
