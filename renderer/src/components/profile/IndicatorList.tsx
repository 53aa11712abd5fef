/**
 * The profile's indicators: a search box and filters, the LAP's "Top 5" (pinned indicators), then one collapsible
 * section per 'Live Your Best Life' ambition plus 'context', each with its counts in words. Raw population counts
 * in 'context' are held back behind "Show population counts" so the profile stays readable.
 */
import { useId, useMemo } from 'react';
import { AMBITIONS, type AmbitionId } from '../../../../shared/ambitions.ts';
import { MAX_PINS } from '../../../../shared/contract/profile.ts';
import type { Profile, ProfileIndicator } from '../../../../shared/profile.ts';
import { COUNCIL_NAMES, plural } from '../../profile/format.ts';
import { groupIndicators, isPopulationCount, tally, type ShowFilter } from '../../profile/groups.ts';
import { useProfileStore, type ProfileTarget } from '../../profile/store.ts';
import { sectionOpen, useProfileViewStore } from '../../profile/viewStore.ts';
import { InlineMessage } from '../laps/Message.tsx';
import { IndicatorRow, type PinControl } from './IndicatorRow.tsx';
import { SpineKey } from './SpineChart.tsx';

const SHOW_OPTIONS: { value: ShowFilter; label: string }[] = [
  { value: 'all', label: 'All indicators' },
  { value: 'worse', label: 'Significantly worse' },
  { value: 'better', label: 'Significantly better' },
  { value: 'differ', label: 'Higher or lower (no judgement)' },
];

