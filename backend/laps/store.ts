/**
 * LAP sets and LAPs in the store: reads, rule checks and writes. Every write runs in one IMMEDIATE transaction
 * (nested calls become savepoints), every parameter is bound, and every rule failure is an AppError with a
 * plain-English message. The database triggers (migrations.ts) back up the overlap rule.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../shared/contract.ts';
import type { CouncilRef, Lap, LapClash, LapSet, LapSetCoverage, LapSetKind, LapWard } from '../../shared/contract/laps.ts';
import type { AuthorityCode } from '../../shared/domain.ts';
import { compareNames, listJoin, nameKey, pickColour } from '../../shared/laps.ts';
import type { Db } from '../db.ts';
import type { ServiceContext } from '../context.ts';
import { wardPopulations } from '../data/population.ts';

export interface WardInfo {
  code: string;
  name: string;
  authorityCode: AuthorityCode;
  authorityName: string;
}

interface SetRow {
  id: number;
  name: string;
  kind: LapSetKind;
  council_code: AuthorityCode | null;
  council_name: string | null;
  lap_count: number;
  created_at: string;
  updated_at: string;
}

interface LapRow {
  id: number;
  set_id: number;
  name: string;
  colour: string;
  notes: string;
  created_at: string;
  updated_at: string;
  set_name: string;
  set_kind: LapSetKind;
}

const now = () => new Date().toISOString();

/** Runs `fn` in one IMMEDIATE transaction (a savepoint when already inside one); maps constraint failures to AppErrors. */
export function write<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT')) {
      const text = err.message.replace(/^.*?:\s*/, '');
      throw new AppError('conflict', `That change breaks a rule of the LAP store (${text}).`);
    }
    throw err;
  }
}

/** The 57 wards (code -> name and council). */
export function loadWards(db: Db): Map<string, WardInfo> {
  const rows = db
    .prepare(
      `SELECT w.code, w.name, w.parent_code AS authorityCode, p.name AS authorityName
       FROM area w JOIN area p ON p.code = w.parent_code WHERE w.type = 'ward' ORDER BY w.name`,
    )
    .all() as WardInfo[];
  return new Map(rows.map((r) => [r.code, r]));
}

export function councilName(db: Db, code: string): string {
  return (db.prepare(`SELECT name FROM area WHERE code = ? AND type = 'lad'`).get(code) as { name: string } | undefined)?.name ?? code;
}

// ---------------------------------------------------------------------------------------------------------------
// Sets

const SET_SELECT = `
  SELECT s.id, s.name, s.kind, s.council_code, c.name AS council_name, s.created_at, s.updated_at,
         (SELECT COUNT(*) FROM lap l WHERE l.set_id = s.id) AS lap_count
  FROM lap_set s LEFT JOIN area c ON c.code = s.council_code`;

