/**
 * lap-insight: the command-line interface. It calls the same backend handlers as the app, through the same
 * validating dispatcher. Exit code 0 on success; non-zero with a one-line reason on stderr on failure.
 * Commands live in commands-<area>.ts; a command may have sub-commands (e.g. `lap create`), parsed by itself.
 */
import { createBackend, type Backend } from '../backend.ts';
import { adoptLegacyDatabase, resolveDbPathWithSource } from '../db-path.ts';
import type { AppNotice } from '../../shared/contract.ts';
import { APP_VERSION } from '../../shared/app-info.ts';
import { terminalSafe } from '../../shared/text.ts';
import { parseCli, type ParsedCli } from './args.ts';
import type { Command, Io } from './common.ts';
import { coreCommands } from './commands-core.ts';
import { dataCommands } from './commands-data.ts';
import { lapCommands } from './commands-laps.ts';
import { placeCommands } from './commands-places.ts';
import { practiceCommands } from './commands-practices.ts';
import { profileCommands } from './commands-profile.ts';
import { reportCommands } from './commands-report.ts';

export type { Io };

// Text from files (names, headers, cells) never reaches the terminal raw: ESC, BEL, C1 and bidi controls are shown
// as \uXXXX (shared/text.ts); JSON output stays valid JSON.
const line = (t: string) => terminalSafe(t.endsWith('\n') ? t : t + '\n');
const defaultIo: Io = {
  out: (t) => process.stdout.write(line(t)),
  err: (t) => process.stderr.write(line(t)),
};

const COMMANDS: Record<string, Command> = { ...coreCommands, ...dataCommands, ...lapCommands, ...profileCommands, ...reportCommands, ...placeCommands, ...practiceCommands };

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `lap-insight ${APP_VERSION}: Local Area Partnership profiles for West and North Northamptonshire

Usage: lap-insight <command> [options]

Commands:
${lines.join('\n')}

Global options:
  --db PATH                     Database file (default: LAP_INSIGHT_DB, or the app's own database;
                                'lap-insight info' prints which file is used)
  --json                        Machine-readable output
  -h, --help                    Show this help
  --version                     Show the version

Exit status: 0 done; 1 failed; 2 bad command line; ${EXIT_DATABASE_REPLACED} done, but the database was damaged or
missing and was restored from a backup or started afresh (the message is on stderr).
`;
}

/** The command succeeded, but at start-up the database was restored from a backup or started afresh. */
export const EXIT_DATABASE_REPLACED = 3;
const REPLACED_CODES = new Set(['restored-backup', 'started-fresh']);

/** The database file (db-path.ts: --db, LAP_INSIGHT_DB, else the app's) and, for the default one, a first-use copy. */
function openDbPath(argv: string[]): { dbPath: string; notices: AppNotice[] } {
  const { path: dbPath, source } = resolveDbPathWithSource(argv, process.env);
  const notices: AppNotice[] = [];
  if (source === 'default') {
    const copied = adoptLegacyDatabase(dbPath);
    if (copied) notices.push({ level: 'info', code: 'copied-legacy-database', message: copied, at: new Date().toISOString() });
  }
  return { dbPath, notices };
}

const GLOBAL_VALUE_OPTIONS = new Set(['db']);

/** The command word: the first word that is neither an option nor the value of a global option (`--db x.db laps`). */
function commandName(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (a.startsWith('-')) {
      if (a.startsWith('--') && !a.includes('=') && GLOBAL_VALUE_OPTIONS.has(a.slice(2))) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  const name = commandName(argv);
  const command = name ? COMMANDS[name] : undefined;
  let cli: ParsedCli;
  try {
    cli = parseCli(argv, new Set([...GLOBAL_VALUE_OPTIONS, ...(command?.valueOptions ?? [])]));
  } catch (err) {
    io.err(`lap-insight: ${(err as Error).message}`);
    return 2;
  }
  if (cli.flags.has('version')) {
    io.out(APP_VERSION);
    return 0;
  }
  if (!name || cli.flags.has('help')) {
    io.out(help());
    return name || cli.flags.has('help') ? 0 : 2;
  }
  if (!command) {
    io.err(`lap-insight: unknown command '${name}'. Run 'lap-insight --help' for the list.`);
    return 2;
  }
  cli.positional.splice(cli.positional.indexOf(name), 1); // the command name; the rest are its own words
  let backend: Backend | undefined;
  try {
    const { dbPath, notices } = openDbPath(argv);
    backend = createBackend({ dbPath, transport: 'test', notices });
    await command.run(backend, cli, io);
    return backend.notices.some((n) => REPLACED_CODES.has(n.code)) ? EXIT_DATABASE_REPLACED : 0;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    io.err(`lap-insight: ${message}`);
    return 1;
  } finally {
    backend?.close();
  }
}
