/**
 * Whole-process measurements for the benches: wall time, CPU time (user + system) and peak memory (max RSS) of a
 * command, read from GNU time (/usr/bin/time). The machine is shared, so the benches run the two sides of each
 * comparison in alternating pairs and report ratios, with the load average.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';

export const GNU_TIME = '/usr/bin/time';
export const SQLITE3 = '/usr/bin/sqlite3';

export interface ProcessRun {
  /** Seconds. */
  wall: number;
  /** Seconds of CPU, user + system. */
  cpu: number;
  /** Peak resident memory, MB. */
  maxRssMb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to the end and measures it. Throws when GNU time is missing. */
export function measure(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): ProcessRun {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed for the whole-process benches`);
  const res = spawnSync(GNU_TIME, ['-f', '@@time %e %U %S %M', cmd, ...args], { encoding: 'utf8', env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 64 << 20 });
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(res.stderr);
  if (!m) throw new Error(`could not measure ${cmd}: ${res.stderr.slice(-500)}`);
  return {
    wall: Number(m[1]),
    cpu: Number(m[2]) + Number(m[3]),
    maxRssMb: Number(m[4]) / 1024,
    status: res.status,
    stdout: res.stdout,
    stderr: res.stderr.slice(0, m.index),
  };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function load(): string {
  return os.loadavg()[0]!.toFixed(1);
}

export const s2 = (x: number) => `${x.toFixed(2)} s`;
