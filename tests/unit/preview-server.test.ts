import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { startPreviewServer, type PreviewServer } from '../../backend/preview/server.ts';
import { resolveRequestPath } from '../../backend/static-files.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

let backend: Backend;
let server: PreviewServer;
let cleanup: () => void;
let staticDir: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  staticDir = path.join(t.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>LAP Insight</title>');
  writeFileSync(path.join(t.dir, 'secret.txt'), 'secret');
  backend = createBackend({ dbPath: seededDb(path.join(t.dir, 'p.db')), transport: 'test' });
  server = await startPreviewServer({ handlers: backend.handlers, staticDir });
});
afterAll(async () => {
  await server.close();
  backend.close();
  cleanup();
});

/** Raw HTTP so the test controls Host and Origin headers exactly (fetch would rewrite them). */
function raw(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const api = (channel: string, args: unknown, headers: Record<string, string> = {}) =>
  raw({ method: 'POST', path: `/api/${channel}`, headers: { 'content-type': 'application/json', 'x-lap-token': server.token, ...headers }, body: JSON.stringify(args) });

describe('preview transport', () => {
  it('listens on 127.0.0.1 only, with a long random token', () => {
    const addr = server.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
    expect(server.openUrl).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('answers a valid call with the same reply as the backend', async () => {
    const res = await api('wards.list', { query: 'Castle' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: [{ code: 'E05013246', name: 'Castle', authorityName: 'West Northamptonshire' }] });
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const none = await raw({ method: 'POST', path: '/api/wards.list', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toEqual({ ok: false, error: { kind: 'forbidden', channel: '', message: 'Missing or wrong access token.' } });
    const wrong = await api('wards.list', {}, { 'x-lap-token': 'f'.repeat(48) });
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', async () => {
    expect((await api('wards.list', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await api('wards.list', {}, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('wards.list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw({ path: '/', headers: { host: 'attacker.test' } })).status).toBe(403);
    expect((await api('wards.list', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('validates arguments exactly as the Electron transport does', async () => {
    const res = await api('profile.get', { area: { kind: 'ward', code: 'Castle' } });
    // The structure arrives intact over HTTP: kind, plain message, channel and the issue's path.
    expect(JSON.parse(res.body)).toEqual(await dispatch(backend.handlers, 'profile.get', { area: { kind: 'ward', code: 'Castle' } }));
    expect(JSON.parse(res.body)).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', channel: 'profile.get', issues: [{ path: ['area', 'code'], message: 'a ward code looks like E05013246' }] },
    });
    const bad = await raw({ method: 'POST', path: '/api/wards.list', headers: { 'x-lap-token': server.token }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.kind).toBe('invalid-input');
  });

  it('serves the renderer with the strict CSP and refuses path traversal', async () => {
    const page = await raw({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/%00']) {
      const r = await raw({ path: p });
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('secret');
    }
    expect(resolveRequestPath('/srv/app', '/../../etc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveRequestPath('/srv/app', '/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ ok: false, status: 403 });
    expect(resolveRequestPath('/srv/app', '/assets/a.js')).toEqual({ ok: true, file: '/srv/app/assets/a.js' });
  });
});

describe('preview transport body limit', () => {
  it('answers 413 with a plain message when a request is over the limit', async () => {
    const small = await startPreviewServer({ handlers: backend.handlers, staticDir, maxBody: 1024 });
    try {
      const res = await fetch(`${small.url}api/wards.list`, {
        method: 'POST',
        headers: { 'x-lap-token': small.token, 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'x'.repeat(2000) }),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        ok: false,
        error: {
          kind: 'invalid-input',
          channel: 'wards.list',
          message: "This is more than LAP Insight's data service accepts here in one request (1 KB once encoded). Nothing has been changed. For a file this large, use the command line (see lap-insight --help).",
        },
      });
    } finally {
      await small.close();
    }
  });
});
