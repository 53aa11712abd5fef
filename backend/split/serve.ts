/**
 * The backend side of the split: opens createBackend() from the host's 'init' message and answers every 'call' with
 * the one dispatcher (dispatch.ts), which validates the arguments with the contract's zod schemas. When the host
 * prints (Electron's printToPDF lives in main), the backend's printer is a proxy that asks over the same channel.
 */
import type { Handlers } from '../../shared/contract.ts';
import { errorReply } from '../../shared/errors.ts';
import { createBackend, type Backend, type BackendOptions } from '../backend.ts';
import { dispatch } from '../dispatch.ts';
import { guardHandlers } from '../safety/index.ts';
import { workerImportHandler } from './worker-imports.ts';
import type { PdfOptions, PngOptions, ReportPrinter } from '../report/printer.ts';
import type { Endpoint } from './endpoint.ts';
import type { BackendMessage, HostMessage, PrintRequest } from './messages.ts';

export interface ServeOptions {
  /** Opens the backend; createBackend by default (tests pass a stand-in). */
  open?: (options: BackendOptions) => Backend;
  /** Called after 'stop' has closed the backend (the process entry exits). */
  onStopped?: () => void;
}

/** A printer that asks the host to print; one request at a time is fine (the host queues its own). */
export function hostPrinter(port: Endpoint<HostMessage, BackendMessage>): ReportPrinter & { settle(message: HostMessage): boolean } {
  let next = 1;
  const waiting = new Map<number, { resolve(bytes: Buffer): void; reject(err: Error): void }>();
  const ask = (request: PrintRequest) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      port.post({ t: 'print', id, ...request });
    });
  return {
    name: 'host',
    pdf: (html: string, options: PdfOptions) => ask({ kind: 'pdf', html, options }),
    png: (html: string, options: PngOptions) => ask({ kind: 'png', html, options }),
    close: async () => {
      for (const w of waiting.values()) w.reject(new Error('The printer has been closed.'));
      waiting.clear();
    },
    settle(message) {
      if (message.t !== 'printed') return false;
      const w = waiting.get(message.id);
      if (!w) return true;
      waiting.delete(message.id);
      if (message.ok) w.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      else w.reject(new Error(message.message));
      return true;
    },
  };
}

/** Serves the backend over `port` until a 'stop' message. */
export function serveBackend(port: Endpoint<HostMessage, BackendMessage>, serveOptions: ServeOptions = {}): void {
  const open = serveOptions.open ?? createBackend;
  const printer = hostPrinter(port);
  let backend: Backend | null = null;
  let handlers: Handlers | null = null;
  const early: HostMessage[] = [];

  const answer = (id: number, channel: string, args: unknown) => {
    if (!backend || !handlers) {
      port.post({ t: 'reply', id, reply: errorReply('internal', channel, 'The data service is not open.') });
      return;
    }
    // A fault's own text (a path, a stack) stays in this process's log; the window gets the plain reply.
    const onInternal = (verb: string, err: unknown) =>
      port.post({ t: 'log', level: 'error', message: `${verb} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
    void dispatch(handlers, channel, args, onInternal).then((reply) => port.post({ t: 'reply', id, reply }));
  };

  port.onMessage((message) => {
    switch (message.t) {
      case 'init': {
        if (backend) return;
        const { printer: which, ...rest } = message.options;
        try {
          backend = open({ ...rest, ...(which === 'host' ? { printer } : {}), onNotice: () => {} });
        } catch (err) {
          const e = err instanceof Error ? err : new Error(String(err));
          port.post({ t: 'fatal', name: e.name, message: e.message });
          return;
        }
        // Imports run on a worker thread of this process: the request loop keeps answering the window meanwhile.
        handlers = guardHandlers({ ...backend.handlers, 'import.start': workerImportHandler(backend.ctx, rest.dbPath, rest.nativeBinding) }, rest.dbPath);
        port.post({ t: 'ready', notices: backend.notices });
        for (const m of early.splice(0)) if (m.t === 'call') answer(m.id, m.channel, m.args);
        return;
      }
      case 'call':
        if (!backend) early.push(message);
        else answer(message.id, message.channel, message.args);
        return;
      case 'printed':
        printer.settle(message);
        return;
      case 'stop':
        void printer.close();
        backend?.close();
        backend = null;
        handlers = null;
        serveOptions.onStopped?.();
        return;
    }
  });
}
