/**
 * What the map shows: "Show places on the map", and a checkbox per category with its marker (colour and letter)
 * and how many places it has. It is also the map's key for places, with the cluster symbol explained.
 */
import { useId } from 'react';
import { PLACE_CATEGORIES } from '../../../../shared/places.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { categoryCounts, usePlacesStore } from '../../places/store.ts';
import { CategoryMarker, ClusterMarker } from './CategoryMarker.tsx';

export function CategoryFilter() {
  const id = useId();
  const map = usePlacesStore((s) => s.map);
  const hidden = usePlacesStore((s) => s.hidden);
  const showOnMap = usePlacesStore((s) => s.showOnMap);
  const setShowOnMap = usePlacesStore((s) => s.setShowOnMap);
  const setCategoryShown = usePlacesStore((s) => s.setCategoryShown);
  const showAll = usePlacesStore((s) => s.showAllCategories);
  const counts = categoryCounts(map);
  const present = PLACE_CATEGORIES.filter((c) => (counts[c.id] ?? 0) > 0);
  const hiddenPresent = present.filter((c) => hidden.has(c.id)).length;

  return (
    <section className="places-filter" aria-labelledby={`${id}-heading`} data-testid="places-filter">
      <h2 id={`${id}-heading`} className="panel-heading">
        On the map
      </h2>
      <label className="check-row places-toggle">
        <input type="checkbox" checked={showOnMap} onChange={(e) => setShowOnMap(e.target.checked)} />
        Show places on the map
      </label>
      <fieldset className="place-categories">
        <legend className="subheading">Categories</legend>
        <ul>
          {present.map((c) => (
            <li key={c.id}>
              <label className="place-category" data-category={c.id}>
                <input type="checkbox" checked={!hidden.has(c.id)} onChange={(e) => setCategoryShown(c.id, e.target.checked)} />
                <CategoryMarker category={c.id} />
                <span className="place-category-label">{c.plural}</span>
                <span className="place-category-count">
                  {formatNumber(counts[c.id] ?? 0, 0)}
                  <span className="visually-hidden"> {counts[c.id] === 1 ? 'place' : 'places'}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="places-key-note hint">
        <ClusterMarker /> A dark circle with a number is several places close together: click it to zoom in.
      </p>
      {hiddenPresent > 0 && (
        <div className="button-row">
          <p className="hint places-filter-note" role="status">
            {hiddenPresent === 1 ? '1 category is' : `${hiddenPresent} categories are`} hidden from the map and the list below.
          </p>
          <button type="button" className="button button-small button-quiet" onClick={showAll}>
            Show every category
          </button>
        </div>
      )}
      {!showOnMap && <p className="hint">Places are hidden from the map. The list below still shows them.</p>}
    </section>
  );
}
