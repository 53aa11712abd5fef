import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath, preloadPath, rendererRoot, resolveAssetsDir, resolveDbPath, resolveNativeBinding } from '../../electron/main/paths.ts';

const defaultDbPath = (dir: string) => path.join(dir, 'lap-insight.db');

describe('database path', () => {
  it('defaults to userData/lap-insight.db', () => {
    expect(resolveDbPath(['/usr/bin/electron', '.'], {}, '/home/u/.config/LAP Insight', defaultDbPath)).toBe(path.join('/home/u/.config/LAP Insight', 'lap-insight.db'));
  });

  it('takes --db PATH or --db=PATH before LAP_INSIGHT_DB, resolved against the working folder', () => {
    const env = { LAP_INSIGHT_DB: '/data/env.db' };
    expect(resolveDbPath(['electron', '.', '--db', 'mine.db'], env, '/ud', defaultDbPath, '/work')).toBe(path.resolve('/work', 'mine.db'));
    expect(resolveDbPath(['LAP Insight', '--db=/data/x.db'], env, '/ud', defaultDbPath)).toBe(path.resolve('/data/x.db'));
    expect(resolveDbPath(['electron', '.'], env, '/ud', defaultDbPath)).toBe(path.resolve('/data/env.db'));
    expect(resolveDbPath(['electron', '.', '--db'], { LAP_INSIGHT_DB: '  ' }, '/ud', defaultDbPath)).toBe(path.join('/ud', 'lap-insight.db'));
  });
});

describe('app paths', () => {
  it('finds the renderer and preload next to the bundled main', () => {
    expect(rendererRoot('/repo/dist-electron')).toBe(path.join('/repo', 'dist', 'renderer'));
    expect(rendererRoot('/opt/LAP Insight/resources/app.asar/dist-electron')).toBe(path.join('/opt/LAP Insight/resources/app.asar', 'dist', 'renderer'));
    expect(preloadPath('/repo/dist-electron')).toBe(path.join('/repo/dist-electron', 'preload.cjs'));
  });

  it('finds assets: override, packaged resources, or the repository', () => {
    const base = { resourcesPath: '/opt/LAP Insight/resources', appRoot: '/repo' };
    expect(resolveAssetsDir({ ...base, env: {}, isPackaged: false })).toBe(path.join('/repo', 'assets'));
    expect(resolveAssetsDir({ ...base, env: {}, isPackaged: true })).toBe(path.join('/opt/LAP Insight/resources', 'assets'));
    expect(resolveAssetsDir({ ...base, env: { LAP_INSIGHT_ASSETS: '/elsewhere' }, isPackaged: true })).toBe(path.resolve('/elsewhere'));
  });

  it('uses the Electron build of better-sqlite3 from .cache only in development, and only when it exists', () => {
    const file = electronNativeBindingPath('/repo', '45.4.1');
    expect(file).toBe(path.join('/repo', '.cache', 'electron-native', '45.4.1', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    const base = { appRoot: '/repo', electronVersion: '45.4.1' };
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: (f) => f === file })).toBe(file);
    expect(resolveNativeBinding({ ...base, isPackaged: false, exists: () => false })).toBeUndefined();
    expect(resolveNativeBinding({ ...base, isPackaged: true, exists: () => true })).toBeUndefined();
    expect(resolveNativeBinding({ ...base, electronVersion: undefined, isPackaged: false, exists: () => true })).toBeUndefined();
  });
});
