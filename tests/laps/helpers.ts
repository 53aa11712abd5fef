/** Test helpers for the LAP builder: a fresh backend per test file, and typed calls through the real dispatcher. */
import path from 'node:path';
import type { Args, Channel, ReplyError, Results } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { tempDir } from '../helpers/tmp.ts';

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

export interface TestBackend {
  backend: Backend;
  dir: string;
  file: string;
  send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]>;
  /** Calls a verb that must fail; returns its error kind and message. */
  refuse<K extends Channel>(channel: K, args: unknown): Promise<Omit<ReplyError, 'channel'>>;
  reopen(): void;
  close(): void;
}

export function testBackend(name = 'laps.db', dir?: string): TestBackend {
  const t = dir ? { dir, cleanup: () => {} } : tempDir('lap-laps-');
  const file = path.join(t.dir, name);
  const tb: TestBackend = {
    backend: createBackend({ dbPath: file, transport: 'test' }),
    dir: t.dir,
    file,
    async send(channel, args) {
      const r = await dispatch(tb.backend.handlers, channel, args);
      if (!r.ok) throw new Error(`${channel} failed (${r.error.kind}): ${r.error.message}`);
      return r.value as never;
    },
    async refuse(channel, args) {
      const r = await dispatch(tb.backend.handlers, channel, args);
      if (r.ok) throw new Error(`${channel} should have failed but returned ${JSON.stringify(r.value).slice(0, 200)}`);
      // Every refusal names the verb it came from; the tests then compare the rest.
      const { channel: from, ...error } = r.error;
      if (from !== channel) throw new Error(`${channel} failed, but the error names ${from}`);
      return error;
    },
    reopen() {
      tb.backend.close();
      tb.backend = createBackend({ dbPath: file, transport: 'test' });
    },
    close() {
      tb.backend.close();
      t.cleanup();
    },
  };
  return tb;
}

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
