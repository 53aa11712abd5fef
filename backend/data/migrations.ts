/** Migrations for indicators, datasets and values: versions 2-19. */
import type { Migration } from '../migration-type.ts';
import { AMBITION_IDS } from '../../shared/ambitions.ts';
import { VALUE_TYPES, POLARITIES } from '../../shared/contract/data.ts';

const list = (xs: readonly string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');

export const DATA_MIGRATIONS: Migration[] = [
  {
    version: 2,
    name: 'indicator store',
    up: `
      -- The area table gains 'england_and_wales' (K04000001: England AND Wales, the only national comparator of the
      -- percentage-only Census topics). SQLite cannot change a CHECK in place, so the table is rebuilt with the same
      -- columns and rows. The new table's self-reference names area_new, which the RENAME turns into "area".
      CREATE TABLE area_new (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('ward','lad','england','england_and_wales','lsoa21','lsoa11','oa21','msoa11','lap')),
        parent_code TEXT REFERENCES area_new(code),
        geometry TEXT,
        label_lon REAL,
        label_lat REAL,
        area_ha REAL
      );
      INSERT INTO area_new (code, name, type, parent_code, geometry, label_lon, label_lat, area_ha)
        SELECT code, name, type, parent_code, geometry, label_lon, label_lat, area_ha FROM area;
      DROP TABLE area;
      ALTER TABLE area_new RENAME TO area;
      CREATE INDEX area_type ON area(type);
      CREATE INDEX area_parent ON area(parent_code);

      -- Where values come from. Bundled datasets ship with the app (key = the bundle's dataset id); user datasets
      -- are imported files. Deleting a dataset deletes exactly its values (ON DELETE CASCADE below).
      CREATE TABLE dataset (
        id INTEGER PRIMARY KEY,
        key TEXT UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('bundled','user')),
        name TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        format TEXT NOT NULL,
        encoding TEXT,
        delimiter TEXT,
        imported_at TEXT NOT NULL,
        rows_read INTEGER NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
        rows_written INTEGER NOT NULL DEFAULT 0 CHECK (rows_written >= 0),
        rows_rejected INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
        publisher TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        licence TEXT NOT NULL DEFAULT '',
        attribution TEXT NOT NULL DEFAULT '',
        transformation TEXT NOT NULL DEFAULT '',
        period TEXT NOT NULL DEFAULT '',
        warnings TEXT NOT NULL DEFAULT '[]'   -- JSON array of the warnings accepted at import
      );
      CREATE INDEX dataset_sha256 ON dataset(sha256);

      CREATE TABLE indicator (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
        catalogue_id TEXT,
        name TEXT NOT NULL,
        short_name TEXT NOT NULL,
        ambition TEXT NOT NULL CHECK (ambition IN (${list(AMBITION_IDS)})),
        topic TEXT NOT NULL DEFAULT '',
        definition TEXT NOT NULL DEFAULT '',
        value_type TEXT NOT NULL CHECK (value_type IN (${list(VALUE_TYPES)})),
        multiplier REAL NOT NULL DEFAULT 1 CHECK (multiplier > 0),
        unit TEXT NOT NULL DEFAULT '',
        polarity TEXT NOT NULL CHECK (polarity IN (${list(POLARITIES)})),
        missing_is_zero INTEGER NOT NULL DEFAULT 0 CHECK (missing_is_zero IN (0,1)),
        disclosure_controlled INTEGER NOT NULL DEFAULT 0 CHECK (disclosure_controlled IN (0,1)),
        ward_level INTEGER NOT NULL DEFAULT 1 CHECK (ward_level IN (0,1)),
        source TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        licence TEXT NOT NULL DEFAULT '',
        attribution TEXT NOT NULL DEFAULT '',
        method_note TEXT NOT NULL DEFAULT '',
        -- The dataset that defined the indicator; its values may come from several datasets.
        dataset_id INTEGER REFERENCES dataset(id) ON DELETE SET NULL
      );
      CREATE INDEX indicator_dataset ON indicator(dataset_id);
      CREATE INDEX indicator_ambition ON indicator(ambition);

      -- One value per indicator, area, period and sex/age breakdown. The primary key is the profile query's index:
      -- WHERE indicator_id = ? AND area_code IN (...) AND period = ? reads it directly (a WITHOUT ROWID table is
      -- stored in key order, so there is no second copy of the key).
      -- numerator/denominator: counts (for ISR: observed and expected; for mean-score: sum(score x weight) and
      -- sum(weight)). NULL is missing, never zero.
      CREATE TABLE value (
        indicator_id TEXT NOT NULL REFERENCES indicator(id),
        area_code TEXT NOT NULL REFERENCES area(code),
        period TEXT NOT NULL CHECK (length(period) BETWEEN 1 AND 100),
        sex TEXT NOT NULL DEFAULT 'Persons',
        age TEXT NOT NULL DEFAULT 'All ages',
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        numerator REAL,
        denominator REAL,
        value REAL,
        ci95_lower REAL,
        ci95_upper REAL,
        ci998_lower REAL,
        ci998_upper REAL,
        estimate INTEGER NOT NULL DEFAULT 0 CHECK (estimate IN (0,1)),
        note TEXT,
        PRIMARY KEY (indicator_id, area_code, period, sex, age)
      ) WITHOUT ROWID;
      CREATE INDEX value_dataset ON value(dataset_id);

      -- Age bands behind a value (directly standardised rates, life expectancy): events and population per band,
      -- so that wards and LAPs can be combined band by band.
      CREATE TABLE value_band (
        indicator_id TEXT NOT NULL,
        area_code TEXT NOT NULL,
        period TEXT NOT NULL,
        sex TEXT NOT NULL,
        age TEXT NOT NULL,
        band TEXT NOT NULL,
        band_order INTEGER NOT NULL,
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        numerator REAL,
        denominator REAL,
        PRIMARY KEY (indicator_id, area_code, period, sex, age, band),
        FOREIGN KEY (indicator_id, area_code, period, sex, age) REFERENCES value(indicator_id, area_code, period, sex, age) ON DELETE CASCADE
      ) WITHOUT ROWID;
      CREATE INDEX value_band_dataset ON value_band(dataset_id);

      -- Small areas -> wards (ONS best fit, loaded from assets/lookups). ward_code may be outside Northamptonshire
      -- (E01027305 is best-fitted to a Cherwell ward), so it has no foreign key. lad_code is the council the small
      -- area lies in (small areas nest exactly in councils). weight: 1 for best fit; for MSOA 2011, which do not nest
      -- in wards, the ward's share of the MSOA's mid-2020 population (all ages, 0-15 and 16-64).
      CREATE TABLE area_lookup (
        geography TEXT NOT NULL CHECK (geography IN ('lsoa21','lsoa11','oa21','msoa11')),
        small_code TEXT NOT NULL REFERENCES area(code),
        ward_code TEXT NOT NULL,
        lad_code TEXT NOT NULL REFERENCES area(code),
        method TEXT NOT NULL CHECK (method IN ('best-fit','chained best-fit','apportioned')),
        weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight <= 1),
        weight_0_15 REAL,
        weight_16_64 REAL,
        PRIMARY KEY (geography, small_code, ward_code)
      ) WITHOUT ROWID;
      CREATE INDEX area_lookup_ward ON area_lookup(ward_code);
    `,
  },
  {
    version: 3,
    name: 'value summary instead of a dataset index',
    up: `
      -- An index on value(dataset_id) repeats the whole text key of every value and halves import speed. Instead,
      -- a small summary (one row per dataset, indicator, period and area type) answers "which indicators, periods
      -- and counts" without scanning values, and deleting a dataset deletes its values indicator by indicator
      -- through the primary key. ON DELETE CASCADE from dataset to value stays (a rare full scan when it fires).
      DROP INDEX IF EXISTS value_dataset;
      CREATE TABLE value_summary (
        dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
        indicator_id TEXT NOT NULL,
        period TEXT NOT NULL,
        area_type TEXT NOT NULL,
        n INTEGER NOT NULL CHECK (n > 0),
        PRIMARY KEY (dataset_id, indicator_id, period, area_type)
      ) WITHOUT ROWID;
      CREATE INDEX value_summary_indicator ON value_summary(indicator_id);
      INSERT INTO value_summary (dataset_id, indicator_id, period, area_type, n)
        SELECT v.dataset_id, v.indicator_id, v.period, a.type, COUNT(*) FROM value v JOIN area a ON a.code = v.area_code
        GROUP BY v.dataset_id, v.indicator_id, v.period, a.type;
    `,
  },
  {
    version: 10,
    name: 'upper end of a suppressed numerator',
    up: `
      -- Where a source suppressed some small counts (IoD2019 numerators under 10), numerator holds the sum with every
      -- suppressed count at 0 and numerator_upper the sum with each at the threshold - 1; NULL when nothing was
      -- suppressed. A value is compared with a benchmark only when both ends give the same answer.
      ALTER TABLE value ADD COLUMN numerator_upper REAL;
    `,
  },
];
