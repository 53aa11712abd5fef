/**
 * Remembers the main window's size, position and maximised state in userData/window-state.json and restores it,
 * pulled back onto a visible display if the monitors have changed since. The geometry is pure; the file and
 * window glue is small.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_SIZE = { width: 400, height: 300 };
/** How much of the window (px each way) must be on a display for its position to be kept. */
const MIN_VISIBLE = 100;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Reads a state from untrusted JSON; anything odd gives null (and the defaults). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!finite(r.width) || !finite(r.height) || r.width <= 0 || r.height <= 0) return null;
  const state: WindowState = { width: Math.round(r.width), height: Math.round(r.height), maximized: r.maximized === true };
  if (finite(r.x) && finite(r.y)) {
    state.x = Math.round(r.x);
    state.y = Math.round(r.y);
  }
  return state;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits a saved state to the current displays' work areas: the size is capped to the largest work area, and the
 * position is kept only if enough of the window is on some display — otherwise it is dropped (centred on the
 * primary display) — and then nudged fully inside that display.
 */
export function clampToDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  if (workAreas.length === 0) return { ...state };
  const maxW = Math.max(...workAreas.map((a) => a.width));
  const maxH = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_SIZE.width, Math.min(state.width, maxW));
  const height = Math.max(MIN_SIZE.height, Math.min(state.height, maxH));
  const result: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return result;

  const rect = { x: state.x, y: state.y, width, height };
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(rect, area);
    if (o.width >= Math.min(MIN_VISIBLE, width) && o.height >= Math.min(MIN_VISIBLE, height) && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (!best) return result;
  const w = Math.min(width, best.width);
  const h = Math.min(height, best.height);
  return {
    x: Math.min(Math.max(state.x, best.x), best.x + best.width - w),
    y: Math.min(Math.max(state.y, best.y), best.y + best.height - h),
    width: w,
    height: h,
    maximized: state.maximized,
  };
}

export function loadWindowState(userDataDir: string, workAreas: Rectangle[]): WindowState {
  let saved: WindowState | null;
  try {
    saved = parseWindowState(JSON.parse(readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8')));
  } catch {
    saved = null; // first run, or an unreadable file
  }
  return clampToDisplays(saved ?? DEFAULT_STATE, workAreas);
}

export function saveWindowState(userDataDir: string, state: WindowState): void {
  const file = path.join(userDataDir, WINDOW_STATE_FILE);
  try {
    mkdirSync(userDataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
  } catch (err) {
    console.error('Could not save the window position:', err);
  }
}

export function currentWindowState(win: BrowserWindow): WindowState {
  // getNormalBounds: the size to come back to when un-maximised.
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}

/** Saves the state (debounced) as the window moves or resizes, and once more when it closes. */
export function trackWindowState(win: BrowserWindow, userDataDir: string, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!win.isDestroyed() && !win.isMinimized() && !win.isFullScreen()) saveWindowState(userDataDir, currentWindowState(win));
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
