/**
 * Contract verbs for indicators, datasets, imports and background jobs (the indicator store and importers).
 *
 *   indicators.list  {ambition?, query?}                      -> IndicatorInfo[] (metadata, periods, area types)
 *   datasets.list    {}                                       -> DatasetInfo[] (source, licence, date, rows)
 *   datasets.delete  {id}                                     -> DatasetDeleted
 *   import.preview   {fileName, contentBase64, format?, mapping?, encoding?, delimiter?}
 *                                                             -> ImportPreview (detected format, encoding,
 *                                                                delimiter, first rows, column roles, report)
 *   import.start     {... as preview, onDuplicate, acceptWarnings, skipBadRows}
 *                                                             -> {jobId}; poll jobs.get
 *   files.stage      {fileName, contentBase64}                -> {fileId, bytes}: the file crosses once; preview and
 *                                                                start then name it by `fileId` instead of content
 *   jobs.get         {jobId}                                  -> JobInfo (state, done/total, message, result)
 *   jobs.cancel      {jobId}                                  -> JobInfo
 *
 * Import files cross the transport as base64 (at most MAX_IMPORT_BYTES once decoded). The CLI reads files
 * from disk through the same service functions, without that limit.
 */
import { z } from 'zod';
import { AMBITION_IDS, type AmbitionId } from '../ambitions.ts';
import type { IndicatorDescription, Polarity, ValueType } from '../indicators-meta.ts';
import { id } from './common.ts';

