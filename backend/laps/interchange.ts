/**
 * Sharing LAP definitions: export as JSON ("lap-insight-laps/1"), CSV (lap_name,ward_code,ward_name) or GeoJSON
 * outlines, and import JSON or CSV. Import is all or nothing (one transaction) and every problem names the file and
 * the row (CSV) or LAP (JSON).
 *
 * Name clashes on import (a LAP with the same name already in the target set):
 * - same wards: it is the same LAP; its colour and notes are set from the file ("updated"/"unchanged");
 * - other wards: onNameClash 'rename' (default) imports it as "N4 (2)"; 'fail' refuses the whole import.
 * Overlaps in an official set always refuse the import.
 */
import { AppError } from '../../shared/contract.ts';
import { showText } from '../../shared/text.ts';
import type { Lap, LapExportFile, LapImportResult, LapSet, LapSetKind } from '../../shared/contract/laps.ts';
import {
  LAP_CSV_COLUMNS,
  LAP_FILE_FORMAT,
  compareNames,
  findWard,
  formatCsv,
  freeName,
  hasControlCharacters,
  lapFileSchema,
  listJoin,
  nameKey,
  parseCsv,
  safeFileName,
  uncsvCell,
  type LapFile,
} from '../../shared/laps.ts';
import { normaliseName } from '../../shared/names.ts';
import { APP_VERSION } from '../../shared/app-info.ts';
import type { ServiceContext } from '../context.ts';
import { dissolveCached } from './outline.ts';
import {
  clashMessage,
  createSet,
  defaultCustomSet,
  findClashes,
  findSetByName,
  getLap,
  getSet,
  insertLap,
  isLapNameTaken,
  listLaps,
  listSets,
  loadWards,
  updateLapField,
  wardCodesOf,
  wardListProblems,
  write,
  type WardInfo,
} from './store.ts';

// ---------------------------------------------------------------------------------------------------------------
// Export

