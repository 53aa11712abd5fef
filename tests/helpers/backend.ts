/**
 * One way for a test to get a backend: a copy of the template database that global-setup.ts seeded once for the
 * run, opened with createBackend exactly as the app opens an existing database, and typed calls through the real
 * dispatcher. A copy opens as a first run does: it holds the same rows, and its "fresh contents" marker came with
 * it, so opening it makes no backup (backend/safety/backups.ts).
 *
 *   const tb = testBackend();                                     // in a new temporary folder
 *   const backend = createBackend({ dbPath: seededDb(file), ... }); // when a test opens the backend itself
 *
 * Tests of the first start itself (seeding, migrations, backups, recovery) create their database from nothing.
 */
import { constants, copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { Args, Channel, ReplyError, Results } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { makeTemplate } from './template.ts';
import { tempDir } from './tmp.ts';

let ownTemplate: string | undefined;

/** The run's template, or (under a config without the globalSetup) one seeded here, once per process. */
function templateFile(): string {
  const provided = inject('templateDb') as string | undefined;
  if (provided && existsSync(provided)) return provided;
  if (!ownTemplate) {
    const t = makeTemplate();
    process.once('exit', t.cleanup);
    ownTemplate = t.file;
  }
  return ownTemplate;
}

/** Copies the seeded template to dbPath (which must not exist yet) and returns dbPath. */
export function seededDb(dbPath: string): string {
  copyFileSync(templateFile(), dbPath, constants.COPYFILE_EXCL);
  return dbPath;
}

export interface TestBackend {
  backend: Backend;
  dir: string;
  file: string;
  send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]>;
  /** Calls a verb that must fail; checks the error names that verb and returns the rest (kind, message, issues). */
  refuse(channel: string, args: unknown): Promise<Omit<ReplyError, 'channel'>>;
  /** Closes the backend and opens the same file again (as the next start of the app). */
  reopen(): void;
  close(): void;
}

/** A backend on a copy of the seeded template, named `name` in `dir` (default: a new temporary folder, removed by close). */
export function testBackend(name = 'test.db', dir?: string): TestBackend {
  const t = dir ? { dir, cleanup: () => {} } : tempDir('lap-test-');
  const file = seededDb(path.join(t.dir, name));
  const tb: TestBackend = {
    backend: createBackend({ dbPath: file, transport: 'test' }),
    dir: t.dir,
    file,
    async send(channel, args) {
      const r = await dispatch(tb.backend.handlers, channel, args);
      if (!r.ok) throw new Error(`${channel} failed (${r.error.kind}): ${r.error.message}`);
      return r.value as never;
    },
    async refuse(channel, args) {
      const r = await dispatch(tb.backend.handlers, channel, args);
      if (r.ok) throw new Error(`${channel} should have failed but returned ${JSON.stringify(r.value).slice(0, 200)}`);
      // Every refusal names the verb it came from; the tests then compare the rest.
      const { channel: from, ...error } = r.error;
      if (from !== channel) throw new Error(`${channel} failed, but the error names ${from}`);
      return error;
    },
    reopen() {
      tb.backend.close();
      tb.backend = createBackend({ dbPath: file, transport: 'test' });
    },
    close() {
      tb.backend.close();
      t.cleanup();
    },
  };
  return tb;
}
