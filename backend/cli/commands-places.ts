/**
 * CLI commands for places (GP surgeries, pharmacies, family hubs, food banks, ...): import a list, see the places of a
 * LAP or ward, attach a place to a LAP by hand, and the straight-line distances from ward centres.
 *
 *   lap-insight places [--lap NAME [--set SET]] [--ward WARD] [--category C] [--json | --csv [--out FILE]]
 *   lap-insight places import FILE [--name NAME] [--check] [--replace] [--json]
 *                              [--postcodes FILE] [--category gp|pharmacy] [--replace-builtin]
 *   lap-insight places restore-builtin   (brings the hidden built-in GP practices and pharmacies back)
 *   lap-insight places lists [--json] | places delete-list ID
 *   lap-insight places attach PLACE_ID --lap NAME | places detach PLACE_ID --lap NAME
 *   lap-insight places access --lap NAME|--ward WARD|--council NAME [--json]
 *   lap-insight places centres [import FILE | clear] [--json]
 *
 * Every command calls the same backend verbs as the app (shared/contract/places.ts) through the dispatcher; the
 * places CSV is the one the 'places-csv' export makes.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import type { ImportIssue } from '../../shared/contract/data.ts';
import type { PlaceImportResult } from '../../shared/contract/places.ts';
import {
  categoryListText,
  matchPlaceCategory,
  placeCategory,
  PLACE_CATEGORIES,
  type AreaPlaces,
  type CentresInfo,
  type PlaceCategoryId,
} from '../../shared/places.ts';
import type { Backend } from '../backend.ts';
import { fmt, plural } from '../io/numbers.ts';
import { placesCsv } from '../report/csv.ts';
import { accessNote, councilName, howText, shownCategories } from '../report/places-table.ts';
import { exportFileName } from '../report/service.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, table, type Command, type Io } from './common.ts';
import { resolveLap, resolveWards } from './commands-laps.ts';
import { resolveProfileArea } from './commands-profile.ts';

const USAGE = {
  list: 'places [--lap NAME [--set SET]] [--ward WARD] [--category C] [--json | --csv [--out FILE]]',
  import: 'places import FILE [--name NAME] [--check] [--replace] [--json] [--postcodes FILE] [--category C] [--replace-builtin]',
  'restore-builtin': 'places restore-builtin [--json]',
  lists: 'places lists [--json]',
  'delete-list': 'places delete-list ID',
  attach: 'places attach PLACE_ID --lap NAME [--set SET]',
  detach: 'places detach PLACE_ID --lap NAME [--set SET]',
  access: 'places access --lap NAME [--set SET] | --ward WARD | --council NAME [--json]',
  centres: 'places centres [import FILE | clear] [--json]',
};

function print(io: Io, cli: ParsedCli, json: unknown, text: string): void {
  io.out(cli.flags.has('json') ? JSON.stringify(json, null, 2) : text);
}

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`Could not read ${file}: ${code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? (err as Error).message)}.`);
  }
}

/** "gp", "GP practices", "pharmacy,food bank" -> category ids; an unknown one is an error naming the choices. */
export function parseCategories(text: string | undefined): PlaceCategoryId[] | undefined {
  if (text === undefined) return undefined;
  const out: PlaceCategoryId[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const id = matchPlaceCategory(part);
    if (!id) throw new CliError(`'${part}' is not a kind of place. Use one of: ${categoryListText()} (or their ids: ${PLACE_CATEGORIES.map((c) => c.id).join(', ')}).`);
    if (!out.includes(id)) out.push(id);
  }
  if (out.length === 0) throw new CliError(`--category needs a kind of place, e.g. --category gp`);
  return out;
}

function placeId(cli: ParsedCli, usage: string): number {
  const arg = cli.positional[1];
  const id = Number(arg);
  if (!arg || !Number.isInteger(id) || id <= 0) throw new CliError(`Give the place's id (a whole number, see lap-insight places): ${usage}`);
  return id;
}

async function oneWard(backend: Backend, text: string): Promise<string> {
  const codes = await resolveWards(backend, text);
  if (codes.length !== 1) throw new CliError(`--ward takes one ward (not ${codes.length}).`);
  return codes[0]!;
}

