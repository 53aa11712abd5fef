/** Real-world file quirks, through the whole import into the store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checksum, fixture, freshBackend, importFile, importText, TIDY_HEADER, values } from './helpers.ts';

let env: ReturnType<typeof freshBackend>;
beforeEach(() => {
  env = freshBackend();
});
afterEach(() => env.cleanup());

describe('import robustness', () => {
  it('reads a clean tidy file: counts with denominators become percentages; intervals are kept', async () => {
    const r = await importFile(env.backend, fixture('tidy-wards.csv'), {}, { acceptWarnings: false });
    expect(r.status).toBe('imported');
    expect(r.preview.format).toBe('tidy');
    expect(r.preview.encoding).toBe('utf-8');
    expect(r.preview.delimiter).toBe(',');
    expect(r.valuesWritten).toBe(7);
    expect(r.preview.report.errors + r.preview.report.warnings).toBe(0);
    const smokers = values(env.backend.db, 'synthetic_smokers');
    expect(smokers.map((v) => [v.area_code, v.numerator, v.denominator, v.value, v.estimate])).toEqual([
      ['E05013239', 60, 700, (60 / 700) * 100, 0],
      ['E05013246', 120, 1000, 12, 0],
      ['E05013264', 95, 800, 11.875, 0],
      ['E06000062', 40000, 350000, (40000 / 350000) * 100, 0],
      ['E92000001', 5000000, 45000000, (5000000 / 45000000) * 100, 0],
    ]);
    const ind = (await env.backend.handlers['indicators.list']({ query: 'synthetic' })).map((i) => [i.id, i.valueType, i.multiplier, i.unit, i.periods, i.areaTypes]);
    expect(ind).toEqual([
      ['synthetic_score', 'mean-score', 1, 'score', ['2023'], ['ward']],
      ['synthetic_smokers', 'proportion', 100, '%', ['2023'], ['england', 'lad', 'ward']],
    ]);
    expect(values(env.backend.db, 'synthetic_score').map((v) => [v.area_code, v.value, v.ci95_lower, v.ci95_upper])).toEqual([
      ['E05013246', 7.2, 6.9, 7.5],
      ['E05013264', 6.8, 6.5, 7.1],
    ]);
  });

  it('BOM, CRLF, quoted fields, "1,234", " 12.5 ", suppression markers (missing, not zero) and a real zero', async () => {
    const r = await importFile(env.backend, fixture('tidy-messy.csv'));
    expect(r.status).toBe('imported');
    expect(r.preview.encoding).toBe('utf-8');
    expect(r.preview.header[0]).toBe('area_code'); // the BOM is not part of the first column's name
    expect(r.preview.counts.rowsRead).toBe(9);
    expect(r.preview.counts.rowsMissing).toBe(6);
    expect(r.preview.firstRows[1]![1]).toBe('St. George\r\nsecond line');
    const warnings = r.preview.report.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    expect(warnings).toEqual([
      "6 values are suppressed or blank (5 cells with a suppression marker such as *, c, .., x or -, e.g. row 4, column 'value': '*'): stored as missing, not zero (rows 4, 5, 6 and 3 more)",
    ]);
    const v = values(env.backend.db, 'synthetic_count');
    const by = Object.fromEntries(v.map((x) => [x.area_code, [x.value, x.numerator, x.note]]));
    expect(by).toEqual({
      E05013246: [1234, 1234, null],
      E05013264: [12.5, 12.5, null],
      E05013239: [null, null, 'suppressed in the source'],
      E05013240: [null, null, 'suppressed in the source'],
      E05013241: [null, null, 'suppressed in the source'],
      E05013242: [null, null, 'suppressed in the source'],
      E05013243: [null, null, 'suppressed in the source'],
      E05013244: [null, null, 'blank in the source'],
      E05013245: [0, 0, null],
    });
    const ds = await env.backend.handlers['datasets.list']({});
    const mine = ds.find((d) => d.id === r.datasetId)!;
    expect(mine.warnings).toEqual(warnings);
    expect([mine.rowsRead, mine.rowsWritten, mine.rowsRejected, mine.kind, mine.format, mine.encoding, mine.delimiter]).toEqual([9, 9, 0, 'user', 'tidy', 'utf-8', ',']);
  });

  it('Windows-1252 and UTF-8 (with or without BOM) give the same names: "é", not "Ã©"', async () => {
    const names: string[] = [];
    for (const f of ['enc-utf8-bom.csv', 'enc-utf8.csv', 'enc-cp1252.csv']) {
      const e = freshBackend();
      try {
        const r = await importFile(e.backend, fixture(f));
        expect(r.status).toBe('imported');
        expect(r.preview.encoding).toBe(f === 'enc-cp1252.csv' ? 'windows-1252' : 'utf-8');
        names.push((e.backend.db.prepare("SELECT name FROM indicator WHERE id = 'synthetic_cafes'").get() as { name: string }).name);
      } finally {
        e.cleanup();
      }
    }
    expect(names).toEqual(Array(3).fill('Synthetic cafés per ward – naïve count (test data)'));
    expect(names[0]).not.toContain('Ã');
    // Forcing the wrong encoding shows why detection matters.
    const forced = await importFile(env.backend, fixture('enc-utf8.csv'), { encoding: 'windows-1252' });
    expect(forced.status).toBe('imported');
    expect((env.backend.db.prepare("SELECT name FROM indicator WHERE id = 'synthetic_cafes'").get() as { name: string }).name).toContain('cafÃ©s');
  });

  it('a Windows-1252 character after megabytes of plain text: the whole file is read again, once, as Windows-1252', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `E050${13213 + (i % 57)},W,ward,synthetic_late_${Math.floor(i / 570)},Late (test data),${2000 + (Math.floor(i / 57) % 10)},${i % 9},,,,,count`);
    const ascii = Buffer.from(`${TIDY_HEADER}\n${rows.join('\n')}\n`, 'utf8');
    const last = Buffer.concat([Buffer.from('E05013246,Caf'), Buffer.from([0xe9]), Buffer.from(',ward,synthetic_late_x,Caf'), Buffer.from([0xe9]), Buffer.from(' (test data),2023,1,,,,,count\n')]);
    const r = await importText(env.backend, 'late.csv', Buffer.concat([ascii, last]));
    expect(ascii.length).toBeGreaterThan(2_000_000);
    expect([r.status, r.preview.encoding, r.preview.counts.rowsRead, r.valuesWritten]).toEqual(['imported', 'windows-1252', 40_001, 40_001]);
    expect((env.backend.db.prepare("SELECT name FROM indicator WHERE id = 'synthetic_late_x'").get() as { name: string }).name).toBe('Café (test data)');
  });

  it('semicolon (with a decimal comma) and tab delimiters', async () => {
    const semi = await importFile(env.backend, fixture('delim-semicolon.csv'));
    expect([semi.status, semi.preview.delimiter]).toEqual(['imported', ';']);
    expect(values(env.backend.db, 'synthetic_rate').map((v) => v.value)).toEqual([12.5]);
    const e2 = freshBackend();
    try {
      const tab = await importFile(e2.backend, fixture('delim-tab.tsv'));
      expect([tab.status, tab.preview.delimiter]).toEqual(['imported', '\t']);
      expect(tab.preview.firstRows[0]![1]).toBe('Castle, the ward');
      expect(values(e2.backend.db, 'synthetic_rate').map((v) => v.value)).toEqual([12.5]);
    } finally {
      e2.cleanup();
    }
  });

  it('UTF-16 with a byte-order mark (Excel "Unicode text")', async () => {
    const text = `${TIDY_HEADER.replace(/,/g, '\t')}\r\nE05013246\tCastle\tward\tsynthetic_u16\tSynthetic UTF-16 (test data)\t2023\t5\t\t\t\t\tcount\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = await importText(env.backend, 'unicode.txt', bytes);
    expect([r.status, r.preview.encoding, r.preview.delimiter]).toEqual(['imported', 'utf-16le', '\t']);
    expect(values(env.backend.db, 'synthetic_u16').map((v) => v.value)).toEqual([5]);
  });

  it('re-importing the same file is detected: skip by default (nothing changes), or replace', async () => {
    const first = await importFile(env.backend, fixture('tidy-wards.csv'));
    expect(first.status).toBe('imported');
    const before = checksum(env.backend.db);
    const again = await importFile(env.backend, fixture('tidy-wards.csv'));
    expect(again.status).toBe('skipped');
    expect(again.message).toMatch(/^tidy-wards\.csv was imported before, on \d{4}-\d\d-\d\d, as dataset \d+ \('tidy-wards\.csv'\)\. Nothing was changed\. To import it again, choose 'replace'/);
    expect(again.preview.duplicateOf?.id).toBe(first.datasetId);
    expect(checksum(env.backend.db)).toBe(before);
    const replaced = await importFile(env.backend, fixture('tidy-wards.csv'), {}, { onDuplicate: 'replace' });
    expect(replaced.status).toBe('imported');
    expect(replaced.replacedDatasetIds).toEqual([first.datasetId]);
    const ds = await env.backend.handlers['datasets.list']({});
    expect(ds.filter((d) => d.kind === 'user').map((d) => d.id)).toEqual([replaced.datasetId]);
    expect(values(env.backend.db, 'synthetic_smokers')).toHaveLength(5);
  });

  it('a second file with values for the same indicator, area and period is refused, naming the dataset', async () => {
    const first = await importFile(env.backend, fixture('tidy-wards.csv'));
    const clash = await importText(env.backend, 'clash.csv', `${TIDY_HEADER}\nE05013246,Castle,ward,synthetic_smokers,S,2023,,1,10,,,count\nE05013246,Castle,ward,synthetic_smokers,S,2024,,2,10,,,count\n`);
    expect(clash.status).toBe('failed');
    expect(clash.preview.report.issues[0]!.message).toBe(
      `indicator 'synthetic_smokers' already has values from dataset ${first.datasetId} ('tidy-wards.csv') for 1 of these rows (row 2): delete that dataset first (lap-insight datasets delete ${first.datasetId}), or use a different indicator id`,
    );
    // A new period for the same indicator is fine.
    const more = await importText(env.backend, 'more.csv', `${TIDY_HEADER}\nE05013246,Castle,ward,synthetic_smokers,S,2024,,2,10,,,count\n`);
    expect(more.status).toBe('imported');
    expect(more.preview.indicators[0]!.isNew).toBe(false);
    expect(values(env.backend.db, 'synthetic_smokers').find((v) => v.period === '2024')?.value).toBe(20);
  });

  it('values cannot clash with bundled data', async () => {
    const r = await importText(env.backend, 'pop.csv', `${TIDY_HEADER}\nE05013246,Castle,ward,census21_usual_residents,Population,2021,9999,,,,,count\n`);
    expect(r.status).toBe('failed');
    expect(r.preview.report.issues[0]!.message).toMatch(/^indicator 'census21_usual_residents' already has values from the bundled dataset 'Census 2021 .*' for 1 of these rows \(row 2\): bundled values cannot be replaced/);
  });

  it('reads the fixture text exactly as written (sanity check on the fixtures)', () => {
    expect(readFileSync(fixture('enc-cp1252.csv')).includes(0xe9)).toBe(true);
    expect(readFileSync(fixture('tidy-messy.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
