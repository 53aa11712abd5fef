#!/usr/bin/env node
/**
 * The static checks of `npm test`, side by side: the four type-checking programs (the whole tree and one per layer:
 * shared, renderer, node) and ESLint. Each is a separate process, so they run at once, as many as there are cores;
 * the output of each is printed whole when it ends, and the run fails if any one fails.
 *
 *   node scripts/checks.mjs            all of them (npm test)
 *   node scripts/checks.mjs typecheck  the four tsc programs only (npm run typecheck)
 */
import { spawn } from 'node:child_process';
import os from 'node:os';

const TSC = ['tsconfig.json', 'tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.node.json'].map((p) => ({
  name: `tsc -p ${p}`,
  cmd: ['npx', 'tsc', '-p', p, '--noEmit'],
}));
const LINT = { name: 'eslint .', cmd: ['npx', 'eslint', '.'] };

const only = process.argv[2];
// ESLint first: it is the longest, so it should not wait for a free core.
const jobs = only === 'typecheck' ? TSC : [LINT, ...TSC];
const width = Math.max(1, Math.min(jobs.length, os.availableParallelism?.() ?? os.cpus().length));

function run(job) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(job.cmd[0], job.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${job.name} (${secs} s)\n${out.trim() ? `${out.trim()}\n` : ''}`);
      resolve(code === 0);
    });
  });
}

const queue = [...jobs];
const results = [];
await Promise.all(
  Array.from({ length: width }, async () => {
    while (queue.length) results.push(await run(queue.shift()));
  }),
);
if (results.some((ok) => !ok)) {
  console.error('Static checks failed: see above.');
  process.exit(1);
}
