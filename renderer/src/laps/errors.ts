/**
 * Backend messages are already plain English; validation ones carry the verb and field they came from
 * ("laps.rename: name: a name is needed"). This turns them into a sentence for people ("A name is needed.").
 * Other messages are shown as they are (they may start with a file name, which keeps its case).
 */
const FIELDS = new Set(['name', 'colour', 'notes', 'wards', 'content', 'fileName', 'id', 'setId', 'lapId']);

export function plainError(err: unknown): string {
  const raw = (err instanceof Error ? err.message : String(err)).trim();
  let text = raw.replace(/^(?:lapSets|laps|wards|geography|app)\.[A-Za-z]+:\s*/, '');
  const stripped = text !== raw;
  const field = /^([a-zA-Z]+)(?:\.\d+)?:\s*(.*)$/.exec(text);
  if (stripped && field && FIELDS.has(field[1]!)) text = field[2]!;
  text = text.trim();
  if (!text) return 'Something went wrong. Nothing was changed.';
  if (stripped) text = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}
