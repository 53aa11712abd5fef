/**
 * The Local Area Profile PDF end to end (issue 16): the real backend and bundled data, the 'export.profile' job,
 * printed by Debian's Chromium (the CLI/preview printer; the app's printToPDF gets the same HTML and page settings),
 * then read back page by page with poppler-utils. Nothing is pinned and a list of places is imported, as a LAP
 * coordinator preparing for a first meeting would have it.
 *
 * The default document is short: at most 8 A4 pages for a LAP, every page but the last full of real content (no
 * near-empty page, no page with a lone table row), no instructions for the app, the legend of every comparison word
 * with the 95% and 99.8% levels, and only the main indicators (no raw population counts). The full technical
 * version keeps every indicator, the ward breakdowns and the methods appendix. Page images of both LAPs' default
 * PDFs are written to test-results/pdf/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { ExportProfileResult } from '../../shared/contract/export.ts';
import { isPopulationCount, isShortIndicator } from '../../shared/main-indicators.ts';
import type { Profile } from '../../shared/profile.ts';
import { COMPARISON_LABELS } from '../../shared/stats/index.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { tempDir } from '../helpers/tmp.ts';
import { CHROMIUM, hasChromium, hasTool } from '../report/helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, 'test-results', 'pdf');
const run = hasChromium && hasTool('pdftotext') && hasTool('pdftoppm') && hasTool('pdfinfo');

let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
const lapIds = new Map<string, number>();

async function send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
  const r = await dispatch(backend.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Results[K];
}

async function exportPdf(lap: string, full: boolean): Promise<{ file: string; result: ExportProfileResult }> {
  const { jobId } = await send('export.profile', { area: { kind: 'lap', id: lapIds.get(lap)! }, format: 'pdf', ...(full ? { full: true } : {}) });
  for (;;) {
    const info = await send('jobs.get', { jobId });
    if (info.state === 'failed') throw new Error(info.error ?? 'export failed');
    if (info.state === 'done') {
      const result = info.result as ExportProfileResult;
      const file = path.join(OUT, `${lap.toLowerCase()}${full ? '-full' : ''}.pdf`);
      writeFileSync(file, Buffer.from(result.contentBase64, 'base64'));
      return { file, result };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
const text = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A page's own words: without the running header ("N4 – Local Area Profile", "LAP Insight") and footer. */
function bodyWords(file: string, page: number): string[] {
  const lines = text(file, page)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/Local Area Profile$/.test(l) && l !== 'LAP Insight' && !/^Page \d+ of \d+/.test(l) && !/^Produced .* with LAP Insight/.test(l));
  return lines.join(' ').split(/\s+/).filter(Boolean);
}

