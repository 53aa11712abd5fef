/**
 * Real read-only folders and real full disks for the storage tests, where the machine allows it:
 *  - not root: chmod 0555 makes a folder read-only for us;
 *  - root (chmod does not stop root): a read-only bind mount, and a 1 MB tmpfs for a full disk, if mount works
 *    (it does in the project's CI container; it may not elsewhere).
 * Each helper returns null when it cannot make the real thing; the tests then say so and rely on the simulated
 * cases (real SQLite errors from query_only / max_page_count).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Trick {
  dir: string;
  how: string;
  cleanup(): void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function mount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'pipe', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function umount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe', timeout: 10_000 });
  } catch {
    try {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe', timeout: 10_000 });
    } catch {
      // left mounted: the temp folder stays behind, nothing worse
    }
  }
}

/** A read-only folder holding whatever `fill(dir)` wrote into it first. */
export function readOnlyDir(fill: (dir: string) => void = () => {}): Trick | null {
  const base = mkdtempSync(path.join(os.tmpdir(), 'lap-ro-'));
  const src = path.join(base, 'src');
  mkdirSync(src);
  fill(src);
  if (!isRoot()) {
    chmodSync(src, 0o555);
    return {
      dir: src,
      how: 'chmod 0555 (not root)',
      cleanup: () => {
        chmodSync(src, 0o755);
        rmSync(base, { recursive: true, force: true });
      },
    };
  }
  const mnt = path.join(base, 'ro');
  mkdirSync(mnt);
  if (!mount(['--bind', src, mnt]) || !mount(['-o', 'remount,bind,ro', mnt])) {
    umount(mnt);
    rmSync(base, { recursive: true, force: true });
    return null;
  }
  return {
    dir: mnt,
    how: 'read-only bind mount (root)',
    cleanup: () => {
      umount(mnt);
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** A folder on a tiny file system (default 1 MB): a real full disk. Root only. */
export function tinyDisk(size = '1m'): Trick | null {
  if (!isRoot()) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lap-full-'));
  if (!mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir])) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    how: `tmpfs of ${size}`,
    cleanup: () => {
      umount(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