/** The area of `places access` / `places --csv`: --lap, --ward or --council (or a name, as `profile` takes). */
async function areaOf(backend: Backend, cli: ParsedCli, usage: string, words: string[]): Promise<ProfileAreaArg | null> {
  const lap = stringOption(cli, 'lap');
  const ward = stringOption(cli, 'ward');
  const council = stringOption(cli, 'council');
  const given = [lap, ward, council].filter((x) => x !== undefined).length;
  if (given > 1) throw new CliError(`Give one area: --lap, --ward or --council (${usage}).`);
  if (lap !== undefined) return { kind: 'lap', id: (await resolveLap(backend, lap, stringOption(cli, 'set'))).id };
  if (ward !== undefined) return { kind: 'ward', code: await oneWard(backend, ward) };
  if (council !== undefined) {
    const area = await resolveProfileArea(backend, council);
    if (area.kind !== 'council') throw new CliError(`--council is West Northamptonshire or North Northamptonshire (or E06000062, E06000061), not '${council}'.`);
    return area;
  }
  const name = words.join(' ').trim();
  return name ? resolveProfileArea(backend, name, stringOption(cli, 'set')) : null;
}

// ---- import ----

/** "file: row 7, column 'category': ..." (the message names the row and column; older ones may not). */
export function issueText(i: ImportIssue): string {
  if (/^(row|feature|rows|features) \d/.test(i.message) || i.row === null) return `${i.file}: ${i.message}`;
  return `${i.file}: row ${i.row}${i.column ? `, column '${i.column}'` : ''}: ${i.message}`;
}

function byCategoryText(by: Partial<Record<PlaceCategoryId, number>>): string {
  return PLACE_CATEGORIES.filter((c) => (by[c.id] ?? 0) > 0)
    .map((c) => `${fmt(by[c.id]!)} ${(by[c.id] === 1 ? c.label : c.plural).replace(/^[A-Z](?!P)/, (m) => m.toLowerCase())}`)
    .join(', ');
}

function importLines(r: PlaceImportResult, fileName: string): string[] {
  const c = r.counts;
  const kinds = byCategoryText(c.byCategory);
  const outside = c.outside ? `; ${fmt(c.outside)} of them ${c.outside === 1 ? 'lies' : 'lie'} outside the two councils (kept for distances)` : '';
  const coords = r.coordinates === 'easting-northing' ? 'eastings and northings' : r.coordinates === 'lon-lat' ? 'longitude and latitude' : r.coordinates === 'geojson' ? 'GeoJSON points' : null;
  const lines: string[] = [];
  if (r.status === 'imported') {
    lines.push(`${fileName}: imported as list ${r.list?.id ?? '?'}${r.list ? ` ("${r.list.name}")` : ''}: ${plural(c.places, 'place')} from ${plural(c.rows, 'row')}${kinds ? ` (${kinds})` : ''}${outside}.`);
    if (r.replacedListIds.length) lines.push(`  ${r.message.slice(r.message.indexOf(' It replaces ') + 1)}`);
  } else if (r.status === 'checked') {
    lines.push(`${fileName}: checked, no errors: ${plural(c.places, 'place')} would be imported from ${plural(c.rows, 'row')}${kinds ? ` (${kinds})` : ''}${outside} (nothing was stored).`);
  } else {
    const n = r.report.errors;
    lines.push(n > 0 ? `${fileName}: nothing was stored: ${plural(n, 'problem')} to fix first, each listed below.` : `${fileName}: ${r.message}`);
  }
  if (coords && r.status !== 'failed') lines.push(`  Coordinates: ${coords}.`);
  return lines;
}

