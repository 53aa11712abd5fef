/**
 * The renderer's one way to put a failure into words: describeError(err), used by every panel and store.
 *
 * A backend failure arrives as an ApiError carrying the ReplyError unchanged (api.ts): its message is plain English
 * already, and for refused input `issues` names each field, which describeReplyError (shared/errors.ts) turns into
 * sentences ("Column ‘Smokers’ (id): an indicator id uses letters…"), the same words the command line prints.
 * Anything else (a fault in the renderer itself) is shown by its message.
 */
import { describeReplyError } from '../../shared/errors.ts';
import { ApiError } from './api.ts';

const FALLBACK = 'Something went wrong. Nothing was changed.';

export function describeError(err: unknown): string {
  if (err instanceof ApiError && err.kind !== 'unreachable') {
    return describeReplyError({ kind: err.kind, message: err.message, channel: err.channel, issues: [...err.issues] });
  }
  // A thrown string is shown as it is; any other non-Error value (an object) has no words to show.
  const text = (err instanceof Error ? err.message : typeof err === 'string' ? err : '').trim();
  if (!text) return FALLBACK;
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
