/**
 * The data import, from a dropped or chosen file to the summary, as one store the dialog draws:
 *
 *   choose     (File > Import data…) waiting for a file
 *   reading    the file is read and turned into base64 in the page (progress)
 *   preview    import.preview's answer: how the file is read, its first rows, the mapping (wide files), the
 *              indicators it makes and the problems found. Nothing is written. Changing how the file is read
 *              checks it again.
 *   importing  import.start's job, followed with jobs.get (progress bar); Cancel asks jobs.cancel
 *   result     what happened: imported (with counts), refused (the problems), cancelled, or failed
 *
 * Every answer that arrives for an older file or an older set of choices is dropped, so quick changes never show
 * a stale preview. A failed or cancelled import has written nothing (the backend writes in one transaction at the
 * very end), and the dialog says so.
 */
import { create } from 'zustand';
import type { AmbitionId } from '../../../shared/ambitions.ts';
import type { DatasetInfo, DELIMITERS, ENCODINGS, ImportFormat, ImportMapping, ImportPreview, ImportResult, JobInfo } from '../../../shared/contract/data.ts';
import type { Polarity } from '../../../shared/indicators-meta.ts';
import { MAX_IMPORT_BYTES } from '../../../shared/contract/data.ts';
import { ApiError, send } from '../api.ts';
import { announce } from '../shell/statusStore.ts';
import { readFileAsBase64, ReadCancelled } from './base64.ts';
import { useDatasetsStore } from './datasetsStore.ts';
import { describeError } from '../errors.ts';
import { count, formatBytes } from './format.ts';
import { initWide, validateWide, wideMapping, widePeriodsGiven, type WideColumnDraft, type WideDraft } from './wide.ts';

export type Encoding = (typeof ENCODINGS)[number];
export type Delimiter = (typeof DELIMITERS)[number];
export type Step = 'choose' | 'reading' | 'preview' | 'importing' | 'result';

export interface Overrides {
  format?: ImportFormat;
  encoding?: Encoding;
  delimiter?: Delimiter;
}

export interface SourceDraft {
  name: string;
  publisher: string;
  source: string;
  licence: string;
  attribution: string;
}

const EMPTY_SOURCE: SourceDraft = { name: '', publisher: '', source: '', licence: '', attribution: '' };

/** The user's answers for new indicators whose file does not give a polarity or an ambition, keyed by the id in the file. */
export type Answers = Record<string, { polarity?: Polarity; ambition?: AmbitionId }>;

export interface ImportOutcome {
  kind: 'imported' | 'refused' | 'cancelled' | 'skipped' | 'failed';
  /** One or two plain sentences. */
  message: string;
  result: ImportResult | null;
  /** The dataset as stored (imported only). */
  dataset: DatasetInfo | null;
  /** The import finished although Cancel was pressed (the cancel came during the final write). */
  cancelTooLate: boolean;
}

interface LoadedFile {
  name: string;
  size: number;
  base64: string;
  /** Same name, size and date: the same file dropped again (its mapping is remembered). */
  key: string;
}

export interface ImportState {
  open: boolean;
  step: Step;
  fileName: string;
  fileSize: number;
  /** Bytes read and encoded so far (reading step). */
  readDone: number;
  file: LoadedFile | null;
  overrides: Overrides;
  /** What the backend found on its own (shown as "detected"). */
  detected: { format: ImportFormat | null; encoding: string | null; delimiter: string | null };
  preview: ImportPreview | null;
  /** A preview request is running. */
  checking: boolean;
  /** The choices changed since the preview shown (large files are checked again on request). */
  stale: boolean;
  /** Why the file could not be read or checked at all (the preview has its own list of problems). */
  problem: string | null;
  wide: WideDraft | null;
  source: SourceDraft;
  /** Polarity and ambition chosen for new indicators (sent with the import; they change no check). */
  answers: Answers;
  /** The publisher suppresses counts below this number (mapping `suppressedBelow`); null: not stated. */
  suppressedBelow: number | null;
  job: JobInfo | null;
  cancelling: boolean;
  outcome: ImportOutcome | null;

