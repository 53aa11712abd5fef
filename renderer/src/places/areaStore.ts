/**
 * "Places and access" for the profiled area (places.forArea): counts by category, the area's places, and the
 * straight-line distance from each member ward's centre to the nearest place of each category, with the area's
 * and the councils' averages. Loaded again when the area changes, when the profile is made again (a LAP's wards
 * may have changed), and when places change (the places store's `revision`).
 */
import { create } from 'zustand';
import type { ProfileAreaArg } from '../../../shared/contract/profile.ts';
import type { AreaPlaces } from '../../../shared/places.ts';
import { send } from '../api.ts';
import type { LoadStatus } from '../wards/store.ts';
import { describeError } from '../errors.ts';

export interface PlacesAreaState {
  /** What the shown answer is for (the area and the revision it was asked at). */
  key: string | null;
  status: LoadStatus;
  error: string | null;
  data: AreaPlaces | null;
  /** Loads the area's places unless the answer for `key` is shown or on its way. */
  load(area: ProfileAreaArg, key: string): Promise<void>;
}

let seq = 0;

export const usePlacesAreaStore = create<PlacesAreaState>()((set, get) => ({
  key: null,
  status: 'idle',
  error: null,
  data: null,
  async load(area, key) {
    if (get().key === key && get().status !== 'error') return;
    const n = ++seq;
    const sameArea = get().data !== null && get().key?.split('|')[0] === key.split('|')[0];
    // The same area again (after an edit): keep what is shown until the new answer arrives.
    set({ key, status: 'loading', error: null, ...(sameArea ? {} : { data: null }) });
    try {
      const data = await send('places.forArea', { area });
      if (n !== seq) return;
      set({ status: 'ready', data });
    } catch (err) {
      if (n !== seq) return;
      set({ status: 'error', error: describeError(err) });
    }
  },
}));
