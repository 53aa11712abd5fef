/** Escaping for the report's HTML and SVG: every piece of text from data or users goes through these. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content or a quoted attribute value: `<b>&"x'` prints literally. Control characters are dropped. */
export function esc(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- callers pass text and numbers; String() is the text of either
  const text = value === null || value === undefined ? '' : String(value);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A #rrggbb colour, or the fallback (colours reach CSS and SVG attributes, so nothing else may pass). */
export function safeColour(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value) ? value.toLowerCase() : fallback;
}
