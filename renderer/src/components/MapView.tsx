/**
 * The map area: hosts a WardMap (which owns maplibre), the hover tooltip and the legend, and keeps the map in
 * step with the selection store and (on the LAPs tab) the LAP builder: clicks and drags on the map then add or
 * remove wards of the LAP being edited, with a toolbar for the Box and Lasso tools.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Geography } from '../../../shared/domain.ts';
import { addWards, toggleWard } from '../laps/actions.ts';
import { bindLapsToMap } from '../laps/mapBinding.ts';
import { WardMap, type PickGesture, type PickMode } from '../map/WardMap.ts';
import { activeLap, useLapsStore } from '../laps/store.ts';
import { useSelectionStore } from '../wards/selectionStore.ts';
import { useUiStore } from '../shell/uiStore.ts';
import { MapKeyHead, useMapKeyStore } from './MapKeyHead.tsx';
import { LapMapLegend, MapEditBar, useLapHoverNote } from './laps/MapLapUi.tsx';

/** A map click or drag while a LAP is being edited. */
function onWardsPicked(codes: string[], mode: PickMode, gesture: PickGesture): void {
  const lap = activeLap(useLapsStore.getState());
  if (!lap || codes.length === 0) return;
  if (mode === 'toggle') void toggleWard(lap.id, codes[0]!);
  else void addWards(lap.id, codes, gesture === 'lasso' ? 'lasso' : 'box');
}

/** A map click when nothing is being edited: on the LAPs tab it opens the LAP the ward is in. */
function onSelect(code: string | null): void {
  if (useUiStore.getState().panel !== 'laps') {
    useSelectionStore.getState().select(code);
    return;
  }
  if (!code) return;
  const lap = useLapsStore.getState().laps.find((l) => l.wards.some((w) => w.code === code));
  if (lap) useLapsStore.getState().selectLap(lap.id);
}

type MapStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export function MapView({ geography }: { geography: Geography }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const wardMapRef = useRef<WardMap | null>(null);
  const [status, setStatus] = useState<MapStatus>({ state: 'loading' });
  const hovered = useSelectionStore((s) => s.hovered);
  const lapMode = useUiStore((s) => s.panel === 'laps');
  const hoverNote = useLapHoverNote(lapMode ? (hovered?.code ?? null) : null);
  const keyFolded = useMapKeyStore((s) => s.folded);
  const keyId = useId();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { setHovered } = useSelectionStore.getState();
    let wardMap: WardMap;
    try {
      wardMap = new WardMap(container, geography, {
        onHover: setHovered,
        onSelect,
        onWardsPicked,
        onLoad: () => setStatus({ state: 'ready' }),
      });
    } catch (err) {
      // Usually WebGL being unavailable (very old graphics drivers, or hardware acceleration turned off).
      setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    wardMapRef.current = wardMap;
    wardMap.setSelected(useSelectionStore.getState().selectedCode);
    const unsubscribe = useSelectionStore.subscribe((state, previous) => {
      if (state.selectedCode !== previous.selectedCode) wardMap.setSelected(state.selectedCode);
      if (state.flyRequest && state.flyRequest !== previous.flyRequest) wardMap.flyToWard(state.flyRequest.code);
    });
    const unbindLaps = bindLapsToMap(wardMap);
    return () => {
      unsubscribe();
      unbindLaps();
      wardMap.destroy();
      wardMapRef.current = null;
      setHovered(null);
    };
  }, [geography]);

  const container = containerRef.current;
  const tooltipLeft = hovered && container && hovered.x > container.clientWidth - 240;
  const tooltipUp = hovered && container && hovered.y > container.clientHeight - 80;

  return (
    <div className="map-area">
      <div ref={containerRef} className="map-canvas" data-testid="map" />

      {status.state === 'loading' && (
        <div className="map-message" role="status">
          Drawing the map…
        </div>
      )}
      {status.state === 'failed' && (
        <div className="map-message is-error" role="alert">
          <p>
            <strong>The map cannot be shown on this computer.</strong>
          </p>
          <p>You can still find wards in the list. Technical detail: {status.message}</p>
        </div>
      )}

      {hovered && (
        <div
          className="map-tooltip"
          role="tooltip"
          data-testid="map-tooltip"
          style={{
            left: hovered.x,
            top: hovered.y,
            transform: `translate(${tooltipLeft ? 'calc(-100% - 14px)' : '14px'}, ${tooltipUp ? 'calc(-100% - 14px)' : '14px'})`,
          }}
        >
          <span className="map-tooltip-name">{hovered.name}</span>
          <span className="map-tooltip-council">{hovered.authorityName}</span>
          {hoverNote && <span className="map-tooltip-note">{hoverNote}</span>}
        </div>
      )}

      {lapMode && status.state === 'ready' && <MapEditBar />}

      {lapMode ? (
        <LapMapLegend onFit={() => wardMapRef.current?.fitCouncils()} ready={status.state === 'ready'} />
      ) : (
      <div className="map-legend" role="region" aria-label="Map key">
        <MapKeyHead title="Councils" bodyId={`${keyId}-body`} />
        <div id={`${keyId}-body`} hidden={keyFolded}>
        <ul>
          <li>
            <span className="swatch council-west" aria-hidden="true" /> West Northamptonshire
          </li>
          <li>
            <span className="swatch council-north" aria-hidden="true" /> North Northamptonshire
          </li>
          <li>
            <span className="swatch swatch-selected" aria-hidden="true" /> Selected ward
          </li>
        </ul>
        <button type="button" className="button button-small" onClick={() => wardMapRef.current?.fitCouncils()} disabled={status.state !== 'ready'}>
          Zoom to fit both councils
        </button>
        </div>
      </div>
      )}
    </div>
  );
}
