/**
 * The app's Export button, as the preview transport serves it: the backend with transport 'preview' (which starts
 * the printer in the background once a profile is open, report/warm.ts) and the system Chromium printer; the
 * N4 profile opened, then 'export.profile' (pdf) run as a job to the end through the dispatcher, as the preview's
 * HTTP handler does. Goals (issue 17): the first export after start < 5 s; later exports < 3 s.
 *
 *  - first export, clicked as soon as the profile shows (the browser may still be starting);
 *  - first export, clicked 3 s after the profile shows (the warm-up has had time to finish);
 *  - later exports with the printer warm (the same page reused).
 * Each start is a fresh backend and a fresh browser. Needs a system Chromium.
 */
import os from 'node:os';
import path from 'node:path';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { JobInfo } from '../../shared/contract/data.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { findChromium } from '../../backend/report/chromium.ts';
import { tempDir } from '../helpers/tmp.ts';
import type { BenchResult } from './run.ts';

const STARTS = 2;
const WARM_RUNS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function send<K extends Channel>(b: Backend, channel: K, args: Args<K>): Promise<Results[K]> {
  const r = await dispatch(b.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Results[K];
}

/** Seconds from the click to the finished PDF. */
async function exportPdf(b: Backend, lapId: number): Promise<number> {
  const t = performance.now();
  const { jobId } = await send(b, 'export.profile', { area: { kind: 'lap', id: lapId }, format: 'pdf' });
  for (;;) {
    const info = (await send(b, 'jobs.get', { jobId })) as JobInfo;
    if (info.state === 'done') return (performance.now() - t) / 1000;
    if (info.state !== 'running') throw new Error(`export failed: ${info.error}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export default async function run(): Promise<BenchResult[]> {
  const executablePath = process.env.LAP_INSIGHT_CHROMIUM || findChromium();
  if (!executablePath) throw new Error('The export bench needs Chrome or Chromium (set LAP_INSIGHT_CHROMIUM).');
  process.env.LAP_INSIGHT_CHROMIUM = executablePath;
  const tmp = tempDir('lap-bench-export-');
  const immediate: number[] = [];
  const afterPause: number[] = [];
  const warm: number[] = [];
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  try {
    for (let k = 0; k < STARTS; k++) {
      for (const pause of [0, 3000]) {
        const b = createBackend({ dbPath: path.join(tmp.dir, `export-${k}-${pause}.db`), transport: 'preview' });
        try {
          const n4 = (await send(b, 'laps.list', {})).find((l) => l.name === 'N4')!;
          await send(b, 'profile.get', { area: { kind: 'lap', id: n4.id } });
          if (pause) await new Promise((r) => setTimeout(r, pause));
          (pause ? afterPause : immediate).push(await exportPdf(b, n4.id));
          if (pause) for (let i = 0; i < WARM_RUNS; i++) warm.push(await exportPdf(b, n4.id));
        } finally {
          b.close();
          await new Promise((r) => setTimeout(r, 500)); // let the browser exit
        }
      }
    }
  } finally {
    tmp.cleanup();
  }
  const note = `load average ${loadBefore} before, ${os.loadavg()[0]!.toFixed(1)} after (2 cores shared)`;
  return [
    { name: 'App export (preview transport): first N4 PDF, clicked as the profile shows', median: median(immediate), unit: 's', target: '< 5 s', note: `fresh backend and browser each time; runs ${immediate.map((x) => x.toFixed(2)).join(', ')} s; ${note}` },
    { name: 'App export: first N4 PDF, clicked 3 s after the profile shows (printer warmed meanwhile)', median: median(afterPause), unit: 's', target: '< 5 s', note: `runs ${afterPause.map((x) => x.toFixed(2)).join(', ')} s` },
    { name: 'App export: later N4 PDFs (printer warm, one page reused)', median: median(warm), unit: 's', target: '< 3 s', note: `${warm.length} runs: ${warm.map((x) => x.toFixed(2)).join(', ')} s` },
  ];
}
