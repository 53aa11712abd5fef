/**
 * Crash safety of `lap-insight import FILE`: a large synthetic tidy CSV (labelled SYNTHETIC: LSOA values for
 * 30 indicators x 5 periods, 66,450 rows, 6 MB; 40 x 10 in a soak run) is imported by the real CLI in a child process, which is SIGKILLed at random moments —
 * half uniformly over the whole run, half during the write transaction. After every kill the database must pass
 * PRAGMA integrity_check and hold either all of the import or none of it (dataset rows and value rows counted
 * against an uninterrupted import), any pre-import backup left behind must be whole, and LAP Insight must then start
 * on it without finding damage. The database holds a LAP of the user's, so each import backs it up first.
 *
 * Runs when the CLI has an `import` command (skipped, saying so, otherwise). Kills: 20 by default;
 * LAP_INSIGHT_SOAK_KILLS=N for a soak run (npm run soak).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { listBackups } from '../../backend/safety/backups.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { inspectAfterKill, killStragglers, pool, rng, runAndKill } from './helpers/kill.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(repo, 'bin', 'lap-insight.mjs');
const KILLS = Number(process.env.LAP_INSIGHT_SOAK_KILLS ?? 20);
const SEED = Number(process.env.LAP_INSIGHT_SOAK_SEED ?? 20261123);
const PARALLEL = 4;
/** The synthetic file: indicators x periods x 443 LSOAs. Bigger for a soak run. */
const SIZE = process.env.LAP_INSIGHT_SOAK_KILLS ? { indicators: 40, periods: 10 } : { indicators: 30, periods: 5 }; // over 5 MB, so the CLI reports its phases

const help = (() => {
  try {
    return execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 60_000 });
  } catch {
    return '';
  }
})();
const hasImport = /^\s+import FILE/m.test(help);

let dir: string;
let cleanup: () => void;
let template: string;
let csv: string;
let expected = { datasets: 1, values: 0 };
let writeMs = 0;
let totalMs = 0;
let rowsInFile = 0;
const outcomes = { all: 0, none: 0, finishedBeforeKill: 0, killedWhileWriting: 0, killedElsewhere: 0, backupsChecked: 0 };

/** User datasets and their value rows: the import's footprint. */
function footprint(db: Database.Database) {
  const datasets = (db.prepare("SELECT COUNT(*) AS n FROM dataset WHERE kind = 'user'").get() as { n: number }).n;
  const values = (db.prepare("SELECT COUNT(*) AS n FROM value v JOIN dataset d ON d.id = v.dataset_id WHERE d.kind = 'user'").get() as { n: number }).n;
  return { datasets, values };
}

