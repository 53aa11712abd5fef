/**
 * Import speed and memory: a 1,000,000-row tidy CSV (SYNTHETIC: invented numbers for the 57 real ward codes; quoted
 * only where needed, like the real extracts, with a comma in one indicator name in ten)
 * through the app's importer (parse, validate, check duplicates, write in one transaction), against the sqlite3
 * command-line `.import` of the same file into a bare table with no checks and no indexes.
 * Targets: at least half the speed of the bare import, and under 500 MB peak memory.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import os from 'node:os';
import { createBackend } from '../../backend/backend.ts';
import { fileSource } from '../../backend/io/csv.ts';
import { runImport } from '../../backend/data/import.ts';
import { tempDir } from '../helpers/tmp.ts';

interface BenchResult {
  name: string;
  median: number;
  unit: string;
  target?: string;
  note?: string;
}

const ROWS = 1_000_000;
const RUNS = 3;
const SQLITE = '/usr/bin/sqlite3';

export async function writeSyntheticFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('area_code,area_name,area_type,indicator_id,indicator_name,period,value,numerator,denominator,lower_ci,upper_ci,unit\n');
  const wards = Array.from({ length: 57 }, (_, i) => `E050${13213 + i}`);
  let n = 0;
  let buf: string[] = [];
  outer: for (let ind = 0; ; ind++) {
    for (let p = 0; p < 20; p++) {
      for (let w = 0; w < 57; w++) {
        if (n >= ROWS) break outer;
        const den = 1000 + ((w * 37 + ind) % 900);
        const num = (ind * 7 + p * 13 + w * 3) % den;
        // Quoted only where needed, as in the real extracts: one indicator in ten has a comma in its name.
        const name = ind % 10 === 0 ? `"Synthetic benchmark indicator ${ind}, invented data"` : `Synthetic benchmark indicator ${ind} (invented data)`;
        buf.push(`${wards[w]},Ward ${w + 1},ward,synthetic_bench_${ind},${name},${2000 + p},,${num},${den},,,count`);
        n++;
        if (buf.length === 10000) {
          if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
          buf = [];
        }
      }
    }
  }
  if (buf.length) out.write(buf.join('\n') + '\n');
  out.end();
  await once(out, 'finish');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Peak resident memory of this process since it started (Linux), in MB. */
function highWaterMb(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export default async function run(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-');
  try {
    const loadBefore = os.loadavg()[0]!.toFixed(1);
    const csv = path.join(t.dir, 'synthetic-1m.csv');
    await writeSyntheticFile(csv);
    const mb = statSync(csv).size / 1e6;

    const ours: number[] = [];
    const bare: number[] = [];
    const oursCpu: number[] = [];
    const bareCpu: number[] = [];
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss / 1e6);
    };
    if (!existsSync(SQLITE)) throw new Error(`${SQLITE} is needed for the comparison`);
    // Runs alternate (ours, sqlite3, ours, ...) so that both see the same machine load.
    for (let k = 0; k < RUNS; k++) {
      const backend = createBackend({ dbPath: path.join(t.dir, `app-${k}.db`), transport: 'test' });
      const timer = setInterval(sample, 20);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runImport(backend.ctx, { source: fileSource(csv) }, { onProgress: sample });
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      oursCpu.push((cpu.user + cpu.system) / 1e6);
      sample();
      clearInterval(timer);
      if (r.status !== 'imported' || r.valuesWritten !== ROWS) throw new Error(`bench import failed: ${r.message}`);
      ours.push(ROWS / secs);
      backend.close();

      const db = path.join(t.dir, `bare-${k}.db`);
      const t1 = performance.now();
      // bash's `time` reports the child's user and system CPU seconds on stderr.
      const res = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; time "$0" "$1" "$2"', SQLITE, db, `.import --csv ${csv} t`], { encoding: 'utf8' });
      const bareSecs = (performance.now() - t1) / 1000;
      if (res.status !== 0) throw new Error(`sqlite3 .import failed: ${res.stderr}`);
      bare.push(ROWS / bareSecs);
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(res.stderr);
      if (m) bareCpu.push(Number(m[1]) + Number(m[2]));
    }
    const oursMedian = median(ours);
    const bareMedian = median(bare);
    const hwm = highWaterMb();
    return [
      {
        name: 'import 1,000,000-row tidy CSV (parse, validate, write)',
        median: oursMedian,
        unit: 'rows/s',
        note: `synthetic file, ${mb.toFixed(0)} MB, 57 wards x 20 periods; runs: ${ours.map((x) => x.toFixed(0)).join(', ')}; ${(ROWS / oursMedian).toFixed(2)} s`,
      },
      {
        name: 'sqlite3 .import of the same file (bare table, no checks)',
        median: bareMedian,
        unit: 'rows/s',
        note: `runs: ${bare.map((x) => x.toFixed(0)).join(', ')}; ${(ROWS / bareMedian).toFixed(2)} s`,
      },
      { name: 'import speed / sqlite3 .import speed', median: oursMedian / bareMedian, unit: 'x', target: '>= 0.5', note: `load average ${loadBefore} before, ${os.loadavg()[0]!.toFixed(1)} after (${os.cpus().length} cores)` },
      ...(bareCpu.length === RUNS
        ? [
            {
              name: 'CPU time: sqlite3 .import / import (less sensitive to machine load)',
              median: median(bareCpu) / median(oursCpu),
              unit: 'x',
              target: '>= 0.5',
              note: `import ${median(oursCpu).toFixed(2)} s CPU (all threads, incl. GC), sqlite3 ${median(bareCpu).toFixed(2)} s CPU`,
            },
          ]
        : []),
      {
        name: 'peak memory (RSS) during the import',
        median: peak,
        unit: 'MB',
        target: '< 500',
        note: `sampled every 20 ms and at each progress event; process high-water mark ${hwm === null ? 'n/a' : `${hwm.toFixed(0)} MB`} (includes writing the file)`,
      },
    ];
  } finally {
    t.cleanup();
  }
}
