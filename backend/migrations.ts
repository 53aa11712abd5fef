/**
 * Numbered schema migrations. Never edit a released migration: add a new one with the next number.
 */
import type { Migration } from './migration-type.ts';
import { DATA_MIGRATIONS } from './data/migrations.ts';
import { LAP_MIGRATIONS } from './laps/migrations.ts';
import { PLACE_MIGRATIONS } from './places/migrations.ts';
import { PRACTICE_MIGRATIONS } from './practices/migrations.ts';

export type { Migration };

const CORE_MIGRATIONS: Migration[] = [
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

/**
 * All migrations in order. Feature areas own their migrations (backend/<area>/migrations.ts) and their
 * version numbers: 1 core geography; 2-19 indicators and datasets; 20-39 LAPs; 40-49 places; 50+ later features.
 */
export const MIGRATIONS: Migration[] = [...CORE_MIGRATIONS, ...DATA_MIGRATIONS, ...LAP_MIGRATIONS, ...PLACE_MIGRATIONS, ...PRACTICE_MIGRATIONS].sort((a, b) => a.version - b.version);

for (let i = 1; i < MIGRATIONS.length; i++) {
  if (MIGRATIONS[i]!.version === MIGRATIONS[i - 1]!.version) throw new Error(`Two migrations share version ${MIGRATIONS[i]!.version}`);
}
