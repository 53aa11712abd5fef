/**
 * lap-insight: the command-line interface. It calls the same backend handlers as the app, through the same
 * validating dispatcher. Exit code 0 on success; non-zero with a one-line reason on stderr on failure.
 */
import os from 'node:os';
import path from 'node:path';
import type { Channel, Args, Results } from '../../shared/contract.ts';
import { createBackend, defaultDbPath, APP_VERSION, type Backend } from '../services/backend.ts';
import { dispatch } from '../services/dispatch.ts';
import { CliError, parseCli, type ParsedCli } from './args.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

const VALUE_OPTIONS = new Set(['db']);

const HELP = `lap-insight ${APP_VERSION}: Local Area Partnership profiles for West and North Northamptonshire

Usage: lap-insight <command> [options]

Commands:
  wards [--json]            List the 57 wards (code, name, council code and name)
  info [--json]             Show the database in use and its schema version

Global options:
  --db PATH                 Database file (default: LAP_INSIGHT_DB, or ~/.lap-insight/lap-insight.db)
  --json                    Machine-readable output
  -h, --help                Show this help
  --version                 Show the version
`;

export function resolveDbPath(cli: ParsedCli): string {
  const flag = cli.flags.get('db');
  if (typeof flag === 'string') return flag;
  if (process.env.LAP_INSIGHT_DB) return process.env.LAP_INSIGHT_DB;
  return defaultDbPath(path.join(os.homedir(), '.lap-insight'));
}

async function call<K extends Channel>(backend: Backend, channel: K, args: Args<K>): Promise<Results[K]> {
  const reply = await dispatch(backend.handlers, channel, args);
  if (!reply.ok) throw new CliError(reply.error.message);
  return reply.value as Results[K];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

type Command = (backend: Backend, cli: ParsedCli, io: Io) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  async wards(backend, cli, io) {
    const wards = await call(backend, 'wards.list', {});
    const sorted = [...wards].sort((a, b) => a.code.localeCompare(b.code));
    if (cli.flags.has('json')) {
      io.out(JSON.stringify(sorted.map((w) => ({ code: w.code, name: w.name, authorityCode: w.authorityCode, authorityName: w.authorityName })), null, 2));
      return;
    }
    io.out(table([['CODE', 'NAME', 'COUNCIL CODE', 'COUNCIL'], ...sorted.map((w) => [w.code, w.name, w.authorityCode, w.authorityName])]));
  },
  async info(backend, cli, io) {
    const info = await call(backend, 'app.info', {});
    if (cli.flags.has('json')) io.out(JSON.stringify(info, null, 2));
    else io.out(`${info.name} ${info.version}\nDatabase: ${info.databasePath} (schema ${info.schemaVersion})`);
  },
};

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  let cli: ParsedCli;
  try {
    cli = parseCli(argv, VALUE_OPTIONS);
  } catch (err) {
    io.err(`lap-insight: ${(err as Error).message}`);
    return 2;
  }
  if (cli.flags.has('version')) {
    io.out(APP_VERSION);
    return 0;
  }
  const name = cli.positional[0];
  if (!name || cli.flags.has('help')) {
    io.out(HELP);
    return name || cli.flags.has('help') ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`lap-insight: unknown command '${name}'. Run 'lap-insight --help' for the list.`);
    return 2;
  }
  let backend: Backend | undefined;
  try {
    backend = createBackend({ dbPath: resolveDbPath(cli), transport: 'test' });
    await command(backend, cli, io);
    return 0;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0];
    io.err(`lap-insight: ${message}`);
    return 1;
  } finally {
    backend?.close();
  }
}
