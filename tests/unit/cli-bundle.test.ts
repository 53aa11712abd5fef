/**
 * The CLI bundle (scripts/cli-bundle.mjs) is never stale: it records every file it was built from, and a change to
 * any of them (here simulated in the manifest of a bundle built to a temporary folder) makes the next run rebuild it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCliBundle, cliBundleFresh, ensureCliBundle } from '../../scripts/cli-bundle.mjs';

// Inside the repository, so that the bundle finds node_modules (better-sqlite3) as the real one does.
const out = path.resolve(__dirname, '../../dist-cli', `test-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the CLI bundle', () => {
  it('lists its sources, is fresh after a build and is rebuilt when a source changes', async () => {
    expect(cliBundleFresh(out)).toBe(false); // nothing built yet
    const file = await buildCliBundle(out);
    expect(cliBundleFresh(out)).toBe(true);
    const manifestFile = path.join(out, 'lap-insight.inputs.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { inputs: Record<string, string> };
    for (const source of ['backend/cli/main.ts', 'backend/db.ts', 'shared/contract.ts', 'scripts/cli-bundle.mjs']) {
      expect(Object.keys(manifest.inputs)).toContain(source);
    }
    // As if backend/db.ts had been edited since the build.
    manifest.inputs['backend/db.ts'] = '1:1';
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(cliBundleFresh(out)).toBe(false);
    expect(await ensureCliBundle(out)).toBe(file);
    expect(cliBundleFresh(out)).toBe(true);
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).inputs['backend/db.ts']).not.toBe('1:1');

    // The bundle is the CLI: --version answers the package's version.
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const { run } = createRequire(import.meta.url)(file) as { run: (argv: string[], io: { out: (s: string) => void; err: (s: string) => void }) => Promise<number> };
    const lines: string[] = [];
    expect(await run(['--version'], { out: (s) => lines.push(s), err: (s) => lines.push(s) })).toBe(0);
    expect(lines).toEqual([pkg.version]);
  });
});
