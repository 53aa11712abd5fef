/**
 * Catalogue entries: deprivation (Indices of Deprivation 2019 and 2025).
 */
import { countSpec, decileShareSpec, file10Spec, imd19nums, imd25CountSpec, imd25RateSpec, meanScoreSpec, type IndicatorSpec } from '../specs.ts';

const IOD19_NOTE = (num: string, den: string) =>
  `IoD2019 File 8 ${num} over the File 6 ${den} (mid-2015, excluding prisoners); by the IoD definitions this ratio is the domain score (a rate). Ward = sum over LSOA11s mapped to the ward (LSOA11 -> LSOA21 -> ward, chained ONS best fit; estimate). LSOA11s whose numerator is blank in the source (suppressed: fewer than 10) keep their denominator and count as 0 to 9, so ward, council and England values are ranges (lower end: blanks at 0; upper end: blanks at 9) shown as the midpoint; a comparison is made only when both ends agree. England = the sum over all 32,844 LSOA11 (DERIVED file numerator sum, whose blank areas are the suppressed ones, over the full File 6 denominator). IoD2019 numerators are rounded in the source.`;

export function deprivationSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];

  // --- Deprivation: IMD 2019 ---------------------------------------------------------------
  specs.push(
    countSpec(
      {
        id: 'imd19_income_rate',
        catalogueId: 'CX12',
        name: 'Income deprivation rate (IoD2019 Income domain score)',
        shortName: 'Income deprivation (IoD2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'People experiencing income deprivation as a percentage of the total population (IoD2019 Income Deprivation Domain score x 100).',
        valueType: 'proportion',
        unit: '% of population',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('Income Deprivation Domain numerator', 'total population'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_income_domain_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_total_population_mid2015', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_employment_rate',
        catalogueId: 'CX12',
        name: 'Employment deprivation rate (IoD2019 Employment domain score)',
        shortName: 'Employment deprivation (IoD2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Working-age people (18-59/64) involuntarily excluded from the labour market, as a percentage of the working-age population (IoD2019 Employment Deprivation Domain score x 100).',
        valueType: 'proportion',
        unit: '% of working-age population',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('Employment Deprivation Domain numerator', 'working-age population 18-59/64'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_employment_domain_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_working_age_18_59_64', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_idaci_rate',
        name: 'Income Deprivation Affecting Children Index (IDACI 2019)',
        shortName: 'IDACI (IoD2019)',
        topic: 'Deprivation',
        definition: 'Children aged 0-15 living in income-deprived families, as a percentage of all children aged 0-15 (IoD2019 IDACI score x 100).',
        valueType: 'proportion',
        unit: '% of children aged 0-15',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('IDACI numerator', 'dependent children aged 0-15'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_idaci_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_children_0_15_mid2015', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_idaopi_rate',
        name: 'Income Deprivation Affecting Older People Index (IDAOPI 2019)',
        shortName: 'IDAOPI (IoD2019)',
        topic: 'Deprivation',
        definition: 'People aged 60 and over experiencing income deprivation, as a percentage of all people aged 60 and over (IoD2019 IDAOPI score x 100).',
        valueType: 'proportion',
        unit: '% of people aged 60+',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('IDAOPI numerator', 'older population aged 60 and over'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_idaopi_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_older_60plus_mid2015', what: 'IoD2019 LSOA11' } },
    ),
  );
  specs.push(
    decileShareSpec(
      {
        id: 'imd19_pop_most_deprived_10pct',
        catalogueId: 'CX11',
        name: "Population living in England's 10% most deprived LSOAs (IMD 2019)",
        shortName: 'In most deprived 10% (IMD 2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of the population living in LSOAs in IMD 2019 decile 1 (the 10% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
      },
      2019,
      1,
    ),
    decileShareSpec(
      {
        id: 'imd19_pop_most_deprived_20pct',
        catalogueId: 'CX11',
        name: "Population living in England's 20% most deprived LSOAs (IMD 2019)",
        shortName: 'In most deprived 20% (IMD 2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of the population living in LSOAs in IMD 2019 deciles 1-2 (the 20% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
      },
      2019,
      2,
    ),
  );

  // --- Deprivation: IMD 2025 ---------------------------------------------------------------
  specs.push(
    meanScoreSpec(
      {
        id: 'imd25_imd_score',
        catalogueId: 'CX11',
        name: 'Index of Multiple Deprivation 2025, average score',
        shortName: 'IMD 2025 score',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IMD 2025 scores of the LSOAs in the area (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_imd_score',
      'imd25_lad_imd_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_income_score',
        catalogueId: 'CX12',
        name: 'Income deprivation, IoD2025 Income domain average score',
        shortName: 'Income deprivation (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Income domain scores (the share of people income-deprived), shown as a percentage.',
        unit: '%',
        polarity: 'low-is-good',
        scale: 100,
      },
      'imd25_income_score',
      'imd25_lad_income_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_employment_score',
        catalogueId: 'CX12',
        name: 'Employment deprivation, IoD2025 Employment domain average score',
        shortName: 'Employment deprivation (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Employment domain scores (the share of working-age people employment-deprived), shown as a percentage.',
        unit: '%',
        polarity: 'low-is-good',
        scale: 100,
      },
      'imd25_employment_score',
      'imd25_lad_employment_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_education_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Education, Skills and Training domain, average score',
        shortName: 'Education deprivation (IoD2025)',
        ambition: 'education',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Education, Skills and Training domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_education_score',
      'imd25_lad_education_skills_and_training_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_health_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Health Deprivation and Disability domain, average score',
        shortName: 'Health deprivation (IoD2025)',
        ambition: 'fit-well',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Health Deprivation and Disability domain scores (higher = more deprived; 0 = England average).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_health_score',
      'imd25_lad_health_deprivation_and_disability_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_crime_score',
        catalogueId: 'FS06',
        name: 'IoD2025 Crime domain, average score',
        shortName: 'Crime deprivation (IoD2025)',
        ambition: 'safe',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Crime domain scores (higher = more deprived; 0 = England average).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_crime_score',
      'imd25_lad_crime_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_living_environment_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Living Environment domain, average score',
        shortName: 'Living environment deprivation (IoD2025)',
        ambition: 'housing',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Living Environment domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_environment_score',
      'imd25_lad_living_environment_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_barriers_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Barriers to Housing and Services domain, average score',
        shortName: 'Barriers to housing and services (IoD2025)',
        ambition: 'connected',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Barriers to Housing and Services domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_housing_and_services_score',
      'imd25_lad_barriers_to_housing_and_services_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_geographical_barriers_score',
        catalogueId: 'CN06',
        name: 'IoD2025 Geographical Barriers sub-domain, average score',
        shortName: 'Geographical barriers (IoD2025)',
        ambition: 'connected',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Geographical Barriers sub-domain scores (road distances to key services; higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_sub_geographical_barriers_score',
      null,
    ),
  );
  specs.push(
    decileShareSpec(
      {
        id: 'imd25_pop_most_deprived_10pct',
        catalogueId: 'CX11',
        name: "Population living in England's 10% most deprived LSOAs (IMD 2025)",
        shortName: 'In most deprived 10% (IMD 2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of Census 2021 usual residents living in LSOAs in IMD 2025 decile 1 (the 10% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2025',
      },
      2025,
      1,
    ),
    decileShareSpec(
      {
        id: 'imd25_pop_most_deprived_20pct',
        catalogueId: 'CX11',
        name: "Population living in England's 20% most deprived LSOAs (IMD 2025)",
        shortName: 'In most deprived 20% (IMD 2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of Census 2021 usual residents living in LSOAs in IMD 2025 deciles 1-2 (the 20% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2025',
      },
      2025,
      2,
    ),
  );
  specs.push(
    imd25CountSpec(
      {
        id: 'imd25_income_deprived_people',
        name: 'People income-deprived (IoD2025 Income domain numerator)',
        shortName: 'Income-deprived people (IoD2025)',
        topic: 'Deprivation',
        definition: 'Number of people experiencing income deprivation (IoD2025 File 8 Income domain numerator).',
      },
      'imd25_income_domain_numerator',
      'imd25_lad_income_scale',
    ),
    imd25CountSpec(
      {
        id: 'imd25_employment_deprived_people',
        name: 'People employment-deprived (IoD2025 Employment domain numerator)',
        shortName: 'Employment-deprived people (IoD2025)',
        topic: 'Deprivation',
        definition: 'Number of working-age people involuntarily excluded from the labour market (IoD2025 File 8 Employment domain numerator).',
      },
      'imd25_employment_domain_numerator',
      'imd25_lad_employment_scale',
    ),
    imd25RateSpec(
      {
        id: 'imd25_income_rate',
        catalogueId: 'CX12',
        name: 'Income deprivation rate (IoD2025 Income domain, true rate)',
        shortName: 'Income deprivation rate (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'People experiencing income deprivation as a percentage of the population (IoD2025 Income domain numerator over its denominator, recovered as numerator / score).',
        unit: '% of population',
        polarity: 'low-is-good',
      },
      'imd25_income_domain_numerator',
      'imd25_income_score',
    ),
    imd25RateSpec(
      {
        id: 'imd25_employment_rate',
        catalogueId: 'CX12',
        name: 'Employment deprivation rate (IoD2025 Employment domain, true rate)',
        shortName: 'Employment deprivation rate (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Working-age people involuntarily excluded from the labour market as a percentage of the working-age population (IoD2025 Employment domain numerator over its denominator, recovered as numerator / score).',
        unit: '% of working-age population',
        polarity: 'low-is-good',
      },
      'imd25_employment_domain_numerator',
      'imd25_employment_score',
    ),
  );
  specs.push(
    file10Spec(
      {
        id: 'imd25_lad_lsoas_most_deprived_10pct',
        name: "Council LSOAs in England's 10% most deprived (IMD 2025, File 10)",
        shortName: 'LSOAs in most deprived 10% (IMD 2025)',
        topic: 'Deprivation',
        definition: 'Percentage of the council\'s LSOAs that are in IMD 2025 decile 1 (IoD2025 File 10 "proportion of LSOAs in most deprived 10% nationally", shown x 100).',
        valueType: 'proportion',
        unit: '% of LSOAs',
        methodNote: 'Council context only: official IoD2025 File 10 value (a proportion of LSOAs, not of people), shown x 100. Not aggregatable from wards: see imd25_pop_most_deprived_10pct for the population measure.',
      },
      'imd25_lad_imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally',
      100,
    ),
    file10Spec(
      {
        id: 'imd25_lad_extent',
        name: 'IMD 2025 extent (File 10)',
        shortName: 'IMD 2025 extent',
        topic: 'Deprivation',
        definition: 'IoD2025 File 10 "extent": the proportion of the council\'s population living in the most deprived LSOAs in England (MHCLG weighted measure; 0-1).',
        valueType: 'other',
        unit: 'proportion (0-1)',
        methodNote: 'Council context only: official IoD2025 File 10 value, verbatim. See the IoD2025 technical report for the definition.',
      },
      'imd25_lad_imd25_extent',
    ),
    file10Spec(
      {
        id: 'imd25_lad_rank_average_score',
        name: 'IMD 2025 rank of average score among 296 local authorities (File 10)',
        shortName: 'IMD 2025 rank of average score',
        topic: 'Deprivation',
        definition: 'Rank of the council\'s IMD 2025 average score among the 296 English local authorities (1 = most deprived).',
        valueType: 'rank',
        unit: 'rank of 296 (1 = most deprived)',
        methodNote: 'Council context only: official IoD2025 File 10 value. Ranks cannot be combined or compared across areas of different kinds.',
      },
      'imd25_lad_imd_rank_of_average_score',
    ),
  );

  return specs;
}
