/**
 * The datasets in the indicator store (bundled and imported) and the indicators' names, for the Data tab.
 *
 * `version` goes up whenever data is added or removed (an import, a replace, a delete), so other views that show
 * indicator values can reload: `useDatasetsStore((s) => s.version)`.
 */
import { create } from 'zustand';
import type { DatasetDeleted, DatasetInfo } from '../../../shared/contract/data.ts';
import { send } from '../api.ts';
import { announce } from '../shell/statusStore.ts';
import { describeError } from '../errors.ts';
import { count, formatNumber } from './format.ts';

export interface DatasetsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  datasets: DatasetInfo[];
  /** Indicator id -> name. */
  indicatorNames: Record<string, string>;
  version: number;
  /** A dataset to mark in the Data tab (just imported). */
  highlightId: number | null;
  /** The Data tab should scroll to the marked dataset and put the focus on it (it clears this when done). */
  focusPending: boolean;
  load(): Promise<void>;
  remove(id: number): Promise<{ ok: true; deleted: DatasetDeleted } | { ok: false; message: string }>;
  /** Called after an import wrote data. */
  changed(highlightId?: number | null): Promise<void>;
  /** Marks a dataset and asks the Data tab to show it (scroll and focus). */
  setHighlight(id: number | null): void;
  focusDone(): void;
}

let loadSeq = 0;

export const useDatasetsStore = create<DatasetsState>()((set, get) => ({
  status: 'idle',
  error: null,
  datasets: [],
  indicatorNames: {},
  version: 0,
  highlightId: null,
  focusPending: false,

  async load() {
    const seq = ++loadSeq;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const [datasets, indicators] = await Promise.all([send('datasets.list', {}), send('indicators.list', {})]);
      if (seq !== loadSeq) return;
      const indicatorNames: Record<string, string> = {};
      for (const ind of indicators) indicatorNames[ind.id] = ind.name;
      set({ status: 'ready', error: null, datasets, indicatorNames });
    } catch (err) {
      if (seq !== loadSeq) return;
      set({ status: 'error', error: describeError(err) });
    }
  },

  async remove(id) {
    const dataset = get().datasets.find((d) => d.id === id);
    try {
      const deleted = await send('datasets.delete', { id });
      const removed = deleted.indicatorsRemoved.length ? ` and ${count(deleted.indicatorsRemoved.length, 'indicator')}` : '';
      announce(`Deleted ${deleted.dataset.name}: ${count(deleted.valuesRemoved, 'value')}${removed} removed.`);
      set({ version: get().version + 1, highlightId: get().highlightId === id ? null : get().highlightId });
      await get().load();
      return { ok: true, deleted };
    } catch (err) {
      const message = describeError(err);
      announce(`Could not delete ${dataset?.name ?? `dataset ${formatNumber(id)}`}.`, 'error');
      await get().load();
      return { ok: false, message };
    }
  },

  async changed(highlightId = null) {
    set({ version: get().version + 1, highlightId });
    await get().load();
  },

  focusDone() {
    set({ focusPending: false });
  },

  setHighlight(highlightId) {
    set({ highlightId, focusPending: highlightId !== null });
  },
}));
