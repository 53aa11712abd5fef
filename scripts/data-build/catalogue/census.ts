/**
 * Catalogue entries: Census 2021 topics, as exact small-area counts and as percentage-only ward estimates.
 */
import { censusProportion, pctLadOnlySpec, pctSpec, type IndicatorSpec } from '../specs.ts';

const HH = 'c21_ts011_hh_deprivation_household_is_deprived_in_';
const TEN = 'c21_ts054_tenure_';
const ACC = 'c21_ts044_accommodation_';
const ETH = 'c21_ts021_ethnic_group_';
const REL = 'c21_ts030_religion_';

const ETHNIC = [
  ['asian', 'asian_asian_british_or_asian_welsh', 'Asian, Asian British or Asian Welsh'],
  ['black', 'black_black_british_black_welsh_caribbean_or_african', 'Black, Black British, Black Welsh, Caribbean or African'],
  ['mixed', 'mixed_or_multiple_ethnic_groups', 'Mixed or Multiple ethnic groups'],
  ['other', 'other_ethnic_group', 'Other ethnic group'],
  ['white', 'white', 'White'],
] as const;

const RELIGIONS = [
  ['christian', 'Christian'],
  ['muslim', 'Muslim'],
  ['hindu', 'Hindu'],
  ['sikh', 'Sikh'],
  ['jewish', 'Jewish'],
  ['buddhist', 'Buddhist'],
  ['other_religion', 'Other religion'],
  ['no_religion', 'No religion'],
  ['not_answered', 'Religion not answered'],
] as const;

