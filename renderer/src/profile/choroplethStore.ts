/**
 * The map's choropleth for one indicator (profile.choropleth): all 57 wards in 5 classes (quintiles or natural
 * breaks) or coloured by their comparison with their council (significance), and the ward whose value is shown
 * in a popup after a click (with its interval, from profile.wardBreakdown for that one ward).
 *
 * The benchmark follows the profile's benchmark switch. mapBinding.ts turns this state into map layers; the
 * legend (components/profile/ChoroplethLegend.tsx) reads it too.
 */
import { create } from 'zustand';
import type { Choropleth, WardBreakdownRow } from '../../../shared/contract/profile.ts';
import { send } from '../api.ts';
import { readPref, writePref } from '../prefs.ts';
import { announce } from '../shell/statusStore.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';
import { useProfileStore } from './store.ts';

export type ChoroplethMethod = Choropleth['method'];
export type ChoroplethMode = Choropleth['mode'];

export interface WardPopup {
  code: string;
  /** The ward's own row (value with interval), once loaded. */
  detail: WardBreakdownRow | null;
  status: LoadStatus;
}

export interface ChoroplethState {
  indicatorId: string | null;
  /** null: the indicator's latest period. */
  period: string | null;
  method: ChoroplethMethod;
  mode: ChoroplethMode;
  status: LoadStatus;
  error: string | null;
  data: Choropleth | null;
  popup: WardPopup | null;
  /** Changes every time the map should show all wards (a new indicator on the map). */
  fitSeq: number;

  show(indicatorId: string, period?: string | null): void;
  setMethod(method: ChoroplethMethod): void;
  setMode(mode: ChoroplethMode): void;
  setPeriod(period: string | null): void;
  hide(): void;
  openPopup(code: string): void;
  closePopup(): void;
}

let seq = 0;
let popupSeq = 0;

function readMethod(): ChoroplethMethod {
  return readPref('mapMethod') === 'natural-breaks' ? 'natural-breaks' : 'quintiles';
}

export const useChoroplethStore = create<ChoroplethState>()((set, get) => {
  const load = async () => {
    const { indicatorId, period, method, mode } = get();
    const n = ++seq;
    if (!indicatorId) return;
    set({ status: 'loading', error: null });
    try {
      const data = await send('profile.choropleth', {
        indicatorId,
        ...(period ? { period } : {}),
        method,
        mode,
        benchmark: useProfileStore.getState().benchmark,
      });
      if (n !== seq) return;
      set({ data, status: 'ready' });
      const popup = get().popup;
      if (popup) get().openPopup(popup.code);
    } catch (err) {
      if (n !== seq) return;
      set({ status: 'error', error: describeError(err) });
    }
  };

  return {
    indicatorId: null,
    period: null,
    method: readMethod(),
    mode: 'values',
    status: 'idle',
    error: null,
    data: null,
    popup: null,
    fitSeq: 0,

    show(indicatorId, period = null) {
      const changed = indicatorId !== get().indicatorId;
      set({ indicatorId, period, popup: null, ...(changed ? { data: null, fitSeq: get().fitSeq + 1 } : {}) });
      void load().then(() => {
        const data = get().data;
        if (changed && data) announce(`The map shows “${data.indicator.shortName}” for every ward.`);
      });
    },

    setMethod(method) {
      if (method === get().method) return;
      set({ method });
      writePref('mapMethod', method);
      void load();
    },

    setMode(mode) {
      if (mode === get().mode) return;
      set({ mode });
      void load();
    },

    setPeriod(period) {
      if (period === get().period) return;
      set({ period });
      void load();
    },

    hide() {
      seq++;
      popupSeq++;
      const wasOn = get().indicatorId !== null;
      set({ indicatorId: null, period: null, data: null, status: 'idle', error: null, popup: null });
      if (wasOn) announce('The map shows the councils again.');
    },

    openPopup(code) {
      const { data, indicatorId } = get();
      if (!data || !indicatorId) return;
      const n = ++popupSeq;
      set({ popup: { code, detail: null, status: 'loading' } });
      send('profile.wardBreakdown', {
        area: { kind: 'ward', code },
        indicatorId,
        ...(data.period ? { period: data.period } : {}),
        benchmark: useProfileStore.getState().benchmark,
      })
        .then((breakdown) => {
          if (n !== popupSeq) return;
          set({ popup: { code, detail: breakdown.wards.find((w) => w.code === code) ?? null, status: 'ready' } });
        })
        .catch(() => {
          if (n !== popupSeq) return;
          set({ popup: { code, detail: null, status: 'error' } });
        });
    },

    closePopup() {
      popupSeq++;
      set({ popup: null });
    },
  };
});

// Significance is judged against the profile's benchmark: follow the switch.
useProfileStore.subscribe((state, previous) => {
  if (state.benchmark === previous.benchmark) return;
  const { indicatorId, period, show } = useChoroplethStore.getState();
  if (indicatorId) show(indicatorId, period);
});
