/** The streaming CSV reader and number parsing. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bufferSource, CsvParser, detectDelimiter, readCsv, scanBytes, sniffHead, type Delimiter } from '../../backend/io/csv.ts';
import { parseCell, rowList } from '../../backend/io/numbers.ts';

function parseAll(text: string, d: Delimiter = ',', chunk = Infinity): { fields: string[]; row: number }[] {
  const out: { fields: string[]; row: number }[] = [];
  const p = new CsvParser(d, (fields, row) => out.push({ fields, row }));
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk));
  p.end();
  return out;
}

function quote(field: string, d: string): string {
  return /["\r\n]/.test(field) || field.includes(d) || field === '' ? `"${field.replace(/"/g, '""')}"` : field;
}

describe('CsvParser', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and numbers rows as a spreadsheet does', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nlast,row,here';
    expect(parseAll(text)).toEqual([
      { fields: ['a', 'b', 'c'], row: 1 },
      { fields: ['x, y', 'say "hi"', 'two\r\nlines'], row: 2 },
      // row 3 is blank (kept in the numbering, skipped)
      { fields: ['last', 'row', 'here'], row: 4 },
    ]);
  });

  it('handles CR-only and LF line ends, a trailing delimiter and no final newline', () => {
    expect(parseAll('a,b\rc,d\ne,').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', ''],
    ]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const text = 'h1;h2;h3\n"a;b";"c""d";e\r\n"multi\nline";;x\n1;2;3';
    const whole = parseAll(text, ';');
    for (let size = 1; size <= text.length; size++) expect(parseAll(text, ';', size)).toEqual(whole);
  });

  it('round-trips any fields (property: quote, join, cut anywhere, parse)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', ';', '\t', '"', '\n', '\r', 'é', '1', '.') });
    fc.assert(
      fc.property(
        fc.constantFrom<Delimiter>(',', ';', '\t'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (d, records, chunk, eol, finalEol) => {
          // A record of one empty field is a blank line, which the reader skips: give it a second field.
          const recs = records.map((r) => (r.length === 1 && r[0] === '' ? ['', ''] : r));
          const text = recs.map((r) => r.map((f) => quote(f, d)).join(d)).join(eol) + (finalEol ? eol : '');
          const parsed = parseAll(text, d, chunk).map((r) => r.fields);
          expect(parsed).toEqual(recs);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps text after a closing quote and reports the row', () => {
    const p = new CsvParser(',', () => {});
    p.push('a,b\n"abc"def,x\n');
    p.end();
    expect(p.looseQuoteRows).toEqual([2]);
    expect(parseAll('a,b\n"abc"def,x\n')[1]!.fields).toEqual(['abcdef', 'x']);
  });
});

describe('delimiter, encoding and binary detection', () => {
  it('detects comma, tab and semicolon from the header and first lines', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2,5\t3')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2,5;3')).toBe(';');
    expect(detectDelimiter('"x;y",b,c\n1,2,3')).toBe(',');
  });

  it('reads UTF-8 with and without BOM, and falls back to Windows-1252', async () => {
    const text = 'name\ncafé – naïve\n';
    const utf8 = Buffer.from(text, 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const cp1252 = Buffer.from([...'name\ncaf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x20, 0x96, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65, 0x0a]));
    for (const [bytes, enc, bomLength] of [
      [utf8, 'utf-8', 0],
      [bom, 'utf-8', 3],
      [cp1252, 'windows-1252', 0],
    ] as const) {
      const src = bufferSource('t.csv', bytes);
      const scan = await scanBytes(src, undefined);
      expect(scan.encoding).toBe(enc);
      expect(scan.bomLength).toBe(bomLength);
      const rows: string[][] = [];
      await readCsv(src, { encoding: scan.encoding, bomLength: scan.bomLength }, (f) => rows.push(f));
      expect(rows).toEqual([['name'], ['café – naïve']]);
    }
  });

  it('validates UTF-8 across chunk boundaries (a character split between chunks is not Windows-1252)', async () => {
    const line = 'é'.repeat(700_000); // 1.4 MB: crosses the 1 MiB chunk size in the middle of a character
    const src = bufferSource('big.csv', Buffer.from(`h\n${line}\n`, 'utf8'));
    expect((await scanBytes(src, undefined)).encoding).toBe('utf-8');
  });

  it('recognises binary files and known formats', () => {
    expect(sniffHead(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])).binary).toBe('it looks like a PDF document');
    expect(sniffHead(new Uint8Array([0x61, 0x00, 0x62])).binary).toBe('it contains binary data (a zero byte at byte 2), so it is not a CSV text file');
    expect(sniffHead(Buffer.from('a,b\n1,2\n')).binary).toBeNull();
    expect(sniffHead(new Uint8Array([0xff, 0xfe, 0x61, 0x00])).encoding).toBe('utf-16le');
  });
});

describe('numbers', () => {
  it('reads plain, padded, thousands-separated and percentage numbers', () => {
    expect(parseCell('12')).toEqual({ kind: 'number', value: 12 });
    expect(parseCell(' 12.5 ')).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(parseCell('1,234,567.25')).toEqual({ kind: 'number', value: 1234567.25 });
    expect(parseCell('-0.5')).toEqual({ kind: 'number', value: -0.5 });
    expect(parseCell('1e3')).toEqual({ kind: 'number', value: 1000 });
    expect(parseCell('12.5%')).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('0')).toEqual({ kind: 'number', value: 0 });
  });

  it('treats suppression markers and blanks as missing, never zero', () => {
    for (const m of ['*', 'c', 'C', '..', 'x', 'X', '-', ' * ']) expect(parseCell(m)).toEqual({ kind: 'suppressed', marker: m.trim() });
    expect(parseCell('')).toEqual({ kind: 'blank' });
    expect(parseCell('   ')).toEqual({ kind: 'blank' });
  });

  it('rejects text, hex, and ambiguous separators', () => {
    for (const s of ['abc', '0x10', '1,23', '12,5', '1.2.3', 'Infinity', 'NaN', '--1']) expect(parseCell(s).kind).toBe('invalid');
    expect(parseCell('12,5', true)).toEqual({ kind: 'number', value: 12.5 });
    expect(parseCell('1,234', true)).toEqual({ kind: 'number', value: 1234 });
  });

  it('lists rows in plain English', () => {
    expect(rowList([4])).toBe('row 4');
    expect(rowList([4, 9])).toBe('rows 4 and 9');
    expect(rowList([4, 9, 12])).toBe('rows 4, 9 and 12');
    expect(rowList([4, 9, 12, 30, 31])).toBe('rows 4, 9, 12 and 2 more');
  });
});
