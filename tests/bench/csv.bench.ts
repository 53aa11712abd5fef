/**
 * The CSV tokenizer alone (issue 18, item 11): backend/io/csv.ts's hand-written parser against csv-parse on the
 * same file, in this process, in alternating pairs. Both read the bytes in 1 MiB chunks and count the fields of
 * every record; csv-parse runs with the options that match ours (comma, loose quotes kept, any row length, CR, LF
 * or CRLF). The file is the 228,000-row tidy file of cli.bench.ts (SYNTHETIC).
 */
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { fileSource, readCsv } from '../../backend/io/csv.ts';
import { tempDir } from '../helpers/tmp.ts';
import { writeWideFile } from './cli.bench.ts';
import { load, median } from './process.ts';
import type { BenchResult } from './run.ts';

const PAIRS = 5;

interface Run {
  cpu: number;
  fields: number;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

async function ours(file: string): Promise<Run> {
  const t0 = process.cpuUsage();
  let fields = 0;
  await readCsv(fileSource(file), { encoding: 'utf-8', bomLength: 0, fatal: true, delimiter: ',' }, (f) => {
    fields += f.length;
  });
  return { cpu: cpuSince(t0), fields };
}

async function csvParse(file: string): Promise<Run> {
  const t0 = process.cpuUsage();
  let fields = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ delimiter: ',', relax_quotes: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }));
  for await (const record of parser) fields += (record as string[]).length;
  return { cpu: cpuSince(t0), fields };
}

export default async function run(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-csv-');
  try {
    const file = path.join(t.dir, 'synthetic-wide-228k.csv');
    const rows = await writeWideFile(file);
    const mb = statSync(file).size / 1e6;
    const loadBefore = load();
    await ours(file); // warm up both
    await csvParse(file);
    const a: Run[] = [];
    const b: Run[] = [];
    for (let k = 0; k < PAIRS; k++) {
      a.push(await ours(file));
      b.push(await csvParse(file));
    }
    if (a[0]!.fields !== b[0]!.fields) throw new Error(`the parsers disagree: ${a[0]!.fields} and ${b[0]!.fields} fields`);
    const ratios = b.map((r, k) => r.cpu / a[k]!.cpu);
    return [
      { name: `Hand-written tokenizer (backend/io/csv.ts), ${rows.toLocaleString('en-GB')}-row tidy CSV (SYNTHETIC)`, median: median(a.map((r) => r.cpu)), unit: 's CPU', note: `${mb.toFixed(0)} MB; ${PAIRS} runs: ${a.map((r) => r.cpu.toFixed(2)).join(', ')}` },
      { name: 'csv-parse, same file and chunks', median: median(b.map((r) => r.cpu)), unit: 's CPU', note: `${PAIRS} runs: ${b.map((r) => r.cpu.toFixed(2)).join(', ')}` },
      { name: 'Ratio: csv-parse / hand-written (CPU, paired)', median: median(ratios), unit: 'x', target: '<= 1 to swap', note: `pairs: ${ratios.map((x) => x.toFixed(2)).join(', ')}; load average ${loadBefore} before, ${load()} after (2 cores shared)` },
    ];
  } finally {
    t.cleanup();
  }
}
