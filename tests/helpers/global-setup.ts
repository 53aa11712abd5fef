/**
 * Vitest globalSetup (vitest.config.ts, vitest.e2e.config.ts): seeds ONE template database per run, as the app's
 * first start makes it (migrations, the bundled geography and dataset, practices, the LAP presets), and tells the
 * test files where it is. tests/helpers/backend.ts copies it for each test file instead of seeding again
 * (about 1 s of seeding per file). Made fresh on every run, so it always matches the current code and assets.
 */
import type { TestProject } from 'vitest/node';
import { makeTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded template database (tests/helpers/backend.ts copies it). */
    templateDb: string;
  }
}

export default function setup(project: TestProject): () => void {
  const template = makeTemplate();
  project.provide('templateDb', template.file);
  return template.cleanup;
}
