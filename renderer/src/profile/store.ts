/**
 * The Profile tab's view of the backend: what is being profiled (a LAP, a ward or a council), the benchmark, the
 * profile itself (profile.get), the LAP's pinned indicators (laps.pins.get/set), the LAPs to choose from (every
 * set), the indicator metadata (indicators.list: method notes for the expanded rows) and the area's outline for
 * the map. The renderer computes nothing: every number shown comes from these answers.
 *
 * The chosen area and benchmark are remembered between sessions (prefs). The LAP chosen on the LAPs tab becomes
 * the profiled LAP when it changes, and an edit to the profiled LAP (its wards) reloads the profile.
 */
import { create } from 'zustand';
import type { IndicatorInfo } from '../../../shared/contract/data.ts';
import type { Lap, LapSet } from '../../../shared/contract/laps.ts';
import type { LapPin, ProfileAreaArg } from '../../../shared/contract/profile.ts';
import { MAX_PINS } from '../../../shared/contract/profile.ts';
import { isCouncilCode, type AuthorityCode, type GeoPolygon } from '../../../shared/domain.ts';
import type { BenchmarkChoice, Profile } from '../../../shared/profile.ts';
import { send } from '../api.ts';
import { readPref, writePref } from '../prefs.ts';
import { useHistoryStore } from '../shell/historyStore.ts';
import { useLapsStore } from '../laps/store.ts';
import { useSelectionStore } from '../wards/selectionStore.ts';
import { announce } from '../shell/statusStore.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';

export type AreaKind = 'lap' | 'ward' | 'council';

export type ProfileTarget = { kind: 'lap'; id: number } | { kind: 'ward'; code: string } | { kind: 'council'; code: AuthorityCode };

/** A LAP the chooser offers, from any set. */
export interface LapChoice {
  id: number;
  name: string;
  setId: number;
  setName: string;
  colour: string;
  wardCodes: string[];
  updatedAt: string;
}

export interface ProfileState {
  /** Which chooser is shown. */
  kind: AreaKind;
  target: ProfileTarget | null;
  benchmark: BenchmarkChoice;

  lapsStatus: LoadStatus;
  sets: LapSet[];
  lapChoices: LapChoice[];

  status: LoadStatus;
  error: string | null;
  profile: Profile | null;
  /** True while a newer profile is on its way (the shown one stays until it arrives). */
  refreshing: boolean;
  /** The profiled area's outline for the map (LAPs; wards and councils come from the geography). */
  lapOutline: { geometry: GeoPolygon; name: string } | null;

  /** The profiled LAP's pinned indicator ids, in order (null: not a LAP, or not loaded). */
  pins: string[] | null;
  pinDetails: LapPin[];
  pinMessage: { text: string; tone: 'error' | 'info' } | null;

  indicatorInfo: ReadonlyMap<string, IndicatorInfo>;

  init(): Promise<void>;
  setKind(kind: AreaKind): void;
  choose(target: ProfileTarget | null): void;
  setBenchmark(benchmark: BenchmarkChoice): void;
  /** Loads the profile again (after an edit or a data import), keeping the shown one until it arrives. */
  reload(): Promise<void>;
  togglePin(indicatorId: string, name: string): Promise<void>;
  /** Reloads the LAP choices (names, wards) from every set. */
  loadLaps(): Promise<void>;
}

const BENCHMARKS: readonly BenchmarkChoice[] = ['own', 'west', 'north', 'england'];

/** The backend's area argument for a target. */
export function areaArg(target: ProfileTarget): ProfileAreaArg {
  switch (target.kind) {
    case 'lap':
      return { kind: 'lap', id: target.id };
    case 'ward':
      return { kind: 'ward', code: target.code };
    default:
      return { kind: 'council', code: target.code };
  }
}

export function sameTarget(a: ProfileTarget | null, b: ProfileTarget | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind) return false;
  return a.kind === 'lap' ? a.id === (b as { id: number }).id : a.code === (b as { code: string }).code;
}

