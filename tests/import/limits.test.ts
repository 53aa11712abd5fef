/**
 * A field over 1 MB (MAX_FIELD_CHARS) refuses the file whole, with its row and column, without carrying the text
 * through the import; a long but sane field (a 5,000-character definition) is imported as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, MAX_FIELD_CHARS } from '../../backend/io/csv.ts';
import { checksum, fileBytes, freshBackend, importText, TIDY_HEADER } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeAll(() => {
  env = freshBackend();
});
afterAll(() => env.cleanup());

const row = (name: string) => `E05013246,Castle,ward,synthetic_limit,${name},2023,,5,100,,,count`;

describe('import: fields over the 1 MB limit', () => {
  it('is 1 MB (in characters)', () => {
    expect(MAX_FIELD_CHARS).toBe(1024 * 1024);
  });

  for (const quoted of [true, false]) {
    it(`refuses a file with a ${quoted ? 'quoted' : 'plain'} 2 MB field, naming the file, row and column; nothing is stored`, async () => {
      const db = env.backend.db;
      const before = checksum(db);
      const bytesBefore = fileBytes(db, env.dbPath);
      const big = 'x'.repeat(2 * MAX_FIELD_CHARS);
      const text = `${TIDY_HEADER}\n${row('Fine')}\n${row(quoted ? `"${big}"` : big)}\n${row('Fine again')}\n`;
      const r = await importText(env.backend, 'huge-field.csv', text);
      expect(r.status).toBe('failed');
      expect(r.valuesWritten).toBe(0);
      const errors = r.preview.report.issues.filter((i) => i.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: 'huge-field.csv', row: 3, column: 'indicator_name' });
      expect(errors[0]!.message).toBe(
        `row 3: the field in column 5 (indicator_name) is longer than 1 MB, the most one field may hold, so the file was not read further${quoted ? ' (is a closing " missing?)' : ''}`,
      );
      expect(r.message).toMatch(/^Nothing was imported from huge-field\.csv: 1 problem must be fixed first\. row 3: the field in column 5 \(indicator_name\)/);
      expect(checksum(db)).toBe(before);
      expect(fileBytes(db, env.dbPath)).toBe(bytesBefore);
    });
  }

  it('the parser stops at the field, whichever chunk it ends in, and does not hold the rest', () => {
    const seen: string[][] = [];
    const p = new CsvParser(',', (fields) => seen.push(fields));
    p.push('a,b\n1,"');
    let err: unknown;
    try {
      // An unclosed quote fed 64 KiB at a time: refused once the field passes 1 MB, not at the end of the file.
      for (let k = 0; k < 40; k++) p.push('y'.repeat(65536));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).row).toBe(2);
    expect((err as CsvSyntaxError).column).toBe(2);
    expect(seen).toEqual([['a', 'b']]);
  });

  it('imports a long but sane field (a 5,000-character name)', async () => {
    const name = `Synthetic ${'long '.repeat(1000)}name`;
    const r = await importText(env.backend, 'long-name.csv', `${TIDY_HEADER}\n${row(name)}\n`);
    expect(r.status).toBe('imported');
    expect(env.backend.db.prepare("SELECT name FROM indicator WHERE id = 'synthetic_limit'").pluck().get()).toBe(name);
  });
});
