/**
 * Places on the map (`npm run bench -- places-map`): 10,000 SYNTHETIC places (invented names, at random points over
 * the box around the two councils, fixed seed) written to a CSV in a temporary folder and imported through the
 * backend; then the built renderer (dist/renderer: run `npm run build:renderer` first) in Chromium with the e2e
 * harness and flags (software WebGL), the map panned programmatically in a circle for a few seconds at a time, every
 * frame timed with requestAnimationFrame:
 *
 *   - at the county view (zoom 9), where the places are clustered;
 *   - over Northampton (zoom 12), where most are single markers with their letters;
 *   - the county view again with the place layers hidden, as the baseline.
 *
 * Reported: median and 95th percentile milliseconds per frame, and the time from opening the page to the places
 * being drawn. Results only: speed is never asserted.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PLACE_CATEGORIES } from '../../shared/places.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { mapIdle, startHarness } from '../e2e/helpers.ts';
import type { BenchResult } from './run.ts';

const PLACES = 10_000;
const SECONDS = 4;
/** Inside the box around the 57 wards, a little in from its edges. */
const BOX = { west: -1.32, south: 51.99, east: -0.35, north: 52.63 };
const NORTHAMPTON: [number, number] = [-0.893, 52.238];
const PLACE_LAYERS = ['place-clusters', 'place-cluster-count', 'place-selected', 'place-points', 'place-letters'];

function syntheticCsv(): string {
  let seed = 9_2026;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['name,category,longitude,latitude'];
  for (let i = 0; i < PLACES; i++) {
    const c = PLACE_CATEGORIES[Math.floor(rand() * PLACE_CATEGORIES.length)]!;
    const lon = (BOX.west + rand() * (BOX.east - BOX.west)).toFixed(5);
    const lat = (BOX.south + rand() * (BOX.north - BOX.south)).toFixed(5);
    lines.push(`Synthetic place ${i + 1},${c.label},${lon},${lat}`);
  }
  return lines.join('\n') + '\n';
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
};

/** Pans in a circle around `centre` at `zoom` for `seconds`, one small move per frame; the time of every frame. */
async function panFrames(page: Page, centre: [number, number], zoom: number, seconds: number): Promise<number[]> {
  return page.evaluate(
    async ({ centre, zoom, seconds }) => {
      const map = window.__lapMap!.map;
      map.jumpTo({ center: centre, zoom });
      await new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
      // The circle: a quarter of the view's width, one turn every four seconds.
      const bounds = map.getBounds();
      const rx = (bounds.getEast() - bounds.getWest()) / 4;
      const ry = (bounds.getNorth() - bounds.getSouth()) / 4;
      const frames: number[] = [];
      await new Promise<void>((resolve) => {
        let start = 0;
        let last = 0;
        const step = (now: number) => {
          if (start === 0) {
            start = now;
            last = now;
          } else {
            frames.push(now - last);
            last = now;
          }
          const t = ((now - start) / 4000) * 2 * Math.PI;
          map.jumpTo({ center: [centre[0] + rx * Math.sin(t), centre[1] + ry * (1 - Math.cos(t))] });
          if (now - start < seconds * 1000) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      return frames;
    },
    { centre, zoom, seconds },
  );
}

export default async function run(): Promise<BenchResult[]> {
  const h = await startHarness('lap-bench-places-map-');
  const results: BenchResult[] = [];
  try {
    const file = path.join(h.tmpDir, 'places-10000-synthetic.csv');
    const csv = syntheticCsv();
    writeFileSync(file, csv);
    const content = Buffer.from(csv).toString('base64');
    const t0 = performance.now();
    const reply = await dispatch(h.backend.handlers, 'places.import', { fileName: path.basename(file), contentBase64: content });
    const importMs = performance.now() - t0;
    if (!reply.ok) throw new Error(reply.error.message);
    const imported = reply.value as { status: string; counts: { places: number }; message: string };
    if (imported.status !== 'imported') throw new Error(imported.message);

    const tOpen = performance.now();
    const { page } = await h.openPage();
    // tsx keeps function names with a helper (__name) the page does not have: give it one (a string, not transformed).
    await page.evaluate('window.__name = (f) => f');
    await mapIdle(page);
    await page.waitForFunction(() => window.__lapMap!.map.queryRenderedFeatures({ layers: ['place-clusters', 'place-points'] }).length > 0, undefined, { timeout: 120_000 });
    await mapIdle(page);
    const drawnMs = performance.now() - tOpen;

    results.push({
      name: `Import ${imported.counts.places.toLocaleString('en-GB')} SYNTHETIC places (backend, for context)`,
      median: importMs / 1000,
      unit: 's',
      target: '< 2 s',
      note: 'one run; see the places bench for the median',
    });
    results.push({ name: 'Open the app until 10,000 places are drawn (page, map, places.map, clustering)', median: drawnMs / 1000, unit: 's' });

    const scenarios: { name: string; centre: [number, number]; zoom: number; hide?: boolean }[] = [
      { name: 'Pan, county view (zoom 9), 10,000 places clustered', centre: [-0.84, 52.3], zoom: 9 },
      { name: 'Pan, Northampton (zoom 12), single markers with letters', centre: NORTHAMPTON, zoom: 12 },
      { name: 'Pan, county view (zoom 9), place layers hidden (baseline)', centre: [-0.84, 52.3], zoom: 9, hide: true },
    ];
    for (const s of scenarios) {
      await page.evaluate(
        ({ layers, hide }) => {
          const map = window.__lapMap!.map;
          for (const id of layers) map.setLayoutProperty(id, 'visibility', hide ? 'none' : 'visible');
        },
        { layers: PLACE_LAYERS, hide: !!s.hide },
      );
      // A short warm-up (tiles of this view), then the measured run.
      await panFrames(page, s.centre, s.zoom, 1);
      const frames = await panFrames(page, s.centre, s.zoom, SECONDS);
      const med = quantile(frames, 0.5);
      const p95 = quantile(frames, 0.95);
      const note = `${frames.length} frames in ${SECONDS} s; Chromium, software WebGL (SwiftShader), 1280×800`;
      results.push({ name: `${s.name}: ms per frame`, median: med, unit: 'ms', note });
      results.push({ name: `${s.name}: 95th percentile ms per frame`, median: p95, unit: 'ms', note: `about ${Math.round(1000 / med)} frames a second at the median` });
    }
  } finally {
    await h.close();
  }
  return results;
}
