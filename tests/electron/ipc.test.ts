import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { AppError, channels, type Handlers } from '../../shared/contract.ts';
import type { Lap } from '../../shared/contract/laps.ts';
import type { Ward } from '../../shared/domain.ts';
import { FakeFrame, FakeWebContents } from './fakes.ts';

type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, InvokeHandler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => {
      if (registered.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      registered.set(channel, handler);
    },
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerIpc, senderProblem } = await import('../../electron/main/ipc.ts');

const ward: Ward = {
  code: 'E05013246',
  name: 'Abington & Phippsville',
  authorityCode: 'E06000062',
  authorityName: 'West Northamptonshire',
  labelPoint: [-0.87, 52.24],
  areaHectares: 210,
};

// Every channel answers; the ones under test are replaced below.
const unused = Object.fromEntries(
  channels.map((c) => [
    c,
    vi.fn(async () => {
      throw new AppError('internal', `${c} is not used in this test`);
    }),
  ]),
) as unknown as Handlers;

/** Enough of a LAP for the transport, which never looks inside a value. */
const lap = { id: 1, name: 'N4' } as Lap;

const handlers: Handlers = {
  ...unused,
  'app.info': vi.fn(async () => ({ name: 'LAP Insight', version: '0.1.0', databasePath: '/tmp/x.db', schemaVersion: 1, transport: 'test' as const })),
  'wards.list': vi.fn(async () => [ward]),
  'laps.get': vi.fn(async ({ id }) => {
    if (id !== lap.id) throw new AppError('not-found', `No LAP ${id}.`);
    return lap;
  }),
};

const OUR_ID = 1;
const ourContents = new FakeWebContents(OUR_ID);

/** An invoke event from a frame (the main frame of our window unless told otherwise). */
function eventFrom(frame: FakeFrame | null, sender: FakeWebContents = ourContents) {
  return { sender, senderFrame: frame, frameId: 1, processId: 7 } as unknown as IpcMainInvokeEvent;
}

function call(channel: string, event: IpcMainInvokeEvent, args?: unknown) {
  const handler = registered.get(`lap:${channel}`);
  if (!handler) throw new Error(`no handler for lap:${channel}`);
  return handler(event, args);
}

describe('Electron IPC transport', () => {
  beforeEach(() => {
    registered.clear();
    registerIpc(handlers, (id) => id === OUR_ID);
  });

  it('registers one handler per contract channel, removable', () => {
    expect([...registered.keys()].sort()).toEqual(channels.map((c) => `lap:${c}`).sort());
    registered.clear();
    const unregister = registerIpc(handlers, () => true);
    expect(registered.size).toBe(channels.length);
    unregister();
    expect(registered.size).toBe(0);
  });

  it('answers a good call from the app page', async () => {
    await expect(call('laps.get', eventFrom(ourContents.mainFrame), { id: 1 })).resolves.toEqual({ ok: true, value: lap });
    await expect(call('wards.list', eventFrom(ourContents.mainFrame), {})).resolves.toEqual({ ok: true, value: [ward] });
  });

  it('rejects bad arguments with kind "invalid-input", before the handler runs', async () => {
    vi.mocked(handlers['laps.get']).mockClear();
    const reply = (await call('laps.get', eventFrom(ourContents.mainFrame), { id: 'Robert; DROP TABLE lap' })) as { ok: boolean; error: { kind: string; message: string } };
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(reply.error.message).toContain('id');
    expect(await call('wards.list', eventFrom(ourContents.mainFrame), { query: 'x', extra: true })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(handlers['laps.get']).not.toHaveBeenCalled();
  });

  it('passes backend errors through as the dispatcher built them', async () => {
    expect(await call('laps.get', eventFrom(ourContents.mainFrame), { id: 99 })).toEqual({ ok: false, error: { kind: 'not-found', channel: 'laps.get', message: 'No LAP 99.' } });
    // An invalid-input reply keeps its issues, unchanged, over IPC.
    const reply = (await call('laps.get', eventFrom(ourContents.mainFrame), { id: 'Castle' })) as { ok: false; error: { kind: string; channel: string; issues: { path: unknown[] }[] } };
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input', channel: 'laps.get' } });
    expect(reply.error.issues.map((i) => i.path)).toEqual([['id']]);
  });

  it('never sends a fault\'s own text (a path, a stack) to the page', async () => {
    vi.mocked(handlers['wards.list']).mockRejectedValueOnce(new Error("ENOENT: no such file or directory, open '/home/member/secret/lap.db'"));
    const reply = (await call('wards.list', eventFrom(ourContents.mainFrame), {})) as { ok: false; error: { kind: string; channel: string; message: string } };
    expect(reply.error).toMatchObject({ kind: 'internal', channel: 'wards.list' });
    expect(reply.error.message).not.toMatch(/home|secret|ENOENT|at /);
  });

  it('forbids a sender frame showing another origin', async () => {
    const evil = new FakeWebContents(OUR_ID, new FakeFrame('https://evil.example/'));
    expect(await call('app.info', eventFrom(evil.mainFrame, evil), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('forbids a missing sender frame', async () => {
    expect(await call('app.info', eventFrom(null), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const throwing = { sender: ourContents, get senderFrame() { throw new Error('frame disposed'); } } as unknown as IpcMainInvokeEvent;
    expect(await call('app.info', throwing, {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('forbids an app:// sub-frame and a window the app did not create', async () => {
    const child = new FakeFrame('app://lap/index.html', ourContents.mainFrame);
    expect(await call('app.info', eventFrom(child), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const stranger = new FakeWebContents(99);
    expect(await call('app.info', eventFrom(stranger.mainFrame, stranger), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const lookalike = new FakeWebContents(OUR_ID, new FakeFrame('app://lap.evil/index.html'));
    expect(await call('app.info', eventFrom(lookalike.mainFrame, lookalike), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // A top-level frame that is not this contents' main frame (e.g. a stale frame object).
    expect(await call('app.info', eventFrom(new FakeFrame('app://lap/index.html')), {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('explains why a sender is refused, and accepts the main frame', () => {
    expect(senderProblem(eventFrom(ourContents.mainFrame), (id) => id === OUR_ID)).toBeNull();
    expect(senderProblem(eventFrom(null), () => true)).toMatch(/gone/);
  });
});