function toSet(r: SetRow): LapSet {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    council: r.council_code ? { code: r.council_code, name: r.council_name ?? r.council_code } : null,
    lapCount: r.lap_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listSets(db: Db): LapSet[] {
  const rows = (db.prepare(SET_SELECT).all() as SetRow[]).map(toSet);
  return rows.sort((a, b) => (a.kind === b.kind ? compareNames(a.name, b.name) : a.kind === 'official' ? -1 : 1));
}

export function getSet(db: Db, id: number): LapSet {
  const row = db.prepare(`${SET_SELECT} WHERE s.id = ?`).get(id) as SetRow | undefined;
  if (!row) throw new AppError('not-found', `There is no LAP set with id ${id}.`);
  return toSet(row);
}

export function findSetByName(db: Db, name: string): LapSet | undefined {
  const row = db.prepare(`${SET_SELECT} WHERE s.name_key = ?`).get(nameKey(name)) as SetRow | undefined;
  return row ? toSet(row) : undefined;
}

function checkedKey(name: string, what: string): string {
  const key = nameKey(name);
  if (!key) throw new AppError('invalid-input', `A ${what} name needs at least one letter or digit.`);
  return key;
}

export function createSet(db: Db, args: { name: string; kind: LapSetKind; councilCode?: string | null }): LapSet {
  const key = checkedKey(args.name, 'set');
  const council = args.councilCode ?? null;
  if (args.kind === 'official' && !council) throw new AppError('invalid-input', 'An official LAP set needs a council.');
  return write(db, () => {
    const clash = db.prepare('SELECT name FROM lap_set WHERE name_key = ?').get(key) as { name: string } | undefined;
    if (clash) throw new AppError('conflict', `There is already a LAP set called ${clash.name}.`);
    const t = now();
    const info = db
      .prepare('INSERT INTO lap_set (name, name_key, kind, council_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(args.name, key, args.kind, council, t, t);
    return getSet(db, Number(info.lastInsertRowid));
  });
}

export function deleteSet(db: Db, id: number): { id: number; lapsDeleted: number } {
  return write(db, () => {
    const set = getSet(db, id);
    db.prepare('DELETE FROM lap_set WHERE id = ?').run(id); // LAPs and their wards cascade
    return { id, lapsDeleted: set.lapCount };
  });
}

/** The custom set copies of official LAPs and CSV imports go to: the first custom set, created if there is none. */
export function defaultCustomSet(db: Db): LapSet {
  const row = db.prepare(`SELECT id FROM lap_set WHERE kind = 'custom' ORDER BY id LIMIT 1`).get() as { id: number } | undefined;
  if (row) return getSet(db, row.id);
  const existing = findSetByName(db, 'My working groups');
  return existing ?? createSet(db, { name: 'My working groups', kind: 'custom' });
}

export function coverage(db: Db, setId: number): LapSetCoverage {
  const set = getSet(db, setId);
  const wards = [...loadWards(db).values()];
  const covering = db
    .prepare(`SELECT w.ward_code AS code, l.id, l.name FROM lap_ward w JOIN lap l ON l.id = w.lap_id WHERE l.set_id = ?`)
    .all(setId) as { code: string; id: number; name: string }[];
  const byWard = new Map<string, { id: number; name: string }[]>();
  for (const c of covering) {
    const list = byWard.get(c.code) ?? [];
    list.push({ id: c.id, name: c.name });
    byWard.set(c.code, list);
  }
  const councils: CouncilRef[] = set.council
    ? [set.council]
    : (db.prepare(`SELECT code, name FROM area WHERE type = 'lad' ORDER BY name`).all() as CouncilRef[]);
  return {
    setId: set.id,
    setName: set.name,
    councils: councils.map((c) => {
      const mine = wards.filter((w) => w.authorityCode === c.code).sort((a, b) => compareNames(a.name, b.name));
      const covered = mine
        .filter((w) => byWard.has(w.code))
        .map((w) => ({ code: w.code, name: w.name, laps: byWard.get(w.code)!.sort((a, b) => compareNames(a.name, b.name)) }));
      return {
        code: c.code,
        name: c.name,
        wardCount: mine.length,
        coveredCount: covered.length,
        uncovered: mine.filter((w) => !byWard.has(w.code)).map((w) => ({ code: w.code, name: w.name })),
        covered,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading LAPs

const LAP_SELECT = `
  SELECT l.id, l.set_id, l.name, l.colour, l.notes, l.created_at, l.updated_at, s.name AS set_name, s.kind AS set_kind
  FROM lap l JOIN lap_set s ON s.id = l.set_id`;

export interface PopulationSummary {
  population: number | null;
  populationNote: string | null;
}

export const POPULATION_NOT_LOADED = 'Population is not available until the Census 2021 figures are loaded.';

export function populationOf(codes: readonly string[], pops: Map<string, number> | null, wards: Map<string, WardInfo>): PopulationSummary {
  if (!pops) return { population: null, populationNote: POPULATION_NOT_LOADED };
  const missing = codes.filter((c) => !pops.has(c));
  if (missing.length) {
    const names = missing.map((c) => wards.get(c)?.name ?? c);
    return { population: null, populationNote: `There is no Census 2021 population figure for ${listJoin(names)}.` };
  }
  return { population: codes.reduce((sum, c) => sum + pops.get(c)!, 0), populationNote: null };
}

export function summariseWards(codes: readonly string[], pops: Map<string, number> | null, wards: Map<string, WardInfo>) {
  const list: LapWard[] = codes
    .map((c) => wards.get(c))
    .filter((w): w is WardInfo => !!w)
    .sort((a, b) => compareNames(a.name, b.name))
    .map((w) => ({ code: w.code, name: w.name, authorityCode: w.authorityCode, population: pops?.get(w.code) ?? null }));
  const councils = new Map<AuthorityCode, CouncilRef & { wardCount: number }>();
  for (const c of codes) {
    const w = wards.get(c);
    if (!w) continue;
    const entry = councils.get(w.authorityCode) ?? { code: w.authorityCode, name: w.authorityName, wardCount: 0 };
    entry.wardCount++;
    councils.set(w.authorityCode, entry);
  }
  return {
    wards: list,
    wardCount: list.length,
    councils: [...councils.values()].sort((a, b) => compareNames(a.name, b.name)),
    ...populationOf(codes, pops, wards),
  };
}

function lapWardCodes(db: Db, lapIds: number[]): Map<number, string[]> {
  const rows = db
    .prepare(`SELECT lap_id, ward_code FROM lap_ward WHERE lap_id IN (SELECT value FROM json_each(?)) ORDER BY ward_code`)
    .all(JSON.stringify(lapIds)) as { lap_id: number; ward_code: string }[];
  const out = new Map<number, string[]>(lapIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.lap_id)!.push(r.ward_code);
  return out;
}

function toLaps(ctx: ServiceContext, rows: LapRow[]): Lap[] {
  if (rows.length === 0) return [];
  const wards = loadWards(ctx.db);
  const pops = wardPopulations(ctx);
  const codes = lapWardCodes(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    set: { id: r.set_id, name: r.set_name, kind: r.set_kind },
    colour: r.colour,
    notes: r.notes,
    ...summariseWards(codes.get(r.id) ?? [], pops, wards),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export function getLapRow(db: Db, id: number): LapRow {
  const row = db.prepare(`${LAP_SELECT} WHERE l.id = ?`).get(id) as LapRow | undefined;
  if (!row) throw new AppError('not-found', `There is no LAP with id ${id}.`);
  return row;
}

export function getLap(ctx: ServiceContext, id: number): Lap {
  return toLaps(ctx, [getLapRow(ctx.db, id)])[0]!;
}

export function listLaps(ctx: ServiceContext, setId?: number): Lap[] {
  if (setId !== undefined) getSet(ctx.db, setId);
  const rows = (setId === undefined ? ctx.db.prepare(LAP_SELECT).all() : ctx.db.prepare(`${LAP_SELECT} WHERE l.set_id = ?`).all(setId)) as LapRow[];
  const sets = new Map(listSets(ctx.db).map((s, i) => [s.id, i]));
  rows.sort((a, b) => (sets.get(a.set_id)! - sets.get(b.set_id)!) || compareNames(a.name, b.name));
  return toLaps(ctx, rows);
}

export function wardCodesOf(db: Db, lapId: number): string[] {
  return lapWardCodes(db, [lapId]).get(lapId) ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

/** Wards the list would share with other LAPs of the set (only official sets forbid this). */
export function findClashes(db: Db, setId: number, codes: readonly string[], excludeLapId: number | null): LapClash[] {
  if (codes.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT w.ward_code AS wardCode, a.name AS wardName, l.id AS lapId, l.name AS lapName, s.name AS setName
       FROM lap_ward w JOIN lap l ON l.id = w.lap_id JOIN lap_set s ON s.id = l.set_id JOIN area a ON a.code = w.ward_code
       WHERE l.set_id = ? AND l.id IS NOT ? AND w.ward_code IN (SELECT value FROM json_each(?))`,
    )
    .all(setId, excludeLapId, JSON.stringify(codes)) as LapClash[];
  return rows.sort((a, b) => compareNames(a.lapName, b.lapName) || compareNames(a.wardName, b.wardName));
}

/** "Castle is already in N4 (West Northamptonshire LAPs); official LAPs in one set cannot share wards." */
export function clashMessage(clashes: readonly LapClash[]): string {
  const byLap = new Map<number, LapClash[]>();
  for (const c of clashes) byLap.set(c.lapId, [...(byLap.get(c.lapId) ?? []), c]);
  const parts = [...byLap.values()].map((group) => {
    const names = group.map((c) => c.wardName);
    return `${listJoin(names)} ${names.length > 1 ? 'are' : 'is'} already in ${group[0]!.lapName} (${group[0]!.setName})`;
  });
  return `${parts.join(', and ')}; official LAPs in one set cannot share wards.`;
}

/** Problems with a ward list for a set, without the overlap rule: repeats, unknown codes, another council's wards. */
export function wardListProblems(db: Db, set: LapSet, codes: readonly string[], wards = loadWards(db)): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const c of codes) (seen.has(c) ? repeated : seen).add(c);
  for (const c of repeated) problems.push(`${wards.get(c)?.name ?? c} is listed more than once.`);
  for (const c of seen) if (!wards.has(c)) problems.push(`There is no ward with code ${c}.`);
  if (set.council) {
    const other = [...seen].map((c) => wards.get(c)).filter((w): w is WardInfo => !!w && w.authorityCode !== set.council!.code);
    if (other.length) {
      const names = other.map((w) => w.name).sort(compareNames);
      problems.push(
        `${listJoin(names)} ${names.length > 1 ? 'are' : 'is'} in ${other[0]!.authorityName}; LAPs in ${set.name} can only use ${set.council.name} wards.`,
      );
    }
  }
  return problems;
}

/** Checks a ward list for a LAP in a set (all rules), returning the sorted unique codes. Throws AppError. */
export function checkWards(db: Db, set: LapSet, codes: readonly string[], excludeLapId: number | null): string[] {
  const problems = wardListProblems(db, set, codes);
  if (problems.length) throw new AppError('invalid-input', problems.join(' '));
  const unique = [...new Set(codes)].sort();
  if (set.kind === 'official') {
    const clashes = findClashes(db, set.id, unique, excludeLapId);
    if (clashes.length) throw new AppError('conflict', clashMessage(clashes));
  }
  return unique;
}

function checkLapName(db: Db, set: LapSet, name: string, excludeLapId: number | null): string {
  const key = checkedKey(name, 'LAP');
  const clash = db.prepare('SELECT name FROM lap WHERE set_id = ? AND name_key = ? AND id IS NOT ?').get(set.id, key, excludeLapId) as
    | { name: string }
    | undefined;
  if (clash) throw new AppError('conflict', `There is already a LAP called ${clash.name} in ${set.name}.`);
  return key;
}

export function isLapNameTaken(db: Db, setId: number, name: string): boolean {
  return !!db.prepare('SELECT 1 FROM lap WHERE set_id = ? AND name_key = ?').get(setId, nameKey(name));
}

// ---------------------------------------------------------------------------------------------------------------
// Writing LAPs

function touch(db: Db, lapId: number, setId: number): void {
  const t = now();
  db.prepare('UPDATE lap SET updated_at = ? WHERE id = ?').run(t, lapId);
  db.prepare('UPDATE lap_set SET updated_at = ? WHERE id = ?').run(t, setId);
}

function replaceWards(db: Db, lapId: number, codes: readonly string[]): boolean {
  const current = wardCodesOf(db, lapId);
  const next = new Set(codes);
  const remove = current.filter((c) => !next.has(c));
  const add = [...next].filter((c) => !current.includes(c));
  if (!remove.length && !add.length) return false;
  const del = db.prepare('DELETE FROM lap_ward WHERE lap_id = ? AND ward_code = ?');
  const ins = db.prepare('INSERT INTO lap_ward (lap_id, ward_code) VALUES (?, ?)');
  for (const c of remove) del.run(lapId, c);
  for (const c of add) ins.run(lapId, c);
  return true;
}

export interface NewLap {
  setId: number;
  name: string;
  wards: readonly string[];
  colour?: string | undefined;
  notes?: string | undefined;
}

/** Creates a LAP; returns its id. */
export function insertLap(db: Db, args: NewLap): number {
  return write(db, () => {
    const set = getSet(db, args.setId);
    const key = checkLapName(db, set, args.name, null);
    const codes = checkWards(db, set, args.wards, null);
    const used = (db.prepare('SELECT colour FROM lap WHERE set_id = ?').all(set.id) as { colour: string }[]).map((r) => r.colour);
    const t = now();
    const info = db
      .prepare('INSERT INTO lap (set_id, name, name_key, colour, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(set.id, args.name, key, (args.colour ?? pickColour(used)).toLowerCase(), args.notes ?? '', t, t);
    const id = Number(info.lastInsertRowid);
    replaceWards(db, id, codes);
    db.prepare('UPDATE lap_set SET updated_at = ? WHERE id = ?').run(t, set.id);
    return id;
  });
}

export function renameLap(db: Db, id: number, name: string): void {
  write(db, () => {
    const row = getLapRow(db, id);
    const key = checkLapName(db, getSet(db, row.set_id), name, id);
    if (row.name === name) return;
    db.prepare('UPDATE lap SET name = ?, name_key = ? WHERE id = ?').run(name, key, id);
    touch(db, id, row.set_id);
  });
}

export function updateLapField(db: Db, id: number, field: 'colour' | 'notes', value: string): void {
  write(db, () => {
    const row = getLapRow(db, id);
    if (row[field] === value) return;
    db.prepare(`UPDATE lap SET ${field === 'colour' ? 'colour' : 'notes'} = ? WHERE id = ?`).run(value, id);
    touch(db, id, row.set_id);
  });
}

export function setLapWards(db: Db, id: number, codes: readonly string[]): void {
  write(db, () => {
    const row = getLapRow(db, id);
    const checked = checkWards(db, getSet(db, row.set_id), codes, id);
    if (replaceWards(db, id, checked)) touch(db, id, row.set_id);
  });
}

export function deleteLap(db: Db, id: number): { id: number } {
  return write(db, () => {
    const row = getLapRow(db, id);
    db.prepare('DELETE FROM lap WHERE id = ?').run(id);
    db.prepare('UPDATE lap_set SET updated_at = ? WHERE id = ?').run(now(), row.set_id);
    return { id };
  });
}
