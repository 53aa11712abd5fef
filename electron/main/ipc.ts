/**
 * The Electron IPC transport: one `ipcMain.handle('lap:<channel>')` per contract channel. Before the shared
 * dispatcher validates arguments and runs the backend, the sender is checked: it must be the main frame of a
 * window this app created, showing app://lap/. Anything else (an iframe, a navigated-away page, a frame that has
 * gone) gets a 'forbidden' reply.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Channel, type Handlers, type Reply } from '../../shared/contract.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { errorReply } from '../../shared/errors.ts';
import { IPC_PREFIX } from '../preload/api-types.ts';
import { APP_ORIGIN } from './protocol.ts';

/** Answers whether a webContents id belongs to a window main.ts created. */
export type IsOurWebContents = (webContentsId: number) => boolean;

/** Why a sender is refused, or null when it may call the backend. */
export function senderProblem(event: IpcMainInvokeEvent, isOurs: IsOurWebContents): string | null {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (!frame) return 'the calling page has gone';
  if (typeof frame.url !== 'string' || !frame.url.startsWith(`${APP_ORIGIN}/`)) return 'the calling page is not part of the app';
  const sender = event.sender;
  if (!sender || !isOurs(sender.id)) return 'the calling window is not one of the app’s windows';
  const main = sender.mainFrame;
  if (frame.parent !== null || !main || main.processId !== frame.processId || main.routingId !== frame.routingId) {
    return 'only the app’s main page may call the backend';
  }
  return null;
}

export function forbidden(channel: string, why: string): Reply<never> {
  return errorReply('forbidden', channel, `Refused: ${why}.`);
}

/**
 * Forwards one checked call to the backend process and resolves with its Reply (split/client.ts). The backend's
 * dispatcher validates the arguments, so main never runs zod over a 200 MB import on the window's thread.
 */
export type ForwardCall = (channel: Channel, args: unknown) => Promise<Reply<unknown>>;

/**
 * Registers a handler per channel; returns a function that removes them (tests, shutdown). `backend` is the
 * backend process (a ForwardCall), or a Handlers map run here through the dispatcher (tests).
 */
export function registerIpc(backend: Handlers | ForwardCall, isOurs: IsOurWebContents): () => void {
  const run: ForwardCall = typeof backend === 'function' ? backend : (channel, args) => dispatch(backend, channel, args);
  for (const channel of channels) {
    ipcMain.handle(IPC_PREFIX + channel, async (event: IpcMainInvokeEvent, args: unknown): Promise<Reply<unknown>> => {
      const problem = senderProblem(event, isOurs);
      if (problem) return forbidden(channel, problem);
      return run(channel, args);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(IPC_PREFIX + channel);
  };
}
