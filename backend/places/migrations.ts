/** Migrations for places (issue: Assets and access): versions 40-49. */
import type { Migration } from '../migration-type.ts';

export const PLACE_MIGRATIONS: Migration[] = [
  {
    version: 40,
    name: 'places',
    up: `
      -- One imported list of places (a file). sha256 recognises the same file imported again.
      -- AUTOINCREMENT: ids are never reused, so an undo of an attachment can never reach a different place.
      CREATE TABLE place_list (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        imported_at TEXT NOT NULL,
        coordinates TEXT NOT NULL CHECK (coordinates IN ('lon-lat','easting-northing','geojson'))
      );
      CREATE INDEX place_list_sha256 ON place_list(sha256);

      -- A place: WGS84 and British National Grid (EPSG:27700, metres) both kept, so the map and the distances need
      -- no conversion. ward_code is the ward it lies in (point in polygon at import); NULL outside the two councils.
      CREATE TABLE place (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        list_id INTEGER NOT NULL REFERENCES place_list(id) ON DELETE CASCADE,
        source_row INTEGER NOT NULL,            -- row (CSV, header = 1) or feature number (GeoJSON) in the file
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        category TEXT NOT NULL CHECK (category IN ('gp','pharmacy','family-hub','food-bank','warm-space','youth-club','job-centre','community-venue')),
        lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
        lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
        easting REAL NOT NULL,
        northing REAL NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        postcode TEXT NOT NULL DEFAULT '',
        ref TEXT NOT NULL DEFAULT '',
        ward_code TEXT REFERENCES area(code)
      );
      CREATE INDEX place_list_id ON place(list_id);
      CREATE INDEX place_ward_code ON place(ward_code);
      CREATE INDEX place_category ON place(category);

      -- Places attached to a LAP by hand ("this practice serves N4"), as well as those inside its wards.
      CREATE TABLE place_lap (
        place_id INTEGER NOT NULL REFERENCES place(id) ON DELETE CASCADE,
        lap_id INTEGER NOT NULL REFERENCES lap(id) ON DELETE CASCADE,
        attached_at TEXT NOT NULL,
        PRIMARY KEY (place_id, lap_id)
      ) WITHOUT ROWID;
      CREATE INDEX place_lap_lap ON place_lap(lap_id);

      -- ONS LSOA 2021 population-weighted centroids imported by the user (Northamptonshire LSOAs only).
      -- The file's name and time are in meta: 'places.centroids_file', 'places.centroids_imported_at'.
      CREATE TABLE lsoa_centroid (
        lsoa21_code TEXT PRIMARY KEY CHECK (length(lsoa21_code) = 9),
        easting REAL NOT NULL,
        northing REAL NOT NULL,
        lon REAL NOT NULL,
        lat REAL NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
