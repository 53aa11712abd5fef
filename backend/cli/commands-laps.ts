/** CLI commands for LAPs and LAP sets. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Lap, LapSet } from '../../shared/contract/laps.ts';
import { compareNames, findWard, listJoin, nameKey, splitWardList } from '../../shared/laps.ts';
import { searchByName } from '../../shared/names.ts';
import type { Backend } from '../backend.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, table, type Command, type Io } from './common.ts';

const formatPopulation = (lap: { population: number | null }) => (lap.population === null ? 'not loaded' : lap.population.toLocaleString('en-GB'));

/** Finds a set by id or forgiving name ('west' -> West Northamptonshire LAPs when unique). */
export async function resolveSet(backend: Backend, text: string): Promise<LapSet> {
  const sets = await call(backend, 'lapSets.list', {});
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const byId = sets.find((s) => s.id === Number(t));
    if (byId) return byId;
  }
  const exact = sets.filter((s) => nameKey(s.name) === nameKey(t));
  if (exact.length === 1) return exact[0]!;
  const matches = searchByName(sets, t, (s) => s.name);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CliError(`'${t}' matches ${matches.length} LAP sets: ${matches.map((s) => s.name).join(', ')}. Use the full name.`);
  }
  throw new CliError(`There is no LAP set called '${t}'. Sets: ${sets.map((s) => s.name).join(', ') || 'none'}.`);
}

/** Finds a LAP by its name (forgiving on case and punctuation, but whole names only), optionally within a set. */
export async function resolveLap(backend: Backend, name: string, setText?: string): Promise<Lap> {
  const set = setText ? await resolveSet(backend, setText) : undefined;
  const laps = await call(backend, 'laps.list', set ? { setId: set.id } : {});
  const found = laps.filter((l) => nameKey(l.name) === nameKey(name));
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new CliError(`'${name}' is in ${found.length} sets: ${found.map((l) => l.set.name).join(', ')}. Say which with --set.`);
  }
  const near = searchByName(laps, name, (l) => l.name).slice(0, 5);
  const hint = near.length ? ` Did you mean ${listJoin(near.map((l) => l.name), 'or')}?` : '';
  throw new CliError(`There is no LAP called '${name}'${set ? ` in ${set.name}` : ''}.${hint}`);
}

/** Turns "Castle, st george, E05013239" into ward codes; every unknown or ambiguous name is reported at once. */
export async function resolveWards(backend: Backend, text: string): Promise<string[]> {
  const wards = await call(backend, 'wards.list', {});
  const codes: string[] = [];
  const problems: string[] = [];
  for (const part of splitWardList(text)) {
    const r = findWard(wards, part);
    if (!r.ok) problems.push(r.message);
    else if (codes.includes(r.ward.code)) problems.push(`${r.ward.name} is listed twice.`);
    else codes.push(r.ward.code);
  }
  if (problems.length) throw new CliError(problems.join(' '));
  return codes;
}

function positionalName(cli: ParsedCli, what: string, usage: string): string {
  const name = cli.positional.slice(1).join(' ').trim();
  if (!name) throw new CliError(`Give the ${what}: ${usage}`);
  return name;
}

function describeLap(lap: Lap): string {
  return `${lap.name} in ${lap.set.name}: ${lap.wardCount} ward${lap.wardCount === 1 ? '' : 's'} (${lap.wards.map((w) => w.name).join(', ') || 'none yet'}), population ${formatPopulation(lap)}.`;
}

function print(io: Io, cli: ParsedCli, json: unknown, text: string) {
  io.out(cli.flags.has('json') ? JSON.stringify(json, null, 2) : text);
}

const USAGE = {
  create: 'lap create NAME --wards "Castle, St George, ..." [--set SET] [--colour #hex] [--notes TEXT]',
  delete: 'lap delete NAME [--set SET]',
  show: 'lap show NAME [--set SET] [--json]',
  export: 'lap export NAME|--set SET|--all [--format json|csv|geojson] [--out FILE]',
  import: 'lap import FILE [--set SET] [--on-clash rename|fail]',
  coverage: 'lap coverage --set SET [--json]',
  sets: 'lap sets [--json]',
};

