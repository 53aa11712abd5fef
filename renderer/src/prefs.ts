/**
 * Small user preferences kept between sessions on this computer (the open side-panel tab, the chosen LAP set and
 * LAP), so a reload puts people back where they were. Storage can be unavailable; then nothing is remembered.
 */

const PREFIX = 'lap-insight.';

export function readPref(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string | number | null): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, String(value));
  } catch {
    // Not remembered; harmless.
  }
}

export function readNumberPref(key: string): number | null {
  const raw = readPref(key);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}
