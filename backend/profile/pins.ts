/** A LAP's pinned 'top 5' indicators (table lap_pin, migration 21). */
import { AppError } from '../../shared/contract.ts';
import { MAX_PINS, type LapPins } from '../../shared/contract/profile.ts';
import { listJoin } from '../../shared/laps.ts';
import type { Db } from '../db.ts';
import { getLapRow, write } from '../laps/store.ts';

export function getPins(db: Db, lapId: number): LapPins {
  getLapRow(db, lapId); // not-found for an unknown LAP
  const rows = db
    .prepare(
      `SELECT p.position, p.indicator_id AS id, i.name, i.short_name AS shortName
       FROM lap_pin p LEFT JOIN indicator i ON i.id = p.indicator_id
       WHERE p.lap_id = ? ORDER BY p.position`,
    )
    .all(lapId) as { position: number; id: string; name: string | null; shortName: string | null }[];
  return { lapId, pins: rows.map((r) => ({ ...r, available: r.name !== null })) };
}

/** Replaces the LAP's pins with `indicatorIds`, in that order. Every id must be an indicator in the store. */
export function setPins(db: Db, lapId: number, indicatorIds: readonly string[]): LapPins {
  if (indicatorIds.length > MAX_PINS) throw new AppError('invalid-input', `A LAP can pin at most ${MAX_PINS} indicators; ${indicatorIds.length} were given.`);
  if (new Set(indicatorIds).size !== indicatorIds.length) throw new AppError('invalid-input', 'Each indicator can be pinned once.');
  return write(db, () => {
    const lap = getLapRow(db, lapId);
    const known = new Set(
      (db.prepare('SELECT id FROM indicator WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(indicatorIds)) as string[]),
    );
    const unknown = indicatorIds.filter((i) => !known.has(i));
    if (unknown.length) {
      throw new AppError('invalid-input', `Cannot pin ${listJoin(unknown.map((u) => `'${u}'`))} to ${lap.name}: there is no such indicator.`);
    }
    db.prepare('DELETE FROM lap_pin WHERE lap_id = ?').run(lapId);
    const insert = db.prepare('INSERT INTO lap_pin (lap_id, indicator_id, position) VALUES (?, ?, ?)');
    indicatorIds.forEach((id, i) => insert.run(lapId, id, i + 1));
    return getPins(db, lapId);
  });
}
