/**
 * The choropleth's key, drawn over the map (a portal into the map area): the indicator, its period and unit, the
 * colouring (values in quintiles or natural breaks, or significance against each ward's council), each class
 * with its bounds and number of wards (or each comparison in words), the hatched "no data", and "Hide map
 * colours" to go back to the normal map. Also the content of the popup a click on a ward opens.
 */
import { useId } from 'react';
import { createPortal } from 'react-dom';
import { MapKeyHead } from '../MapKeyHead.tsx';
import { useMapKeyStore } from '../../shell/mapKeyStore.ts';
import type { Choropleth, ChoroplethWard } from '../../../../shared/contract/profile.ts';
import { classColour } from '../../map/choropleth.ts';
import { useChoroplethStore, type ChoroplethMethod, type ChoroplethMode, type WardPopup } from '../../profile/choroplethStore.ts';
import { BENCHMARK_NAMES, COUNCIL_NAMES, comparisonColour, comparisonPhrase, formatInterval, formatValue, MISSING_MARK, plural, unitWords } from '../../profile/format.ts';
import { useProfileMapStore } from '../../profile/mapStore.ts';
import { useProfileStore } from '../../profile/store.ts';
import { ComparisonChip } from './ComparisonChip.tsx';
import { Segmented } from './Segmented.tsx';

const METHODS = [
  { value: 'quintiles', label: 'Quintiles', title: 'Five classes with about the same number of wards in each' },
  { value: 'natural-breaks', label: 'Natural breaks', title: 'Five classes split where the values have natural gaps (Jenks)' },
] as const;

const MODES = [
  { value: 'values', label: 'Values', title: 'Colour wards by their value' },
  { value: 'significance', label: 'Significance', title: 'Colour wards by how they compare with their council' },
] as const;

function fmt(data: Choropleth, v: number | null): string {
  return formatValue({ valueType: data.indicator.valueType, unit: data.unit }, v);
}

function unitLine(data: Choropleth): string {
  const unit = data.unit.startsWith('%') ? `% ${unitWords({ unit: data.unit })}`.trim() : data.unit;
  return [unit, data.period ?? 'no period'].filter(Boolean).join(' · ');
}

function comparedWith(benchmark: Choropleth['benchmark']): string {
  return benchmark === 'own' ? "each ward's own council" : BENCHMARK_NAMES[benchmark];
}

function LegendBody({ data }: { data: Choropleth }) {
  const noData = data.wards.filter((w) => w.value === null).length;
  const k = data.classes.length || data.k;
  if (data.mode === 'significance') {
    return (
      <>
        <p className="legend-note">Compared with {comparedWith(data.benchmark)}, as in Fingertips</p>
        <ul className="legend-items" data-testid="legend-items">
          {data.legend.items.map((item) => (
            <li key={item.key} data-key={item.key}>
              <span className="swatch legend-swatch" style={{ background: item.colour ?? comparisonColour(item.key as never) }} aria-hidden="true" />
              <span className="legend-label">{item.label}</span>
              <span className="legend-count">{plural(item.count, 'ward')}</span>
            </li>
          ))}
          {noData > 0 && (
            <li data-key="no-data">
              <span className="swatch legend-swatch swatch-hatch" aria-hidden="true" />
              <span className="legend-label">No data</span>
              <span className="legend-count">{plural(noData, 'ward')}</span>
            </li>
          )}
        </ul>
      </>
    );
  }
  const items = [...data.classes].reverse();
  return (
    <>
      <p className="legend-note">
        {data.higherIsBetter === null ? 'Darker = higher (no better or worse)' : `Darker = worse (${data.higherIsBetter ? 'higher' : 'lower'} is better)`}
      </p>
      {items.length === 0 ? (
        <p className="legend-note">No classes: {data.note ?? 'there are too few ward values.'}</p>
      ) : (
        <ul className="legend-items" data-testid="legend-items">
          {items.map((c) => (
            <li key={c.index} data-key={String(c.index)}>
              <span className="swatch legend-swatch" style={{ background: classColour(c.index, k, data.higherIsBetter) }} aria-hidden="true" />
              <span className="legend-label" data-testid="legend-bounds">
                {fmt(data, c.lower)} to {fmt(data, c.upper)}
              </span>
              <span className="legend-count">{plural(c.count, 'ward')}</span>
            </li>
          ))}
          {noData > 0 && (
            <li data-key="no-data">
              <span className="swatch legend-swatch swatch-hatch" aria-hidden="true" />
              <span className="legend-label">No data</span>
              <span className="legend-count">{plural(noData, 'ward')}</span>
            </li>
          )}
        </ul>
      )}
    </>
  );
}

