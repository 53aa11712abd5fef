/**
 * The body of `window.lap`, written against a minimal ipcRenderer shape so it can be tested without Electron.
 * preload.ts passes the real ipcRenderer and exposes the result with contextBridge.
 */
import type { Args, Channel, Reply, Results } from '../../shared/contract.ts';
// zod-free, like the channel list: the structural check of a ReplyError.
import { channelName, errorReply, isReplyError, type ReplyError } from '../../shared/errors.ts';
// The plain list, not contract.ts's isChannel: that would bundle zod and every schema into the preload.
import { isChannelName as isChannel } from '../../shared/channels.ts';
import { IPC_PREFIX, MENU_CHANNEL, isMenuAction, type LapBridge, type LapError, type MenuAction } from './api-types.ts';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function lapError(reply: ReplyError): LapError {
  const error = new Error(reply.message) as LapError;
  error.name = 'LapError';
  error.kind = reply.kind;
  error.channel = reply.channel;
  if (reply.issues) error.issues = reply.issues;
  return error;
}

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && isReplyError(v.error);
}

/** Resolves an ok reply to its value; throws a LapError (the ReplyError's fields) for an error reply. */
export function unwrapReply<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw lapError(reply.error);
}

export function createBridge(ipc: IpcRendererLike): LapBridge {
  async function request<K extends Channel>(channel: K, args: Args<K>): Promise<Reply<Results[K]>> {
    // Refuse unknown names here too: nothing but contract channels is ever invoked from the page.
    if (!isChannel(channel)) {
      const name = channelName(String(channel));
      return errorReply('invalid-input', name, `Unknown request '${name}'.`);
    }
    let raw: unknown;
    try {
      raw = await ipc.invoke(IPC_PREFIX + channel, args);
    } catch (err) {
      // invoke rejects when no handler is registered or the arguments cannot be cloned.
      const message = err instanceof Error ? err.message : String(err);
      return errorReply('internal', channel, `LAP Insight could not pass this request on (${message}).`);
    }
    if (!isReply(raw)) return errorReply('internal', channel, 'The app sent back an unreadable reply.');
    return raw as Reply<Results[K]>;
  }

  return {
    transport: 'electron',
    request,
    async send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
      return unwrapReply(await request(channel, args));
    },
    onMenu(callback: (action: MenuAction) => void): () => void {
      if (typeof callback !== 'function') throw new TypeError('onMenu needs a function');
      // Never hand the IpcRendererEvent to the page: only a checked action name crosses.
      const listener = (_event: unknown, action: unknown) => {
        if (isMenuAction(action)) callback(action);
      };
      ipc.on(MENU_CHANNEL, listener);
      return () => {
        ipc.removeListener(MENU_CHANNEL, listener);
      };
    },
  };
}
