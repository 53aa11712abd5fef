/**
 * The N4 Local Area Profile PDF, end to end: the real backend (bundled data, the profile service) and the
 * 'export.profile' job, printed by Debian's Chromium through playwright-core; then read back with poppler-utils
 * (pdftotext, pdfinfo, pdffonts, pdftoppm). Page images go to test-results/report/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { ExportProfileResult } from '../../shared/contract/export.ts';
import type { JobInfo } from '../../shared/contract/data.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { ChromiumPrinter } from '../../backend/report/chromium.ts';
import { OGL_STATEMENT, OS_ATTRIBUTION } from '../../backend/report/html.ts';
import { printReport } from '../../backend/report/service.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { CHROMIUM, fixtureInput, hasChromium, hasTool, inkFraction, pdfPages, pdfText, readPnm, RESULTS } from './helpers.ts';

const run = hasChromium && hasTool('pdftotext') && hasTool('pdftoppm') && hasTool('pdfinfo');
const PINS = ['census21_overcrowding', 'imd25_pop_most_deprived_20pct', 'dwp_cilif_children_rate', 'census21_no_qualifications', 'census21_unemployed'];

let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
let n4Pdf: string;
let n4Result: ExportProfileResult;
let progressSeen: string[] = [];

async function send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
  const r = await dispatch(backend.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Results[K];
}

/** Runs an export job to the end, noting each progress message. */
async function exportJob(args: Args<'export.profile'>): Promise<{ info: JobInfo; messages: string[] }> {
  const { jobId } = await send('export.profile', args);
  const messages: string[] = [];
  for (;;) {
    const info = await send('jobs.get', { jobId });
    if (!messages.includes(info.message)) messages.push(info.message);
    if (info.state !== 'running') return { info, messages };
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.runIf(run)('the N4 PDF (real data, Chromium)', () => {
  beforeAll(async () => {
    tmp = tempDir('lap-report-');
    process.env.LAP_INSIGHT_CHROMIUM ??= CHROMIUM;
    backend = createBackend({ dbPath: seededDb(path.join(tmp.dir, 'report.db')), transport: 'test' });
    const n4 = (await send('laps.list', {})).find((l) => l.name === 'N4')!;
    await send('laps.pins.set', { lapId: n4.id, indicatorIds: PINS });
    // The full technical version (every indicator, ward breakdowns, methods); tests/e2e/pdf.test.ts covers the short default.
    const { info, messages } = await exportJob({ area: { kind: 'lap', id: n4.id }, format: 'pdf', full: true });
    expect(info.state, info.error).toBe('done');
    expect(info.kind).toBe('export');
    progressSeen = messages;
    n4Result = info.result as ExportProfileResult;
    mkdirSync(RESULTS, { recursive: true });
    n4Pdf = path.join(RESULTS, 'n4.pdf');
    writeFileSync(n4Pdf, Buffer.from(n4Result.contentBase64, 'base64'));
    for (const f of readdirSync(RESULTS)) if (/^n4-page-\d+\.png$/.test(f)) rmSync(path.join(RESULTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '70', n4Pdf, path.join(RESULTS, 'n4-page')]);
  }, 180_000);

  afterAll(() => {
    backend?.close();
    tmp?.cleanup();
  });

  it('comes back from the export job with its file name, type, size and pages', () => {
    expect(n4Result.fileName).toBe('N4 Local Area Profile (full).pdf');
    expect(n4Result.mimeType).toBe('application/pdf');
    expect(n4Result.bytes).toBe(Buffer.from(n4Result.contentBase64, 'base64').length);
    expect(Buffer.from(n4Result.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(n4Result.pages).toBe(pdfPages(n4Pdf));
    // The job said what it was doing (the UI shows it; the quick steps may pass between two polls).
    expect(progressSeen).toContain('Printing PDF');
  });

  it('names the four wards, the ambitions, the comparison words and the licence statements', () => {
    const text = pdfText(n4Pdf);
    for (const ward of ['Abington and Phippsville', 'Castle', 'Dallington Spencer', 'St. George']) expect(text).toContain(ward);
    expect(text).toMatch(/Ambition \d+: /);
    expect(text).toContain('Ambition 4: Employment that keeps people and families out of poverty');
    for (const word of ['Worse', 'Worst', 'Best', 'Similar', 'Higher', 'Lower', 'Not compared']) expect(text, word).toContain(word);
    expect(text.replace(/\s+/g, ' ')).toContain(OGL_STATEMENT);
    expect(text).toContain(OS_ATTRIBUTION);
    expect(text).toContain('Contains OS data © Crown copyright and database right');
    expect(text).toContain('N4 – Local Area Profile'); // running header
    expect(text).toMatch(/Page 1 of \d+/); // footer
    expect(text).toContain('Ward breakdown of the pinned indicators');
  });

  it('has a map on the cover (non-white pixels in the map area) and sensible size, pages and fonts', () => {
    const cover = readPnm(execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', n4Pdf]));
    // The large map sits on the left of the cover, below the title.
    const map = inkFraction(cover, { x0: 0.08, y0: 0.2, x1: 0.6, y1: 0.62 });
    const margin = inkFraction(cover, { x0: 0.0, y0: 0.95, x1: 0.04, y1: 1 });
    expect(map).toBeGreaterThan(0.03);
    expect(margin).toBe(0);

    const pages = pdfPages(n4Pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(40); // the full technical version: every indicator (with the GP practice registers), ward breakdowns, appendices
    expect(n4Result.bytes).toBeLessThan(2 * 1024 * 1024);
    expect(execFileSync('pdfinfo', [n4Pdf], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    if (hasTool('pdffonts')) {
      const rows = execFileSync('pdffonts', [n4Pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.includes('SourceSans3'))).toBe(true);
      for (const r of rows) expect(r, r).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
    expect(readdirSync(RESULTS).filter((f) => /^n4-page-\d+\.png$/.test(f))).toHaveLength(pages);
  });

  it('prints a LAP called <b>&"x\' literally', async () => {
    const set = (await send('lapSets.list', {})).find((s) => s.kind === 'custom')!;
    const lap = await send('laps.create', { setId: set.id, name: `<b>&"x'`, wards: ['E05013246', 'E05013264'] });
    const { info } = await exportJob({ area: { kind: 'lap', id: lap.id }, format: 'pdf' });
    expect(info.state, info.error).toBe('done');
    const result = info.result as ExportProfileResult;
    const file = path.join(tmp.dir, 'escaped.pdf');
    writeFileSync(file, Buffer.from(result.contentBase64, 'base64'));
    const text = pdfText(file);
    expect(text).toContain(`<b>&"x'`);
    expect(text).toContain(`<b>&"x' – Local Area Profile`);
    expect(text).not.toContain('&lt;');
    expect(text).not.toContain('&amp;');
    expect(result.fileName).toBe(`_b_&_x' Local Area Profile.pdf`);
  }, 120_000);

  it('can be cancelled, and reports unknown areas plainly', async () => {
    const { jobId } = await send('export.profile', { area: { kind: 'lap', id: 1 }, format: 'pdf' });
    await send('jobs.cancel', { jobId });
    const info = await backend.ctx.jobs.wait(jobId);
    expect(['cancelled', 'done']).toContain(info.state);
    const bad = await exportJob({ area: { kind: 'lap', id: 9999 }, format: 'csv' });
    expect(bad.info.state).toBe('failed');
    expect(bad.info.error).toMatch(/LAP/);
  }, 120_000);
});

describe.runIf(run)('disclosure control in print (synthetic fixture)', () => {
  it('prints a disclosure-controlled count of 3 as <8, never 3', async () => {
    const printer = new ChromiumPrinter({ executablePath: CHROMIUM });
    try {
      const file = await printReport(fixtureInput({ full: true }), printer);
      const out = path.join(RESULTS, 'fixture-n4.pdf');
      mkdirSync(RESULTS, { recursive: true });
      writeFileSync(out, file.data);
      const text = pdfText(out);
      const lines = text.split('\n');
      const i = lines.findIndex((l) => l.includes('Hospital admissions for self-harm'));
      expect(i).toBeGreaterThanOrEqual(0);
      const row = lines.slice(i, i + 3).join(' ');
      expect(row).toContain('<8 / 7,160');
      expect(row).not.toMatch(/(^|\s)3 \/ 7,160/);
      expect(text).not.toMatch(/(^|\s)3 \/ 7,160/);
      expect(text).toContain('incomplete (3 of 4 wards)');
      expect(text).toContain('Council level only');
    } finally {
      await printer.close();
    }
  }, 120_000);
});