  /** Help > Bringing your own data: the file step opens with its guide unfolded. */
  guideOpen: boolean;
  /** File > Import data…: the dialog asks for a file (with the guide unfolded when asked for from Help). */
  openChooser(guide?: boolean): void;
  /** Starts on a file (dropped or chosen). False (with a message) while an import is running. */
  openFile(file: File): Promise<boolean>;
  setOverride<K extends keyof Overrides>(key: K, value: Overrides[K] | undefined): void;
  updateWide(patch: Partial<Omit<WideDraft, 'columns'>>): void;
  updateColumn(column: string, patch: Partial<WideColumnDraft>): void;
  updateSource(patch: Partial<SourceDraft>): void;
  /** Answers the polarity / ambition question for these indicators (ids in the file). */
  answer(sourceIds: string[], patch: { polarity?: Polarity; ambition?: AmbitionId }): void;
  /** States (or, with null, clears) the number below which the publisher suppressed counts; the file is checked again. */
  setSuppressedBelow(n: number | null): void;
  /** Checks the file again with the current choices. */
  recheck(): Promise<void>;
  /** skipBadRows: import the good rows and skip the rows with errors (offered when every error is about a row). */
  start(onDuplicate: 'skip' | 'replace', skipBadRows?: boolean): Promise<void>;
  cancel(): Promise<void>;
  /** The file was imported before and the user chose Skip: nothing is sent. */
  skip(): void;
  close(): void;
}

/** Files up to this size are checked again as soon as a choice changes; larger ones on request. */
export const AUTO_RECHECK_BYTES = 8 * 1024 * 1024;
const RECHECK_DELAY_MS = 450;
const POLL_MS = 150;

/** Remembered mapping and source details per file (same name, size and date), for this session. */
const drafts = new Map<string, { overrides: Overrides; wide: WideDraft | null; source: SourceDraft }>();

let generation = 0;
let previewSeq = 0;
let recheckTimer: ReturnType<typeof setTimeout> | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function effectiveFormat(s: Pick<ImportState, 'overrides' | 'preview' | 'detected'>): ImportFormat | null {
  return s.overrides.format ?? s.preview?.format ?? s.detected.format;
}

