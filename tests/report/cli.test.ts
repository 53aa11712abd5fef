/**
 * The CLI: `profile N4 --pdf/--csv/--xlsx FILE`, `report-all --out DIR` (one valid PDF per LAP and index.csv, a
 * progress line per LAP on stderr), and finding a browser on each platform.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { chromiumCandidates, createChromiumPrinter, findChromium, NoBrowserError } from '../../backend/report/chromium.ts';
import { CSV_BOM } from '../../backend/report/csv.ts';
import { tempDir } from '../helpers/tmp.ts';
import { CHROMIUM, hasChromium, hasTool, pdfPages, pdfText } from './helpers.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('finding a browser', () => {
  it('looks in the usual places on Windows, macOS and Linux, and honours LAP_INSIGHT_CHROMIUM', () => {
    const win = chromiumCandidates({ PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32');
    expect(win).toContain('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(win).toContain('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(win).toContain('C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    const mac = chromiumCandidates({ HOME: '/Users/a' }, 'darwin');
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium');
    const linux = chromiumCandidates({ PATH: '/opt/bin' }, 'linux');
    expect(linux.slice(0, 3)).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
    expect(linux).toContain('/opt/bin/chromium');
    expect(chromiumCandidates({ LAP_INSIGHT_CHROMIUM: '/x/chrome' }, 'linux')[0]).toBe('/x/chrome');
    expect(findChromium({}, 'linux', (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
    expect(findChromium({}, 'linux', () => false)).toBeNull();
  });

  it('says clearly when there is none', async () => {
    const printer = createChromiumPrinter({ locate: () => null });
    await expect(printer.pdf('<p>x</p>', { headerTitle: 'x', footerText: 'y' })).rejects.toThrow(NoBrowserError);
    await expect(printer.pdf('<p>x</p>', { headerTitle: 'x', footerText: 'y' })).rejects.toThrow(/Chrome, Microsoft Edge or Chromium.*LAP_INSIGHT_CHROMIUM/);
    await printer.close();
  });
});

describe.runIf(hasChromium && hasTool('pdfinfo'))('lap-insight profile --pdf/--csv/--xlsx and report-all', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: string;
  beforeAll(async () => {
    tmp = tempDir('lap-report-cli-');
    db = path.join(tmp.dir, 'cli.db');
    process.env.LAP_INSIGHT_CHROMIUM ??= CHROMIUM;
    // A third LAP in the custom set, so there are two sets' worth of work.
    const r = await cli(['--db', db, 'lap', 'create', 'Town centre', '--wards', 'Castle, St. George', '--set', 'My working groups']);
    expect(r.code, r.err).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('writes the profile as PDF, CSV and XLSX', async () => {
    const pdf = path.join(tmp.dir, 'out', 'N4.pdf');
    const csv = path.join(tmp.dir, 'out', 'N4.csv');
    const xlsx = path.join(tmp.dir, 'out', 'N4.xlsx');
    const r = await cli(['--db', db, 'profile', 'N4', '--pdf', pdf, '--csv', csv, '--xlsx', xlsx]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Wrote N4 PDF \(\d+ pages, [\d.]+ (KB|MB), [\d.]+ s\) to /);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(csv, 'utf8').startsWith(CSV_BOM + 'Area,')).toBe(true);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const missing = await cli(['--db', db, 'profile', 'N4', '--pdf']);
    expect(missing.code).not.toBe(0);
  }, 120_000);

  it('--full makes the full technical PDF: more pages, the methods appendix; the default stays short', async () => {
    const short = path.join(tmp.dir, 'out', 'N4-short.pdf');
    const full = path.join(tmp.dir, 'out', 'N4-full.pdf');
    expect((await cli(['--db', db, 'profile', 'N4', '--pdf', short])).code).toBe(0);
    const r = await cli(['--db', db, 'profile', 'N4', '--pdf', full, '--full']);
    expect(r.code, r.err).toBe(0);
    expect(pdfPages(short)).toBeLessThanOrEqual(8);
    expect(pdfPages(full)).toBeGreaterThan(pdfPages(short));
    expect(pdfText(full)).toContain('Appendix A: Methods');
    expect(pdfText(short)).not.toContain('Appendix A: Methods');
    expect(pdfText(short)).toContain('About these figures');
    const all = await cli(['--db', db, 'report-all', '--set', 'My working groups', '--full', '--out', path.join(tmp.dir, 'custom-full')]);
    expect(all.code, all.err).toBe(0);
    expect(pdfText(path.join(tmp.dir, 'custom-full', 'Town centre Local Area Profile (full).pdf'))).toContain('Appendix A: Methods');
  }, 180_000);

  it('report-all writes one valid PDF per LAP and an index, with a progress line per LAP', async () => {
    const out = path.join(tmp.dir, 'all');
    const r = await cli(['--db', db, 'report-all', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^\[[1-3]\/3\] .+ \.\.\. done \([\d.]+ s\)$/);
    expect(lines.map((l) => l.slice(0, 5)).sort()).toEqual(['[1/3]', '[2/3]', '[3/3]']);
    const index = readFileSync(path.join(out, 'index.csv'), 'utf8');
    expect(index.startsWith(CSV_BOM + 'lap,set,wards,population,file,pages\r\n')).toBe(true);
    const rows = index.trim().split('\r\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const file = /,([^,]+\.pdf),\d+$/.exec(row)![1]!;
      const full = path.join(out, file);
      expect(existsSync(full), file).toBe(true);
      expect(readFileSync(full).subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdfPages(full)).toBeGreaterThan(0);
    }
    expect(index).toContain('N4,West Northamptonshire LAPs,Abington and Phippsville; Castle; Dallington Spencer; St. George,62807,N4 Local Area Profile.pdf');

    const one = await cli(['--db', db, 'report-all', '--set', 'My working groups', '--out', path.join(tmp.dir, 'custom')]);
    expect(one.code, one.err).toBe(0);
    expect(one.err.trim().split('\n')).toEqual([expect.stringMatching(/^\[1\/1\] Town centre \.\.\. done/)]);
    const none = await cli(['--db', db, 'report-all']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('--out DIR');
  }, 180_000);
});
