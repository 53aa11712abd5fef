/**
 * The hostile-input leftovers of issue 13 part 7: control and bidi characters never reach a stored name or a
 * terminal raw; a GeoJSON property nested 100,000 deep gets a plain message; the preview server answers malformed
 * percent-encoding with 400, refuses a `null` body and applies a per-verb body limit before reading; 1e-400 is
 * refused rather than stored as 0; a header naming a column twice is reported; two imports of one file at the same
 * moment end with a plain message. (Each import error printed once: tests/import/cli.test.ts, tests/places/cli.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { bufferSource } from '../../backend/io/csv.ts';
import { analyse, runImport } from '../../backend/data/import.ts';
import { writeAnalysis } from '../../backend/data/write.ts';
import { startPreviewServer, type PreviewServer } from '../../backend/preview/server.ts';
import { BODY_LIMITS, DEFAULT_BODY_LIMIT } from '../../backend/preview/limits.ts';
import { cleanName, showText, terminalSafe } from '../../shared/text.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ESC = '\u001b';
const BEL = '\u0007';
const CSI_C1 = '\u009b';
const RLO = '\u202e';
// eslint-disable-next-line no-control-regex -- what must never appear
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let t: { dir: string; cleanup: () => void };
let backend: Backend;
beforeAll(() => {
  t = tempDir('lap-hostile-');
  backend = createBackend({ dbPath: seededDb(path.join(t.dir, 'h.db')), transport: 'test', onNotice: () => {} });
});
afterAll(() => {
  backend.close();
  t.cleanup();
});

async function call<T>(channel: string, args: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { kind: string; message: string } }> {
  return (await dispatch(backend.handlers, channel, args)) as never;
}
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const TIDY = 'area_code,area_name,area_type,indicator_id,indicator_name,period,value\n';

describe('control and bidi characters (shared/text.ts)', () => {
  it('the helpers: names lose them, messages and terminals show them as \\uXXXX', () => {
    expect(cleanName(`  ${ESC}[31mRed${BEL} ${CSI_C1}31m name${RLO}gnp.exe\t `)).toBe('[31mRed 31m namegnp.exe');
    expect(showText(`a${ESC}b${RLO}c`)).toBe('a\\u001Bb\\u202Ec');
    expect(terminalSafe(`line 1\n\tline 2${ESC}[2J${CSI_C1}\r`)).toBe('line 1\n\tline 2\\u001B[2J\\u009B\\u000D');
    // JSON stays JSON: a C1 or bidi character inside a string becomes its escape.
    const json = JSON.stringify({ name: `x${CSI_C1}${RLO}y${ESC}` });
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: `x${CSI_C1}${RLO}y${ESC}` });
    expect(UNSAFE.test(terminalSafe(json))).toBe(false);
  });

  it('an indicator name from a file is stored without them; a cell with them is quoted escaped', async () => {
    const csv =
      TIDY +
      `E05013246,Castle,ward,hostile_name,${ESC}[31mSmokers${BEL} ${RLO}(synthetic)${CSI_C1},2023,12\n` +
      `E05013239,Abington and Phippsville,ward,hostile_name,x,2023,7\n`;
    const r = await runImport(backend.ctx, { source: bufferSource('names.csv', Buffer.from(csv)) }, { acceptWarnings: true });
    expect(r.status).toBe('imported');
    const ind = (await call<{ id: string; name: string; shortName: string }[]>('indicators.list', { query: 'hostile_name' }));
    if (!ind.ok) throw new Error(ind.error.message);
    const stored = ind.value.find((i) => i.id === 'hostile_name')!;
    expect(stored.name).toBe('[31mSmokers (synthetic)');
    expect(UNSAFE.test(stored.name + stored.shortName)).toBe(false);

    // One C0 control only: more and the file is refused as binary before any cell is read.
    const bad = TIDY + `E05013246,Castle,ward,bad_cell,Bad cell (synthetic),2023,12${ESC}]0;pwned${RLO}\n`;
    const failed = await runImport(backend.ctx, { source: bufferSource('cell.csv', Buffer.from(bad)) }, {});
    expect(failed.status).toBe('failed');
    const messages = failed.preview.report.issues.map((i) => i.message).join('\n');
    expect(messages).toContain("'12\\u001B]0;pwned\\u202E' is not a number");
    expect(UNSAFE.test(messages)).toBe(false);
  });

  it('LAP names with a C1 control or a bidi override are refused; `lap import` echoes a header escaped', async () => {
    const sets = await call<{ id: number; kind: string }[]>('lapSets.list', {});
    if (!sets.ok) throw new Error('no sets');
    const setId = sets.value.find((s) => s.kind === 'custom')!.id;
    for (const name of [`Town${RLO}cod.exe`, `Town${CSI_C1}2J`, `Town${ESC}[2J`, `Town\u2066x`]) {
      const r = await call('laps.create', { setId, name, wards: ['E05013246'] });
      expect(r.ok, JSON.stringify(name)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/control characters/);
    }
    const csv = `lap_nam${ESC}[2Je,ward_code\nX,E05013246\n`;
    const imported = await call('laps.import', { content: csv, format: 'csv', fileName: 'laps.csv' });
    expect(imported.ok).toBe(false);
    if (!imported.ok) {
      expect(imported.error.message).toContain('lap_nam\\u001B[2Je,ward_code');
      expect(UNSAFE.test(imported.error.message)).toBe(false);
    }
  });

  it('place names and addresses from a file are stored without them', async () => {
    // One C0 control (more and the file is refused as binary); C1 and bidi characters are not C0.
    const csv = `name,category,longitude,latitude,address\n${ESC}[1mSynthetic${RLO} GP ${CSI_C1}surgery,GP surgery,-0.8937,52.241,1 Synthetic\u2067 Road\n`;
    const r = await call<{ status: string; list: { id: number } | null }>('places.import', { fileName: 'hostile-places-synthetic.csv', contentBase64: b64(csv) });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.status, JSON.stringify(r.value)).toBe('imported');
    const places = await call<{ name: string; address: string }[]>('places.list', { query: 'Synthetic' });
    if (!places.ok) throw new Error(places.error.message);
    expect(places.value.map((p) => [p.name, p.address])).toEqual([['[1mSynthetic GP surgery', '1 Synthetic Road']]);
  });

  it('the CLI never writes them raw to the terminal, even from a stored name or a bad cell', () => {
    const file = path.join(t.dir, 'evil.csv');
    writeFileSync(file, TIDY + `E05013246,Castle,ward,evil,Evil,2023,1${ESC}[2J${CSI_C1}${RLO}\n`);
    const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'lap-insight.mjs'), 'import', file, '--db', path.join(t.dir, 'cli.db')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("'1\\u001B[2J\\u009B\\u202E' is not a number");
    expect(UNSAFE.test(r.stdout + r.stderr)).toBe(false);
  });
});

describe('a GeoJSON property nested 100,000 deep', () => {
  it('gets a plain message naming the feature and property, not "Maximum call stack size exceeded"', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    const geojson = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":${deep},"category":"gp"},"geometry":{"type":"Point","coordinates":[-0.89,52.24]}}]}`;
    const r = await call<{ status: string; report: { issues: { message: string }[] } }>('places.import', { fileName: 'deep.geojson', contentBase64: b64(geojson), check: true });
    if (!r.ok) throw new Error(`refused: ${r.error.message}`);
    expect(r.value.status).toBe('failed');
    expect(r.value.report.issues.map((i) => i.message)).toEqual(["feature 1, property 'name': the value is nested more than 64 levels deep, so it cannot be read"]);
  });
});

describe('numbers and headers', () => {
  async function check(csv: string) {
    const r = await runImport(backend.ctx, { source: bufferSource('n.csv', Buffer.from(csv)) }, { dryRun: true });
    return { status: r.status, messages: r.preview.report.issues.map((i) => `${i.severity}: ${i.message}`) };
  }

  it('1e-400 is refused, not stored as 0 (as 1e309 is refused); a written zero is still 0', async () => {
    const r = await check(TIDY + 'E05013246,Castle,ward,tiny,Tiny (synthetic),2023,1e-400\nE05013239,Abington and Phippsville,ward,tiny,Tiny (synthetic),2023,-2.5E-999\n');
    expect(r.status).toBe('failed');
    expect(r.messages).toContain("error: row 2, column 'value': '1e-400' is too small to store (it would become 0); check the value");
    expect(r.messages).toContain("error: row 3, column 'value': '-2.5E-999' is too small to store (it would become 0); check the value");
    const huge = await check(TIDY + 'E05013246,Castle,ward,huge,Huge (synthetic),2023,1e309\n');
    expect(huge.messages).toContain("error: row 2, column 'value': '1e309' is not a number");
    const zeros = await check(TIDY + 'E05013246,Castle,ward,zero,Zero (synthetic),2023,0e-400\nE05013239,Abington and Phippsville,ward,zero,Zero (synthetic),2023,0.000\n');
    expect(zeros.status).toBe('checked');
  });

  it('a header naming a used column twice stops the import; an ignored one twice is a warning', async () => {
    const twice = await check('area_code,indicator_id,period,value,Value\nE05013246,dup,2023,1,2\n');
    expect(twice.status).toBe('failed');
    expect(twice.messages.join('\n')).toContain("the column 'value' appears 2 times in the header (columns 4 and 5); LAP Insight cannot tell which to read: rename or remove the others");
    const ignored = await check('area_code,indicator_id,indicator_name,period,value,comment,comment\nE05013246,dup2,Dup (synthetic),2023,1,a,b\n');
    expect(ignored.messages.join('\n')).toContain("warning: the column 'comment' appears 2 times in the header (columns 6 and 7); it is not used");
  });
});

describe('two imports of the same file at the same moment', () => {
  it('the second ends with a plain message, not a raw UNIQUE constraint error, and nothing is half-written', async () => {
    const other = createBackend({ dbPath: path.join(t.dir, 'h.db'), transport: 'test', onNotice: () => {} });
    try {
      const csv = TIDY + 'E05013246,Castle,ward,race_ind,Race (synthetic),2023,5\nE05013239,Abington and Phippsville,ward,race_ind,Race (synthetic),2023,6\n';
      const source = () => bufferSource('race.csv', Buffer.from(csv));
      // The other import has checked the file too; it writes between this one's check and its write.
      const theirs = await analyse(other.ctx, { source: source() }, {});
      const before = (backend.db.prepare("SELECT count(*) AS n FROM dataset WHERE kind = 'user'").get() as { n: number }).n;
      const r = await runImport(backend.ctx, { source: source() }, {
        acceptWarnings: true,
        onProgress: (p) => {
          if (p.phase === 'writing' && p.done === 0) writeAnalysis(other.db, theirs, []);
        },
      });
      expect(r.status).toBe('failed');
      const id = (backend.db.prepare("SELECT max(id) AS id FROM dataset WHERE kind = 'user'").get() as { id: number }).id;
      expect(r.message).toBe(
        `Nothing was imported from race.csv: the same file was imported at the same moment by another import (another window or the command line), as dataset ${id} ('race.csv'). Nothing was changed.`,
      );
      expect(r.message).not.toMatch(/UNIQUE|constraint/i);
      expect((backend.db.prepare("SELECT count(*) AS n FROM dataset WHERE kind = 'user'").get() as { n: number }).n).toBe(before + 1); // theirs only
      expect((backend.db.prepare("SELECT count(*) AS n FROM value WHERE indicator_id = 'race_ind'").get() as { n: number }).n).toBe(2);
    } finally {
      other.close();
    }
  });
});

describe('preview server', () => {
  let server: PreviewServer;
  beforeAll(async () => {
    server = await startPreviewServer({ handlers: backend.handlers, staticDir: path.join(repo, 'dist', 'renderer') });
  });
  afterAll(async () => {
    server.server.closeAllConnections();
    await server.close();
  });

  function post(pathname: string, body: string | undefined, headers: Record<string, string | number> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: pathname, headers: { host: `127.0.0.1:${server.port}`, 'x-lap-token': server.token, 'content-type': 'application/json', ...headers } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.end(body);
    });
  }

  it('answers malformed percent-encoding in the verb name with 400, not 500', async () => {
    for (const p of ['/api/wards.list%', '/api/%E0%A4%A', '/api/%zz']) {
      const r = await post(p, '{}');
      expect(r.status, p).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { kind: 'invalid-input', channel: '', message: 'The request name is not valid percent-encoding.' } });
    }
  });

  it('refuses a null, list or bare-value body instead of reading it as {} (as every transport does)', async () => {
    for (const body of ['null', '[]', '42', '"x"']) {
      const r = await post('/api/wards.list', body);
      expect(r.status, body).toBe(200);
      const reply = JSON.parse(r.body);
      expect(reply.ok, body).toBe(false);
      expect(reply.error.kind).toBe('invalid-input');
      expect(reply.error.channel).toBe('wards.list');
      expect(reply.error.issues).toEqual([{ path: [], message: expect.stringMatching(/expected object/) }]);
    }
    const empty = await post('/api/wards.list', ''); // no body at all: no arguments
    expect(JSON.parse(empty.body).ok).toBe(true);
    // and over the dispatcher used by IPC and the CLI
    const viaDispatch = await dispatch(backend.handlers, 'wards.list', null);
    expect(viaDispatch.ok).toBe(false);
  });

  it('has a limit per verb and refuses a 200 MB body to a small verb from its Content-Length, before reading it', async () => {
    expect(DEFAULT_BODY_LIMIT).toBe(1024 * 1024);
    expect(BODY_LIMITS['laps.import']).toBeLessThan(BODY_LIMITS['import.start']!);
    const before = process.memoryUsage().rss;
    // Headers only: the 200 MB never comes; the answer must not wait for it.
    const small = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/laps.import', headers: { host: `127.0.0.1:${server.port}`, 'x-lap-token': server.token, 'content-length': 200 * 1024 * 1024 } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
          req.destroy();
        },
      );
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      req.flushHeaders();
    });
    expect(small).toBe(413);
    const big = await post('/api/wards.list', JSON.stringify({ query: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toMatchObject({ kind: 'invalid-input', channel: 'wards.list' });
    expect(JSON.parse(big.body).error.message).toContain(`accepts here in one request (${DEFAULT_BODY_LIMIT / 1024 / 1024} MB once encoded)`);
    // A 3 MB file still reaches the import verb (its own, larger limit).
    const file = TIDY + 'E05013246,Castle,ward,big_ok,Big (synthetic),2023,1\n' + '#'.repeat(3 * 1024 * 1024) + '\n';
    const ok = await post('/api/import.preview', JSON.stringify({ fileName: 'big.csv', contentBase64: b64(file) }));
    expect(ok.status).toBe(200);
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });
});
