/**
 * Every Electron IPC channel refuses every unexpected sender, before validation and before any handler runs.
 * Electron is mocked as in tests/electron/ipc.test.ts (the binary cannot run here); the channels are read from the
 * contract, so a new verb is covered automatically. The allowed sender (the main frame of our window at
 * app://lap/) still reaches the dispatcher on every channel.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { channels, type Handlers } from '../../shared/contract.ts';
import { FakeFrame, FakeWebContents } from '../electron/fakes.ts';

type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const registered = vi.hoisted(() => new Map<string, InvokeHandler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => registered.set(channel, handler),
    removeHandler: (channel: string) => registered.delete(channel),
  },
}));

const { registerIpc } = await import('../../electron/main/ipc.ts');

const calls: string[] = [];
const handlers = Object.fromEntries(
  channels.map((c) => [
    c,
    async () => {
      calls.push(c);
      return 'ran';
    },
  ]),
) as unknown as Handlers;

const OUR_ID = 1;
const ours = new FakeWebContents(OUR_ID);
registerIpc(handlers, (id) => id === OUR_ID);

function event(sender: unknown, senderFrame: unknown): IpcMainInvokeEvent {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

/** Senders that must all be refused. */
const BAD_SENDERS: [string, () => IpcMainInvokeEvent][] = [
  ...[
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'file:///C:/Users/x/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'blob:app://lap/1234',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    'app://lap.evil/index.html',
    'app://lap@evil/index.html',
    'app://evil/index.html',
    'app://lap',
    'APP://LAP/index.html',
    ' app://lap/index.html',
    '',
  ].map((url) => {
    const contents = new FakeWebContents(OUR_ID, new FakeFrame(url));
    return [`main frame at ${JSON.stringify(url)}`, () => event(contents, contents.mainFrame)] as [string, () => IpcMainInvokeEvent];
  }),
  ['an app:// iframe inside our page', () => event(ours, new FakeFrame('app://lap/index.html', ours.mainFrame))],
  ['a top-level app:// frame that is not our main frame (stale)', () => event(ours, new FakeFrame('app://lap/index.html'))],
  ['a window the app did not create', () => {
    const stranger = new FakeWebContents(99);
    return event(stranger, stranger.mainFrame);
  }],
  ['no sender frame (navigated away)', () => event(ours, null)],
  ['a sender frame that throws when read (disposed)', () => ({ sender: ours, get senderFrame() { throw new Error('Render frame was disposed'); } }) as unknown as IpcMainInvokeEvent],
  ['a frame whose url is not a string', () => event(ours, Object.assign(new FakeFrame('x'), { url: 42 }))],
  ['no sender at all', () => event(undefined, ours.mainFrame)],
  ['a sender without a main frame', () => event({ id: OUR_ID }, new FakeFrame('app://lap/index.html'))],
];

let refused = 0;
afterAll(() => {
  console.log(`[ipc-senders] ${channels.length} IPC channels x ${BAD_SENDERS.length} unexpected senders = ${refused} calls refused as 'forbidden'; no handler ran.`);
});

describe('Electron IPC sender checks, every channel', () => {
  it('registers exactly the contract channels', () => {
    expect([...registered.keys()].sort()).toEqual(channels.map((c) => `lap:${c}`).sort());
  });

  it.each(BAD_SENDERS)('refuses %s on every channel', async (_name, make) => {
    for (const channel of channels) {
      const reply = (await registered.get(`lap:${channel}`)!(make(), {})) as { ok: boolean; error?: { kind: string; channel: string; message: string } };
      expect(reply.ok, channel).toBe(false);
      expect(reply.error?.kind, channel).toBe('forbidden');
      expect(reply.error?.channel, channel).toBe(channel);
      expect(reply.error?.message.startsWith('Refused: '), channel).toBe(true);
      refused++;
    }
    expect(calls).toEqual([]);
  });

  it('lets the main frame of our own window through to the dispatcher on every channel', async () => {
    for (const channel of channels) {
      // Arguments that fail validation: the reply proves the sender passed and the dispatcher (not a handler) answered.
      const reply = (await registered.get(`lap:${channel}`)!(event(ours, ours.mainFrame), 'not an object')) as { ok: boolean; error?: { kind: string } };
      expect(reply, channel).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(calls).toEqual([]);
  });
});
