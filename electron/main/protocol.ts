/**
 * The app:// protocol: serves the built renderer (dist/renderer) at app://lap/ with a strict CSP.
 * The path resolution (one resolver with the preview server: backend/static-files.ts) and headers are pure
 * functions; `createProtocolHandler` is what main.ts passes to `protocol.handle('app', ...)`. No Electron import, so it runs (and is tested) under plain Node.
 */
import { readFile } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { mimeTypeFor, resolveRequestPath, type PathModule, type Resolved } from '../../backend/static-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The renderer's Content-Security-Policy (shared with the preview server): no 'unsafe-eval', no remote origins. */
export const CSP = CONTENT_SECURITY_POLICY;

/** The MIME table and the path rules are the preview server's too (backend/static-files.ts). */
export { mimeTypeFor, type Resolved };

/**
 * Maps an app:// URL to a file under `root`, or refuses it: another scheme or host (404), a malformed URL (400),
 * and every path the shared resolver refuses (403: traversal, encoded or not, backslashes, NUL, absolute paths).
 * `pathImpl` lets the tests run the Windows rules on Linux.
 */
export function resolveAppPath(root: string, requestUrl: string, pathImpl: PathModule = path): Resolved {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'bad URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'unknown host' };
  return resolveRequestPath(root, url.pathname, pathImpl);
}

/** Response headers for a served file: type, nosniff, and the CSP on HTML documents. */
export function responseHeaders(file: string): Record<string, string> {
  const type = mimeTypeFor(file);
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
  return headers;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-security-policy': CSP },
  });
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** Callback fs.readFile, looked up at call time: Electron's app.asar support patches it for certain. */
const readFileAsarAware: ReadFile = (file) => new Promise((resolve, reject) => readFile(file, (err, data) => (err ? reject(err) : resolve(data))));

/** The handler for `protocol.handle('app', ...)`: GET/HEAD of files under `root` only. */
export function createProtocolHandler(root: string, read: ReadFile = readFileAsarAware): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const resolved = resolveAppPath(root, request.url);
    if (!resolved.ok) return textResponse(resolved.status, resolved.status === 403 ? 'Forbidden' : resolved.status === 400 ? 'Bad request' : 'Not found');
    let body: Uint8Array;
    try {
      body = await read(resolved.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return textResponse(404, 'Not found');
      return textResponse(500, 'Could not read the file');
    }
    const headers = responseHeaders(resolved.file);
    headers['content-length'] = String(body.byteLength);
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
