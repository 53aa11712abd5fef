/** The one resolver and MIME table behind both the app:// protocol and the preview server (backend/static-files.ts). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveRequestPath } from '../../backend/static-files.ts';

const root = path.resolve('/srv/renderer');

describe('resolveRequestPath', () => {
  it('maps paths under the root, and a folder or the root to its index.html', () => {
    expect(resolveRequestPath(root, '/assets/app-1234.js')).toEqual({ ok: true, file: path.join(root, 'assets', 'app-1234.js') });
    expect(resolveRequestPath(root, '/assets/a%20b.png')).toEqual({ ok: true, file: path.join(root, 'assets', 'a b.png') });
    expect(resolveRequestPath(root, '/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveRequestPath(root, '')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveRequestPath(root, '/help/')).toEqual({ ok: true, file: path.join(root, 'help', 'index.html') });
    expect(resolveRequestPath(root, '/./a/./b.css')).toEqual({ ok: true, file: path.join(root, 'a', 'b.css') });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/.%2e/secret.txt',
    '/%2e./secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%00index.html',
    '//etc/passwd/..',
    '/C:/Windows/win.ini',
  ])('refuses %s with 403', (p) => {
    expect(resolveRequestPath(root, p)).toMatchObject({ ok: false, status: 403 });
  });

  it('takes a double-encoded dot-dot as a literal name inside the root, never a step out', () => {
    const r = resolveRequestPath(root, '/%252e%252e/secret.txt');
    expect(r).toEqual({ ok: true, file: path.join(root, '%2e%2e', 'secret.txt') });
  });

  it('answers 400 for a malformed encoding', () => {
    expect(resolveRequestPath(root, '/%E0%A4%A.js')).toMatchObject({ ok: false, status: 400 });
  });

  it('applies the Windows rules with the Windows path module', () => {
    const winRoot = 'C:\\Program Files\\LAP Insight\\renderer';
    expect(resolveRequestPath(winRoot, '/index.html', path.win32)).toEqual({ ok: true, file: `${winRoot}\\index.html` });
    expect(resolveRequestPath(winRoot, '/C:/Windows/win.ini', path.win32)).toMatchObject({ ok: false, status: 403 });
    expect(resolveRequestPath(winRoot, '/D:secret', path.win32)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('mimeTypeFor', () => {
  it('gives the type of the files the renderer is built from, in any case', () => {
    expect(mimeTypeFor('assets/app.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('assets/app.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('fonts/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('geo/wards.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('icons/a.png')).toBe('image/png');
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('C:\\app\\renderer\\a.svg')).toBe('image/svg+xml');
  });
  it('gives plain bytes for an unknown or missing extension', () => {
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
    expect(mimeTypeFor('.bashrc')).toBe('application/octet-stream');
    expect(mimeTypeFor('a.js/readme')).toBe('application/octet-stream');
  });
});
