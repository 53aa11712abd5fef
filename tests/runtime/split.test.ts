/**
 * The window/backend split under Node (backend/split): the backend runs in a child process, as it does in
 * Electron's utilityProcess, and answers the same contract over the channel. Printing goes back to the host (as
 * Electron main prints with printToPDF), a cancelled export stops waiting for it, and a trivial request is answered
 * while a large import runs in the backend (the time itself is measured in tests/bench/split.bench.ts).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Args, Channel, Results } from '../../shared/contract.ts';
import type { JobInfo } from '../../shared/contract/data.ts';
import type { ExportProfileResult } from '../../shared/contract/export.ts';
import { createBackend } from '../../backend/backend.ts';
import { listValues } from '../../backend/data/store.ts';
import { dispatch } from '../../backend/dispatch.ts';
import { openDatabase } from '../../backend/db.ts';
import { BackendStartError } from '../../backend/split/client.ts';
import { forkBackend, type ForkedBackend } from '../../backend/split/node.ts';
import type { PdfOptions, ReportPrinter } from '../../backend/report/printer.ts';
import { tempDir } from '../helpers/tmp.ts';
import { syntheticTidyCsv } from './synthetic.ts';

const tmp = tempDir('lap-split-');
const printed: { html: string; options: PdfOptions }[] = [];
let hold: Promise<void> | null = null;
/** Stands in for Electron's printer in main: records what the backend asked to print. */
const hostPrinter: ReportPrinter = {
  name: 'fake-host',
  async pdf(html, options) {
    printed.push({ html, options });
    if (hold) await hold;
    return Buffer.from('%PDF-1.7\n% printed by the host (test stand-in)\n%%EOF\n');
  },
  png: async () => Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  close: async () => {},
};
const logged: string[] = [];
let backend: ForkedBackend;

