/**
 * The LAPs a place can be attached to, from every set (lapSets.list, laps.list), and which one to offer first:
 * the LAP being profiled, else the LAP chosen on the LAPs tab, else the one remembered from last time.
 */
import { create } from 'zustand';
import { send } from '../api.ts';
import { readNumberPref } from '../prefs.ts';
import { useProfileStore } from '../profile/store.ts';
import { useLapsStore } from '../laps/store.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';

export interface LapOption {
  id: number;
  name: string;
  setId: number;
  setName: string;
}

export interface LapChoicesState {
  status: LoadStatus;
  error: string | null;
  laps: LapOption[];
  /** Loads the LAPs of every set (again, each time: they may have been edited meanwhile). */
  load(): Promise<void>;
}

let seq = 0;

export const useLapChoicesStore = create<LapChoicesState>()((set, get) => ({
  status: 'idle',
  error: null,
  laps: [],
  async load() {
    const n = ++seq;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const sets = await send('lapSets.list', {});
      const lists = await Promise.all(sets.map((s) => send('laps.list', { setId: s.id })));
      if (n !== seq) return;
      set({
        status: 'ready',
        error: null,
        laps: lists.flat().map((l) => ({ id: l.id, name: l.name, setId: l.set.id, setName: l.set.name })),
      });
    } catch (err) {
      if (n !== seq) return;
      if (get().status !== 'ready') set({ status: 'error', error: describeError(err) });
    }
  },
}));

/** The LAP to offer first (the current one), if it is among `laps`. */
export function currentLapId(laps: readonly LapOption[]): number | null {
  const target = useProfileStore.getState().target;
  const candidates = [target?.kind === 'lap' ? target.id : null, useLapsStore.getState().activeLapId, readNumberPref('lap')];
  for (const id of candidates) if (id !== null && laps.some((l) => l.id === id)) return id;
  return laps[0]?.id ?? null;
}