async function importPlaces(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const file = cli.positional.slice(1).join(' ').trim();
  if (!file) throw new CliError(`Give the file to import: ${USAGE.import}`);
  const data = readFile(file);
  const fileName = path.basename(file);
  const name = stringOption(cli, 'name');
  // An NHS ODS extract (no category column, postcodes but no coordinates): one category for the file and a
  // postcode lookup file (an ONS Postcode Directory extract: pcds, lat, long).
  const categories = parseCategories(stringOption(cli, 'category'));
  if (categories && categories.length > 1) throw new CliError(`--category takes one kind of place when importing (e.g. --category gp).`);
  const postcodesFile = stringOption(cli, 'postcodes');
  const postcodes = postcodesFile ? { fileName: path.basename(postcodesFile), contentBase64: readFile(postcodesFile).toString('base64') } : undefined;
  const r = await call(backend, 'places.import', {
    fileName,
    contentBase64: data.toString('base64'),
    ...(name ? { name } : {}),
    check: cli.flags.has('check'),
    onDuplicate: cli.flags.has('replace') ? 'replace' : 'refuse',
    ...(categories ? { category: categories[0]! } : {}),
    ...(postcodes ? { postcodes } : {}),
    ...(cli.flags.has('replace-builtin') ? { replaceBuiltin: true } : {}),
  });
  const json = cli.flags.has('json');
  // Every problem, one line each: errors on stderr, warnings (rows left out, say) with the summary. Each error is
  // printed once: the last line does not repeat it, and a refusal without listed errors is said on stderr only.
  const errors = r.report.issues.filter((i) => i.severity === 'error');
  const others = r.report.issues.filter((i) => i.severity !== 'error');
  if (json) io.out(JSON.stringify(r, null, 2));
  else if (!(r.status === 'failed' && errors.length === 0)) io.out(importLines(r, fileName).join('\n'));
  if (!json) for (const i of others) io.out(`  ${i.severity}: ${issueText(i)}`);
  for (const i of errors) io.err(issueText(i));
  if (r.report.omitted > 0) io.err(`${fileName}: … and ${plural(r.report.omitted, 'more problem')} not listed`);
  if (r.status === 'failed') {
    if (errors.length === 0) throw new CliError(`nothing was imported: ${fileName}: ${r.message}`);
    throw new CliError(`nothing was imported from ${fileName}: ${plural(Math.max(r.report.errors, 1), 'problem')}, listed above`);
  }
}

// ---- listing ----

