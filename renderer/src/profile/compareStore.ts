/**
 * Comparing the profiled area with a second LAP (profile.compare): both side by side per indicator, the
 * difference, and whether it is significant (the backend's test: the 95% intervals do not overlap), in words.
 * Follows the profiled area and the benchmark.
 */
import { create } from 'zustand';
import type { ProfileComparison } from '../../../shared/contract/profile.ts';
import { send } from '../api.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';
import { areaArg, useProfileStore } from './store.ts';

export interface CompareState {
  /** The second LAP, or null for no comparison. */
  otherLapId: number | null;
  status: LoadStatus;
  error: string | null;
  data: ProfileComparison | null;
  choose(lapId: number | null): void;
  reload(): void;
}

let seq = 0;

export const useCompareStore = create<CompareState>()((set, get) => ({
  otherLapId: null,
  status: 'idle',
  error: null,
  data: null,

  choose(otherLapId) {
    set({ otherLapId, data: null });
    get().reload();
  },

  reload() {
    const n = ++seq;
    const { otherLapId } = get();
    const { target, benchmark } = useProfileStore.getState();
    if (otherLapId === null || !target) {
      set({ status: 'idle', data: null, error: null });
      return;
    }
    set({ status: 'loading', error: null });
    send('profile.compare', { a: areaArg(target), b: { kind: 'lap', id: otherLapId }, benchmark })
      .then((data) => {
        if (n === seq) set({ data, status: 'ready' });
      })
      .catch((err: unknown) => {
        if (n === seq) set({ status: 'error', error: describeError(err), data: null });
      });
  },
}));

// A new area or benchmark: compare again (or stop, when the second LAP is now the profiled one).
useProfileStore.subscribe((state, previous) => {
  if (state.target === previous.target && state.benchmark === previous.benchmark) return;
  const compare = useCompareStore.getState();
  if (compare.otherLapId === null) return;
  if (state.target?.kind === 'lap' && state.target.id === compare.otherLapId) compare.choose(null);
  else compare.reload();
});
