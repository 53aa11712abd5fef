/**
 * A place category as drawn on the map: a circle in its colour with its letter. Decorative (aria-hidden): the
 * category's name is always written next to it, so nothing rests on colour or the letter alone.
 */
import { placeCategory, type PlaceCategoryId } from '../../../../shared/places.ts';
import { letterInk } from '../../map/placeLayers.ts';

export function CategoryMarker({ category, className }: { category: PlaceCategoryId; className?: string }) {
  const c = placeCategory(category);
  return (
    <span className={`place-marker${className ? ` ${className}` : ''}`} style={{ background: c.colour, color: letterInk(c.colour) }} aria-hidden="true">
      {c.symbol}
    </span>
  );
}

/** The cluster symbol of the map key: several places close together. */
export function ClusterMarker() {
  return (
    <span className="place-marker place-cluster-marker" aria-hidden="true">
      12
    </span>
  );
}
