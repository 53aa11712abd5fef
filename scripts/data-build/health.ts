/**
 * Issue 15: health content for the bundle.
 *
 *  - Practice-based indicators: every practice-level file in indicators/ (gp_practice_*.csv, area codes = ODS practice
 *    codes) goes through one path. The practice rows go to assets/dataset/practices.json (the app sums a LAP's
 *    practices' numerators and denominators at run time); the bundle gets the indicator (wardLevel: false) with its
 *    council and England benchmarks: the publisher's council value where the file has one, otherwise the sum over
 *    the practices located in the council (the note says which), and England as published (QOF: the DERIVED sums of
 *    every English practice, which is how NHS England computes national recorded prevalence).
 *  - Fuel poverty (DESNZ, LSOA 2021) and police.uk street crime (LSOA 2021, January-April 2024) summed to wards.
 *  - The built-in places (ODS GP practices and pharmacies) and the ONS LSOA 2021 population-weighted centroids, as
 *    compact files the app seeds on first start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AmbitionId } from '../../shared/ambitions.ts';
import type { BundleDataset, BundleIndicator, Polarity } from '../../shared/indicators-meta.ts';
import { toCsv, parseCsvObjects } from './csv.ts';
import { componentCounts, ladCellsFromOwnSums, makeCell, round, wardCells, type OutCell, type OutSeries, type ValueRule } from './engine.ts';
import { ENGLAND, LADS, LAD_NAMES, NORTH, WEST } from './geo.ts';
import type { Ctx, IndicatorSpec } from './specs.ts';
import { readTidy, TidyFile, type TidyRow } from './sources.ts';

export const PRACTICES_PATH = 'assets/dataset/practices.json';
export const PLACES_PATH = 'assets/places/builtin_places.csv';
export const CENTROIDS_PATH = 'assets/lookups/lsoa21_centroids.csv';
export const PRACTICES_FORMAT = 'lap-insight-practices/1';

const OGL = 'Open Government Licence v3.0' as const;
export const ODS_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal Mail copyright and database right 2025. Contains public sector information licensed under the Open Government Licence v3.0 (NHS England, Organisation Data Service).';

export const HEALTH_DATASETS: BundleDataset[] = [
  {
    id: 'nhse_qof',
    name: 'Quality and Outcomes Framework: disease registers and practice list sizes (PREVALENCE file), 2022-23 and 2024-25',
    publisher: 'NHS England',
    source:
      'shared/data/indicators/gp_practice_qof_registers_2022-23_2024-25__nhse_qof.csv and DERIVED_qof_registers_england_sums_2022-23_2024-25.csv; original: NHS England, Quality and Outcomes Framework 2022-23 and 2024-25, raw data PREVALENCE_2223.csv and PREVALENCE_2425.csv',
    licence: OGL,
    attribution: 'Source: NHS England, Quality and Outcomes Framework 2022-23 and 2024-25. Contains public sector information licensed under the Open Government Licence v3.0.',
    transformation:
      'Recorded prevalence = 100 x register / practice list size of the list type the register uses (all ages, 6+, 16+, 17+, 18+ or 50+), as NHS England computes it. A LAP value sums the registers and list sizes of the practices of the LAP (located in its wards, plus practices attached by hand, minus practices detached by hand) and computes once, with a Wilson score interval. Council values: the sum over the practices whose postcode lies in the council (no council value is published in the file). England: the sum over every practice in England (DERIVED file). Recorded prevalence counts patients on a register, not the true prevalence of the condition.',
    period: 'QOF 2022-23 and 2024-25 (registers at 31 March)',
  },
  {
    id: 'ohid_gp_profiles',
    name: 'OHID Fingertips National General Practice Profiles: smoking prevalence 15+ (QOF, 91547) and A&E attendances aged 0-4 (93930)',
    publisher: 'Office for Health Improvement and Disparities',
    source:
      'shared/data/indicators/gp_practice_smoking_qof_91547__fingertips_heec.csv and gp_practice_ae_under5_93930__fingertips_heec.csv (Fingertips exports); original: OHID Fingertips, National General Practice Profiles, indicators 91547 and 93930',
    licence: OGL,
    attribution: 'Source: Office for Health Improvement and Disparities, Fingertips (National General Practice Profiles), from NHS England QOF and the Emergency Care Data Set. Contains public sector information licensed under the Open Government Licence v3.0.',
    transformation:
      'Practice counts and denominators as published. A LAP value sums its practices\' numerators and denominators and computes once (Wilson for smoking prevalence, Byar for the A&E rate per 1,000). Council values are the published unitary-authority values where Fingertips gives them, otherwise the sum over the practices whose postcode lies in the council (the note says which). England as published.',
    period: 'smoking 2022/23 and 2023/24; A&E attendances 2021/22',
  },
  {
    id: 'desnz_fuel_poverty',
    name: 'Sub-regional fuel poverty, England, 2023 (2021 data), Low Income Low Energy Efficiency metric, LSOA 2021',
    publisher: 'Department for Energy Security and Net Zero',
    source:
      'shared/data/indicators/fuel_poverty_lsoa21_2021__desnz_blackwellrd.csv; original: DESNZ, sub-regional-fuel-poverty-tables-2023-2021-data.xlsx (Tables 2 and 3), updated 27 April 2023',
    licence: OGL,
    attribution: 'Source: Department for Energy Security and Net Zero, Sub-regional fuel poverty 2023 (2021 data). Contains public sector information licensed under the Open Government Licence v3.0.',
    transformation:
      'Households in fuel poverty and households per LSOA 2021, summed to wards (ONS best fit) and LAPs, value computed once. Council and England values as published (our council sums of the LSOAs are checked against them). These are MODELLED estimates: DESNZ warns against comparing single small areas, so no significance test is made and no interval is shown.',
    period: '2021',
  },
  {
    id: 'policeuk_street_crime',
    name: 'police.uk street-level crime and anti-social behaviour, Northamptonshire Police, January to April 2024',
    publisher: 'Home Office (police.uk)',
    source:
      'shared/data/indicators/police_street_crime_lsoa21_2024jan_apr__policeuk_leonard-theodorus.csv; original: police.uk data downloads, 2024-01 to 2024-04 northamptonshire-street.csv',
    licence: OGL,
    attribution: 'Source: police.uk (Home Office), street-level crime data. Contains public sector information licensed under the Open Government Licence v3.0.',
    transformation:
      'Records per LSOA 2021 over the four months January-April 2024 summed to wards (ONS best fit) and councils; rate = records / Census 2021 usual residents x 1,000 over the four months (not annualised), with a Byar interval. Locations are anonymised to snap points; counts are records, not victims. No England value: the file holds one force.',
    period: 'January to April 2024',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Places and practices

export interface PracticeInfo {
  code: string;
  name: string;
  pcnCode: string | null;
  pcnName: string | null;
  postcode: string;
  lon: number;
  lat: number;
  /** Council holding the practice's postcode (OS Code-Point Open admin district). */
  lad: string;
}

