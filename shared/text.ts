/**
 * Text from files that must never reach a terminal or a stored name as-is: C0 controls (ESC, BEL, NUL...), DEL,
 * C1 controls (U+0080-U+009F, e.g. U+009B, a one-character escape sequence on some terminals) and the Unicode
 * bidirectional controls that reorder what is shown (U+202A-U+202E overrides/embeddings, U+2066-U+2069 isolates,
 * U+200E/U+200F marks, U+061C). Pure; used by the importers, the CLI's output and the name schemas.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of this module */
/** Every unsafe character. Tab, line feed and carriage return are included: names and one-line echoes have none. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** For terminal output: the same, but line feeds and tabs pass (the CLI's own layout). */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** A name from a file: unsafe characters removed (a line break or tab becomes a space), spaces collapsed, trimmed. */
export function cleanName(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text.trim();
  return text
    .replace(/[\t\n\r]+/g, ' ')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "\u001B" for ESC: how an unsafe character is shown in a message or on a terminal. */
function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** File text quoted in a one-line message (a header, a cell): every unsafe character shown as \uXXXX. */
export function showText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * The last guard before a terminal: unsafe characters (except line feeds and tabs) become \uXXXX. Valid JSON stays
 * valid (JSON.stringify already escapes C0 controls; a C1 or bidi character inside a string becomes its escape).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, escape);
}
