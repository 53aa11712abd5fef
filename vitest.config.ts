import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit and integration tests under Node. End-to-end browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // At least two files at once, also on a 2-core machine (vitest's default there is one): many tests wait on child
    // processes (the CLI, Chromium printing, SIGKILL loops), so a second worker fills the idle core. 2-core machine,
    // quiet: the unit run took 210 s with one worker and 144 s with two.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    // One seeded template database per run; tests/helpers/backend.ts copies it for each test file.
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
