/**
 * Places speed: 10,000 SYNTHETIC places (invented names, categories and addresses, at random points spread over the
 * box around the two councils, fixed seed) imported end to end through the backend handlers ('places.import': decode,
 * parse, validate, project, find each place's ward, write in one transaction), then the map data ('places.map') and
 * the places and distances of N4 and of a whole council ('places.forArea').
 * Target: the import under 2 s. Measured here, never asserted in tests. Median of a few runs, each in a fresh database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLACE_CATEGORIES } from '../../shared/places.ts';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { tempDir } from '../helpers/tmp.ts';

interface BenchResult {
  name: string;
  median: number;
  unit: string;
  target?: string;
  note?: string;
}

const PLACES = 10_000;
const RUNS = 3;
/** Inside the box around the 57 wards (assets/geography.json bounds), a little in from its edges. */
const BOX = { west: -1.32, south: 51.99, east: -0.35, north: 52.63 };

function syntheticCsv(): string {
  let seed = 7_2026;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['name,category,longitude,latitude,address,postcode'];
  for (let i = 0; i < PLACES; i++) {
    const c = PLACE_CATEGORIES[i % PLACE_CATEGORIES.length]!;
    const lon = (BOX.west + rand() * (BOX.east - BOX.west)).toFixed(6);
    const lat = (BOX.south + rand() * (BOX.north - BOX.south)).toFixed(6);
    lines.push(`Synthetic ${c.label.toLowerCase()} ${i + 1},${c.label},${lon},${lat},"${i + 1} Invented Road, Synthetic Town",NN0 ${(i % 9) + 1}ZZ`);
  }
  return lines.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function send<K extends Channel>(backend: Backend, channel: K, args: Args<K>): Promise<Results[K]> {
  const r = await dispatch(backend.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Results[K];
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export default async function run(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-places-');
  try {
    const load = os.loadavg()[0]!.toFixed(1);
    const file = path.join(t.dir, 'places-10k-synthetic.csv');
    writeFileSync(file, syntheticCsv());
    const contentBase64 = readFileSync(file).toString('base64');
    const times = { import: [] as number[], map: [] as number[], n4: [] as number[], council: [] as number[] };
    let stored = 0;
    let outside = 0;
    for (let i = 0; i < RUNS; i++) {
      const backend = createBackend({ dbPath: path.join(t.dir, `bench-${i}.db`), transport: 'test' });
      try {
        const n4 = (await send(backend, 'laps.list', {})).find((l) => l.name === 'N4')!;
        const imp = await timed(() => send(backend, 'places.import', { fileName: 'places-10k-synthetic.csv', contentBase64 }));
        if (imp.value.status !== 'imported') throw new Error(`the synthetic import failed: ${imp.value.message}`);
        stored = imp.value.counts.places;
        outside = imp.value.counts.outside;
        times.import.push(imp.ms);
        const map = await timed(() => send(backend, 'places.map', {}));
        if (map.value.features.length !== stored) throw new Error('places.map did not return every place');
        times.map.push(map.ms);
        times.n4.push((await timed(() => send(backend, 'places.forArea', { area: { kind: 'lap', id: n4.id } }))).ms);
        times.council.push((await timed(() => send(backend, 'places.forArea', { area: { kind: 'council', code: 'E06000062' } }))).ms);
      } finally {
        backend.close();
      }
    }
    const note = `${stored.toLocaleString('en-GB')} synthetic places (${outside.toLocaleString('en-GB')} outside the two councils); median of ${RUNS} fresh databases; load average ${load} at start`;
    return [
      { name: 'places.import, 10,000 places (CSV, lon/lat)', median: median(times.import), unit: 'ms', target: '< 2 s', note },
      { name: 'places.map (every place, GeoJSON)', median: median(times.map), unit: 'ms', note: 'after the import above' },
      { name: 'places.forArea, N4 (4 wards)', median: median(times.n4), unit: 'ms', note: 'counts, list and straight-line distances' },
      { name: 'places.forArea, West Northamptonshire (31 wards)', median: median(times.council), unit: 'ms', note: 'counts, list and straight-line distances' },
    ];
  } finally {
    t.cleanup();
  }
}
