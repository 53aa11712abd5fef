/**
 * The window side of the split: sends contract calls to the backend process and returns its Replies, prints when the
 * backend asks (Electron main's printToPDF), and fails every pending call with a plain message when the process
 * stops. Nothing here opens the database: the host process never loads better-sqlite3.
 *
 *   const remote = connectBackend(endpoint, { dbPath, transport: 'preview', printer: 'local' });
 *   await remote.ready;                       // notices, or throws the backend's start-up error
 *   await remote.call('app.info', {});        // a Reply, as dispatch() gives
 *   remote.handlers['app.info']({})           // the same as a Handlers map (for the preview server's dispatch)
 */
import { AppError, channels, isChannel, type AppNotice, type Channel, type Handlers, type Reply } from '../../shared/contract.ts';
import { channelName, errorReply, sentence } from '../../shared/errors.ts';
import type { ReportPrinter } from '../report/printer.ts';
import type { Endpoint } from './endpoint.ts';
import type { BackendMessage, HostMessage, SplitBackendOptions } from './messages.ts';

/** The backend's start-up failure, carried across with its name (StorageError, Error...) and message. */
export class BackendStartError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface RemoteBackend {
  /** Resolves with the start-up notices once the database is open; rejects with a BackendStartError. */
  ready: Promise<AppNotice[]>;
  /** Sends one request; resolves with the backend dispatcher's Reply (never rejects). */
  call(channel: string, args: unknown): Promise<Reply<unknown>>;
  /** The same calls as a Handlers map: an error Reply is thrown as an AppError of the same kind, message and issues. */
  handlers: Handlers;
  /** The process stopped (crash or stop()): pending and later calls fail with a plain 'internal' reply. */
  lost(reason: string): void;
  /** Asks the backend to close the database and leave. */
  stop(): void;
  /** Calls still waiting for a reply (tests). */
  readonly pending: number;
}

export interface ConnectOptions {
  /** Prints for the backend when it was started with printer 'host'. */
  printer?: ReportPrinter;
  /** One log line from the backend process (its uncaught errors, start-up failures). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export function connectBackend(port: Endpoint<BackendMessage, HostMessage>, options: SplitBackendOptions, connect: ConnectOptions = {}): RemoteBackend {
  let nextId = 1;
  const waiting = new Map<number, { channel: string; resolve(reply: Reply<unknown>): void }>();
  let gone: string | null = null;
  let settleReady!: { resolve(n: AppNotice[]): void; reject(e: Error): void };
  const ready = new Promise<AppNotice[]>((resolve, reject) => (settleReady = { resolve, reject }));
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection here

  const failAll = (reason: string) => {
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.resolve(errorReply('internal', w.channel, sentence(reason)));
    }
  };

  const print = async (message: Extract<BackendMessage, { t: 'print' }>) => {
    try {
      if (!connect.printer) throw new Error('Printing is not available here.');
      const bytes = message.kind === 'pdf' ? await connect.printer.pdf(message.html, message.options) : await connect.printer.png(message.html, message.options);
      port.post({ t: 'printed', id: message.id, ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } catch (err) {
      port.post({ t: 'printed', id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };

  port.onMessage((message) => {
    switch (message.t) {
      case 'ready':
        settleReady.resolve(message.notices);
        return;
      case 'fatal':
        settleReady.reject(new BackendStartError(message.name, message.message));
        return;
      case 'reply': {
        const w = waiting.get(message.id);
        if (!w) return;
        waiting.delete(message.id);
        w.resolve(message.reply);
        return;
      }
      case 'print':
        void print(message);
        return;
      case 'log':
        connect.log?.(message.level, message.message);
        return;
    }
  });
  port.post({ t: 'init', options });

  const call = (channel: string, args: unknown): Promise<Reply<unknown>> => {
    const name = channelName(channel);
    if (!isChannel(channel)) return Promise.resolve(errorReply('invalid-input', name, `Unknown request '${name}'.`));
    if (gone) return Promise.resolve(errorReply('internal', channel, sentence(gone)));
    return new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, { channel, resolve });
      try {
        port.post({ t: 'call', id, channel, args });
      } catch (err) {
        // Arguments that cannot be cloned, or a closed channel.
        waiting.delete(id);
        resolve(errorReply('internal', channel, sentence(err instanceof Error ? err.message : String(err))));
      }
    });
  };

  const handlers = Object.fromEntries(
    channels.map((channel: Channel) => [
      channel,
      async (args: unknown) => {
        const reply = await call(channel, args);
        if (reply.ok) return reply.value;
        throw new AppError(reply.error.kind, reply.error.message, reply.error.issues);
      },
    ]),
  ) as unknown as Handlers;

  return {
    ready,
    call,
    handlers,
    lost(reason) {
      gone = reason;
      settleReady.reject(new BackendStartError('Error', reason));
      failAll(reason);
    },
    stop() {
      port.post({ t: 'stop' });
    },
    get pending() {
      return waiting.size;
    },
  };
}
