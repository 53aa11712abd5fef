/**
 * The body of `window.lap`, written against a minimal ipcRenderer shape so it can be tested without Electron.
 * preload.ts passes the real ipcRenderer and exposes the result with contextBridge.
 */
import type { Args, Channel, ErrorKind, Reply, Results } from '../../shared/contract.ts';
// The plain list, not contract.ts's isChannel: that would bundle zod and every schema into the preload.
import { isChannelName as isChannel } from '../../shared/channels.ts';
import { IPC_PREFIX, MENU_CHANNEL, isMenuAction, type LapBridge, type LapError, type MenuAction } from './api-types.ts';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const ERROR_KINDS: readonly ErrorKind[] = ['validation', 'not-found', 'conflict', 'forbidden', 'internal'];

export function lapError(kind: ErrorKind, message: string): LapError {
  const error = new Error(message) as LapError;
  error.name = 'LapError';
  error.kind = kind;
  return error;
}

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { kind?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v;
  return (
    v.ok === false &&
    typeof v.error === 'object' &&
    v.error !== null &&
    ERROR_KINDS.includes(v.error.kind as ErrorKind) &&
    typeof v.error.message === 'string'
  );
}

/** Resolves an ok reply to its value; throws a LapError (message + kind) for an error reply or a malformed one. */
export function unwrapReply<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw lapError(reply.error.kind, reply.error.message);
}

export function createBridge(ipc: IpcRendererLike): LapBridge {
  async function request<K extends Channel>(channel: K, args: Args<K>): Promise<Reply<Results[K]>> {
    // Refuse unknown names here too: nothing but contract channels is ever invoked from the page.
    if (!isChannel(channel)) {
      return { ok: false, error: { kind: 'validation', message: `Unknown request '${String(channel).slice(0, 80)}'.` } };
    }
    let raw: unknown;
    try {
      raw = await ipc.invoke(IPC_PREFIX + channel, args);
    } catch (err) {
      // invoke rejects when no handler is registered or the arguments cannot be cloned.
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { kind: 'internal', message: `${channel}: ${message}` } };
    }
    if (!isReply(raw)) return { ok: false, error: { kind: 'internal', message: `${channel}: the app sent back an unreadable reply.` } };
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
