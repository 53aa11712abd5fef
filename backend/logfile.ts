/**
 * The app's log: one text file in <userData>/logs (main.log), rotated by size (main.1.log ... main.N.log), written
 * by the Electron main process for itself and for the backend process (whose lines arrive over the split channel).
 *
 * What goes in: start-up facts (app version, schema version, database path, platform), crashes and uncaught errors
 * with their code location. What never goes in: personal data or file contents. Messages are scrubbed of the home
 * folder (shown as ~) and cut to MAX_LINE characters, so a stray value in an error message cannot fill the log.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface AppLog {
  /** The file being written (for Help ▸ About). */
  readonly file: string;
  readonly dir: string;
  write(level: LogLevel, message: string): void;
}

export interface LogOptions {
  /** Rotate when the file would pass this size. Default 1 MB. */
  maxBytes?: number;
  /** Older files kept (main.1.log ... main.<keep>.log). Default 3. */
  keep?: number;
  /** Home folder to replace with ~ (tests). */
  home?: string;
  now?: () => Date;
}

export const LOG_FILE = 'main.log';
export const MAX_LINE = 2000;

/** <userData>/logs */
export function logDir(userDataDir: string): string {
  return path.join(userDataDir, 'logs');
}

/** Removes what must not be kept: the home folder's path (a user name) and control characters; cuts long lines. */
export function scrub(message: string, home: string = os.homedir()): string {
  let s = message;
  if (home && home.length > 1) s = s.split(home).join('~');
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return s.length > MAX_LINE ? `${s.slice(0, MAX_LINE)}… (${s.length - MAX_LINE} more characters left out)` : s;
}

export function openLog(dir: string, options: LogOptions = {}): AppLog {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 3);
  const now = options.now ?? (() => new Date());
  const file = path.join(dir, LOG_FILE);
  const rotated = (n: number) => path.join(dir, `main.${n}.log`);

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    if (existsSync(file)) renameSync(file, rotated(1));
  };

  return {
    file,
    dir,
    write(level, message) {
      // A log must never take the app down: a full disk or a read-only folder loses the line, nothing else.
      try {
        mkdirSync(dir, { recursive: true });
        const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${scrub(message, options.home).replace(/\n/g, '\n    ')}\n`;
        const size = existsSync(file) ? statSync(file).size : 0;
        if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
        appendFileSync(file, line, { encoding: 'utf8', mode: 0o600 });
      } catch {
        /* nowhere to report it */
      }
    },
  };
}

/** One line for an error: name, message and the top of the stack (code locations, never data). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(err);
}
