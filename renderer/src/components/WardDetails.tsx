/**
 * The selected ward: name, code and council, with a way to zoom to it or clear the selection.
 */
import { useSelectionStore } from '../wards/selectionStore.ts';
import { useWardsStore } from '../wards/store.ts';
import { councilClass } from './council.ts';

const hectares = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const squareKm = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function WardDetails() {
  const selectedCode = useSelectionStore((s) => s.selectedCode);
  const select = useSelectionStore((s) => s.select);
  const ward = useWardsStore((s) => (selectedCode ? s.byCode.get(selectedCode) : undefined));

  if (!ward) {
    return (
      <section className="ward-details is-empty" aria-label="Selected ward" aria-live="polite">
        <h2 className="panel-heading">Selected ward</h2>
        <p className="hint">No ward selected. Click a ward on the map, or choose one from the list.</p>
      </section>
    );
  }

  return (
    <section className="ward-details" aria-label="Selected ward" aria-live="polite">
      <h2 className="panel-heading">Selected ward</h2>
      <p className="ward-name" data-testid="selected-ward-name">
        {ward.name}
      </p>
      <dl className="facts">
        <div>
          <dt>Ward code</dt>
          <dd data-testid="selected-ward-code">{ward.code}</dd>
        </div>
        <div>
          <dt>Council</dt>
          <dd data-testid="selected-ward-council">
            <span className={`swatch ${councilClass(ward.authorityCode)}`} aria-hidden="true" />
            {ward.authorityName}
          </dd>
        </div>
        {Number.isFinite(ward.areaHectares) && ward.areaHectares > 0 && (
          <div>
            <dt>Area</dt>
            <dd>
              {hectares.format(ward.areaHectares)} hectares ({squareKm.format(ward.areaHectares / 100)} km²)
            </dd>
          </div>
        )}
      </dl>
      <div className="button-row">
        <button type="button" className="button" onClick={() => select(ward.code, { fly: true })}>
          Zoom to ward
        </button>
        <button type="button" className="button button-quiet" onClick={() => select(null)}>
          Clear selection
        </button>
      </div>
    </section>
  );
}
