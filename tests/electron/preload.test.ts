import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LapBridge } from '../../electron/preload/api-types.ts';

const mocks = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  emitter: undefined as undefined | { emit(event: string, ...args: unknown[]): void },
}));

vi.mock('electron', async () => {
  const { FakeEmitter: Emitter } = await import('./fakes.ts');
  class FakeIpcRenderer extends Emitter {
    invoke = mocks.invoke;
    removeListener(event: string, listener: (...args: unknown[]) => unknown) {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
      return this;
    }
  }
  const ipcRenderer = new FakeIpcRenderer();
  mocks.emitter = ipcRenderer;
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => mocks.exposed.set(key, api) },
    ipcRenderer,
  };
});

await import('../../electron/preload/preload.ts');
const lap = mocks.exposed.get('lap') as LapBridge;

describe('preload bridge (window.lap)', () => {
  beforeEach(() => mocks.invoke.mockReset());

  it('exposes only window.lap, with send, request, onMenu and the transport name', () => {
    expect([...mocks.exposed.keys()]).toEqual(['lap']);
    expect(lap.transport).toBe('electron');
    expect(typeof lap.send).toBe('function');
    expect(typeof lap.request).toBe('function');
    expect(typeof lap.onMenu).toBe('function');
  });

  it('invokes lap:<channel> and unwraps an ok reply', async () => {
    mocks.invoke.mockResolvedValueOnce({ ok: true, value: [{ code: 'E05013246' }] });
    await expect(lap.send('wards.list', { query: 'abington' })).resolves.toEqual([{ code: 'E05013246' }]);
    expect(mocks.invoke).toHaveBeenCalledWith('lap:wards.list', { query: 'abington' });
  });

  it('throws the reply message with its kind, channel and issues on an error reply', async () => {
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'not-found', channel: 'laps.get', message: 'There is no LAP 99.' } });
    const error = await lap.send('laps.get', { id: 99 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'There is no LAP 99.', kind: 'not-found', channel: 'laps.get' });
    const issues = [{ path: ['id'], message: 'a LAP id is a whole number' }];
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'invalid-input', channel: 'laps.get', message: 'A LAP id is a whole number.', issues } });
    await expect(lap.send('laps.get', { id: 'x' } as never)).rejects.toMatchObject({ kind: 'invalid-input', issues });
  });

  it('request resolves with the Reply itself: the ReplyError survives contextBridge intact', async () => {
    const reply = {
      ok: false,
      error: { kind: 'invalid-input', channel: 'laps.setWards', message: 'A ward code looks like E05013246.', issues: [{ path: ['wards', 1], message: 'a ward code looks like E05013246' }] },
    };
    mocks.invoke.mockResolvedValueOnce(structuredClone(reply));
    await expect(lap.request('laps.setWards', { id: 1, wards: ['E05013246', 'x'] })).resolves.toEqual(reply);
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'forbidden', channel: 'app.info', message: 'refused' } });
    await expect(lap.request('app.info', {})).resolves.toEqual({ ok: false, error: { kind: 'forbidden', channel: 'app.info', message: 'refused' } });
  });

  it('refuses unknown channels without calling ipcRenderer', async () => {
    for (const channel of ['evil.channel', 'lap:app.info', '__proto__', 'constructor', 'toString']) {
      const error = await lap.send(channel as 'app.info', {}).catch((e: unknown) => e);
      expect(error, channel).toMatchObject({ kind: 'invalid-input' });
    }
    expect(mocks.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed invoke or a malformed reply into an internal error', async () => {
    mocks.invoke.mockRejectedValueOnce(new Error("No handler registered for 'lap:app.info'"));
    await expect(lap.send('app.info', {})).rejects.toMatchObject({ kind: 'internal' });
    mocks.invoke.mockResolvedValueOnce({ something: 'else' });
    await expect(lap.send('app.info', {})).rejects.toMatchObject({ kind: 'internal' });
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'made-up', channel: 'app.info', message: 'x' } });
    await expect(lap.send('app.info', {})).rejects.toMatchObject({ kind: 'internal' });
    // The old shape, without a channel, is not a ReplyError either; nor are issues that are not a list of path + message.
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'not-found', message: 'x' } });
    await expect(lap.send('app.info', {})).rejects.toMatchObject({ kind: 'internal' });
    mocks.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'not-found', channel: 'app.info', message: 'x', issues: 'code' } });
    await expect(lap.send('app.info', {})).rejects.toMatchObject({ kind: 'internal', channel: 'app.info' });
  });

  it('onMenu delivers known actions only (never the IPC event) and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = lap.onMenu((...args) => received.push(args));
    mocks.emitter!.emit('lap:menu', { sender: 'ipc event' }, 'menu:sources');
    mocks.emitter!.emit('lap:menu', { sender: 'ipc event' }, 'menu:format-disk');
    expect(received).toEqual([['menu:sources']]);
    off();
    mocks.emitter!.emit('lap:menu', {}, 'menu:sources');
    expect(received).toHaveLength(1);
  });
});

describe('the plain channel list the preload checks names against (shared/channels.ts)', () => {
  it('is exactly the contract\'s verbs, so no verb is refused or let through by mistake', async () => {
    const { CHANNEL_NAMES, isChannelName } = await import('../../shared/channels.ts');
    const { schemas } = await import('../../shared/contract.ts');
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(schemas).sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    expect(isChannelName('wards.list')).toBe(true);
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName(42)).toBe(false);
  });
});
