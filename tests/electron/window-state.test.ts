import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, WINDOW_STATE_FILE, clampToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../electron/main/window-state.ts';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const rightMonitor = { x: 1440, y: 0, width: 1920, height: 1040 };

describe('clampToDisplays', () => {
  it('keeps a window that is on a display', () => {
    expect(clampToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [laptop])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
    expect(clampToDisplays({ x: 1600, y: 100, width: 1600, height: 900, maximized: true }, [laptop, rightMonitor])).toEqual({ x: 1600, y: 100, width: 1600, height: 900, maximized: true });
  });

  it('drops the position when its display has gone (window would be invisible)', () => {
    const result = clampToDisplays({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, [laptop]);
    expect(result).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('shrinks a window larger than any display and pulls a half-off window inside', () => {
    expect(clampToDisplays({ x: 0, y: 0, width: 5000, height: 3000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: false });
    expect(clampToDisplays({ x: 1000, y: -20, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ x: 440, y: 0, width: 1000, height: 700, maximized: false });
  });

  it('copes with no displays (headless)', () => {
    expect(clampToDisplays(DEFAULT_STATE, [])).toEqual(DEFAULT_STATE);
  });
});

describe('parseWindowState', () => {
  it('accepts a saved state and rejects junk', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(parseWindowState({ width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false });
    for (const junk of [null, 'x', {}, { width: -1, height: 10 }, { width: 'big', height: 10 }, { width: Infinity, height: 10 }]) {
      expect(parseWindowState(junk)).toBeNull();
    }
  });
});

describe('load and save', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lap-winstate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the defaults on first run and after a corrupt file', () => {
    expect(loadWindowState(dir, [laptop])).toEqual(clampToDisplays(DEFAULT_STATE, [laptop]));
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{not json');
    expect(loadWindowState(dir, [laptop])).toEqual(clampToDisplays(DEFAULT_STATE, [laptop]));
  });

  it('round-trips a state through the JSON file', () => {
    saveWindowState(dir, { x: 40, y: 30, width: 1100, height: 750, maximized: true });
    expect(JSON.parse(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ x: 40, y: 30, width: 1100, height: 750, maximized: true });
    expect(loadWindowState(dir, [laptop])).toEqual({ x: 40, y: 30, width: 1100, height: 750, maximized: true });
  });
});
