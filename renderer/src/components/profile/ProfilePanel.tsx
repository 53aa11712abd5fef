/**
 * The Profile tab: choose a LAP, a ward or a council and see its Local Area Profile at once: headline facts,
 * a benchmark switch, every indicator grouped by ambition (search, pin a top 5, expand for definitions, trends and
 * the ward breakdown, show any indicator on the map), a comparison with a second LAP, places and access (counts of
 * imported places and straight-line distances to the nearest of each kind), and exports (PDF, CSV, Excel, map
 * picture, places lists). Every number comes from the backend (profile.* and places.* verbs); this only lays them
 * out.
 */
import { useEffect, type ReactNode } from 'react';
import type { BenchmarkChoice, Profile } from '../../../../shared/profile.ts';
import { formatDate, listJoin, plural, COUNCIL_NAMES } from '../../profile/format.ts';
import { useProfileStore, type ProfileTarget } from '../../profile/store.ts';
import { useProfileViewStore, type ProfileView } from '../../profile/viewStore.ts';
import { AreaChooser } from './AreaChooser.tsx';
import { ChoroplethOverlay } from './ChoroplethLegend.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { ComparisonLegend } from './ComparisonLegend.tsx';
import { ExportBar } from './ExportBar.tsx';
import { Headline } from './Headline.tsx';
import { IndicatorList } from './IndicatorList.tsx';
import { PlacesSection } from './PlacesSection.tsx';
import { PracticesSection } from './PracticesSection.tsx';
import { Segmented } from './Segmented.tsx';

function benchmarkOptions(profile: Profile | null) {
  const own = profile ? (profile.area.kind === 'council' ? 'England' : COUNCIL_NAMES[profile.area.ownCouncil]) : 'the area’s council';
  return [
    { value: 'own' as const, label: 'Own council', title: `Compare with ${own}` },
    { value: 'west' as const, label: 'West Northants', title: 'Compare with West Northamptonshire' },
    { value: 'north' as const, label: 'North Northants', title: 'Compare with North Northamptonshire' },
    { value: 'england' as const, label: 'England', title: 'Compare with England' },
  ];
}

/** The benchmark's name in words, for the comparison legend. */
function benchmarkName(profile: Profile, benchmark: BenchmarkChoice): string {
  return benchmarkOptions(profile)
    .find((o) => o.value === benchmark)!
    .title.replace('Compare with ', '');
}

const VIEWS = [
  { value: 'indicators', label: 'Indicators' },
  { value: 'compare', label: 'Compare with another LAP' },
] as const;

function AreaTitle({ profile, children }: { profile: Profile; children?: ReactNode }) {
  const a = profile.area;
  const kind = a.kind === 'lap' ? (a.set?.name ?? 'LAP') : a.kind === 'ward' ? `Ward, ${COUNCIL_NAMES[a.wards[0]?.authorityCode ?? a.ownCouncil]}` : a.kind === 'council' ? 'Council' : 'Selection of wards';
  return (
    <header className="profile-title">
      <div className="profile-title-row">
        <div className="profile-title-text">
          <h2 className="profile-name" data-testid="profile-name">
            {a.name}
          </h2>
          <p className="profile-kind">{kind}</p>
        </div>
        {children}
      </div>
      {a.kind !== 'ward' && a.wards.length > 0 && (
        <p className="profile-wards">
          {a.kind === 'council' ? plural(a.wards.length, 'ward') : `${plural(a.wards.length, 'ward')}: ${listJoin(a.wards.map((w) => w.name))}`}
        </p>
      )}
    </header>
  );
}

