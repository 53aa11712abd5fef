/**
 * Migrations for GP practices and practice-based indicators (issue 15): data band version 4, places band 41-42 (lap_practice needs the lap table, created in the LAP band).
 */
import type { Migration } from '../migration-type.ts';

export const PRACTICE_MIGRATIONS: Migration[] = [
  {
    version: 4,
    name: 'GP practices and practice-level values',
    up: `
      -- The GP practices of the two councils (bundled: NHS England ODS epraccur with ePCN; assets/dataset/practices.json).
      -- ward_code: the ward holding the practice's postcode centroid (point in polygon at seeding); lad_code: the council
      -- of the postcode (OS Code-Point Open). A practice is not an area: its values live in practice_value.
      CREATE TABLE practice (
        code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 3 AND 12),
        name TEXT NOT NULL,
        pcn_code TEXT,
        pcn_name TEXT,
        postcode TEXT NOT NULL DEFAULT '',
        lon REAL NOT NULL,
        lat REAL NOT NULL,
        lad_code TEXT NOT NULL,
        ward_code TEXT REFERENCES area(code)
      ) WITHOUT ROWID;
      CREATE INDEX practice_ward ON practice(ward_code);

      -- Registered patients (all ages) per practice and QOF edition.
      CREATE TABLE practice_list_size (
        practice_code TEXT NOT NULL REFERENCES practice(code) ON DELETE CASCADE,
        period TEXT NOT NULL,
        list_size INTEGER NOT NULL CHECK (list_size >= 0),
        PRIMARY KEY (practice_code, period)
      ) WITHOUT ROWID;

      -- One value per practice-based indicator, practice and period: numerator and denominator (a LAP sums them).
      -- dataset_id: the bundled or user dataset the value came from (a user's Fingertips GP/PCN import attaches here).
      CREATE TABLE practice_value (
        indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        practice_code TEXT NOT NULL,
        period TEXT NOT NULL,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        numerator REAL CHECK (numerator IS NULL OR numerator >= 0),
        denominator REAL CHECK (denominator IS NULL OR denominator >= 0),
        value REAL,
        PRIMARY KEY (indicator_id, practice_code, period)
      ) WITHOUT ROWID;
      CREATE INDEX practice_value_practice ON practice_value(practice_code);
    `,
  },
  {
    version: 42,
    name: 'practices attached to or detached from a LAP by hand',
    up: `
      -- A LAP's practices = practices located in its wards + 'attached' - 'detached'. (Hand attachments of GP places
      -- in place_lap, made before this table existed, also count as attached.)
      CREATE TABLE lap_practice (
        lap_id INTEGER NOT NULL REFERENCES lap(id) ON DELETE CASCADE,
        practice_code TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('attached','detached')),
        changed_at TEXT NOT NULL,
        PRIMARY KEY (lap_id, practice_code)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 41,
    name: 'built-in places list',
    up: `
      -- The built-in list (NHS ODS GP practices and pharmacies) is marked, with its source and attribution, so screens,
      -- the PDF and the exports can say where it comes from. Deleting it hides it (meta 'places.builtin_hidden').
      ALTER TABLE place_list ADD COLUMN builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0,1));
      ALTER TABLE place_list ADD COLUMN attribution TEXT NOT NULL DEFAULT '';
    `,
  },
];
