/**
 * Small-area roll-up: the one rule of aggregation, as reusable pure code.
 *
 * Small-area numerators and denominators (LSOA, OA, MSOA) are SUMMED into larger areas (wards, councils)
 * through a lookup; the statistic is computed once from the sums. Percentages are never averaged.
 *
 * Used at build time by scripts/data-build and, later, by the app's importer for user-supplied small-area
 * files. Pure TypeScript: no Node, DOM or Electron imports.
 */

/** One small area's counts. `null` means missing or suppressed in the source: never zero. */
export interface SmallAreaCounts {
  /** Small-area code, e.g. an LSOA21 code (E01...) or an OA21 code (E00...). */
  code: string;
  /** The count (or, for apportioned or weighted data, the weighted quantity). Null = missing. */
  numerator: number | null;
  /** The base, e.g. all usual residents. Null = the source gives no denominator (count indicators). */
  denominator: number | null;
}

/** One destination of a small area, with the fraction of the small area's counts that goes there. */
export interface LookupShare {
  target: string;
  /** 1 for a best-fit lookup (the whole small area goes to one target); a fraction for apportionment. */
  weight: number;
}

/** Best-fit lookup: small-area code -> target code (a ward, a council, ...). */
export type BestFitLookup = ReadonlyMap<string, string>;

/** Apportioning lookup: small-area code -> the targets it is shared between (weights normally sum to 1). */
export type ShareLookup = ReadonlyMap<string, readonly LookupShare[]>;

/**
 * What to do when a small area's numerator is missing:
 * - 'propagate' (default): the target's numerator becomes null ("incomplete"); the denominator is still summed.
 * - 'exclude': leave that small area out of BOTH the numerator and the denominator, and report it in
 *   `missingCodes`, so the caller can say "k of n areas excluded".
 * - 'zero': treat a missing numerator as 0 (only for indicators documented as missing-is-zero).
 */
export type MissingPolicy = 'propagate' | 'exclude' | 'zero';

export interface RollupOptions {
  /**
   * The targets wanted, in output order. Every one gets a cell, even with no small areas (then all null).
   * Small areas mapped to any other target are listed in `outside` (e.g. E01027305, which ONS best-fits
   * to a Cherwell ward). When omitted, every target seen is returned, sorted by code.
   */
  targets?: readonly string[];
  /** Flag every cell as an estimate (always true for best-fit LSOA -> ward and for apportionment). */
  estimate: boolean;
  missing?: MissingPolicy;
}

export interface RollupCell {
  code: string;
  /** Sum of numerators; null if a small area's numerator is missing under 'propagate', or no areas. */
  numerator: number | null;
  /** Sum of denominators; null if any contributing small area has no denominator, or no areas. */
  denominator: number | null;
  /** Number of small areas that contributed to the sums. */
  areas: number;
  /** Codes of the small areas mapped here whose numerator is missing (sorted). */
  missingCodes: string[];
  estimate: boolean;
}

export interface RollupResult {
  cells: RollupCell[];
  /** Small-area codes with no entry in the lookup (sorted). */
  unmatched: string[];
  /** Small-area codes mapped only to targets outside `options.targets` (sorted). */
  outside: string[];
}

interface Acc {
  numerator: number;
  denominator: number;
  denominatorMissing: boolean;
  numeratorMissing: boolean;
  areas: number;
  missingCodes: string[];
}

function newAcc(): Acc {
  return { numerator: 0, denominator: 0, denominatorMissing: false, numeratorMissing: false, areas: 0, missingCodes: [] };
}

function isNumber(x: number | null): x is number {
  return x !== null && Number.isFinite(x);
}

/** Turns a best-fit lookup into a share lookup with weight 1. */
export function bestFitShares(lookup: BestFitLookup): ShareLookup {
  const out = new Map<string, LookupShare[]>();
  for (const [code, target] of lookup) out.set(code, [{ target, weight: 1 }]);
  return out;
}

/**
 * Sums small-area counts into targets through an apportioning lookup. Each small area's numerator and
 * denominator are multiplied by the share's weight (1 for best fit) and added to the target.
 * Throws on a duplicated small-area code: that is a data error, not something to sum twice.
 */