export const VALUE_TYPES = ['count', 'proportion', 'crude-rate', 'isr', 'dsr', 'life-expectancy', 'mean-score', 'rank', 'other'] as const satisfies readonly ValueType[];
export const POLARITIES = ['high-is-good', 'low-is-good', 'no-judgement'] as const satisfies readonly Polarity[];
export const IMPORT_FORMATS = ['tidy', 'fingertips', 'wide'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const SMALL_AREA_TYPES = ['lsoa21', 'lsoa11', 'oa21', 'msoa11'] as const;
export type SmallAreaType = (typeof SMALL_AREA_TYPES)[number];
export const VALUE_AREA_TYPES = ['ward', 'lad', 'england', 'england_and_wales', ...SMALL_AREA_TYPES] as const;
export type ValueAreaType = (typeof VALUE_AREA_TYPES)[number];
export const ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export const DELIMITERS = [',', '\t', ';'] as const;

/** Largest file the app accepts over IPC / HTTP (the CLI reads from disk and has no such limit). */
export const MAX_IMPORT_BYTES = 150 * 1024 * 1024;
/** Base64 length of a MAX_IMPORT_BYTES file (about 200 MB of text). */
export const MAX_CONTENT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const ambition = z.enum(AMBITION_IDS as [AmbitionId, ...AmbitionId[]]);

/** Indicator ids are stable keys: letters, digits and _ . : - (e.g. "census21_usual_residents", "fingertips-90366"). */
export const indicatorIdSchema = z
  .string()
  .trim()
  .min(1, 'an indicator id is needed')
  .max(200, 'indicator ids are at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'an indicator id uses letters, digits, _ . : and - (no spaces)');

/**
 * The indicator id made from a column header when none is given ("Smokers (%)" -> "smokers_pct"): the backend's
 * wide-file import and the renderer's preview of it use this one rule, and its output always passes indicatorIdSchema.
 */
export function slugId(s: string): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, ' pct ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 120);
  return /^[a-z0-9]/.test(slug) ? slug : `x_${slug}`;
}

/** Indicator metadata given by the user for an import (all optional: unknown fields are inferred). */
export const indicatorSpec = z
  .object({
    id: indicatorIdSchema.optional(),
    catalogueId: text(20).optional(),
    name: text(500).min(1).optional(),
    shortName: text(120).min(1).optional(),
    ambition: ambition.optional(),
    topic: text(200).optional(),
    definition: text(2000).optional(),
    valueType: z.enum(VALUE_TYPES).optional(),
    multiplier: z.number().positive().finite().optional(),
    unit: text(200).optional(),
    polarity: z.enum(POLARITIES).optional(),
    missingIsZero: z.boolean().optional(),
    disclosureControlled: z.boolean().optional(),
    wardLevel: z.boolean().optional(),
    methodNote: text(2000).optional(),
  })
  .strict();
export type IndicatorSpec = z.output<typeof indicatorSpec>;

/** One indicator column of a wide file. */
export const wideColumnSpec = indicatorSpec
  .extend({
    /** Period of this column's values (else the mapping's `period`). */
    period: text(100).min(1).optional(),
    /** A column holding the denominator: the indicator column is then the numerator. */
    denominatorColumn: z.string().min(1).max(500).optional(),
  })
  .strict();
export type WideColumnSpec = z.output<typeof wideColumnSpec>;

/**
 * How to read a file. Wide files need `areaCodeColumn` and `columns`; any file may name or override indicator
 * metadata in `indicators` (keyed by the id in the file, e.g. a Fingertips "Indicator ID").
 */
export const importMapping = z
  .object({
    areaCodeColumn: z.string().min(1).max(500).optional(),
    /** The area type of every row, when the file does not say (wide files). */
    areaType: z.enum(VALUE_AREA_TYPES).optional(),
    /** Default period for wide columns, and for a tidy (long) file without a period column. */
    period: text(100).min(1).optional(),
    /** Polarity of the new indicators the file and `indicators` do not describe (asked for in the preview). */
    polarity: z.enum(POLARITIES).optional(),
    /** Ambition of the new indicators the file and `indicators` do not describe (asked for in the preview). */
    ambition: ambition.optional(),
    columns: z.record(z.string().max(500), wideColumnSpec).optional(),
    indicators: z.record(z.string().max(200), indicatorSpec).optional(),
    /** Indicator (in this file, or stored for the same small areas) whose counts weight scores and deciles. */
    weightIndicator: z.string().max(200).optional(),
    /** Population used to share MSOA counts between wards. Default all ages. */
    msoaWeight: z.enum(['all-ages', '0-15', '16-64']).optional(),
    /**
     * The publisher blanks (suppresses) counts below this number, as IoD2019 does below 10. A small area whose
     * numerator is blank or a suppression marker but whose denominator is given then counts as 0 to N - 1 in ward and
     * council sums (its denominator is kept) instead of making them missing. Not given: such areas stay missing.
     */
    suppressedBelow: z.number().int().min(2).max(1_000_000).optional(),
    dataset: z
      .object({
        name: text(300).min(1),
        publisher: text(300),
        source: text(2000),
        licence: text(300),
        attribution: text(2000),
        transformation: text(4000),
        period: text(200),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
export type ImportMapping = z.output<typeof importMapping>;

export const fileName = z
  .string()
  .trim()
  .min(1, 'a file name is needed')
  .max(255, 'file names are at most 255 characters')
  .refine((s) => !/[\\/\0]/.test(s), 'give the file name without folders');

/** A file's content as base64, at most MAX_IMPORT_BYTES once decoded; too large, the message names the CLI command to use. */
export function base64File(command: string) {
  return z
    .string()
    .max(MAX_CONTENT_BASE64, `the file is too large to send to the app (the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB); use the command line instead: ${command}`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file content must be base64');
}

const contentBase64 = base64File('lap-insight import FILE');

/** The id of a file staged with 'files.stage' (the backend keeps it for STAGED_FILE_MINUTES after its last use). */
export const fileIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a staged file id (from files.stage)');
export const STAGED_FILE_MINUTES = 30;

const importArgs = {
  fileName,
  /** The file itself; or `fileId`, naming a file sent once with 'files.stage'. Exactly one of the two. */
  contentBase64: contentBase64.optional(),
  fileId: fileIdSchema.optional(),
  /** Overrides the detected format. */
  format: z.enum(IMPORT_FORMATS).optional(),
  mapping: importMapping.optional(),
  encoding: z.enum(ENCODINGS).optional(),
  delimiter: z.enum(DELIMITERS).optional(),
};

export const jobId = z.string().min(1).max(100);

function oneFileSource(a: { contentBase64?: string | undefined; fileId?: string | undefined }): boolean {
  return (a.contentBase64 === undefined) !== (a.fileId === undefined);
}
const ONE_FILE_SOURCE = { message: 'give the file once: either contentBase64 or a fileId from files.stage', path: ['contentBase64'] };

/** A file held by the backend for later previews and the import (files.stage). */
export interface StagedFile {
  fileId: string;
  bytes: number;
}

export const dataSchemas = {
  'indicators.list': z
    .object({
      ambition: ambition.optional(),
      /** Words to find in the id, name or topic. */
      query: z.string().max(200).optional(),
    })
    .strict(),
  'datasets.list': z.object({}).strict(),
  'datasets.delete': z.object({ id }).strict(),
  'files.stage': z.object({ fileName, contentBase64 }).strict(),
  'import.preview': z.object(importArgs).strict().refine(oneFileSource, ONE_FILE_SOURCE),
  'import.start': z
    .object({
      ...importArgs,
      /** What to do when this exact file (same SHA-256) was imported before. */
      onDuplicate: z.enum(['skip', 'replace']).default('skip'),
      /** Import even though the report has warnings (errors block, unless skipBadRows). */
      acceptWarnings: z.boolean().default(false),
      /**
       * Import the good rows and skip the rows with errors, when every error is about a row (preview.skipped.canSkip).
       * Default false: a file with any error is refused whole.
       */
      skipBadRows: z.boolean().default(false),
    })
    .strict()
    .refine(oneFileSource, ONE_FILE_SOURCE),
  'jobs.get': z.object({ jobId }).strict(),
  'jobs.cancel': z.object({ jobId }).strict(),
} as const;

/** What describes an indicator wherever it is used: one declaration, in shared/indicators-meta.ts. */
export type { IndicatorDescription };

export interface IndicatorInfo extends IndicatorDescription {
  source: string;
  publisher: string;
  licence: string;
  attribution: string;
  /** The dataset that defined the indicator (null if that dataset was deleted). */
  definedBy: number | null;
  /** Datasets holding values of this indicator. */
  datasetIds: number[];
  /** Periods with values, sorted. */
  periods: string[];
  /** Area types with values, e.g. ['england', 'lad', 'ward']. */
  areaTypes: ValueAreaType[];
  valueCount: number;
}

export interface ValueRow {
  indicatorId: string;
  areaCode: string;
  areaType: ValueAreaType;
  period: string;
  sex: string;
  age: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  ci95: [number, number] | null;
  ci998: [number, number] | null;
  estimate: boolean;
  note: string | null;
  datasetId: number;
}

export interface DatasetInfo {
  id: number;
  /** The bundle's dataset id for bundled data; null for user imports. */
  key: string | null;
  kind: 'bundled' | 'user';
  name: string;
  fileName: string;
  sha256: string;
  /** 'lap-insight-bundle/1', 'tidy', 'fingertips' or 'wide'. */
  format: string;
  encoding: string | null;
  delimiter: string | null;
  importedAt: string;
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  publisher: string;
  source: string;
  licence: string;
  attribution: string;
  transformation: string;
  period: string;
  /** Warnings accepted at import, kept with the data. */
  warnings: string[];
  indicatorIds: string[];
  valueCount: number;
}

export interface DatasetDeleted {
  dataset: DatasetInfo;
  valuesRemoved: number;
  /** Indicators the dataset defined that no longer have any values. */
  indicatorsRemoved: string[];
}

export type IssueSeverity = 'error' | 'warning' | 'info';

/** One problem found while checking a file. `message` is a whole plain-English sentence. */
export interface ImportIssue {
  severity: IssueSeverity;
  file: string;
  /** Spreadsheet row (header = 1), or null when the issue is about the whole file. */
  row: number | null;
  column: string | null;
  message: string;
  /** How many rows or cells this issue stands for (1 unless grouped). */
  count: number;
}

export interface ImportReport {
  /** Errors first, then warnings, then notes; at most a few hundred (see `omitted`). */
  issues: ImportIssue[];
  errors: number;
  warnings: number;
  /** Issues not listed because the list was long. */
  omitted: number;
}

export interface ImportIndicatorPlan {
  /** Id in the store. */
  id: string;
  /** Id (or column) in the file. */
  sourceId: string;
  name: string;
  /** True when the import creates it; false when it adds values to an existing indicator. */
  isNew: boolean;
  valueType: ValueType;
  multiplier: number;
  unit: string;
  polarity: Polarity;
  ambition: AmbitionId;
  rows: number;
  periods: string[];
  areaTypes: string[];
  /** How ward values come about: given in the file, summed from small areas, derived (deciles), or none. */
  wards: 'given' | 'summed' | 'apportioned' | 'derived' | 'none';
  /** How the values were read or built, in plain English. */
  note: string;
  /** False when neither the file, the mapping nor the store says: the polarity is a default to ask about. */
  polarityGiven: boolean;
  /** False when neither the file, the mapping nor the store says: the ambition is a default to ask about. */
  ambitionGiven: boolean;
}

/** One file row refused by the checks (skipped by a partial import). */
export interface SkippedRow {
  /** Spreadsheet row (header = 1). */
  row: number;
  column: string | null;
  /** Why, in plain English. */
  reason: string;
  /** The row's fields as read (empty when they could not be read again). */
  fields: string[];
}

/** The rows with errors, and whether the rest of the file can be imported without them. */
export interface SkippedRows {
  /** File rows with at least one error. */
  total: number;
  /** The first of them (at most SKIPPED_ROWS_LISTED), in row order. */
  rows: SkippedRow[];
  /** Data rows without errors (that a partial import would keep). */
  goodRows: number;
  /** Every error is about single rows, and the good rows have values to store: "import the good rows" is possible. */
  canSkip: boolean;
}

export interface WardCoverage {
  /** Wards with a value. */
  wards: number;
  /** All wards. */
  of: number;
  /** "'indicator_id' (period)" for each indicator and period with exactly these wards. */
  items: string[];
  /** One plain sentence, e.g. "values for 12 of 57 wards for 'x' (2023): the other 45 wards will show no value, …". */
  message: string;
}

/** How many skipped rows a preview lists (with their fields). */
export const SKIPPED_ROWS_LISTED = 1000;

export interface ImportCounts {
  /** Data rows read (header and blank lines excluded). */
  rowsRead: number;
  /** Rows left out (areas outside Northamptonshire, inequality breakdowns). */
  rowsLeftOut: number;
  /** Rows stored as missing (suppressed or blank). */
  rowsMissing: number;
  /** Values that the import writes: file rows plus ward and council values built from small areas. */
  valuesToWrite: number;
  /** Of those, ward and council values built from small areas. */
  valuesBuilt: number;
  indicators: number;
  areas: number;
  periods: number;
}

export interface DatasetRef {
  id: number;
  name: string;
  fileName: string;
  importedAt: string;
}

export interface ColumnRole {
  column: string;
  /** What the column is read as, e.g. 'area code', 'value', 'numerator', 'indicator: smokers (2022)', 'ignored'. */
  role: string;
}

export interface ImportPreview {
  fileName: string;
  bytes: number;
  sha256: string;
  format: ImportFormat | null;
  /** 'detected' from the header, or 'chosen' by the caller. */
  formatSource: 'detected' | 'chosen';
  encoding: string;
  delimiter: string | null;
  header: string[];
  /** The first data rows as read (at most 10). */
  firstRows: string[][];
  columns: ColumnRole[];
  indicators: ImportIndicatorPlan[];
  counts: ImportCounts;
  /** A dataset imported earlier from the same bytes. */
  duplicateOf: DatasetRef | null;
  report: ImportReport;
  /** Rows with errors, for "import the good rows and skip the rest". */
  skipped: SkippedRows;
  /**
   * Indicators with values for only some wards ("values for 12 of 57 wards"), one entry per set of wards. A
   * warning to show with the preview; it does not need accepting (a file may rightly cover one council).
   */
  wardCoverage: WardCoverage[];
  /** No errors (warnings may need accepting). */
  canImport: boolean;
  /** One or two plain sentences for the top of the dialog. */
  summary: string;
}

export interface ImportResult {
  status: 'imported' | 'skipped' | 'failed' | 'checked';
  /** Plain English: what happened, and why not when nothing was imported. */
  message: string;
  datasetId: number | null;
  /** Datasets removed because the same file was imported again with 'replace'. */
  replacedDatasetIds: number[];
  valuesWritten: number;
  /** File rows with errors left out by a partial import (skipBadRows); 0 otherwise. */
  rowsSkipped: number;
  preview: ImportPreview;
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  /** e.g. 'import'; later 'pdf-export'. */
  kind: string;
  /** A label for the progress bar, e.g. the file name. */
  label: string;
  state: JobState;
  done: number;
  /** null while unknown. */
  total: number | null;
  unit: 'bytes' | 'rows' | 'items';
  message: string;
  startedAt: string;
  finishedAt: string | null;
  /** The job's answer once it has finished; for 'import' jobs an ImportResult (also when it failed on errors). */
  result?: unknown;
  /** Why it failed, in plain English. */
  error?: string;
}

export interface DataResults {
  'indicators.list': IndicatorInfo[];
  'datasets.list': DatasetInfo[];
  'datasets.delete': DatasetDeleted;
  'import.preview': ImportPreview;
  'import.start': { jobId: string };
  'files.stage': StagedFile;
  'jobs.get': JobInfo;
  'jobs.cancel': JobInfo;
}
