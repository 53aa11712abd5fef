// `npm run soak`: the crash-safety suites with many more kills than `npm test` runs (cross-platform env setting).
import { spawnSync } from 'node:child_process';

const kills = process.env.LAP_INSIGHT_SOAK_KILLS ?? '100';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const r = spawnSync(npx, ['vitest', 'run', '--config', 'vitest.config.ts', 'tests/hardening/killed-import.test.ts', 'tests/hardening/killed-process.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, LAP_INSIGHT_SOAK_KILLS: kills },
  shell: process.platform === 'win32',
});
process.exit(r.status ?? 1);
