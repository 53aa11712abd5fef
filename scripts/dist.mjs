// `npm run dist`: builds installers with electron-builder, then rebuilds better-sqlite3 for Node again.
// electron-builder's npmRebuild rebuilds node_modules/better-sqlite3 for Electron in place, which would leave
// the tests and the CLI (plain Node) with the wrong binary. Cross-platform (no shell syntax).
// The maintainer, homepage, signing and notarisation come from the environment (scripts/packaging-env.mjs);
// anything after `--` goes to electron-builder (e.g. `npm run dist -- --dir`).
import { spawnSync } from 'node:child_process';
import { packagingOverrides } from './packaging-env.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env }).status ?? 1;

const overrides = packagingOverrides(process.env, process.platform);
for (const note of overrides.notes) console.log(`dist: ${note}`);

let status = run(npm, ['run', 'build']);
if (status === 0) status = run(npx, ['electron-builder', '--config', 'electron-builder.yml', ...overrides.args, ...process.argv.slice(2)], { ...process.env, ...overrides.env });
const rebuilt = run(npm, ['rebuild', 'better-sqlite3']);
if (rebuilt !== 0) console.error('Could not rebuild better-sqlite3 for Node; run `npm rebuild better-sqlite3` before `npm test`.');
process.exit(status || rebuilt);
