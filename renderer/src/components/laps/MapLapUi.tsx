/**
 * The LAP builder's pieces on the map: the editing toolbar (what a click does, Box and Lasso tools, Done), the
 * key (the set's LAPs and their colours), and a line in the hover tooltip saying what a click would do.
 */
import { useId, useMemo } from 'react';
import { MapKeyHead } from '../MapKeyHead.tsx';
import { useMapKeyStore } from '../../shell/mapKeyStore.ts';
import { activeLap, currentSet, useLapsStore } from '../../laps/store.ts';
import { useWardsStore } from '../../wards/store.ts';

const LEGEND_MAX = 10;

export function MapEditBar() {
  const lap = useLapsStore(activeLap);
  const tool = useLapsStore((s) => s.tool);
  const setTool = useLapsStore((s) => s.setTool);
  const selectLap = useLapsStore((s) => s.selectLap);
  const lapCount = useLapsStore((s) => s.laps.length);

  if (!lap) {
    if (lapCount === 0) return null;
    return (
      <div className="map-editbar is-idle" data-testid="map-editbar">
        <span>Click a LAP on the map, or choose one in the list, to change it.</span>
      </div>
    );
  }

  const toggle = (t: 'box' | 'lasso') => setTool(tool === t ? 'select' : t);
  const help =
    tool === 'lasso'
      ? 'Drag around wards to add them (their centre must be inside).'
      : tool === 'box'
        ? 'Drag a box to add every ward it touches.'
        : 'Click a ward to add or remove it. Shift-drag to add a box of wards.';

  return (
    <div className="map-editbar" role="toolbar" aria-label="Map tools" data-testid="map-editbar">
      <span className="map-editbar-text">
        <span className="swatch lap-swatch" style={{ background: lap.colour }} aria-hidden="true" />
        Editing <strong>{lap.name}</strong>. {help}
      </span>
      <span className="map-editbar-buttons">
        <button type="button" className="tool-button" aria-pressed={tool === 'box'} onClick={() => toggle('box')} title="Drag a box to add the wards it touches">
          Box
        </button>
        <button type="button" className="tool-button" aria-pressed={tool === 'lasso'} onClick={() => toggle('lasso')} title="Draw around wards to add them">
          Lasso
        </button>
        <button type="button" className="tool-button" onClick={() => selectLap(null)}>
          Done
        </button>
      </span>
    </div>
  );
}

export function LapMapLegend({ onFit, ready }: { onFit(): void; ready: boolean }) {
  const laps = useLapsStore((s) => s.laps);
  const set = useLapsStore(currentSet);
  const active = useLapsStore((s) => s.activeLapId);
  const showCoverage = useLapsStore((s) => s.showCoverage);
  const shown = laps.filter((l) => l.wardCount > 0);
  const folded = useMapKeyStore((s) => s.folded);
  const bodyId = useId();

  return (
    <div className="map-legend is-laps" role="region" aria-label="Map key">
      <MapKeyHead title={set?.name ?? 'LAPs'} bodyId={bodyId} />
      <div id={bodyId} hidden={folded}>
      {shown.length === 0 ? (
        <p className="map-legend-empty">No LAP has wards yet.</p>
      ) : (
        <ul>
          {shown.slice(0, LEGEND_MAX).map((l) => (
            <li key={l.id} className={l.id === active ? 'is-active' : undefined}>
              <span className="swatch lap-swatch" style={{ background: l.colour }} aria-hidden="true" /> {l.name}
            </li>
          ))}
          {shown.length > LEGEND_MAX && <li>and {shown.length - LEGEND_MAX} more</li>}
        </ul>
      )}
      {showCoverage && (
        <ul>
          <li>
            <span className="swatch swatch-hatch" aria-hidden="true" /> In no LAP yet
          </li>
        </ul>
      )}
      <button type="button" className="button button-small" onClick={onFit} disabled={!ready}>
        Zoom to fit both councils
      </button>
      </div>
    </div>
  );
}

/** "Click to add to N4", "In DSN4", ...: what the ward under the pointer means for the LAPs. */
export function useLapHoverNote(code: string | null): string | null {
  const laps = useLapsStore((s) => s.laps);
  const lap = useLapsStore(activeLap);
  const set = useLapsStore(currentSet);
  const wardsByCode = useWardsStore((s) => s.byCode);
  const byWard = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const l of laps) for (const w of l.wards) map.set(w.code, [...(map.get(w.code) ?? []), l.name]);
    return map;
  }, [laps]);
  if (!code) return null;
  const inLaps = byWard.get(code) ?? [];
  if (!lap) return inLaps.length ? `In ${inLaps.join(', ')}` : 'In no LAP';
  if (lap.wards.some((w) => w.code === code)) return `In ${lap.name}: click to remove`;
  // Say what a click will really do: the backend refuses another council's wards and shared wards in official sets.
  const ward = wardsByCode.get(code);
  if (set?.council && ward && ward.authorityCode !== set.council.code) return `${ward.authorityName} wards cannot join a ${set.council.name} LAP`;
  const others = inLaps.filter((n) => n !== lap.name);
  if (set?.kind === 'official' && others.length) return `In ${others.join(', ')}: official LAPs cannot share wards`;
  return `Click to add to ${lap.name}`;
}
