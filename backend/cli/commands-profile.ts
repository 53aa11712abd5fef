/**
 * CLI commands for profiles:
 *
 *   lap-insight profile NAME|AREACODE [--set SET] [--benchmark own|west|north|england] [--json]
 *
 * NAME is a LAP name (forgiving, any set; --set narrows it), else a ward or council name; AREACODE a ward code
 * (E05...) or a council code (E06000062 West, E06000061 North). The profile comes from the same backend verb as the
 * app ('profile.get'); this file only finds the area and renders the answer. Renderers are kept in PROFILE_FORMATS so
 * that more output formats (PDF, CSV, XLSX) can be added as one function each, chosen by a flag.
 */
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import { AMBITIONS } from '../../shared/ambitions.ts';
import { COUNCIL_KEYS, COUNCIL_NAMES, isCouncilCode, NORTH_CODE, WEST_CODE } from '../../shared/domain.ts';
import { BENCHMARK_LABELS, BENCHMARK_NAMES, BENCHMARK_SHORT, formatInterval, formatValue } from '../../shared/format.ts';
import { findWard, listJoin, nameKey } from '../../shared/laps.ts';
import { searchByName } from '../../shared/names.ts';
import type { BenchmarkChoice, Profile, ProfileIndicator } from '../../shared/profile.ts';
import { COMPARISON_LABELS, disclose } from '../../shared/stats/index.ts';
import type { Backend } from '../backend.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, table, type Command, type Io } from './common.ts';
import { runProfileExports } from './commands-report.ts';

const USAGE = 'profile NAME|AREACODE [--set SET] [--benchmark own|west|north|england] [--json] [--pdf FILE [--full]] [--csv FILE] [--xlsx FILE] [--map-png FILE]';
const BENCHMARKS: readonly BenchmarkChoice[] = ['own', 'west', 'north', 'england'];

/**
 * Finds the area a typed argument means: a ward code, a council code, a LAP name (any set, or the one given with
 * --set), else a ward or council name. An ambiguous name is an error that lists the candidates.
 */
