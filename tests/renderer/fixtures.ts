/**
 * Small backend answers for the render tests, typed by the contract so they keep its shape. Ward codes and names
 * are real (N4 and its neighbours in West Northamptonshire); the numbers are made up.
 */
import type { DatasetInfo, ImportPreview } from '../../shared/contract/data.ts';
import type { Lap, LapOutlines, LapSet, LapSetCoverage } from '../../shared/contract/laps.ts';
import type { ProfileComparison } from '../../shared/contract/profile.ts';
import type { CentresInfo, Place, PlaceFeatureCollection, PlaceList } from '../../shared/places.ts';
import type { Profile, ProfileArea, ProfileIndicator } from '../../shared/profile.ts';
import type { Comparison } from '../../shared/stats/index.ts';

export const WEST = { code: 'E06000062', name: 'West Northamptonshire' } as const;
export const NORTH = { code: 'E06000061', name: 'North Northamptonshire' } as const;

const AT = '2026-01-05T10:00:00.000Z';

export const WEST_SET: LapSet = { id: 1, name: 'West Northamptonshire LAPs', kind: 'official', council: WEST, lapCount: 2, createdAt: AT, updatedAt: AT };
export const NORTH_SET: LapSet = { id: 2, name: 'North Northamptonshire LAPs', kind: 'official', council: NORTH, lapCount: 0, createdAt: AT, updatedAt: AT };

function ward(code: string, name: string, population: number) {
  return { code, name, authorityCode: WEST.code, population };
}

export const N4: Lap = {
  id: 11,
  name: 'N4',
  set: { id: 1, name: WEST_SET.name, kind: 'official' },
  colour: '#1b9e77',
  notes: '',
  wards: [ward('E05013239', 'Abington and Phippsville', 11_000), ward('E05013246', 'Castle', 12_500), ward('E05013247', 'Dallington Spencer', 10_250), ward('E05013264', 'St. George', 9_000)],
  wardCount: 4,
  population: 42_750,
  populationNote: null,
  councils: [{ ...WEST, wardCount: 4 }],
  createdAt: AT,
  updatedAt: AT,
};

export const EMPTY_LAP: Lap = {
  ...N4,
  id: 12,
  name: 'N10',
  colour: '#d95f02',
  wards: [],
  wardCount: 0,
  population: null,
  populationNote: null,
  councils: [],
};

export function outlines(setId: number): LapOutlines {
  return { setId, type: 'FeatureCollection', features: [] };
}

export function coverage(set: LapSet, uncovered: { code: string; name: string }[], wardCount = 31): LapSetCoverage {
  return {
    setId: set.id,
    setName: set.name,
    councils: [{ ...(set.council ?? WEST), wardCount, coveredCount: wardCount - uncovered.length, uncovered, covered: [] }],
  };
}

export const NO_CENTRES: CentresInfo = {
  method: 'geometric',
  lsoasWithCentre: 0,
  lsoasNeeded: 420,
  fileName: null,
  importedAt: null,
  description: 'Distances are measured from the centre of each ward’s shape.',
};

export const HUBS_LIST: PlaceList = {
  id: 3,
  name: 'Family hubs',
  fileName: 'family-hubs.csv',
  sha256: 'a'.repeat(64),
  importedAt: AT,
  count: 2,
  outside: 0,
  byCategory: { 'family-hub': 2 },
};

function hub(id: number, name: string, postcode: string, lon: number, lat: number): Place {
  return {
    id,
    listId: HUBS_LIST.id,
    name,
    category: 'family-hub',
    lon,
    lat,
    easting: 475_000 + id,
    northing: 260_000 + id,
    address: '',
    postcode,
    ref: '',
    ward: { code: 'E05013246', name: 'Castle', authorityCode: WEST.code },
    laps: [{ id: N4.id, name: N4.name, setId: WEST_SET.id, setName: WEST_SET.name, how: 'location' }],
  };
}

export const HUBS: Place[] = [hub(31, 'Castle Family Hub', 'NN1 1AA', -0.9, 52.236), hub(32, 'Spring Boroughs Hub', 'NN1 2BB', -0.905, 52.239)];

export function placeMap(places: Place[]): PlaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: places.map((p) => ({ type: 'Feature', id: p.id, geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { id: p.id, name: p.name, category: p.category, ward: p.ward?.code ?? null } })),
  };
}

export const BUNDLED_DATASET: DatasetInfo = {
  id: 1,
  key: 'census21-population',
  kind: 'bundled',
  name: 'Census 2021: usual residents',
  fileName: 'census21.csv',
  sha256: 'b'.repeat(64),
  format: 'lap-insight-bundle/1',
  encoding: 'utf-8',
  delimiter: ',',
  importedAt: AT,
  rowsRead: 57,
  rowsWritten: 57,
  rowsRejected: 0,
  publisher: 'Office for National Statistics',
  source: 'https://www.nomisweb.co.uk/',
  licence: 'Open Government Licence v3.0',
  attribution: 'Source: Office for National Statistics licensed under the Open Government Licence v.3.0',
  transformation: 'Summed from output areas to wards.',
  period: '2021',
  warnings: [],
  indicatorIds: ['census21_usual_residents'],
  valueCount: 60,
};

