#!/usr/bin/env node
// The `lap-insight` command, under plain Node, with the same backend services the app uses. It runs the esbuild
// bundle of the CLI (dist-cli/lap-insight.cjs, rebuilt first whenever a source changed: scripts/cli-bundle.mjs);
// where the bundle cannot be built (no esbuild), it runs the TypeScript sources through tsx.
import { createRequire } from 'node:module';
import { ensureCliBundle } from '../scripts/cli-bundle.mjs';

const bundle = await ensureCliBundle();
let run;
if (bundle) {
  ({ run } = createRequire(import.meta.url)(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ run } = await import('../backend/cli/main.ts'));
}
process.exitCode = await run(process.argv.slice(2));
