/**
 * One indicator of the profile: its name and period (a disclosure button that opens the details), the value with
 * its 95% interval, the comparison in colour and words, a spine chart, and a line of detail (count and
 * denominator, the West, North and England values, flags). Opened, it gives the definition, method and source,
 * the values against each benchmark, a trend chart where there are several periods, the ward breakdown, and
 * "Show on map".
 */
import { useId } from 'react';
import type { IndicatorInfo } from '../../../../shared/contract/data.ts';
import type { BenchmarkKey, Profile, ProfileIndicator } from '../../../../shared/profile.ts';
import { useChoroplethStore } from '../../profile/choroplethStore.ts';
import {
  BENCHMARK_NAMES,
  BENCHMARK_SHORT,
  COUNCIL_NAMES,
  comparisonLabel,
  comparisonPhrase,
  coverageText,
  formatCounts,
  formatInterval,
  formatValue,
  MISSING_MARK,
  resolveBenchmark,
  valueWithUnit,
} from '../../profile/format.ts';
import type { ProfileTarget } from '../../profile/store.ts';
import { ComparisonChip } from './ComparisonChip.tsx';
import { SpineChart, spineDescription } from './SpineChart.tsx';
import { TrendChart } from './TrendChart.tsx';
import { PracticeBreakdown } from './PracticesSection.tsx';
import { WardBreakdown } from './WardBreakdown.tsx';

const KEYS: readonly BenchmarkKey[] = ['west', 'north', 'england'];

export interface PinControl {
  pinned: boolean;
  /** False when 5 are pinned and this one is not. */
  canPin: boolean;
  onToggle(): void;
}

export function IndicatorRow({
  ind,
  profile,
  target,
  expanded,
  onToggle,
  pin,
  info,
}: {
  ind: ProfileIndicator;
  profile: Profile;
  target: ProfileTarget;
  expanded: boolean;
  onToggle(): void;
  pin: PinControl | null;
  info: IndicatorInfo | undefined;
}) {
  const id = useId();
  const area = profile.area;
  const benchKey = resolveBenchmark(profile.benchmark, area);
  const benchName = BENCHMARK_NAMES[benchKey];
  const rangeName = `${COUNCIL_NAMES[area.ownCouncil]} wards`;
  const incomplete = ind.wardLevel && ind.coverage.wards < ind.coverage.of;
  const comparedWith = `${comparisonLabel(ind.comparison)}: ${comparisonPhrase(ind.comparison, benchName)}${ind.comparison === 'not-compared' && (ind.notComparedReason ?? ind.note) ? ` (${ind.notComparedReason ?? ind.note})` : ''}`;

  return (
    <li className={`indicator${expanded ? ' is-open' : ''}`} data-indicator-id={ind.id}>
      <div className="indicator-main">
        <span className="indicator-pin">
          {pin && (
            <button
              type="button"
              className={`pin-button${pin.pinned ? ' is-pinned' : ''}`}
              aria-pressed={pin.pinned}
              aria-label={pin.pinned ? `Unpin ${ind.shortName} from the top 5` : `Pin ${ind.shortName} to the top 5`}
              title={pin.pinned ? 'Unpin from the top 5' : pin.canPin ? 'Pin to the top 5 for this LAP' : 'Five are pinned: unpin one first'}
              aria-disabled={!pin.pinned && !pin.canPin}
              onClick={pin.onToggle}
            >
              <span aria-hidden="true">{pin.pinned ? '★' : '☆'}</span>
            </button>
          )}
        </span>
        <h4 className="indicator-name">
          <button type="button" className="disclosure" aria-expanded={expanded} aria-controls={`${id}-details`} onClick={onToggle}>
            <span className="disclosure-mark" aria-hidden="true" />
            <span className="indicator-label">
              <span className="indicator-title">{ind.shortName}</span> <span className="indicator-period">{ind.period}</span>
            </span>
          </button>
        </h4>
        <div className="indicator-value">
          {!ind.wardLevel ? (
            <span className="flag is-council">Council level only</span>
          ) : (
            <>
              <span className="value" data-testid="indicator-value">
                {formatValue(ind, ind.value)}
              </span>
              {ind.ci95 && (
                <span className="interval" title="95% confidence interval">
                  {formatInterval(ind, ind.ci95)}
                </span>
              )}
              {ind.range && (
                <span className="interval" data-testid="indicator-range" title="Some small counts are suppressed in the source: the value is the midpoint of this range">
                  range {formatValue(ind, ind.range.lower)} to {formatValue(ind, ind.range.upper)}
                </span>
              )}
              {ind.valueNote && <span className="flag">{ind.valueNote}</span>}
            </>
          )}
        </div>
        <div className="indicator-comparison">
          <ComparisonChip comparison={ind.comparison} title={comparedWith} />
        </div>
        <div className="indicator-spine">
          <SpineChart ind={ind} description={spineDescription(ind, area.name, benchName, rangeName)} />
        </div>
        <p className="indicator-detail">
          {!ind.unit.startsWith('%') && ind.unit && <span className="unit">{ind.unit}</span>}
          {ind.valueType !== 'mean-score' && ind.valueType !== 'rank' && ind.valueType !== 'other' && ind.numerator !== null && ind.valueType !== 'count' && (
            <span>Count {formatCounts(ind, ind.numerator, ind.denominator)}</span>
          )}
          {KEYS.map((k) => (
            <span key={k} className={k === benchKey ? 'is-benchmark' : undefined}>
              {BENCHMARK_SHORT[k]} {formatValue(ind, ind.benchmarks[k].value)}
            </span>
          ))}
          {ind.practiceBased && (
            <span className="flag" title="Practice-based: the value is for patients registered at the area's GP practices, not its residents" data-testid="practice-based-flag">
              {ind.practiceBased.label}
            </span>
          )}
          {ind.estimate && (
            <span className="flag" title="Built from best-fit small areas or apportioned data, so an estimate for the ward boundaries">
              estimate
            </span>
          )}
          {incomplete && <span className="flag is-warning">incomplete ({coverageText(ind.coverage)})</span>}
          {ind.value === null && ind.wardLevel && ind.note && <span className="note">{ind.note}</span>}
          {ind.value !== null && ind.notComparedReason && <span className="note">{ind.notComparedReason}</span>}
          {ind.caveat && <span className="note">{ind.caveat}</span>}
        </p>
      </div>
      {expanded && <IndicatorDetails id={`${id}-details`} ind={ind} profile={profile} target={target} info={info} benchKey={benchKey} />}
    </li>
  );
}

