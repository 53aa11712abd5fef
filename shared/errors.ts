/**
 * The one shape a failure takes on its way from the backend to a person: `ReplyError`. The dispatcher
 * (backend/dispatch.ts) builds it from a zod failure or a thrown AppError; every transport (Electron IPC, the preview
 * HTTP server, the split backend relay, the CLI) carries it unchanged; the renderer rethrows it as an ApiError and
 * shows it with describeError (renderer/src/errors.ts), the CLI prints its message.
 *
 * Pure and zod-free on purpose: the sandboxed preload imports isReplyError, and must not bundle zod. The zod schema
 * of the same shape is in shared/contract/errors.ts (a type check pins the two together).
 */

/**
 * What went wrong, as a program needs to know it (the message says it to a person):
 * - invalid-input: the arguments, or a file given as an argument, are not acceptable; `issues` says which field.
 * - not-found: the thing asked for does not exist (any more).
 * - conflict: the change clashes with what is stored (a name in use, a ward already in an official LAP).
 * - forbidden: the caller may not do this (a page that is not the app's, a wrong token, a bundled dataset).
 * - busy: the database is in use by another program; trying again later may work.
 * - storage: the database cannot be written (disk full, read-only folder, disk error).
 * - internal: a fault in LAP Insight itself; the message never carries a stack or a path.
 */
export const ERROR_KINDS = ['invalid-input', 'not-found', 'conflict', 'forbidden', 'busy', 'storage', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One field that was refused: `path` is the argument's path (['mapping', 'columns', 'Smokers', 'id']), never re-split. */
export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

export interface ReplyError {
  kind: ErrorKind;
  /** Plain English, fit to show a user as it is (for invalid-input: describeIssues of `issues`). */
  message: string;
  /**
   * The verb that failed ('wards.get'); the name that was asked for when it is not a verb (cut to 80 characters);
   * '' when the request was refused before its name was read (the preview server's token and percent-encoding checks).
   */
  channel: string;
  /** For invalid-input from the contract's schemas: each refused field (at most MAX_ISSUES). */
  issues?: ErrorIssue[];
}

/** At most this many issues travel with one error (a fuzzed 10,000-element array must not make a 10,000-line reply). */
export const MAX_ISSUES = 5;

/** A thrown error that the dispatcher turns into a ReplyError of the same kind; the message is for people. */
export class AppError extends Error {
  constructor(
    public readonly kind: ErrorKind,
    message: string,
    public readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

function isIssue(value: unknown): value is ErrorIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { path?: unknown; message?: unknown };
  return Array.isArray(v.path) && v.path.every((p) => typeof p === 'string' || typeof p === 'number') && typeof v.message === 'string';
}

/** The structural check of a ReplyError, for code that must not load zod (the preload); the schema agrees with it. */
export function isReplyError(value: unknown): value is ReplyError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; message?: unknown; channel?: unknown; issues?: unknown };
  return (
    isErrorKind(v.kind) &&
    typeof v.message === 'string' &&
    typeof v.channel === 'string' &&
    (v.issues === undefined || (Array.isArray(v.issues) && v.issues.every(isIssue)))
  );
}

/** A name fit to put in a message: what was asked for, cut short, never an object dumped whole. */
export function channelName(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
}

/** Builds a ReplyError; `issues` is kept only when there are some. */
export function replyError(kind: ErrorKind, channel: string, message: string, issues?: ErrorIssue[]): ReplyError {
  const error: ReplyError = { kind, message, channel };
  if (issues && issues.length) error.issues = issues.slice(0, MAX_ISSUES);
  return error;
}

/** The error Reply every transport sends, `{ ok: false, error }`. */
export function errorReply(kind: ErrorKind, channel: string, message: string, issues?: ErrorIssue[]): { ok: false; error: ReplyError } {
  return { ok: false, error: replyError(kind, channel, message, issues) };
}

