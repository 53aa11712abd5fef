/**
 * The CLI as users run it: the esbuild bundle (dist-cli/lap-insight.cjs), rebuilt first when a source changed, so
 * the CLI tests exercise what `npx lap-insight` runs. Tests that mock a backend module (vi.mock) import
 * backend/cli/main.ts instead: a mock cannot reach inside the bundle.
 */
import { createRequire } from 'node:module';
import { ensureCliBundle } from '../../scripts/cli-bundle.mjs';
import type { run as runType } from '../../backend/cli/main.ts';

const bundle = await ensureCliBundle();
if (!bundle) throw new Error('Could not build the CLI bundle (scripts/cli-bundle.mjs); is esbuild installed?');

export const run: typeof runType = (createRequire(import.meta.url)(bundle) as { run: typeof runType }).run;