function sourceMapping(source: SourceDraft): ImportMapping['dataset'] | undefined {
  const out: NonNullable<ImportMapping['dataset']> = {};
  for (const key of Object.keys(source) as (keyof SourceDraft)[]) {
    const v = source[key].trim();
    if (v) out[key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The answers as mapping overrides per indicator (merged over any the mapping already has). */
export function withAnswers(mapping: ImportMapping | undefined, answers: Answers | undefined): ImportMapping | undefined {
  const given = Object.entries(answers ?? {}).filter(([, a]) => a.polarity || a.ambition);
  if (given.length === 0) return mapping;
  const indicators = { ...(mapping?.indicators ?? {}) };
  for (const [id, a] of given) indicators[id] = { ...(indicators[id] ?? {}), ...(a.polarity ? { polarity: a.polarity } : {}), ...(a.ambition ? { ambition: a.ambition } : {}) };
  return { ...(mapping ?? {}), indicators };
}

/**
 * The mapping for the current choices; null when a wide file is not ready to be checked (no period, bad id).
 * withSource (the import itself): with the source fields and the polarity / ambition answers.
 */
export function currentMapping(
  s: Pick<ImportState, 'overrides' | 'preview' | 'detected' | 'wide' | 'source'> & { answers?: Answers; suppressedBelow?: number | null },
  withSource: boolean,
): { mapping: ImportMapping | undefined } | null {
  const r = mappingOf(s, withSource);
  if (r === null || !s.suppressedBelow) return r;
  return { mapping: { ...(r.mapping ?? {}), suppressedBelow: s.suppressedBelow } };
}

function mappingOf(s: Pick<ImportState, 'overrides' | 'preview' | 'detected' | 'wide' | 'source'> & { answers?: Answers }, withSource: boolean): { mapping: ImportMapping | undefined } | null {
  const dataset = withSource ? sourceMapping(s.source) : undefined;
  const answers = withSource ? s.answers : undefined;
  if (effectiveFormat(s) === 'wide' && s.wide) {
    if (Object.keys(validateWide(s.wide)).length > 0 || !widePeriodsGiven(s.wide)) return null;
    return { mapping: withAnswers({ ...wideMapping(s.wide), ...(dataset ? { dataset } : {}) }, answers) };
  }
  return { mapping: withAnswers(dataset ? { dataset } : undefined, answers) };
}

export function isTooLarge(size: number): boolean {
  return size > MAX_IMPORT_BYTES;
}

/** fileId per picked file (by its key): the file crosses to the backend once ('files.stage'), then is named by id. */
const stagedIds = new Map<string, string>();

/**
 * Runs a preview or the import with the file staged once: the first call stages it, later ones name it by id. If
 * the backend no longer holds it (restarted, or kept too long), it is staged again once and the call repeated.
 */
async function withStagedFile<T>(file: { key: string; name: string; base64: string }, call: (staged: { fileId: string }) => Promise<T>): Promise<T> {
  const stage = async () => {
    const { fileId } = await send('files.stage', { fileName: file.name, contentBase64: file.base64 });
    stagedIds.set(file.key, fileId);
    return fileId;
  };
  const known = stagedIds.get(file.key);
  try {
    return await call({ fileId: known ?? (await stage()) });
  } catch (err) {
    // The staged copy expired (its issue names the fileId): stage the file again, once.
    if (!(err instanceof ApiError && err.kind === 'not-found' && err.issues.some((i) => i.path[0] === 'fileId'))) throw err;
    return call({ fileId: await stage() });
  }
}

export const useImportStore = create<ImportState>()((set, get) => {
  const remember = () => {
    const { file, overrides, wide, source } = get();
    if (file) drafts.set(file.key, { overrides, wide, source });
  };

  /** Asks for a preview with the current choices; the newest answer wins. */
  const runPreview = async (): Promise<void> => {
    clearTimeout(recheckTimer);
    const s = get();
    const file = s.file;
    if (!file) return;
    const gen = generation;
    const seq = ++previewSeq;
    const ready = currentMapping(s, false);
    // A wide file without a period (or with an id to fix) is not checked: the mapping step says what is missing.
    if (ready === null && s.preview) {
      // (An answer still on its way for older choices is dropped: seq moved on.)
      set({ stale: true, checking: false });
      return;
    }
    const mapping = ready?.mapping;
    set({ checking: true, problem: null });
    try {
      const preview = await withStagedFile(file, (staged) =>
        send('import.preview', {
          fileName: file.name,
          ...staged,
          ...s.overrides,
          ...(mapping ? { mapping } : {}),
        }),
      );
      if (gen !== generation || seq !== previewSeq) return;
      const now = get();
      const detected = {
        format: now.overrides.format ? now.detected.format : preview.format,
        encoding: now.overrides.encoding ? now.detected.encoding : preview.encoding,
        delimiter: now.overrides.delimiter ? now.detected.delimiter : preview.delimiter,
      };
      const format = now.overrides.format ?? preview.format;
      let wide = now.wide;
      const startWide = format === 'wide' && !wide && preview.header.length > 0;
      if (startWide) wide = initWide(preview);
      set({ preview, detected, checking: false, stale: ready === null, step: 'preview', wide });
      remember();
      // A wide file just recognised: check it again with the mapping (the period may come from the file name).
      if (startWide && wide && currentMapping(get(), false) !== null) await runPreview();
    } catch (err) {
      if (gen !== generation || seq !== previewSeq) return;
      set({ checking: false, step: 'preview', problem: describeError(err) });
    }
  };

  /** After a change of choices: check again now (small files) or mark the preview out of date (large ones). */
  const choicesChanged = (immediate: boolean) => {
    remember();
    const { file } = get();
    if (!file) return;
    set({ stale: true });
    clearTimeout(recheckTimer);
    if (file.size > AUTO_RECHECK_BYTES) return;
    if (currentMapping(get(), false) === null) return;
    if (immediate) void runPreview();
    else recheckTimer = setTimeout(() => void runPreview(), RECHECK_DELAY_MS);
  };

  const finish = (outcome: ImportOutcome) => {
    set({ step: 'result', outcome, cancelling: false });
  };

  return {
    open: false,
    step: 'choose',
    fileName: '',
    fileSize: 0,
    readDone: 0,
    file: null,
    overrides: {},
    detected: { format: null, encoding: null, delimiter: null },
    preview: null,
    checking: false,
    stale: false,
    problem: null,
    wide: null,
    source: EMPTY_SOURCE,
    answers: {},
    suppressedBelow: null,
    guideOpen: false,
    job: null,
    cancelling: false,
    outcome: null,

    openChooser(guide = false) {
      if (get().open && get().step === 'importing') return;
      generation++;
      clearTimeout(recheckTimer);
      set({ guideOpen: guide, open: true, step: 'choose', file: null, fileName: '', fileSize: 0, preview: null, problem: null, outcome: null, job: null, wide: null, checking: false, stale: false });
    },

    async openFile(file) {
      const s = get();
      if (s.open && s.step === 'importing') {
        announce(`An import is running. Wait for it to finish before importing ${file.name}.`, 'error');
        return false;
      }
      const gen = ++generation;
      clearTimeout(recheckTimer);
      const key = `${file.name}|${file.size}|${file.lastModified}`;
      const remembered = drafts.get(key);
      set({
        open: true,
        step: 'reading',
        fileName: file.name,
        fileSize: file.size,
        readDone: 0,
        file: null,
        overrides: remembered?.overrides ?? {},
        detected: { format: null, encoding: null, delimiter: null },
        preview: null,
        checking: false,
        stale: false,
        problem: null,
        wide: remembered?.wide ?? null,
        source: remembered?.source ?? EMPTY_SOURCE,
        answers: {},
        suppressedBelow: null,
        job: null,
        cancelling: false,
        outcome: null,
      });
      const refuse = (problem: string) => {
        set({ step: 'preview', problem });
        return true;
      };
      if (isTooLarge(file.size)) {
        return refuse(
          `${file.name} is ${formatBytes(file.size)}, more than the ${formatBytes(MAX_IMPORT_BYTES)} LAP Insight can take in one go. Nothing has been imported. Split the file, or import it from the command line: lap-insight import "${file.name}".`,
        );
      }
      if (/\.(geo)?json$/i.test(file.name)) {
        return refuse(`${file.name} is a JSON file. Data imports take CSV files. To load LAPs from a LAP Insight file, use Import LAPs… on the LAPs tab.`);
      }
      let base64: string;
      try {
        base64 = await readFileAsBase64(
          file,
          (done) => {
            if (gen === generation) set({ readDone: done });
          },
          () => gen !== generation,
        );
      } catch (err) {
        if (err instanceof ReadCancelled || gen !== generation) return true;
        return refuse(`${file.name} could not be read (${err instanceof Error ? err.message : String(err)}). If it is open in another program, close it there and try again.`);
      }
      if (gen !== generation) return true;
      set({ file: { name: file.name, size: file.size, base64, key }, readDone: file.size });
      await runPreview();
      return true;
    },

    setOverride(key, value) {
      const overrides = { ...get().overrides };
      if (value === undefined) delete overrides[key];
      else overrides[key] = value;
      // Choosing the wide layout by hand starts its mapping from the header.
      const wide = key === 'format' && value === 'wide' && !get().wide && get().preview ? initWide(get().preview!) : get().wide;
      set({ overrides, wide });
      choicesChanged(true);
    },

    updateWide(patch) {
      const wide = get().wide;
      if (!wide) return;
      set({ wide: { ...wide, ...patch, ...('period' in patch ? { periodGuessed: false } : {}) } });
      choicesChanged(!('period' in patch));
    },

    updateColumn(column, patch) {
      const wide = get().wide;
      if (!wide) return;
      set({ wide: { ...wide, columns: wide.columns.map((c) => (c.column === column ? { ...c, ...patch } : c)) } });
      const typing = 'id' in patch || 'name' in patch || 'unit' in patch || 'period' in patch;
      choicesChanged(!typing);
    },

    updateSource(patch) {
      set({ source: { ...get().source, ...patch } });
      remember();
    },

    answer(sourceIds, patch) {
      const answers = { ...get().answers };
      for (const id of sourceIds) answers[id] = { ...(answers[id] ?? {}), ...patch };
      set({ answers });
    },

    setSuppressedBelow(n) {
      set({ suppressedBelow: n });
      choicesChanged(true);
    },

    async recheck() {
      await runPreview();
    },

    async start(onDuplicate, skipBadRows = false) {
      const s = get();
      const file = s.file;
      const partial = skipBadRows && s.preview !== null && s.preview.report.errors > 0 && s.preview.skipped.canSkip;
      if (!file || !s.preview || s.checking || s.stale || !(s.preview.canImport || partial) || s.step !== 'preview') return;
      const ready = currentMapping(s, true);
      if (ready === null) return;
      const gen = generation;
      const preview = s.preview;
      set({ step: 'importing', job: null, cancelling: false, outcome: null });
      let jobId: string;
      try {
        ({ jobId } = await withStagedFile(file, (staged) =>
          send('import.start', {
            fileName: file.name,
            ...staged,
            ...s.overrides,
            ...(ready.mapping ? { mapping: ready.mapping } : {}),
            onDuplicate,
            // The only ways here with warnings are "Import anyway" and "Import the good rows", under the lists.
            acceptWarnings: preview.report.warnings > 0,
            skipBadRows: partial,
          }),
        ));
      } catch (err) {
        if (gen !== generation) return;
        finish({ kind: 'failed', message: `Nothing has been imported. ${describeError(err)}`, result: null, dataset: null, cancelTooLate: false });
        announce(`Could not import ${file.name}.`, 'error');
        return;
      }
      let cancelSent = false;
      let failures = 0;
      let info: JobInfo;
      for (;;) {
        if (get().cancelling && !cancelSent) {
          cancelSent = true;
          try {
            set({ job: await send('jobs.cancel', { jobId }) });
          } catch {
            // The next poll says what happened.
          }
        }
        try {
          info = await send('jobs.get', { jobId });
          failures = 0;
        } catch (err) {
          if (++failures >= 5) {
            if (gen !== generation) return;
            finish({
              kind: 'failed',
              message: `LAP Insight lost track of the import (${describeError(err)}) Check the Data tab to see whether ${file.name} is there.`,
              result: null,
              dataset: null,
              cancelTooLate: false,
            });
            return;
          }
          await sleep(POLL_MS * failures);
          continue;
        }
        set({ job: info });
        if (info.state !== 'running') break;
        await sleep(POLL_MS);
      }
      const result = (info.result ?? null) as ImportResult | null;
      if (info.state === 'cancelled') {
        finish({ kind: 'cancelled', message: 'Import cancelled. Nothing has been imported: the data is as it was before.', result: null, dataset: null, cancelTooLate: false });
        announce(`Import of ${file.name} cancelled. Nothing was imported.`);
        return;
      }
      if (info.state === 'failed') {
        if (result && result.preview) {
          set({ preview: result.preview });
          finish({ kind: 'refused', message: 'Nothing has been imported. Fix these in the file and try again.', result, dataset: null, cancelTooLate: false });
        } else {
          finish({ kind: 'failed', message: `Nothing has been imported. ${info.error ?? info.message}`, result: null, dataset: null, cancelTooLate: false });
        }
        announce(`Nothing was imported from ${file.name}.`, 'error');
        return;
      }
      // Done.
      if (!result || result.status === 'skipped') {
        finish({ kind: 'skipped', message: result?.message ?? 'Nothing was changed.', result, dataset: null, cancelTooLate: false });
        return;
      }
      const datasets = useDatasetsStore.getState();
      await datasets.changed(result.datasetId);
      const dataset = useDatasetsStore.getState().datasets.find((d) => d.id === result.datasetId) ?? null;
      const cancelTooLate = get().cancelling || cancelSent;
      finish({ kind: 'imported', message: result.message, result, dataset, cancelTooLate });
      announce(`Imported ${file.name}: ${count(result.valuesWritten, 'value')}.`);
    },

    async cancel() {
      const s = get();
      if (s.step === 'importing') {
        set({ cancelling: true });
        return;
      }
      if (s.step === 'reading' || s.checking) {
        // Stop reading or checking: the answer, when it comes, is dropped.
        get().close();
        announce(`Stopped: ${s.fileName} was not imported.`);
      }
    },

    skip() {
      const { fileName } = get();
      announce(`Skipped ${fileName}: it was imported before, and nothing was changed.`);
      get().close();
    },

    close() {
      if (get().step === 'importing') return;
      remember();
      generation++;
      clearTimeout(recheckTimer);
      set({ open: false, step: 'choose', file: null, preview: null, problem: null, outcome: null, job: null, checking: false, stale: false, wide: null, readDone: 0 });
    },
  };
});

export { effectiveFormat };
