/** CLI commands for indicators, datasets and imports. Imports read files from disk through the app's own pipeline. */
import { readFileSync } from 'node:fs';
import { importMapping, IMPORT_FORMATS, ENCODINGS, POLARITIES, type ImportFormat, type ImportMapping, type ImportResult } from '../../shared/contract/data.ts';
import { AMBITION_IDS } from '../../shared/ambitions.ts';
import { skippedRowsCsv } from '../../shared/import-skipped.ts';
import { writeFileSync } from 'node:fs';
import { describeValidationError } from '../../shared/contract.ts';
import { fileSource, type Delimiter, type Encoding } from '../io/csv.ts';
import { runImport, type ImportProgress } from '../data/import.ts';
import { fmt, plural } from '../io/numbers.ts';
import { CliError, type ParsedCli } from './args.ts';
import { call, stringOption, table, type Command, type Io } from './common.ts';

const BIG_FILE = 5 * 1024 * 1024;

function readMapping(file: string): ImportMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`--map ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : `not valid JSON (${(err as Error).message})`}`);
  }
  const parsed = importMapping.safeParse(raw);
  if (!parsed.success) throw new CliError(`--map ${file}: ${describeValidationError('mapping', parsed.error).replace(/^mapping: /, '')}`);
  return parsed.data;
}

/** --polarity, --ambition and --period: what the file does not say, for its new indicators (over --map's). */
function answersOption(cli: ParsedCli, mapping: ImportMapping | undefined): ImportMapping | undefined {
  const polarity = stringOption(cli, 'polarity');
  if (polarity !== undefined && !(POLARITIES as readonly string[]).includes(polarity)) throw new CliError(`--polarity must be one of ${POLARITIES.join(', ')} (not '${polarity}')`);
  const ambition = stringOption(cli, 'ambition');
  if (ambition !== undefined && !(AMBITION_IDS as readonly string[]).includes(ambition)) throw new CliError(`--ambition must be one of ${AMBITION_IDS.join(', ')} (not '${ambition}')`);
  const period = stringOption(cli, 'period');
  const below = stringOption(cli, 'suppressed-below');
  const suppressedBelow = below === undefined ? undefined : /^\d+$/.test(below.trim()) ? Number(below.trim()) : NaN;
  if (suppressedBelow !== undefined && !(suppressedBelow >= 2)) throw new CliError(`--suppressed-below must be a whole number of 2 or more, the smallest count the publisher shows (not '${below}')`);
  if (polarity === undefined && ambition === undefined && period === undefined && suppressedBelow === undefined) return mapping;
  const parsed = importMapping.safeParse({
    ...mapping,
    ...(polarity ? { polarity } : {}),
    ...(ambition ? { ambition } : {}),
    ...(period ? { period } : {}),
    ...(suppressedBelow !== undefined ? { suppressedBelow } : {}),
  });
  if (!parsed.success) throw new CliError(describeValidationError('options', parsed.error));
  return parsed.data;
}

function delimiterOption(cli: ParsedCli): Delimiter | undefined {
  const d = stringOption(cli, 'delimiter');
  if (d === undefined) return undefined;
  const map: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\\t': '\t', '\t': '\t' };
  const out = map[d.toLowerCase()];
  if (!out) throw new CliError(`--delimiter must be comma, semicolon or tab (not '${d}')`);
  return out;
}

