/**
 * Migrations are applied by set difference (available − applied), never "everything above the highest applied":
 * feature areas own bands of version numbers, so a database at 40 can still lack a later migration numbered 4.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { appliedVersions, migrate, openDatabase, pendingMigrations } from '../../backend/db.ts';
import { MIGRATIONS, type Migration } from '../../backend/migrations.ts';
import { openDatabaseSafely } from '../../backend/safety/startup.ts';
import { seedGeography } from '../../backend/geography.ts';
import { seedLaps } from '../../backend/laps/seed.ts';
import { findAssetsDir } from '../../backend/paths.ts';
import { seedBuiltinPlaces } from '../../backend/practices/seed.ts';
import { tempDir } from '../helpers/tmp.ts';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshFile(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, 'test.db');
}

const versions = (ms: readonly Migration[]) => ms.map((m) => m.version);

/** A migration that leaves a mark, so the test sees it really ran. */
function marker(version: number): Migration {
  return { version, name: `marker ${version}`, up: `CREATE TABLE marker_${version} (x INTEGER)` };
}

function tableExists(db: ReturnType<typeof openDatabase>, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
}

describe('migrations by set difference', () => {
  it('applies a new low-numbered migration to a database already at a higher version (the gap case)', () => {
    const file = freshFile();
    const db = openDatabase(file); // every current migration, highest 40 or above
    expect(Math.max(...appliedVersions(db))).toBeGreaterThanOrEqual(40);
    expect(appliedVersions(db)).not.toContain(19);
    db.close();

    // A later release adds data migration 19, inside the 2-19 band (4 is used: issue 15's practice tables).
    const withNineteen = [...MIGRATIONS, marker(19)];
    const again = openDatabase(file, { migrate: false });
    expect(versions(pendingMigrations(again, withNineteen))).toEqual([19]);
    expect(migrate(again, withNineteen)).toEqual([19]);
    expect(tableExists(again, 'marker_19')).toBe(true);
    expect(appliedVersions(again)).toContain(19);
    expect(migrate(again, withNineteen)).toEqual([]); // once only
    again.close();
  });

  it('applies several missing versions in version order, each recorded', () => {
    const file = freshFile();
    const db = openDatabase(file, { migrate: false });
    const order: number[] = [];
    const list: Migration[] = [30, 5, 12].map((v) => ({ version: v, name: `m${v}`, up: () => void order.push(v) }));
    expect(migrate(db, list)).toEqual([5, 12, 30]);
    expect(order).toEqual([5, 12, 30]);
    expect(appliedVersions(db)).toEqual([5, 12, 30]);
    db.close();
  });

  it('rolls back a failing migration alone: earlier ones stay applied, the failed one is still pending', () => {
    const file = freshFile();
    const db = openDatabase(file, { migrate: false });
    const list: Migration[] = [marker(2), { version: 3, name: 'broken', up: 'CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table' }];
    expect(() => migrate(db, list)).toThrow(/no_such_table/);
    expect(appliedVersions(db)).toEqual([2]);
    expect(tableExists(db, 'half')).toBe(false);
    expect(versions(pendingMigrations(db, list))).toEqual([3]);
    db.close();
  });

  it('refuses a database with a version it does not know, even one below its highest, changing nothing', () => {
    const file = freshFile();
    const db = openDatabase(file);
    // 7 sits inside the data band, below every version this app has applied: a newer app wrote it.
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, ?, ?)').run('from a newer app', 'x');
    const before = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    db.close();

    const withNew = [...MIGRATIONS, marker(45)];
    const again = openDatabase(file, { migrate: false });
    expect(() => migrate(again, withNew)).toThrow(/newer version of LAP Insight \(schema 7;[\s\S]*Nothing was changed/);
    expect(tableExists(again, 'marker_45')).toBe(false);
    expect(again.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(before);
    again.close();
  });

  it('startup refuses an unknown version before making any update backup', () => {
    const file = freshFile();
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, ?, ?)').run('from a newer app', 'x');
    db.close();
    expect(() => openDatabaseSafely(file)).toThrow(/newer version of LAP Insight/);
    const backupDir = path.join(path.dirname(file), 'backups');
    const backups = existsSync(backupDir) ? readdirSync(backupDir) : [];
    expect(backups.filter((f) => f.includes('update'))).toEqual([]);
  });

  // Each released schema: the migrations that existed when a release landed (migrations are never edited, so
  // applying today's definitions of those versions reproduces the released schema exactly).
  const RELEASED: number[][] = [
    [1],
    [1, 2, 3],
    [1, 2, 3, 20],
    [1, 2, 3, 20, 21],
    [1, 2, 3, 20, 21, 40],
    [1, 2, 3, 4, 10, 20, 21, 40, 41, 42],
  ];
  for (const released of RELEASED) {
    it(`upgrades a database at schema {${released.join(', ')}} to today's, backing it up first`, () => {
      const file = freshFile();
      const old = openDatabase(file, { migrate: false });
      migrate(
        old,
        MIGRATIONS.filter((m) => released.includes(m.version)),
      );
      expect(appliedVersions(old)).toEqual(released);
      old.close();

      const { db, notices } = openDatabaseSafely(file);
      try {
        expect(appliedVersions(db)).toEqual(versions(MIGRATIONS));
        expect(pendingMigrations(db)).toEqual([]);
        expect(notices.map((n) => n.code)).toEqual([]);
      } finally {
        db.close();
      }
      const backupDir = path.join(path.dirname(file), 'backups');
      const pendingExisted = versions(MIGRATIONS).some((v) => !released.includes(v));
      if (pendingExisted) expect(readdirSync(backupDir).some((f) => f.includes('update'))).toBe(true);
    });
  }

  it('22 rebuilds the lap table with AUTOINCREMENT, keeping every LAP, id, reference, index and trigger', () => {
    const file = freshFile();
    const old = openDatabase(file, { migrate: false });
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version !== 22),
    );
    const assets = findAssetsDir();
    seedGeography(old, assets);
    seedBuiltinPlaces(old, assets);
    seedLaps({ db: old, assetsDir: assets });
    const ids = (old.prepare('SELECT id FROM lap ORDER BY id').pluck().all() as number[]);
    expect(ids.length).toBe(2);
    const [n4, dsn4] = ids as [number, number];
    const now = new Date().toISOString();
    old.prepare("INSERT INTO lap_pin (lap_id, indicator_id, position) VALUES (?, 'synthetic_pin', 1)").run(dsn4);
    old.prepare("INSERT INTO lap_practice (lap_id, practice_code, how, changed_at) VALUES (?, 'Y99999', 'attached', ?)").run(dsn4, now);
    const place = old.prepare('SELECT id FROM place LIMIT 1').pluck().get() as number;
    old.prepare('INSERT INTO place_lap (place_id, lap_id, attached_at) VALUES (?, ?, ?)').run(place, n4, now);
    const dump = (db: ReturnType<typeof openDatabase>) =>
      ['lap', 'lap_ward', 'lap_pin', 'lap_practice', 'place_lap'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
    const before = dump(old);
    old.close();

    const { db } = openDatabaseSafely(file);
    try {
      expect(appliedVersions(db)).toEqual(versions(MIGRATIONS));
      expect(dump(db)).toEqual(before);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'lap'").pluck().get()).toMatch(/id INTEGER PRIMARY KEY AUTOINCREMENT/);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name IN ('lap', 'lap_ward') ORDER BY name").pluck().all()).toEqual(
        expect.arrayContaining(['lap_set_fixed', 'lap_set_id', 'lap_ward_code', 'lap_ward_is_ward', 'lap_ward_official_no_overlap']),
      );
      // The triggers still guard the rebuilt table.
      expect(() => db.prepare('INSERT INTO lap_ward (lap_id, ward_code) VALUES (?, ?)').run(dsn4, (before[1] as { lap_id: number; ward_code: string }[]).find((r) => r.lap_id === n4)!.ward_code)).toThrow(/cannot share wards/);
      expect(() => db.prepare('UPDATE lap SET set_id = set_id + 1 WHERE id = ?').run(n4)).toThrow(/cannot move between sets/);
      // The references still cascade, and the deleted highest id is not handed out again.
      db.prepare('DELETE FROM lap WHERE id = ?').run(dsn4);
      expect(db.prepare('SELECT COUNT(*) FROM lap_ward WHERE lap_id = ?').pluck().get(dsn4)).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM lap_pin').pluck().get()).toBe(0);
      expect(db.prepare('SELECT COUNT(*) FROM lap_practice').pluck().get()).toBe(0);
      const setId = db.prepare('SELECT set_id FROM lap WHERE id = ?').pluck().get(n4) as number;
      const fresh = db
        .prepare("INSERT INTO lap (set_id, name, name_key, colour, created_at, updated_at) VALUES (?, 'New', 'new', '#123456', ?, ?)")
        .run(setId, now, now).lastInsertRowid;
      expect(Number(fresh)).toBeGreaterThan(dsn4);
    } finally {
      db.close();
    }
  });
});
