/**
 * The app:// protocol: serves the built renderer (dist/renderer) at app://lap/ with a strict CSP.
 * The path resolution and headers are pure functions; `createProtocolHandler` is what main.ts passes to
 * `protocol.handle('app', ...)`. No Electron import, so it runs (and is tested) under plain Node.
 */
import { readFile } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The renderer's Content-Security-Policy (shared with the preview server): no 'unsafe-eval', no remote origins. */
export const CSP = CONTENT_SECURITY_POLICY;

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

type PathModule = Pick<typeof path, 'resolve' | 'sep' | 'isAbsolute'>;

/**
 * Maps an app:// URL to a file under `root`, or refuses it. Refuses: another scheme or host (404), anything
 * that would leave the root once decoded (403) — `..` segments, encoded (%2e%2e, %2f) or not — backslashes and
 * %5c, NUL bytes, and absolute or drive-letter paths. `pathImpl` lets the tests run the Windows rules on Linux.
 */
export function resolveAppPath(root: string, requestUrl: string, pathImpl: PathModule = path): Resolved {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'bad URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'unknown host' };

  const rawPath = url.pathname;
  // Backslashes are separators on Windows; no file of ours has one in its name.
  if (rawPath.includes('\\') || /%5c/i.test(rawPath)) return { ok: false, status: 403, reason: 'backslash' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'bad encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403, reason: 'forbidden character' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { ok: false, status: 403, reason: 'traversal' };

  let relative = segments.filter((s) => s !== '' && s !== '.').join('/');
  if (relative === '' || decoded.endsWith('/')) relative = relative ? `${relative}/index.html` : 'index.html';
  // 'C:/Windows' or '//server/share' would make resolve() ignore the root.
  if (pathImpl.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative)) return { ok: false, status: 403, reason: 'absolute path' };

  const absRoot = pathImpl.resolve(root);
  const file = pathImpl.resolve(absRoot, relative);
  if (file !== absRoot && !file.startsWith(absRoot.endsWith(pathImpl.sep) ? absRoot : absRoot + pathImpl.sep)) {
    return { ok: false, status: 403, reason: 'outside the renderer root' };
  }
  return { ok: true, file };
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
