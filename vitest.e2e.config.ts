import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian's Chromium (playwright-core), against the real backend
// over the loopback preview transport. Run after `npm run build:renderer`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
