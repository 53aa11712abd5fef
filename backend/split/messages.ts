/**
 * The messages between the app's window side (Electron main, the preview server, a test) and the backend process.
 * Plain structured-cloneable objects, so they cross an Electron MessagePort (utilityProcess), a worker_threads port
 * or a Node child-process channel (serialization 'advanced') unchanged. Buffers arrive as Uint8Array.
 *
 *   host -> backend   init {options}            once, first: what createBackend needs (no functions)
 *                     call {id, channel, args}  one contract request; answered by a reply with the same id
 *                     printed {id, ok, bytes|message}   the answer to a print request
 *                     stop                      close the database and leave
 *   backend -> host   ready {notices}           the backend is open (or fatal {name, message}: it could not open)
 *                     reply {id, reply}         the dispatcher's Reply, unchanged
 *                     print {id, kind, html, options}   the backend asks the host to print (Electron's printToPDF)
 *                     log {level, message}      one line for the host's log file (no personal data, no file contents)
 */
import type { AppNotice, Reply } from '../../shared/contract.ts';
import type { PdfOptions, PngOptions } from '../report/printer.ts';

/** What the backend process needs to open: createBackend's options without the functions. */
export interface SplitBackendOptions {
  dbPath: string;
  transport: 'electron' | 'preview' | 'test';
  nativeBinding?: string;
  assetsDir?: string;
  /** 'host': print through the host (Electron main's printToPDF); 'local': the backend's own system Chromium. */
  printer: 'host' | 'local';
  /** Start-up notices the host already has (e.g. the copy of a legacy database), shown with the backend's own. */
  notices?: AppNotice[];
}

export type HostMessage =
  | { t: 'init'; options: SplitBackendOptions }
  | { t: 'call'; id: number; channel: string; args: unknown }
  | { t: 'printed'; id: number; ok: true; bytes: Uint8Array }
  | { t: 'printed'; id: number; ok: false; message: string }
  | { t: 'stop' };

export type PrintRequest = { kind: 'pdf'; html: string; options: PdfOptions } | { kind: 'png'; html: string; options: PngOptions };

export type BackendMessage =
  | { t: 'ready'; notices: AppNotice[] }
  | { t: 'fatal'; name: string; message: string }
  | { t: 'reply'; id: number; reply: Reply<unknown> }
  | ({ t: 'print'; id: number } & PrintRequest)
  | { t: 'log'; level: 'info' | 'warn' | 'error'; message: string };
