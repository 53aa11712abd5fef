import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../electron/main/window-options.ts';

describe('BrowserWindow options', () => {
  const options = buildWindowOptions({ preloadPath: '/app/dist-electron/preload.cjs', bounds: { width: 1200, height: 800 }, devTools: false });
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer, with no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky extras off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.devTools).toBe(false);
  });

  it('sets the preload path', () => {
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('uses saved bounds, or centres when there is no position', () => {
    expect(options).toMatchObject({ width: 1200, height: 800, center: true, show: false });
    const placed = buildWindowOptions({ preloadPath: '/p', bounds: { x: 10, y: 20, width: 1000, height: 700 }, devTools: true });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
    expect(placed.center).toBeUndefined();
    expect(placed.webPreferences!.devTools).toBe(true);
  });
});
