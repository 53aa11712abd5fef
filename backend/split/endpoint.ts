/**
 * One side of the window/backend split, whatever carries it: an Electron utilityProcess and its parentPort, a
 * worker_threads port, or a Node child process's IPC channel. Each adapter turns its carrier into the same two
 * calls, so the relay (client.ts, serve.ts) is written once and runs identically under Electron and under Node.
 */
import type { ChildProcess } from 'node:child_process';

export interface Endpoint<In, Out> {
  post(message: Out): void;
  /** Subscribes to incoming messages; returns an unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
}

/** Anything with Node's EventEmitter on/off. */
interface Emitter {
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off?(event: 'message', listener: (value: unknown) => void): unknown;
  removeListener?(event: 'message', listener: (value: unknown) => void): unknown;
}

function subscribe<In>(emitter: Emitter, unwrap: (value: unknown) => unknown, listener: (message: In) => void): () => void {
  // Only split messages ({t: '...'}) get through: anything else on the channel is ignored.
  const l = (value: unknown) => {
    const message = unwrap(value);
    if (typeof message === 'object' && message !== null && typeof (message as { t?: unknown }).t === 'string') listener(message as In);
  };
  emitter.on('message', l);
  return () => {
    if (emitter.off) emitter.off('message', l);
    else emitter.removeListener?.('message', l);
  };
}

/**
 * An emitter whose 'message' listener gets the message itself and which posts with postMessage: a worker_threads
 * Worker or MessagePort, and Electron's UtilityProcess object as seen from main.
 */
export function fromPostMessage<In, Out>(target: Emitter & { postMessage(message: unknown): void }): Endpoint<In, Out> {
  return { post: (m) => target.postMessage(m), onMessage: (l) => subscribe<In>(target, (v) => v, l) };
}

/**
 * Electron's `process.parentPort` inside a utilityProcess (and MessagePortMain): 'message' listeners get an event
 * whose `data` is the message.
 */
export function fromElectronPort<In, Out>(port: Emitter & { postMessage(message: unknown): void; start?(): void }): Endpoint<In, Out> {
  port.start?.();
  return { post: (m) => port.postMessage(m), onMessage: (l) => subscribe<In>(port, (e) => (e as { data?: unknown } | null)?.data, l) };
}

/** A Node child process forked with `serialization: 'advanced'`, as seen from its parent. */
export function fromChildProcess<In, Out>(child: ChildProcess): Endpoint<In, Out> {
  return {
    post: (m) => {
      if (child.connected) child.send(m as never);
    },
    onMessage: (l) => subscribe<In>(child, (v) => v, l),
  };
}

/** Inside a Node child process forked with an IPC channel: the channel to the parent. */
export function fromParentProcess<In, Out>(proc: NodeJS.Process = process): Endpoint<In, Out> {
  return {
    post: (m) => {
      if (proc.connected) proc.send?.(m);
    },
    onMessage: (l) => subscribe<In>(proc, (v) => v, l),
  };
}
