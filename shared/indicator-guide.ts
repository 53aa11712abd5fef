/**
 * Words a councillor understands, and the rules that decide whether a figure can be judged: one plain sentence per
 * indicator (the technical definition stays behind "How this is made"), which indicators have no sampling variation,
 * which crude percentages are confounded by age, which indicators are nested in a family (counted once in the
 * headline), which edition of an index a figure belongs to, caveats that travel with a number, the comparison legend
 * shared by the screen and the PDF, and sources cited by publisher, dataset and release.
 * Pure TypeScript (docs/methods.md describes every rule).
 */

// ---------------------------------------------------------------------------------------------------------------
// The comparison legend (one text for the screen and the PDF)

/** The one comparison rule, as documented in docs/methods.md. */
export const COMPARISON_RULE =
  'Compared at two levels wherever both intervals exist: Better or Worse when the benchmark lies outside the 95% confidence interval, Best or Worst when it lies outside the 99.8% interval too; Similar when it lies inside the 95% interval.';

export interface LegendEntry {
  word: string;
  meaning: string;
}

/** Every comparison word the profile prints, with its meaning in plain English. */
export const COMPARISON_LEGEND: readonly LegendEntry[] = [
  { word: 'Best / Worst', meaning: 'very unlikely to be chance: the benchmark lies outside the 99.8% confidence interval' },
  { word: 'Better / Worse', meaning: 'unlikely to be chance: the benchmark lies outside the 95% confidence interval (but inside the 99.8% interval)' },
  { word: 'Similar', meaning: 'the difference could be chance: the benchmark lies inside the 95% confidence interval' },
  { word: 'Higher / Lower', meaning: 'as above, for a measure where neither direction is better or worse' },
  { word: 'Not compared', meaning: 'no fair test is possible; the reason is given beside the figure' },
];

export const COMPARISON_LEGEND_TITLE = 'What the comparison words mean';

/** The legend as one paragraph (PDF footers, CSV notes, CLI). */
export const COMPARISON_LEGEND_TEXT = `${COMPARISON_LEGEND.map((e) => `${e.word}: ${e.meaning}.`).join(' ')}`;

/** On screen and in the PDF wherever both editions of the Index of Multiple Deprivation appear. */
export const EDITIONS_NOTE =
  'The English Indices of Deprivation 2025 and 2019 cannot be compared with each other: each ranks areas against the rest of England at its own time, with different data and methods. The 2019 edition mostly describes 2015/16.';

/** Beside a value built from a crude percentage of all adults. */
export const NOT_AGE_STANDARDISED = 'not age-standardised';

/** The multiple-comparisons note for the headline counts. */
export const MULTIPLE_COMPARISONS_NOTE =
  'With many indicators, a few will show as Better or Worse at the 95% level by chance alone (about 1 in 20 where there is no real difference); Best and Worst (99.8%) are far less likely to be chance.';

// ---------------------------------------------------------------------------------------------------------------
// Why a figure is not compared

