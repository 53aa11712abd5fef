/**
 * Files a test needs that may be absent: the open source data beside the repository (../shared/data, what the
 * bundled dataset and geography are built from; the app never reads it, and CI's checkout does not have it) or a
 * built artefact. Such a test is never passed silently: where the file is absent it is skipped with the reason in
 * the report, and with LAP_INSIGHT_DATA_REQUIRED=1 (a machine where the data must be there) it fails instead.
 *
 *   const source = need(path.join(SHARED_DATA, 'geodata'), 'the ONS ward boundaries');
 *   it('...', (ctx) => { source.skipIfAbsent(ctx); ... });   // one test
 *   source.reportSkip('a group'); describe.skipIf(!source.present)('a group', ...);   // and one skipped line saying why
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The open data beside the repository (see the top of this file). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

export interface Need {
  present: boolean;
  /** Why the tests that need it did not run, as the report shows it. */
  reason: string;
  /** In a test: skips it, with the reason, when the file is absent (fails where the data is required). */
  skipIfAbsent(ctx: TestContext): void;
  /** Beside a describe.skipIf(!present) group: the group with one skipped test named with the reason, when absent. */
  reportSkip(group: string): void;
}

export const DATA_REQUIRED = process.env.LAP_INSIGHT_DATA_REQUIRED === '1';

/** Whether `file` (a file or folder) exists, and what to say when it does not. */
export function need(file: string, what: string): Need {
  const present = existsSync(file);
  const reason = `skipped: ${what} is not at ${file}`;
  const fail = () => {
    throw new Error(`${what} is missing at ${file}, and LAP_INSIGHT_DATA_REQUIRED=1 says it must be there.`);
  };
  return {
    present,
    reason,
    skipIfAbsent(ctx) {
      if (present) return;
      if (DATA_REQUIRED) fail();
      ctx.skip(reason);
    },
    reportSkip(group) {
      if (present) return;
      describe(group, () => (DATA_REQUIRED ? it(`${what} is at ${file}`, fail) : it.skip(reason, () => {})));
    },
  };
}
