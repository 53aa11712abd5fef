/** Migrations for LAP sets and LAPs: versions 20-39. */
import type { Migration } from '../migration-type.ts';
import { quoteIdent } from '../sql.ts';

export const LAP_MIGRATIONS: Migration[] = [
  {
    version: 20,
    name: 'laps',
    up: `
      -- A named collection of LAPs. Official sets belong to one council and their LAPs may not share wards.
      CREATE TABLE lap_set (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,          -- shared/names.ts normaliseName(name): forgiving uniqueness
        kind TEXT NOT NULL CHECK (kind IN ('official','custom')),
        council_code TEXT REFERENCES area(code),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (kind = 'custom' OR council_code IS NOT NULL)
      );

      CREATE TABLE lap (
        id INTEGER PRIMARY KEY,
        set_id INTEGER NOT NULL REFERENCES lap_set(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        colour TEXT NOT NULL CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (set_id, name_key)
      );
      CREATE INDEX lap_set_id ON lap(set_id);

      -- The wards of each LAP (codes; names come from area).
      CREATE TABLE lap_ward (
        lap_id INTEGER NOT NULL REFERENCES lap(id) ON DELETE CASCADE,
        ward_code TEXT NOT NULL REFERENCES area(code),
        PRIMARY KEY (lap_id, ward_code)
      ) WITHOUT ROWID;
      CREATE INDEX lap_ward_code ON lap_ward(ward_code);

      -- Backstops for the rules the service checks first (with friendlier messages).
      CREATE TRIGGER lap_ward_is_ward BEFORE INSERT ON lap_ward
      WHEN (SELECT type FROM area WHERE code = NEW.ward_code) IS NOT 'ward'
      BEGIN SELECT RAISE(ABORT, 'not a ward code'); END;

      CREATE TRIGGER lap_ward_official_no_overlap BEFORE INSERT ON lap_ward
      WHEN (SELECT s.kind FROM lap l JOIN lap_set s ON s.id = l.set_id WHERE l.id = NEW.lap_id) = 'official'
        AND EXISTS (
          SELECT 1 FROM lap_ward w JOIN lap o ON o.id = w.lap_id
          WHERE w.ward_code = NEW.ward_code AND w.lap_id <> NEW.lap_id
            AND o.set_id = (SELECT set_id FROM lap WHERE id = NEW.lap_id))
      BEGIN SELECT RAISE(ABORT, 'official LAPs in one set cannot share wards'); END;

      CREATE TRIGGER lap_set_fixed BEFORE UPDATE OF set_id ON lap
      WHEN NEW.set_id <> OLD.set_id
      BEGIN SELECT RAISE(ABORT, 'a LAP cannot move between sets; duplicate it instead'); END;

      CREATE TRIGGER lap_set_kind_fixed BEFORE UPDATE OF kind, council_code ON lap_set
      WHEN NEW.kind IS NOT OLD.kind OR NEW.council_code IS NOT OLD.council_code
      BEGIN SELECT RAISE(ABORT, 'a set keeps its kind and council'); END;

      -- Dissolved outlines, keyed by the sorted ward list and the geography they were made from.
      CREATE TABLE lap_outline_cache (
        ward_key TEXT PRIMARY KEY,              -- sorted ward codes joined by ','
        geography_hash TEXT NOT NULL,
        geometry TEXT NOT NULL,                 -- GeoJSON Polygon or MultiPolygon
        parts INTEGER NOT NULL,
        part_wards TEXT NOT NULL,               -- JSON string[][]
        area_ha REAL NOT NULL,
        used_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 21,
    name: 'lap pinned indicators',
    up: `
      -- A LAP's pinned 'top 5' indicators, in order (position 1-5). indicator_id has no foreign key on purpose:
      -- a pin outlives the removal of its dataset and comes back when the data is imported again.
      CREATE TABLE lap_pin (
        lap_id INTEGER NOT NULL REFERENCES lap(id) ON DELETE CASCADE,
        indicator_id TEXT NOT NULL CHECK (length(indicator_id) BETWEEN 1 AND 200),
        position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
        PRIMARY KEY (lap_id, position),
        UNIQUE (lap_id, indicator_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 22,
    name: 'lap ids never reused',
    rebuildsTable: true,
    // AUTOINCREMENT: a deleted LAP's id is never given to a new one (without it SQLite reuses the highest id), so
    // anything that remembers an id (undo, a file, a pin) can never reach a different LAP. SQLite's table-rebuild
    // recipe, keeping every row, id and reference (migrate() runs it with foreign keys off); the indexes and the
    // triggers that name the table are made again from their own SQL, exactly as they were.
    up: (db) => {
      const names = /\blap\b/i;
      // The table's own indexes (dropped with it), and every trigger that names it (on lap, or reading it).
      const kept = (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL").all() as { type: string; name: string; tbl_name: string; sql: string }[])
        .filter((o) => (o.type === 'index' ? o.tbl_name === 'lap' : names.test(o.sql.replace(/^CREATE TRIGGER \S+/i, ''))));
      for (const o of kept) if (o.type === 'trigger') db.exec(`DROP TRIGGER ${quoteIdent(o.name)}`);
      // The table as it is, with AUTOINCREMENT on its id: the same columns, checks and references, in the same order.
      const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'lap'").pluck().get() as string;
      const rebuilt = table.replace(/^CREATE TABLE "?lap"? \(/i, 'CREATE TABLE lap_rebuilt (').replace(/\bid INTEGER PRIMARY KEY\b(?! AUTOINCREMENT)/i, 'id INTEGER PRIMARY KEY AUTOINCREMENT');
      if (!/^CREATE TABLE lap_rebuilt \(/.test(rebuilt) || !/id INTEGER PRIMARY KEY AUTOINCREMENT/.test(rebuilt)) throw new Error('The lap table is not as expected; nothing was changed.');
      db.exec(rebuilt);
      db.exec('INSERT INTO lap_rebuilt SELECT * FROM lap; DROP TABLE lap; ALTER TABLE lap_rebuilt RENAME TO lap;');
      for (const o of kept) db.exec(o.sql);
    },
  },
];
