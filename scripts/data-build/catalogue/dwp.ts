/**
 * Catalogue entries: DWP benefits and low income, apportioned from MSOA11 to wards.
 */
import { cilifRateSpec, dwpCountSpec, type IndicatorSpec } from '../specs.ts';

export function dwpSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];

  // --- DWP ------------------------------------------------------------------------------------
  specs.push(
    dwpCountSpec(
      {
        id: 'dwp_cilif_children',
        name: 'Children in relative low income families (count)',
        shortName: 'Children in low income families',
        topic: 'Poverty',
        definition:
          'DWP count of dependent children (under 16, or 16-19 in full-time non-advanced education) living in relative low income families (below 60% of median income before housing costs, and claiming benefits or tax credits), by financial year. 2021/22 is provisional.',
        unit: 'children',
        datasetId: 'dwp_cilif',
      },
      'dwp_cilif_relative_children',
      (all) => all,
      0,
      15,
      "the ward's share of the MSOA's mid-2020 population aged 0-15",
    ),
    cilifRateSpec(),
    dwpCountSpec(
      {
        id: 'dwp_uc_households',
        catalogueId: 'EP03',
        name: 'Households on Universal Credit (count)',
        shortName: 'Households on Universal Credit',
        ambition: 'employment',
        topic: 'Poverty',
        definition:
          'DWP count of households on Universal Credit: one snapshot a year (February 2016-2022) and the latest month in the source (November 2023, provisional). Households, not claimants: not the same measure as EP03 (claimants).',
        unit: 'households',
        datasetId: 'dwp_uc_households',
      },
      'dwp_uc_households',
      (all) => all.filter((p) => /^\d{4}-02/.test(p) || p.startsWith('2023-11')),
      16,
      64,
      "the ward's share of the MSOA's mid-2020 population aged 16-64",
    ),
  );

  return specs;
}