async function listPlaces(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const categories = parseCategories(stringOption(cli, 'category'));
  const lapText = stringOption(cli, 'lap');
  const wardText = stringOption(cli, 'ward');
  const setText = stringOption(cli, 'set');
  if (setText !== undefined && lapText === undefined) throw new CliError(`--set says which set a LAP is in: use it with --lap NAME (${USAGE.list}).`);
  const lap = lapText !== undefined ? await resolveLap(backend, lapText, setText) : undefined;
  const wardCode = wardText !== undefined ? await oneWard(backend, wardText) : undefined;

  if (cli.flags.has('csv')) {
    if (!lap && !wardCode) throw new CliError(`--csv writes an area's places list: add --lap NAME or --ward WARD (or use --json for every place).`);
    if (lap && wardCode) throw new CliError('--csv writes one area: give --lap or --ward, not both.');
    const area: ProfileAreaArg = lap ? { kind: 'lap', id: lap.id } : { kind: 'ward', code: wardCode! };
    const places = await call(backend, 'places.forArea', { area });
    if (!places.hasPlaces) throw new CliError('No places are loaded yet. Import a list first: lap-insight places import FILE');
    const csv = placesCsv(places, categories);
    const out = stringOption(cli, 'out');
    if (!out) {
      io.out(csv.replace(/\r\n$/, ''));
      return;
    }
    const target = path.resolve(out);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, csv, 'utf8');
    } catch (err) {
      throw new CliError(`Could not write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const rows = csv.split('\r\n').length - 2;
    io.out(`Wrote ${plural(rows, 'place')} of ${places.area.name} to ${target} (the app would call it "${exportFileName(places.area.name, 'places-csv', categories)}").`);
    return;
  }

  const list = await call(backend, 'places.list', {
    ...(lap ? { lapId: lap.id } : {}),
    ...(wardCode ? { wardCode } : {}),
    ...(categories ? { categories } : {}),
  });
  if (cli.flags.has('json')) {
    io.out(JSON.stringify(list, null, 2));
    return;
  }
  if (list.length === 0) {
    const lists = await call(backend, 'places.lists', {});
    io.out(lists.length === 0 ? 'No places are loaded yet. Import a list with: lap-insight places import FILE' : 'No places match.');
    return;
  }
  const head = ['ID', 'NAME', 'CATEGORY', 'WARD', ...(lap ? ['HOW'] : ['LAPS'])];
  const rows = list.map((p) => {
    const ward = p.ward ? p.ward.name : 'outside the two councils';
    const how = lap ? howText(p.laps.find((l) => l.id === lap.id)?.how ?? 'location') : p.laps.map((l) => `${l.name}${l.how === 'attached' ? ' (attached)' : ''}`).join(', ');
    return [String(p.id), p.name.length > 60 ? `${p.name.slice(0, 59)}…` : p.name, placeCategory(p.category).label, ward, how];
  });
  io.out(table([head, ...rows]));
  io.out(`${plural(list.length, 'place')}${lap ? ` in or attached to ${lap.name}` : wardCode ? ` in ${rows[0]![3]}` : ''}.`);
}

async function showLists(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const lists = await call(backend, 'places.lists', {});
  if (cli.flags.has('json')) {
    io.out(JSON.stringify(lists, null, 2));
    return;
  }
  if (lists.length === 0) {
    io.out('No places are loaded yet. Import a list with: lap-insight places import FILE');
    return;
  }
  io.out(
    table([
      ['ID', 'NAME', 'FILE', 'IMPORTED', 'PLACES', 'OUTSIDE', 'KINDS'],
      ...lists.map((l) => [String(l.id), l.name, l.fileName, l.importedAt.slice(0, 10), fmt(l.count), fmt(l.outside), byCategoryText(l.byCategory)]),
    ]),
  );
}

// ---- access ----

function km(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(1);
}

export function accessText(a: AreaPlaces): string {
  if (!a.hasPlaces) return 'No places are loaded yet. Import a list with: lap-insight places import FILE';
  const cats = shownCategories(a);
  const lines: string[] = [];
  const pop = a.area.population === null ? '' : `, ${a.area.population.toLocaleString('en-GB')} residents`;
  lines.push(`Places and access: ${a.area.name} (${plural(a.wards.length, 'ward')}${pop})`, '');
  lines.push(
    table([
      ['KIND', 'INSIDE', 'ATTACHED', 'TOTAL', 'PER 10,000'],
      ...cats.map((id) => {
        const n = a.counts.find((c) => c.category === id);
        return [placeCategory(id).plural, fmt(n?.inside ?? 0), fmt(n?.attachedOutside ?? 0), fmt(n?.total ?? 0), n?.per10k === null || n?.per10k === undefined ? '-' : n.per10k.toFixed(1)];
      }),
    ]),
  );
  lines.push('', 'Straight-line distance to the nearest place, km (not travel time):');
  lines.push(
    table([
      ['WARD', ...cats.map((id) => placeCategory(id).plural.toUpperCase())],
      ...a.wards.map((w) => [w.name, ...cats.map((id) => km(w.nearest[id]?.km))]),
      [`${a.area.name} (average)`, ...cats.map((id) => km(a.areaAverage[id]))],
      ...a.councils.map((c) => [`${c.name || councilName(c.code)} (average)`, ...cats.map((id) => km(c.average[id]))]),
    ]),
  );
  lines.push('', accessNote(a));
  return lines.join('\n');
}

async function access(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const area = await areaOf(backend, cli, USAGE.access, cli.positional.slice(1));
  if (!area) throw new CliError(`Say which area: ${USAGE.access}`);
  const a = await call(backend, 'places.forArea', { area });
  print(io, cli, a, accessText(a));
}

// ---- attach / detach / delete ----

async function attachOrDetach(backend: Backend, cli: ParsedCli, io: Io, verb: 'attach' | 'detach'): Promise<void> {
  const usage = USAGE[verb];
  const id = placeId(cli, usage);
  const lapText = stringOption(cli, 'lap');
  if (!lapText) throw new CliError(`Say which LAP with --lap NAME: ${usage}`);
  const lap = await resolveLap(backend, lapText, stringOption(cli, 'set'));
  const place = await call(backend, verb === 'attach' ? 'places.attach' : 'places.detach', { placeId: id, lapId: lap.id });
  const link = place.laps.find((l) => l.id === lap.id);
  const kind = placeCategory(place.category).label;
  const text =
    verb === 'attach'
      ? `Attached ${place.name} (${kind}) to ${lap.name} (${lap.set.name})${link?.how === 'both' ? `; it also lies inside ${lap.name}` : ''}.`
      : `Detached ${place.name} (${kind}) from ${lap.name} (${lap.set.name})${link ? `; it still counts for ${lap.name} because it lies inside it` : ''}.`;
  print(io, cli, place, text);
}

async function deleteList(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const arg = cli.positional[1];
  const id = Number(arg);
  if (!arg || !Number.isInteger(id) || id <= 0) throw new CliError(`Give the list's id (a whole number, see lap-insight places lists): ${USAGE['delete-list']}`);
  const r = await call(backend, 'places.deleteList', { id });
  print(io, cli, r, `Deleted list ${r.id} and its ${plural(r.places, 'place')}.`);
}

// ---- centres ----

function centresText(c: CentresInfo): string {
  const lines = [c.description];
  if (c.method === 'population-weighted') {
    lines.push(`Centroids: ${fmt(c.lsoasWithCentre)} of the ${fmt(c.lsoasNeeded)} LSOAs the wards need${c.fileName ? `, from ${c.fileName}` : ''}${c.importedAt ? ` (imported ${c.importedAt.slice(0, 10)})` : ''}.`);
  }
  return lines.join('\n');
}

async function centres(backend: Backend, cli: ParsedCli, io: Io): Promise<void> {
  const sub = cli.positional[1];
  if (sub === undefined) {
    const c = await call(backend, 'places.centres', {});
    print(io, cli, c, centresText(c));
    return;
  }
  if (sub === 'clear') {
    const c = await call(backend, 'places.clearCentres', {});
    print(io, cli, c, `Cleared the imported centroids.\n${centresText(c)}`);
    return;
  }
  if (sub === 'import') {
    const file = cli.positional.slice(2).join(' ').trim();
    if (!file) throw new CliError(`Give the centroids file: places centres import FILE`);
    const data = readFile(file);
    const r = await call(backend, 'places.importCentres', { fileName: path.basename(file), contentBase64: data.toString('base64') });
    print(io, cli, r, `${path.basename(file)}: ${r.message}\n${centresText(r.centres)}`);
    if (!cli.flags.has('json')) for (const i of r.report.issues.filter((x) => x.severity !== 'error')) io.out(`  ${i.severity}: ${issueText(i)}`);
    const errors = r.report.issues.filter((i) => i.severity === 'error');
    for (const i of errors) io.err(issueText(i));
    if (r.status === 'failed') {
      throw new CliError(errors.length ? `nothing was imported from ${path.basename(file)}: ${plural(Math.max(r.report.errors, 1), 'problem')}, listed above` : `nothing was imported: ${r.message}`);
    }
    return;
  }
  throw new CliError(`Unknown places centres command '${sub}': ${USAGE.centres}`);
}

const subcommands: Record<string, (backend: Backend, cli: ParsedCli, io: Io) => Promise<void>> = {
  import: importPlaces,
  lists: showLists,
  'delete-list': deleteList,
  'restore-builtin': async (backend, cli, io) => {
    const r = await call(backend, 'places.restoreBuiltin', {});
    print(io, cli, r, r.message);
  },
  attach: (b, c, i) => attachOrDetach(b, c, i, 'attach'),
  detach: (b, c, i) => attachOrDetach(b, c, i, 'detach'),
  access,
  centres,
};

export const placeCommands: Record<string, Command> = {
  places: {
    usage: [
      `${USAGE.list}`,
      '                                List places (GP surgeries, pharmacies, ...): all, a LAP\'s or a ward\'s',
      ...Object.entries(USAGE)
        .filter(([k]) => k !== 'list')
        .map(([, u]) => `  ${u}`),
    ].join('\n'),
    valueOptions: ['lap', 'set', 'ward', 'council', 'category', 'name', 'out', 'postcodes'],
    async run(backend, cli, io) {
      const sub = cli.positional[0];
      if (sub === undefined) return listPlaces(backend, cli, io);
      const run = subcommands[sub];
      if (!run) throw new CliError(`Unknown places command '${sub}'. Use one of: ${Object.keys(subcommands).join(', ')} (or no word to list places).`);
      await run(backend, cli, io);
    },
  },
};
