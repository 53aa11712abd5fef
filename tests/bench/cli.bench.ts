/**
 * The CLI as whole processes (issue 17), each comparison in alternating pairs on this shared machine:
 *
 *  1. start: `lap-insight info` against `node -e "require('better-sqlite3')"` (goal: at most 4x);
 *  2. import: a 228,000-row tidy CSV (4,000 indicators x 57 wards, one period: SYNTHETIC, invented numbers for the
 *     57 real ward codes) and the 1,000,000-row file of import.bench.ts, as `lap-insight import` into an existing
 *     database, against `sqlite3 .import` of the same file into a bare table (goal: at most 2x). Skipped, and
 *     said so, where sqlite3 is not installed;
 *  3. memory: peak RSS of those imports and of a 50 MB single-field file (refused) against 3x the file + 150 MB.
 *
 * Wall times are what the goals name; on a loaded machine CPU times (user + system) are steadier, so both are given.
 */
import { copyFileSync, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import { tempDir } from '../helpers/tmp.ts';
import { writeSyntheticFile } from './import.bench.ts';
import { SQLITE3, load, measure, median, s2, type ProcessRun } from './process.ts';
import type { BenchResult } from './run.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../bin/lap-insight.mjs');
const NODE = process.execPath;
const START_PAIRS = 9;
const IMPORT_PAIRS = 3;

