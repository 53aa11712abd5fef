/**
 * Keeps the map in step with the Profile tab, through WardMap's small interface (WardMap is still the only module
 * that touches maplibre):
 *
 *   - while the Profile tab is open, the profiled area (LAP, ward or council) is outlined on top of everything,
 *     and the map moves to show it when it changes;
 *   - when an indicator is "shown on the map", every ward is coloured (choropleth.ts picks the colours from the
 *     backend's classes or comparisons) and the map shows both councils;
 *   - a click on a ward then opens a popup with its value (the React content is portalled into it by
 *     ChoroplethLegend.tsx); with no choropleth and "a ward" chosen, a click profiles that ward.
 *
 * The WardMap is created by MapView, which binds it here (useMapBindings). `useProfileMapStore` hands the
 * overlay host (for the legend) and the popup's element to React (mapStore.ts).
 */
import type { Choropleth } from '../../../shared/contract/profile.ts';
import type { GeoPolygon } from '../../../shared/domain.ts';
import { classColour, type ChoroplethFill } from '../map/choropleth.ts';
import type { WardMap } from '../map/WardMap.ts';
import type { Profile } from '../../../shared/profile.ts';
import { usePlacesStore } from '../places/store.ts';
import { useSelectionStore } from '../wards/selectionStore.ts';
import { useUiStore } from '../shell/uiStore.ts';
import { useWardsStore } from '../wards/store.ts';
import { useChoroplethStore } from './choroplethStore.ts';
import { comparisonColour } from './format.ts';
import { useProfileMapStore } from './mapStore.ts';
import { useProfileStore, type ProfileTarget } from './store.ts';

export const PROFILE_PANEL = 'profile';

/** Each ward's paint for a choropleth answer: class colours by polarity, or comparison colours. */
export function choroplethFills(data: Choropleth): ChoroplethFill[] {
  const k = data.classes.length || data.k;
  return data.wards.map((w) => {
    if (w.value === null) return { code: w.code, colour: null, key: '' };
    if (data.mode === 'significance') {
      const item = data.legend.items.find((i) => i.key === w.comparison);
      return { code: w.code, colour: item?.colour ?? comparisonColour(w.comparison), key: w.comparison };
    }
    if (w.class === null) return { code: w.code, colour: null, key: '' };
    return { code: w.code, colour: classColour(w.class, k, data.higherIsBetter), key: String(w.class) };
  });
}

type Outline = { geometry: GeoPolygon; name: string };
const shapeCache = new Map<string, Outline | null>();

/** The outline to draw for a target: the LAP's (from the store), a ward's or a council's (from the geography). */
function outlineFor(target: ProfileTarget | null): Outline | null {
  if (!target) return null;
  if (target.kind === 'lap') return useProfileStore.getState().lapOutline;
  const geography = useWardsStore.getState().geography;
  if (!geography) return null;
  const key = `${target.kind}:${target.code}`;
  if (!shapeCache.has(key)) {
    const feature =
      target.kind === 'ward'
        ? geography.wards.features.find((f) => f.properties.code === target.code)
        : geography.authorities.features.find((f) => f.properties.code === target.code);
    shapeCache.set(key, feature ? { geometry: feature.geometry, name: feature.properties.name } : null);
  }
  return shapeCache.get(key) ?? null;
}

/** The ward codes to fit the camera to for a target. */
function wardsOf(target: ProfileTarget): string[] {
  if (target.kind === 'lap') return useProfileStore.getState().lapChoices.find((l) => l.id === target.id)?.wardCodes ?? [];
  if (target.kind === 'ward') return [target.code];
  return useWardsStore.getState().wards.filter((w) => w.authorityCode === target.code).map((w) => w.code);
}

/** Whether a profile's area is the target (a profile may still be the previous area's while the next loads). */
function profileIs(area: Profile['area'], target: ProfileTarget): boolean {
  if (target.kind === 'lap') return area.kind === 'lap' && area.lapId === target.id;
  return area.kind === target.kind && area.code === target.code;
}

/**
 * A newly chosen area: close the popups of the one before (a ward's value, a place) and clear a ward selected on
 * another tab, unless it is the ward now profiled.
 */
