/**
 * The loopback preview transport under attack (beyond tests/unit/preview-server.test.ts): a valid token does not
 * make a foreign Origin or Host acceptable, oversized and pathological bodies are refused without harm, static
 * paths cannot escape the renderer folder however they are encoded, no CORS is ever granted, and every contract
 * channel validates over HTTP exactly as over IPC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { channels } from '../../shared/contract.ts';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { startPreviewServer, type PreviewServer } from '../../backend/preview/server.ts';
import { tableChecksums } from '../../backend/safety/checksum.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

let backend: Backend;
let server: PreviewServer;
let small: PreviewServer;
let cleanup: () => void;
const SMALL_LIMIT = 4096;
const figures = { origins: 0, hosts: 0, paths: 0, bodies: 0, channels: 0, token: 0 };

beforeAll(async () => {
  const t = tempDir('lap-preview-hard-');
  cleanup = t.cleanup;
  const staticDir = path.join(t.dir, 'renderer');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>LAP Insight</title>');
  writeFileSync(path.join(staticDir, 'assets', 'a.js'), 'console.log(1)');
  writeFileSync(path.join(t.dir, 'secret.txt'), 'TOP-SECRET');
  backend = createBackend({ dbPath: seededDb(path.join(t.dir, 'p.db')), transport: 'test' });
  server = await startPreviewServer({ handlers: backend.handlers, staticDir });
  small = await startPreviewServer({ handlers: backend.handlers, staticDir, maxBody: SMALL_LIMIT });
});

afterAll(async () => {
  // Refused uploads leave half-read connections behind; do not wait for their keep-alive timeout.
  server?.server.closeAllConnections();
  small?.server.closeAllConnections();
  await server?.close();
  await small?.close();
  backend?.close();
  cleanup?.();
  console.log(
    `[preview-transport] refused: ${figures.origins} foreign Origins with a valid token, ${figures.hosts} foreign Hosts, ${figures.token} token tricks, ` +
      `${figures.paths} traversal paths, ${figures.bodies} oversized/pathological bodies; ${figures.channels} channels validated over HTTP.`,
  );
});

interface Res {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Raw HTTP so Host, Origin and the request target are exactly as written. A reset connection counts as refused. */
function raw(s: PreviewServer, opts: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer }): Promise<Res | 'reset'> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: s.port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${s.port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', () => resolve('reset'));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => (['ECONNRESET', 'EPIPE'].includes(err.code ?? '') ? resolve('reset') : reject(err)));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

async function must(r: Promise<Res | 'reset'>): Promise<Res> {
  const res = await r;
  if (res === 'reset') throw new Error('connection reset');
  return res;
}

const api = (s: PreviewServer, channel: string, body: string, headers: Record<string, string> = {}) =>
  raw(s, { method: 'POST', path: `/api/${channel}`, headers: { 'content-type': 'application/json', 'x-lap-token': s.token, ...headers }, body });

describe('preview transport: origins, hosts and the token', () => {
  it('refuses a foreign Origin even with the right token', async () => {
    const p = server.port;
    const origins = [
      'http://evil.example',
      'null', // sandboxed iframes and file:// pages
      `http://127.0.0.1:${p + 1}`,
      `https://127.0.0.1:${p}`,
      `http://localhost.evil.example:${p}`,
      `http://127.0.0.1.evil.example:${p}`,
      `http://[::1]:${p}`,
      `http://0.0.0.0:${p}`,
      `HTTP://127.0.0.1:${p}`,
      `http://127.0.0.1:${p}/`,
      `http://127.0.0.1:${p}@evil.example`,
      'app://lap',
      'file://',
      '',
    ];
    for (const origin of origins) {
      const res = await must(api(server, 'app.info', '{}', { origin }));
      expect(res.status, origin).toBe(403);
      expect(res.body).not.toContain('databasePath');
      figures.origins++;
    }
    expect((await must(api(server, 'app.info', '{}', { origin: `http://localhost:${p}` }))).status).toBe(200);
  });

  it('refuses foreign Host headers (DNS rebinding), for the API and static files', async () => {
    const p = server.port;
    for (const host of ['127.0.0.1', `127.0.0.1:${p + 1}`, `LOCALHOST:${p}`, `[::1]:${p}`, `0.0.0.0:${p}`, `127.0.0.1:${p}.evil.example`, `evil.example`, `127.0.0.1.nip.io:${p}`, ' ']) {
      expect((await must(api(server, 'app.info', '{}', { host }))).status, host).toBe(403);
      expect((await must(raw(server, { path: '/', headers: { host } }))).status, host).toBe(403);
      figures.hosts += 2;
    }
  });

  it('accepts the token only in its header, exactly', async () => {
    const t = server.token;
    const tries: [string, Record<string, string>, string][] = [
      ['token in the query', {}, `/api/app.info?token=${t}`],
      ['token in a cookie', { cookie: `x-lap-token=${t}` }, '/api/app.info'],
      ['token as a bearer', { authorization: `Bearer ${t}` }, '/api/app.info'],
      ['upper-case token', { 'x-lap-token': t.toUpperCase() }, '/api/app.info'],
      ['token with a space', { 'x-lap-token': ` ${t}x` }, '/api/app.info'],
      ['token prefix', { 'x-lap-token': t.slice(0, 24) }, '/api/app.info'],
      ['token twice', { 'x-lap-token': `${t}, ${t}` }, '/api/app.info'],
    ];
    for (const [name, headers, p] of tries) {
      const res = await must(raw(server, { method: 'POST', path: p, headers: { 'content-type': 'application/json', ...headers }, body: '{}' }));
      expect(res.status, name).toBe(401);
      figures.token++;
    }
  });

  it('never grants CORS, and answers preflights and GETs to the API with 405', async () => {
    const p = server.port;
    const pre = await must(raw(server, { method: 'OPTIONS', path: '/api/app.info', headers: { origin: `http://127.0.0.1:${p}`, 'access-control-request-method': 'POST' } }));
    expect(pre.status).toBe(405);
    const get = await must(raw(server, { path: '/api/app.info', headers: { 'x-lap-token': server.token } }));
    expect(get.status).toBe(405);
    for (const res of [pre, get, await must(api(server, 'app.info', '{}'))]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('preview transport: bodies', () => {
  it('refuses a body over the limit without running the handler (4xx or a closed connection)', async () => {
    const before = tableChecksums(backend.db);
    const big = JSON.stringify({ name: 'x'.repeat(SMALL_LIMIT * 4), kind: 'custom' });
    for (const body of [big, Buffer.alloc(SMALL_LIMIT + 1, 0x20), `{"content":"${'a'.repeat(SMALL_LIMIT)}"}`]) {
      const res = await api(small, 'laps.create', body as string);
      if (res !== 'reset') {
        expect([400, 413]).toContain(res.status);
        expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
        expect(JSON.parse(res.body).error.message).toMatch(/accepts here in one request \(4 KB once encoded\)/);
      }
      figures.bodies++;
    }
    // A large body streamed in chunks, with the size declared up front.
    const chunked = await new Promise<number | 'reset'>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: small.port, method: 'POST', path: '/api/laps.create', headers: { host: `127.0.0.1:${small.port}`, 'x-lap-token': small.token, 'content-length': 10 * 1024 * 1024 } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy(); // stop sending the rest: the answer is in
        },
      );
      req.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(chunked === 'reset' || chunked === 400 || chunked === 413).toBe(true);
    figures.bodies++;
    expect(tableChecksums(backend.db)).toEqual(before);
    // Still serving.
    expect((await must(api(small, 'app.info', '{}'))).status).toBe(200);
  });

  it('survives pathological JSON: 100,000-deep nesting, __proto__ keys, invalid UTF-8, non-JSON', async () => {
    const before = tableChecksums(backend.db);
    const bodies = [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      '{"__proto__":{"polluted":"yes"},"name":"x","kind":"custom"}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1'),
      'null',
      '"just a string"',
      '1e999',
      '{"name":"x","kind":"custom"',
    ];
    for (const body of bodies) {
      const res = await must(api(server, 'laps.create', body));
      expect([200, 400], body.slice(0, 40)).toContain(res.status);
      const reply = JSON.parse(res.body);
      expect(reply.ok, body.slice(0, 40)).toBe(false);
      expect(reply.error.kind).toBe('invalid-input');
      figures.bodies++;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tableChecksums(backend.db)).toEqual(before);
  });

  it('validates every contract channel over HTTP as over IPC (wrong-type body)', async () => {
    for (const channel of channels) {
      const res = await must(api(server, channel, '"not an object"'));
      expect(res.status).toBe(200);
      const reply = JSON.parse(res.body);
      expect(reply, channel).toMatchObject({ ok: false, error: { kind: 'invalid-input', channel, issues: [{ path: [] }] } });
      figures.channels++;
    }
  });
});

describe('preview transport: static paths', () => {
  it('never serves a file outside the renderer folder, however the path is written', async () => {
    const paths = [
      '/../secret.txt',
      '/../../../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/.%2e/secret.txt',
      '/%2e./secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%e0%80%ae%e0%80%ae/secret.txt',
      '/%00',
      '/index.html%00.js',
      '//etc/passwd',
      '/%2f%2fetc/passwd',
      '/%2fetc%2fpasswd',
      '/assets/../../secret.txt',
      '/api/../../secret.txt',
      '/C:/Windows/win.ini',
      '/%43:%5cWindows%5cwin.ini',
    ];
    for (const p of paths) {
      const res = await raw(server, { path: p });
      if (res === 'reset') continue;
      expect(res.body, p).not.toContain('TOP-SECRET');
      expect(res.body, p).not.toContain('root:');
      if (res.status === 200) expect(res.body, p).toContain('LAP Insight'); // normalised to a file inside the folder
      else expect([400, 403, 404], p).toContain(res.status);
      figures.paths++;
    }
  });

  it('serves only GET and HEAD for static files', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'POST']) expect((await must(raw(server, { method, path: '/index.html' }))).status, method).toBe(405);
  });
});
