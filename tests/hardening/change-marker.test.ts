/**
 * The change marker (backend/safety/marker.ts) that lets backups skip an unchanged database without
 * reading it: it changes with every change to the user's data, from this app or from another program writing the
 * file, and not with caches or the safety module's own bookkeeping.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { bufferSource } from '../../backend/io/csv.ts';
import { runImport } from '../../backend/data/import.ts';
import { backupNow, listBackups } from '../../backend/safety/backups.ts';
import { contentMarker } from '../../backend/safety/marker.ts';
import { tempDir } from '../helpers/tmp.ts';

const t = tempDir('lap-marker-');
afterAll(() => t.cleanup());

describe('change marker', () => {
  it('moves with every change to the data, from any program, and not with caches or bookkeeping', async () => {
    const dbPath = path.join(t.dir, 'm.db');
    const b = createBackend({ dbPath, transport: 'test' });
    try {
      const m0 = contentMarker(b.db);
      expect(m0).toMatch(/^[0-9a-f]{64}$/);
      // Viewing an outline writes only its cache; the safety module writes its own meta keys.
      expect((await dispatch(b.handlers, 'laps.outline', { id: 1 })).ok).toBe(true);
      b.db.prepare("INSERT INTO meta (key, value) VALUES ('safety.test', 'x') ON CONFLICT(key) DO UPDATE SET value = 'y'").run();
      expect(contentMarker(b.db)).toBe(m0);

      // Another program renames a LAP, without the app: the triggers are in the file.
      const other = new Database(dbPath);
      other.prepare("UPDATE lap SET name = 'Renamed elsewhere' WHERE id = 1").run();
      other.close();
      const m1 = contentMarker(b.db);
      expect(m1).not.toBe(m0);

      // An import (values through a dataset row), a deleted LAP, a non-safety meta key: each moves it.
      const csv = 'area_code,area_type,indicator_id,indicator_name,period,value,numerator,denominator,unit\nE05013246,ward,marker_a,SYNTHETIC (test),2023,,1,10,count\n';
      const r = await runImport(b.ctx, { source: bufferSource('m.csv', Buffer.from(csv)) }, { acceptWarnings: true });
      expect(r.status).toBe('imported');
      const m2 = contentMarker(b.db);
      expect(m2).not.toBe(m1);
      b.db.prepare("DELETE FROM lap WHERE id = (SELECT MAX(id) FROM lap)").run();
      const m3 = contentMarker(b.db);
      expect(m3).not.toBe(m2);
      b.db.prepare("INSERT INTO meta (key, value) VALUES ('user.note', 'x')").run();
      expect(contentMarker(b.db)).not.toBe(m3);

      // A backup is named after the marker, and an unchanged database is not backed up twice.
      const made = backupNow(b.ctx, 'manual');
      expect(made.status).toBe('created');
      expect(listBackups(dbPath)[0]!.checksum).toBe(contentMarker(b.db).slice(0, 16));
      expect(backupNow(b.ctx, 'manual')).toEqual({ status: 'skipped', why: 'unchanged' });
    } finally {
      b.close();
    }
  });

  it('covers a table created after the start, once a backup has looked at it', () => {
    const dbPath = path.join(t.dir, 'n.db');
    const b = createBackend({ dbPath, transport: 'test' });
    try {
      b.db.exec('CREATE TABLE later_feature (id INTEGER PRIMARY KEY, x TEXT)');
      b.db.prepare("INSERT INTO meta (key, value) VALUES ('user.note', 'a change by the user')").run();
      expect(backupNow(b.ctx, 'manual').status).toBe('created');
      const before = contentMarker(b.db);
      const other = new Database(dbPath);
      other.prepare("INSERT INTO later_feature (x) VALUES ('written by another program')").run();
      other.close();
      expect(contentMarker(b.db)).not.toBe(before);
      expect(backupNow(b.ctx, 'manual').status).toBe('created');
    } finally {
      b.close();
    }
  });
});
