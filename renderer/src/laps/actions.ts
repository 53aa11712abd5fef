/**
 * Everything a user can do to LAPs, each saved to the backend at once and recorded for undo (shell/historyStore.ts).
 *
 * Undo design: each edit returns a Command whose undo/redo call the contract again:
 * - ward changes: laps.setWards with the list before (undo) or after (redo);
 * - rename / recolour / describe: the same verb with the old or new value;
 * - create and copy: undone by laps.delete, redone by laps.create with the same name, set, wards, colour and notes;
 * - delete: undone by laps.create with everything the LAP had, redone by laps.delete;
 * - import: undone by deleting the LAPs it created and restoring the colour and notes of those it updated (and
 *   removing sets it created, when empty); redone by importing the same file content again.
 *
 * Re-creating a LAP gives it a new id, and ids are never reused (migration 22), so commands keep the id they were
 * made with and follow it forward (idNow) to the LAP that re-creation made.
 *
 * Undo and redo bring the affected LAP into view (its set, the LAPs tab, selected), so the change is visible.
 * Errors are shown next to where the user acted (LapMessageArea), in the backend's own words, and nothing changes.
 */
import type { Lap, LapExportFormat, LapImportResult } from '../../../shared/contract/laps.ts';
import { listJoin } from '../../../shared/laps.ts';
import { send } from '../api.ts';
import { useHistoryStore, type Command } from '../shell/historyStore.ts';
import { useLapsStore, type LapMessageArea } from './store.ts';
import { announce } from '../shell/statusStore.ts';
import { useUiStore } from '../shell/uiStore.ts';
import { useWardsStore } from '../wards/store.ts';
import { downloadText } from '../shell/download.ts';
import { describeError } from '../errors.ts';
import { formatCount, formatPopulation } from './format.ts';

// ---------------------------------------------------------------------------------------------------------------
// LAPs re-created by undo and redo

/** Old id -> the id of the LAP that re-created it. */
const recreatedAs = new Map<number, number>();

/** The id a command's LAP has now (its own, unless undo or redo re-created it). */
function idNow(id: number): number {
  for (let next = recreatedAs.get(id); next !== undefined; next = recreatedAs.get(id)) id = next;
  return id;
}

