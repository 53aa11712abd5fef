/**
 * Which periods of an indicator are provisional, read from its definition as the publisher's words put it
 * ("2021/22 is provisional", "the latest month in the source (November 2023, provisional)"): a period is
 * provisional when it is written in the same clause (between full stops, semicolons or brackets) as the word
 * "provisional". Periods written YYYY-MM are also found as "Month YYYY". Used to mark provisional points on trend
 * charts. Pure TypeScript.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The ways a period may be written in prose: as is, and "November 2023" for "2023-11". */
function spellings(period: string): string[] {
  const out = [period];
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const month = MONTHS[Number(m[2]) - 1];
    if (month) out.push(`${month} ${m[1]}`);
  }
  return out;
}

export function provisionalPeriods(periods: readonly string[], text: string): Set<string> {
  const clauses = text
    .split(/[.;()]/)
    .map((c) => c.toLowerCase())
    .filter((c) => /\bprovisional\b/.test(c));
  const out = new Set<string>();
  if (clauses.length === 0) return out;
  for (const p of periods) {
    if (spellings(p).some((s) => clauses.some((c) => c.includes(s.toLowerCase())))) out.add(p);
  }
  return out;
}
