/**
 * One dispatcher for every transport (Electron IPC, the loopback preview server, the split backend, the CLI, tests):
 * it checks the channel name, validates the arguments with the contract's zod schema, runs the handler and wraps the
 * outcome in a Reply. A failure becomes a ReplyError (shared/errors.ts): a zod failure is 'invalid-input' with one
 * issue per refused field, an AppError keeps its kind, anything else is 'internal' with a message that carries no
 * path or stack (`onInternal` gets the thrown value, for a log). Transport-specific checks (sender frame, token,
 * Host/Origin) happen before this.
 */
import { isChannel, parseArgs, type Handlers, type Reply } from '../shared/contract.ts';
import { channelName, errorReply, toReplyError } from '../shared/errors.ts';

/** Told of each fault that became an 'internal' reply, with what was thrown (never sent to the caller). */
export type OnInternal = (channel: string, err: unknown) => void;

export async function dispatch(handlers: Handlers, channel: unknown, rawArgs: unknown, onInternal?: OnInternal): Promise<Reply<unknown>> {
  if (!isChannel(channel)) {
    const name = channelName(channel);
    return errorReply('invalid-input', name, `Unknown request '${name}'.`);
  }
  try {
    const args = parseArgs(channel, rawArgs);
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    const value = await handler(args);
    return { ok: true, value };
  } catch (err) {
    const error = toReplyError(channel, err);
    if (error.kind === 'internal' && onInternal) onInternal(channel, err);
    return { ok: false, error };
  }
}
