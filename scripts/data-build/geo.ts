/**
 * The geography used by the build: the 57 wards, the two councils and the small-area lookups.
 * All lookups are ONS best fit (or chained from ONS best fit), so every ward value is an estimate.
 */
import { COUNCIL_NAMES, NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import { chainLookups } from '../../shared/rollup.ts';
import type { Sources, WardInfo } from './sources.ts';

export const WEST = WEST_CODE;
export const NORTH = NORTH_CODE;
export const ENGLAND = 'E92000001';
export const ENGLAND_AND_WALES = 'K04000001';
export const LADS = [NORTH, WEST] as const;
export const LAD_NAMES: Record<string, string> = COUNCIL_NAMES;

/** The West Northamptonshire LSOA that ONS best-fits to a Cherwell ward. In no ward; in the West total. */
export const CHERWELL_LSOA = 'E01027305';

export type SmallGeography = 'lsoa21' | 'lsoa11' | 'oa21';

export interface Geo {
  wards: WardInfo[];
  wardCodes: string[];
  /** small-area code -> ward code (verbatim best fit; E01027305 -> a Cherwell ward). */
  toWard: Record<SmallGeography, Map<string, string>>;
  /** small-area code -> council (LAD22 of the small area, so E01027305 -> West). */
  toLad: Record<SmallGeography, Map<string, string>>;
  oa21ToLsoa21: Map<string, string>;
  lsoa11ToMsoa11: Map<string, string>;
  /** Small areas in the two councils whose best-fit ward is outside Northamptonshire. */
  outsideWards: Record<SmallGeography, string[]>;
}

function mapOf(rows: Record<string, string>[], key: string, value: string, file: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const r of rows) {
    const k = r[key];
    const v = r[value];
    if (!k || !v) throw new Error(`${file}: blank ${key} or ${value}`);
    if (m.has(k)) throw new Error(`${file}: duplicate ${key} ${k}`);
    m.set(k, v);
  }
  return m;
}

export function buildGeo(s: Sources): Geo {
  const wards = s.wards;
  if (wards.length !== 57) throw new Error(`expected 57 wards, found ${wards.length}`);
  const wardCodes = wards.map((w) => w.code);
  const wardSet = new Set(wardCodes);

  const lsoa21Ward = mapOf(s.lsoa21Lookup, 'lsoa21_code', 'ward_code', 'lsoa21 lookup');
  const lsoa21Lad = mapOf(s.lsoa21Lookup, 'lsoa21_code', 'lad22_code_of_lsoa', 'lsoa21 lookup');
  const lsoa11Ward = mapOf(s.lsoa11Lookup, 'lsoa11_code', 'ward_code', 'lsoa11 lookup');
  const lsoa11Lad = mapOf(s.lsoa11Lookup, 'lsoa11_code', 'lad22_code_of_lsoa', 'lsoa11 lookup');
  const oa21ToLsoa21 = mapOf(s.oa21Lookup, 'oa21_code', 'lsoa21_code', 'oa21 lookup');
  const lsoa11ToMsoa11 = mapOf(s.lsoa11Msoa, 'lsoa11_code', 'msoa11_code', 'lsoa11-msoa11 lookup');

  const oaWard = chainLookups(oa21ToLsoa21, lsoa21Ward);
  const oaLad = chainLookups(oa21ToLsoa21, lsoa21Lad);
  if (oaWard.broken.length || oaLad.broken.length) throw new Error(`OA21s whose LSOA21 is not in the lookup: ${oaWard.broken.join(' ')}`);

  const toWard = { lsoa21: lsoa21Ward, lsoa11: lsoa11Ward, oa21: oaWard.lookup };
  const toLad = { lsoa21: lsoa21Lad, lsoa11: lsoa11Lad, oa21: oaLad.lookup };
  const outsideWards = {} as Record<SmallGeography, string[]>;
  for (const g of ['lsoa21', 'lsoa11', 'oa21'] as const) {
    outsideWards[g] = [...toWard[g].entries()].filter(([, w]) => !wardSet.has(w)).map(([c]) => c).sort();
    for (const lad of toLad[g].values()) if (lad !== WEST && lad !== NORTH) throw new Error(`${g}: unexpected council ${lad}`);
  }
  // The only exception to "every small area is in one of the 57 wards" must be E01027305.
  if (outsideWards.lsoa21.join() !== CHERWELL_LSOA || outsideWards.lsoa11.join() !== CHERWELL_LSOA) {
    throw new Error(`unexpected LSOAs outside the 57 wards: ${outsideWards.lsoa21.join(' ')} / ${outsideWards.lsoa11.join(' ')}`);
  }
  for (const oa of outsideWards.oa21) if (oa21ToLsoa21.get(oa) !== CHERWELL_LSOA) throw new Error(`OA ${oa} outside the wards`);

  return { wards, wardCodes, toWard, toLad, oa21ToLsoa21, lsoa11ToMsoa11, outsideWards };
}
