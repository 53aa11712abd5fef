/**
 * The loopback transport: serves the built renderer and the same backend contract over HTTP on 127.0.0.1,
 * so the real UI runs in a plain browser (`npm run preview`) and end-to-end tests can drive it.
 *
 * Security: binds 127.0.0.1 only; every API call needs the per-run random token (header x-lap-token);
 * a foreign Host or Origin header is refused (DNS rebinding); arguments go through the same zod validation.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Handlers, Reply } from '../../shared/contract.ts';
import { errorReply } from '../../shared/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { dispatch } from '../dispatch.ts';
import { mimeTypeFor, resolveRequestPath } from '../static-files.ts';
import { bodyLimit } from './limits.ts';

export interface PreviewOptions {
  handlers: Handlers;
  /** Built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token (tests); random when omitted. */
  token?: string;
  /** Largest accepted request body in bytes, for every verb (tests); each verb also has its own (limits.ts). */
  maxBody?: number;
}

export interface PreviewServer {
  url: string;
  /** URL with the token in the fragment, for a browser. */
  openUrl: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const TOKEN_HEADER = 'x-lap-token';

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) {
  res.writeHead(status, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function sendReply(res: ServerResponse, status: number, reply: Reply<unknown>) {
  send(res, status, JSON.stringify(reply), 'application/json; charset=utf-8');
}

function tokensMatch(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request over its verb's limit; the message says the limit in words (the app itself takes files up to 150 MB). */
class BodyTooLarge extends Error {
  constructor(max: number) {
    super(
      `This is more than LAP Insight's data service accepts here in one request (${max < 1024 * 1024 ? `${Math.ceil(max / 1024)} KB` : `${Math.round(max / 1024 / 1024)} MB`} once encoded). ` +
        'Nothing has been changed. For a file this large, use the command line (see lap-insight --help).',
    );
  }
}


async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw new BodyTooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLarge(max);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  // Each verb has its own limit (limits.ts): 1 MB for most, about 201 MB for the file imports.
  const maxBody = options.maxBody ?? Number.POSITIVE_INFINITY;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  // Every error is caught below and answered with a 500, so the promise is never left rejected.
  const server = createServer((req, res) => void (async () => {
    try {
      // DNS rebinding: only our own loopback host names.
      if (!req.headers.host || !allowedHosts().has(req.headers.host)) return send(res, 403, 'Forbidden host');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin)) return send(res, 403, 'Forbidden origin');

      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Use POST', 'text/plain', { allow: 'POST' });
        const given = req.headers[TOKEN_HEADER];
        if (!tokensMatch(Array.isArray(given) ? given[0] : given, token)) {
          return sendReply(res, 401, errorReply('forbidden', '', 'Missing or wrong access token.'));
        }
        let channel: string;
        try {
          channel = decodeURIComponent(url.pathname.slice('/api/'.length));
        } catch {
          res.setHeader('connection', 'close');
          return sendReply(res, 400, errorReply('invalid-input', '', 'The request name is not valid percent-encoding.'));
        }
        let args: unknown;
        try {
          const body = await readBody(req, Math.min(maxBody, bodyLimit(channel)));
          // An empty body means no arguments; `null` is passed on and refused by the contract (never read as {}).
          args = body ? JSON.parse(body) : undefined;
        } catch (err) {
          // Too large: answer 413 and close the connection rather than reading the rest.
          if (err instanceof BodyTooLarge) res.setHeader('connection', 'close');
          const message = err instanceof BodyTooLarge ? err.message : `The request is not valid JSON (${(err as Error).message}).`;
          return sendReply(res, err instanceof BodyTooLarge ? 413 : 400, errorReply('invalid-input', channel.slice(0, 80), message));
        }
        const reply = await dispatch(options.handlers, channel, args);
        return sendReply(res, 200, reply);
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      const resolved = resolveRequestPath(options.staticDir, url.pathname);
      if (!resolved.ok) return send(res, resolved.status, resolved.status === 403 ? 'Forbidden path' : 'Bad request');
      let target = resolved.file;
      try {
        if ((await stat(target)).isDirectory()) target = path.join(target, 'index.html');
      } catch {
        return send(res, 404, 'Not found');
      }
      let body: Buffer;
      try {
        body = await readFile(target);
      } catch {
        return send(res, 404, 'Not found');
      }
      const type = mimeTypeFor(target);
      const headers: Record<string, string> = type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {};
      return send(res, 200, req.method === 'HEAD' ? '' : body, type, headers);
    } catch (err) {
      if (!res.headersSent) send(res, 500, `Internal error: ${(err as Error).message}`);
      else res.end();
    }
  })());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    token,
    port,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