function recreated(id: number, newId: number): void {
  const was = idNow(id);
  if (was !== newId) recreatedAs.set(was, newId);
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const store = () => useLapsStore.getState();

function wardName(code: string): string {
  return useWardsStore.getState().byCode.get(code)?.name ?? code;
}

/** "Castle, St. George and 3 more": short enough for a status line. */
function shortList(names: readonly string[], max = 4): string {
  return names.length > max ? `${names.slice(0, max - 1).join(', ')} and ${names.length - max + 1} more` : listJoin(names);
}

function wardNames(codes: readonly string[]): string {
  return shortList(codes.map(wardName));
}

/** "3 wards, 24,512 people" (population left out while it is not known). */
export function lapSummary(lap: Pick<Lap, 'wardCount' | 'population'>): string {
  const wards = formatCount(lap.wardCount, 'ward');
  return lap.population === null ? wards : `${wards}, ${formatPopulation(lap.population)} people`;
}

function codesOf(lap: Lap): string[] {
  return lap.wards.map((w) => w.code);
}

async function latest(id: number): Promise<Lap> {
  return store().laps.find((l) => l.id === id) ?? send('laps.get', { id });
}

/** Shows a LAP after a change: the LAPs tab, its set, selected. */
async function reveal(lap: Lap): Promise<void> {
  useUiStore.getState().setPanel('laps');
  if (store().setId !== lap.set.id) await store().chooseSet(lap.set.id, { keepLap: lap.id });
  else store().applyLap(lap);
  store().selectLap(lap.id);
}

async function showSet(setId: number): Promise<void> {
  useUiStore.getState().setPanel('laps');
  if (store().setId !== setId) await store().chooseSet(setId);
}

interface LapSnapshot {
  setId: number;
  name: string;
  wards: string[];
  colour: string;
  notes: string;
}

function snapshotOf(lap: Lap): LapSnapshot {
  return { setId: lap.set.id, name: lap.name, wards: codesOf(lap), colour: lap.colour, notes: lap.notes };
}

export type EditResult = { ok: true } | { ok: false; message: string };

/**
 * Runs one edit through the history queue. Failures are reported in `area` (and the status line) unless area is
 * null, when the caller shows the returned message itself (e.g. inside a dialog).
 */
async function edit(area: LapMessageArea | null, work: () => Promise<Command | null>): Promise<EditResult> {
  if (area) store().setMessage(area, null);
  try {
    await useHistoryStore.getState().run(work);
    return { ok: true };
  } catch (err) {
    const message = describeError(err);
    if (area) store().setMessage(area, message);
    announce(message, 'error');
    return { ok: false, message };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Wards

function wardsCommand(id: number, before: string[], after: string[], label: string): Command {
  const apply = async (wards: string[]) => reveal(await send('laps.setWards', { id: idNow(id), wards }));
  return { label, undo: () => apply(before), redo: () => apply(after) };
}

interface WardPlan {
  after: string[];
  label: string;
  /** "Added Castle to N4" (the summary follows). */
  done: string;
  /** Extra sentence, e.g. which wards were left out and why. */
  note?: string;
}

async function changeWards(lapId: number, plan: (lap: Lap) => WardPlan | { nothing: string }): Promise<EditResult> {
  return edit('wards', async () => {
    const lap = await latest(lapId);
    const p = plan(lap);
    if ('nothing' in p) {
      store().setMessage('wards', p.nothing, 'info');
      announce(p.nothing);
      return null;
    }
    const before = codesOf(lap);
    const updated = await send('laps.setWards', { id: lap.id, wards: p.after });
    store().applyLap(updated);
    const text = `${p.done}: ${lapSummary(updated)}.${p.note ? ` ${p.note}` : ''}`;
    if (p.note) store().setMessage('wards', p.note, 'info');
    announce(text);
    return wardsCommand(lap.id, before, p.after, p.label);
  });
}

/** A click on the map or a tick: adds the ward, or removes it when it is already in the LAP. */
export function toggleWard(lapId: number, code: string): Promise<EditResult> {
  return changeWards(lapId, (lap) => {
    const codes = codesOf(lap);
    const name = wardName(code);
    if (codes.includes(code)) {
      return { after: codes.filter((c) => c !== code), label: `remove ${name}`, done: `Removed ${name} from ${lap.name}` };
    }
    return { after: [...codes, code], label: `add ${name}`, done: `Added ${name} to ${lap.name}` };
  });
}

export function removeWards(lapId: number, codes: readonly string[]): Promise<EditResult> {
  return changeWards(lapId, (lap) => {
    const drop = new Set(codes);
    const gone = codesOf(lap).filter((c) => drop.has(c));
    if (gone.length === 0) return { nothing: `None of those wards is in ${lap.name}.` };
    const what = gone.length === 1 ? wardName(gone[0]!) : `${gone.length} wards`;
    return { after: codesOf(lap).filter((c) => !drop.has(c)), label: `remove ${what}`, done: `Removed ${what} from ${lap.name}` };
  });
}

/**
 * Adds several wards (a box, a lasso, "add all"). Wards the set cannot take are left out with a reason, rather than
 * refusing the lot: another council's wards in a council's set, and wards already in another LAP of an official set.
 */
export function addWards(lapId: number, codes: readonly string[], how: 'box' | 'lasso' | 'all'): Promise<EditResult> {
  return changeWards(lapId, (lap) => {
    const state = store();
    const set = state.sets.find((s) => s.id === lap.set.id);
    const wards = useWardsStore.getState().byCode;
    const current = new Set(codesOf(lap));
    const fresh = [...new Set(codes)].filter((c) => !current.has(c));
    const otherCouncil: string[] = [];
    const elsewhere = new Map<string, string[]>();
    const taken = new Map<string, string>();
    if (set?.kind === 'official') for (const l of state.laps) if (l.id !== lap.id) for (const w of l.wards) taken.set(w.code, l.name);
    const add: string[] = [];
    for (const c of fresh) {
      if (set?.council && wards.get(c)?.authorityCode !== set.council.code) otherCouncil.push(c);
      else if (taken.has(c)) elsewhere.set(taken.get(c)!, [...(elsewhere.get(taken.get(c)!) ?? []), c]);
      else add.push(c);
    }
    const notes: string[] = [];
    if (otherCouncil.length) {
      notes.push(`Left out ${formatCount(otherCouncil.length, 'ward')} of another council: ${set!.name} can only use ${set!.council!.name} wards.`);
    }
    for (const [name, list] of elsewhere) notes.push(`Left out ${wardNames(list)}: already in ${name}.`);
    const note = notes.join(' ') || undefined;
    if (add.length === 0) {
      const already = fresh.length === 0 ? `${codes.length === 1 ? 'That ward is' : 'Those wards are'} already in ${lap.name}.` : '';
      return { nothing: `Nothing was added. ${already}${note ?? ''}`.trim() };
    }
    const what = add.length === 1 ? wardName(add[0]!) : `${add.length} wards`;
    const via = how === 'box' ? ' (box)' : how === 'lasso' ? ' (lasso)' : '';
    return { after: [...current, ...add], label: `add ${what}${via}`, done: `Added ${what} to ${lap.name}`, ...(note ? { note } : {}) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Creating, copying, deleting

function createdCommand(id: number, snapshot: LapSnapshot, label: string): Command {
  return {
    label,
    async undo() {
      await send('laps.delete', { id: idNow(id) });
      await showSet(snapshot.setId);
      store().forgetLap(idNow(id));
    },
    async redo() {
      const lap = await send('laps.create', snapshot);
      recreated(id, lap.id);
      await reveal(lap);
    },
  };
}

/** Creates an empty LAP and starts editing it. Errors are returned for the create dialog to show. */
export function createLap(args: { setId: number; name: string; colour?: string }): Promise<EditResult> {
  return edit(null, async () => {
    const lap = await send('laps.create', { setId: args.setId, name: args.name, wards: [], ...(args.colour ? { colour: args.colour } : {}) });
    await reveal(lap);
    store().setHighlighted([lap.id]);
    announce(`Created ${lap.name}. Click wards on the map, or tick them in the list, to add them.`);
    return createdCommand(lap.id, snapshotOf(lap), `create ${lap.name}`);
  });
}

/** Copies a LAP (a copy of an official LAP goes to a custom set: official LAPs cannot share wards). */
export function duplicateLap(id: number): Promise<EditResult> {
  return edit('list', async () => {
    const source = await latest(id);
    const copy = await send('laps.duplicate', { id });
    await reveal(copy);
    store().setHighlighted([copy.id]);
    const moved = copy.set.id !== source.set.id ? ` It is in ${copy.set.name}, because LAPs in an official set cannot share wards.` : '';
    announce(`Made a copy of ${source.name} called ${copy.name}.${moved}`);
    if (moved) store().setMessage('list', `The copy, ${copy.name}, is in ${copy.set.name}: LAPs in an official set cannot share wards.`, 'info');
    return createdCommand(copy.id, snapshotOf(copy), `copy ${source.name}`);
  });
}

export function deleteLap(id: number): Promise<EditResult> {
  return edit('list', async () => {
    const lap = await send('laps.get', { id });
    await send('laps.delete', { id });
    store().forgetLap(id);
    announce(`Deleted ${lap.name}. Use Undo to bring it back.`);
    const snapshot = snapshotOf(lap);
    return {
      label: `delete ${lap.name}`,
      async undo() {
        const again = await send('laps.create', snapshot);
        recreated(id, again.id);
        await reveal(again);
      },
      async redo() {
        await send('laps.delete', { id: idNow(id) });
        await showSet(snapshot.setId);
        store().forgetLap(idNow(id));
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Name, colour, notes

function fieldCommand(id: number, label: string, apply: (id: number, value: string) => Promise<Lap>, before: string, after: string, mergeKey?: string): Command {
  return {
    label,
    undo: async () => reveal(await apply(idNow(id), before)),
    redo: async () => reveal(await apply(idNow(id), after)),
    ...(mergeKey ? { mergeKey } : {}),
  };
}

export function renameLap(id: number, name: string): Promise<EditResult> {
  return edit('details', async () => {
    const lap = await latest(id);
    if (lap.name === name.trim()) return null;
    const updated = await send('laps.rename', { id, name });
    store().applyLap(updated);
    announce(`Renamed ${lap.name} to ${updated.name}.`);
    const rename = (lapId: number, value: string) => send('laps.rename', { id: lapId, name: value });
    return fieldCommand(id, `rename ${lap.name} to ${updated.name}`, rename, lap.name, updated.name);
  });
}

export function recolourLap(id: number, colour: string): Promise<EditResult> {
  return edit('details', async () => {
    const lap = await latest(id);
    if (lap.colour.toLowerCase() === colour.toLowerCase()) return null;
    const updated = await send('laps.recolour', { id, colour });
    store().applyLap(updated);
    announce(`Changed the colour of ${updated.name}.`);
    const recolour = (lapId: number, value: string) => send('laps.recolour', { id: lapId, colour: value });
    return fieldCommand(id, `colour of ${updated.name}`, recolour, lap.colour, updated.colour, `colour:${id}`);
  });
}

export function describeLap(id: number, notes: string): Promise<EditResult> {
  return edit('details', async () => {
    const lap = await latest(id);
    if (lap.notes === notes) return null;
    const updated = await send('laps.describe', { id, notes });
    store().applyLap(updated);
    announce(`Saved the notes for ${updated.name}.`);
    const describe = (lapId: number, value: string) => send('laps.describe', { id: lapId, notes: value });
    return fieldCommand(id, `notes of ${updated.name}`, describe, lap.notes, updated.notes, `notes:${id}`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Export and import

/** Saves one LAP or a whole set as a file (through the browser's download). Not an edit: nothing to undo. */
export async function exportLaps(scope: { lapId: number } | { setId: number }, format: LapExportFormat): Promise<EditResult> {
  store().setMessage('transfer', null);
  try {
    const file = await send('laps.export', { ...scope, format });
    downloadText(file.fileName, file.mimeType, file.content);
    const text = `Saved ${file.fileName} (${formatCount(file.lapCount, 'LAP')}).`;
    store().setMessage('transfer', text, 'info');
    announce(text);
    return { ok: true };
  } catch (err) {
    const message = describeError(err);
    store().setMessage('transfer', message);
    announce(message, 'error');
    return { ok: false, message };
  }
}

export interface ImportRequest {
  content: string;
  fileName: string;
  format?: 'json' | 'csv';
  setId?: number;
  onNameClash: 'rename' | 'fail';
}

/** Shows what an import brought in: its set, the imported LAPs marked, the first one selected. */
async function showImported(result: LapImportResult): Promise<void> {
  const sets = await send('lapSets.list', {});
  useLapsStore.setState({ sets });
  const first = result.laps[0];
  const set = first ? sets.find((s) => s.name === first.setName) : undefined;
  useUiStore.getState().setPanel('laps');
  if (set) await store().chooseSet(set.id, { keepLap: first!.id });
  else await store().reload();
  const shown = store().laps.map((l) => l.id);
  store().setHighlighted(result.laps.map((l) => l.id).filter((id) => shown.includes(id)));
  if (first) store().selectLap(first.id, { fly: true });
}

function importSummary(result: LapImportResult): string {
  const names = result.laps.map((l) => l.name);
  const head = `Imported ${formatCount(result.laps.length, 'LAP')} from ${result.fileName}${names.length ? `: ${shortList(names, 6)}` : ''}.`;
  return [head, ...result.messages].join(' ');
}

/** Imports a JSON or CSV file's content. All or nothing; errors are returned for the import dialog to show. */
export function importLaps(request: ImportRequest): Promise<EditResult & { summary?: string }> {
  let summary = '';
  return edit(null, async () => {
    const before = new Map((await send('laps.list', {})).map((l) => [l.id, l]));
    const result = await send('laps.import', request);
    const ids = result.laps.map((l) => l.id);
    await showImported(result);
    summary = importSummary(result);
    store().setMessage('transfer', summary, 'info');
    announce(summary);
    if (!result.laps.some((l) => l.action !== 'unchanged') && result.setsCreated.length === 0) return null;
    let current = result;
    return {
      label: `import ${result.fileName}`,
      async undo() {
        for (const [i, l] of current.laps.entries()) {
          const id = idNow(ids[i]!);
          if (l.action === 'created' || l.action === 'renamed') await send('laps.delete', { id });
          else if (l.action === 'updated') {
            const old = before.get(l.id);
            if (old) {
              await send('laps.recolour', { id, colour: old.colour });
              await send('laps.describe', { id, notes: old.notes });
            }
          }
        }
        if (current.setsCreated.length) {
          for (const s of await send('lapSets.list', {})) {
            if (current.setsCreated.includes(s.name) && s.lapCount === 0) await send('lapSets.delete', { id: s.id });
          }
          const sets = await send('lapSets.list', {});
          useLapsStore.setState({ sets });
          if (!sets.some((s) => s.id === store().setId) && sets[0]) await store().chooseSet(sets[0].id);
        }
        useUiStore.getState().setPanel('laps');
        await store().reload();
        store().setHighlighted([]);
      },
      async redo() {
        const again = await send('laps.import', request);
        again.laps.forEach((l, i) => {
          if (ids[i] !== undefined) recreated(ids[i], l.id);
        });
        current = again;
        await showImported(again);
      },
    };
  }).then((r) => ({ ...r, summary }));
}
