import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, schemaVersion, migrate } from '../../backend/db.ts';
import { MIGRATIONS } from '../../backend/migrations.ts';
import { seedGeography, listWards, readGeography } from '../../backend/geography.ts';
import { findAssetsDir } from '../../backend/paths.ts';
import { tempDir } from '../helpers/tmp.ts';

const assets = findAssetsDir();
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshDb() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { file: path.join(t.dir, 'test.db'), dir: t.dir };
}

describe('store', () => {
  it('opens in WAL mode and applies every migration once, recording it', () => {
    const { file } = freshDb();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(migrate(db)).toEqual([]); // nothing left to apply
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS[MIGRATIONS.length - 1]!.version);
    again.close();
  });

  it('refuses a database written by a newer version, with a clear message', () => {
    const { file } = freshDb();
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', 'x');
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer version of LAP Insight \(schema 999/);
  });

  it('seeds 57 wards, 2 councils and England; seeding twice changes nothing', () => {
    const { file } = freshDb();
    const db = openDatabase(file);
    expect(seedGeography(db, assets)).toBe(true);
    const counts = () => db.prepare('SELECT type, COUNT(*) AS n FROM area GROUP BY type ORDER BY type').all();
    expect(counts()).toEqual([
      { type: 'england', n: 1 },
      { type: 'lad', n: 2 },
      { type: 'ward', n: 57 },
    ]);
    const before = db.prepare('SELECT * FROM area ORDER BY code').all();
    expect(seedGeography(db, assets)).toBe(false);
    expect(db.prepare('SELECT * FROM area ORDER BY code').all()).toEqual(before);
    db.close();
  });

  it('upgrades the geography in place when the bundled file changes', () => {
    const { file } = freshDb();
    const db = openDatabase(file);
    seedGeography(db, assets);
    db.prepare("UPDATE area SET name = 'Old name' WHERE code = 'E05013246'").run();
    db.prepare("UPDATE meta SET value = 'stale' WHERE key = 'geography_hash'").run();
    expect(seedGeography(db, assets)).toBe(true);
    expect(listWards(db).find((w) => w.code === 'E05013246')?.name).toBe('Castle');
    expect(db.prepare("SELECT COUNT(*) AS n FROM area WHERE type = 'ward'").get()).toEqual({ n: 57 });
    db.close();
  });

  it('has 31 West and 26 North wards with the ONS codes, and matching council outlines', () => {
    const { file } = freshDb();
    const db = openDatabase(file);
    seedGeography(db, assets);
    const wards = listWards(db);
    const west = wards.filter((w) => w.authorityCode === 'E06000062').map((w) => w.code).sort();
    const north = wards.filter((w) => w.authorityCode === 'E06000061').map((w) => w.code).sort();
    expect(west).toHaveLength(31);
    expect(north).toHaveLength(26);
    expect(west[0]).toBe('E05013239');
    expect(west[30]).toBe('E05013269');
    expect(north[0]).toBe('E05013213');
    expect(north[25]).toBe('E05013238');
    const geo = readGeography(db);
    expect(geo.authorities.features.map((f) => f.properties.name).sort()).toEqual(['North Northamptonshire', 'West Northamptonshire']);
    expect(geo.attribution).toContain('Open Government Licence v.3.0');
    expect(geo.attribution).toContain('Contains OS data © Crown copyright and database right 2024');
    db.close();
  });
});
