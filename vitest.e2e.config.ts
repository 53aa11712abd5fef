import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian's Chromium (playwright-core), against the real backend
// over the loopback preview transport. Run after `npm run build:renderer`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at once (each has its own preview server, database and browser): 2-core machine, quiet, 244 s one
    // file at a time and 197 s two at a time, the slowest test 10 s against timeouts of 20 s and more. Not more than
    // two: each browser renders the map in software.
    fileParallelism: true,
    maxWorkers: 2,
    pool: 'forks',
  },
});