function ProfileBody({ profile, target }: { profile: Profile; target: ProfileTarget }) {
  const benchmark = useProfileStore((s) => s.benchmark);
  const setBenchmark = useProfileStore((s) => s.setBenchmark);
  const refreshing = useProfileStore((s) => s.refreshing);
  const error = useProfileStore((s) => s.error);
  const view = useProfileViewStore((s) => s.view);
  const setView = useProfileViewStore((s) => s.setView);
  const setShow = useProfileViewStore((s) => s.setShow);
  const own = benchmarkOptions(profile)[0]!.title.replace('Compare with ', '');

  return (
    <div className="profile-body" aria-busy={refreshing}>
      <AreaTitle profile={profile}>
        <ExportBar areaName={profile.area.name} />
      </AreaTitle>
      <div className="profile-toolbar">
        <Segmented<BenchmarkChoice> legend="Compare with" options={benchmarkOptions(profile)} value={benchmark} onChange={setBenchmark} testId="benchmark" />
        <p className="hint" title="An area is significantly different when the benchmark lies outside its 95% interval (Better or Worse), or outside its 99.8% interval (Best or Worst).">
          {benchmark === 'own' ? `Own council: ${own}. ` : ''}Significance as in Fingertips.
          {refreshing && (
            <span className="updating" role="status">
              {' '}
              Updating…
            </span>
          )}
        </p>
      </div>
      {error && (
        <p className="inline-message is-error" role="alert">
          The profile could not be updated: {error}
        </p>
      )}
      <Headline
        profile={profile}
        onShow={(show) => {
          setView('indicators');
          setShow(show);
        }}
      />
      <Segmented<ProfileView> legend="View" options={VIEWS} value={view} onChange={setView} hideLegend testId="profile-view" />
      <p className="profile-jump">
        <button type="button" className="button button-small button-quiet" onClick={jumpToPlaces} data-testid="profile-jump-places">
          Places and access ↓
        </button>
      </p>
      {view === 'compare' ? (
        <ComparePanel profile={profile} />
      ) : (
        <>
          <ComparisonLegend levelNote={`Compared with ${benchmarkName(profile, benchmark)}`} />
          <IndicatorList profile={profile} target={target} />
        </>
      )}
      <PracticesSection target={target} generatedAt={profile.generatedAt} onChanged={() => void useProfileStore.getState().reload()} />
      <PlacesSection target={target} generatedAt={profile.generatedAt} />
      <p className="profile-footer hint">
        Made {formatDate(profile.generatedAt)} from {plural(profile.sources.length, 'source')}: {listJoin(profile.sources.map((s) => s.publisher).filter((p, i, all) => all.indexOf(p) === i))}.
        Ward values are built from small areas, so most are estimates for the ward boundaries.
      </p>
    </div>
  );
}

/** Scrolls to the profile's Places and access section (below every indicator) and moves the focus to its heading. */
function jumpToPlaces(): void {
  const heading = document.querySelector<HTMLElement>('[data-testid="places-section"] h3');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

export function ProfilePanel() {
  const init = useProfileStore((s) => s.init);
  const lapsStatus = useProfileStore((s) => s.lapsStatus);
  const status = useProfileStore((s) => s.status);
  const error = useProfileStore((s) => s.error);
  const profile = useProfileStore((s) => s.profile);
  const target = useProfileStore((s) => s.target);
  const kind = useProfileStore((s) => s.kind);
  const reload = useProfileStore((s) => s.reload);

  useEffect(() => {
    if (useProfileStore.getState().lapsStatus === 'idle') void init();
    // Coming back to the tab: the data or the LAP may have changed meanwhile; refresh quietly.
    else if (useProfileStore.getState().profile) void useProfileStore.getState().reload();
  }, [init]);

  const lapCount = useProfileStore((s) => s.lapChoices.filter((l) => l.wardCodes.length > 0).length);
  const loadLaps = useProfileStore((s) => s.loadLaps);

  let body;
  if (lapsStatus === 'error') {
    body = (
      <div className="panel-problem profile-message" role="alert">
        <p>
          <strong>The LAPs could not be loaded.</strong>
        </p>
        <p>{error}</p>
        <button type="button" className="button" onClick={() => void loadLaps()}>
          Try again
        </button>
      </div>
    );
  } else if (lapsStatus === 'loading' || lapsStatus === 'idle') {
    body = (
      <p className="hint profile-message" role="status">
        Loading…
      </p>
    );
  } else if (!target) {
    body = (
      <div className="empty-state profile-empty" data-testid="profile-empty">
        <p>
          <strong>{kind === 'lap' ? 'Choose a LAP to see its profile.' : kind === 'ward' ? 'Choose a ward to see its profile.' : 'Choose a council to see its profile.'}</strong>
        </p>
        <p className="hint">
          {kind === 'lap'
            ? lapCount === 0
              ? 'There is no LAP with wards yet. Make one on the LAPs tab, or profile a ward or a council meanwhile.'
              : 'Pick one above, or choose a LAP on the LAPs tab. The profile shows every indicator for its wards, compared with the council and England.'
            : kind === 'ward'
              ? 'Pick one above, or click a ward on the map.'
              : 'Pick West or North Northamptonshire above. A council is compared with England.'}
        </p>
      </div>
    );
  } else if (status === 'error' && !profile) {
    body = (
      <div className="panel-problem profile-message" role="alert">
        <p>
          <strong>The profile could not be made.</strong>
        </p>
        <p>{error}</p>
        <button type="button" className="button" onClick={() => void reload()}>
          Try again
        </button>
      </div>
    );
  } else if (!profile) {
    body = (
      <p className="hint profile-message" role="status" aria-busy="true">
        Making the profile…
      </p>
    );
  } else {
    body = <ProfileBody profile={profile} target={target} />;
  }

  return (
    <div className="profile-panel" data-testid="profile-panel">
      <AreaChooser />
      {body}
      <ChoroplethOverlay />
    </div>
  );
}