async function send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]> {
  const reply = await backend.call(channel, args);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.kind}: ${reply.error.message}`);
  return reply.value as Results[K];
}

async function untilDone(jobId: string, seen?: string[]): Promise<JobInfo> {
  for (;;) {
    const info = await send('jobs.get', { jobId });
    if (seen && !seen.includes(info.message)) seen.push(info.message);
    if (info.state !== 'running') return info;
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  backend = forkBackend({ dbPath: path.join(tmp.dir, 'split.db'), transport: 'test', printer: 'host' }, { printer: hostPrinter, log: (_l, m) => logged.push(m) });
  await backend.ready;
}, 60_000);

afterAll(async () => {
  await backend?.close();
  tmp.cleanup();
});

describe('the backend in its own process', () => {
  it('runs in another process and answers app.info with its database', async () => {
    expect(backend.child.pid).not.toBe(process.pid);
    const info = await send('app.info', {});
    expect(info).toMatchObject({ name: 'LAP Insight', transport: 'test', databasePath: path.join(tmp.dir, 'split.db') });
    expect(info.schemaVersion).toBeGreaterThan(0);
    // The bundled geography crossed intact: the 57 wards (31 West, 26 North).
    const wards = await send('wards.list', {});
    expect(wards).toHaveLength(57);
    expect(wards.filter((w) => w.authorityName === 'West Northamptonshire')).toHaveLength(31);
  });

  it('validates in the backend with the one dispatcher: the same messages as in-process', async () => {
    // The ReplyError crosses the process boundary intact: the same object as the in-process dispatcher's.
    const local = createBackend({ dbPath: path.join(tmp.dir, 'local.db'), transport: 'test' });
    try {
      for (const args of [{ id: 'not an id' }, {}, { id: 999_999 }]) {
        expect(await backend.call('laps.get', args)).toEqual(await dispatch(local.handlers, 'laps.get', args as never));
      }
    } finally {
      local.close();
    }
    expect(await backend.call('laps.get', { id: 'not an id' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', channel: 'laps.get', issues: [{ path: ['id'] }] } });
    expect(await backend.call('no.such.verb', {})).toEqual({ ok: false, error: { kind: 'invalid-input', channel: 'no.such.verb', message: "Unknown request 'no.such.verb'." } });
    expect(await backend.call('laps.get', { id: 999_999 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    // As a Handlers map (what the preview server's dispatcher is given): an error reply becomes an AppError.
    await expect(backend.handlers['laps.get']({ id: 999_999 })).rejects.toMatchObject({ name: 'AppError', kind: 'not-found' });
    // ...and re-dispatched (as the preview server does) it is the same ReplyError again, issues and all.
    const relayed = await dispatch(backend.handlers, 'laps.setWards', { id: 1, wards: ['Castle'] });
    expect(relayed).toEqual(await backend.call('laps.setWards', { id: 1, wards: ['Castle'] }));
    expect(relayed).toMatchObject({ ok: false, error: { kind: 'invalid-input', issues: [{ path: ['wards', 0] }] } });
  });

  it('prints a PDF export through the host and carries the bytes back', async () => {
    const n4 = (await send('laps.list', {})).find((l) => l.name === 'N4')!;
    const { jobId } = await send('export.profile', { area: { kind: 'lap', id: n4.id }, format: 'pdf' });
    const info = await untilDone(jobId);
    expect(info.state, info.error ?? '').toBe('done');
    const result = info.result as ExportProfileResult;
    expect(Buffer.from(result.contentBase64, 'base64').toString('latin1')).toContain('printed by the host');
    expect(printed).toHaveLength(1);
    expect(printed[0]!.options.headerTitle).toContain('N4');
    expect(printed[0]!.html).toContain('Dallington Spencer');
  });

  it('a cancelled export stops in the backend while the host is still printing', async () => {
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    try {
      const dsn4 = (await send('laps.list', {})).find((l) => l.name === 'DSN4')!;
      const before = printed.length;
      const { jobId } = await send('export.profile', { area: { kind: 'lap', id: dsn4.id }, format: 'pdf' });
      while (printed.length === before) await new Promise((r) => setTimeout(r, 10));
      expect((await send('jobs.get', { jobId })).state).toBe('running');
      await send('jobs.cancel', { jobId });
      const info = await untilDone(jobId);
      expect(info.state).toBe('cancelled');
      expect(info.result).toBeUndefined();
    } finally {
      release();
      hold = null;
    }
  });

  it('answers app.info while a large import runs in the backend (not starved)', async () => {
    const csv = syntheticTidyCsv(120_000);
    const { jobId } = await send('import.start', { fileName: 'synthetic-split.csv', contentBase64: csv.toString('base64') });
    const answered: number[] = [];
    let during = 0;
    let info = await send('jobs.get', { jobId });
    while (info.state === 'running') {
      const t0 = performance.now();
      await send('app.info', {});
      answered.push(performance.now() - t0);
      info = await send('jobs.get', { jobId });
      if (info.state === 'running') during++;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(info.state, info.error ?? info.message).toBe('done');
    // Several answers came while the rows were being read and written: the import never held the channel.
    expect(during).toBeGreaterThanOrEqual(3);
    const reader = openDatabase(path.join(tmp.dir, 'split.db'), { readonly: true });
    try {
      expect(listValues(reader, { indicatorId: 'synthetic_split_0' }).length).toBe(57 * 10);
    } finally {
      reader.close();
    }
  }, 120_000);

  it('an import on the worker thread can be cancelled; nothing is written', async () => {
    const csv = syntheticTidyCsv(200_000, 'synthetic_cancel');
    const { jobId } = await send('import.start', { fileName: 'synthetic-cancel.csv', contentBase64: csv.toString('base64') });
    let info = await send('jobs.get', { jobId });
    while (info.state === 'running' && info.done === 0) info = await send('jobs.get', { jobId });
    await send('jobs.cancel', { jobId });
    info = await untilDone(jobId);
    expect(info.state).toBe('cancelled');
    expect(await send('indicators.list', { query: 'synthetic_cancel' })).toEqual([]);
  }, 120_000);

  it('a stopped backend fails pending and later calls with a plain message', async () => {
    const other = forkBackend({ dbPath: path.join(tmp.dir, 'stopped.db'), transport: 'test', printer: 'local' });
    await other.ready;
    other.child.kill('SIGKILL');
    await new Promise((r) => other.child.once('exit', r));
    expect(await other.call('app.info', {})).toEqual({ ok: false, error: { kind: 'internal', channel: 'app.info', message: 'The data service stopped (SIGKILL).' } });
  }, 60_000);

  it('reports a database it cannot open as a start-up error, with the backend’s message', async () => {
    // A database path under a plain file: no folder can be made there.
    const file = path.join(tmp.dir, 'a-plain-file');
    writeFileSync(file, 'not a folder');
    const bad = forkBackend({ dbPath: path.join(file, 'x.db'), transport: 'test', printer: 'local' });
    const err = await bad.ready.then(
      () => null,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(BackendStartError);
    expect(err?.message).toContain(file);
    await bad.close();
  }, 60_000);
});
