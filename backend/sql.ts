/** SQL helpers shared by the backend's features. Values always go in as ? parameters; this is for names only. */

/** An SQL identifier (a table, trigger or column name read from the schema, never user input), quoted with quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