const subcommands: Record<string, (backend: Backend, cli: ParsedCli, io: Io) => Promise<void>> = {
  async create(backend, cli, io) {
    const name = positionalName(cli, 'LAP name', USAGE.create);
    const wardText = stringOption(cli, 'wards');
    if (wardText === undefined) throw new CliError(`Say which wards with --wards: ${USAGE.create}`);
    const wards = await resolveWards(backend, wardText);
    const setText = stringOption(cli, 'set');
    let set: LapSet;
    if (setText) set = await resolveSet(backend, setText);
    else {
      const custom = (await call(backend, 'lapSets.list', {})).find((s) => s.kind === 'custom');
      if (!custom) throw new CliError('Say which LAP set with --set SET (there is no custom set to use by default).');
      set = custom;
    }
    const colour = stringOption(cli, 'colour') ?? stringOption(cli, 'color');
    const notes = stringOption(cli, 'notes');
    const lap = await call(backend, 'laps.create', { setId: set.id, name, wards, ...(colour ? { colour } : {}), ...(notes ? { notes } : {}) });
    print(io, cli, lap, `Created ${describeLap(lap)}`);
  },

  async delete(backend, cli, io) {
    const lap = await resolveLap(backend, positionalName(cli, 'LAP name', USAGE.delete), stringOption(cli, 'set'));
    await call(backend, 'laps.delete', { id: lap.id });
    print(io, cli, { deleted: lap.id, name: lap.name, set: lap.set.name }, `Deleted ${lap.name} from ${lap.set.name}.`);
  },

  async show(backend, cli, io) {
    const lap = await resolveLap(backend, positionalName(cli, 'LAP name', USAGE.show), stringOption(cli, 'set'));
    const outline = await call(backend, 'laps.outline', { id: lap.id });
    const lines = [
      `${lap.name} (${lap.set.name}, ${lap.set.kind})`,
      `Colour: ${lap.colour}`,
      `Wards (${lap.wardCount}): ${lap.wards.map((w) => `${w.name} (${w.code})`).join(', ') || 'none yet'}`,
      `Population: ${formatPopulation(lap)}${lap.populationNote ? ` (${lap.populationNote})` : ''}`,
      `Councils: ${lap.councils.map((c) => c.name).join(', ') || 'none'}`,
      `Area: ${outline.areaHectares.toLocaleString('en-GB')} ha${outline.message ? `. ${outline.message}` : ''}`,
      ...(lap.notes ? [`Notes: ${lap.notes}`] : []),
    ];
    print(io, cli, { ...lap, outline: { parts: outline.parts, message: outline.message, areaHectares: outline.areaHectares } }, lines.join('\n'));
  },

  async export(backend, cli, io) {
    const out = stringOption(cli, 'out');
    const ext = out ? path.extname(out).toLowerCase().replace('.', '') : '';
    const formatText = stringOption(cli, 'format') ?? (ext === 'csv' ? 'csv' : ext === 'geojson' ? 'geojson' : 'json');
    if (!['json', 'csv', 'geojson'].includes(formatText)) throw new CliError(`--format must be json, csv or geojson (not '${formatText}').`);
    const format = formatText as 'json' | 'csv' | 'geojson';
    const setText = stringOption(cli, 'set');
    const name = cli.positional.slice(1).join(' ').trim();
    let target: { lapId?: number; setId?: number } = {};
    if (name) target = { lapId: (await resolveLap(backend, name, setText)).id };
    else if (setText) target = { setId: (await resolveSet(backend, setText)).id };
    else if (!cli.flags.has('all')) throw new CliError(`Name a LAP, or use --set SET or --all: ${USAGE.export}`);
    const file = await call(backend, 'laps.export', { ...target, format });
    if (!out) {
      io.out(file.content);
      return;
    }
    try {
      writeFileSync(out, file.content, 'utf8');
    } catch (err) {
      throw new CliError(`Could not write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    io.out(`Wrote ${file.lapCount} LAP${file.lapCount === 1 ? '' : 's'} to ${out} (${format}).`);
  },

  async import(backend, cli, io) {
    const file = positionalName(cli, 'file to import', USAGE.import);
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`Could not read ${file}: ${code === 'ENOENT' ? 'there is no such file' : (code ?? (err as Error).message)}.`);
    }
    const ext = path.extname(file).toLowerCase();
    const format = ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : undefined;
    const setText = stringOption(cli, 'set');
    const clash = stringOption(cli, 'on-clash') ?? 'rename';
    if (clash !== 'rename' && clash !== 'fail') throw new CliError(`--on-clash must be rename or fail (not '${clash}').`);
    const result = await call(backend, 'laps.import', {
      content,
      fileName: path.basename(file),
      onNameClash: clash,
      ...(format ? { format } : {}),
      ...(setText ? { setId: (await resolveSet(backend, setText)).id } : {}),
    });
    const counts = (['created', 'renamed', 'updated', 'unchanged'] as const)
      .map((a) => [a, result.laps.filter((l) => l.action === a).length] as const)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${n} ${a}`);
    const lines = [
      `Imported ${result.laps.length} LAP${result.laps.length === 1 ? '' : 's'} from ${result.fileName}${counts.length ? ` (${counts.join(', ')})` : ''}.`,
      ...result.laps.map((l) => `  ${l.name} (${l.setName}): ${l.action}${l.fileName ? ` from ${l.fileName}` : ''}`),
      ...result.messages,
    ];
    print(io, cli, result, lines.join('\n'));
  },

  async coverage(backend, cli, io) {
    const setText = stringOption(cli, 'set');
    if (!setText) throw new CliError(`Say which set with --set: ${USAGE.coverage}`);
    const cov = await call(backend, 'lapSets.coverage', { id: (await resolveSet(backend, setText)).id });
    const lines = cov.councils.map(
      (c) =>
        `${c.name}: ${c.coveredCount} of ${c.wardCount} wards are in a LAP of ${cov.setName}; ${c.uncovered.length} are not` +
        (c.uncovered.length ? `: ${c.uncovered.map((w) => w.name).join(', ')}.` : '.'),
    );
    print(io, cli, cov, lines.join('\n'));
  },

  async sets(backend, cli, io) {
    const sets = await call(backend, 'lapSets.list', {});
    print(
      io,
      cli,
      sets,
      table([['SET', 'KIND', 'COUNCIL', 'LAPS'], ...sets.map((s) => [s.name, s.kind, s.council?.name ?? '', String(s.lapCount)])]),
    );
  },
};

export const lapCommands: Record<string, Command> = {
  laps: {
    usage: 'laps [--json] [--set SET]     List LAPs (name, set, wards, population)',
    valueOptions: ['set'],
    async run(backend, cli, io) {
      const setText = stringOption(cli, 'set');
      const laps = await call(backend, 'laps.list', setText ? { setId: (await resolveSet(backend, setText)).id } : {});
      if (cli.flags.has('json')) {
        io.out(JSON.stringify(laps, null, 2));
        return;
      }
      if (laps.length === 0) {
        io.out('No LAPs yet.');
        return;
      }
      io.out(
        table([
          ['NAME', 'SET', 'WARDS', 'POPULATION', 'WARD NAMES'],
          ...laps.map((l) => [l.name, l.set.name, String(l.wardCount), formatPopulation(l), l.wards.map((w) => w.name).join(', ')]),
        ]),
      );
    },
  },
  lap: {
    usage: [
      `${USAGE.create}`,
      ...Object.entries(USAGE)
        .filter(([k]) => k !== 'create')
        .map(([, u]) => `  ${u}`),
    ].join('\n'),
    valueOptions: ['set', 'wards', 'colour', 'color', 'notes', 'format', 'out', 'on-clash'],
    async run(backend, cli, io) {
      const sub = cli.positional[0];
      const run = sub ? subcommands[sub] : undefined;
      if (!run) {
        const known = Object.keys(subcommands).sort(compareNames).join(', ');
        throw new CliError(sub ? `Unknown lap command '${sub}'. Use one of: ${known}.` : `Say what to do: lap ${known.replace(/, /g, '|')}.`);
      }
      await run(backend, cli, io);
    },
  },
};
