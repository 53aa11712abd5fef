/**
 * Forgiving name matching for wards and LAPs: case, punctuation, '&' vs 'and', 'St' vs 'St.' and extra
 * spaces do not matter. Codes are stored; names are only for finding.
 */

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

export interface NameMatch<T> {
  item: T;
  /** 0 = exact, 1 = starts with, 2 = a word starts with, 3 = contains. Lower is better. */
  rank: number;
}

/**
 * Items whose name matches the query, best first (exact, then prefix, then word prefix, then contains;
 * ties keep input order). An empty query returns everything.
 */
export function searchByName<T>(items: readonly T[], query: string, nameOf: (item: T) => string, codeOf?: (item: T) => string): T[] {
  const q = normaliseName(query);
  if (!q) return [...items];
  const matches: NameMatch<T>[] = [];
  for (const item of items) {
    const code = codeOf?.(item);
    if (code && code.toLowerCase() === query.trim().toLowerCase()) {
      matches.push({ item, rank: 0 });
      continue;
    }
    const n = normaliseName(nameOf(item));
    let rank = -1;
    if (n === q) rank = 0;
    else if (n.startsWith(q)) rank = 1;
    else if (` ${n}`.includes(` ${q}`)) rank = 2;
    else if (n.includes(q)) rank = 3;
    if (rank >= 0) matches.push({ item, rank });
  }
  return matches.sort((a, b) => a.rank - b.rank).map((m) => m.item);
}
