/**
 * Wards and boundaries, loaded once from the backend. Components read `status` to show loading and error states.
 */
import { create } from 'zustand';
import type { Geography, Ward } from '../../../shared/domain.ts';
import { send } from '../api.ts';
import { describeError } from '../errors.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface WardsState {
  status: LoadStatus;
  /** Plain-English reason the data could not be loaded. */
  error: string | null;
  geography: Geography | null;
  /** Every ward, sorted by name. */
  wards: Ward[];
  byCode: ReadonlyMap<string, Ward>;
  load(): Promise<void>;
}

export const useWardsStore = create<WardsState>()((set, get) => ({
  status: 'idle',
  error: null,
  geography: null,
  wards: [],
  byCode: new Map(),
  async load() {
    if (get().status === 'loading') return;
    set({ status: 'loading', error: null });
    try {
      const [geography, wards] = await Promise.all([send('geography.get', {}), send('wards.list', {})]);
      const sorted = [...wards].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      set({ status: 'ready', geography, wards: sorted, byCode: new Map(sorted.map((w) => [w.code, w])) });
    } catch (err) {
      set({ status: 'error', error: describeError(err) });
    }
  },
}));
