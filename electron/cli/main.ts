/**
 * lap-insight: the command-line interface. It calls the same backend handlers as the app, through the same
 * validating dispatcher. Exit code 0 on success; non-zero with a one-line reason on stderr on failure.
 * Commands live in commands-<area>.ts; a command may have sub-commands (e.g. `lap create`), parsed by itself.
 */
import os from 'node:os';
import path from 'node:path';
import { createBackend, defaultDbPath, type Backend } from '../services/backend.ts';
import { APP_VERSION } from '../../shared/app-info.ts';
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

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

const COMMANDS: Record<string, Command> = { ...coreCommands, ...dataCommands, ...lapCommands, ...profileCommands, ...reportCommands, ...placeCommands, ...practiceCommands };

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}`);
  return `lap-insight ${APP_VERSION}: Local Area Partnership profiles for West and North Northamptonshire

Usage: lap-insight <command> [options]

Commands:
${lines.join('\n')}

Global options:
  --db PATH                     Database file (default: LAP_INSIGHT_DB, or ~/.lap-insight/lap-insight.db)
  --json                        Machine-readable output
  -h, --help                    Show this help
  --version                     Show the version
`;
}

export function resolveDbPath(cli: ParsedCli): string {
  const flag = cli.flags.get('db');
  if (typeof flag === 'string') return flag;
  if (process.env.LAP_INSIGHT_DB) return process.env.LAP_INSIGHT_DB;
  return defaultDbPath(path.join(os.homedir(), '.lap-insight'));
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
    backend = createBackend({ dbPath: resolveDbPath(cli), transport: 'test' });
    await command.run(backend, cli, io);
    return 0;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    io.err(`lap-insight: ${message}`);
    return 1;
  } finally {
    backend?.close();
  }
}
