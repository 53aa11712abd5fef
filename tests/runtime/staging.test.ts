/**
 * Files read once ('files.stage'): the window sends a file once, then previews and imports it by id, and the
 * backend says plainly when it no longer holds it. In-process through the dispatcher and across the process split
 * (where the import runs on a worker thread and is handed the staged bytes).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../backend/backend.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { StagedFiles } from '../../backend/data/staging.ts';
import { listValues } from '../../backend/data/store.ts';
import { openDatabase } from '../../backend/db.ts';
import { forkBackend, type ForkedBackend } from '../../backend/split/node.ts';
import type { ImportPreview, JobInfo, StagedFile } from '../../shared/contract/data.ts';
import { seededDb } from '../helpers/backend.ts';
import { tempDir } from '../helpers/tmp.ts';
import { syntheticTidyCsv } from './synthetic.ts';

const tmp = tempDir('lap-staging-');
let local: Backend;
let remote: ForkedBackend;
// 2 indicators x 10 periods x 57 wards (synthetic numbers).
const csv = syntheticTidyCsv(1140, 'synthetic_staged');

beforeAll(async () => {
  local = createBackend({ dbPath: seededDb(path.join(tmp.dir, 'local.db')), transport: 'test' });
  remote = forkBackend({ dbPath: seededDb(path.join(tmp.dir, 'remote.db')), transport: 'test', printer: 'local' });
  await remote.ready;
}, 60_000);

afterAll(async () => {
  local?.close();
  await remote?.close();
  tmp.cleanup();
});

type Call = (channel: string, args: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }>;
/** Each transport, and its database file (the stored rows are read straight from it). */
const transports: [string, () => Call, string][] = [
  ['in-process', () => (c, a) => dispatch(local.handlers, c, a), 'local.db'],
  ['split (import on a worker thread)', () => remote.call, 'remote.db'],
];

async function value<T>(call: Call, channel: string, args: unknown): Promise<T> {
  const r = await call(channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error!.message}`);
  return r.value as T;
}

describe.each(transports)('files.stage, %s', (_name, get, dbFile) => {
  it('stages once, previews and imports by id; the rows stored are the file’s', async () => {
    const call = get();
    const staged = await value<StagedFile>(call, 'files.stage', { fileName: 'staged.csv', contentBase64: csv.toString('base64') });
    expect(staged.bytes).toBe(csv.length);
    const preview = await value<ImportPreview>(call, 'import.preview', { fileName: 'staged.csv', fileId: staged.fileId });
    expect(preview.counts).toMatchObject({ rowsRead: 1140, valuesToWrite: 1140, indicators: 2, areas: 57, periods: 10 });
    // A second preview with other choices names the same staged file: nothing is sent again.
    const again = await value<ImportPreview>(call, 'import.preview', { fileName: 'staged.csv', fileId: staged.fileId, delimiter: ',' });
    expect(again.counts.rowsRead).toBe(1140);
    const { jobId } = await value<{ jobId: string }>(call, 'import.start', { fileName: 'staged.csv', fileId: staged.fileId });
    let info: JobInfo;
    for (;;) {
      info = await value<JobInfo>(call, 'jobs.get', { jobId });
      if (info.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(info.state, info.error ?? '').toBe('done');
    const reader = openDatabase(path.join(tmp.dir, dbFile), { readonly: true });
    const rows = listValues(reader, { indicatorId: 'synthetic_staged_1', period: '2003' });
    reader.close();
    // Row i of the file: ward i % 57, indicator floor(i / 570), period 2000 + floor(i / 57) % 10, numerator i % 90.
    const expected = Array.from({ length: 1140 }, (_, i) => i)
      .filter((i) => Math.floor(i / 570) === 1 && Math.floor(i / 57) % 10 === 3)
      .map((i) => ({ areaCode: `E050${13213 + (i % 57)}`, numerator: i % 90 }));
    expect(rows.map((r) => ({ areaCode: r.areaCode, numerator: r.numerator })).sort((a, b) => a.areaCode.localeCompare(b.areaCode))).toEqual(expected.sort((a, b) => a.areaCode.localeCompare(b.areaCode)));
  }, 60_000);

  it('refuses both or neither source, and an unknown id with a plain message', async () => {
    const call = get();
    const both = await call('import.preview', { fileName: 'x.csv', contentBase64: 'QQ==', fileId: '00000000-0000-4000-8000-000000000000' });
    expect(both).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('either contentBase64 or a fileId') } });
    expect(await call('import.start', { fileName: 'x.csv' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const gone = await call('import.preview', { fileName: 'x.csv', fileId: '00000000-0000-4000-8000-000000000000' });
    expect(gone).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('choose it again') } });
  });
});

describe('the staged-file store', () => {
  it('forgets a file 30 minutes after its last use, and the oldest first beyond four files', () => {
    let now = 0;
    const store = new StagedFiles(() => now);
    const a = store.put('a.csv', Buffer.from('a'));
    now = 29 * 60_000;
    expect(store.get(a.fileId).toString()).toBe('a'); // used: the clock restarts
    now = 58 * 60_000;
    expect(store.get(a.fileId).toString()).toBe('a');
    now = 89 * 60_000;
    expect(() => store.get(a.fileId)).toThrow(/no longer held/);
    const ids = ['1', '2', '3', '4', '5'].map((n) => {
      now += 1;
      return store.put(`${n}.csv`, Buffer.from(n)).fileId;
    });
    expect(store.size).toBe(4);
    expect(() => store.get(ids[0]!)).toThrow(/no longer held/);
    expect(store.get(ids[4]!).toString()).toBe('5');
  });
});
