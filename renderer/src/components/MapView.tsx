/**
 * The map area: hosts a WardMap (which owns maplibre), the hover tooltip and the legend, and keeps the map in
 * step with the selection store.
 */
import { useEffect, useRef, useState } from 'react';
import type { Geography } from '../../../shared/domain.ts';
import { WardMap } from '../map/WardMap.ts';
import { useSelectionStore } from '../stores/selection.ts';

type MapStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export function MapView({ geography }: { geography: Geography }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const wardMapRef = useRef<WardMap | null>(null);
  const [status, setStatus] = useState<MapStatus>({ state: 'loading' });
  const hovered = useSelectionStore((s) => s.hovered);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { select, setHovered } = useSelectionStore.getState();
    let wardMap: WardMap;
    try {
      wardMap = new WardMap(container, geography, {
        onHover: setHovered,
        onSelect: (code) => select(code),
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
    return () => {
      unsubscribe();
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
        </div>
      )}

      <div className="map-legend" aria-label="Map key">
        <p className="map-legend-title">Councils</p>
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
          Show both councils
        </button>
      </div>
    </div>
  );
}
