/**
 * What the preload bridge puts on `window.lap`, and the names both sides of the Electron IPC agree on.
 * Types and constants only (no Electron import), so the main process, the preload bundle, the renderer and the
 * tests can all import it. The renderer declares its own global, e.g.
 *
 *   import type { LapBridge } from '../../electron/preload/api-types.ts';
 *   declare global { interface Window { lap: LapBridge } }
 */
import type { Args, Channel, ErrorIssue, ErrorKind, LapApi, Reply, Results } from '../../shared/contract.ts';

/** Every contract channel is invoked as `lap:<channel>` (e.g. `lap:wards.list`). */
export const IPC_PREFIX = 'lap:';

/** One-way channel main -> renderer for menu commands that need the UI. */
export const MENU_CHANNEL = 'lap:menu';

/** Menu commands the renderer handles. Add one here and in electron/main/menu.ts. */
export const menuActions = ['menu:import', 'menu:import-data', 'menu:import-places', 'menu:import-guide', 'menu:sources', 'menu:help', 'menu:undo', 'menu:redo'] as const;
export type MenuAction = (typeof menuActions)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (menuActions as readonly string[]).includes(value);
}

/** The error `send` rejects with inside the preload world: the ReplyError's fields on an Error. */
export interface LapError extends Error {
  kind: ErrorKind;
  channel: string;
  issues?: ErrorIssue[];
}

export interface LapBridge extends LapApi {
  /**
   * Calls the backend and unwraps the reply: resolves with the value or rejects with an Error whose message is
   * fit to show a user. NOTE: Electron's contextBridge re-creates Errors in the page with the message only, so
   * the `kind` property does not survive the trip into the renderer. Use `request` when the kind matters.
   */
  send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]>;
  /** Calls the backend and resolves with the Reply envelope itself (never rejects for backend errors). */
  request<K extends Channel>(channel: K, args: Args<K>): Promise<Reply<Results[K]>>;
  /** Subscribes to menu commands; returns an unsubscribe function. */
  onMenu(callback: (action: MenuAction) => void): () => void;
  readonly transport: 'electron';
}
