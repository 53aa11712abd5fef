/**
 * The building blocks every indicator uses: small-area counts -> ward sums (shared/rollup.ts),
 * council and England benchmarks (source values, or the DERIVED sums of small-area counts, checked
 * against our own sums), and the value rule (numerator / denominator x multiplier).
 */
import { rollup, rollupShares, ratio, type MissingPolicy, type RollupCell, type ShareLookup, type SmallAreaCounts } from '../../shared/rollup.ts';
import type { BundleAreaType, ValueType } from '../../shared/indicators-meta.ts';
import { CHERWELL_LSOA, ENGLAND, LADS, WEST, type Geo, type SmallGeography } from './geo.ts';
import type { TidyFile, TidyRow } from './sources.ts';

export interface OutCell {
  areaCode: string;
  areaType: BundleAreaType;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  estimate: boolean;
  note: string | null;
  /**
   * Upper end of the numerator when some small areas' counts are suppressed (blank) in the source: `numerator`
   * is then the sum with every suppressed count at 0, `numeratorUpper` the sum with each at the threshold - 1.
   * Absent when nothing is suppressed.
   */
  numeratorUpper?: number;
}

export interface OutSeries {
  period: string;
  cells: OutCell[];
}

export interface ValueRule {
  valueType: ValueType;
  multiplier: number;
}