export function censusSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];

  // --- Census 2021 exact counts ------------------------------------------------------------
  const hhDims = [
    ['1', ['one_dimension'], 'one dimension'],
    ['2', ['two_dimensions'], 'two dimensions'],
    ['3', ['three_dimensions'], 'three dimensions'],
    ['4', ['four_dimensions'], 'all four dimensions'],
    ['1plus', ['one_dimension', 'two_dimensions', 'three_dimensions', 'four_dimensions'], 'one or more dimensions'],
  ] as const;
  for (const [key, parts, words] of hhDims) {
    specs.push(
      censusProportion(
        {
          id: `census21_hh_deprived_${key}${key === '1plus' ? '' : 'dim'}`,
          name: `Households deprived in ${words}, Census 2021`,
          shortName: `Deprived in ${words}`,
          topic: 'Deprivation',
          definition: `Households deprived in ${words} of the four Census 2021 household deprivation dimensions (employment, education, health and disability, housing), as a percentage of all households (TS011).`,
          methodNote: key === '1plus' ? 'Numerator = households deprived in one, two, three or four dimensions.' : undefined,
        },
        parts.map((p) => `${HH}${p}`),
        'households',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_overcrowding',
        catalogueId: 'HG02',
        name: 'Overcrowded households (bedroom occupancy rating -1 or less), Census 2021',
        shortName: 'Overcrowded households',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households with an occupancy rating for bedrooms of -1 or less (at least one bedroom fewer than needed), as a percentage of all households (TS052).',
        polarity: 'low-is-good',
        methodNote: 'Numerator = rating -1 plus rating -2 or less.',
      },
      ['c21_ts052_occupancy_bedrooms_1_overcrowded', 'c21_ts052_occupancy_bedrooms_2_or_less_overcrowded'],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_no_central_heating',
        name: 'Households without central heating, Census 2021',
        shortName: 'No central heating',
        topic: 'Housing',
        definition: 'Households that do not have central heating, as a percentage of all households (TS046). Not the same as "not on mains gas", which is not in the source.',
      },
      ['c21_ts046_heating_does_not_have_central_heating'],
      'households',
      'oa21',
    ),
    censusProportion(
      {
        id: 'census21_tenure_owned',
        catalogueId: 'HG07',
        name: 'Owner-occupied households, Census 2021',
        shortName: 'Owner occupied',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households that own their home outright or with a mortgage or loan, as a percentage of all households (TS054). Shared ownership is not included.',
        methodNote: 'Numerator = owns outright plus owns with a mortgage or loan.',
      },
      [`${TEN}owned_owns_outright`, `${TEN}owned_owns_with_a_mortgage_or_loan`],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_tenure_social_rented',
        catalogueId: 'HG07',
        name: 'Social rented households, Census 2021',
        shortName: 'Social rented',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households renting from the council or local authority or another social landlord, as a percentage of all households (TS054).',
        methodNote: 'Numerator = rents from council or local authority plus other social rented.',
      },
      [`${TEN}social_rented_rents_from_council_or_local_authority`, `${TEN}social_rented_other_social_rented`],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_tenure_private_rented',
        catalogueId: 'HG07',
        name: 'Private rented households, Census 2021',
        shortName: 'Private rented',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households renting from a private landlord or letting agency or other private renting, as a percentage of all households (TS054). "Lives rent free" is not included.',
        methodNote: 'Numerator = private landlord or letting agency plus other private rented.',
      },
      [`${TEN}private_rented_private_landlord_or_letting_agency`, `${TEN}private_rented_other_private_rented`],
      'households',
    ),
  );
  const accom = [
    ['detached', [`${ACC}detached`], 'Detached house or bungalow'],
    ['semi_detached', [`${ACC}semi_detached`], 'Semi-detached house or bungalow'],
    ['terraced', [`${ACC}terraced`], 'Terraced house or bungalow'],
    [
      'flat',
      [
        `${ACC}in_a_purpose_built_block_of_flats_or_tenement`,
        `${ACC}part_of_a_converted_or_shared_house_including_bedsits`,
        `${ACC}part_of_another_converted_building_for_example_former_school_church_or_warehouse`,
        `${ACC}in_a_commercial_building_for_example_in_an_office_building_hotel_or_over_a_shop`,
      ],
      'Flat, maisonette or apartment',
    ],
    ['caravan', [`${ACC}a_caravan_or_other_mobile_or_temporary_structure`], 'Caravan or other mobile or temporary structure'],
  ] as const;
  for (const [key, parts, words] of accom) {
    specs.push(
      censusProportion(
        {
          id: `census21_accommodation_${key}`,
          name: `Households in a ${words.toLowerCase()}, Census 2021`,
          shortName: words,
          topic: 'Housing',
          definition: `Households whose accommodation is a ${words.toLowerCase()}, as a percentage of all households (TS044).`,
          methodNote:
            key === 'flat' ? 'Numerator = purpose-built block of flats or tenement + part of a converted or shared house (incl. bedsits) + part of another converted building + in a commercial building.' : undefined,
        },
        parts,
        'households',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_disability',
        catalogueId: 'CX09',
        name: 'Disabled under the Equality Act, Census 2021',
        shortName: 'Disabled (Equality Act)',
        ambition: 'valued',
        topic: 'Health and disability',
        definition: 'Usual residents disabled under the Equality Act, as a percentage of all usual residents (TS038).',
      },
      ['c21_ts038_disability_disabled_under_the_equality_act'],
      'residents',
    ),
  );
  for (const [key, src, words] of ETHNIC) {
    specs.push(
      censusProportion(
        {
          id: `census21_ethnic_${key}`,
          catalogueId: 'CX06',
          name: `Ethnic group: ${words}, Census 2021`,
          shortName: `Ethnic group: ${words}`,
          ambition: 'valued',
          topic: 'Diversity',
          definition: `Usual residents in the ${words} high-level ethnic group, as a percentage of all usual residents (TS021).`,
        },
        [`${ETH}${src}`],
        'residents',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_ethnic_non_white',
        catalogueId: 'CX06',
        name: 'Ethnic groups other than White, Census 2021',
        shortName: 'Ethnic groups other than White',
        ambition: 'valued',
        topic: 'Diversity',
        definition:
          'Usual residents in the Asian, Black, Mixed or Other high-level ethnic groups, as a percentage of all usual residents (TS021). NOT "% non-White British": White minorities are not included, because the source has only the five high-level groups.',
        methodNote: 'Numerator = Asian + Black + Mixed + Other ethnic groups.',
      },
      ETHNIC.filter(([k]) => k !== 'white').map(([, src]) => `${ETH}${src}`),
      'residents',
    ),
  );
  for (const [key, words] of RELIGIONS) {
    specs.push(
      censusProportion(
        {
          id: `census21_religion_${key}`,
          catalogueId: 'VA01',
          name: `${words}, Census 2021`,
          shortName: words,
          ambition: 'valued',
          topic: 'Diversity',
          definition: `Usual residents whose religion is recorded as "${words}", as a percentage of all usual residents (TS030; religion is a voluntary question).`,
        },
        [`${REL}${key}`],
        'residents',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_born_outside_uk',
        name: 'Born outside the UK, Census 2021',
        shortName: 'Born outside the UK',
        topic: 'Diversity',
        definition: 'Usual residents born outside the UK, as a percentage of all usual residents (TS004).',
      },
      ['c21_ts004_country_of_birth_born_outside_the_uk'],
      'residents',
      'oa21',
    ),
    censusProportion(
      {
        id: 'census21_communal_establishment',
        name: 'Living in a communal establishment, Census 2021',
        shortName: 'In communal establishments',
        topic: 'Population',
        definition: 'Usual residents living in a communal establishment (e.g. care home, student hall, prison), as a percentage of all usual residents (TS001).',
      },
      ['c21_ts001_residence_lives_in_a_communal_establishment'],
      'residents',
      'oa21',
    ),
  );

  // --- Census 2021 percentage-only topics (ward ESTIMATES) ---------------------------------
  specs.push(
    pctSpec(
      {
        id: 'census21_health_good',
        name: 'Very good or good general health, Census 2021 (estimate)',
        shortName: 'Good or very good health',
        topic: 'Health and disability',
        definition: 'Usual residents reporting very good or good general health, as a percentage of all usual residents (TS037).',
        unit: '% of usual residents',
      },
      ['c21pct_health_in_general_4a_001'],
      'residents',
    ),
    pctSpec(
      {
        id: 'census21_health_bad',
        name: 'Bad or very bad general health, Census 2021 (estimate)',
        shortName: 'Bad or very bad health',
        topic: 'Health and disability',
        definition: 'Usual residents reporting bad or very bad general health, as a percentage of all usual residents (TS037).',
        unit: '% of usual residents',
      },
      ['c21pct_health_in_general_4a_003'],
      'residents',
    ),
    pctSpec(
      {
        id: 'census21_unpaid_care',
        catalogueId: 'CX10',
        name: 'Providing unpaid care, Census 2021 (estimate)',
        shortName: 'Unpaid carers',
        ambition: 'connected',
        topic: 'Health and disability',
        definition: 'Usual residents aged 5 and over who provide any unpaid care a week, as a percentage of usual residents aged 5 and over (TS039).',
        unit: '% of usual residents aged 5+',
        extraNote: 'Numerator = 19 hours or less + 20-49 hours + 50 or more hours a week.',
      },
      ['c21pct_is_carer_5a_002', 'c21pct_is_carer_5a_003', 'c21pct_is_carer_5a_004'],
      'residents5',
    ),
    pctSpec(
      {
        id: 'census21_unpaid_care_50plus',
        catalogueId: 'CX10',
        name: 'Providing 50 or more hours of unpaid care a week, Census 2021 (estimate)',
        shortName: 'Unpaid care 50+ hours',
        ambition: 'connected',
        topic: 'Health and disability',
        definition: 'Usual residents aged 5 and over providing 50 or more hours of unpaid care a week, as a percentage of usual residents aged 5 and over (TS039).',
        unit: '% of usual residents aged 5+',
      },
      ['c21pct_is_carer_5a_004'],
      'residents5',
    ),
    pctSpec(
      {
        id: 'census21_in_employment',
        catalogueId: 'EP01',
        name: 'In employment (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'In employment (16+)',
        ambition: 'employment',
        topic: 'Employment',
        definition:
          'Usual residents aged 16 and over in employment (including full-time students in employment), as a percentage of all usual residents aged 16 and over (TS066). Not the APS employment rate for ages 16-64.',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_economic_activity_status_4a_001'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_unemployed',
        name: 'Unemployed (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'Unemployed (16+)',
        topic: 'Employment',
        definition: 'Usual residents aged 16 and over who are economically active and unemployed (including full-time students), as a percentage of all usual residents aged 16 and over (TS066).',
        unit: '% of usual residents aged 16+',
      },
      ['c21pct_economic_activity_status_4a_002'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_economically_inactive',
        name: 'Economically inactive (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'Economically inactive (16+)',
        topic: 'Employment',
        definition: 'Usual residents aged 16 and over who are economically inactive (retired, students, looking after home, long-term sick, other), as a percentage of all usual residents aged 16 and over (TS066).',
        unit: '% of usual residents aged 16+',
      },
      ['c21pct_economic_activity_status_4a_003'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_no_qualifications',
        catalogueId: 'ED11',
        name: 'No qualifications, Census 2021 (estimate)',
        shortName: 'No qualifications',
        ambition: 'education',
        topic: 'Education',
        definition: 'Usual residents aged 16 and over with no qualifications, as a percentage of all usual residents aged 16 and over (TS067).',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_highest_qualification_6a_000'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_level4_qualifications',
        catalogueId: 'ED11',
        name: 'Level 4 qualifications or above, Census 2021 (estimate)',
        shortName: 'Level 4+ qualifications',
        ambition: 'education',
        topic: 'Education',
        definition: 'Usual residents aged 16 and over whose highest qualification is Level 4 or above (degree level), as a percentage of all usual residents aged 16 and over (TS067).',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_highest_qualification_6a_003'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_no_car',
        name: 'Households with no car or van, Census 2021 (estimate)',
        shortName: 'No car or van',
        topic: 'Transport',
        definition: 'Households with no cars or vans, as a percentage of all households (TS045).',
        unit: '% of households',
      },
      ['c21pct_number_of_cars_5a_000'],
      'households',
    ),
  );
  specs.push(
    pctLadOnlySpec(
      {
        id: 'census21_one_bedroom',
        catalogueId: 'HG03',
        name: 'Households with 1 bedroom, Census 2021 (council only)',
        shortName: '1-bedroom households',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households living in accommodation with one bedroom, as a percentage of all households (TS050).',
        unit: '% of households',
      },
      ['c21pct_number_bedrooms_5a_001'],
    ),
    pctLadOnlySpec(
      {
        id: 'census21_cannot_speak_english_well',
        catalogueId: 'VA01',
        name: 'Cannot speak English well or at all, Census 2021 (council only)',
        shortName: 'Cannot speak English well',
        ambition: 'valued',
        topic: 'Diversity',
        definition: 'Usual residents aged 3 and over whose main language is not English and who cannot speak English well or at all, as a percentage of usual residents aged 3 and over (TS029).',
        unit: '% of usual residents aged 3+',
      },
      ['c21pct_english_proficiency_4a_003'],
    ),
    pctLadOnlySpec(
      {
        id: 'census21_one_person_households',
        name: 'One-person households, Census 2021 (council only)',
        shortName: 'One-person households',
        topic: 'Population',
        definition: 'One-person households (all ages), as a percentage of all households (TS003).',
        unit: '% of households',
      },
      ['c21pct_hh_family_composition_4a_002'],
    ),
  );

  return specs;
}