function Legend() {
  const s = useChoroplethStore();
  const areaName = useProfileStore((p) => p.profile?.area.name ?? null);
  const data = s.data;
  const title = data?.indicator.shortName ?? 'Colouring the map…';
  const folded = useMapKeyStore((k) => k.folded);
  const bodyId = useId();
  return (
    <div className="map-legend profile-map-legend" role="region" aria-label={`Map key: ${title}`} data-testid="choropleth-legend" aria-busy={s.status === 'loading'}>
      <MapKeyHead title={title} bodyId={bodyId} />
      <div id={bodyId} hidden={folded}>
      {data && (
        <p className="legend-sub" data-testid="legend-period">
          {unitLine(data)}
        </p>
      )}
      {data && data.periods.length > 1 && (
        <label className="legend-period">
          Period{' '}
          <select className="select select-small" value={data.period ?? ''} onChange={(e) => s.setPeriod(e.target.value || null)}>
            {data.periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="legend-controls">
        <Segmented<ChoroplethMode> legend="Colour the wards by" options={MODES} value={s.mode} onChange={s.setMode} small hideLegend testId="map-mode" />
        {s.mode === 'values' && (
          <Segmented<ChoroplethMethod> legend="Classes" options={METHODS} value={s.method} onChange={s.setMethod} small hideLegend testId="map-method" />
        )}
      </div>
      {s.status === 'error' && (
        <p className="inline-message is-error" role="alert">
          The map could not be coloured: {s.error}
        </p>
      )}
      {data && <LegendBody data={data} />}
      {data?.note && data.classes.length > 0 && <p className="legend-note">{data.note}</p>}
      <div className="legend-foot">
        <p className="legend-note">
          {areaName ? (
            <>
              <span className="swatch swatch-area" aria-hidden="true" />
              {areaName} outlined ·{' '}
            </>
          ) : null}
          click a ward for its value
        </p>
        <button type="button" className="button button-small" onClick={s.hide}>
          Hide map colours
        </button>
      </div>
      </div>
    </div>
  );
}

function PopupContent({ data, ward, popup }: { data: Choropleth; ward: ChoroplethWard; popup: WardPopup }) {
  const ind = { valueType: data.indicator.valueType, unit: data.unit };
  const cls = ward.class !== null ? data.classes.find((c) => c.index === ward.class) : undefined;
  const detail = popup.detail;
  const benchName = detail?.benchmark.name ?? (data.benchmark === 'own' ? COUNCIL_NAMES[ward.authorityCode] : BENCHMARK_NAMES[data.benchmark]);
  return (
    <div className="ward-popup-body" data-testid="ward-popup">
      <p className="ward-popup-name">{ward.name}</p>
      <p className="ward-popup-indicator">
        {data.indicator.shortName}, {data.period}
      </p>
      <p className="ward-popup-value">
        {ward.value === null ? 'No value' : formatValue(ind, ward.value)}
        {ward.value !== null && !data.unit.startsWith('%') && data.unit && <span className="unit"> {data.unit}</span>}
      </p>
      {ward.value !== null && (
        <p className="ward-popup-line">
          95% interval: {popup.status === 'loading' ? '…' : detail?.ci95 ? formatInterval(ind, detail.ci95) : MISSING_MARK}
        </p>
      )}
      {cls && (
        <p className="ward-popup-line">
          Class {cls.index} of {data.classes.length} ({formatValue(ind, cls.lower)} to {formatValue(ind, cls.upper)})
        </p>
      )}
      {ward.value !== null && (
        <p className="ward-popup-line">
          <ComparisonChip comparison={ward.comparison} />{' '}
          {comparisonPhrase(ward.comparison, ward.benchmarkValue === null ? benchName : `${benchName} (${formatValue(ind, ward.benchmarkValue)})`)}
        </p>
      )}
      {ward.estimate && <p className="ward-popup-line hint">An estimate for the ward boundary.</p>}
      {ward.note && <p className="ward-popup-line hint">{ward.note}</p>}
    </div>
  );
}

/** The map key while no indicator colours the map: the profiled area's outline and the councils. */
function AreaLegend({ name }: { name: string }) {
  const fitArea = useProfileMapStore((s) => s.fitArea);
  const fitAll = useProfileMapStore((s) => s.fitAll);
  const folded = useMapKeyStore((s) => s.folded);
  const bodyId = useId();
  return (
    <div className="map-legend profile-map-legend is-area" role="region" aria-label="Map key" data-testid="profile-area-legend">
      <MapKeyHead title={`Profile of ${name}`} bodyId={bodyId} />
      <div id={bodyId} hidden={folded}>
      <ul>
        <li>
          <span className="swatch swatch-area" aria-hidden="true" /> {name}
        </li>
        <li>
          <span className="swatch council-west" aria-hidden="true" /> West Northamptonshire
        </li>
        <li>
          <span className="swatch council-north" aria-hidden="true" /> North Northamptonshire
        </li>
      </ul>
      <div className="legend-buttons">
        <button type="button" className="button button-small" onClick={() => fitArea?.()} disabled={!fitArea}>
          Zoom to {name}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={() => fitAll?.()} disabled={!fitAll}>
          Zoom to fit both councils
        </button>
      </div>
      </div>
    </div>
  );
}

/** The map key (area or choropleth) and the ward popup, portalled into the map. */
export function ChoroplethOverlay() {
  const host = useProfileMapStore((s) => s.host);
  const popupElement = useProfileMapStore((s) => s.popupElement);
  const indicatorId = useChoroplethStore((s) => s.indicatorId);
  const data = useChoroplethStore((s) => s.data);
  const popup = useChoroplethStore((s) => s.popup);
  const areaName = useProfileStore((s) => (s.target ? (s.profile?.area.name ?? null) : null));
  const ward = data && popup ? data.wards.find((w) => w.code === popup.code) : undefined;
  return (
    <>
      {host && indicatorId && createPortal(<Legend />, host)}
      {host && !indicatorId && areaName && createPortal(<AreaLegend name={areaName} />, host)}
      {popupElement && data && popup && ward && createPortal(<PopupContent data={data} ward={ward} popup={popup} />, popupElement)}
    </>
  );
}

