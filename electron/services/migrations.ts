/**
 * Numbered schema migrations. Never edit a released migration: add a new one with the next number.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'geography',
    up: `
      -- Every place the app knows: wards, councils (lad), England, and later small areas and LAPs.
      CREATE TABLE area (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('ward','lad','england','lsoa21','lsoa11','oa21','msoa11','lap')),
        parent_code TEXT REFERENCES area(code),
        geometry TEXT,            -- GeoJSON geometry (WGS84), wards and councils only
        label_lon REAL,
        label_lat REAL,
        area_ha REAL
      );
      CREATE INDEX area_type ON area(type);
      CREATE INDEX area_parent ON area(parent_code);
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
];
