/**
 * Keeps a WardMap in step with the LAP builder: LAP mode while the LAPs tab is open, the edited LAP's wards and
 * colour, every outline of the set, the wards in no LAP (when asked), the drawing tool, and camera moves. Back
 * from the map: wards picked while editing (a click toggles one, a box or lasso adds them), and on the LAPs tab a
 * click on a ward opens the LAP it is in.
 * It only calls WardMap's small interface; WardMap is still the only module that touches maplibre.
 */
import type { PickGesture, PickMode, WardMap } from '../map/WardMap.ts';
import { addWards, toggleWard } from './actions.ts';
import { activeLap, useLapsStore, type LapsState } from './store.ts';
import { useUiStore } from '../shell/uiStore.ts';

/** A map click or drag while a LAP is being edited. */
function onWardsPicked(codes: string[], mode: PickMode, gesture: PickGesture): void {
  const lap = activeLap(useLapsStore.getState());
  if (!lap || codes.length === 0) return;
  if (mode === 'toggle') void toggleWard(lap.id, codes[0]!);
  else void addWards(lap.id, codes, gesture === 'lasso' ? 'lasso' : 'box');
}

/** A map click when nothing is being edited: on the LAPs tab it opens the LAP the ward is in. */
function onWardClick(code: string | null): void {
  if (useUiStore.getState().panel !== 'laps' || !code) return;
  const lap = useLapsStore.getState().laps.find((l) => l.wards.some((w) => w.code === code));
  if (lap) useLapsStore.getState().selectLap(lap.id);
}

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
  const unsubscribers = [useLapsStore.subscribe(apply), useUiStore.subscribe(apply), wardMap.onWardsPicked(onWardsPicked), wardMap.onWardClick(onWardClick)];
  return () => {
    for (const u of unsubscribers) u();
  };
}
