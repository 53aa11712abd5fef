/**
 * Undo/redo (renderer/src/shell/historyStore.ts): what goes on the stacks, how quick edits of one kind merge into
 * one entry that undoes to before the first, and that a failed step leaves both stacks as they were.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useHistoryStore, type Command } from '../../renderer/src/shell/historyStore.ts';
import { useStatusStore } from '../../renderer/src/shell/statusStore.ts';

/** A command that records which of its undo/redo ran, into `log`. */
function command(label: string, log: string[], mergeKey?: string): Command {
  return {
    label,
    undo: async () => void log.push(`undo ${label}`),
    redo: async () => void log.push(`redo ${label}`),
    ...(mergeKey ? { mergeKey } : {}),
  };
}

const history = () => useHistoryStore.getState();
const labels = (entries: readonly Command[]) => entries.map((e) => e.label);

let now = 1_000_000;

beforeEach(() => {
  now = 1_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  history().clear();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('history', () => {
  it('records an edit that changed something, and undoes and redoes it through its command', async () => {
    const log: string[] = [];
    const result = await history().run(async () => command('add Castle', log));
    expect(result?.label).toBe('add Castle');
    expect(labels(history().past)).toEqual(['add Castle']);

    await history().undo();
    expect(log).toEqual(['undo add Castle']);
    expect(labels(history().past)).toEqual([]);
    expect(labels(history().future)).toEqual(['add Castle']);
    expect(useStatusStore.getState().message).toBe('Undone: add Castle.');

    await history().redo();
    expect(log).toEqual(['undo add Castle', 'redo add Castle']);
    expect(labels(history().past)).toEqual(['add Castle']);
    expect(labels(history().future)).toEqual([]);
  });

  it('records nothing when the edit changed nothing (null)', async () => {
    await history().run(async () => null);
    expect(history().past).toEqual([]);
  });

  it('a new edit clears the redo stack', async () => {
    const log: string[] = [];
    await history().run(async () => command('add Castle', log));
    await history().undo();
    await history().run(async () => command('add Abington', log));
    expect(labels(history().past)).toEqual(['add Abington']);
    expect(history().future).toEqual([]);
  });

  it('merges quick edits with the same key: one entry that undoes to before the first and redoes to the last', async () => {
    const log: string[] = [];
    await history().run(async () => command('colour 1', log, 'colour:7'));
    now += 1000;
    await history().run(async () => command('colour 2', log, 'colour:7'));
    now += 3000;
    await history().run(async () => command('colour 3', log, 'colour:7'));
    // Each edit is within the merge window of the one before, so the run is one entry, named by the latest.
    expect(labels(history().past)).toEqual(['colour 3']);

    await history().undo();
    expect(log).toEqual(['undo colour 1']);
    await history().redo();
    expect(log).toEqual(['undo colour 1', 'redo colour 3']);
  });

  it('does not merge edits with different keys, without a key, or too far apart', async () => {
    const log: string[] = [];
    await history().run(async () => command('notes A', log, 'notes:1'));
    await history().run(async () => command('notes B', log, 'notes:2'));
    await history().run(async () => command('add Castle', log));
    await history().run(async () => command('add Abington', log));
    now += 1000;
    await history().run(async () => command('notes C', log, 'notes:2'));
    now += 4000;
    await history().run(async () => command('notes D', log, 'notes:2'));
    expect(labels(history().past)).toEqual(['notes A', 'notes B', 'add Castle', 'add Abington', 'notes C', 'notes D']);
  });

  it('a redone entry never merges with the next edit', async () => {
    const log: string[] = [];
    await history().run(async () => command('notes 1', log, 'notes:1'));
    await history().undo();
    await history().redo();
    await history().run(async () => command('notes 2', log, 'notes:1'));
    expect(labels(history().past)).toEqual(['notes 1', 'notes 2']);
  });

  it('a failed undo keeps both stacks and says what could not be undone', async () => {
    const log: string[] = [];
    await history().run(async () => command('add Castle', log));
    await history().run(async () => ({
      label: 'rename N4 to N4 North',
      undo: async () => {
        throw new Error('The LAP no longer exists.');
      },
      redo: async () => undefined,
    }));
    await history().undo();
    expect(labels(history().past)).toEqual(['add Castle', 'rename N4 to N4 North']);
    expect(history().future).toEqual([]);
    expect(history().error).toBe('Could not undo rename N4 to N4 North: The LAP no longer exists.');
    expect(useStatusStore.getState().tone).toBe('error');

    // The next success clears the message.
    await history().run(async () => command('add Abington', log));
    expect(history().error).toBeNull();
  });

  it('a failed edit records nothing and rejects with its error', async () => {
    await expect(history().run(async () => Promise.reject(new Error('Refused')))).rejects.toThrow('Refused');
    expect(history().past).toEqual([]);
  });

  it('runs steps one at a time in the order asked: an undo asked during an edit undoes that edit', async () => {
    const log: string[] = [];
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const slow = history().run(async () => {
      await gate;
      return command('add Castle', log);
    });
    const undo = history().undo();
    expect(history().pending).toBe(2);
    finish();
    await Promise.all([slow, undo]);
    expect(log).toEqual(['undo add Castle']);
    expect(labels(history().future)).toEqual(['add Castle']);
    expect(history().pending).toBe(0);
  });

  it('keeps the latest 200 entries', async () => {
    const log: string[] = [];
    for (let i = 1; i <= 205; i++) await history().run(async () => command(`edit ${i}`, log));
    expect(history().past).toHaveLength(200);
    expect(history().past[0]!.label).toBe('edit 6');
  });

  it('says so when there is nothing to undo or redo', async () => {
    await history().undo();
    expect(useStatusStore.getState().message).toBe('There is nothing to undo.');
    await history().redo();
    expect(useStatusStore.getState().message).toMatch(/nothing to redo/i);
  });
});