/** An 'invalid-input' error for refused fields; its message is the issues in words (describeIssues). */
export function invalidInput(channel: string, issues: ErrorIssue[]): ReplyError {
  return replyError('invalid-input', channel, describeIssues(issues), issues);
}

/** The issues of a zod failure (structurally typed, so this module need not import zod). */
export function issuesFromZod(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ErrorIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }));
}

/** The message of a fault: the verb only, never the thrown error's own text (which may carry a path or a stack). */
export function internalMessage(channel: string): string {
  return `Something went wrong inside LAP Insight (${channel}). Please try again; if it happens again, restart LAP Insight.`;
}

/** Any thrown value as a ReplyError: an AppError keeps its kind, message and issues; anything else is 'internal'. */
export function toReplyError(channel: string, err: unknown): ReplyError {
  if (err instanceof AppError) return replyError(err.kind, channel, err.message, err.issues);
  return replyError('internal', channel, internalMessage(channel));
}

/** Names for the fields of the contract's arguments, as a person would say them. */
const FIELD_NAMES: Record<string, string> = {
  code: 'ward code',
  wardCode: 'ward code',
  areaCodes: 'area codes',
  areaCodeColumn: 'area-code column',
  denominatorColumn: 'denominator column',
  areaType: 'area type',
  fileName: 'file name',
  contentBase64: 'file',
  content: 'file',
  fileId: 'file',
  query: 'search text',
  id: 'id',
  setId: 'LAP set',
  lapId: 'LAP',
  jobId: 'import',
  placeId: 'place',
  indicatorId: 'indicator',
  indicatorIds: 'indicators',
  indicators: 'indicators',
  wards: 'wards',
  suppressedBelow: 'smallest count shown',
  onDuplicate: 'choice for a file imported before',
  onNameClash: 'choice for a name in use',
};

/** 'weightIndicator' -> 'weight indicator'. */
function words(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A sentence: trimmed, first letter capital, ending in a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const capital = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * One refused field as a sentence that names it: "The search text: expected string, received number." When the
 * contract's own message already names the field ("a ward code looks like E05013246") it is shown as it is.
 */
export function describeIssue(issue: ErrorIssue): string {
  const path = issue.path;
  const reason = issue.message.trim() || 'not accepted';
  // An import mapping names a column of the person's file: say which column, in their words.
  if (path[0] === 'mapping' && path[1] === 'columns' && path.length >= 3) {
    const what = path.length > 3 ? path[path.length - 1] : undefined;
    return sentence(`Column ‘${String(path[2])}’${typeof what === 'string' ? ` (${words(what)})` : ''}: ${reason}`);
  }
  if (path[0] === 'mapping' && path[1] === 'dataset') return sentence(`The source details${typeof path[2] === 'string' ? ` (${words(path[2])})` : ''}: ${reason}`);
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (field === undefined) return sentence(reason);
  // Own keys only: a refused field may be called 'constructor' or '__proto__' (the fuzz tests send such names).
  const name = Object.hasOwn(FIELD_NAMES, field) ? FIELD_NAMES[field]! : words(field);
  const named = reason.toLowerCase().includes(name.toLowerCase().replace(/s$/, '')); // 'indicators' is named by 'each indicator once'
  return named ? sentence(reason) : sentence(`The ${name}: ${reason}`);
}

/** Every refused field in words, one sentence each. */
export function describeIssues(issues: readonly ErrorIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES).map(describeIssue);
  return shown.join(' ') || 'Some of what was given is not accepted.';
}

/**
 * A ReplyError as plain English for a person: the issues when there are some, otherwise its message (already
 * plain; only a missing full stop is added, and its first letter is left alone: it may be a file's name).
 */
export function describeReplyError(error: Pick<ReplyError, 'kind' | 'message' | 'channel' | 'issues'>): string {
  if (error.issues?.length) return describeIssues(error.issues);
  const text = error.message.trim();
  if (!text) return error.kind === 'internal' ? internalMessage(error.channel) : 'Something went wrong. Nothing was changed.';
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
