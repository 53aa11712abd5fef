/**
 * The LAP builder's view of the backend: the LAP sets, the LAPs of the chosen set, their outlines for the map,
 * the set's coverage, which LAP is being edited, and messages for each part of the panel.
 *
 * Edits go through renderer/src/laps/actions.ts (which records undo); this store only loads and caches what the
 * backend says. Every backend reply that changes a LAP is passed to `applyLap`, so the list, the editor and the
 * map update at once; outlines, coverage and set counts follow with `refresh`.
 */
import { create } from 'zustand';
import type { Lap, LapOutlines, LapSet, LapSetCoverage } from '../../../shared/contract/laps.ts';
import { compareNames } from '../../../shared/laps.ts';
import { send } from '../api.ts';
import { describeError } from '../errors.ts';
import type { PickTool } from '../map/WardMap.ts';
import { readNumberPref, writePref } from '../prefs.ts';
import { useHistoryStore } from '../shell/historyStore.ts';
import type { LoadStatus } from '../wards/store.ts';

/** Where a message is shown: next to the thing the user just did. */
export type LapMessageArea = 'wards' | 'details' | 'list' | 'transfer';

export interface LapMessage {
  text: string;
  tone: 'error' | 'info';
}

/** A request for the map to show some wards whole; `seq` changes every time. */
export interface LapFlyRequest {
  codes: string[];
  seq: number;
}

export interface LapsState {
  status: LoadStatus;
  loadError: string | null;
  sets: LapSet[];
  setId: number | null;
  /** The LAPs of `setId`, in the backend's order (by name, N2 before N10). */
  laps: Lap[];
  activeLapId: number | null;
  outlines: LapOutlines | null;
  coverage: LapSetCoverage | null;
  /** Hatch the wards in no LAP on the map. */
  showCoverage: boolean;
  tool: PickTool;
  messages: Partial<Record<LapMessageArea, LapMessage>>;
  /** LAPs just imported or created, marked in the list. */
  highlighted: number[];
  fly: LapFlyRequest | null;
  /** Which dialog is open: new LAP, import (also opened by the Electron menu), or delete (with the LAP's id). */
  dialog: { kind: 'create' } | { kind: 'import' } | { kind: 'delete'; lapId: number } | null;

  init(): Promise<void>;
  chooseSet(id: number, options?: { keepLap?: number | null }): Promise<void>;
  selectLap(id: number | null, options?: { fly?: boolean }): void;
  setShowCoverage(on: boolean): void;
  setTool(tool: PickTool): void;
  setMessage(area: LapMessageArea, text: string | null, tone?: 'error' | 'info'): void;
  setHighlighted(ids: number[]): void;
  openDialog(dialog: LapsState['dialog']): void;
  /** Puts a LAP from a backend reply into the list (if it is in the shown set) and refreshes what depends on it. */
  applyLap(lap: Lap): void;
  /** Drops a deleted LAP. */
  forgetLap(id: number): void;
  /** Reloads outlines, coverage and the set list for the shown set (latest call wins). */
  refresh(): Promise<void>;
  /** Reloads the shown set's LAPs too. */
  reload(): Promise<void>;
}

let refreshSeq = 0;
let loadSeq = 0;