function readPlacesCsv(dataDir: string, file: string): Record<string, string>[] {
  return parseCsvObjects(readFileSync(path.join(dataDir, 'places', file), 'utf8'));
}

const titleCase = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b([a-z])/g, (m) => m.toUpperCase())
    .replace(/\bPcn\b/g, 'PCN')
    .replace(/'S\b/g, "'s")
    // Abbreviations (LLP, MMWF, CTR): words of three or more letters without a vowel stay in capitals.
    .replace(/\b[A-Z][a-z]{2,}\b/g, (w) => (/[aeiouy]/i.test(w) ? w : w.toUpperCase()));

export function loadPractices(dataDir: string): PracticeInfo[] {
  const rows = readPlacesCsv(dataDir, 'gp_practices_northants_epraccur.csv');
  const out = rows.map((r): PracticeInfo => {
    const lad = r.cpo_admin_district!;
    if (lad !== WEST && lad !== NORTH) throw new Error(`practice ${r['Organisation Code']} lies outside the two councils (${lad})`);
    return {
      code: r['Organisation Code']!,
      name: titleCase(r.Name!),
      pcnCode: r.pcn_code || null,
      pcnName: r.pcn_name ? titleCase(r.pcn_name) : null,
      postcode: r.Postcode!,
      lon: Number(r.pc_longitude),
      lat: Number(r.pc_latitude),
      lad,
    };
  });
  out.sort((a, b) => a.code.localeCompare(b.code));
  if (out.length !== 67) throw new Error(`expected 67 GP practices, found ${out.length}`);
  return out;
}

/** The built-in places list: the ODS practices and pharmacies (appliance contractors counted as pharmacies). */
function builtinPlaces(dataDir: string): string {
  const rows = readPlacesCsv(dataDir, 'places_northants.csv');
  const out = rows.map((r) => {
    const cat = r.category === 'gp' ? 'gp' : r.category === 'pharmacy' || r.category === 'dispensing_appliance_contractor' ? 'pharmacy' : null;
    if (!cat) throw new Error(`places_northants.csv: unknown category ${r.category}`);
    return [r.source_id!, titleCase(r.name!), cat, r.category === 'dispensing_appliance_contractor' ? 'dispensing appliance contractor' : '', r.address!, r.postcode!, r.longitude!, r.latitude!] as const;
  });
  out.sort((a, b) => a[2].localeCompare(b[2]) || a[0].localeCompare(b[0]));
  const gp = out.filter((r) => r[2] === 'gp').length;
  if (gp !== 67 || out.length !== 195) throw new Error(`built-in places: ${gp} practices of ${out.length} places (expected 67 of 195)`);
  return toCsv(['ref', 'name', 'category', 'sub_type', 'address', 'postcode', 'longitude', 'latitude'], out);
}

function centroids(dataDir: string): string {
  const rows = parseCsvObjects(readFileSync(path.join(dataDir, 'geodata', 'lsoa21_population_weighted_centroids_northants.csv'), 'utf8'));
  const out = rows.map((r) => [r.LSOA21CD!, r.shape_x_bng!, r.shape_y_bng!, r.longitude_wgs84!, r.latitude_wgs84!] as const).sort((a, b) => a[0].localeCompare(b[0]));
  if (out.length !== 443) throw new Error(`expected 443 LSOA centroids, found ${out.length}`);
  return toCsv(['lsoa21_code', 'easting', 'northing', 'longitude', 'latitude'], out);
}

// ---------------------------------------------------------------------------------------------------------------
// Practice-level indicators

interface PracticeIndicatorDef {
  meta: BundleIndicator;
  /** Source rows (practice, council, England) of this indicator, all periods. */
  rows: TidyRow[];
  /** England rows from elsewhere (the QOF DERIVED sums). */
  england: TidyRow[];
}

const QOF_AMBITION: Record<string, AmbitionId> = {
  DEP: 'fresh-start',
  MH: 'fresh-start',
  LD: 'valued',
  DEM: 'connected',
  PC: 'health-care',
};

const LIST_TYPE: Record<string, string> = {
  TOTAL: 'all ages',
  '06OV': 'aged 6 and over',
  '16OV': 'aged 16 and over',
  '17OV': 'aged 17 and over',
  '18OV': 'aged 18 and over',
  '50OV': 'aged 50 and over',
};

/** A health indicator's bundle entry: open data, so never missing-is-zero nor disclosure controlled. */
function hmeta(m: Omit<BundleIndicator, 'catalogueId' | 'missingIsZero' | 'disclosureControlled'>): BundleIndicator {
  // The bundle's key order (it is committed, byte for byte): the flags go before datasetId.
  const { datasetId, methodNote, wardLevel, ...head } = m;
  return { ...head, missingIsZero: false, disclosureControlled: false, datasetId, methodNote, wardLevel };
}

const PRACTICE_NOTE =
  'Practice-based: the value is for patients registered at the LAP\'s practices (located in its wards, plus practices attached by hand, minus practices detached by hand), not its residents. It sums the practices\' numerators and denominators and computes once. There are no ward values: the breakdown is by practice.';

/** The practice-level files: every indicators/gp_practice_*.csv except the closed-or-merged reconciliation file. */
export function practiceFiles(dataDir: string): string[] {
  return readdirSync(path.join(dataDir, 'indicators'))
    .filter((f) => /^gp_practice_.*\.csv$/.test(f) && !/closed_or_merged/.test(f))
    .sort();
}

function practiceIndicatorDefs(dataDir: string): PracticeIndicatorDef[] {
  const defs: PracticeIndicatorDef[] = [];
  const qofEngland = readTidy(dataDir, 'DERIVED_qof_registers_england_sums_2022-23_2024-25.csv');
  for (const file of practiceFiles(dataDir)) {
    const t = readPracticeFile(dataDir, file);
    for (const id of t.indicatorIds()) defs.push(defOf(file, t, id, qofEngland));
  }
  return defs;
}

/**
 * A practice-level file read like readTidy, except that rows repeating an area and period with the same numbers
 * (Fingertips gives England 2015/16 twice, once per age label) are kept once; differing repeats are refused.
 */
function readPracticeFile(dataDir: string, file: string): TidyFile {
  const seen = new Map<string, TidyRow>();
  const rows: TidyRow[] = [];
  const num = (x: string | undefined) => (x === undefined || x.trim() === '' ? null : Number(x));
  for (const o of parseCsvObjects(readFileSync(path.join(dataDir, 'indicators', file), 'utf8'))) {
    const r: TidyRow = {
      areaCode: o.area_code!,
      areaName: o.area_name!,
      areaType: o.area_type!,
      // Fingertips leaves the id blank in some years' rows (2023/24 smoking): the file name carries it (…_91547__…).
      indicatorId: o.indicator_id || idFromFileName(file),
      period: o.period!,
      value: num(o.value),
      numerator: num(o.numerator),
      denominator: num(o.denominator),
      unit: o.unit ?? '',
      nAreas: null,
    };
    const key = `${r.indicatorId}|${r.areaCode}|${r.period}`;
    const had = seen.get(key);
    if (had) {
      if (had.numerator !== r.numerator || had.denominator !== r.denominator) throw new Error(`${file}: ${key} twice with different numbers`);
      continue;
    }
    seen.set(key, r);
    rows.push(r);
  }
  return new TidyFile(file, rows);
}

function idFromFileName(file: string): string {
  const m = /_(\d+)__/.exec(file);
  if (!m) throw new Error(`${file}: a row has no indicator_id and the file name gives none`);
  return m[1]!;
}

function defOf(file: string, t: TidyFile, id: string, qofEngland: TidyFile): PracticeIndicatorDef {
  const rows = t.indicator(id);
  const first = rows.find((r) => r.areaType === 'GP practice' || r.areaType === 'GP') ?? rows[0]!;
  const qof = /^QOF_REG_(.+)$/.exec(id);
  if (qof) {
    const group = qof[1]!;
    const fullName = nameOf(file, id);
    const m = /^QOF disease register: (.+) \(([A-Z]+)\); denominator = practice list size (.+) \(([0-9A-Z]+)\)$/.exec(fullName);
    if (!m) throw new Error(`${file}: cannot read the QOF register name of ${id}: ${fullName}`);
    const condition = m[1]!;
    const listType = m[4]!;
    const who = LIST_TYPE[listType];
    if (!who) throw new Error(`${file}: unknown list type ${listType}`);
    return {
      meta: hmeta({
        id: `qof_prev_${group.toLowerCase()}`,
        name: `${condition}: QOF recorded prevalence (% of registered patients ${who})`,
        shortName: `${condition.replace(/^Secondary prevention of /i, '').replace(/^(.)/, (c) => c.toUpperCase())} (QOF)`,
        ambition: QOF_AMBITION[group] ?? 'fit-well',
        topic: 'Recorded prevalence (QOF)',
        definition: `Patients on the QOF ${condition.toLowerCase()} register as a percentage of registered patients ${who} (${listType} list), at the end of the QOF year. Recorded prevalence (patients diagnosed and recorded), not true prevalence: a higher figure can mean better case finding.`,
        valueType: 'proportion',
        multiplier: 100,
        unit: '%',
        polarity: 'no-judgement',
        datasetId: 'nhse_qof',
        methodNote: `${PRACTICE_NOTE} Wilson score interval. The same list type (${listType}) is used in both editions, so the two years are comparable.`,
        wardLevel: false,
      }),
      rows,
      england: qofEngland.indicator(id),
    };
  }
  if (id === '91547') {
    return {
      meta: hmeta({
        id: 'gp_smoking_qof',
        name: 'Smoking prevalence in adults (15+): current smokers recorded by GP practices (QOF)',
        shortName: 'Smoking, GP records (15+)',
        ambition: 'fit-well',
        topic: 'Behaviour (GP records)',
        definition: 'Registered patients aged 15 and over recorded as current smokers, as a percentage of registered patients aged 15 and over (Fingertips 91547, from QOF).',
        valueType: 'proportion',
        multiplier: 100,
        unit: '%',
        polarity: 'low-is-good',
        datasetId: 'ohid_gp_profiles',
        methodNote: `${PRACTICE_NOTE} Wilson score interval.`,
        wardLevel: false,
      }),
      rows,
      england: [],
    };
  }
  if (id === '93930') {
    return {
      meta: hmeta({
        id: 'gp_ae_under5',
        name: 'A&E attendances of children aged 0-4 per 1,000 registered patients aged 0-4',
        shortName: 'A&E attendances, under 5s',
        ambition: 'best-start',
        topic: 'Use of urgent care',
        definition: 'A&E attendances by children aged 0-4 in the year, per 1,000 registered patients aged 0-4 (Fingertips 93930, Emergency Care Data Set and GP registrations). A crude rate.',
        valueType: 'crude-rate',
        multiplier: 1000,
        unit: 'per 1,000',
        polarity: 'low-is-good',
        datasetId: 'ohid_gp_profiles',
        methodNote: `${PRACTICE_NOTE} Byar interval. Primary Care Network rows of the source are not used (a PCN cannot be split into practices).`,
        wardLevel: false,
      }),
      rows,
      england: [],
    };
  }
  // Any further practice-level file: a generic indicator from its name and unit.
  const perK = /per 1,?000/i.test(first.unit);
  return {
    meta: hmeta({
      id: `gp_${id.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
      name: nameOf(file, id),
      shortName: nameOf(file, id).slice(0, 40),
      ambition: 'health-care',
      topic: 'GP practice indicator',
      definition: `${nameOf(file, id)} (${first.unit}).`,
      valueType: perK ? 'crude-rate' : 'proportion',
      multiplier: perK ? 1000 : 100,
      unit: perK ? 'per 1,000' : '%',
      polarity: 'no-judgement',
      datasetId: 'ohid_gp_profiles',
      methodNote: PRACTICE_NOTE,
      wardLevel: false,
    }),
    rows,
    england: [],
  };
}

const NAMES = new Map<string, string>();
function nameOf(file: string, id: string): string {
  return NAMES.get(`${file}|${id}`) ?? id;
}

function rememberNames(dataDir: string): void {
  for (const file of practiceFiles(dataDir)) {
    for (const r of parseCsvObjects(readFileSync(path.join(dataDir, 'indicators', file), 'utf8'))) {
      const key = `${file}|${r.indicator_id || idFromFileName(file)}`;
      if (!NAMES.has(key)) NAMES.set(key, r.indicator_name!.replace(/ \[Persons, [^\]]*\]$/, ''));
    }
  }
}

/** Period labels: 2022/23 -> 2022/23 (Fingertips), 2022-23 (QOF editions) kept as published. */
const isPractice = (r: TidyRow) => r.areaType === 'GP practice' || r.areaType === 'GP';
const isCouncil = (r: TidyRow) => (r.areaType === 'UA' || r.areaType === 'lad' || r.areaType === 'Unitary authority') && (r.areaCode === WEST || r.areaCode === NORTH);
const isEngland = (r: TidyRow) => r.areaCode === ENGLAND;

export type PracticeRow = [indicatorId: string, practiceCode: string, period: string, numerator: number | null, denominator: number | null, value: number | null];

export interface PracticeBuild {
  specs: IndicatorSpec[];
  rows: PracticeRow[];
  practices: PracticeInfo[];
  listSizes: [code: string, period: string, listSize: number][];
}

export function buildPracticeIndicators(ctx: Ctx): PracticeBuild {
  const dataDir = ctx.s.dataDir;
  rememberNames(dataDir);
  const practices = loadPractices(dataDir);
  const byCode = new Map(practices.map((p) => [p.code, p]));
  const defs = practiceIndicatorDefs(dataDir);
  const out: PracticeRow[] = [];
  const specs: IndicatorSpec[] = [];
  const listSizes = new Map<string, number>();
  for (const d of defs) {
    const m = d.meta;
    const r: ValueRule = { valueType: m.valueType, multiplier: m.multiplier };
    const periods = [...new Set(d.rows.filter(isPractice).map((x) => x.period))].sort();
    const seriesList: OutSeries[] = [];
    for (const period of periods) {
      const prac = d.rows.filter((x) => isPractice(x) && x.period === period && byCode.has(x.areaCode));
      for (const x of prac) {
        const value = x.numerator !== null && x.denominator !== null && x.denominator > 0 ? round((x.numerator / x.denominator) * m.multiplier, 4) : null;
        out.push([m.id, x.areaCode, period, x.numerator, x.denominator, value]);
        if (m.id === 'qof_prev_hyp' && x.denominator !== null) listSizes.set(`${x.areaCode}|${period}`, x.denominator);
      }
      const cells: OutCell[] = [];
      for (const lad of LADS) {
        const published = d.rows.find((x) => isCouncil(x) && x.areaCode === lad && x.period === period);
        if (published && published.numerator !== null && published.denominator !== null) {
          cells.push(makeCell(lad, 'lad', r, published.numerator, published.denominator, false, `${LAD_NAMES[lad]} value as published by the source (unitary authority)`));
        } else {
          const mine = prac.filter((x) => byCode.get(x.areaCode)!.lad === lad && x.numerator !== null && x.denominator !== null);
          const n = mine.reduce((s, x) => s + x.numerator!, 0);
          const den = mine.reduce((s, x) => s + x.denominator!, 0);
          cells.push(makeCell(lad, 'lad', r, n, den, false, `no council value published: the sum over the ${mine.length} practices whose postcode lies in ${LAD_NAMES[lad]}`));
        }
      }
      const eng = [...d.england, ...d.rows].find((x) => isEngland(x) && x.period === period && x.numerator !== null);
      if (eng) {
        const how = d.england.includes(eng) ? 'sum of the registers and list sizes of every practice in England (as NHS England computes the national recorded prevalence)' : 'England value as published';
        cells.push(makeCell(ENGLAND, 'england', r, eng.numerator, eng.denominator, false, how));
      }
      seriesList.push({ period, cells });
    }
    ctx.checks.push(`${m.id}: ${periods.join(', ')}; ${out.filter((x) => x[0] === m.id).length} practice rows`);
    specs.push({ meta: m, build: () => seriesList });
  }
  const sizes = [...listSizes.entries()].map(([k, n]) => {
    const [code, period] = k.split('|') as [string, string];
    return [code, period, n] as [string, string, number];
  });
  sizes.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  out.sort((a, b) => a[0].localeCompare(b[0]) || a[2].localeCompare(b[2]) || a[1].localeCompare(b[1]));
  return { specs, rows: out, practices, listSizes: sizes };
}

export function serialisePractices(b: PracticeBuild): string {
  const j = JSON.stringify;
  const lines = [
    '{',
    `"format":${j(PRACTICES_FORMAT)},`,
    `"attribution":${j(ODS_ATTRIBUTION)},`,
    `"source":${j('NHS England Organisation Data Service epraccur (early-February-2026 extract) with ePCN (January 2025 release); postcode coordinates from the ONS National Statistics Postcode Lookup (May 2025) and the council from OS Code-Point Open 2025.4.0')},`,
    `"practiceColumns":${j(['code', 'name', 'pcnCode', 'pcnName', 'postcode', 'lon', 'lat', 'lad'])},`,
    `"practices":[\n${b.practices.map((p) => j([p.code, p.name, p.pcnCode, p.pcnName, p.postcode, p.lon, p.lat, p.lad])).join(',\n')}\n],`,
    `"listSizeColumns":${j(['code', 'period', 'listSize'])},`,
    `"listSizes":[\n${b.listSizes.map((x) => j(x)).join(',\n')}\n],`,
    `"rowColumns":${j(['indicatorId', 'practiceCode', 'period', 'numerator', 'denominator', 'value'])},`,
    `"rows":[\n${b.rows.map((x) => j(x)).join(',\n')}\n]`,
    '}',
  ];
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// Fuel poverty and crime (ward-level)

const CRIME_TYPES: { id: string; key: string; name: string; short: string; ambition: AmbitionId }[] = [
  { id: 'crime_all', key: 'POLICEUK_STREET_ALL_CRIME_TYPES', name: 'All crime and anti-social behaviour', short: 'All crime and ASB', ambition: 'safe' },
  { id: 'crime_violence_sexual', key: 'POLICEUK_STREET_VIOLENCE_AND_SEXUAL_OFFENCES', name: 'Violence and sexual offences', short: 'Violence and sexual offences', ambition: 'safe' },
  { id: 'crime_asb', key: 'POLICEUK_STREET_ANTI_SOCIAL_BEHAVIOUR', name: 'Anti-social behaviour', short: 'Anti-social behaviour', ambition: 'safe' },
  { id: 'crime_burglary', key: 'POLICEUK_STREET_BURGLARY', name: 'Burglary', short: 'Burglary', ambition: 'safe' },
  { id: 'crime_damage_arson', key: 'POLICEUK_STREET_CRIMINAL_DAMAGE_AND_ARSON', name: 'Criminal damage and arson', short: 'Criminal damage and arson', ambition: 'safe' },
  { id: 'crime_drugs', key: 'POLICEUK_STREET_DRUGS', name: 'Drug offences', short: 'Drug offences', ambition: 'fresh-start' },
];

export const CRIME_PERIOD = 'January to April 2024';
export const FUEL_POVERTY_FILE = 'fuel_poverty_lsoa21_2021__desnz_blackwellrd.csv';
export const CRIME_FILE = 'police_street_crime_lsoa21_2024jan_apr__policeuk_leonard-theodorus.csv';

export function wardHealthSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];
  const PROP: ValueRule = { valueType: 'proportion', multiplier: 100 };
  specs.push({
    meta: hmeta({
      id: 'fuel_poverty',
      name: 'Households in fuel poverty (Low Income Low Energy Efficiency), modelled estimate',
      shortName: 'Fuel poverty',
      ambition: 'housing',
      topic: 'Housing and energy',
      definition:
        'Households in fuel poverty as a percentage of all households (DESNZ Low Income Low Energy Efficiency metric: a household with a home of energy efficiency band D or below whose income after housing and energy costs is below the poverty line). Modelled estimates.',
      valueType: 'proportion',
      multiplier: 100,
      unit: '%',
      polarity: 'low-is-good',
      datasetId: 'desnz_fuel_poverty',
      methodNote:
        'Households fuel poor and households per LSOA 2021 summed over the area\'s LSOAs (ONS best fit to wards), value computed once. A modelled estimate: DESNZ warns that small-area figures are unstable and should not be compared closely, so no confidence interval is shown and no significance test is made (the comparison reads "not compared").',
      wardLevel: true,
    }),
    build: (ctx) => {
      const t = readTidy(ctx.s.dataDir, FUEL_POVERTY_FILE);
      const rows = t.indicator('DESNZ_SRFP_2023');
      const small = rows.filter((r) => r.areaType === 'LSOA 2021').map((r) => ({ code: r.areaCode, numerator: r.numerator, denominator: r.denominator }));
      const wards = wardCells(ctx.geo, small, { geography: 'lsoa21', rule: PROP, method: 'modelled LSOA estimates (DESNZ)' });
      const own = ladCellsFromOwnSums(ctx.geo, small, { geography: 'lsoa21', rule: PROP }, 'DESNZ LSOA estimates');
      const bench: OutCell[] = [];
      for (const lad of LADS) {
        const pub = rows.find((r) => r.areaCode === lad)!;
        const mine = own.find((c) => c.areaCode === lad)!;
        if (mine.numerator !== pub.numerator || mine.denominator !== pub.denominator) {
          ctx.checks.push(`fuel poverty ${lad}: LSOA sum ${mine.numerator}/${mine.denominator} vs published ${pub.numerator}/${pub.denominator}`);
        } else ctx.checks.push(`fuel poverty ${lad}: LSOA sum equals the published council value (${pub.numerator}/${pub.denominator})`);
        bench.push(makeCell(lad, 'lad', PROP, pub.numerator, pub.denominator, false, 'council value as published by DESNZ (Table 2)'));
      }
      const eng = rows.find((r) => r.areaCode === ENGLAND)!;
      bench.push(makeCell(ENGLAND, 'england', PROP, eng.numerator, eng.denominator, false, 'England value as published by DESNZ (Table 2)'));
      return [{ period: '2021', cells: [...bench, ...wards] }];
    },
  });
  for (const c of CRIME_TYPES) {
    const rate: ValueRule = { valueType: 'crude-rate', multiplier: 1000 };
    specs.push({
      meta: hmeta({
        id: c.id,
        name: `${c.name}: police records per 1,000 residents, January to April 2024 (four months, not annualised)`,
        shortName: `${c.short} (Jan-Apr 2024)`,
        ambition: c.ambition,
        topic: 'Crime and safety',
        definition: `Street-level police.uk records of ${c.name.toLowerCase()} located in the area over the four months January to April 2024, per 1,000 usual residents (Census 2021). Four months only: not an annual rate. Records, not victims; locations are anonymised to nearby points.`,
        valueType: 'crude-rate',
        multiplier: 1000,
        unit: 'per 1,000 (4 months)',
        polarity: 'low-is-good',
        datasetId: 'policeuk_street_crime',
        methodNote:
          'Records per LSOA 2021 summed over the area\'s LSOAs (ONS best fit to wards), divided by Census 2021 usual residents of the same LSOAs, x 1,000; Byar interval. Residents are a rough base for street crime (town centres draw visitors), so compare like with like. No England value: the file holds Northamptonshire Police only.',
        wardLevel: true,
      }),
      build: (ctx) => {
        const t = readTidy(ctx.s.dataDir, CRIME_FILE);
        const residents = new Map(ctx.s.census.indicator('c21_ts038_disability_total').map((r) => [r.areaCode, r.numerator ?? r.value] as const));
        const small = t.indicator(c.key).map((r) => {
          const den = residents.get(r.areaCode);
          if (den === undefined || den === null) throw new Error(`${CRIME_FILE}: no Census 2021 residents for ${r.areaCode}`);
          return { code: r.areaCode, numerator: r.numerator ?? r.value, denominator: den };
        });
        const wards = wardCells(ctx.geo, small, { geography: 'lsoa21', rule: rate, method: 'police.uk records / Census 2021 residents' });
        const lad = ladCellsFromOwnSums(ctx.geo, small, { geography: 'lsoa21', rule: rate }, 'police.uk records / Census 2021 residents');
        return [{ period: CRIME_PERIOD, cells: [...lad, ...wards] }];
      },
    });
  }
  return specs;
}

export function healthFiles(ctx: Ctx, practices: PracticeBuild): Map<string, string> {
  const files = new Map<string, string>();
  files.set(PRACTICES_PATH, serialisePractices(practices));
  files.set(PLACES_PATH, builtinPlaces(ctx.s.dataDir));
  files.set(CENTROIDS_PATH, centroids(ctx.s.dataDir));
  return files;
}

// ---------------------------------------------------------------------------------------------------------------
// Census 2011 -> 2021 (issue 15, item 7)

export const CENSUS2011_FILE = 'census2011_qs_lsoa11_northants__nomis_census-atlas.csv';

export const CENSUS2011_DATASET: BundleDataset = {
  id: 'census2011_lsoa11',
  name: 'Census 2011 Quick Statistics by LSOA 2011 (QS301EW, QS302EW, QS303EW, QS405EW, QS412EW, QS416EW, QS501EW, QS601EW)',
  publisher: 'Office for National Statistics',
  source:
    'shared/data/indicators/census2011_qs_lsoa11_northants__nomis_census-atlas.csv; original: ONS 2011 Census Quick Statistics (Nomis), LSOA 2011, Census day 27 March 2011',
  licence: OGL,
  attribution: 'Source: Office for National Statistics, 2011 Census (Nomis). Contains public sector information licensed under the Open Government Licence v3.0.',
  transformation:
    'Cell counts and table totals per LSOA 2011, summed to 2024 wards through the LSOA 2011 -> LSOA 2021 -> ward chained ONS best fit (lookup_lsoa11_to_ward2024_northants_DERIVED.csv) and to councils; value computed once. Where the 2011 and 2021 definitions are the same, the 2011 figure is the earlier period of the 2021 indicator (its trend); where they differ, it is a separate 2011 indicator that is never joined to the 2021 one. No England totals are in the source.',
  period: 'Census day 27 March 2011',
};

/** 2021 indicators whose concept and base are the same in 2011: the 2011 cells summed give the 2011 period. */
const SAME_IN_2011: Record<string, { cells: string[]; what: string }> = {
  census21_health_bad: { cells: ['QS302EW_004', 'QS302EW_005'], what: 'QS302EW bad + very bad health / all usual residents' },
  census21_health_good: { cells: ['QS302EW_001', 'QS302EW_002'], what: 'QS302EW very good + good health / all usual residents' },
  census21_tenure_owned: { cells: ['QS405EW_001'], what: 'QS405EW owned (outright or with a mortgage or loan; shared ownership apart) / all households' },
  census21_tenure_social_rented: { cells: ['QS405EW_005'], what: 'QS405EW social rented / all households' },
  census21_no_car: { cells: ['QS416EW_001'], what: 'QS416EW no cars or vans / all households' },
  census21_no_qualifications: { cells: ['QS501EW_001'], what: 'QS501EW no qualifications / usual residents aged 16 and over' },
};

function census2011Series(ctx: Ctx, cells: string[], rule: ValueRule, what: string): OutSeries {
  const t = readTidy(ctx.s.dataDir, CENSUS2011_FILE);
  const small = componentCounts(t, cells.map((c) => `C2011_${c}`), { kind: 'row' });
  const wards = wardCells(ctx.geo, small, { geography: 'lsoa11', rule, method: `Census 2011 ${what}` });
  const lad = ladCellsFromOwnSums(ctx.geo, small, { geography: 'lsoa11', rule }, `Census 2011 ${what}`);
  return { period: '2011', cells: [...lad, ...wards] };
}

/** Adds the 2011 period to the 2021 indicators whose definition is the same in both censuses. */
export function withCensus2011(specs: IndicatorSpec[]): IndicatorSpec[] {
  return specs.map((spec) => {
    const same = SAME_IN_2011[spec.meta.id];
    if (!same) return spec;
    const meta: BundleIndicator = {
      ...spec.meta,
      methodNote: `${spec.meta.methodNote} Census 2011 (the earlier period of the trend, same definition): ${same.what}, LSOA 2011 summed to wards through the chained ONS best fit; the 2011 values come from ONS 2011 Census Quick Statistics (Nomis), OGL v3.0.`,
    };
    return {
      meta,
      build: (ctx: Ctx) => [census2011Series(ctx, same.cells, { valueType: meta.valueType, multiplier: meta.multiplier }, same.what), ...spec.build(ctx)],
    };
  });
}

/** 2011 concepts whose 2021 definition differs: their own indicators, never joined to the 2021 ones. */
export function census2011OnlySpecs(): IndicatorSpec[] {
  const PROP: ValueRule = { valueType: 'proportion', multiplier: 100 };
  const mk = (id: string, name: string, shortName: string, ambition: AmbitionId, polarity: Polarity, cells: string[], what: string, definition: string): IndicatorSpec => ({
    meta: hmeta({
      id,
      name,
      shortName,
      ambition,
      topic: 'Census 2011 (earlier definition)',
      definition,
      valueType: 'proportion',
      multiplier: 100,
      unit: '%',
      polarity,
      datasetId: 'census2011_lsoa11',
      methodNote: `Census 2011 ${what}, LSOA 2011 summed to wards through the chained ONS best fit. The 2021 question or base differs, so this is a separate indicator, not the earlier point of the 2021 one.`,
      wardLevel: true,
    }),
    build: (ctx) => [census2011Series(ctx, cells, PROP, what)],
  });
  return [
    mk(
      'census11_unpaid_care',
      'Usual residents providing unpaid care, Census 2011 (all ages base: not comparable with 2021)',
      'Unpaid carers (2011)',
      'connected',
      'no-judgement',
      ['QS301EW_002', 'QS301EW_003', 'QS301EW_004'],
      'QS301EW provides 1 or more hours of unpaid care a week / all usual residents',
      'Usual residents providing 1 hour or more of unpaid care a week, as a percentage of ALL usual residents (2021 uses residents aged 5 and over, and its care question changed), so the 2011 and 2021 figures are not joined.',
    ),
    mk(
      'census11_ltc_limited',
      'Day-to-day activities limited by a long-term health problem or disability, Census 2011',
      'Long-term condition limits activities (2011)',
      'valued',
      'no-judgement',
      ['QS303EW_001', 'QS303EW_002'],
      'QS303EW limited a lot + a little / all usual residents',
      'Usual residents whose day-to-day activities are limited a lot or a little by a long-term health problem or disability, as a percentage of all usual residents. The 2021 Census asks about disability under the Equality Act (TS038) with different wording, so 2011 and 2021 are not joined.',
    ),
    mk(
      'census11_unemployed',
      'Unemployed residents aged 16 to 74, Census 2011 (not comparable with 2021)',
      'Unemployed 16-74 (2011)',
      'employment',
      'low-is-good',
      ['QS601EW_008'],
      'QS601EW economically active: unemployed (excluding full-time students) / usual residents aged 16 to 74',
      'Usual residents aged 16 to 74 who are unemployed (full-time students counted apart), as a percentage of usual residents aged 16 to 74. 2021 uses residents aged 16 and over and counts unemployed full-time students in, so 2011 and 2021 are not joined.',
    ),
  ];
}
