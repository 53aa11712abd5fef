/**
 * The title row of a map key with a Hide / Show button, so a key never has to cover the map. Folded or not is one
 * choice for every key (the profile's, the councils', the LAPs'), kept while the app runs.
 */
import type { ReactNode } from 'react';
import { useMapKeyStore } from '../shell/mapKeyStore.ts';

export function MapKeyHead({ title, bodyId }: { title: ReactNode; bodyId: string }) {
  const folded = useMapKeyStore((s) => s.folded);
  const toggle = useMapKeyStore((s) => s.toggle);
  return (
    <div className="map-key-head">
      <p className="map-legend-title">{title}</p>
      <button type="button" className="map-key-toggle" aria-expanded={!folded} aria-controls={bodyId} onClick={toggle} data-testid="map-key-toggle">
        {folded ? 'Show key' : 'Hide key'}
      </button>
    </div>
  );
}