export function rollupShares(rows: Iterable<SmallAreaCounts>, lookup: ShareLookup, options: RollupOptions): RollupResult {
  const policy: MissingPolicy = options.missing ?? 'propagate';
  const wanted = options.targets ? new Set(options.targets) : null;
  const accs = new Map<string, Acc>();
  if (options.targets) for (const t of options.targets) accs.set(t, newAcc());
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const outside: string[] = [];

  for (const row of rows) {
    if (seen.has(row.code)) throw new Error(`rollup: small area ${row.code} appears more than once`);
    seen.add(row.code);
    const shares = lookup.get(row.code);
    if (!shares || shares.length === 0) {
      unmatched.push(row.code);
      continue;
    }
    let anyInside = false;
    for (const share of shares) {
      if (wanted && !wanted.has(share.target)) continue;
      anyInside = true;
      let acc = accs.get(share.target);
      if (!acc) {
        acc = newAcc();
        accs.set(share.target, acc);
      }
      let numerator = row.numerator;
      if (!isNumber(numerator)) {
        if (policy === 'zero') numerator = 0;
        else {
          acc.missingCodes.push(row.code);
          if (policy === 'exclude') continue;
          acc.numeratorMissing = true;
        }
      }
      acc.areas += 1;
      if (isNumber(numerator)) acc.numerator += numerator * share.weight;
      if (isNumber(row.denominator)) acc.denominator += row.denominator * share.weight;
      else acc.denominatorMissing = true;
    }
    if (!anyInside) outside.push(row.code);
  }

  const codes = options.targets ? [...options.targets] : [...accs.keys()].sort();
  const cells: RollupCell[] = codes.map((code) => {
    const acc = accs.get(code) ?? newAcc();
    const empty = acc.areas === 0;
    return {
      code,
      numerator: empty || acc.numeratorMissing ? null : acc.numerator,
      denominator: empty || acc.denominatorMissing ? null : acc.denominator,
      areas: acc.areas,
      missingCodes: [...acc.missingCodes].sort(),
      estimate: options.estimate,
    };
  });
  return { cells, unmatched: unmatched.sort(), outside: outside.sort() };
}

/** Sums small-area counts into targets through a best-fit lookup (each small area goes wholly to one target). */
export function rollup(rows: Iterable<SmallAreaCounts>, lookup: BestFitLookup, options: RollupOptions): RollupResult {
  return rollupShares(rows, bestFitShares(lookup), options);
}

/**
 * Chains two best-fit lookups (e.g. OA21 -> LSOA21 and LSOA21 -> ward gives OA21 -> ward).
 * Codes whose intermediate area is not in the second lookup are returned in `broken`.
 */
export function chainLookups(first: BestFitLookup, second: BestFitLookup): { lookup: Map<string, string>; broken: string[] } {
  const lookup = new Map<string, string>();
  const broken: string[] = [];
  for (const [code, middle] of first) {
    const target = second.get(middle);
    if (target === undefined) broken.push(code);
    else lookup.set(code, target);
  }
  return { lookup, broken: broken.sort() };
}

/**
 * Apportioning shares from counts: for each source area (e.g. an MSOA), each target's share is its
 * count divided by the source area's total count (e.g. the ward's part of the MSOA's population).
 * A source area whose total is 0 splits equally between its parts, so nothing is lost.
 */
export function sharesFromCounts(parts: Iterable<{ source: string; target: string; count: number }>): Map<string, LookupShare[]> {
  const bySource = new Map<string, Map<string, number>>();
  for (const p of parts) {
    let m = bySource.get(p.source);
    if (!m) {
      m = new Map();
      bySource.set(p.source, m);
    }
    m.set(p.target, (m.get(p.target) ?? 0) + p.count);
  }
  const out = new Map<string, LookupShare[]>();
  for (const source of [...bySource.keys()].sort()) {
    const m = bySource.get(source)!;
    const targets = [...m.keys()].sort();
    const total = targets.reduce((s, t) => s + m.get(t)!, 0);
    out.set(
      source,
      targets.map((target) => ({ target, weight: total > 0 ? m.get(target)! / total : 1 / targets.length })),
    );
  }
  return out;
}

/** numerator / denominator x multiplier, or null when either is missing or the denominator is not positive. */
export function ratio(numerator: number | null, denominator: number | null, multiplier: number): number | null {
  if (!isNumber(numerator) || !isNumber(denominator) || denominator <= 0) return null;
  return (numerator / denominator) * multiplier;
}
