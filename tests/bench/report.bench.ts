/**
 * Report benchmarks (`npm run bench -- report`):
 *  - one N4 profile PDF, start to finish (profile, HTML, print), with the browser already running: median seconds;
 *  - the same Chromium printing a static HTML page of the same size, in the same run: the ratio between the two;
 *  - report-all for 16 LAPs (the 2 presets plus 14 SYNTHETIC LAPs of made-up ward lists) in a temporary database.
 * Needs a system Chromium (LAP_INSIGHT_CHROMIUM or /usr/bin/chromium).
 */
import os from 'node:os';
import path from 'node:path';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { run as runCli } from '../../backend/cli/main.ts';
import { ChromiumPrinter, findChromium } from '../../backend/report/chromium.ts';
import { renderReportHtml } from '../../backend/report/html.ts';
import { buildReportInput, printOptionsFor, renderExport } from '../../backend/report/service.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { BenchResult } from './run.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export default async function run(): Promise<BenchResult[]> {
  const executablePath = process.env.LAP_INSIGHT_CHROMIUM || findChromium();
  if (!executablePath) throw new Error('The report bench needs Chrome or Chromium (set LAP_INSIGHT_CHROMIUM).');
  process.env.LAP_INSIGHT_CHROMIUM = executablePath;
  const tmp = tempDir('lap-bench-report-');
  const results: BenchResult[] = [];
  const printer = new ChromiumPrinter({ executablePath });
  const backend = createBackend({ dbPath: path.join(tmp.dir, 'bench.db'), transport: 'test', printer });
  try {
    const data = backend.ctx.report;
    await backend.handlers['laps.pins.set']({ lapId: 1, indicatorIds: ['census21_overcrowding', 'imd25_pop_most_deprived_20pct', 'dwp_cilif_children_rate', 'census21_no_qualifications', 'census21_unemployed'] });

    // Cold: the first report starts the browser.
    let t = performance.now();
    const first = await renderExport(await buildReportInput(data, { kind: 'lap', id: 1 }), 'pdf', () => printer);
    const cold = (performance.now() - t) / 1000;

    const ours: number[] = [];
    const plain: number[] = [];
    let htmlBytes = 0;
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const input = await buildReportInput(data, { kind: 'lap', id: 1 });
      const html = renderReportHtml(input);
      await printer.pdf(html, printOptionsFor(input));
      ours.push((performance.now() - t) / 1000);
      htmlBytes = html.length;

      // The same document as a static page: Chromium printing it, with nothing computed.
      t = performance.now();
      await printer.pdf(html, printOptionsFor(input));
      plain.push((performance.now() - t) / 1000);
    }
    const ratio = median(ours) / median(plain);
    results.push(
      {
        name: 'One profile PDF (N4, warm browser: profile + HTML + print)',
        median: median(ours),
        unit: 's',
        target: '< 3 s',
        note: `${first.pages} pages, ${(first.data.length / 1024).toFixed(0)} KB; HTML ${(htmlBytes / 1024).toFixed(0)} KB; first report incl. browser start ${cold.toFixed(2)} s; 7 runs; load average ${os.loadavg()[0]!.toFixed(1)} at the end`,
      },
      { name: 'Chromium printing a static HTML page of the same size', median: median(plain), unit: 's', note: 'the finished report HTML printed as a static page: same bytes, same pages, same printer and settings, same run' },
      { name: 'Ratio: profile PDF / static page', median: ratio, unit: 'x', target: '< 2' },
    );

    // 16 LAPs: the 2 presets and 14 SYNTHETIC ones (consecutive runs of 3-5 wards of one council; not real LAPs).
    const wards = (await backend.handlers['wards.list']({})).sort((a, b) => a.code.localeCompare(b.code));
    const set = (await backend.handlers['lapSets.list']({})).find((s) => s.kind === 'custom')!;
    for (let i = 0; i < 14; i++) {
      const size = 3 + (i % 3);
      const start = (i * 4) % (wards.length - size);
      const pick = wards.slice(start, start + size).filter((w) => w.authorityCode === wards[start]!.authorityCode);
      const r = await dispatch(backend.handlers, 'laps.create', { setId: set.id, name: `Synthetic LAP ${i + 1}`, wards: pick.map((w) => w.code), notes: 'Synthetic LAP for the report benchmark' });
      if (!r.ok) throw new Error(r.error.message);
    }
  } finally {
    backend.close();
  }
  const lapCount = 16;
  const out = path.join(tmp.dir, 'all');
  const lines: string[] = [];
  const t0 = performance.now();
  const code = await runCli(['--db', path.join(tmp.dir, 'bench.db'), 'report-all', '--out', out], { out: () => {}, err: (l) => lines.push(l) });
  const all = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`report-all failed: ${lines.join(' ')}`);
  results.push({
    name: `report-all, ${lapCount} LAPs (14 synthetic), one browser`,
    median: all,
    unit: 's',
    target: '< 60 s',
    note: `${(all / lapCount).toFixed(2)} s per LAP incl. opening the database and starting the browser; one run`,
  });
  tmp.cleanup();
  return results;
}
