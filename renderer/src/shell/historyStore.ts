/**
 * Undo and redo for every edit, as a command stack.
 *
 * An edit is run through `history.run(work)`. `work` makes the change through the backend and returns a Command
 * that knows how to undo and redo it through the backend too (e.g. laps.setWards with the previous ward list), or
 * null when nothing changed. Only a change that succeeded goes on the stack; a new change clears the redo stack.
 *
 * Everything (edits, undos, redos) runs one at a time in the order asked, so quick clicks and repeated Ctrl+Z
 * never interleave: each step sees the state the previous one left. A failed undo or redo leaves both stacks as
 * they were and reports the backend's message.
 *
 * Consecutive commands with the same `mergeKey` within MERGE_MS become one entry that undoes to the state before
 * the first (dragging through the colour picker, typing notes in several saves).
 */
import { create } from 'zustand';
import { announce } from './statusStore.ts';
import { describeError } from '../errors.ts';

export interface Command {
  /** What it did, as a short phrase after "Undo"/"Redo": "add Castle", "rename N4 to N4 North". */
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  mergeKey?: string;
}

interface Entry extends Command {
  at: number;
}

const MERGE_MS = 4000;
const MAX_ENTRIES = 200;

export interface HistoryState {
  past: Entry[];
  future: Entry[];
  /** Steps queued or running. */
  pending: number;
  /** The last undo/redo failure, in plain English (cleared by the next success). */
  error: string | null;
  /** Queues `work`; resolves with what it returned (or rejects with its error) once it has run. */
  run<T extends Command | null | void>(work: () => Promise<T>): Promise<T>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  clear(): void;
}

let chain: Promise<unknown> = Promise.resolve();

function enqueue<T>(step: () => Promise<T>): Promise<T> {
  const result = chain.then(step);
  chain = result.catch(() => undefined);
  return result;
}

export const useHistoryStore = create<HistoryState>()((set, get) => {
  const track = async <T>(step: () => Promise<T>): Promise<T> => {
    set({ pending: get().pending + 1 });
    try {
      return await enqueue(step);
    } finally {
      set({ pending: get().pending - 1 });
    }
  };

  return {
    past: [],
    future: [],
    pending: 0,
    error: null,

    run(work) {
      return track(async () => {
        const command = await work();
        if (command) {
          const now = Date.now();
          const past = [...get().past];
          const top = past[past.length - 1];
          if (top && command.mergeKey && top.mergeKey === command.mergeKey && now - top.at < MERGE_MS) {
            // Keep the first command's undo (back to where this run of edits started), take the latest redo.
            past[past.length - 1] = { ...command, undo: top.undo, at: now };
          } else {
            past.push({ ...command, at: now });
          }
          set({ past: past.slice(-MAX_ENTRIES), future: [], error: null });
        }
        return command;
      });
    },

    undo() {
      return track(async () => {
        const entry = get().past[get().past.length - 1];
        if (!entry) {
          announce('There is nothing to undo.');
          return;
        }
        try {
          await entry.undo();
        } catch (err) {
          set({ error: `Could not undo ${entry.label}: ${describeError(err)}` });
          announce(`Could not undo ${entry.label}.`, 'error');
          return;
        }
        set({ past: get().past.slice(0, -1), future: [...get().future, { ...entry, at: 0 }], error: null });
        announce(`Undone: ${entry.label}.`);
      });
    },

    redo() {
      return track(async () => {
        const entry = get().future[get().future.length - 1];
        if (!entry) {
          announce('There is nothing to redo.');
          return;
        }
        try {
          await entry.redo();
        } catch (err) {
          set({ error: `Could not redo ${entry.label}: ${describeError(err)}` });
          announce(`Could not redo ${entry.label}.`, 'error');
          return;
        }
        // at: 0 so a redone entry never merges with the next edit.
        set({ future: get().future.slice(0, -1), past: [...get().past, { ...entry, at: 0 }], error: null });
        announce(`Redone: ${entry.label}.`);
      });
    },

    clear() {
      set({ past: [], future: [], error: null });
    },
  };
});
