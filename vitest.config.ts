import { defineConfig } from 'vitest/config';

// Unit and integration tests under Node. End-to-end browser tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // One seeded template database per run; tests/helpers/backend.ts copies it for each test file.
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
