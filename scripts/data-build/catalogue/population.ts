/**
 * Catalogue entries: population (Census 2021 residents, age and households; mid-2020 age bands).
 */
import { age6, C21_NOTE_LSOA, census, countSpec, mye, MYE_NOTE, myeBandCount, myeBandProportion, type IndicatorSpec } from '../specs.ts';

const AGE6 = [
  ['c21_age6_aged_15_years_and_under', '0_15', '0-15'],
  ['c21_age6_aged_16_to_24_years', '16_24', '16-24'],
  ['c21_age6_aged_25_to_34_years', '25_34', '25-34'],
  ['c21_age6_aged_35_to_49_years', '35_49', '35-49'],
  ['c21_age6_aged_50_to_64_years', '50_64', '50-64'],
  ['c21_age6_aged_65_years_and_over', '65plus', '65 and over'],
] as const;

const AGE6_NOTE =
  'Census 2021 usual residents by age (6 categories) for each LSOA21; the denominator is the sum of the 6 bands in the same table (all usual residents; may differ by a few people from other tables because of ONS perturbation). Ward = LSOA21s best-fitted to the ward (estimate); council and England = sums of small-area counts (DERIVED file).';

function age6Specs(): IndicatorSpec[] {
  const out: IndicatorSpec[] = [];
  for (const [src, key, label] of AGE6) {
    out.push(
      countSpec(
        {
          id: `census21_age_${key}_pct`,
          catalogueId: 'CX03',
          name: `Usual residents aged ${label} (% of all usual residents), Census 2021`,
          shortName: `Aged ${label} (%)`,
          topic: 'Population',
          definition: `Census 2021 usual residents aged ${label} as a percentage of all usual residents.`,
          valueType: 'proportion',
          unit: '% of usual residents',
          datasetId: 'census2021_age6_lsoa21',
          methodNote: AGE6_NOTE,
        },
        { file: age6, geography: 'lsoa21', components: [src], denominator: 'row', period: '2021' },
      ),
    );
  }
  for (const [src, key, label] of AGE6) {
    out.push(
      countSpec(
        {
          id: `census21_age_${key}`,
          catalogueId: 'CX03',
          name: `Usual residents aged ${label} (count), Census 2021`,
          shortName: `Aged ${label}`,
          topic: 'Population',
          definition: `Number of Census 2021 usual residents aged ${label}.`,
          valueType: 'count',
          unit: 'people',
          datasetId: 'census2021_age6_lsoa21',
          methodNote: AGE6_NOTE,
        },
        { file: age6, geography: 'lsoa21', components: [src], denominator: 'none', period: '2021' },
      ),
    );
  }
  return out;
}

export function populationSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];

  // --- Population --------------------------------------------------------------------------
  specs.push(
    countSpec(
      {
        id: 'census21_usual_residents',
        catalogueId: 'CX01',
        name: 'Usual residents, Census 2021',
        shortName: 'Population (2021)',
        topic: 'Population',
        definition: 'All usual residents on Census day 2021 (the total of Census table TS038).',
        valueType: 'count',
        unit: 'people',
        datasetId: 'census2021_lsoa21',
        methodNote: `Total of TS038 for each LSOA21; it equals the ONS published council totals to within rounding (West 425,728 vs 425,700; North 359,519 vs 359,500). ${C21_NOTE_LSOA}`,
      },
      { file: census, geography: 'lsoa21', components: ['c21_ts038_disability_total'], denominator: 'none', period: '2021' },
    ),
  );
  specs.push(...age6Specs());
  specs.push(
    countSpec(
      {
        id: 'census21_households',
        catalogueId: 'CX05',
        name: 'Households, Census 2021',
        shortName: 'Households (2021)',
        topic: 'Population',
        definition: 'All households on Census day 2021 (the total of Census table TS054, tenure).',
        valueType: 'count',
        unit: 'households',
        datasetId: 'census2021_lsoa21',
        methodNote: `Total of TS054 for each LSOA21 (other household tables differ by a few households because of ONS perturbation). ${C21_NOTE_LSOA}`,
      },
      { file: census, geography: 'lsoa21', components: ['c21_ts054_tenure_total'], denominator: 'none', period: '2021' },
    ),
  );
  specs.push(
    countSpec(
      {
        id: 'mye2020_population',
        catalogueId: 'CX01',
        name: 'Population, ONS mid-2020 estimate',
        shortName: 'Population (mid-2020)',
        topic: 'Population',
        definition: 'ONS mid-2020 population estimate, persons of all ages.',
        valueType: 'count',
        unit: 'people',
        datasetId: 'mye2020_lsoa11',
        methodNote: MYE_NOTE,
      },
      { file: mye, geography: 'lsoa11', components: ['mye2020_all_ages'], denominator: 'none', period: 'mid-2020' },
    ),
  );
  specs.push(
    myeBandProportion('mye2020_age_0_4_pct', '0-4', 0, 4),
    myeBandProportion('mye2020_age_0_15_pct', '0-15', 0, 15),
    myeBandProportion('mye2020_age_16_64_pct', '16-64', 16, 64),
    myeBandProportion('mye2020_age_65plus_pct', '65 and over', 65, 200),
    myeBandProportion('mye2020_age_75plus_pct', '75 and over', 75, 200),
    myeBandProportion('mye2020_age_85plus_pct', '85 and over', 85, 200),
  );
  for (let a = 0; a <= 85; a += 5) specs.push(myeBandCount(a, a + 4));
  specs.push(myeBandCount(90, 200));

  return specs;
}