function clearStale(target: ProfileTarget): void {
  useChoroplethStore.getState().closePopup();
  usePlacesStore.getState().closePlace();
  const selected = useSelectionStore.getState().selectedCode;
  if (selected && !(target.kind === 'ward' && target.code === selected)) useSelectionStore.getState().select(null);
}

export function bindProfileToMap(wardMap: WardMap): () => void {
  let lastOutline: unknown = undefined;
  let lastData: Choropleth | null | undefined = undefined;
  let lastTargetKey = '';
  let lastFit = useChoroplethStore.getState().fitSeq;
  let popupFor: string | null = null;
  let refitFor: string | null = null;

  const apply = () => {
    const onProfile = useUiStore.getState().panel === PROFILE_PANEL;
    const { target } = useProfileStore.getState();
    const choro = useChoroplethStore.getState();

    const outline = onProfile ? outlineFor(target) : null;
    if (outline !== lastOutline) {
      wardMap.setProfileArea(outline);
      lastOutline = outline;
    }

    const data = onProfile ? choro.data : null;
    if (data !== lastData) {
      wardMap.setChoropleth(data ? choroplethFills(data) : null);
      lastData = data;
    }

    // Camera: all wards for a new choropleth; the profiled area when it changes.
    if (onProfile && choro.fitSeq !== lastFit && choro.indicatorId) {
      lastFit = choro.fitSeq;
      wardMap.fitCouncils();
    }
    const targetKey = onProfile && target ? JSON.stringify(target) : '';
    if (targetKey !== lastTargetKey) {
      const codes = target && onProfile ? wardsOf(target) : [];
      // Wait for the LAP's wards to be known before moving (and remembering that we did).
      if (!target || !onProfile || codes.length) {
        const changedArea = lastTargetKey !== '' && targetKey !== '' && lastTargetKey !== targetKey;
        lastTargetKey = targetKey;
        if (changedArea && target) clearStale(target);
      }
      if (codes.length && !choro.indicatorId) {
        wardMap.fitWards(codes);
        // Fit again once this area's profile (and so its map key) is drawn, so the key never covers the area.
        refitFor = targetKey;
      }
    }
    const { profile } = useProfileStore.getState();
    if (refitFor && refitFor === targetKey && profile && target && profileIs(profile.area, target)) {
      refitFor = null;
      const codes = wardsOf(target);
      requestAnimationFrame(() => {
        if (useProfileStore.getState().target === target && !useChoroplethStore.getState().indicatorId) wardMap.fitWards(codes);
      });
    }

    // The popup follows the store; its content is React's (ChoroplethLegend.tsx).
    const popupCode = onProfile && data ? (choro.popup?.code ?? null) : null;
    if (popupCode !== popupFor) {
      popupFor = popupCode;
      if (popupCode) {
        const element = document.createElement('div');
        element.className = 'ward-popup-content';
        wardMap.showPopup(popupCode, element, () => {
          popupFor = null;
          useProfileMapStore.setState({ popupElement: null });
          useChoroplethStore.getState().closePopup();
        });
        useProfileMapStore.setState({ popupElement: element });
      } else {
        wardMap.closePopup();
        useProfileMapStore.setState({ popupElement: null });
      }
    }
  };

  const onClick = (code: string | null) => {
    if (useUiStore.getState().panel !== PROFILE_PANEL) return;
    const choro = useChoroplethStore.getState();
    if (choro.data) {
      if (code) choro.openPopup(code);
      else choro.closePopup();
      return;
    }
    const profile = useProfileStore.getState();
    if (code && profile.kind === 'ward') profile.choose({ kind: 'ward', code });
  };

  useProfileMapStore.setState({
    host: wardMap.overlayHost(),
    fitAll: () => wardMap.fitCouncils(),
    fitArea: () => {
      const target = useProfileStore.getState().target;
      const codes = target ? wardsOf(target) : [];
      if (codes.length) wardMap.fitWards(codes);
    },
  });
  apply();
  const unsubscribers = [
    useUiStore.subscribe(apply),
    useProfileStore.subscribe(apply),
    useChoroplethStore.subscribe(apply),
    wardMap.onWardClick(onClick),
  ];
  return () => {
    for (const u of unsubscribers) u();
    useProfileMapStore.setState({ host: null, popupElement: null, fitArea: null, fitAll: null });
  };
}