function readTarget(): ProfileTarget | null {
  const raw = readPref('profileArea');
  if (!raw) return null;
  try {
    const t = JSON.parse(raw) as Partial<{ kind: string; id: number; code: string }>;
    if (t.kind === 'lap' && Number.isInteger(t.id) && (t.id ?? 0) > 0) return { kind: 'lap', id: t.id! };
    if (t.kind === 'ward' && typeof t.code === 'string' && /^E05\d{6}$/.test(t.code)) return { kind: 'ward', code: t.code };
    if (t.kind === 'council' && t.code !== undefined && isCouncilCode(t.code)) return { kind: 'council', code: t.code };
  } catch {
    // Not remembered; harmless.
  }
  return null;
}

function readBenchmark(): BenchmarkChoice {
  const raw = readPref('profileBenchmark');
  return BENCHMARKS.includes(raw as BenchmarkChoice) ? (raw as BenchmarkChoice) : 'own';
}

/** The last area of each kind profiled in this session, offered again when the user switches back. */
const lastByKind: Partial<Record<AreaKind, ProfileTarget>> = {};

let profileSeq = 0;
let pinSeq = 0;
const outlineCache = new Map<number, Promise<Map<number, GeoPolygon>>>();

async function lapOutlines(setId: number): Promise<Map<number, GeoPolygon>> {
  let p = outlineCache.get(setId);
  if (!p) {
    p = send('laps.outlines', { setId }).then((o) => new Map(o.features.filter((f) => f.properties.lapId !== null && f.geometry).map((f) => [f.properties.lapId!, f.geometry])));
    outlineCache.set(setId, p);
    p.catch(() => outlineCache.delete(setId));
  }
  return p;
}

function toChoice(lap: Lap): LapChoice {
  return {
    id: lap.id,
    name: lap.name,
    setId: lap.set.id,
    setName: lap.set.name,
    colour: lap.colour,
    wardCodes: lap.wards.map((w) => w.code),
    updatedAt: lap.updatedAt,
  };
}

