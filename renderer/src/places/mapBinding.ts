/**
 * Keeps the map in step with the places store, through WardMap's small interface (WardMap is still the only
 * module that touches maplibre):
 *
 *   - the places of the ticked categories are drawn (clustered) while "Show places on the map" is on, on every
 *     tab, above the wards and LAP outlines;
 *   - a place chosen in the list (or clicked on the map) is ringed and gets a popup: name, category, address,
 *     ward and LAPs; from the list the map also moves to it;
 *   - closing the popup (its × button, or another popup taking its place) clears the choice.
 *
 * The popup's content is plain DOM built here from the store (text only, never HTML from data).
 */
import { placeCategory, type Place, type PlaceFeature } from '../../../shared/places.ts';
import { letterInk, visiblePlaces } from '../map/placeLayers.ts';
import type { WardMap } from '../map/WardMap.ts';
import { addressText, linkText, whereText } from './format.ts';
import { placeFeature, usePlacesStore } from './store.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The category's marker as drawn on the map: its colour with its letter (the letter is for sighted readers). */
export function markerElement(categoryId: PlaceFeature['properties']['category']): HTMLElement {
  const c = placeCategory(categoryId);
  const marker = element('span', 'place-marker', c.symbol);
  marker.style.background = c.colour;
  marker.style.color = letterInk(c.colour);
  marker.setAttribute('aria-hidden', 'true');
  return marker;
}

/** The popup's content for a place: what the map point knows at once, the details when they have arrived. */
export function placePopupContent(feature: PlaceFeature, detail: Place | undefined): HTMLElement {
  const root = element('div', 'place-popup-content');
  root.setAttribute('data-testid', 'place-popup');
  root.setAttribute('data-place-id', String(feature.id));
  const category = element('p', 'place-popup-category');
  category.append(markerElement(feature.properties.category), document.createTextNode(placeCategory(feature.properties.category).label));
  root.append(category, element('p', 'place-popup-name', feature.properties.name));
  if (!detail) {
    root.append(element('p', 'place-popup-line hint', 'Loading the details…'));
    return root;
  }
  const address = addressText(detail);
  if (address) root.append(element('p', 'place-popup-line', address));
  root.append(element('p', 'place-popup-line', whereText(detail)));
  if (detail.laps.length) {
    const list = element('ul', 'place-popup-laps');
    list.setAttribute('aria-label', 'LAPs');
    for (const lap of detail.laps) {
      const item = element('li', `place-link is-${lap.how}`, linkText(lap));
      item.title = lap.setName;
      list.append(item);
    }
    root.append(list);
  } else {
    root.append(element('p', 'place-popup-line hint', 'In no LAP.'));
  }
  if (detail.ref) root.append(element('p', 'place-popup-line hint', `Reference: ${detail.ref}`));
  return root;
}

export function bindPlacesToMap(wardMap: WardMap): () => void {
  let popupFor: number | null = null;
  let popupDetail: Place | undefined = undefined;
  let lastSeq = 0;

  const apply = () => {
    const s = usePlacesStore.getState();
    wardMap.setPlaces(s.showOnMap && s.map && s.map.features.length > 0 ? visiblePlaces(s.map, s.hidden) : null);

    const focus = s.showOnMap ? s.focus : null;
    const feature = focus ? placeFeature(s.map, focus.placeId) : undefined;
    wardMap.setSelectedPlace(feature ? feature.id : null);
    if (!focus || !feature) {
      if (popupFor !== null) {
        popupFor = null;
        popupDetail = undefined;
        wardMap.closePlacePopup();
      }
      return;
    }
    const detail = s.details?.get(focus.placeId);
    const fresh = focus.seq !== lastSeq;
    if (!fresh && popupFor === focus.placeId && detail === popupDetail) return;
    lastSeq = focus.seq;
    if (fresh && focus.fly) wardMap.flyToPoint(feature.geometry.coordinates);
    popupFor = focus.placeId;
    popupDetail = detail;
    wardMap.showPlacePopup(feature.geometry.coordinates, placePopupContent(feature, detail), () => {
      popupFor = null;
      popupDetail = undefined;
      usePlacesStore.getState().closePlace();
    });
  };

  apply();
  const unsubscribers = [usePlacesStore.subscribe(apply), wardMap.onPlaceClick((placeId) => usePlacesStore.getState().openPlace(placeId))];
  return () => {
    for (const u of unsubscribers) u();
  };
}
