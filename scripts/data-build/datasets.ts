/** Dataset provenance for the bundle: publisher, repository/file, licence, attribution, transformation. */
import type { BundleDataset } from '../../shared/indicators-meta.ts';

const OGL = 'Open Government Licence v3.0' as const;
const ONS_ATTR = 'Source: Office for National Statistics licensed under the Open Government Licence v.3.0';
const CHERWELL =
  'E01027305 (West Northamptonshire 048E) lies in West Northamptonshire but ONS best-fits it to a Cherwell ward (E05010929): it is in no Northamptonshire ward, but it is kept in the West Northamptonshire council total.';
const WARD_EST = 'Ward values are sums of small-area counts through the ONS best-fit lookups and are flagged estimate: true.';

export const DATASETS: BundleDataset[] = [
  {
    id: 'census2021_lsoa21',
    name: 'Census 2021 topic summaries by LSOA 2021 (TS011, TS021, TS030, TS038, TS044, TS052, TS054)',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/census2021_lsoa21__humaniverse_demographr.csv, from GitHub humaniverse/demographr (HEAD d0417101e5cad5fe1eca059ac60859e9157a29d2) data/*21_lsoa21*.rda; original: ONS Census 2021 bulk topic summary tables from Nomis (census2021-ts0xx.zip)',
    licence: OGL,
    attribution: ONS_ATTR,
    transformation: `Counts (numerators) and table totals (denominators) for the 443 LSOA21 in the two councils, summed to wards (LSOA21 -> ward, ONS best fit) and councils. Combined categories (e.g. overcrowded = -1 plus -2 or less) are sums of the category counts. Council and England values are sums of small-area counts from DERIVED_lad_england_sums_of_small_area_counts.csv (checked equal to our council sums). ${WARD_EST} ${CHERWELL}`,
    period: 'Census day 21 March 2021',
  },
  {
    id: 'census2021_age6_lsoa21',
    name: 'Census 2021 usual residents by age (6 categories) by LSOA 2021',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/census2021_age6_lsoa21__cwthom_hack25usefuldata.csv, from GitHub cwthom/hack25usefuldata (HEAD ac00fc579549da8d5c48a4736b5b4162fcaebb32) data/census21_pop.rda; original: ONS Census 2021 "Create a custom dataset", Age (6 categories) by LSOA',
    licence: OGL,
    attribution: ONS_ATTR,
    transformation: `Band counts summed to wards and councils; the denominator is the sum of the 6 bands (all usual residents), as in the source extract. ${WARD_EST} ${CHERWELL}`,
    period: 'Census day 21 March 2021',
  },
  {
    id: 'census2021_oa21_counts',
    name: 'Census 2021 output-area counts (TS001 residence type, TS004 country of birth, TS008 sex, TS046 central heating)',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/census2021_oa21_counts__ONSvisual_dot-density-data.csv, from GitHub ONSvisual/dot-density-data (commit 450e280fa6e3bc27f240bd4c30dce93b7cf97902) input/data/TS001/TS004/TS008/TS046 *.csv.gz; original: ONS Census 2021 Census-maps OA extracts',
    licence: OGL,
    attribution: ONS_ATTR,
    transformation: `OA21 counts summed to wards through OA21 -> LSOA21 (parent code) -> ward (ONS best fit), and to councils. Council and England values are sums of small-area counts (DERIVED file, checked equal to our sums). ONS cell perturbation means OA sums can differ by a few people from ONS LSOA or LAD totals. ${WARD_EST} ${CHERWELL}`,
    period: 'Census day 21 March 2021',
  },
  {
    id: 'census2021_percent_only',
    name: 'Census 2021 percentages by output area, council and England and Wales (general health, unpaid care, economic activity, qualifications, cars or vans, and council-level topics)',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/census2021_percent_only_oa21_lad__ONSvisual_dot-density-data.csv, from GitHub ONSvisual/dot-density-data (commits ec7fa01f402eddb672e86dc88dea177f709689f3 and a2b7e609dc04b859c339ff7af18590a7e97ec26f) output/data/{oa,lad,ew}; original: ONS Census 2021 Census maps (TS037, TS039, TS066, TS067, TS045 and others)',
    licence: OGL,
    attribution: ONS_ATTR,
    transformation:
      'The source has percentages (1 decimal place) only, with no counts. Ward values are ESTIMATES: each OA percentage is multiplied by an OA base (usual residents from TS008; households from TS046; residents aged 16+ estimated as OA residents x the parent LSOA21 share aged 16+ from the Census age bands), the products and bases are summed to wards, and the ward value is their ratio. Council values are the ONS published council percentages; the comparator is England AND Wales (K04000001), not England, because no England value is in the source. ' +
      CHERWELL,
    period: 'Census day 21 March 2021',
  },
  {
    id: 'iod2019',
    name: 'English Indices of Deprivation 2019 (LSOA 2011): domain numerators, population denominators, ranks and deciles',
    publisher: 'Ministry of Housing, Communities and Local Government',
    source:
      'shared/data/indicators/imd2019_lsoa11_files4_8__humaniverse_IMD.csv (GitHub humaniverse/IMD, File 8 numerators) and imd2019_lsoa11_files2_6__anetobradley_energy_flex.csv (GitHub anetobradley/energy_flex, File 2 ranks/deciles and File 6 population denominators); original: MHCLG English Indices of Deprivation 2019, Files 2, 6 and 8 (26 September 2019)',
    licence: OGL,
    attribution: 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2019.',
    transformation: `Domain rates (the IoD "scores" for Income, Employment, IDACI and IDAOPI) are sums of LSOA11 numerators over sums of the File 6 denominators (mid-2015, excluding prisoners), through LSOA11 -> LSOA21 -> ward (chained ONS best fit). LSOA11s with a blank (suppressed) numerator are left out of both numerator and denominator, as in the council and England sums (DERIVED file). Population in the most deprived 10%/20% uses the File 6 total population as the weight. IoD2019 domain scores are not in any stored source, so no IMD 2019 average score is given. ${WARD_EST} ${CHERWELL}`,
    period: 'IoD2019 (data mostly 2015/16; populations mid-2015)',
  },
  {
    id: 'iod2025',
    name: 'English Indices of Deprivation 2025 (LSOA 2021): scores, deciles and numerators; File 10 local authority summaries',
    publisher: 'Ministry of Housing, Communities and Local Government',
    source:
      'shared/data/indicators/imd2025_lsoa21_lad24__humaniverse_IMD.csv, from GitHub humaniverse/IMD (data/imd2025_england_lsoa21*.rda and imd2025_england_ltla24.rda); original: MHCLG English Indices of Deprivation 2025, Files 7, 8 and 10',
    licence: OGL,
    attribution: 'Contains public sector information licensed under the Open Government Licence v3.0. Source: Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2025.',
    transformation: `The IoD2025 population denominators are not in the source. Ward averages of LSOA scores are therefore weighted by Census 2021 usual residents (TS038 total) of each LSOA21, not by the IoD population: numerator = sum(score x residents), denominator = sum(residents), value = the weighted mean. Council values are the official File 10 averages (population-weighted by MHCLG) where File 10 has them. Income and employment numerators are published as counts only (dividing them by Census residents would be a different measure from the IoD rates). ${WARD_EST} ${CHERWELL}`,
    period: 'IoD2025 (published autumn 2025; see the IoD2025 technical report for data years)',
  },
  {
    id: 'mye2020_lsoa11',
    name: 'ONS mid-2020 population estimates by single year of age, LSOA 2011 (SAPE23DT2)',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/mye2020_sya_lsoa11__humaniverse_demographr.csv, from GitHub humaniverse/demographr data/population20_lsoa11.rda; original: ONS Lower layer Super Output Area population estimates, mid-2020, SAPE23DT2 (16 September 2021)',
    licence: OGL,
    attribution: ONS_ATTR,
    transformation: `Single years of age summed into bands per LSOA11, then summed to wards through LSOA11 -> LSOA21 -> ward (chained ONS best fit). Council and England values are sums of small-area counts (DERIVED file, checked equal to our council sums). Persons only: the extract has no sex split. ${WARD_EST} ${CHERWELL}`,
    period: 'mid-2020 (30 June 2020)',
  },
  {
    id: 'dwp_cilif',
    name: 'DWP Children in Low Income Families: relative low income (MSOA 2011 and local authority)',
    publisher: 'Department for Work and Pensions',
    source:
      'shared/data/indicators/dwp_statxplore_msoa11_lad__MatteoLarrode_ChildrenLowIncomeHouseholdsUK.csv, from GitHub MatteoLarrode/ChildrenLowIncomeHouseholdsUK inst/extdata/children_relative_low_income_{msoa,ltla}_14-22.csv; original: DWP Stat-Xplore, Children in Low Income Families (relative low income, before housing costs)',
    licence: OGL,
    attribution: 'Source: Department for Work and Pensions, Stat-Xplore, licensed under the Open Government Licence v3.0.',
    transformation:
      'Council values are the DWP local-authority values. Ward values are ESTIMATES: each MSOA11 count is apportioned to wards by the ward\'s share of the MSOA\'s ONS mid-2020 population aged 0-15 (LSOA11 populations through the LSOA11 best-fit ward lookup), then summed. MSOAs do not nest in wards. DWP applies statistical disclosure control; ".." (nil or negligible) is blank, never zero. The export records no age filter, so the counts are all dependent children (under 16, or 16-19 in full-time non-advanced education). ' +
      CHERWELL,
    period: 'financial years ending 2015 to 2022 (2021/22 provisional)',
  },
  {
    id: 'dwp_uc_households',
    name: 'DWP Households on Universal Credit (MSOA 2011 and local authority)',
    publisher: 'Department for Work and Pensions',
    source:
      'shared/data/indicators/dwp_statxplore_msoa11_lad__MatteoLarrode_ChildrenLowIncomeHouseholdsUK.csv, from GitHub MatteoLarrode/ChildrenLowIncomeHouseholdsUK inst/extdata/households_on_UC_{msoa,ltla}_15-22.csv; original: DWP Stat-Xplore, Households on Universal Credit',
    licence: OGL,
    attribution: 'Source: Department for Work and Pensions, Stat-Xplore, licensed under the Open Government Licence v3.0.',
    transformation:
      'One snapshot per year is kept (each February 2016-2022, and the latest month, November 2023, provisional). Council values are the DWP local-authority values. Ward values are ESTIMATES: each MSOA11 count is apportioned to wards by the ward\'s share of the MSOA\'s ONS mid-2020 population aged 16-64, then summed; a ward that takes a share of a blank ("..") MSOA is left blank (incomplete). ' +
      CHERWELL,
    period: 'February 2016 to February 2022, and November 2023 (provisional)',
  },
  {
    id: 'ons_lookups',
    name: 'ONS best-fit lookups: LSOA 2021 -> ward 2024, LSOA 2011 -> LSOA 2021, OA 2021 -> LSOA 2021, LSOA 2011 -> MSOA 2011',
    publisher: 'Office for National Statistics',
    source:
      'shared/data/indicators/lookup_*.csv, from GitHub humaniverse/geographr (lookup_lsoa21_ward24_ltla24, lookup_lsoa11_lsoa21_ltla22, lookup_lsoa11_msoa11) and ONSvisual/dot-density-data (OA parent codes); original: ONS Open Geography Portal (LSOA21_WD24_LAD24_EW_LU and others)',
    licence: OGL,
    attribution: `${ONS_ATTR}. Contains OS data © Crown copyright and database right.`,
    transformation: `Northamptonshire rows only, copied to assets/lookups/ with simple headers. The LSOA11 -> ward lookup is chained from two ONS lookups (every LSOA11 in the two councils falls in exactly one ward). The MSOA11 -> ward file adds LSOA11 counts and mid-2020 populations for apportioning. lsoa21_population.csv gives each LSOA21's Census 2021 usual residents (sum of the six age bands), to weight LSOA centroids into ward centres. ${CHERWELL}`,
    period: 'wards 2024 (same codes 2021-2025); LSOA/OA 2021 and 2011',
  },
];