export function round(x: number | null, dp: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** dp;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Numbers as stored: counts to 3 dp (apportioned counts are fractional), values to 4 dp. */
export function makeCell(
  areaCode: string,
  areaType: BundleAreaType,
  rule: ValueRule,
  numerator: number | null,
  denominator: number | null,
  estimate: boolean,
  note: string | null,
): OutCell {
  const n = round(numerator, 3);
  if (rule.valueType === 'count') {
    return { areaCode, areaType, numerator: n, denominator: null, value: n, estimate, note };
  }
  const d = round(denominator, 3);
  return { areaCode, areaType, numerator: n, denominator: d, value: round(ratio(n, d, rule.multiplier), 4), estimate, note };
}

/** A council/England/E&W cell holding a published value only (no numerator or denominator in the source). */
export function sourceValueCell(areaCode: string, areaType: BundleAreaType, value: number | null, note: string): OutCell {
  return { areaCode, areaType, numerator: null, denominator: null, value: round(value, 4), estimate: false, note };
}

const GEO_LABEL: Record<SmallGeography, string> = { lsoa21: 'LSOA21', lsoa11: 'LSOA11', oa21: 'OA21' };
const GEO_PATH: Record<SmallGeography, string> = {
  lsoa21: 'ONS best-fit LSOA21->ward',
  lsoa11: 'LSOA11->LSOA21->ward, chained ONS best fit',
  oa21: 'OA21->LSOA21->ward, ONS best fit',
};

export interface SmallAreaOptions {
  geography: SmallGeography;
  rule: ValueRule;
  missing?: MissingPolicy;
  /** Words for the note, e.g. "estimate from OA percentages x OA usual residents". */
  method?: string;
}

function missingNote(cell: RollupCell, g: SmallGeography, policy: MissingPolicy): string {
  if (cell.missingCodes.length === 0) return '';
  const k = cell.missingCodes.length;
  const what = `${k} ${GEO_LABEL[g]} with a blank (suppressed) numerator in the source (${cell.missingCodes.join(' ')})`;
  return policy === 'exclude' ? `; ${what} left out of numerator and denominator` : `; incomplete: ${what}`;
}

/** Ward cells: small-area counts summed through the best-fit lookup. Always estimates. */
export function wardCells(geo: Geo, rows: SmallAreaCounts[], o: SmallAreaOptions): OutCell[] {
  const policy = o.missing ?? 'propagate';
  const res = rollup(rows, geo.toWard[o.geography], { targets: geo.wardCodes, estimate: true, missing: policy });
  checkCoverage(geo, res.unmatched, res.outside, o.geography);
  return res.cells.map((c) => {
    const method = o.method ? `${o.method}; ` : '';
    const note = `best-fit estimate: ${method}sum of ${c.areas} ${GEO_LABEL[o.geography]} (${GEO_PATH[o.geography]})${missingNote(c, o.geography, policy)}`;
    return makeCell(c.code, 'ward', o.rule, c.numerator, c.denominator, true, note);
  });
}

/** Ward cells from an apportioning lookup (MSOA -> ward by population shares). */
export function wardCellsShared(geo: Geo, rows: SmallAreaCounts[], shares: ShareLookup, rule: ValueRule, method: string): OutCell[] {
  const res = rollupShares(rows, shares, { targets: geo.wardCodes, estimate: true, missing: 'propagate' });
  if (res.unmatched.length) throw new Error(`no apportioning shares for ${res.unmatched.join(' ')}`);
  return res.cells.map((c) => {
    const incomplete = c.missingCodes.length ? `; incomplete: ${c.missingCodes.length} MSOA11 blank ('..') in the source (${c.missingCodes.join(' ')})` : '';
    return makeCell(c.code, 'ward', rule, c.numerator, c.denominator, true, `apportioned estimate: ${method}; ${c.areas} MSOA11 contribute${incomplete}`);
  });
}

function checkCoverage(geo: Geo, unmatched: string[], outside: string[], g: SmallGeography): void {
  if (unmatched.length) throw new Error(`${g}: ${unmatched.length} small areas not in the lookup: ${unmatched.slice(0, 5).join(' ')}`);
  const expected = geo.outsideWards[g].join();
  // Only small areas present in the data can be outside; they must all be E01027305 (or its OAs).
  for (const code of outside) if (!geo.outsideWards[g].includes(code)) throw new Error(`${g}: ${code} unexpectedly outside the wards (${expected})`);
}

/** Council sums of small-area counts computed here (small areas nest exactly in the councils). */
export function ladSums(geo: Geo, rows: SmallAreaCounts[], g: SmallGeography, policy: MissingPolicy): RollupCell[] {
  const res = rollup(rows, geo.toLad[g], { targets: [...LADS], estimate: false, missing: policy });
  if (res.unmatched.length || res.outside.length) throw new Error(`${g}: small areas outside the two councils: ${[...res.unmatched, ...res.outside].slice(0, 5).join(' ')}`);
  return res.cells;
}

export function ladCellsFromOwnSums(geo: Geo, rows: SmallAreaCounts[], o: SmallAreaOptions, what: string): OutCell[] {
  const policy = o.missing ?? 'propagate';
  return ladSums(geo, rows, o.geography, policy).map((c) => {
    const incl = c.code === WEST && o.geography !== 'oa21' ? ` incl. ${CHERWELL_LSOA}` : c.code === WEST ? ` incl. the OAs of ${CHERWELL_LSOA}` : '';
    const miss = c.missingCodes.length ? `; ${c.missingCodes.length} with a blank numerator ${policy === 'exclude' ? 'left out of numerator and denominator' : 'make it incomplete'}` : '';
    return makeCell(c.code, 'lad', o.rule, c.numerator, c.denominator, false, `sum of small-area counts (${what}): ${c.areas} ${GEO_LABEL[o.geography]} in the council${incl}${miss}`);
  });
}

/**
 * Council and England cells from DERIVED_lad_england_sums_of_small_area_counts.csv: numerators of the
 * component indicators are summed; the denominator is the (shared) denominator of the components.
 * The council sums are checked against our own sums of the bundled small areas (they must agree exactly).
 */
export function derivedCells(
  derived: TidyFile,
  componentIds: readonly string[],
  rule: ValueRule,
  ownLad: RollupCell[] | null,
  geoLabel: string,
  /** Number of small areas in England of this geography, to say how many were summed when some are blank. */
  englandAreas: number | null = null,
): OutCell[] {
  const out: OutCell[] = [];
  for (const area of [ENGLAND, ...LADS]) {
    const rows = componentIds.map((id) => {
      const found = derived.indicator(id).filter((r) => r.areaCode === area);
      if (found.length !== 1) throw new Error(`DERIVED: expected one ${id} row for ${area}`);
      return found[0]!;
    });
    const numerator = rows.reduce((s, r) => s + (r.numerator ?? r.value ?? NaN), 0);
    if (!Number.isFinite(numerator)) throw new Error(`DERIVED: blank numerator for ${componentIds.join('+')} ${area}`);
    let denominator: number | null = null;
    if (rule.valueType !== 'count') {
      const dens = new Set(rows.map((r) => r.denominator));
      if (dens.size !== 1 || rows[0]!.denominator === null) throw new Error(`DERIVED: components of ${componentIds.join('+')} have different or blank denominators for ${area}`);
      denominator = rows[0]!.denominator;
    }
    const nAreas = rows.map((r) => r.nAreas);
    const n = Math.min(...nAreas.map((x) => x ?? 0));
    if (ownLad && area !== ENGLAND) {
      const own = ownLad.find((c) => c.code === area)!;
      const denOk = rule.valueType === 'count' || own.denominator === denominator;
      if (own.numerator !== numerator || !denOk) {
        throw new Error(`DERIVED ${componentIds.join('+')} ${area}: ${numerator}/${denominator} differs from our sum ${own.numerator}/${own.denominator}`);
      }
    }
    const own = ownLad?.find((c) => c.code === area);
    const full = area === ENGLAND ? englandAreas : own ? own.areas + own.missingCodes.length : null;
    const partial = full !== null && n < full ? ` of ${full} (${full - n} with a blank numerator left out of numerator and denominator)` : '';
    const note =
      area === ENGLAND
        ? `sum of small-area counts: ${n}${partial} ${geoLabel} in England (DERIVED file, not a published total)`
        : `sum of small-area counts: ${n}${partial} ${geoLabel} in the council${area === WEST ? ` incl. ${geoLabel === 'OA21' ? `the OAs of ${CHERWELL_LSOA}` : CHERWELL_LSOA}` : ''} (DERIVED file; equals our own sum)`;
    out.push(makeCell(area, area === ENGLAND ? 'england' : 'lad', rule, numerator, denominator, false, note));
  }
  return out;
}

/** Per-small-area counts: the sum of some component indicators' numerators, with a denominator. */
export function componentCounts(
  file: TidyFile,
  componentIds: readonly string[],
  denominator: { kind: 'row' } | { kind: 'none' } | { kind: 'indicator'; id: string },
): SmallAreaCounts[] {
  const first = file.indicator(componentIds[0]!);
  const others = componentIds.slice(1).map((id) => new Map(file.indicator(id).map((r) => [r.areaCode, r] as const)));
  const denMap = denominator.kind === 'indicator' ? new Map(file.indicator(denominator.id).map((r) => [r.areaCode, r] as const)) : null;
  return first.map((r0): SmallAreaCounts => {
    const rows: TidyRow[] = [r0];
    for (const m of others) {
      const r = m.get(r0.areaCode);
      if (!r) throw new Error(`${file.name}: ${r0.areaCode} lacks a component row`);
      rows.push(r);
    }
    const nums = rows.map((r) => r.numerator ?? r.value);
    const numerator = nums.some((x) => x === null) ? null : nums.reduce<number>((s, x) => s + (x as number), 0);
    let den: number | null = null;
    if (denominator.kind === 'row') {
      const dens = new Set(rows.map((r) => r.denominator));
      if (dens.size !== 1) throw new Error(`${file.name}: ${r0.areaCode} components have different denominators`);
      den = r0.denominator;
      if (den === null) throw new Error(`${file.name}: ${r0.areaCode} ${r0.indicatorId} has no denominator`);
    } else if (denominator.kind === 'indicator') {
      const d = denMap!.get(r0.areaCode);
      den = d ? (d.numerator ?? d.value) : null;
      if (den === null) throw new Error(`${file.name}: ${r0.areaCode} has no ${denominator.id}`);
    }
    return { code: r0.areaCode, numerator, denominator: den };
  });
}

// ---------------------------------------------------------------------------------------------
// Suppressed small counts: carried as a known range, never dropped (docs/methods.md, "Suppressed small counts")
// ---------------------------------------------------------------------------------------------

/**
 * Ward, council and England cells of a proportion whose small-area numerators are blanked below `threshold`
 * (IoD2019: numerators under 10). Every small area keeps its denominator; a blank numerator lies in 0..threshold-1,
 * so the sums give a lower end (blanks at 0, stored as `numerator`) and an upper end (blanks at threshold - 1,
 * stored as `numeratorUpper`). The stored value is the midpoint. England: the DERIVED England sum (which leaves
 * blank areas out) is the lower end; the denominator is England's full population denominator (`englandDenId`,
 * every area), and the upper end adds (areas in England - areas with a numerator) x (threshold - 1).
 */
export function suppressedRangeCells(
  geo: Geo,
  derived: TidyFile,
  rows: SmallAreaCounts[],
  o: { geography: SmallGeography; rule: ValueRule; threshold: number; numeratorId: string; englandDenId: string; what: string },
): OutCell[] {
  const top = o.threshold - 1;
  const lowerRows = rows.map((r) => ({ ...r, numerator: r.numerator ?? 0 }));
  const upperRows = rows.map((r) => ({ ...r, numerator: r.numerator ?? top }));
  const blanks = new Set(rows.filter((r) => r.numerator === null).map((r) => r.code));
  const rangeCell = (code: string, type: BundleAreaType, lo: number, hi: number, den: number | null, estimate: boolean, note: string): OutCell => {
    const n = round(lo, 3);
    const u = round(hi, 3);
    const d = round(den, 3);
    const mid = n !== null && u !== null ? (n + u) / 2 : null;
    const cell: OutCell = { areaCode: code, areaType: type, numerator: n, denominator: d, value: round(ratio(mid, d, o.rule.multiplier), 4), estimate, note };
    if (u !== null && n !== null && u > n) cell.numeratorUpper = u;
    return cell;
  };
  const suppressedWords = (k: number) =>
    k === 0
      ? ''
      : `; ${k} ${GEO_LABEL[o.geography]} with a suppressed count (fewer than ${o.threshold}) in the source: each kept in the denominator and counted as 0 to ${top}, so the value is the midpoint of a range`;

  const lo = rollup(lowerRows, geo.toWard[o.geography], { targets: geo.wardCodes, estimate: true, missing: 'propagate' });
  const hi = rollup(upperRows, geo.toWard[o.geography], { targets: geo.wardCodes, estimate: true, missing: 'propagate' });
  checkCoverage(geo, lo.unmatched, lo.outside, o.geography);
  const wards = lo.cells.map((c, i) => {
    const h = hi.cells[i]!;
    const k = [...blanks].filter((b) => geo.toWard[o.geography].get(b) === c.code).length;
    const note = `best-fit estimate: sum of ${c.areas} ${GEO_LABEL[o.geography]} (${GEO_PATH[o.geography]})${suppressedWords(k)}`;
    return rangeCell(c.code, 'ward', c.numerator!, h.numerator!, c.denominator, true, note);
  });

  const ladLo = ladSums(geo, lowerRows, o.geography, 'propagate');
  const ladHi = ladSums(geo, upperRows, o.geography, 'propagate');
  const lads = ladLo.map((c, i) => {
    const h = ladHi[i]!;
    const k = [...blanks].filter((b) => geo.toLad[o.geography].get(b) === c.code).length;
    // Our own council sum of every denominator must equal the council's full population denominator.
    const full = derived.only(o.englandDenId, c.code).numerator ?? derived.only(o.englandDenId, c.code).value;
    if (full !== c.denominator) throw new Error(`${o.numeratorId} ${c.code}: sum of denominators ${c.denominator} differs from ${o.englandDenId} ${full}`);
    const incl = c.code === WEST ? ` incl. ${CHERWELL_LSOA}` : '';
    const note = `sum of small-area counts (${o.what}): ${c.areas} ${GEO_LABEL[o.geography]} in the council${incl}${suppressedWords(k)}`;
    return rangeCell(c.code, 'lad', c.numerator!, h.numerator!, c.denominator, false, note);
  });

  const eng = derived.only(o.numeratorId, ENGLAND);
  const engDen = derived.only(o.englandDenId, ENGLAND);
  const engLo = eng.numerator ?? eng.value;
  const engDenominator = engDen.numerator ?? engDen.value;
  if (engLo === null || engDenominator === null || eng.nAreas === null || engDen.nAreas === null) throw new Error(`DERIVED: incomplete England rows for ${o.numeratorId}`);
  const k = engDen.nAreas - eng.nAreas;
  const england = rangeCell(
    ENGLAND,
    'england',
    engLo,
    engLo + k * top,
    engDenominator,
    false,
    `sum of small-area counts over all ${engDen.nAreas} ${GEO_LABEL[o.geography]} in England (not a published total)${suppressedWords(k)}`,
  );
  return [england, ...lads, ...wards];
}