/** SYNTHETIC: 4,000 invented indicators for the 57 real ward codes, one period; one name in ten quoted. */
export async function writeWideFile(file: string): Promise<number> {
  const out = createWriteStream(file);
  out.write('area_code,area_name,area_type,indicator_id,indicator_name,period,value,numerator,denominator,lower_ci,upper_ci,unit\n');
  const wards = Array.from({ length: 57 }, (_, i) => `E050${13213 + i}`);
  let rows = 0;
  for (let ind = 0; ind < 4000; ind++) {
    const buf: string[] = [];
    for (let w = 0; w < 57; w++) {
      const den = 1000 + ((w * 37 + ind) % 900);
      const num = (ind * 7 + w * 3) % den;
      const name = ind % 10 === 0 ? `"Synthetic wide indicator ${ind}, invented data"` : `Synthetic wide indicator ${ind} (invented data)`;
      buf.push(`${wards[w]},Ward ${w + 1},ward,synthetic_wide_${ind},${name},2023,,${num},${den},,,count`);
      rows++;
    }
    if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** A tidy file whose one data row has a 50 MB quoted indicator name (SYNTHETIC). */
async function writeHugeFieldFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('area_code,area_type,indicator_id,indicator_name,period,value,numerator,denominator,unit\nE05013246,ward,synthetic_huge,"');
  const piece = 'Synthetic long name '.repeat(52429); // 1 MiB
  for (let i = 0; i < 48; i++) if (!out.write(piece)) await once(out, 'drain');
  out.write('",2023,,1,10,count\n');
  out.end();
  await once(out, 'finish');
}

function cli(args: string[]): ProcessRun {
  return measure(NODE, [BIN, ...args]);
}

export default async function run(): Promise<BenchResult[]> {
  const t = tempDir('lap-bench-cli-');
  const results: BenchResult[] = [];
  try {
    if (!(await ensureCliBundle())) throw new Error('the CLI bundle could not be built (is esbuild installed?)');
    const template = path.join(t.dir, 'template.db');
    if (cli(['info', '--db', template]).status !== 0) throw new Error('lap-insight info failed');

    // 1. Start.
    const load0 = load();
    const bare: ProcessRun[] = [];
    const info: ProcessRun[] = [];
    cli(['info', '--db', template]); // warm the file cache
    for (let k = 0; k < START_PAIRS; k++) {
      bare.push(measure(NODE, ['-e', "require('better-sqlite3')"]));
      info.push(cli(['info', '--db', template]));
    }
    const ratios = info.map((r, k) => r.wall / bare[k]!.wall);
    results.push(
      { name: '`lap-insight info` (whole process, bundle built)', median: median(info.map((r) => r.wall)) * 1000, unit: 'ms', note: `CPU ${(median(info.map((r) => r.cpu)) * 1000).toFixed(0)} ms; ${START_PAIRS} runs, paired` },
      { name: "`node -e \"require('better-sqlite3')\"`", median: median(bare.map((r) => r.wall)) * 1000, unit: 'ms', note: `CPU ${(median(bare.map((r) => r.cpu)) * 1000).toFixed(0)} ms` },
      {
        name: 'Ratio: info / require(better-sqlite3), median of paired runs',
        median: median(ratios),
        unit: 'x',
        target: '<= 4',
        note: `pairs: ${ratios.map((x) => x.toFixed(1)).join(', ')}; load average ${load0} before, ${load()} after (2 cores shared)`,
      },
    );

    // 2 and 3. Imports.
    const haveSqlite = existsSync(SQLITE3);
    const files: { label: string; file: string; rows: number }[] = [];
    const wide = path.join(t.dir, 'synthetic-wide-228k.csv');
    files.push({ label: '228,000-row tidy CSV (4,000 indicators x 57 wards, SYNTHETIC)', file: wide, rows: await writeWideFile(wide) });
    const big = path.join(t.dir, 'synthetic-1m.csv');
    await writeSyntheticFile(big);
    files.push({ label: '1,000,000-row tidy CSV (import.bench.ts file, SYNTHETIC)', file: big, rows: 1_000_000 });
    for (const f of files) {
      const mb = statSync(f.file).size / 1e6;
      const loadBefore = load();
      const ours: ProcessRun[] = [];
      const sq: ProcessRun[] = [];
      for (let k = 0; k < IMPORT_PAIRS; k++) {
        const db = path.join(t.dir, `import-${k}.db`);
        copyFileSync(template, db);
        const r = cli(['import', f.file, '--db', db]);
        if (r.status !== 0) throw new Error(`lap-insight import failed: ${r.stderr.slice(-400)}`);
        ours.push(r);
        rmSync(path.dirname(db) + '/backups', { recursive: true, force: true });
        for (const x of ['', '-wal', '-shm']) rmSync(db + x, { force: true });
        if (haveSqlite) {
          const bareDb = path.join(t.dir, `bare-${k}.db`);
          const s = measure(SQLITE3, [bareDb, `.import --csv ${f.file} t`]);
          if (s.status !== 0) throw new Error(`sqlite3 .import failed: ${s.stderr}`);
          sq.push(s);
          rmSync(bareDb, { force: true });
        }
      }
      const oursWall = median(ours.map((r) => r.wall));
      const peak = Math.max(...ours.map((r) => r.maxRssMb));
      results.push({
        name: `lap-insight import, ${f.label}`,
        median: oursWall,
        unit: 's',
        note: `${mb.toFixed(0)} MB; whole process into an existing database; runs ${ours.map((r) => s2(r.wall)).join(', ')}; CPU ${s2(median(ours.map((r) => r.cpu)))}`,
      });
      if (haveSqlite) {
        const wallRatios = ours.map((r, k) => r.wall / sq[k]!.wall);
        const cpuRatios = ours.map((r, k) => r.cpu / sq[k]!.cpu);
        results.push(
          { name: `sqlite3 .import, same file, bare table`, median: median(sq.map((r) => r.wall)), unit: 's', note: `CPU ${s2(median(sq.map((r) => r.cpu)))}` },
          { name: `Ratio: import / sqlite3 .import (wall), ${f.rows.toLocaleString('en-GB')} rows`, median: median(wallRatios), unit: 'x', target: '<= 2', note: `pairs: ${wallRatios.map((x) => x.toFixed(2)).join(', ')}; load average ${loadBefore} before, ${load()} after` },
          { name: `Ratio: import / sqlite3 .import (CPU), ${f.rows.toLocaleString('en-GB')} rows`, median: median(cpuRatios), unit: 'x', target: '<= 2', note: 'CPU time (user + system): less sensitive to the other work on the machine' },
        );
      } else {
        results.push({ name: `Ratio: import / sqlite3 .import, ${f.rows.toLocaleString('en-GB')} rows`, median: NaN, unit: '', target: '<= 2', note: `SKIPPED: ${SQLITE3} is not installed (apt-get install sqlite3)` });
      }
      results.push({ name: `Peak memory (max RSS), import of the ${f.rows.toLocaleString('en-GB')}-row file`, median: peak, unit: 'MB', target: `<= ${(3 * mb + 150).toFixed(0)} MB (3x file + 150)` });
    }

    const huge = path.join(t.dir, 'synthetic-50mb-field.csv');
    await writeHugeFieldFile(huge);
    const hugeMb = statSync(huge).size / 1e6;
    const db = path.join(t.dir, 'huge.db');
    copyFileSync(template, db);
    const h = cli(['import', huge, '--db', db]);
    const refused = h.status === 1 && /longer than 1 MB/.test(h.stderr);
    results.push({
      name: 'A 50 MB single field (SYNTHETIC): refused, peak memory',
      median: h.maxRssMb,
      unit: 'MB',
      target: `<= ${(3 * hugeMb + 150).toFixed(0)} MB`,
      note: `${refused ? 'refused with the row and column' : 'NOT REFUSED AS EXPECTED'} in ${s2(h.wall)} (CPU ${s2(h.cpu)}); before: 1.2 GB and about 20 s`,
    });
    return results;
  } finally {
    t.cleanup();
  }
}
