/**
 * Importing a list of places, as one store the import dialog draws:
 *
 *   reading    the chosen file is read and turned into base64 in the page
 *   checking   places.import with check: true: every row is checked, nothing is stored
 *   checked    the answer: the counts, the coordinates used and every problem (file, row, column). Import is
 *              possible only without errors. The same file imported before (same SHA-256) is offered as Replace.
 *   importing  places.import for real: all or nothing
 *   done       what was stored
 *
 * Answers for an older file (the dialog was closed or another file chosen) are dropped. A failed import has
 * stored nothing (the backend writes in one transaction), and the dialog says so.
 */
import { create } from 'zustand';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/data.ts';
import type { PlaceImportResult } from '../../../shared/contract/places.ts';
import type { PlaceList } from '../../../shared/places.ts';
import { send } from '../api.ts';
import { ReadCancelled, toBase64 } from '../data/base64.ts';
import { formatBytes } from '../data/format.ts';
import { announce } from '../shell/statusStore.ts';
import { describeError } from '../errors.ts';
import { usePlacesStore } from './store.ts';

export type PlacesImportStep = 'closed' | 'reading' | 'checking' | 'checked' | 'importing' | 'done';

export interface PlacesImportState {
  step: PlacesImportStep;
  fileName: string;
  fileSize: number;
  /** The list's name (defaults to the file name without its extension). */
  listName: string;
  /** The check's answer (or, after a refused import, the import's). */
  check: PlaceImportResult | null;
  /** The import's answer, once stored. */
  result: PlaceImportResult | null;
  /** The earlier list imported from the same file, if any: importing replaces it. */
  duplicateOf: PlaceList | null;
  /** Why the file could not be read or checked at all. */
  problem: string | null;
  /** A postcode lookup file (ONS Postcode Directory extract) for a file with postcodes but no coordinates (issue 15). */
  postcodesName: string | null;
  /** The new list takes the place of the built-in GP practices and pharmacies (issue 15). */
  replaceBuiltin: boolean;

  openFile(file: File): Promise<void>;
  /** Chooses the postcode lookup file and checks the places file again with it. */
  setPostcodes(file: File): Promise<void>;
  setReplaceBuiltin(on: boolean): void;
  setListName(name: string): void;
  importNow(): Promise<void>;
  close(): void;
}

/** What the file chooser offers. */
export const PLACES_FILE_ACCEPT = '.csv,.geojson,.json,text/csv,application/geo+json,application/json';

let generation = 0;
let content: { base64: string; sha256: string | null } | null = null;
let postcodes: { fileName: string; contentBase64: string } | null = null;

async function sha256Hex(buffer: ArrayBuffer): Promise<string | null> {
  try {
    if (!globalThis.crypto?.subtle) return null;
    const digest = await crypto.subtle.digest('SHA-256', buffer);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}

function baseName(fileName: string): string {
  return fileName.replace(/\.(csv|geojson|json|txt)$/i, '') || fileName;
}

const CLOSED = {
  step: 'closed' as const,
  fileName: '',
  fileSize: 0,
  listName: '',
  check: null,
  result: null,
  duplicateOf: null,
  problem: null,
  postcodesName: null,
  replaceBuiltin: false,
};

export const usePlacesImportStore = create<PlacesImportState>()((set, get) => ({
  ...CLOSED,

  async openFile(file) {
    if (get().step === 'importing') return;
    const gen = ++generation;
    content = null;
    postcodes = null;
    set({ ...CLOSED, step: 'reading', fileName: file.name, fileSize: file.size, listName: baseName(file.name) });
    if (file.size > MAX_IMPORT_BYTES) {
      set({ step: 'checked', problem: `${file.name} is ${formatBytes(file.size)}: LAP Insight takes files up to ${formatBytes(MAX_IMPORT_BYTES)}. Nothing has been imported.` });
      return;
    }
    try {
      const buffer = await file.arrayBuffer();
      const [base64, sha256] = await Promise.all([
        toBase64(buffer, undefined, () => gen !== generation),
        sha256Hex(buffer),
      ]);
      if (gen !== generation) return;
      content = { base64, sha256 };
      set({ step: 'checking' });
      const places = usePlacesStore.getState();
      const [check] = await Promise.all([
        send('places.import', { fileName: file.name, contentBase64: base64, check: true, ...(postcodes ? { postcodes } : {}) }),
        places.status === 'ready' ? null : places.load(),
      ]);
      if (gen !== generation) return;
      const duplicateOf = sha256 ? (usePlacesStore.getState().lists.find((l) => l.sha256 === sha256) ?? null) : null;
      set({ step: 'checked', check, duplicateOf });
    } catch (err) {
      if (err instanceof ReadCancelled || gen !== generation) return;
      set({ step: 'checked', problem: `${file.name} could not be checked: ${describeError(err)} Nothing has been imported.` });
    }
  },

  async setPostcodes(file) {
    const s = get();
    if ((s.step !== 'checked' && s.step !== 'checking') || !content) return;
    const gen = ++generation;
    const base64 = content.base64;
    set({ step: 'checking', postcodesName: file.name, problem: null });
    try {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(`${file.name} is ${formatBytes(file.size)}: use an extract of the postcodes you need (up to ${formatBytes(MAX_IMPORT_BYTES)}).`);
      postcodes = { fileName: file.name, contentBase64: await toBase64(await file.arrayBuffer(), undefined, () => gen !== generation) };
      if (gen !== generation) return;
      const check = await send('places.import', { fileName: s.fileName, contentBase64: base64, check: true, postcodes });
      if (gen !== generation) return;
      set({ step: 'checked', check });
    } catch (err) {
      if (err instanceof ReadCancelled || gen !== generation) return;
      set({ step: 'checked', problem: `${s.fileName} could not be checked with the postcode lookup ${file.name}: ${describeError(err)} Nothing has been imported.` });
    }
  },

  setReplaceBuiltin(replaceBuiltin) {
    set({ replaceBuiltin });
  },

  setListName(listName) {
    set({ listName });
  },

  async importNow() {
    const s = get();
    if (s.step !== 'checked' || !content || (s.check?.report.errors ?? 1) > 0) return;
    const gen = generation;
    const name = s.listName.trim();
    set({ step: 'importing' });
    try {
      const result = await send('places.import', {
        fileName: s.fileName,
        contentBase64: content.base64,
        check: false,
        onDuplicate: s.duplicateOf ? 'replace' : 'refuse',
        ...(name ? { name } : {}),
        ...(postcodes ? { postcodes } : {}),
        ...(s.replaceBuiltin ? { replaceBuiltin: true } : {}),
      });
      if (gen !== generation) return;
      if (result.status === 'imported') {
        set({ step: 'done', result });
        announce(result.message);
        await usePlacesStore.getState().changed();
      } else {
        // Refused: show why (the rows) as after a check. Nothing was stored.
        set({ step: 'checked', check: result });
      }
    } catch (err) {
      if (gen !== generation) return;
      set({ step: 'checked', problem: `${s.fileName} was not imported: ${describeError(err)} Nothing has been stored.` });
    }
  },

  close() {
    if (get().step === 'importing') return;
    generation++;
    content = null;
    postcodes = null;
    set({ ...CLOSED });
  },
}));
