/**
 * The largest request body each verb may send to the preview server, so a big body to a small verb is refused
 * from its Content-Length (or as soon as it passes the limit) instead of being read whole first: a 200 MB body to
 * a verb that takes 20 MB used to cost about 725 MB of memory before zod refused it.
 *
 * Limits are on the JSON body: a file crosses as base64 (4/3 of its size), a LAP file as a JSON string (worst case
 * 3 bytes per character of UTF-8; escapes make control characters longer, and those are refused anyway).
 */
import { MAX_CONTENT_BASE64 } from '../../shared/contract/data.ts';
import { MAX_IMPORT_CHARS } from '../../shared/contract/laps.ts';

/** Room for the other arguments of a file-carrying verb (mapping, names, options). */
const ARGS_ROOM = 1024 * 1024;
/** Every verb not listed: ward lists, names, notes, pins, mappings. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export const BODY_LIMITS: Readonly<Record<string, number>> = {
  'import.preview': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'import.start': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'places.import': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'places.importCentres': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'practices.import': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'files.stage': MAX_CONTENT_BASE64 + ARGS_ROOM,
  'laps.import': MAX_IMPORT_CHARS * 3 + ARGS_ROOM,
};

export function bodyLimit(channel: string): number {
  return Object.prototype.hasOwnProperty.call(BODY_LIMITS, channel) ? BODY_LIMITS[channel]! : DEFAULT_BODY_LIMIT;
}
