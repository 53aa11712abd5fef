/**
 * Words and numbers for places: distances ("1.2 km"), how a place belongs to a LAP ("in N4 (by location)",
 * "serves N4 (attached)"), where a place is, and backend failures as sentences. Formatting only: every number
 * comes from the backend.
 */
import type { Place, PlaceCategoryId, PlaceLapRef, PlaceLink } from '../../../shared/places.ts';
import { placeCategory } from '../../../shared/places.ts';
import { formatNumber } from '../../../shared/format.ts';
import { MISSING_MARK } from '../../../shared/stats/index.ts';
import { COUNCIL_COLOURS } from '../map/style.ts';

/** "1.2" (kilometres, one decimal), or an en dash when there is no distance. */
export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined || !Number.isFinite(km)) return MISSING_MARK;
  return formatNumber(km, 1);
}

/** "1.2 km", or "no place loaded". */
export function kmWithUnit(km: number | null | undefined): string {
  const text = formatKm(km);
  return text === MISSING_MARK ? 'no place of this kind loaded' : `${text} km`;
}

/** "3 GP surgeries", "1 pharmacy". */
export function categoryCount(category: PlaceCategoryId, n: number): string {
  return `${formatNumber(n, 0)} ${categoryInSentence(category, n !== 1)}`;
}

/** A label in a sentence: "GP surgery", "pharmacy". */
export function categoryInSentence(category: PlaceCategoryId, pluralForm = false): string {
  const c = placeCategory(category);
  const text = pluralForm ? c.plural : c.label;
  return text.startsWith('GP') ? text : text.toLowerCase();
}

/** "in N4 (by location)", "serves N4 (attached)", "in N4 (by location) and attached to it". */
export function linkText(ref: Pick<PlaceLapRef, 'name' | 'how'>): string {
  return linkPhrase(ref.name, ref.how);
}

export function linkPhrase(lapName: string, how: PlaceLink): string {
  if (how === 'attached') return `serves ${lapName} (attached)`;
  if (how === 'both') return `in ${lapName} (by location) and attached to it`;
  return `in ${lapName} (by location)`;
}

/** True when the LAP link includes a hand-made attachment (so it can be detached). */
export function isAttached(how: PlaceLink): boolean {
  return how === 'attached' || how === 'both';
}

/** "Castle ward, West Northamptonshire" or "Outside the two councils". */
export function whereText(place: Pick<Place, 'ward'>): string {
  if (!place.ward) return 'Outside West and North Northamptonshire';
  return `${place.ward.name} ward, ${COUNCIL_COLOURS[place.ward.authorityCode].label}`;
}

/** "12 High Street, Northampton, NN1 1AA" (whichever parts there are). */
export function addressText(place: Pick<Place, 'address' | 'postcode'>): string {
  return [place.address.trim(), place.postcode.trim()].filter(Boolean).join(', ');
}
