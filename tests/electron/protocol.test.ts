import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP, createProtocolHandler, mimeTypeFor, resolveAppPath, responseHeaders } from '../../electron/main/protocol.ts';

const base = mkdtempSync(path.join(tmpdir(), 'lap-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>LAP Insight</title>');
writeFileSync(path.join(root, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps app://lap/ URLs into the renderer root', () => {
    expect(resolveAppPath(root, 'app://lap/index.html')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://lap/')).toEqual({ ok: true, file: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://lap/assets/app-1234.js?v=1#x')).toEqual({ ok: true, file: path.join(root, 'assets', 'app-1234.js') });
    expect(resolveAppPath(root, 'app://lap/assets/a%20b.png')).toEqual({ ok: true, file: path.join(root, 'assets', 'a b.png') });
  });

  it.each([
    'app://lap/../../etc/passwd',
    'app://lap/%2e%2e/%2e%2e/etc/passwd',
    'app://lap/%2E%2E/secret.txt',
    'app://lap/..%2f..%2fetc/passwd',
    'app://lap/..%2F..%2Fsecret.txt',
    'app://lap/assets/..%2f..%2fsecret.txt',
    'app://lap/%252e%252e/secret.txt',
    'app://lap/..\\..\\etc\\passwd',
    'app://lap/..%5c..%5cetc%5cpasswd',
    'app://lap/assets%5c..%5c..%5csecret.txt',
    'app://lap/%00index.html',
    'app://lap//etc/passwd',
    'app://lap/C:/Windows/win.ini',
  ])('never leaves the root for %s', (url) => {
    const result = resolveAppPath(root, url);
    if (result.ok) {
      // The URL parser may already have removed dot segments: then the file must still be inside the root.
      expect(result.file.startsWith(root + path.sep)).toBe(true);
      expect(result.file).not.toContain('..');
    } else {
      expect([400, 403]).toContain(result.status);
    }
  });

  it.each(['app://lap/..%2f..%2fetc/passwd', 'app://lap/%2e%2e%2fsecret.txt', 'app://lap/..%5c..%5cetc%5cpasswd', 'app://lap/..\\..\\etc\\passwd', 'app://lap/%00x'])(
    'refuses %s with 403',
    (url) => {
      expect(resolveAppPath(root, url)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('applies the same rules to Windows paths', () => {
    const winRoot = 'C:\\Program Files\\LAP Insight\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, 'app://lap/index.html', path.win32)).toEqual({ ok: true, file: `${winRoot}\\index.html` });
    expect(resolveAppPath(winRoot, 'app://lap/C:/Windows/win.ini', path.win32)).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(winRoot, 'app://lap/..%5c..%5csecret.txt', path.win32)).toMatchObject({ ok: false, status: 403 });
    for (const url of ['app://lap/..%5c..%5csecret.txt', 'app://lap/C:/Windows/win.ini', 'app://lap/c%3a%5cWindows%5cwin.ini', 'app://lap/%2f%2fserver/share/x', 'app://lap/..%2f..%2fsecret.txt']) {
      const result = resolveAppPath(winRoot, url, path.win32);
      if (result.ok) expect(result.file.startsWith(`${winRoot}\\`), url).toBe(true);
      else expect(result.status, url).toBe(403);
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'https://lap/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'not a url')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('CSP and headers', () => {
  it('is strict: no eval, no remote origins', () => {
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toMatch(/https?:/);
    expect(CSP).not.toMatch(/\*/);
    expect(CSP).toContain("default-src 'self'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("worker-src 'self' blob:");
    expect(CSP).toContain("img-src 'self' data: blob:");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });

  it('sends the CSP with HTML only, and the right MIME types', () => {
    expect(responseHeaders('/r/index.html')['content-security-policy']).toBe(CSP);
    expect(responseHeaders('/r/a.js')['content-security-policy']).toBeUndefined();
    expect(responseHeaders('/r/a.js')['x-content-type-options']).toBe('nosniff');
    expect(mimeTypeFor('a.js')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('a.CSS')).toMatch(/^text\/css/);
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('createProtocolHandler', () => {
  const handle = createProtocolHandler(root);

  it('serves index.html with the CSP', async () => {
    const res = await handle(new Request('app://lap/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toContain('LAP Insight');
  });

  it('serves scripts with their MIME type', async () => {
    const res = await handle(new Request('app://lap/assets/app-1234.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for missing files and directories, 403 for traversal, 405 for POST', async () => {
    expect((await handle(new Request('app://lap/nope.js'))).status).toBe(404);
    expect((await handle(new Request('app://lap/assets/'))).status).toBe(404);
    const traversal = await handle(new Request('app://lap/..%2f..%2fsecret.txt'));
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('outside the root');
    expect((await handle(new Request('app://lap/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
