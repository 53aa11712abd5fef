/** What every CLI command module uses: the command type, a typed backend call and a plain-text table. */
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { Backend } from '../backend.ts';
import { describeReplyError } from '../../shared/errors.ts';
import { dispatch } from '../dispatch.ts';
import { CliError, type ParsedCli } from './args.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command {
  /** One line for --help, e.g. "wards [--json]      List the 57 wards". */
  usage: string;
  /** Options that take a value (`--set SET`), so the parser knows to read the next word. */
  valueOptions?: string[];
  run: (backend: Backend, cli: ParsedCli, io: Io) => Promise<void>;
}

/**
 * Calls the backend through the same validating dispatcher as the app; a failure becomes a CliError with the same
 * plain message the app shows (describeReplyError). A fault also names what was thrown: this is the person's own
 * terminal, and the detail is what a bug report needs.
 */
export async function call<K extends Channel>(backend: Backend, channel: K, args: Args<K>): Promise<Results[K]> {
  let fault = '';
  const reply = await dispatch(backend.handlers, channel, args, (_channel, err) => {
    fault = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  });
  if (!reply.ok) throw new CliError(describeReplyError(reply.error) + (fault ? ` (${fault})` : ''));
  return reply.value as Results[K];
}

export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (cell ?? '').padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

export function stringOption(cli: ParsedCli, name: string): string | undefined {
  const v = cli.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
