/**
 * CLI commands for the Local Area Profile documents:
 *
 *   lap-insight report-all [--set SET] --out DIR [--full]   one PDF per LAP (all sets, or one set) and index.csv
 *   lap-insight profile NAME --pdf FILE [--full] | --csv FILE | --xlsx FILE | --map-png FILE   (flags of `profile`, handled here)
 *
 * The PDF is the short meeting document by default; --full makes the full technical version (every indicator,
 * ward breakdowns, notes and the methods appendix).
 *
 * Both use the export service (backend/report/service.ts) and the backend's printer: a system
 * Chrome/Chromium/Edge (LAP_INSIGHT_CHROMIUM to choose one), started once and reused for every report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ProfileAreaArg } from '../../shared/contract/profile.ts';
import type { BenchmarkChoice } from '../../shared/profile.ts';
import type { Backend } from '../backend.ts';
import { toCsv } from '../report/csv.ts';
import { buildReportInput, exportFileName, renderExport, safeFileName, type ExportFormat } from '../report/service.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, type Command, type Io } from './common.ts';
import { resolveSet } from './commands-laps.ts';

const BENCHMARKS: readonly BenchmarkChoice[] = ['own', 'west', 'north', 'england'];

/** The export flags of `profile`, in the order they are written. */
export const PROFILE_EXPORT_FLAGS: { flag: string; format: ExportFormat }[] = [
  { flag: 'pdf', format: 'pdf' },
  { flag: 'csv', format: 'csv' },
  { flag: 'xlsx', format: 'xlsx' },
  { flag: 'map-png', format: 'map-png' },
];

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function benchmarkOf(cli: ParsedCli): BenchmarkChoice {
  const b = stringOption(cli, 'benchmark') ?? 'own';
  if (!BENCHMARKS.includes(b as BenchmarkChoice)) throw new CliError(`--benchmark must be own, west, north or england (not '${b}').`);
  return b as BenchmarkChoice;
}

/**
 * `profile NAME --pdf FILE [--csv FILE] [--xlsx FILE] [--map-png FILE]`: writes the files and returns true, or returns
 * false when none of these flags was given (the profile command then prints the profile as before).
 */
export async function runProfileExports(
  backend: Backend,
  cli: ParsedCli,
  io: Io,
  resolveArea: (backend: Backend, text: string, setText?: string) => Promise<ProfileAreaArg>,
): Promise<boolean> {
  const wanted = PROFILE_EXPORT_FLAGS.filter((f) => cli.flags.has(f.flag));
  if (wanted.length === 0) return false;
  for (const f of wanted) {
    if (typeof cli.flags.get(f.flag) !== 'string') throw new CliError(`--${f.flag} needs a file name, e.g. --${f.flag} ${exportFileName('N4', f.format).replace(/ /g, '-')}`);
  }
  const area = await resolveArea(backend, cli.positional.join(' '), stringOption(cli, 'set'));
  const full = cli.flags.get('full') === true;
  if (cli.flags.has('full') && !full) throw new CliError('--full takes no value: profile NAME --pdf FILE --full');
  const input = await buildReportInput(backend.ctx.report, area, benchmarkOf(cli), full ? { full } : {});
  for (const f of wanted) {
    const file = path.resolve(stringOption(cli, f.flag)!);
    const started = Date.now();
    const out = await renderExport(input, f.format, () => backend.ctx.printer);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, out.data);
    const pages = out.pages ? `${out.pages} pages, ` : '';
    io.out(`Wrote ${input.profile.area.name} ${f.format.toUpperCase()} (${pages}${sizeText(out.data.length)}, ${((Date.now() - started) / 1000).toFixed(1)} s) to ${file}`);
  }
  return true;
}

export const reportCommands: Record<string, Command> = {
  'report-all': {
    usage:
      'report-all [--set SET] --out DIR [--benchmark own|west|north|england] [--full]\n                                One Local Area Profile PDF per LAP (short; --full: the full technical version), and index.csv',
    valueOptions: ['set', 'out', 'benchmark'],
    async run(backend: Backend, cli: ParsedCli, io: Io) {
      const outArg = stringOption(cli, 'out');
      if (!outArg) throw new CliError('Say where to write the PDFs: report-all [--set SET] --out DIR');
      const outDir = path.resolve(outArg);
      const benchmark = benchmarkOf(cli);
      const full = cli.flags.get('full') === true;
      const setText = stringOption(cli, 'set');
      const set = setText ? await resolveSet(backend, setText) : undefined;
      const laps = (await call(backend, 'laps.list', set ? { setId: set.id } : {})).filter((l) => l.wardCount > 0);
      if (laps.length === 0) throw new CliError(`There are no LAPs with wards${set ? ` in ${set.name}` : ''} to report on.`);
      mkdirSync(outDir, { recursive: true });

      const data = backend.ctx.report;
      const used = new Set<string>();
      const rows: ((string | number | null)[] | null)[] = laps.map(() => null);
      const failed: string[] = [];
      const allStarted = Date.now();
      let next = 0;
      // Two at a time: one report is drawn while the browser prints the other.
      const worker = async () => {
        for (let i = next++; i < laps.length; i = next++) {
          const lap = laps[i]!;
          const started = Date.now();
          const prefix = `[${i + 1}/${laps.length}] ${lap.name}`;
          try {
            const input = await buildReportInput(data, { kind: 'lap', id: lap.id }, benchmark, full ? { full } : {});
            const file = await renderExport(input, 'pdf', () => backend.ctx.printer);
            let name = file.fileName;
            if (used.has(name.toLowerCase())) name = `${safeFileName(lap.name)} (${safeFileName(lap.set.name)}) Local Area Profile${full ? ' (full)' : ''}.pdf`;
            used.add(name.toLowerCase());
            writeFileSync(path.join(outDir, name), file.data);
            rows[i] = [lap.name, lap.set.name, lap.wards.map((w) => w.name).join('; '), lap.population, name, file.pages ?? null];
            io.err(`${prefix} ... done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          } catch (err) {
            failed.push(lap.name);
            io.err(`${prefix} ... failed: ${(err as Error).message.split('\n')[0]}`);
          }
        }
      };
      await Promise.all([worker(), worker()]);
      const index: (string | number | null)[][] = [['lap', 'set', 'wards', 'population', 'file', 'pages'], ...rows.filter((r): r is (string | number | null)[] => r !== null)];
      writeFileSync(path.join(outDir, 'index.csv'), toCsv(index));
      const total = ((Date.now() - allStarted) / 1000).toFixed(1);
      io.out(`Wrote ${laps.length - failed.length} PDF${laps.length - failed.length === 1 ? '' : 's'} and index.csv to ${outDir} in ${total} s.`);
      if (failed.length) throw new CliError(`${failed.length} report${failed.length === 1 ? '' : 's'} could not be made: ${failed.join(', ')}.`);
    },
  },
};
