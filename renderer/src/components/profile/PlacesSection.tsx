/**
 * The profile's "Places and access" (places.forArea): for the profiled LAP, ward or council, how many places of
 * each category are in it (and, for a LAP, attached to it from outside), per 10,000 residents; the places
 * themselves; and for each member ward the straight-line distance from its centre to the nearest place of each
 * category, with the area's and each council's average. The note that these are straight lines, not travel
 * times, and where they are measured from, are always shown. Every number comes from the backend.
 */
import { useEffect, useId, useMemo } from 'react';
import type { AreaPlaces, PlaceCategoryId, WardAccess } from '../../../../shared/places.ts';
import { placeCategory } from '../../../../shared/places.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { usePlacesAreaStore } from '../../places/areaStore.ts';
import { categoryInSentence, formatKm, linkPhrase } from '../../places/format.ts';
import { usePlacesStore } from '../../places/store.ts';
import { MISSING_MARK } from '../../profile/format.ts';
import { areaArg, type ProfileTarget } from '../../profile/store.ts';
import { useUiStore } from '../../shell/uiStore.ts';
import { CategoryMarker } from '../places/CategoryMarker.tsx';

/** The backend's note, without the centres' description (shown in a paragraph of its own). */
function noteWithout(note: string, description: string): string {
  return (description ? note.replace(description, '') : note).replace(/\s{2,}/g, ' ').trim();
}

export function PlacesSection({ target, generatedAt }: { target: ProfileTarget; generatedAt: string }) {
  const id = useId();
  const revision = usePlacesStore((s) => s.revision);
  const status = usePlacesAreaStore((s) => s.status);
  const error = usePlacesAreaStore((s) => s.error);
  const data = usePlacesAreaStore((s) => s.data);
  const load = usePlacesAreaStore((s) => s.load);
  const area = useMemo(() => areaArg(target), [target]);
  const key = `${JSON.stringify(area)}|${revision}|${generatedAt}`;

  useEffect(() => {
    void load(area, key);
  }, [area, key, load]);

  return (
    <section className="places-section" aria-labelledby={`${id}-heading`} aria-busy={status === 'loading' || undefined} data-testid="places-section">
      <h3 className="places-section-title" id={`${id}-heading`}>
        Places and access
      </h3>
      {status === 'error' && !data ? (
        <p className="inline-message is-error" role="alert">
          Places and access could not be worked out: {error}{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => void usePlacesAreaStore.getState().load(area, `${key}|retry${Date.now()}`)}>
            Try again
          </button>
        </p>
      ) : !data ? (
        <p className="hint" role="status">
          Loading places and access…
        </p>
      ) : !data.hasPlaces ? (
        <NoPlaces />
      ) : (
        <PlacesBody data={data} headingId={`${id}-heading`} />
      )}
    </section>
  );
}

function NoPlaces() {
  const setPanel = useUiStore((s) => s.setPanel);
  return (
    <div className="empty-state compact" data-testid="places-section-empty">
      <p>
        <strong>No places loaded yet.</strong>
      </p>
      <p className="hint">
        Import a list of GP surgeries, pharmacies, family hubs, food banks or other places on the Places tab to see how many are in this area and how far each of its
        wards is from the nearest one.
      </p>
      <button type="button" className="button button-small" onClick={() => setPanel('places')}>
        Go to the Places tab
      </button>
    </div>
  );
}