function syntheticCsv(file: string, indicators: number, periods: number): number {
  const lsoas = readFileSync(path.join(repo, 'assets', 'lookups', 'lsoa21_ward.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
  const rows = ['area_code,area_type,indicator_id,indicator_name,period,value,numerator,denominator,unit'];
  for (let i = 0; i < indicators; i++) {
    for (let p = 0; p < periods; p++) {
      for (const [k, code] of lsoas.entries()) {
        const den = 1000 + ((k * 37 + i * 11 + p) % 500);
        rows.push(`${code},lsoa21,synthetic_hardening_${i},SYNTHETIC hardening test data ${i} (not real),${2015 + p},,${(k * 13 + i * 7 + p * 3) % den},${den},count`);
      }
    }
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
  return rows.length - 1;
}

beforeAll(async () => {
  if (!hasImport) return;
  const t = tempDir('lap-killed-import-');
  dir = t.dir;
  cleanup = t.cleanup;
  template = path.join(dir, 'template.db');
  // Seeded, with some work of the user's (so each import first makes its backup: kills land there too), one file.
  const t0 = createBackend({ dbPath: seededDb(template), transport: 'test', onNotice: () => {} });
  const custom = (t0.db.prepare("SELECT id FROM lap_set WHERE kind = 'custom' ORDER BY id").pluck().get() as number);
  const made = await dispatch(t0.handlers, 'laps.create', { setId: custom, name: 'Work to keep', wards: ['E05013246'] });
  expect(made.ok).toBe(true);
  t0.close();
  csv = path.join(dir, 'synthetic-hardening.csv');
  rowsInFile = syntheticCsv(csv, SIZE.indicators, SIZE.periods);
  // The uninterrupted import: what "all" means, how long it takes, and how long its write phase lasts.
  const db = path.join(dir, 'baseline', 'lap-insight.db');
  mkdirSync(path.dirname(db));
  copyFileSync(template, db);
  const run = await runAndKill(process.execPath, [bin, 'import', csv, '--db', db], {
    delayMs: 0,
    afterLine: { pattern: /Writing [\d,]+ values/, delayMs: 120_000 },
    timeoutMs: 120_000,
  });
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.lineAtMs, 'the CLI reports the write phase for big files').not.toBeNull();
  totalMs = run.atMs;
  writeMs = Math.max(100, totalMs - run.lineAtMs!);
  expected = inspectAfterKill(db, footprint).result;
  expect(expected.datasets).toBe(1);
  expect(expected.values).toBe(Number(/Writing ([\d,]+) values/.exec(run.stderr)![1]!.replace(/,/g, '')));
}, 180_000);

afterAll(() => {
  killStragglers();
  cleanup?.();
  if (!hasImport) {
    console.log("[killed-import] SKIPPED: the CLI has no 'import' command yet.");
    return;
  }
  console.log(
    `[killed-import] ${KILLS} SIGKILLs survived (seed ${SEED}): ${outcomes.none} left none of the import, ${outcomes.all} all of it (${expected.values} values from ${rowsInFile} synthetic rows), never a part; ` +
      `${outcomes.killedWhileWriting} landed after the write began, ${outcomes.killedElsewhere} at random points of the whole run, ${outcomes.finishedBeforeKill} finished first. ` +
      `Uninterrupted import: ${totalMs} ms, of which writing ${writeMs} ms. ${outcomes.backupsChecked} pre-import backups left behind, all whole. integrity_check ok after every kill, and LAP Insight started cleanly on every database left behind.`,
  );
});

describe('SIGKILL during lap-insight import', () => {
  it.skipIf(!hasImport)(`leaves all of the import or none of it, ${KILLS} times`, async () => {
    const random = rng(SEED);
    const plans = Array.from({ length: KILLS }, (_, i) =>
      i % 2 === 0
        // The ranges run past the end on purpose (runs in parallel are slower than the baseline): some kills must
        // land after the commit, so both outcomes are seen.
        ? { kind: 'anywhere' as const, delayMs: Math.round(150 + random() * totalMs * 2) }
        : { kind: 'writing' as const, delayMs: Math.round(random() * writeMs * 3) },
    );
    await pool(plans, PARALLEL, async (plan, i) => {
      const db = path.join(dir, `run-${i}`, 'lap-insight.db');
      mkdirSync(path.dirname(db));
      copyFileSync(template, db);
      const run = await runAndKill(
        process.execPath,
        [bin, 'import', csv, '--db', db],
        plan.kind === 'anywhere' ? { delayMs: plan.delayMs } : { delayMs: 0, afterLine: { pattern: /Writing [\d,]+ values/, delayMs: plan.delayMs } },
      );
      const { integrity, result } = inspectAfterKill(db, footprint);
      expect(integrity, `kill ${i} at ${run.atMs} ms`).toBe('ok');
      const all = result.datasets === expected.datasets && result.values === expected.values;
      const none = result.datasets === 0 && result.values === 0;
      expect(all || none, `kill ${i} (${plan.kind}, ${run.atMs} ms): ${JSON.stringify(result)} is neither all nor none`).toBe(true);
      // The pre-import backup, if it got that far, is whole (or only a .tmp).
      for (const backup of listBackups(db)) {
        expect(inspectAfterKill(backup.file, () => null).integrity, backup.file).toBe('ok');
        outcomes.backupsChecked++;
      }
      if (all) outcomes.all++;
      else outcomes.none++;
      if (run.finished) outcomes.finishedBeforeKill++;
      else if (plan.kind === 'writing') outcomes.killedWhileWriting++;
      else outcomes.killedElsewhere++;
      // The app starts on what was left, and finds nothing to repair.
      const notices: string[] = [];
      const b = createBackend({ dbPath: db, transport: 'test', onNotice: (n) => notices.push(n.code) });
      b.close();
      expect(notices.filter((c) => c !== 'backup-failed')).toEqual([]);
    });
    expect(outcomes.all + outcomes.none).toBe(KILLS);
  }, 600_000);
});
