/**
 * Small backend answers for the render tests, typed by the contract so they keep its shape. Ward codes and names
 * are real (N4 and its neighbours in West Northamptonshire); the numbers are made up.
 */
import type { Lap, LapOutlines, LapSet, LapSetCoverage } from '../../shared/contract/laps.ts';

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
