/**
 * The Data tab's note on the map's context (towns, roads, railways, rivers and built-up areas): where it comes from
 * and its licence. The bundled basemap is derived from OpenStreetMap, so it is offered under the ODbL.
 */
import { BASEMAP_LICENCE } from '../../map/basemap.ts';

export function MapDataNote() {
  return (
    <p className="hint" data-testid="basemap-licence">
      <strong>Map:</strong> {BASEMAP_LICENCE}
    </p>
  );
}
