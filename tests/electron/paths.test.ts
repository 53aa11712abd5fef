import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath, preloadPath, rendererRoot, resolveAssetsDir, resolveNativeBinding } from '../../electron/main/paths.ts';

// The database path: tests/unit/db-path.test.ts (one rule for the app, the preview and the CLI).

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
