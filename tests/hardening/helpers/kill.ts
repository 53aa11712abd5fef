/**
 * Helpers for the crash tests: run a child process, SIGKILL it at a chosen moment (after a delay, or a delay after
 * a line appears on its stderr), and look at the database it left behind with a plain connection — exactly what
 * the next start of the app will find — before LAP Insight's own start-up checks get a chance to repair anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';

export interface KillOutcome {
  /** The child finished before the kill landed. */
  finished: boolean;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** ms from spawn to kill (or to exit). */
  atMs: number;
  /** ms from spawn to the first stderr line matching plan.afterLine (null if none). */
  lineAtMs: number | null;
  stderr: string;
}

export interface KillPlan {
  /** Kill this long after spawning... */
  delayMs: number;
  /** ...or, when given, this long after a stderr line matching it appears (then delayMs is ignored). */
  afterLine?: { pattern: RegExp; delayMs: number };
  /** Give up waiting after this long (the child is killed then in any case). */
  timeoutMs?: number;
}

/** Children still running: killed by killStragglers() (afterAll), so a failed test never leaves one behind. */
const running = new Set<ChildProcess>();

export function killStragglers(): number {
  let n = 0;
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      n++;
    }
  }
  running.clear();
  return n;
}

export function runAndKill(command: string, args: string[], plan: KillPlan, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<KillOutcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    let killedAt: number | null = null;
    let lineAt: number | null = null;
    const kill = () => {
      if (killedAt !== null || child.exitCode !== null || child.signalCode !== null) return;
      killedAt = Date.now() - started;
      child.kill('SIGKILL');
    };
    const timers: NodeJS.Timeout[] = [];
    if (plan.afterLine) {
      child.stderr.on('data', (c: Buffer) => {
        const before = stderr;
        stderr += c.toString();
        if (!plan.afterLine!.pattern.test(before) && plan.afterLine!.pattern.test(stderr)) {
          lineAt = Date.now() - started;
          timers.push(setTimeout(kill, plan.afterLine!.delayMs));
        }
      });
    } else {
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      timers.push(setTimeout(kill, plan.delayMs));
    }
    timers.push(setTimeout(kill, plan.timeoutMs ?? 60_000));
    child.on('exit', (code, signal) => {
      running.delete(child);
      for (const t of timers) clearTimeout(t);
      resolve({ finished: signal === null, exitCode: code, signal, atMs: killedAt ?? Date.now() - started, lineAtMs: lineAt, stderr });
    });
  });
}

/** integrity_check and a query, through a plain connection (the WAL is applied as any next open would). */
export function inspectAfterKill<T>(dbPath: string, query: (db: Database.Database) => T): { integrity: string; result: T } {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    return { integrity, result: query(db) };
  } finally {
    db.close();
  }
}

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be repeated with its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs tasks with at most `limit` at a time; waits for all of them, then throws the first failure. */
export async function pool<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && failure === undefined) {
      const i = next++;
      try {
        await task(items[i]!, i);
      } catch (err) {
        failure ??= err;
      }
    }
  });
  await Promise.all(workers);
  if (failure !== undefined) throw failure;
}
