/**
 * One dispatcher for every transport (Electron IPC, the loopback preview server, tests): it checks the
 * channel name, validates the arguments with the contract's zod schema, runs the handler and wraps the
 * outcome in a Reply. Transport-specific checks (sender frame, token, Host/Origin) happen before this.
 */
import { AppError, isChannel, parseArgs, type Handlers, type Reply } from '../shared/contract.ts';

export async function dispatch(handlers: Handlers, channel: unknown, rawArgs: unknown): Promise<Reply<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { kind: 'validation', message: `Unknown request '${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}'.` } };
  }
  try {
    const args = parseArgs(channel, rawArgs);
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    const value = await handler(args);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: { kind: err.kind, message: err.message } };
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { kind: 'internal', message: `Something went wrong in ${channel}: ${message}` } };
  }
}
