/**
 * The one place where the app's features meet the map. MapView creates the WardMap and calls
 * `useMapBindings(wardMap)`; each feature's binding (its mapBinding.ts) makes the map follow that feature's
 * stores and hears what the user does on the map, and returns how to stop. To draw a new feature on the map, add
 * its binding to MAP_BINDINGS. The order is the order clicks are heard in: the selection first.
 */
import { useEffect } from 'react';
import { bindLapsToMap } from '../laps/mapBinding.ts';
import { bindPlacesToMap } from '../places/mapBinding.ts';
import { usePlacesStore } from '../places/store.ts';
import { bindProfileToMap } from '../profile/mapBinding.ts';
import { bindWardsToMap } from '../wards/mapBinding.ts';
import type { WardMap } from './WardMap.ts';

/** Binds a feature to a map; returns the unbinding. */
export type MapBinding = (wardMap: WardMap) => () => void;

export const MAP_BINDINGS: readonly MapBinding[] = [
  // The selected and hovered ward; a click selects (except on the LAPs tab).
  bindWardsToMap,
  // LAP mode, the edited LAP, outlines, coverage, drawing tools; picks and clicks on the LAPs tab.
  bindLapsToMap,
  // The profiled area's outline, the choropleth, its popup and camera moves.
  bindProfileToMap,
  // The places (clustered), the chosen place's ring and popup.
  bindPlacesToMap,
];

/** Binds every feature to `wardMap` while it exists (null: no map yet, or it could not be drawn). */
export function useMapBindings(wardMap: WardMap | null): void {
  useEffect(() => {
    // Places are on the map from the start; the profile's Export menu lists them too, so they load even
    // when the map cannot be drawn.
    void usePlacesStore.getState().load();
  }, []);

  useEffect(() => {
    if (!wardMap) return;
    const unbinders = MAP_BINDINGS.map((bind) => bind(wardMap));
    return () => {
      for (const unbind of unbinders) unbind();
    };
  }, [wardMap]);
}