export const NOT_COMPARED = {
  suppressed: 'cannot be compared: suppressed small numbers (the two ends of the range give different answers)',
  noSampling: 'not compared: whole neighbourhoods are classified, so there is no sampling variation and no confidence interval',
  count: 'not compared: a count depends on the size of the area',
  score: 'not compared: a score or rank has no confidence interval',
  councilOnly: 'not compared: a council-level figure, with no value for wards or LAPs',
  noValue: 'not compared: there is no value for this area',
  noBenchmark: 'not compared: the benchmark has no value for this period',
  englandAndWales: 'not compared: only an England and Wales figure exists (shown for context, never counted as England)',
  self: 'not compared: the benchmark is the area itself',
  noInterval: 'not compared: the value has no confidence interval',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Per-indicator rules

/** Shares of population in the most deprived deciles: whole LSOAs classified, so no interval and no comparison. */
export const NO_SAMPLING: ReadonlySet<string> = new Set([
  'imd19_pop_most_deprived_10pct',
  'imd19_pop_most_deprived_20pct',
  'imd25_pop_most_deprived_10pct',
  'imd25_pop_most_deprived_20pct',
  'imd25_lad_lsoas_most_deprived_10pct',
]);

/** Crude percentages of all adults (or all residents) that mostly reflect age structure: no polarity, labelled. */
export const AGE_CONFOUNDED: ReadonlySet<string> = new Set([
  'census21_in_employment',
  'census21_unemployed',
  'census21_economically_inactive',
  'census21_health_good',
  'census21_health_bad',
  'census21_disability',
  'census21_no_qualifications',
  'census21_level4_qualifications',
]);

/**
 * Families of nested or overlapping indicators: the headline counts only the headline member. The household
 * deprivation dimensions nest in "one or more"; good and bad health are two ends of one question; the 10% and 20%
 * shares nest.
 */
export const FAMILIES: Readonly<Record<string, { family: string; headline: boolean }>> = {
  census21_hh_deprived_1plus: { family: 'household deprivation', headline: true },
  census21_hh_deprived_1dim: { family: 'household deprivation', headline: false },
  census21_hh_deprived_2dim: { family: 'household deprivation', headline: false },
  census21_hh_deprived_3dim: { family: 'household deprivation', headline: false },
  census21_hh_deprived_4dim: { family: 'household deprivation', headline: false },
  census21_health_bad: { family: 'general health', headline: true },
  census21_health_good: { family: 'general health', headline: false },
  census21_unpaid_care: { family: 'unpaid care', headline: true },
  census21_unpaid_care_50plus: { family: 'unpaid care', headline: false },
  imd19_pop_most_deprived_20pct: { family: 'most deprived areas (IMD 2019)', headline: true },
  imd19_pop_most_deprived_10pct: { family: 'most deprived areas (IMD 2019)', headline: false },
  imd25_pop_most_deprived_20pct: { family: 'most deprived areas (IMD 2025)', headline: true },
  imd25_pop_most_deprived_10pct: { family: 'most deprived areas (IMD 2025)', headline: false },
  // Recorded crime: all crime and anti-social behaviour holds every type below, so it alone counts.
  crime_all: { family: 'recorded crime (police.uk)', headline: true },
  crime_asb: { family: 'recorded crime (police.uk)', headline: false },
  crime_burglary: { family: 'recorded crime (police.uk)', headline: false },
  crime_damage_arson: { family: 'recorded crime (police.uk)', headline: false },
  crime_violence_sexual: { family: 'recorded crime (police.uk)', headline: false },
  crime_drugs: { family: 'recorded crime (police.uk)', headline: false },
  // One concept in two editions of the Indices of Deprivation: the newer edition counts.
  imd25_income_rate: { family: 'income deprivation', headline: true },
  imd19_income_rate: { family: 'income deprivation', headline: false },
  imd25_employment_rate: { family: 'employment deprivation', headline: true },
  imd19_employment_rate: { family: 'employment deprivation', headline: false },
  // A 2011 figure is history beside 2021 ones (and its 2021 counterpart is not judged: not age-standardised).
  census11_unemployed: { family: 'unemployment (Census)', headline: false },
};

/** Caveats that go wherever the number is shown (screen, PDF, exports). */
export const CAVEATS: Readonly<Record<string, string>> = {
  dwp_cilif_children_rate:
    'Not the official under-16 child poverty percentage (Fingertips): the count includes dependent 16-19 year olds in education, but the base is children aged 0-15, so this figure is higher.',
  dwp_cilif_children: 'Estimated for wards by sharing out neighbourhood (MSOA) counts by population; rounded to whole children.',
  dwp_uc_households: 'Estimated for wards by sharing out neighbourhood (MSOA) counts by population; rounded to whole households.',
  census21_unpaid_care:
    'Residents aged 5 and over; the ward figure is estimated from published percentages, so it is compared with the council figure made the same way.',
  census21_unpaid_care_50plus:
    'Residents aged 5 and over; the ward figure is estimated from published percentages, so it is compared with the council figure made the same way.',
};

export type Edition = 'IoD2025' | 'IoD2019';

/** Which edition of the English Indices of Deprivation an indicator belongs to, from its id. */
export function editionOf(id: string): Edition | null {
  if (id.startsWith('imd25_')) return 'IoD2025';
  if (id.startsWith('imd19_')) return 'IoD2019';
  return null;
}

/** The label of an edition: IoD2019 is named with the period its data mostly describe. */
export const EDITION_LABEL: Record<Edition, string> = {
  IoD2025: 'English Indices of Deprivation 2025',
  IoD2019: 'English Indices of Deprivation 2019 (data mostly 2015/16)',
};

// ---------------------------------------------------------------------------------------------------------------
// Plain definitions

const PLAIN: Readonly<Record<string, string>> = {
  census21_usual_residents: 'The number of people who usually live in the area (Census 2021).',
  census21_households: 'The number of households in the area (Census 2021).',
  mye2020_population: 'The estimated number of people living in the area in mid-2020.',
  imd19_income_rate: 'The share of people living on a low income, counted from benefit and tax-credit claims (2019 index, data mostly 2015/16).',
  imd19_employment_rate: 'The share of working-age people kept out of work by unemployment, sickness or disability (2019 index, data mostly 2015/16).',
  imd19_idaci_rate: 'The share of children under 16 living in low-income families (Income Deprivation Affecting Children Index, 2019 index, data mostly 2015/16).',
  imd19_idaopi_rate: 'The share of people aged 60 and over living on a low income (Income Deprivation Affecting Older People Index, 2019 index, data mostly 2015/16).',
  imd19_pop_most_deprived_10pct: "The share of residents living in neighbourhoods among England's 10% most deprived (2019 index).",
  imd19_pop_most_deprived_20pct: "The share of residents living in neighbourhoods among England's 20% most deprived (2019 index).",
  imd25_pop_most_deprived_10pct: "The share of residents living in neighbourhoods among England's 10% most deprived (2025 index).",
  imd25_pop_most_deprived_20pct: "The share of residents living in neighbourhoods among England's 20% most deprived (2025 index).",
  imd25_imd_score: 'The overall deprivation score of the area (2025 index): higher means more deprived; it ranks areas and is not a percentage.',
  imd25_income_score: 'The share of people living on a low income (2025 index), averaged over the neighbourhoods of the area.',
  imd25_employment_score: 'The share of working-age people kept out of work by unemployment, sickness or disability (2025 index), averaged over the neighbourhoods of the area.',
  imd25_education_score: 'A score for lack of skills and qualifications among children and adults (2025 index): higher means more deprived.',
  imd25_health_score: 'A score for early death, illness and disability (2025 index): higher means more deprived.',
  imd25_crime_score: 'A score for the risk of personal and material crime (2025 index): higher means more deprived.',
  imd25_living_environment_score: 'A score for the quality of housing and the local air and roads (2025 index): higher means more deprived.',
  imd25_barriers_score: 'A score for how hard it is to get housing and reach local services (2025 index): higher means more deprived.',
  imd25_geographical_barriers_score: 'A score for the distance to local services such as a GP, school or shop (2025 index): higher means further away.',
  imd25_income_rate: 'The share of people living on a low income, counted from benefit and tax-credit claims (2025 index).',
  imd25_employment_rate: 'The share of working-age people kept out of work by unemployment, sickness or disability (2025 index).',
  imd25_income_deprived_people: 'The number of people living on a low income (2025 index).',
  imd25_employment_deprived_people: 'The number of working-age people kept out of work by unemployment, sickness or disability (2025 index).',
  imd25_lad_lsoas_most_deprived_10pct: "The share of the council's neighbourhoods that are among England's 10% most deprived (2025 index).",
  imd25_lad_extent: "The share of the council's population living in its most deprived neighbourhoods (2025 index, a council-level measure).",
  imd25_lad_rank_average_score: "The council's rank among English councils by average deprivation score (2025 index; 1 is the most deprived).",
  census21_hh_deprived_1dim: 'The share of households deprived in exactly one of four ways: employment, education, health or housing (Census 2021).',
  census21_hh_deprived_2dim: 'The share of households deprived in two of four ways: employment, education, health or housing (Census 2021).',
  census21_hh_deprived_3dim: 'The share of households deprived in three of four ways: employment, education, health or housing (Census 2021).',
  census21_hh_deprived_4dim: 'The share of households deprived in all four ways: employment, education, health and housing (Census 2021).',
  census21_hh_deprived_1plus: 'The share of households deprived in at least one of four ways: employment, education, health or housing (Census 2021).',
  census21_overcrowding: 'The share of households with fewer bedrooms than they need (Census 2021).',
  census21_no_central_heating: 'The share of households with no central heating (Census 2021).',
  census21_tenure_owned: 'The share of households that own their home, outright or with a mortgage (Census 2021).',
  census21_tenure_social_rented: 'The share of households renting from a council or housing association (Census 2021).',
  census21_tenure_private_rented: 'The share of households renting from a private landlord or letting agency (Census 2021).',
  census21_disability: 'The share of residents whose day-to-day activities are limited by a long-term illness or disability (Census 2021).',
  census21_ethnic_non_white: 'The share of residents who describe their ethnic group as other than White (Census 2021).',
  census21_born_outside_uk: 'The share of residents born outside the United Kingdom (Census 2021).',
  census21_communal_establishment: 'The share of residents living in a care home, student hall, prison or other communal home (Census 2021).',
  census21_health_good: 'The share of residents who describe their health as good or very good (Census 2021).',
  census21_health_bad: 'The share of residents who describe their health as bad or very bad (Census 2021).',
  census21_unpaid_care: 'The share of residents aged 5 and over who look after someone because of illness, disability or old age, without pay (Census 2021).',
  census21_unpaid_care_50plus: 'The share of residents aged 5 and over who give 50 or more hours of unpaid care a week (Census 2021).',
  census21_in_employment: 'The share of residents aged 16 and over who are in work, including retired people in the total (Census 2021).',
  census21_unemployed: 'The share of residents aged 16 and over who are out of work and looking for work (Census 2021).',
  census21_economically_inactive: 'The share of residents aged 16 and over who are neither in work nor looking for work, for example retired people, students and carers (Census 2021).',
  census21_no_qualifications: 'The share of residents aged 16 and over with no formal qualifications (Census 2021).',
  census21_level4_qualifications: 'The share of residents aged 16 and over with a degree or similar qualification (Census 2021).',
  census21_no_car: 'The share of households with no car or van (Census 2021).',
  census21_one_bedroom: 'The share of households living in a home with one bedroom (Census 2021).',
  census21_cannot_speak_english_well: 'The share of residents aged 3 and over who cannot speak English well or at all (Census 2021).',
  census21_one_person_households: 'The share of households of one person living alone (Census 2021).',
  dwp_cilif_children: 'The number of children living in families on a relatively low income, before housing costs (Department for Work and Pensions).',
  dwp_cilif_children_rate: 'Children living in families on a relatively low income, for every 100 children under 16 (Department for Work and Pensions).',
  dwp_uc_households: 'The number of households receiving Universal Credit (Department for Work and Pensions).',
};

export interface PlainInput {
  id: string;
  name: string;
  shortName: string;
  unit: string;
  valueType: string;
}

/** Letters-and-digits codes and jargon that must not appear in a plain definition. */
const JARGON = /\b(?:[EKW]\d{8}|OA21|LSOA(?:11|21)?|MSOA(?:11)?|DERIVED|TS\d{3}|IDACI|IDAOPI|IoD20\d\d)\b/;

/** True when a sentence is free of internal codes and unexplained acronyms (the test for plain text). */
export function isPlain(text: string): boolean {
  return !JARGON.test(text);
}

/** One plain-English sentence saying what the indicator measures. */
export function plainDefinition(ind: PlainInput): string {
  const known = PLAIN[ind.id];
  if (known) return known;
  let m = /^census21_age_(\d+)_(\d+|plus)(_pct)?$/.exec(ind.id) ?? /^census21_age_(65)(plus)(_pct)?$/.exec(ind.id);
  if (m) {
    const band = m[2] === 'plus' ? `${m[1]} and over` : `${m[1]} to ${m[2]}`;
    return m[3] ? `The share of residents aged ${band} (Census 2021).` : `The number of residents aged ${band} (Census 2021).`;
  }
  m = /^mye2020_age_(\d+)_(\d+|plus)(_count|_pct)$/.exec(ind.id) ?? /^mye2020_age_(\d+)(plus)(_count|_pct)$/.exec(ind.id);
  if (m) {
    const from = Number(m[1]);
    const band = m[2] === 'plus' ? `${from} and over` : `${from} to ${Number(m[2])}`;
    return m[3] === '_pct' ? `The estimated share of residents aged ${band} in mid-2020.` : `The estimated number of residents aged ${band} in mid-2020.`;
  }
  m = /^census21_ethnic_(\w+)$/.exec(ind.id);
  if (m) return `The share of residents who describe their ethnic group as ${ind.shortName.replace(/^Ethnic group: /, '')} (Census 2021).`;
  m = /^census21_religion_(\w+)$/.exec(ind.id);
  if (m) {
    if (m[1] === 'no_religion') return 'The share of residents who say they have no religion (Census 2021).';
    if (m[1] === 'not_answered') return 'The share of residents who did not answer the question on religion (Census 2021).';
    if (m[1] === 'other_religion') return 'The share of residents who give a religion other than those listed (Census 2021).';
    return `The share of residents who give their religion as ${ind.shortName} (Census 2021).`;
  }
  m = /^census21_accommodation_(\w+)$/.exec(ind.id);
  if (m) return `The share of households living in a ${ind.shortName.toLowerCase()} (Census 2021).`;
  // An indicator the guide does not know (e.g. imported by a user): its short name, as a sentence.
  const base = ind.shortName || ind.name;
  return `${base.replace(/\.$/, '')}${ind.unit ? ` (${ind.unit})` : ''}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Sources cited by publisher, dataset and release

const OGL = 'Open Government Licence v3.0';

export interface Citation {
  publisher: string;
  dataset: string;
  release: string;
  licence: string;
}

/** How each bundled dataset is cited in the profile, the PDF and exports (never by where the file was copied from). */
export const CITATIONS: Readonly<Record<string, Citation>> = {
  census2021_lsoa21: {
    publisher: 'Office for National Statistics (ONS)',
    dataset: 'Census 2021, topic summary tables TS011, TS021, TS030, TS038, TS044, TS052 and TS054 for neighbourhoods (LSOAs)',
    release: 'published 2022-2023',
    licence: OGL,
  },
  census2021_age6_lsoa21: { publisher: 'Office for National Statistics (ONS)', dataset: 'Census 2021, usual residents by age (6 bands) for neighbourhoods (LSOAs)', release: 'published 2022-2023', licence: OGL },
  census2021_oa21_counts: { publisher: 'Office for National Statistics (ONS)', dataset: 'Census 2021, topic summary tables TS001, TS004, TS008 and TS046 for Output Areas', release: 'published 2022-2023', licence: OGL },
  census2021_percent_only: {
    publisher: 'Office for National Statistics (ONS)',
    dataset: 'Census 2021, topic summary percentages (general health, unpaid care, economic activity, qualifications, cars or vans and others) for Output Areas, councils and England and Wales',
    release: 'published 2022-2023',
    licence: OGL,
  },
  mye2020_lsoa11: { publisher: 'Office for National Statistics (ONS)', dataset: 'Small area population estimates, mid-2020, by single year of age (SAPE23DT2)', release: 'published 2021', licence: OGL },
  iod2019: { publisher: 'Ministry of Housing, Communities and Local Government (MHCLG)', dataset: 'English Indices of Deprivation 2019 (data mostly 2015/16)', release: 'published September 2019', licence: OGL },
  iod2025: { publisher: 'Ministry of Housing, Communities and Local Government (MHCLG)', dataset: 'English Indices of Deprivation 2025', release: 'published autumn 2025', licence: OGL },
  dwp_cilif: {
    publisher: 'Department for Work and Pensions (DWP)',
    dataset: 'Children in low income families: local area statistics (Stat-Xplore)',
    release: 'financial years ending 2015 to 2022 (2021/22 provisional)',
    licence: OGL,
  },
  dwp_uc_households: { publisher: 'Department for Work and Pensions (DWP)', dataset: 'Households on Universal Credit (Stat-Xplore)', release: 'February 2016 to February 2022, and November 2023 (provisional)', licence: OGL },
  ons_lookups: { publisher: 'Office for National Statistics (ONS)', dataset: 'Open Geography Portal best-fit lookups (neighbourhoods to wards, 2011 to 2021 neighbourhoods)', release: 'wards as of 2024', licence: OGL },
  // Practice-based health and the wider determinants added with the GP practices (SOURCES.md of the data build).
  ohid_gp_profiles: {
    publisher: 'Office for Health Improvement and Disparities (OHID)',
    dataset: 'Fingertips National General Practice Profiles: smoking prevalence in adults aged 15+ recorded in QOF (indicator 91547) and A&E attendances aged 0-4 (indicator 93930)',
    release: 'data for 2021/22 to 2023/24',
    licence: OGL,
  },
  nhse_qof: { publisher: 'NHS England (NHSE)', dataset: 'Quality and Outcomes Framework: disease registers and practice list sizes', release: '2022-23 and 2024-25 editions', licence: OGL },
  census2011_lsoa11: { publisher: 'Office for National Statistics (ONS)', dataset: 'Census 2011 Quick Statistics for neighbourhoods (LSOAs 2011), Census day 27 March 2011', release: 'published 2013', licence: OGL },
  desnz_fuel_poverty: {
    publisher: 'Department for Energy Security and Net Zero (DESNZ)',
    dataset: 'Sub-regional fuel poverty, England, 2023 (2021 data), Low Income Low Energy Efficiency measure',
    release: 'updated 27 April 2023',
    licence: OGL,
  },
  policeuk_street_crime: { publisher: 'Home Office (police.uk)', dataset: 'Street-level crime and anti-social behaviour, Northamptonshire Police, January to April 2024', release: 'published monthly in 2024', licence: OGL },
};

/** "ONS, Census 2021, table TS044, published 2023. Open Government Licence v3.0." */
export function citationText(c: Citation): string {
  return `${c.publisher}, ${c.dataset}, ${c.release}. Licence: ${c.licence}.`;
}
