/**
 * The single typed contract between the renderer and the backend.
 *
 * Each domain verb has a zod schema for its arguments (validated by every transport before a service runs)
 * and a result type. `Handlers` is derived from the two, so the Electron IPC wiring, the preview HTTP
 * transport, the renderer client and the tests all agree by construction.
 *
 * Adding a verb: add its schema to `schemas` and its result to `Results`.
 */
import { z } from 'zod';
import type { AppInfo, Geography, Ward } from './domain.ts';
import { AppError, describeIssues, issuesFromZod, type ReplyError } from './errors.ts';
import { dataSchemas, type DataResults } from './contract/data.ts';
import { lapSchemas, type LapResults } from './contract/laps.ts';
import { profileSchemas, type ProfileResults } from './contract/profile.ts';
import { exportSchemas, type ExportResults } from './contract/export.ts';
import { placesSchemas, type PlacesResults } from './contract/places.ts';
import { practicesSchemas, type PracticesResults } from './contract/practices.ts';


const coreSchemas = {
  'app.info': z.object({}).strict(),
  'geography.get': z.object({}).strict(),
  'wards.list': z
    .object({
      /** Forgiving name search; empty or missing lists every ward. */
      query: z.string().max(200).optional(),
    })
    .strict(),
  /** What the backend did on its own at start-up that the user should know about (backend/safety). */
  'app.notices': z.object({}).strict(),
} as const;

/**
 * Something the app did by itself at start-up, told in plain English: e.g. it found the database damaged and
 * restored yesterday's backup, or could not make its daily backup. The list is for this run only.
 */
export interface AppNotice {
  level: 'info' | 'warning';
  /** Stable key for the UI, e.g. 'restored-backup', 'started-fresh', 'backup-failed'. */
  code: string;
  message: string;
  /** ISO time. */
  at: string;
}

interface CoreResults {
  'app.info': AppInfo;
  'app.notices': AppNotice[];
  'geography.get': Geography;
  'wards.list': Ward[];
}

/** Every verb's argument schema. Feature areas keep theirs in shared/contract/<area>.ts. */
export const schemas = { ...coreSchemas, ...dataSchemas, ...lapSchemas, ...profileSchemas, ...exportSchemas, ...placesSchemas, ...practicesSchemas } as const;

export interface Results extends CoreResults, DataResults, LapResults, ProfileResults, ExportResults, PlacesResults, PracticesResults {}

export type Channel = keyof typeof schemas;
export type Args<K extends Channel> = z.input<(typeof schemas)[K]>;
export type ParsedArgs<K extends Channel> = z.output<(typeof schemas)[K]>;

/** What the backend implements and what the renderer calls. */
export type Handlers = { [K in Channel]: (args: ParsedArgs<K>) => Promise<Results[K]> };

export const channels = Object.keys(schemas) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(schemas, name);
}

export { AppError, type ErrorIssue, type ErrorKind, type ReplyError } from './errors.ts';

/** Every transport carries this envelope, so errors keep their kind, message, channel and issues intact. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

/** Formats a zod failure as one line for a file the CLI reads (--map): "mapping: columns.Smokers.id: an indicator id…". */
export function describeValidationError(channel: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : 'arguments';
    return `${path}: ${issue.message}`;
  });
  return `${channel}: ${parts.join('; ')}`;
}

/** Validates raw arguments for a channel. Throws AppError('invalid-input') naming each refused field in `issues`. */
export function parseArgs<K extends Channel>(channel: K, raw: unknown): ParsedArgs<K> {
  // Only absent arguments mean "none": `null` (or any other non-object) is refused by the schema, never read as {}.
  const result = schemas[channel].safeParse(raw === undefined ? {} : raw);
  if (!result.success) {
    const issues = issuesFromZod(result.error);
    throw new AppError('invalid-input', describeIssues(issues), issues);
  }
  return result.data as ParsedArgs<K>;
}

/** The renderer-side API: one typed `send`. Implemented by the preload bridge and the preview transport. */
export interface LapApi {
  send<K extends Channel>(channel: K, args: Args<K>): Promise<Results[K]>;
}
