/**
 * The one mapping from a request path to a file of the built renderer, and the one MIME table: the Electron
 * app:// protocol (electron/main/protocol.ts) and the loopback preview server (backend/preview/server.ts) both
 * serve files through these, so they refuse the same paths. Pure: no file is read here, and the path module is a
 * parameter (the tests run the Windows rules on Linux); node:path is only the default.
 */
import path from 'node:path';

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

/** The content type for a file name, by its extension (any case); unknown types are plain bytes. */
export function mimeTypeFor(file: string): string {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

export type PathModule = Pick<typeof path, 'resolve' | 'sep' | 'isAbsolute'>;

/**
 * Maps a URL pathname (still percent-encoded, as URL.pathname gives it) to a file under `root`, or refuses it
 * (403) when it could leave the root once decoded: `..` segments, encoded (%2e%2e, %2f) or not, backslashes and
 * %5c, NUL bytes, and absolute or drive-letter paths; a malformed encoding is 400. A path ending in '/' (or empty)
 * means its index.html.
 */
export function resolveRequestPath(root: string, urlPathname: string, pathImpl: PathModule = path): Resolved {
  // Backslashes are separators on Windows; no file of ours has one in its name.
  if (urlPathname.includes('\\') || /%5c/i.test(urlPathname)) return { ok: false, status: 403, reason: 'backslash' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
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
    return { ok: false, status: 403, reason: 'outside the root' };
  }
  return { ok: true, file };
}
