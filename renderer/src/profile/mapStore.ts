/**
 * What the profile's map binding (mapBinding.ts) hands to React while a map exists: the element around the map
 * (for the choropleth legend's portal), the open ward popup's content element, and the map key's camera moves.
 */
import { create } from 'zustand';

export interface ProfileMapState {
  /** The element around the map, for the legend's portal; null while there is no map. */
  host: HTMLElement | null;
  /** The open popup's content element, for a portal. */
  popupElement: HTMLElement | null;
  /** Camera moves for the map key's buttons (null while there is no map). */
  fitArea: (() => void) | null;
  fitAll: (() => void) | null;
}

export const useProfileMapStore = create<ProfileMapState>()(() => ({ host: null, popupElement: null, fitArea: null, fitAll: null }));