/** A progress line on stderr for big files: at most one per 10%. */
function progressPrinter(io: Io, name: string, size: number): (p: ImportProgress) => void {
  if (size < BIG_FILE) return () => {};
  let lastTenth = -1;
  let lastPhase = '';
  return (p) => {
    if (p.phase === 'reading' && p.total) {
      const tenth = Math.floor((p.done / p.total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      io.err(`${name}: ${p.message} (${tenth * 10}%)`);
    } else if (p.phase !== lastPhase) {
      io.err(`${name}: ${p.message}`);
    }
    lastPhase = p.phase;
  };
}

function printResult(io: Io, r: ImportResult): void {
  const p = r.preview;
  const lines: string[] = [];
  if (r.status === 'imported') {
    const built = p.counts.valuesBuilt ? ` (${fmt(p.counts.valuesBuilt)} ward and council values built from small areas)` : '';
    lines.push(`${p.fileName}: imported as dataset ${r.datasetId}: ${plural(r.valuesWritten, 'value')} from ${plural(p.counts.rowsRead, 'row')}${built}.`);
  } else if (r.status === 'checked') {
    lines.push(`${p.fileName}: checked, no errors: ${plural(p.counts.valuesToWrite, 'value')} would be written (dry run, nothing written).`);
  } else lines.push(`${p.fileName}: ${r.message}`);
  if (p.format) lines.push(`  ${p.summary}`);
  for (const c of p.wardCoverage.slice(0, 5)) lines.push(`  warning: ${c.message}`);
  if (r.rowsSkipped > 0) {
    for (const s of p.skipped.rows.slice(0, 10)) lines.push(`  skipped row ${s.row}: ${s.reason}`);
    if (r.rowsSkipped > 10) lines.push(`  … and ${plural(r.rowsSkipped - 10, 'more skipped row')} (--skipped-csv FILE lists them)`);
  }
  for (const i of p.report.issues.filter((x) => x.severity !== 'error').slice(0, 8)) lines.push(`  ${i.severity}: ${i.message}`);
  io.out(lines.join('\n'));
}

/** A file that was not imported: its errors, or else the one reason, each once on stderr. */
function printProblems(io: Io, r: ImportResult): void {
  const errors = r.preview.report.issues.filter((x) => x.severity === 'error');
  if (r.status === 'failed' && errors.length > 0) {
    for (const i of errors.slice(0, 20)) io.err(`${i.file}: ${i.message}`);
    if (r.preview.report.errors > 20) io.err(`${r.preview.fileName}: … and ${plural(r.preview.report.errors - 20, 'more error')}`);
    return;
  }
  io.err(r.message);
}

export const dataCommands: Record<string, Command> = {
  import: {
    usage:
      'import FILE... [--dry-run] [--format tidy|fingertips|wide] [--map FILE] [--replace] [--strict] [--json]\n' +
      '                                [--polarity high-is-good|low-is-good|no-judgement] [--ambition ID] [--period P]\n' +
      '                                [--skip-bad-rows [--skipped-csv FILE]] [--suppressed-below N]\n' +
      '                                Import indicator data (CSV) into the store',
    valueOptions: ['format', 'map', 'encoding', 'delimiter', 'polarity', 'ambition', 'period', 'skipped-csv', 'suppressed-below'],
    async run(backend, cli, io) {
      const files = cli.positional;
      if (files.length === 0) throw new CliError('import needs at least one file: lap-insight import FILE... (see lap-insight --help)');
      const format = stringOption(cli, 'format');
      if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(', ')} (not '${format}')`);
      const encoding = stringOption(cli, 'encoding');
      if (encoding !== undefined && !(ENCODINGS as readonly string[]).includes(encoding)) throw new CliError(`--encoding must be one of ${ENCODINGS.join(', ')} (not '${encoding}')`);
      const mapFile = stringOption(cli, 'map');
      const mapping = answersOption(cli, mapFile ? readMapping(mapFile) : undefined);
      const skippedCsv = stringOption(cli, 'skipped-csv');
      if (skippedCsv !== undefined && files.length > 1) throw new CliError('--skipped-csv takes one file to import at a time');
      const delimiter = delimiterOption(cli);
      const json = cli.flags.has('json');
      const results: ImportResult[] = [];
      for (const file of files) {
        let source;
        try {
          source = fileSource(file);
        } catch (err) {
          throw new CliError((err as Error).message);
        }
        const r = await runImport(
          backend.ctx,
          {
            source,
            ...(format ? { format: format as ImportFormat } : {}),
            ...(mapping ? { mapping } : {}),
            ...(encoding ? { encoding: encoding as Encoding } : {}),
            ...(delimiter ? { delimiter } : {}),
          },
          {
            onDuplicate: cli.flags.has('replace') ? 'replace' : 'skip',
            acceptWarnings: !cli.flags.has('strict'),
            dryRun: cli.flags.has('dry-run'),
            skipBadRows: cli.flags.has('skip-bad-rows'),
            onProgress: progressPrinter(io, source.name, source.size),
          },
        );
        results.push(r);
        if (skippedCsv !== undefined && r.preview.skipped.total > 0) writeFileSync(skippedCsv, skippedRowsCsv(r.preview));
        // What went right on stdout; each problem once, on stderr (never echoed again in the last line).
        if (r.status === 'imported' || r.status === 'checked') {
          if (!json) printResult(io, r);
        } else {
          printProblems(io, r);
          const sk = r.preview.skipped;
          if (r.status === 'failed' && r.preview.report.errors > 0 && sk.canSkip) {
            io.err(`${r.preview.fileName}: or import the ${plural(sk.goodRows, 'good row')} and skip the ${plural(sk.total, 'row')} with errors: run again with --skip-bad-rows (and --skipped-csv FILE to keep them)`);
          }
        }
      }
      if (json) io.out(JSON.stringify(results, null, 2));
      const bad = results.filter((r) => r.status === 'failed' || r.status === 'skipped');
      if (bad.length > 0) {
        const names = bad.map((r) => r.preview.fileName || '(unnamed)');
        const head = bad.length === results.length ? 'nothing was imported' : `${bad.length} of ${results.length} files were not imported`;
        throw new CliError(`${head} (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}): see the problems above`);
      }
    },
  },
  indicators: {
    usage: 'indicators [--json]           List the indicators in the store (metadata and periods)',
    async run(backend, cli, io) {
      const list = await call(backend, 'indicators.list', {});
      if (cli.flags.has('json')) {
        io.out(JSON.stringify(list, null, 2));
        return;
      }
      const periods = (p: string[]) => (p.length === 0 ? '-' : p.length === 1 ? p[0]! : `${p[0]} … ${p[p.length - 1]} (${p.length})`);
      io.out(
        table([
          ['ID', 'AMBITION', 'TYPE', 'UNIT', 'PERIODS', 'AREAS', 'VALUES', 'NAME'],
          ...list.map((i) => [i.id, i.ambition, i.valueType, i.unit.slice(0, 24), periods(i.periods), i.areaTypes.join(','), fmt(i.valueCount), i.shortName]),
        ]),
      );
      io.out(`${plural(list.length, 'indicator')}.`);
    },
  },
  datasets: {
    usage: 'datasets [--json] | datasets delete ID\n' + '                                List the datasets (source, licence, date, rows), or delete an imported one',
    async run(backend, cli, io) {
      const [sub, arg] = cli.positional;
      if (sub === 'delete') {
        const id = Number(arg);
        if (!arg || !Number.isInteger(id) || id <= 0) throw new CliError('datasets delete needs a dataset id (a whole number): lap-insight datasets delete ID');
        const out = await call(backend, 'datasets.delete', { id });
        if (cli.flags.has('json')) io.out(JSON.stringify(out, null, 2));
        else {
          const inds = out.indicatorsRemoved.length ? `; ${plural(out.indicatorsRemoved.length, 'indicator')} it defined removed` : '';
          io.out(`Deleted dataset ${out.dataset.id} (${out.dataset.fileName}): ${plural(out.valuesRemoved, 'value')} removed${inds}.`);
        }
        return;
      }
      if (sub !== undefined) throw new CliError(`unknown datasets command '${sub}': use 'lap-insight datasets' or 'lap-insight datasets delete ID'`);
      const list = await call(backend, 'datasets.list', {});
      if (cli.flags.has('json')) {
        io.out(JSON.stringify(list, null, 2));
        return;
      }
      io.out(
        table([
          ['ID', 'KIND', 'IMPORTED', 'VALUES', 'LICENCE', 'NAME'],
          ...list.map((d) => [String(d.id), d.kind, d.importedAt.slice(0, 10), fmt(d.valueCount), d.licence, d.name.length > 70 ? `${d.name.slice(0, 69)}…` : d.name]),
        ]),
      );
    },
  },
};