export const useLapsStore = create<LapsState>()((set, get) => ({
  status: 'idle',
  loadError: null,
  sets: [],
  setId: null,
  laps: [],
  activeLapId: null,
  outlines: null,
  coverage: null,
  showCoverage: false,
  tool: 'select',
  messages: {},
  highlighted: [],
  fly: null,
  dialog: null,

  async init() {
    if (get().status === 'loading') return;
    set({ status: 'loading', loadError: null });
    try {
      const sets = await send('lapSets.list', {});
      set({ sets });
      const remembered = readNumberPref('lapSet');
      const first = sets.find((s) => s.id === remembered) ?? sets.find((s) => s.lapCount > 0) ?? sets[0];
      if (first) await get().chooseSet(first.id, { keepLap: readNumberPref('lap') });
      set({ status: 'ready' });
    } catch (err) {
      set({ status: 'error', loadError: describeError(err) });
    }
  },

  async chooseSet(id, options) {
    const seq = ++loadSeq;
    const sameSet = id === get().setId;
    set({
      setId: id,
      ...(sameSet ? {} : { laps: [], outlines: null, coverage: null, activeLapId: null, highlighted: [], messages: {} }),
    });
    writePref('lapSet', id);
    const [laps, outlines, coverage] = await Promise.all([
      send('laps.list', { setId: id }),
      send('laps.outlines', { setId: id }),
      send('lapSets.coverage', { id }),
    ]);
    if (seq !== loadSeq) return;
    const keep = options?.keepLap !== undefined ? options.keepLap : get().activeLapId;
    const activeLapId = keep !== null && laps.some((l) => l.id === keep) ? keep : null;
    set({ laps, outlines, coverage, activeLapId });
    writePref('lap', activeLapId);
  },

  selectLap(id, options) {
    const lap = id === null ? undefined : get().laps.find((l) => l.id === id);
    const activeLapId = lap ? lap.id : null;
    const changed = activeLapId !== get().activeLapId;
    set({
      activeLapId,
      ...(changed ? { tool: 'select' as const, messages: { ...get().messages, wards: undefined, details: undefined } } : {}),
      ...(options?.fly && lap && lap.wards.length ? { fly: { codes: lap.wards.map((w) => w.code), seq: (get().fly?.seq ?? 0) + 1 } } : {}),
    });
    writePref('lap', activeLapId);
  },

  setShowCoverage(showCoverage) {
    set({ showCoverage });
  },

  setTool(tool) {
    set({ tool });
  },

  setMessage(area, text, tone = 'error') {
    const messages = { ...get().messages };
    if (text === null) delete messages[area];
    else messages[area] = { text, tone };
    set({ messages });
  },

  setHighlighted(highlighted) {
    set({ highlighted });
  },

  openDialog(dialog) {
    set({ dialog });
  },

  applyLap(lap) {
    const { laps, setId } = get();
    if (lap.set.id === setId) {
      const i = laps.findIndex((l) => l.id === lap.id);
      const next = i >= 0 ? laps.map((l) => (l.id === lap.id ? lap : l)) : [...laps, lap];
      if (i < 0 || laps[i]!.name !== lap.name) next.sort((a, b) => compareNames(a.name, b.name));
      set({ laps: next });
    }
    void get().refresh();
  },

  forgetLap(id) {
    const { laps, activeLapId, highlighted } = get();
    set({
      laps: laps.filter((l) => l.id !== id),
      highlighted: highlighted.filter((h) => h !== id),
      ...(activeLapId === id ? { activeLapId: null, tool: 'select' as const } : {}),
    });
    if (activeLapId === id) writePref('lap', null);
    void get().refresh();
  },

  async refresh() {
    const setId = get().setId;
    if (setId === null) return;
    const seq = ++refreshSeq;
    try {
      const [outlines, coverage, sets] = await Promise.all([
        send('laps.outlines', { setId }),
        send('lapSets.coverage', { id: setId }),
        send('lapSets.list', {}),
      ]);
      if (seq !== refreshSeq || get().setId !== setId) return;
      set({ outlines, coverage, sets });
    } catch {
      // The edit itself succeeded; the map and counts catch up on the next change or reload.
    }
  },

  async reload() {
    const setId = get().setId;
    if (setId === null) return;
    const sets = await send('lapSets.list', {});
    set({ sets });
    await get().chooseSet(setId);
  },
}));

/** The LAP being edited, if any. */
export function activeLap(state: Pick<LapsState, 'laps' | 'activeLapId'>): Lap | undefined {
  return state.activeLapId === null ? undefined : state.laps.find((l) => l.id === state.activeLapId);
}

export function currentSet(state: Pick<LapsState, 'sets' | 'setId'>): LapSet | undefined {
  return state.sets.find((s) => s.id === state.setId);
}

// An error about an edit goes once an edit is undone or redone: it described a state that is no longer shown.
useHistoryStore.subscribe((state, previous) => {
  const undone = state.future.length === previous.future.length + 1 && state.past.length === previous.past.length - 1;
  const redone = state.future.length === previous.future.length - 1 && state.past.length === previous.past.length + 1;
  if (!undone && !redone) return;
  const messages = useLapsStore.getState().messages;
  const kept = Object.fromEntries(Object.entries(messages).filter(([, m]) => m && m.tone !== 'error'));
  if (Object.keys(kept).length !== Object.keys(messages).length) useLapsStore.setState({ messages: kept });
});
