/**
 * A copy of a string that does not share memory with the text it was cut from. V8 keeps a whole decoded chunk
 * (a megabyte) alive for as long as any slice of it lives; kept strings (ids, codes, names) are copied so that
 * the chunks can be freed while a large file is read.
 */
export function copyString(s: string): string {
  return s.length === 0 ? '' : Buffer.from(s, 'utf8').toString('utf8');
}
