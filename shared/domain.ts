/**
 * Domain types shared by the backend, the renderer and the CLI.
 * Pure TypeScript: no Node, DOM or Electron imports (checked by tsconfig.shared.json and ESLint).
 */

export type AuthorityCode = 'E06000061' | 'E06000062';
export const ENGLAND_CODE = 'E92000001';

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
