/**
 * Keeps a WardMap in step with the LAP builder: LAP mode while the LAPs tab is open, the edited LAP's wards and
 * colour, every outline of the set, the wards in no LAP (when asked), the drawing tool, and camera moves.
 * It only calls WardMap's small interface; WardMap is still the only module that touches maplibre.
 */
import type { WardMap } from '../map/WardMap.ts';
import { activeLap, useLapsStore, type LapsState } from './store.ts';
import { useUiStore } from '../shell/uiStore.ts';

export function bindLapsToMap(wardMap: WardMap): () => void {
  let lastOutlines: unknown = undefined;
  let lastActive: number | null | undefined = undefined;
  let lastFly: LapsState['fly'] = useLapsStore.getState().fly;

  const apply = () => {
    const s = useLapsStore.getState();
    const lapMode = useUiStore.getState().panel === 'laps';
    const lap = lapMode ? activeLap(s) : undefined;
    wardMap.setLapMode(lapMode);
    wardMap.setEditing(!!lap);
    wardMap.setTool(lap ? s.tool : 'select');
    wardMap.setMembers(lap ? lap.wards.map((w) => w.code) : [], lap?.colour);
    wardMap.setCoverage(lapMode && s.showCoverage && s.coverage ? s.coverage.councils.flatMap((c) => c.uncovered.map((w) => w.code)) : null);
    const outlines = lapMode ? s.outlines : null;
    const activeId = lap?.id ?? null;
    if (outlines !== lastOutlines || activeId !== lastActive) {
      wardMap.setLapOutlines(outlines, activeId);
      lastOutlines = outlines;
      lastActive = activeId;
    }
    if (s.fly && s.fly !== lastFly) {
      lastFly = s.fly;
      if (lapMode) wardMap.fitWards(s.fly.codes);
    }
  };

  apply();
  const unsubscribeLaps = useLapsStore.subscribe(apply);
  const unsubscribeUi = useUiStore.subscribe(apply);
  return () => {
    unsubscribeLaps();
    unsubscribeUi();
  };
}
