/**
 * The map area: hosts a WardMap (which owns maplibre), the hover tooltip and the legend. useMapBindings
 * (map/bindings.ts) binds every feature to the map: the selection, the LAP builder (on the LAPs tab clicks and
 * drags add or remove wards of the LAP being edited, with a toolbar for the Box and Lasso tools), the profile's
 * choropleth and the places.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Geography } from '../../../shared/domain.ts';
import { useMapBindings } from '../map/bindings.ts';
import { WardMap } from '../map/WardMap.ts';
import { useSelectionStore } from '../wards/selectionStore.ts';
import { useUiStore } from '../shell/uiStore.ts';
import { MapKeyHead } from './MapKeyHead.tsx';
import { useMapKeyStore } from '../shell/mapKeyStore.ts';
import { LapMapLegend, MapEditBar, useLapHoverNote } from './laps/MapLapUi.tsx';

type MapStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export function MapView({ geography }: { geography: Geography }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [wardMap, setWardMap] = useState<WardMap | null>(null);
  const [status, setStatus] = useState<MapStatus>({ state: 'loading' });
  const hovered = useSelectionStore((s) => s.hovered);
  const lapMode = useUiStore((s) => s.panel === 'laps');
  const hoverNote = useLapHoverNote(lapMode ? (hovered?.code ?? null) : null);
  const keyFolded = useMapKeyStore((s) => s.folded);
  const keyId = useId();

  // Before the map is created, so that on the way out the features are unbound before the map goes.
  useMapBindings(wardMap);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let created: WardMap;
    try {
      created = new WardMap(container, geography, {
        onLoad: () => setStatus({ state: 'ready' }),
      });
    } catch (err) {
      // Usually WebGL being unavailable (very old graphics drivers, or hardware acceleration turned off).
      setStatus({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
      return;
    }
    setWardMap(created);
    return () => {
      setWardMap(null);
      created.destroy();
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
        <LapMapLegend onFit={() => wardMap?.fitCouncils()} ready={status.state === 'ready'} />
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
        <button type="button" className="button button-small" onClick={() => wardMap?.fitCouncils()} disabled={status.state !== 'ready'}>
          Zoom to fit both councils
        </button>
        </div>
      </div>
      )}
    </div>
  );
}
