/** Test helpers for the LAP builder: a fresh backend per test file (tests/helpers/backend.ts), and LAP look-ups. */
import type { TestBackend } from '../helpers/backend.ts';

export { testBackend, type TestBackend } from '../helpers/backend.ts';

export const WEST = 'E06000062';
export const NORTH = 'E06000061';
export const N4_WARDS = ['E05013239', 'E05013246', 'E05013247', 'E05013264']; // Abington and Phippsville, Castle, Dallington Spencer, St. George
export const DSN4_WARDS = ['E05013245', 'E05013250', 'E05013255', 'E05013268']; // Bugbrooke, Deanshanger, Hackleton and Grange Park, Towcester and Roade
export const W = {
  abington: 'E05013239',
  billing: 'E05013240',
  boothville: 'E05013241',
  brackley: 'E05013242',
  castle: 'E05013246',
  daventryEast: 'E05013248',
  daventryWest: 'E05013249',
  headlands: 'E05013256',
  stGeorge: 'E05013264',
  oundle: 'E05013231',
  corbyWest: 'E05013217',
  kingswood: 'E05013227',
} as const;

/** Everything the LAP store holds, for "nothing changed" checks. */
export function dump(tb: TestBackend) {
  const db = tb.backend.db;
  return {
    sets: db.prepare('SELECT * FROM lap_set ORDER BY id').all(),
    laps: db.prepare('SELECT * FROM lap ORDER BY id').all(),
    wards: db.prepare('SELECT * FROM lap_ward ORDER BY lap_id, ward_code').all(),
    meta: db.prepare(`SELECT * FROM meta WHERE key LIKE 'lap%'`).all(),
  };
}

export async function setByName(tb: TestBackend, name: string) {
  const set = (await tb.send('lapSets.list', {})).find((s) => s.name === name);
  if (!set) throw new Error(`no set ${name}`);
  return set;
}

export async function lapByName(tb: TestBackend, name: string, setName?: string) {
  const lap = (await tb.send('laps.list', {})).find((l) => l.name === name && (!setName || l.set.name === setName));
  if (!lap) throw new Error(`no LAP ${name}`);
  return lap;
}

/** A comparable view of every LAP: names, sets, wards, colours, notes (no ids or times). */
export async function lapState(tb: TestBackend) {
  const laps = await tb.send('laps.list', {});
  return laps
    .map((l) => ({ set: l.set.name, kind: l.set.kind, name: l.name, colour: l.colour, notes: l.notes, wards: l.wards.map((w) => w.code).sort() }))
    .sort((a, b) => `${a.set}|${a.name}`.localeCompare(`${b.set}|${b.name}`));
}
