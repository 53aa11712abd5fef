/**
 * Keeps a WardMap in step with the selection (wards/selectionStore.ts): the selected ward is highlighted, a
 * request to fly to a ward moves the camera, the ward under the pointer is the store's `hovered` (MapView's
 * tooltip), and a click selects a ward (or clears with empty map), except on the LAPs tab, where a click opens
 * the ward's LAP (laps/mapBinding.ts).
 */
import type { WardMap } from '../map/WardMap.ts';
import { useUiStore } from '../shell/uiStore.ts';
import { useSelectionStore } from './selectionStore.ts';

export function bindWardsToMap(wardMap: WardMap): () => void {
  const { setHovered } = useSelectionStore.getState();
  wardMap.setSelected(useSelectionStore.getState().selectedCode);
  const unsubscribers = [
    useSelectionStore.subscribe((state, previous) => {
      if (state.selectedCode !== previous.selectedCode) wardMap.setSelected(state.selectedCode);
      if (state.flyRequest && state.flyRequest !== previous.flyRequest) wardMap.flyToWard(state.flyRequest.code);
    }),
    wardMap.onHover(setHovered),
    wardMap.onWardClick((code) => {
      if (useUiStore.getState().panel !== 'laps') useSelectionStore.getState().select(code);
    }),
  ];
  return () => {
    for (const u of unsubscribers) u();
    setHovered(null);
  };
}
