#!/usr/bin/env node
// The `lap-insight` command. Runs the TypeScript CLI through tsx, under plain Node, with the same backend services
// the app uses.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../electron/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