/** The preview of a tidy file with one bad value (row 3). */
export function badPreview(fileName: string): ImportPreview {
  return {
    fileName,
    bytes: 120,
    sha256: 'c'.repeat(64),
    format: 'tidy',
    formatSource: 'detected',
    encoding: 'utf-8',
    delimiter: ',',
    header: ['indicator', 'area_code', 'period', 'value'],
    firstRows: [
      ['smokers', 'E05013246', '2023', '14.2'],
      ['smokers', 'E05013239', '2023', 'abc'],
    ],
    columns: [
      { column: 'indicator', role: 'indicator id' },
      { column: 'area_code', role: 'area code' },
      { column: 'period', role: 'period' },
      { column: 'value', role: 'value' },
    ],
    indicators: [],
    counts: { rowsRead: 2, rowsLeftOut: 0, rowsMissing: 0, valuesToWrite: 1, valuesBuilt: 0, indicators: 1, areas: 2, periods: 1 },
    duplicateOf: null,
    report: {
      issues: [{ severity: 'error', file: fileName, row: 3, column: 'value', message: "row 3, column 'value': 'abc' is not a number", count: 1 }],
      errors: 1,
      warnings: 0,
      omitted: 0,
    },
    skipped: { total: 1, rows: [], goodRows: 1, canSkip: false },
    wardCoverage: [],
    canImport: false,
    summary: 'A tidy file: 2 rows of 1 indicator.',
  };
}

export const DSN4: Lap = {
  ...N4,
  id: 13,
  name: 'DSN4',
  colour: '#7570b3',
  wards: [ward('E05013245', 'Bugbrooke', 8_000), ward('E05013250', 'Deanshanger', 9_500)],
  wardCount: 2,
  population: 17_500,
  councils: [{ ...WEST, wardCount: 2 }],
};

const N4_AREA: ProfileArea = {
  name: 'N4',
  kind: 'lap',
  code: String(N4.id),
  lapId: N4.id,
  set: { id: WEST_SET.id, name: WEST_SET.name, kind: 'official' },
  population: N4.population,
  ownCouncil: WEST.code,
  wards: N4.wards.map((w) => ({ code: w.code, name: w.name, authorityCode: w.authorityCode })),
};

const SOURCE = { datasetId: 'ohid-smoking', name: 'Smoking prevalence', publisher: 'OHID', licence: 'Open Government Licence v3.0', attribution: 'OHID' };

function benchmark(value: number, comparison: Comparison) {
  return { value, comparison };
}

export const SMOKING: ProfileIndicator = {
  id: 'smokers',
  name: 'Smoking prevalence in adults (18+)',
  shortName: 'Adults who smoke',
  ambition: 'fit-well',
  topic: 'Smoking',
  definition: 'Adults who say they smoke.',
  period: '2023',
  unit: '%',
  valueType: 'proportion',
  multiplier: 100,
  polarity: 'low-is-good',
  value: 21.4,
  ci95: { lower: 19.2, upper: 23.7 },
  ci998: { lower: 18.1, upper: 24.9 },
  numerator: 2_140,
  denominator: 10_000,
  method: 'Wilson score interval',
  estimate: true,
  coverage: { wards: 4, of: 4 },
  disclosureControlled: false,
  wardLevel: true,
  benchmarks: { west: benchmark(13.9, 'worse'), north: benchmark(14.8, 'worse'), england: benchmark(11.9, 'worst') },
  comparison: 'worse',
  spine: null,
  trend: [],
  source: SOURCE,
  countsInHeadline: true,
};

export const N4_PROFILE: Profile = {
  area: N4_AREA,
  benchmark: 'own',
  generatedAt: AT,
  headline: { population: N4.population, ageBands: [], mostDeprived20: null, significantlyWorse: 1, significantlyBetter: 0, summary: '1 significantly worse and 0 significantly better, of 1 indicators compared with West Northamptonshire (1 could be judged).' },
  indicators: [SMOKING],
  sources: [{ id: SOURCE.datasetId, name: SOURCE.name, publisher: SOURCE.publisher, licence: SOURCE.licence, attribution: SOURCE.attribution }],
};

export function comparison(significant: boolean): ProfileComparison {
  const side = (value: number, lower: number, upper: number) => ({
    period: '2023',
    value,
    ci95: { lower, upper },
    ci998: null,
    coverage: { wards: 4, of: 4 },
    estimate: true,
    comparison: 'worse' as const,
  });
  return {
    a: N4_AREA,
    b: { ...N4_AREA, name: 'DSN4', code: String(DSN4.id), lapId: DSN4.id, population: DSN4.population },
    benchmark: 'own',
    generatedAt: AT,
    method: 'Significantly different when the two 95% intervals do not overlap.',
    indicators: [
      {
        id: SMOKING.id,
        name: SMOKING.name,
        shortName: SMOKING.shortName,
        ambition: SMOKING.ambition,
        unit: SMOKING.unit,
        valueType: SMOKING.valueType,
        multiplier: SMOKING.multiplier,
        polarity: SMOKING.polarity,
        higherIsBetter: false,
        wardLevel: true,
        a: side(21.4, 19.2, 23.7),
        b: significant ? side(9.8, 8.1, 11.5) : side(20.9, 18.0, 23.1),
        difference: significant ? 11.6 : 0.5,
        significant,
        direction: significant ? 'higher' : 'similar',
        better: significant ? 'b' : null,
        summary: significant ? 'N4 is higher than DSN4 (21.4% against 9.8%); the difference is significant.' : 'N4 and DSN4 are similar.',
      },
    ],
  };
}