function IndicatorDetails({
  id,
  ind,
  profile,
  target,
  info,
  benchKey,
}: {
  id: string;
  ind: ProfileIndicator;
  profile: Profile;
  target: ProfileTarget;
  info: IndicatorInfo | undefined;
  benchKey: BenchmarkKey;
}) {
  const showOnMap = useChoroplethStore((s) => s.show);
  const mapped = useChoroplethStore((s) => s.indicatorId === ind.id);
  const hideMap = useChoroplethStore((s) => s.hide);
  const area = profile.area;
  const councilName = COUNCIL_NAMES[area.ownCouncil];

  return (
    <div className="indicator-details" id={id} data-testid="indicator-details">
      <p className="indicator-fullname">{ind.name}</p>
      <dl className="details-list">
        <div>
          <dt>What it measures</dt>
          <dd data-testid="indicator-plain">{ind.plainDefinition ?? (ind.definition || 'No definition was given with the data.')}</dd>
        </div>
        <div>
          <dt>Definition</dt>
          <dd data-testid="indicator-definition">{ind.definition || 'No definition was given with the data.'}</dd>
        </div>
        <div>
          <dt>Value</dt>
          <dd>
            {ind.wardLevel ? valueWithUnit(ind, ind.value) : 'Not available for wards or LAPs: council level only'}
            {ind.ci95 && ` (95% interval ${formatInterval(ind, ind.ci95)})`}
            {ind.wardLevel && ind.numerator !== null && ind.valueType !== 'count' && ind.valueType !== 'mean-score' && ind.valueType !== 'other' && ind.valueType !== 'rank' && (
              <>; count {formatCounts(ind, ind.numerator, ind.denominator)}</>
            )}
            .{ind.disclosureControlled && ' Counts from 1 to 7 are shown as <8.'}
            {ind.wardLevel && ` From ${coverageText(ind.coverage)}.`}
          </dd>
        </div>
        <div>
          <dt>How this is made</dt>
          <dd>
            {ind.method}
            {ind.estimate && '; an estimate for these ward boundaries'}.{info?.methodNote ? ` ${info.methodNote}` : ''}
            {ind.note && <span className="details-note"> Note: {ind.note}.</span>}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd data-testid="indicator-source">
            {ind.source.citation ?? `${ind.source.publisher}: ${ind.source.name}. ${ind.source.licence}.`}
          </dd>
        </div>
      </dl>

      <table className="data-table benchmark-table">
        <caption className="visually-hidden">{ind.shortName} compared with each benchmark</caption>
        <thead>
          <tr>
            <th scope="col">Benchmark</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">{area.name} is</th>
            <th scope="col">About the value</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map((k) => {
            const b = ind.benchmarks[k];
            return (
              <tr key={k} className={k === benchKey ? 'is-benchmark' : undefined}>
                <th scope="row">
                  {BENCHMARK_NAMES[k]}
                  {k === benchKey && <span className="flag">chosen</span>}
                </th>
                <td className="num">{formatValue(ind, b.value)}</td>
                <td>
                  <ComparisonChip comparison={b.comparison} />
                </td>
                <td className="hint-cell">{b.note ?? MISSING_MARK}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="button-row">
        {ind.practiceBased ? (
          <p className="hint">Practice-based: values belong to GP practices, not wards, so there is nothing to map.</p>
        ) : ind.wardLevel && mapped ? (
          <>
            <span className="mapped-note">Every ward is coloured by this indicator on the map.</span>
            <button type="button" className="button button-quiet" onClick={hideMap}>
              Hide map colours
            </button>
          </>
        ) : ind.wardLevel ? (
          <button type="button" className="button" onClick={() => showOnMap(ind.id)} title="Colour every ward on the map by this indicator">
            Show on map
          </button>
        ) : (
          <p className="hint">Council level only: there is no ward value to map.</p>
        )}
      </div>

      <TrendChart ind={ind} areaName={area.name} councilName={councilName} />

      {ind.practiceBased && <PracticeBreakdown ind={ind} target={target} generatedAt={profile.generatedAt} />}
      {ind.wardLevel && !ind.practiceBased && area.wards.length > 1 && <WardBreakdown ind={ind} target={target} benchmark={profile.benchmark} areaName={area.name} />}
    </div>
  );
}