export function IndicatorList({ profile, target }: { profile: Profile; target: ProfileTarget }) {
  const id = useId();
  const v = useProfileViewStore();
  const pins = useProfileStore((s) => s.pins);
  const pinDetails = useProfileStore((s) => s.pinDetails);
  const pinMessage = useProfileStore((s) => s.pinMessage);
  const togglePin = useProfileStore((s) => s.togglePin);
  const info = useProfileStore((s) => s.indicatorInfo);

  const groups = useMemo(
    () => groupIndicators(profile.indicators, { query: v.query, ambition: v.ambition, show: v.show, showCounts: v.showCounts }),
    [profile.indicators, v.query, v.ambition, v.show, v.showCounts],
  );
  const filtering = v.query.trim() !== '' || v.ambition !== 'all' || v.show !== 'all';
  const shown = groups.reduce((n, g) => n + g.indicators.length, 0);
  const held = groups.reduce((n, g) => n + g.hiddenCounts, 0);
  const totalCounts = profile.indicators.filter(isPopulationCount).length;
  const byId = useMemo(() => new Map(profile.indicators.map((i) => [i.id, i])), [profile.indicators]);
  const isLap = target.kind === 'lap' && pins !== null;

  const pinFor = (ind: ProfileIndicator): PinControl | null =>
    isLap
      ? {
          pinned: pins.includes(ind.id),
          canPin: pins.length < MAX_PINS,
          onToggle: () => void togglePin(ind.id, ind.shortName),
        }
      : null;

  const row = (section: string, ind: ProfileIndicator) => {
    const key = `${section}:${ind.id}`;
    return (
      <IndicatorRow
        key={key}
        ind={ind}
        profile={profile}
        target={target}
        expanded={v.expanded.has(key)}
        onToggle={() => v.toggleRow(key)}
        pin={pinFor(ind)}
        info={info.get(ind.id)}
      />
    );
  };

  const pinned = (pins ?? []).map((p) => byId.get(p)).filter((i): i is ProfileIndicator => !!i);
  const missingPins = pinDetails.filter((p) => !byId.has(p.id));
  const sectionIds = groups.filter((g) => g.total > 0).map((g) => g.id);

  return (
    <section className="indicators" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h3 className="panel-heading" id={`${id}-heading`}>
          Indicators
        </h3>
        <span className="section-tools">
          <button type="button" className="link-button" onClick={() => v.setAllSections(sectionIds, true)}>
            Open all
          </button>
          <button type="button" className="link-button" onClick={() => v.setAllSections(sectionIds, false)}>
            Close all
          </button>
        </span>
      </div>

      <div className="finder-row">
        <div className="finder-search">
          <label className="field-label" htmlFor={`${id}-q`}>
            Find an indicator
          </label>
          <div className="search-box">
            <input
              id={`${id}-q`}
              className="search-input"
              type="search"
              value={v.query}
              placeholder="Name, topic or ambition"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => v.setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && v.query) {
                  e.preventDefault();
                  v.setQuery('');
                }
              }}
            />
            {v.query && (
              <button type="button" className="search-clear" aria-label="Clear the search" onClick={() => v.setQuery('')}>
                ×
              </button>
            )}
          </div>
        </div>
        <div className="finder-filter">
          <label className="field-label" htmlFor={`${id}-amb`}>
            Ambition
          </label>
          <select id={`${id}-amb`} className="select" value={v.ambition} onChange={(e) => v.setAmbition(e.target.value as AmbitionId | 'all')}>
            <option value="all">All ambitions</option>
            {AMBITIONS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.number === 0 ? a.title : `${a.number}. ${a.title}`}
              </option>
            ))}
          </select>
        </div>
        <div className="finder-filter">
          <label className="field-label" htmlFor={`${id}-show`}>
            Show
          </label>
          <select id={`${id}-show`} className="select" value={v.show} onChange={(e) => v.setShow(e.target.value as ShowFilter)}>
            {SHOW_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="finder-status">
        <p className="result-count" role="status" data-testid="indicator-count">
          {filtering ? (shown === 0 ? 'No indicator matches.' : `${plural(shown, 'indicator')} ${shown === 1 ? 'matches' : 'match'}.`) : `${plural(shown, 'indicator')}.`}
          {held > 0 && ` ${plural(held, 'population count')} not shown.`}
        </p>
        {totalCounts > 0 && (
          <label className="check-row compact">
            <input type="checkbox" checked={v.showCounts} onChange={(e) => v.setShowCounts(e.target.checked)} />
            Show population counts ({totalCounts})
          </label>
        )}
      </div>
      <SpineKey rangeName={`${COUNCIL_NAMES[profile.area.ownCouncil]} wards`} />
      <p className="hint list-hint">Open an indicator (its name) for its definition, source, trend and wards, and to colour the map by it.</p>

      {isLap && (
        <section className="indicator-section is-top" aria-labelledby={`${id}-top`} data-testid="top-five">
          <h3 className="section-title" id={`${id}-top`}>
            <span className="section-star" aria-hidden="true">
              ★
            </span>{' '}
            Top 5 for this LAP
            <span className="section-count">
              {pinned.length} of {MAX_PINS} pinned
            </span>
          </h3>
          {pinMessage && <InlineMessage text={pinMessage.text} tone={pinMessage.tone} testId="pin-message" />}
          {pinned.length === 0 && missingPins.length === 0 ? (
            <p className="hint section-empty">Pin up to {MAX_PINS} indicators that matter to this LAP with their ☆ star. They are saved with the LAP and shown here first.</p>
          ) : (
            <ul className="indicator-list">{pinned.map((ind) => row('top', ind))}</ul>
          )}
          {missingPins.map((p) => (
            <p key={p.id} className="hint section-empty">
              {p.name ?? p.id} is pinned but is no longer in the data. It comes back if its data set is imported again.
            </p>
          ))}
        </section>
      )}

      {filtering && shown === 0 && held === 0 && (
        <div className="empty-state" role="status">
          <p>No indicator matches{v.query.trim() ? ` “${v.query.trim()}”` : ' these filters'}.</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              v.setQuery('');
              v.setAmbition('all');
              v.setShow('all');
            }}
          >
            Show all indicators
          </button>
        </div>
      )}

      {groups.map((g) => {
        const heading = g.number === 0 ? g.title : `${g.number}. ${g.title}`;
        if (g.total === 0) {
          if (filtering) return null;
          return (
            <section key={g.id} className="indicator-section is-empty" data-ambition={g.id} aria-label={heading}>
              <h3 className="section-title is-static">
                {heading}
                <span className="section-count">no indicators loaded yet</span>
              </h3>
            </section>
          );
        }
        if (filtering && g.indicators.length === 0 && g.hiddenCounts === 0) return null;
        const open = filtering || sectionOpen(v.sections, g.id);
        const t = tally(g.indicators);
        const words = [plural(g.indicators.length, 'indicator'), t.worse ? `${t.worse} worse` : '', t.better ? `${t.better} better` : ''].filter(Boolean).join(' · ');
        return (
          <section key={g.id} className="indicator-section" data-ambition={g.id} aria-labelledby={`${id}-s-${g.id}`}>
            <h3 className="section-title" id={`${id}-s-${g.id}`}>
              <button type="button" className="disclosure" aria-expanded={open} onClick={() => v.setSection(g.id, !open)} disabled={filtering}>
                <span className="disclosure-mark" aria-hidden="true" />
                <span>{heading}</span>
                <span className="section-count">{words}</span>
              </button>
            </h3>
            {open && g.indicators.length > 0 && <ul className="indicator-list">{g.indicators.map((ind) => row(g.id, ind))}</ul>}
            {open && g.hiddenCounts > 0 && (
              <p className="section-more">
                <button type="button" className="link-button" onClick={() => v.setShowCounts(true)}>
                  Show population counts ({g.hiddenCounts} more)
                </button>
              </p>
            )}
          </section>
        );
      })}
    </section>
  );
}
