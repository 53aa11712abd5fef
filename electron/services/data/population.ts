/**
 * Census 2021 usual residents per ward, for LAP population totals (the sum of each ward's best-fit LSOAs).
 * Owned by the indicator store; used by the LAP builder and the profile.
 */
import type { ServiceContext } from '../context.ts';

/** Ward code -> usual residents, or null when the population indicator is not loaded yet. */
export function wardPopulations(_ctx: ServiceContext): Map<string, number> | null {
  return null;
}