function PlacesBody({ data, headingId }: { data: AreaPlaces; headingId: string }) {
  const isLap = data.area.kind === 'lap';
  const openPlace = usePlacesStore((s) => s.openPlace);
  const counts = new Map(data.counts.map((c) => [c.category, c]));
  const rest = noteWithout(data.note, data.centres.description);
  const showAverage = data.wards.length > 1;

  return (
    <>
      <table className="data-table places-counts" data-testid="places-counts">
        <caption className="places-caption">Places in {data.area.name}, by category</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Inside
            </th>
            {isLap && (
              <th scope="col" className="num" title="Places outside the LAP's wards that were attached to it by hand">
                Attached from outside
              </th>
            )}
            <th scope="col" className="num">
              Per 10,000 residents
            </th>
          </tr>
        </thead>
        <tbody>
          {data.categories.map((category) => {
            const c = counts.get(category);
            return (
              <tr key={category} data-category={category}>
                <th scope="row">
                  <span className="places-cat-name">
                    <CategoryMarker category={category} />
                    {placeCategory(category).plural}
                  </span>
                </th>
                <td className="num" data-testid="places-inside">
                  {formatNumber(c?.inside ?? 0, 0)}
                </td>
                {isLap && (
                  <td className="num" data-testid="places-attached">
                    {formatNumber(c?.attachedOutside ?? 0, 0)}
                  </td>
                )}
                <td className="num">{c?.per10k === null || c?.per10k === undefined ? MISSING_MARK : formatNumber(c.per10k, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">
        {isLap ? 'Inside: places in the LAP’s wards. Attached: places elsewhere that serve the LAP. ' : ''}
        Per 10,000 residents counts {isLap ? 'both' : 'them'} against the Census 2021 population{data.area.population ? ` (${formatNumber(data.area.population, 0)})` : ''}.
      </p>

      <details className="places-area-list" data-testid="places-area-list">
        <summary>
          {data.places.length === 0 ? `No place is in ${data.area.name}` : `The ${data.places.length === 1 ? 'place' : `${formatNumber(data.places.length, 0)} places`} in ${data.area.name}`}
        </summary>
        {data.places.length > 0 && (
          <ul className="place-items is-compact" aria-labelledby={headingId}>
            {data.places.map((p) => (
              <li key={p.id} className="place-item" data-place-id={p.id} data-category={p.category}>
                <CategoryMarker category={p.category} />
                <div className="place-item-body">
                  <button type="button" className="place-name-button" onClick={() => openPlace(p.id, { fly: true })} title="Show it on the map" aria-label={`${p.name}: show on the map`}>
                    {p.name}
                  </button>
                  <p className="place-item-meta">
                    {placeCategory(p.category).label} · {p.how === 'location' ? 'inside' : linkPhrase(data.area.name, p.how)}
                    {p.ward ? ` · ${p.ward.name}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </details>

      <h4 className="subheading">Distance to the nearest place</h4>
      <p className="places-note" data-testid="places-note">
        <strong>Straight-line distance, not travel time.</strong> {rest}
      </p>
      <p className="places-centres-note" data-testid="places-centres">
        {data.centres.description}
      </p>
      <div className="places-distances-wrap">
        <table className="data-table places-distances" data-testid="places-distances">
          <caption className="places-caption">Kilometres from each ward’s centre to the nearest place, in a straight line</caption>
          <thead>
            <tr>
              <th scope="col">Ward</th>
              {data.categories.map((category) => (
                <th key={category} scope="col" className="num" data-category={category}>
                  <CategoryMarker category={category} className="is-small" />
                  <span className="places-col-label">{placeCategory(category).label}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.wards.map((w) => (
              <tr key={w.code} data-ward-code={w.code}>
                <th scope="row">{w.name}</th>
                {data.categories.map((category) => (
                  <DistanceCell key={category} ward={w} category={category} />
                ))}
              </tr>
            ))}
          </tbody>
          <tbody className="places-averages">
            {showAverage && (
              <tr className="is-benchmark" data-average="area">
                <th scope="row">Area average</th>
                {data.categories.map((category) => (
                  <AverageCell key={category} km={data.areaAverage[category]} category={category} what={`${data.area.name}`} />
                ))}
              </tr>
            )}
            {data.councils.map((c) => (
              <tr key={c.code} className="is-benchmark" data-average={c.code}>
                <th scope="row">{c.name} average</th>
                {data.categories.map((category) => (
                  <AverageCell key={category} km={c.average[category]} category={category} what={c.name} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">Point at a distance to see the name of the nearest place.</p>
    </>
  );
}

function DistanceCell({ ward, category }: { ward: WardAccess; category: PlaceCategoryId }) {
  const nearest = ward.nearest[category];
  if (!nearest) {
    return (
      <td className="num" title={`No ${categoryInSentence(category)} loaded`}>
        {MISSING_MARK}
      </td>
    );
  }
  const label = `Nearest ${categoryInSentence(category)}: ${nearest.placeName}, ${formatNumber(nearest.km, 2)} km in a straight line`;
  return (
    <td className="num" title={label} data-km={nearest.km}>
      <span aria-hidden="true">{formatKm(nearest.km)}</span>
      <span className="visually-hidden">
        {formatKm(nearest.km)} km, nearest: {nearest.placeName}
      </span>
    </td>
  );
}

function AverageCell({ km, category, what }: { km: number | null | undefined; category: PlaceCategoryId; what: string }) {
  return (
    <td className="num" title={km === null || km === undefined ? undefined : `${what}: on average ${formatNumber(km, 2)} km to the nearest ${categoryInSentence(category)}`}>
      {formatKm(km)}
    </td>
  );
}
