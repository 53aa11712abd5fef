/**
 * Domain types shared by the backend, the renderer and the CLI.
 * Pure TypeScript: no Node, DOM or Electron imports (checked by tsconfig.shared.json and ESLint).
 */

/** The two councils, by ONS code: the one table that every code, benchmark key and council name comes from. */
export const NORTH_CODE = 'E06000061';
export const WEST_CODE = 'E06000062';
export const COUNCIL_CODES = [NORTH_CODE, WEST_CODE] as const;
export type AuthorityCode = (typeof COUNCIL_CODES)[number];
export const ENGLAND_CODE = 'E92000001';

export const COUNCIL_NAMES: Record<AuthorityCode, string> = {
  [NORTH_CODE]: 'North Northamptonshire',
  [WEST_CODE]: 'West Northamptonshire',
};

/** The benchmark a council's figures are (shared/profile.ts BenchmarkKey). */
export const COUNCIL_KEYS: Record<AuthorityCode, 'north' | 'west'> = { [NORTH_CODE]: 'north', [WEST_CODE]: 'west' };

export function isCouncilCode(code: string): code is AuthorityCode {
  return (COUNCIL_CODES as readonly string[]).includes(code);
}

export interface Authority {
  code: AuthorityCode;
  name: string;
}

export interface Ward {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  authorityName: string;
  /** [longitude, latitude] of a point inside the ward, for labels. */
  labelPoint: [number, number];
  /** Area in hectares, from the bundled boundary. */
  areaHectares: number;
}

/** A GeoJSON polygon or multipolygon, WGS84 longitude/latitude. */
export interface GeoPolygon {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface WardFeature {
  type: 'Feature';
  id?: string;
  properties: { code: string; name: string; authorityCode: AuthorityCode; authorityName: string };
  geometry: GeoPolygon;
}

export interface AuthorityFeature {
  type: 'Feature';
  id?: string;
  properties: { code: AuthorityCode; name: string };
  geometry: GeoPolygon;
}

export interface Geography {
  wards: { type: 'FeatureCollection'; features: WardFeature[] };
  authorities: { type: 'FeatureCollection'; features: AuthorityFeature[] };
  /** Label points for the wards, as a point collection (one per ward). */
  labels: {
    type: 'FeatureCollection';
    features: { type: 'Feature'; properties: { code: string; name: string }; geometry: { type: 'Point'; coordinates: [number, number] } }[];
  };
  /** [west, south, east, north] of both councils. */
  bounds: [number, number, number, number];
  attribution: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Where the backend's database lives (shown in Help > About). */
  databasePath: string;
  schemaVersion: number;
  transport: 'electron' | 'preview' | 'test';
}