export const useProfileStore = create<ProfileState>()((set, get) => {
  const initialTarget = readTarget();
  if (initialTarget) lastByKind[initialTarget.kind] = initialTarget;

  const loadIndicatorInfo = () => {
    send('indicators.list', {})
      .then((list) => set({ indicatorInfo: new Map(list.map((i) => [i.id, i])) }))
      .catch(() => undefined);
  };

  const loadPins = async (lapId: number) => {
    const seq = ++pinSeq;
    try {
      const result = await send('laps.pins.get', { lapId });
      if (seq !== pinSeq) return;
      set({ pins: result.pins.map((p) => p.id), pinDetails: result.pins });
    } catch (err) {
      if (seq !== pinSeq) return;
      set({ pins: [], pinDetails: [], pinMessage: { text: `The pinned indicators could not be loaded: ${describeError(err)}`, tone: 'error' } });
    }
  };

  const savePins = async (lapId: number, ids: string[]) => {
    const result = await send('laps.pins.set', { lapId, indicatorIds: ids });
    const current = get().target;
    if (current?.kind === 'lap' && current.id === lapId) set({ pins: result.pins.map((p) => p.id), pinDetails: result.pins });
  };

  const load = async (keep: boolean) => {
    const target = get().target;
    const seq = ++profileSeq;
    if (!target) {
      set({ status: 'idle', profile: null, error: null, refreshing: false, pins: null, pinDetails: [], lapOutline: null });
      return;
    }
    set(keep && get().profile ? { refreshing: true, error: null } : { status: 'loading', profile: null, error: null, refreshing: false, lapOutline: keep ? get().lapOutline : null });
    try {
      const profile = await send('profile.get', { area: areaArg(target), benchmark: get().benchmark });
      if (seq !== profileSeq) return;
      set({ status: 'ready', profile, refreshing: false });
    } catch (err) {
      if (seq !== profileSeq) return;
      set({ status: 'error', error: describeError(err), refreshing: false, ...(keep ? {} : { profile: null }) });
      return;
    }
    if (target.kind === 'lap') {
      const choice = get().lapChoices.find((l) => l.id === target.id);
      const profile = get().profile;
      if (profile?.area.set) {
        try {
          outlineCache.delete(profile.area.set.id);
          const outlines = await lapOutlines(profile.area.set.id);
          if (seq !== profileSeq) return;
          const geometry = outlines.get(target.id);
          set({ lapOutline: geometry ? { geometry, name: choice?.name ?? profile.area.name } : null });
        } catch {
          // The profile still shows; the map just has no outline.
        }
      }
    }
  };

  return {
    kind: initialTarget?.kind ?? 'lap',
    target: initialTarget,
    benchmark: readBenchmark(),
    lapsStatus: 'idle',
    sets: [],
    lapChoices: [],
    status: 'idle',
    error: null,
    profile: null,
    refreshing: false,
    lapOutline: null,
    pins: null,
    pinDetails: [],
    pinMessage: null,
    indicatorInfo: new Map(),

    async init() {
      if (get().lapsStatus !== 'idle') return;
      loadIndicatorInfo();
      await get().loadLaps();
      if (!get().target) {
        // Default: the LAP chosen on the LAPs tab (or remembered from last time).
        const lapsState = useLapsStore.getState();
        const lapId = lapsState.activeLapId ?? Number(readPref('lap') ?? NaN);
        if (Number.isInteger(lapId) && get().lapChoices.some((l) => l.id === lapId)) get().choose({ kind: 'lap', id: lapId });
      } else {
        const target = get().target!;
        if (target.kind === 'lap' && !get().lapChoices.some((l) => l.id === target.id)) get().choose(null);
        else {
          void load(false);
          if (target.kind === 'lap') void loadPins(target.id);
        }
      }
    },

    async loadLaps() {
      set({ lapsStatus: get().lapsStatus === 'ready' ? 'ready' : 'loading' });
      try {
        const sets = await send('lapSets.list', {});
        const lists = await Promise.all(sets.map((s) => send('laps.list', { setId: s.id })));
        set({ sets, lapChoices: lists.flat().map(toChoice), lapsStatus: 'ready' });
        // The profiled LAP was deleted meanwhile: back to choosing one.
        const target = get().target;
        if (target?.kind === 'lap' && get().status !== 'idle' && !get().lapChoices.some((l) => l.id === target.id)) get().choose(null);
      } catch (err) {
        // A failed refresh keeps the list already shown.
        if (get().lapsStatus !== 'ready') set({ lapsStatus: 'error', error: describeError(err) });
      }
    },

    setKind(kind) {
      if (kind === get().kind) return;
      // Offer the obvious choice at once: the LAP of the LAPs tab, the ward selected on the Wards tab, or the
      // council of what was shown. Otherwise the tab asks the user to choose.
      const shown = get().profile;
      const exists = (t: ProfileTarget) => t.kind !== 'lap' || get().lapChoices.some((l) => l.id === t.id);
      const last = lastByKind[kind];
      // First the LAP just edited on the LAPs tab, or the ward just selected (Wards tab or map).
      const editedLap = useLapsStore.getState().activeLapId;
      const selectedWard = useSelectionStore.getState().selectedCode;
      let next: ProfileTarget | null = null;
      if (kind === 'lap' && editedLap !== null && get().lapChoices.some((l) => l.id === editedLap)) {
        next = { kind: 'lap', id: editedLap };
      } else if (kind === 'ward' && selectedWard) {
        next = { kind: 'ward', code: selectedWard };
      } else if (last && exists(last)) {
        // The last one of this kind shown in this session.
        next = last;
      } else if (kind === 'lap') {
        const lapId = Number(readPref('lap') ?? NaN);
        if (get().lapChoices.some((l) => l.id === lapId)) next = { kind: 'lap', id: lapId };
      } else if (kind === 'ward') {
        const code = shown?.area.wards.length === 1 ? shown.area.wards[0]!.code : null;
        if (code) next = { kind: 'ward', code };
      } else if (shown) {
        next = { kind: 'council', code: shown.area.ownCouncil };
      }
      set({ kind });
      get().choose(next);
    },

    choose(target) {
      if (sameTarget(target, get().target) && get().status !== 'idle') return;
      if (target) lastByKind[target.kind] = target;
      set({ target, pins: null, pinDetails: [], pinMessage: null, lapOutline: null, ...(target ? { kind: target.kind } : {}) });
      writePref('profileArea', target ? JSON.stringify(target) : null);
      void load(false);
      if (target?.kind === 'lap') void loadPins(target.id);
    },

    setBenchmark(benchmark) {
      if (benchmark === get().benchmark) return;
      set({ benchmark });
      writePref('profileBenchmark', benchmark);
      void load(true);
    },

    reload() {
      // Data may have been imported meanwhile: the method notes too.
      loadIndicatorInfo();
      return load(true);
    },

    async togglePin(indicatorId, name) {
      const target = get().target;
      const pins = get().pins;
      if (target?.kind !== 'lap' || !pins) return;
      const lapId = target.id;
      const lapName = get().lapChoices.find((l) => l.id === lapId)?.name ?? 'this LAP';
      const pinned = pins.includes(indicatorId);
      if (!pinned && pins.length >= MAX_PINS) {
        set({ pinMessage: { text: `A LAP can pin ${MAX_PINS} indicators. Unpin one first to make room.`, tone: 'info' } });
        return;
      }
      const before = [...pins];
      const after = pinned ? pins.filter((p) => p !== indicatorId) : [...pins, indicatorId];
      // Show the change at once; the backend's answer replaces it.
      set({ pins: after, pinMessage: null });
      const label = `${pinned ? 'unpin' : 'pin'} ${name}`;
      try {
        await useHistoryStore.getState().run(async () => {
          await savePins(lapId, after);
          return {
            label,
            undo: () => savePins(lapId, before),
            redo: () => savePins(lapId, after),
          };
        });
        announce(pinned ? `Unpinned ${name} from ${lapName}'s top 5.` : `Pinned ${name} to ${lapName}'s top 5.`);
      } catch (err) {
        set({ pins: before, pinMessage: { text: `Could not ${label}: ${describeError(err)}`, tone: 'error' } });
      }
    },
  };
});

// The LAPs tab's chosen LAP becomes the profiled LAP when it changes; an edit to the profiled LAP reloads it.
useLapsStore.subscribe((state, previous) => {
  const profile = useProfileStore.getState();
  if (profile.lapsStatus !== 'ready') return;
  if (state.activeLapId !== null && state.activeLapId !== previous.activeLapId && profile.kind === 'lap') {
    if (!profile.lapChoices.some((l) => l.id === state.activeLapId)) void profile.loadLaps().then(() => useProfileStore.getState().choose({ kind: 'lap', id: state.activeLapId! }));
    else profile.choose({ kind: 'lap', id: state.activeLapId });
  }
  if (state.laps !== previous.laps) {
    const target = profile.target;
    const edited = state.laps.find((l) => target?.kind === 'lap' && l.id === target.id);
    const known = target?.kind === 'lap' ? profile.lapChoices.find((l) => l.id === target.id) : undefined;
    if (edited && known && edited.updatedAt !== known.updatedAt) {
      void profile.loadLaps().then(() => useProfileStore.getState().reload());
    } else if (state.laps.length !== previous.laps.length || state.laps.some((l, i) => l.name !== previous.laps[i]?.name)) {
      void profile.loadLaps();
    }
  }
});
