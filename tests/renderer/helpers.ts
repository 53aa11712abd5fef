/**
 * Helpers for the renderer's render tests (jsdom): a stand-in backend behind the renderer's real api.ts (it
 * installs `window.lap` as the preload would, answering each channel from the test's table), and a way to put the
 * zustand stores back as they were between tests (they are module singletons).
 */
import type { StoreApi } from 'zustand';
import type { LapBridge } from '../../electron/preload/api-types.ts';
import type { Args, Channel, ErrorKind, Reply, Results } from '../../shared/contract.ts';

/** Throw this from a stub answer to make the backend refuse, with this kind and message. */
export class Refusal extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type StubAnswers = { [K in Channel]?: (args: Args<K>) => Results[K] | Promise<Results[K]> };

export interface StubBackend {
  /** Every call, in order. */
  calls: { channel: Channel; args: unknown }[];
  /** Channels called that the test gave no answer for (each was refused as an internal error). */
  unanswered: Channel[];
  /** Changes or adds answers. */
  answer(more: StubAnswers): void;
  /** The args of every call to a channel. */
  argsOf<K extends Channel>(channel: K): Args<K>[];
}

/** Installs a stand-in backend as `window.lap` (what api.ts calls in Electron). */
export function stubBackend(answers: StubAnswers): StubBackend {
  const table: StubAnswers = { ...answers };
  const stub: StubBackend = {
    calls: [],
    unanswered: [],
    answer(more) {
      Object.assign(table, more);
    },
    argsOf(channel) {
      return stub.calls.filter((c) => c.channel === channel).map((c) => c.args) as never;
    },
  };
  const request = async (channel: Channel, args: unknown): Promise<Reply<unknown>> => {
    stub.calls.push({ channel, args });
    const answer = table[channel] as ((a: unknown) => unknown) | undefined;
    if (!answer) {
      stub.unanswered.push(channel);
      return { ok: false, error: { kind: 'internal', message: `The test gave no answer for ${channel}.`, channel } };
    }
    try {
      return { ok: true, value: await answer(args) };
    } catch (err) {
      if (err instanceof Refusal) return { ok: false, error: { kind: err.kind, message: err.message, channel } };
      throw err;
    }
  };
  const bridge = {
    request,
    send: async (channel: Channel, args: unknown) => {
      const reply = await request(channel, args);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    onMenu: () => () => undefined,
    transport: 'electron',
  };
  window.lap = bridge as unknown as LapBridge;
  return stub;
}

/** Returns a function that puts the stores back as they are now (call at import time, run before each test). */
export function storeResetter(...stores: StoreApi<object>[]): () => void {
  const initial = stores.map((store) => [store, store.getState()] as const);
  return () => {
    for (const [store, state] of initial) store.setState(state, true);
  };
}

/** jsdom has no layout: the few layout calls the components make do nothing. */
export function stubLayout(): void {
  Element.prototype.scrollIntoView ??= function scrollIntoView() {};
  // Older jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.open = false;
  };
}

/** Resolves answers given as values (sugar for tables of fixed answers). */
export const fixed =
  <T>(value: T) =>
  (): T =>
    structuredClone(value);