export function exportLaps(ctx: ServiceContext, args: { lapId?: number | undefined; setId?: number | undefined; format: 'json' | 'csv' | 'geojson' }): LapExportFile {
  const { db } = ctx;
  let laps: Lap[];
  let sets: LapSet[];
  let title: string;
  if (args.lapId !== undefined) {
    const lap = getLap(ctx, args.lapId);
    laps = [lap];
    sets = [getSet(db, lap.set.id)];
    title = lap.name;
  } else if (args.setId !== undefined) {
    sets = [getSet(db, args.setId)];
    laps = listLaps(ctx, args.setId);
    title = sets[0]!.name;
  } else {
    sets = listSets(db);
    laps = listLaps(ctx);
    title = 'LAPs';
  }

  if (args.format === 'json') {
    const file: LapFile = {
      format: LAP_FILE_FORMAT,
      appVersion: APP_VERSION,
      exportedAt: new Date().toISOString(),
      sets: sets.map((s) => ({ name: s.name, kind: s.kind, council: s.council?.code ?? null })),
      laps: laps.map((l) => ({ name: l.name, set: l.set.name, colour: l.colour, notes: l.notes, wards: l.wards.map((w) => ({ code: w.code, name: w.name })) })),
    };
    return { fileName: safeFileName(title, 'json'), mimeType: 'application/json', content: JSON.stringify(file, null, 2) + '\n', lapCount: laps.length };
  }

  if (args.format === 'csv') {
    const keys = new Map<string, string>();
    for (const l of laps) {
      const other = keys.get(nameKey(l.name));
      if (other !== undefined && other !== l.set.name) {
        throw new AppError(
          'invalid-input',
          `A CSV file carries no set, and ${other} and ${l.set.name} both have a LAP called ${l.name}. Export one set at a time, or use JSON.`,
        );
      }
      keys.set(nameKey(l.name), l.set.name);
    }
    const rows: string[][] = [[...LAP_CSV_COLUMNS]];
    for (const l of laps) {
      if (l.wards.length === 0) rows.push([l.name, '', '']);
      for (const w of l.wards) rows.push([l.name, w.code, w.name]);
    }
    return { fileName: safeFileName(title, 'csv'), mimeType: 'text/csv', content: formatCsv(rows), lapCount: laps.length };
  }

  const features = laps.map((l) => {
    const d = dissolveCached(db, l.wards.map((w) => w.code));
    return {
      type: 'Feature' as const,
      properties: {
        name: l.name,
        set: l.set.name,
        colour: l.colour,
        ward_codes: l.wards.map((w) => w.code),
        ward_count: l.wardCount,
        population: l.population,
      },
      geometry: d.geometry,
    };
  });
  return {
    fileName: safeFileName(title, 'geojson'),
    mimeType: 'application/geo+json',
    content: JSON.stringify({ type: 'FeatureCollection', features }) + '\n',
    lapCount: laps.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

interface IncomingWard {
  code: string;
  /** Where it is in the file, for messages: "row 3" or "LAP 'N4' (laps[0])". */
  where: string;
}

interface IncomingLap {
  name: string;
  setName: string | null;
  colour?: string | undefined;
  notes?: string | undefined;
  wards: IncomingWard[];
  where: string;
}

interface IncomingSet {
  name: string;
  kind: LapSetKind;
  council: string | null;
}

interface Incoming {
  sets: IncomingSet[];
  laps: IncomingLap[];
}

const MAX_LISTED = 5;

function fail(file: string, problems: string[]): never {
  const shown = problems.slice(0, MAX_LISTED).map((p) => `${file}${p}`);
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more problems)` : '';
  throw new AppError('invalid-input', shown.join(' ') + more);
}

/** "laps.csv row 3" or "laps.json: LAP 'N4' (laps[0])". */
function at(file: string, where: string): string {
  return where.startsWith('row ') ? `${file} ${where}` : `${file}: ${where}`;
}

export function detectFormat(content: string): 'json' | 'csv' {
  const start = content.replace(/^\uFEFF/, '').trimStart()[0];
  return start === '{' || start === '[' ? 'json' : 'csv';
}

function readJson(file: string, content: string, wards: Map<string, WardInfo>): Incoming {
  let raw: unknown;
  try {
    raw = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('invalid-input', `${file} is not valid JSON (${(err as Error).message}).`);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== LAP_FILE_FORMAT) {
    throw new AppError('invalid-input', `${file} is not a LAP Insight LAP file (its "format" should be "${LAP_FILE_FORMAT}").`);
  }
  const parsed = lapFileSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      file,
      parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.').replace(/\.(\d+)/g, '[$1]')}: ` : ''}${i.message}.`).map((m) => `: ${m}`),
    );
  }
  const data = parsed.data;
  const problems: string[] = [];
  const laps = data.laps.map((l, i): IncomingLap => {
    const where = `LAP '${l.name}' (laps[${i}])`;
    const seen = new Set<string>();
    const list: IncomingWard[] = [];
    for (const w of l.wards) {
      const code = w.code.trim().toUpperCase();
      const ward = wards.get(code);
      if (!ward) problems.push(`: ${where}: there is no ward with code ${w.code}.`);
      else if (seen.has(code)) problems.push(`: ${where}: ${ward.name} (${code}) is listed twice.`);
      else {
        seen.add(code);
        list.push({ code, where });
      }
    }
    return { name: l.name, setName: l.set, colour: l.colour?.toLowerCase(), notes: l.notes, wards: list, where };
  });
  if (problems.length) fail(file, problems);
  return { sets: data.sets.map((s) => ({ name: s.name, kind: s.kind, council: s.council ?? null })), laps };
}

function readCsv(file: string, content: string, wards: Map<string, WardInfo>): Incoming {
  let rows;
  try {
    rows = parseCsv(content);
  } catch (err) {
    throw new AppError('invalid-input', `${file}: ${(err as Error).message}.`);
  }
  if (rows.length === 0) throw new AppError('invalid-input', `${file} is empty.`);
  const header = rows[0]!.cells.map((c) => c.trim().toLowerCase().replace(/^\uFEFF/, ''));
  const index = LAP_CSV_COLUMNS.map((c) => header.indexOf(c));
  const missing = LAP_CSV_COLUMNS.filter((_, i) => index[i]! < 0);
  if (missing.length) {
    throw new AppError(
      'invalid-input',
      `${file}: the header row has no ${listJoin(missing, 'or')} column (expected ${LAP_CSV_COLUMNS.join(',')}; found ${showText(rows[0]!.cells.join(',').slice(0, 120))}).`,
    );
  }
  const [iLap, iCode, iName] = index as [number, number, number];
  const wardList = [...wards.values()];
  const laps = new Map<string, IncomingLap & { firstRow: Map<string, number> }>();
  const problems: string[] = [];
  for (const row of rows.slice(1)) {
    const cell = (i: number) => uncsvCell(row.cells[i] ?? '').trim();
    const where = `row ${row.line}`;
    const lapName = cell(iLap);
    const codeText = cell(iCode).toUpperCase();
    const wardName = cell(iName);
    if (!lapName) {
      problems.push(`${where}: lap_name is empty.`);
      continue;
    }
    if (lapName.length > 200) {
      problems.push(`${where}: the LAP name is longer than 200 characters.`);
      continue;
    }
    if (hasControlCharacters(lapName)) {
      problems.push(`${where}: the LAP name contains a line break or control character.`);
      continue;
    }
    const key = nameKey(lapName);
    if (!key) {
      problems.push(`${where}: a LAP name needs at least one letter or digit.`);
      continue;
    }
    let lap = laps.get(key);
    if (!lap) {
      lap = { name: lapName, setName: null, wards: [], where, firstRow: new Map() };
      laps.set(key, lap);
    }
    let code: string | null = null;
    if (codeText) {
      const ward = wards.get(codeText);
      if (!ward) {
        problems.push(`${where}: there is no ward with code ${codeText}.`);
        continue;
      }
      if (wardName && normaliseName(wardName) !== normaliseName(ward.name)) {
        const byName = findWard(wardList, wardName);
        if (!byName.ok || byName.ward.code !== ward.code) {
          problems.push(`${where}: ward code ${codeText} is ${ward.name}, but the row says ${wardName}.`);
          continue;
        }
      }
      code = codeText;
    } else if (wardName) {
      const found = findWard(wardList, wardName);
      if (!found.ok) {
        problems.push(`${where}: ${found.message}`);
        continue;
      }
      code = found.ward.code;
    }
    if (!code) continue; // a LAP with no wards: "name,,"
    const first = lap.firstRow.get(code);
    if (first !== undefined) {
      problems.push(`${where}: ${wards.get(code)!.name} (${code}) is listed twice for LAP '${lap.name}' (first on row ${first}).`);
      continue;
    }
    lap.firstRow.set(code, row.line);
    lap.wards.push({ code, where });
  }
  if (problems.length) fail(file, problems.map((p) => ` ${p}`));
  return { sets: [], laps: [...laps.values()] };
}

export interface ImportArgs {
  content: string;
  format?: 'json' | 'csv' | undefined;
  fileName?: string | undefined;
  setId?: number | undefined;
  onNameClash: 'rename' | 'fail';
}

export function importLaps(ctx: ServiceContext, args: ImportArgs): LapImportResult {
  const { db } = ctx;
  const format = args.format ?? detectFormat(args.content);
  const file = args.fileName ?? (format === 'csv' ? 'The CSV file' : 'The file');
  const wards = loadWards(db);
  const incoming = format === 'json' ? readJson(file, args.content, wards) : readCsv(file, args.content, wards);
  if (incoming.laps.length === 0 && incoming.sets.length === 0) throw new AppError('invalid-input', `${file} has no LAPs in it.`);

  return write(db, () => {
    const result: LapImportResult = { fileName: file, format, setsCreated: [], laps: [], messages: [] };
    const target = args.setId !== undefined ? getSet(db, args.setId) : null;

    // Sets: the target for everything, or the file's sets matched by name (created when new).
    const setsByKey = new Map<string, LapSet>();
    const resolveSet = (s: IncomingSet): LapSet => {
      const existing = findSetByName(db, s.name);
      if (existing) {
        if (existing.kind !== s.kind) {
          throw new AppError('conflict', `${file}: the set ${s.name} is ${s.kind} in the file but ${existing.kind} here; rename one of them first.`);
        }
        if (s.council && existing.council && existing.council.code !== s.council) {
          throw new AppError('conflict', `${file}: the set ${s.name} is for another council here (${existing.council.name}).`);
        }
        return existing;
      }
      if (s.kind === 'official' && !s.council) {
        throw new AppError('invalid-input', `${file}: the official set ${s.name} has no council; official sets need one (E06000061 or E06000062).`);
      }
      const created = createSet(db, { name: s.name, kind: s.kind, councilCode: s.council });
      result.setsCreated.push(created.name);
      result.messages.push(`Created the ${created.kind} set ${created.name}.`);
      return created;
    };
    if (!target) for (const s of incoming.sets) if (!setsByKey.has(nameKey(s.name))) setsByKey.set(nameKey(s.name), resolveSet(s));
    let csvDefault: LapSet | undefined;
    const setFor = (lap: IncomingLap): LapSet => {
      if (target) return target;
      if (lap.setName === null) return (csvDefault ??= defaultCustomSet(db));
      const known = setsByKey.get(nameKey(lap.setName)) ?? findSetByName(db, lap.setName);
      if (!known) throw new AppError('invalid-input', `${at(file, lap.where)}: its set ${lap.setName} is not in the file's list of sets, nor in this database.`);
      return known;
    };

    for (const lap of incoming.laps) {
      const set = setFor(lap);
      const codes = lap.wards.map((w) => w.code);
      const sameName = db.prepare('SELECT id FROM lap WHERE set_id = ? AND name_key = ?').get(set.id, nameKey(lap.name)) as { id: number } | undefined;
      let name = lap.name;
      let action: LapImportResult['laps'][number]['action'] = 'created';
      if (sameName) {
        const theirs = [...codes].sort().join(',');
        if (wardCodesOf(db, sameName.id).join(',') === theirs) {
          const before = getLap(ctx, sameName.id);
          if (lap.colour !== undefined) updateLapField(db, sameName.id, 'colour', lap.colour);
          if (lap.notes !== undefined) updateLapField(db, sameName.id, 'notes', lap.notes);
          const after = getLap(ctx, sameName.id);
          const changed = before.colour !== after.colour || before.notes !== after.notes;
          if (changed) result.messages.push(`${after.name} in ${set.name} was already here with the same wards; its colour and notes now match the file.`);
          result.laps.push({ id: after.id, name: after.name, setName: set.name, action: changed ? 'updated' : 'unchanged' });
          continue;
        }
        if (args.onNameClash === 'fail') {
          throw new AppError('conflict', `${at(file, lap.where)}: there is already a LAP called ${lap.name} in ${set.name} (with other wards).`);
        }
        name = freeName(lap.name, (n) => isLapNameTaken(db, set.id, n));
        action = 'renamed';
      }
      const problems = wardListProblems(db, set, codes, wards);
      if (problems.length) throw new AppError('invalid-input', `${at(file, lap.where)}: ${problems.join(' ')}`);
      if (set.kind === 'official') {
        const clashes = findClashes(db, set.id, codes, null);
        if (clashes.length) {
          const where = lap.wards.find((w) => w.code === clashes[0]!.wardCode)?.where ?? lap.where;
          throw new AppError('conflict', `${at(file, where)}: ${clashMessage(clashes)}`);
        }
      }
      const id = insertLap(db, { setId: set.id, name, wards: codes, colour: lap.colour, notes: lap.notes });
      if (action === 'renamed') {
        result.messages.push(`${set.name} already has a LAP called ${lap.name} with other wards, so the imported one is called ${name}.`);
      }
      result.laps.push({ id, name, setName: set.name, action, ...(action === 'renamed' ? { fileName: lap.name } : {}) });
    }
    result.laps.sort((a, b) => compareNames(a.setName, b.setName) || compareNames(a.name, b.name));
    return result;
  });
}