describe.runIf(run)('the Local Area Profile PDF (real data, Chromium)', () => {
  const docs = new Map<string, { file: string; result: ExportProfileResult }>();
  const profiles = new Map<string, Profile>();

  beforeAll(async () => {
    tmp = tempDir('lap-pdf-');
    process.env.LAP_INSIGHT_CHROMIUM ??= CHROMIUM;
    backend = createBackend({ dbPath: path.join(tmp.dir, 'pdf.db'), transport: 'test' });
    for (const l of await send('laps.list', {})) lapIds.set(l.name, l.id);
    const csv = readFileSync(path.join(ROOT, 'tests/fixtures/places/n4-places-synthetic.csv'));
    await send('places.import', { fileName: 'n4-places-synthetic.csv', contentBase64: csv.toString('base64'), check: false, onDuplicate: 'refuse' });
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT)) if (/\.(png|pdf)$/.test(f)) rmSync(path.join(OUT, f));
    for (const lap of ['N4', 'DSN4']) {
      expect(lapIds.has(lap), lap).toBe(true);
      expect((await send('laps.pins.get', { lapId: lapIds.get(lap)! })).pins).toEqual([]); // nothing pinned
      profiles.set(lap, await send('profile.get', { area: { kind: 'lap', id: lapIds.get(lap)! }, benchmark: 'own' }));
      const doc = await exportPdf(lap, false);
      docs.set(lap, doc);
      execFileSync('pdftoppm', ['-png', '-r', '80', doc.file, path.join(OUT, `${lap.toLowerCase()}-page`)]);
    }
    docs.set('N4 full', await exportPdf('N4', true));
  }, 300_000);

  afterAll(() => {
    backend?.close();
    tmp?.cleanup();
  });

  it.each(['N4', 'DSN4'])("%s's default PDF is at most 8 A4 pages, every page but the last full of real content", (lap) => {
    const { file, result } = docs.get(lap)!;
    const n = pages(file);
    expect(result.pages).toBe(n);
    expect(result.fileName).toBe(`${lap} Local Area Profile.pdf`);
    expect(n).toBeGreaterThanOrEqual(5); // cover, summary, indicator pages, about
    expect(n).toBeLessThanOrEqual(8);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    for (let p = 1; p < n; p++) {
      // A page holding one table row and its header has about 20 words; a real page has hundreds.
      expect(bodyWords(file, p).length, `page ${p} of ${lap}`).toBeGreaterThan(150);
    }
    expect(bodyWords(file, n).length).toBeGreaterThan(40);
  });

  it.each(['N4', 'DSN4'])("%s's default PDF has a summary that says it picked what stands out, the legend, and no app instructions", (lap) => {
    const { file } = docs.get(lap)!;
    const all = flat(text(file));
    const summary = flat(text(file, 2));
    expect(summary).toContain(`Summary: what stands out in ${lap}`);
    expect(summary).toContain('LAP Insight picked these');
    expect(summary).toContain('What the comparison words mean');
    for (const word of Object.values(COMPARISON_LABELS)) expect(summary, word).toContain(word);
    expect(summary).toContain('95% confidence interval');
    expect(summary).toContain('99.8% confidence interval');
    expect(all).toContain('About these figures');
    expect(all).toContain('What 95% and 99.8% mean');
    expect(all).toContain('Places and access');
    // The cover map has the basemap's context, credited under it (and in the licences).
    const cover = flat(text(file, 1));
    expect(cover).toContain('© OpenStreetMap contributors');
    expect(cover).toContain('OS Open Roads');
    expect(cover).toContain('Contains OS data © Crown copyright');
    // Never tells the reader to work the app.
    expect(all).not.toMatch(/\bpin(ned)?\b|open the profile|In LAP Insight|\bImport the\b|\bclick\b/i);
  });

  it.each(['N4', 'DSN4'])("%s's summary lists only significant differences, worse and better, as the profile has them", (lap) => {
    const profile = profiles.get(lap)!;
    const summary = flat(text(docs.get(lap)!.file, 2));
    const worse = profile.indicators.filter((i) => !isPopulationCount(i) && (i.comparison === 'worse' || i.comparison === 'worst'));
    const better = profile.indicators.filter((i) => !isPopulationCount(i) && (i.comparison === 'better' || i.comparison === 'best'));
    const listed = profile.indicators.filter((i) => summary.includes(`${flat(i.shortName)} ${i.period}`));
    expect(listed.length).toBeGreaterThan(0);
    for (const i of listed) expect(['worse', 'worst', 'better', 'best'], i.id).toContain(i.comparison);
    const listedWorse = listed.filter((i) => worse.includes(i)).length;
    const listedBetter = listed.filter((i) => better.includes(i)).length;
    expect(listedWorse).toBeLessThanOrEqual(Math.min(5, worse.length));
    expect(listedBetter).toBeLessThanOrEqual(Math.min(5, better.length));
    expect(listedWorse + listedBetter).toBe(listed.length);
    if (better.length > 0) expect(listed.some((i) => better.includes(i))).toBe(true);
    if (worse.length > 0) expect(listed.some((i) => worse.includes(i))).toBe(true);
  });

  it('shows the short selection of N4 on its ambition pages, says what the full version adds, and no population counts', () => {
    const profile = profiles.get('N4')!;
    const { file } = docs.get('N4')!;
    // Every page but the summary (which may name any indicator that stands out).
    const rest = flat(
      Array.from({ length: pages(file) }, (_, k) => k + 1)
        .filter((p) => p !== 2)
        .map((p) => text(file, p))
        .join('\n'),
    );
    const counts = profile.indicators.filter(isPopulationCount);
    expect(counts.length).toBeGreaterThan(20);
    // A row prints its period unless every year of it is already in the name ("Burglary (Jan-Apr 2024)").
    const label = (name: string, period: string) => ((period.match(/\b(19|20)\d\d\b/g) ?? ['-']).every((y) => name.includes(y)) ? name : `${name} ${period}`);
    for (const i of profile.indicators) {
      const shown = rest.includes(flat(label(i.shortName, i.period)));
      expect(shown, `${i.id} (${i.shortName} ${i.period})`).toBe(isShortIndicator(i));
    }
    // Hand-checked choices: the newer edition of a measure, not the older; 2011 and council-only rows in the full version.
    const short = new Set(profile.indicators.filter(isShortIndicator).map((i) => i.id));
    expect(short.has('imd25_income_rate')).toBe(true);
    expect(short.has('imd19_income_rate')).toBe(false);
    expect(short.has('imd19_idaci_rate')).toBe(true);
    expect(short.has('census11_unemployed')).toBe(false);
    expect(short.has('qof_prev_dm') && short.has('gp_smoking_qof')).toBe(true);
    expect(short.has('qof_prev_ra')).toBe(false);
    expect(rest).toMatch(/\d+ further indicators \(.*\) are in the full technical version\./);
  });

  it("the full version of N4 still has every indicator, ward breakdowns and the methods appendix", () => {
    const { file, result } = docs.get('N4 full')!;
    expect(result.fileName).toBe('N4 Local Area Profile (full).pdf');
    // Letters and digits only: a long name wraps inside its table cell, sometimes at a hyphen ("mid-" / "2020").
    const alnum = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '');
    const all = flat(text(file));
    const letters = alnum(all);
    const profile = profiles.get('N4')!;
    for (const i of profile.indicators) expect(letters.includes(alnum(i.name)), `${i.id}: ${i.name}`).toBe(true);
    expect(all).toContain('Ward breakdown of the indicators that stand out');
    expect(all).toContain('Appendix A: Methods');
    expect(all).toContain('Appendix B: Sources and licences');
    expect(pages(file)).toBeGreaterThan(pages(docs.get('N4')!.file));
    expect(all).not.toMatch(/\bpin up to\b|open the profile/i);
  });

  it('wrote a page image of every page of both default PDFs', () => {
    for (const lap of ['N4', 'DSN4']) {
      const n = pages(docs.get(lap)!.file);
      expect(readdirSync(OUT).filter((f) => new RegExp(`^${lap.toLowerCase()}-page-\\d+\\.png$`).test(f))).toHaveLength(n);
    }
  });
});
