/**
 * Census 2021 usual residents per ward, for LAP population totals (the sum of each ward's best-fit LSOAs).
 * Owned by the indicator store; used by the LAP builder and the profile.
 *
 * The council totals (West 425,728, North 359,519) include E01027305, which ONS best-fits to a Cherwell ward:
 * so the 31 West wards add up to slightly less than the West total. Use councilPopulations() for the totals.
 */
import type { ServiceContext } from '../context.ts';

/** The bundled indicator: Census 2021 usual residents (catalogue CX01). */
export const POPULATION_INDICATOR = 'census21_usual_residents';
export const POPULATION_PERIOD = '2021';

function populationBy(ctx: ServiceContext, type: 'ward' | 'lad'): Map<string, number> | null {
  const rows = ctx.db
    .prepare(
      `SELECT v.area_code AS code, COALESCE(v.numerator, v.value) AS n
       FROM value v JOIN area a ON a.code = v.area_code
       WHERE v.indicator_id = ? AND v.period = ? AND v.sex = 'Persons' AND v.age = 'All ages' AND a.type = ?
       ORDER BY v.area_code`,
    )
    .all(POPULATION_INDICATOR, POPULATION_PERIOD, type) as { code: string; n: number | null }[];
  if (rows.length === 0) return null;
  const out = new Map<string, number>();
  for (const r of rows) if (r.n !== null) out.set(r.code, r.n);
  return out;
}

/** Ward code -> usual residents, or null when the population indicator is not loaded yet. */
export function wardPopulations(ctx: ServiceContext): Map<string, number> | null {
  return populationBy(ctx, 'ward');
}

/** Council code -> usual residents (including E01027305 in West Northamptonshire), or null when not loaded. */
export function councilPopulations(ctx: ServiceContext): Map<string, number> | null {
  return populationBy(ctx, 'lad');
}
