/**
 * Which indicators are the "main" ones: everything except the raw population counts of the context section (people,
 * residents, households by age band and so on). The screen holds those back behind "Show population counts"; the
 * short PDF leaves them out (the full technical PDF and the CSV/XLSX keep every indicator).
 */
import type { ProfileIndicator } from './profile.ts';

export function isPopulationCount(ind: Pick<ProfileIndicator, 'ambition' | 'valueType' | 'unit'>): boolean {
  return ind.ambition === 'context' && ind.valueType === 'count' && /^(people|persons|residents|households)$/i.test(ind.unit.trim());
}

export function isMainIndicator(ind: Pick<ProfileIndicator, 'ambition' | 'valueType' | 'unit'>): boolean {
  return !isPopulationCount(ind);
}