export async function resolveProfileArea(backend: Backend, text: string, setText?: string): Promise<ProfileAreaArg> {
  const t = text.trim();
  if (!t) throw new CliError(`Name a LAP, ward or council: ${USAGE}`);
  if (/^E05\d{6}$/i.test(t)) return { kind: 'ward', code: t.toUpperCase() };
  if (/^E0[6-9]\d{6}$/i.test(t)) {
    const code = t.toUpperCase();
    if (!isCouncilCode(code)) {
      throw new CliError(`${code} is not one of the two councils: use E06000062 (West Northamptonshire) or E06000061 (North Northamptonshire).`);
    }
    return { kind: 'council', code };
  }

  let setId: number | undefined;
  if (setText) {
    const sets = await call(backend, 'lapSets.list', {});
    const set = sets.find((s) => nameKey(s.name) === nameKey(setText)) ?? (/^\d+$/.test(setText) ? sets.find((s) => s.id === Number(setText)) : undefined);
    const matches = set ? [set] : searchByName(sets, setText, (s) => s.name);
    if (matches.length !== 1) {
      throw new CliError(
        matches.length === 0
          ? `There is no LAP set called '${setText}'. Sets: ${sets.map((s) => s.name).join(', ') || 'none'}.`
          : `'${setText}' matches ${matches.length} LAP sets: ${matches.map((s) => s.name).join(', ')}. Use the full name.`,
      );
    }
    setId = matches[0]!.id;
  }
  const laps = await call(backend, 'laps.list', setId !== undefined ? { setId } : {});
  const describe = (l: (typeof laps)[number]) => `${l.name} (${l.set.name})`;
  const exact = laps.filter((l) => nameKey(l.name) === nameKey(t));
  if (exact.length === 1) return { kind: 'lap', id: exact[0]!.id };
  if (exact.length > 1) {
    throw new CliError(`'${t}' matches ${exact.length} LAPs: ${exact.map(describe).join(', ')}. Say which with --set SET.`);
  }
  const near = searchByName(laps, t, (l) => l.name);
  if (near.length === 1) return { kind: 'lap', id: near[0]!.id };
  if (near.length > 1) {
    throw new CliError(`'${t}' matches ${near.length} LAPs: ${near.slice(0, 10).map(describe).join(', ')}${near.length > 10 ? ', ...' : ''}. Use the full name.`);
  }
  if (setId === undefined) {
    for (const code of [WEST_CODE, NORTH_CODE] as const) {
      const key = COUNCIL_KEYS[code];
      const names = [COUNCIL_NAMES[code], BENCHMARK_LABELS[key], BENCHMARK_SHORT[key]];
      if (names.some((n) => nameKey(n) === nameKey(t))) return { kind: 'council', code };
    }
    const wards = await call(backend, 'wards.list', {});
    const ward = findWard(wards, t);
    if (ward.ok) return { kind: 'ward', code: ward.ward.code };
    if (ward.candidates.length > 1 && !ward.message.includes('matches no ward')) {
      throw new CliError(`There is no LAP called '${t}', and it ${ward.message.replace(/^'[^']*' /, '')}`);
    }
  }
  const hint = searchByName(laps, t.slice(0, 2), (l) => l.name).slice(0, 5);
  throw new CliError(
    `There is no LAP${setId === undefined ? ', ward or council' : ''} called '${t}'.${hint.length ? ` LAPs include ${listJoin(hint.map(describe), 'and')}.` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Renderers

/** Disclosure control for output: record-level counts 1-7 are shown as '<8'; the statistics are never changed. */
function disclosedCount(ind: ProfileIndicator, n: number | null): string | null {
  return ind.disclosureControlled && n !== null && n > 0 && n < 8 ? disclose(n) : null;
}

/** The profile as JSON: every field of the Profile; small counts of record-level indicators are withheld. */
export function profileJson(profile: Profile): string {
  const indicators = profile.indicators.map((ind) => {
    const num = disclosedCount(ind, ind.numerator);
    const val = ind.valueType === 'count' ? disclosedCount(ind, ind.value) : null;
    if (!num && !val) return ind;
    return { ...ind, ...(num ? { numerator: null, numeratorShown: num } : {}), ...(val ? { value: null, valueShown: val } : {}) };
  });
  return JSON.stringify({ ...profile, indicators }, null, 2);
}

/** What the rendering needs besides the profile. */
export interface ProfileRenderContext {
  /** The benchmark the headline comparison used, by name ('own' resolved). */
  benchmarkName: string;
}

/** 'own' is the own council, or England for a council or a selection that is a whole council. */
export async function benchmarkName(backend: Backend, profile: Profile): Promise<string> {
  if (profile.benchmark !== 'own') return BENCHMARK_NAMES[profile.benchmark];
  const a = profile.area;
  const wards = await call(backend, 'wards.list', {});
  const councilWards = wards.filter((w) => w.authorityCode === a.ownCouncil).length;
  const whole = a.kind === 'council' || (a.wards.length === councilWards && a.wards.every((w) => w.authorityCode === a.ownCouncil));
  return whole ? 'England' : COUNCIL_NAMES[a.ownCouncil];
}

/** A readable table per ambition, with the comparison in words. */
export function profileText(profile: Profile, ctx: ProfileRenderContext): string {
  const a = profile.area;
  const benchName = ctx.benchmarkName;
  const kind = a.kind === 'lap' ? `LAP in ${a.set?.name ?? 'a set'}` : a.kind;
  const lines: string[] = [
    `${a.name} (${kind}): ${a.wards.length} ward${a.wards.length === 1 ? '' : 's'}, population ${a.population === null ? 'not available' : a.population.toLocaleString('en-GB')} (Census 2021)`,
    `Wards: ${a.wards.map((w) => w.name).join(', ')}`,
    `Compared with ${benchName}: significantly worse on ${profile.headline.significantlyWorse} indicator${profile.headline.significantlyWorse === 1 ? '' : 's'}, significantly better on ${profile.headline.significantlyBetter}.`,
  ];
  if (profile.headline.summary) lines.push(`Of ${profile.headline.compared} indicators compared (${profile.headline.judged} could be judged); each concept counted once.`);
  const dep = profile.headline.mostDeprived20;
  if (dep && dep.value !== null) lines.push(`Living in England's 20% most deprived areas (IMD ${dep.period}): ${formatValue({ valueType: 'proportion', unit: '%' }, dep.value)}`);
  for (const amb of AMBITIONS) {
    const inds = profile.indicators.filter((i) => i.ambition === amb.id);
    if (inds.length === 0) continue;
    lines.push('', amb.number === 0 ? amb.title : `${amb.number}. ${amb.title}`);
    const rows = [['INDICATOR', 'PERIOD', 'VALUE', '95% CI', 'WEST', 'NORTH', 'ENGLAND', `COMPARED WITH ${benchName.toUpperCase()}`]];
    for (const i of inds) {
      const range = i.range ? ` (${formatInterval(i, i.range)})` : '';
      const value = i.value === null ? (i.wardLevel ? '\u2013' : 'council only') : `${formatValue(i, i.value)}${i.estimate ? '*' : ''}${range}`;
      const ci = i.ci95 ? formatInterval(i, i.ci95) : '';
      const bench = (k: 'west' | 'north' | 'england') => formatValue(i, i.benchmarks[k].value);
      const words =
        i.value === null && i.wardLevel && i.coverage.wards < i.coverage.of
          ? `Not compared (${i.coverage.wards} of ${i.coverage.of} wards)`
          : i.value !== null && i.comparison === 'not-compared' && i.notComparedReason
            ? `Not compared (${i.notComparedReason.replace(/^(not compared|cannot be compared): /, '')})`
            : i.value !== null && i.ci95 === null && i.comparison === 'not-compared'
              ? 'Not compared (no interval)'
              : `${COMPARISON_LABELS[i.comparison]}${i.valueNote ? ` (${i.valueNote})` : ''}`;
      rows.push([i.shortName, i.period, value, ci, bench('west'), bench('north'), bench('england'), words]);
    }
    lines.push(table(rows));
  }
  lines.push(
    '',
    '* estimate: built from small areas through ONS best-fit lookups. Comparisons use 95% and 99.8% confidence intervals (Fingertips method).',
    ...(profile.legend ? [`${profile.legend.title}: ${profile.legend.entries.map((e) => `${e.word}: ${e.meaning}.`).join(' ')}`] : []),
    ...(profile.notes ?? []),
    `Sources: ${profile.sources.map((s) => s.citation ?? `${s.name} (${s.publisher}, ${s.licence})`).join(' ')}`,
  );
  return lines.join('\n');
}

/** Output formats by flag; the first whose flag is given wins, else 'text'. Add --pdf/--csv/--xlsx here. */
export const PROFILE_FORMATS: { flag: string | null; render: (profile: Profile, ctx: ProfileRenderContext, cli: ParsedCli) => string }[] = [
  { flag: 'json', render: (p) => profileJson(p) },
  { flag: null, render: (p, ctx) => profileText(p, ctx) },
];

export async function loadProfile(backend: Backend, cli: ParsedCli): Promise<Profile> {
  const text = cli.positional.join(' ');
  const benchmark = stringOption(cli, 'benchmark') ?? 'own';
  if (!BENCHMARKS.includes(benchmark as BenchmarkChoice)) throw new CliError(`--benchmark must be own, west, north or england (not '${benchmark}').`);
  const area = await resolveProfileArea(backend, text, stringOption(cli, 'set'));
  return call(backend, 'profile.get', { area, benchmark: benchmark as BenchmarkChoice });
}

export const profileCommands: Record<string, Command> = {
  profile: {
    usage: `${USAGE}\n                                Local Area Profile of a LAP, ward or council`,
    valueOptions: ['benchmark', 'set', 'pdf', 'csv', 'xlsx', 'map-png'],
    async run(backend: Backend, cli: ParsedCli, io: Io) {
      if (await runProfileExports(backend, cli, io, resolveProfileArea)) return; // --pdf/--csv/--xlsx/--map-png FILE
      const profile = await loadProfile(backend, cli);
      const format = PROFILE_FORMATS.find((f) => f.flag === null || cli.flags.has(f.flag))!;
      io.out(format.render(profile, { benchmarkName: await benchmarkName(backend, profile) }, cli));
    },
  },
};
