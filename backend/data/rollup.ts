/**
 * Ward and council values built from small-area rows (LSOA, OA, MSOA) through the bundled best-fit lookups
 * (shared/rollup.ts), population-weighted scores and deciles, and the parent rows of age bands. The values go to
 * Analysis.built; the plan notes say how each indicator's ward values were made. Nothing here writes to the database.
 */
import type { SmallAreaType } from '../../shared/contract/data.ts';
import type { ValueType } from '../../shared/indicators-meta.ts';
import { rollupShares, type LookupShare, type RollupCell, type SmallAreaCounts } from '../../shared/rollup.ts';
import type { Db } from '../db.ts';
import { plural, rowList } from '../io/numbers.ts';
import { finite, LADS, orNull, storedValue, WEST, type Analysis, type Built, type IndMeta, type SrcIndicator } from './analysis.ts';
import { shortName } from './checks.ts';
import { F_BAD } from './columns.ts';
import { loadLookups, type LookupPart } from './store.ts';

const CHERWELL_LSOA = 'E01027305';
const GEO_LABEL: Record<SmallAreaType, string> = { lsoa21: 'LSOA 2021', lsoa11: 'LSOA 2011', oa21: 'output area 2021', msoa11: 'MSOA 2011' };
const ADDITIVE: ReadonlySet<ValueType> = new Set(['count', 'proportion', 'crude-rate', 'isr']);

interface Series {
  ind: number;
  period: number;
  sexAge: number;
  rows: number[];
}

interface Universe {
  ward: Map<string, Set<string>>;
  lad: Map<string, Set<string>>;
}

interface BuildCtx {
  s: Series;
  geo: SmallAreaType;
  lookup: Map<string, LookupPart[]>;
  universe: Universe;
  wards: string[];
  period: string;
  sex: string;
  age: string;
  wantWards: boolean;
  wantLads: boolean;
  incomplete: { n: number; example: string };
}
/** Ward (and council) values from small-area rows, through the lookups. */
export function build(a: Analysis, db: Db): void {
  const lookups = loadLookups(db);
  const wards = (db.prepare("SELECT code FROM area WHERE type = 'ward' ORDER BY code").all() as { code: string }[]).map((r) => r.code);
  const universes = universesOf(lookups);
  const { small, givenWard, givenLad, bandGroups } = groupSeries(a);
  buildBandParents(a, bandGroups);
  const smallOnly = new Map<string, string>();
  const incomplete = { n: 0, example: '' };
  const weightsCache: WeightsCache = new Map();
  const nP = a.periods.size;
  const nS = a.sexAges.size;
  for (const s of small.values()) {
    const key = (s.ind * nP + s.period) * nS + s.sexAge;
    const why = rollupSeries(a, db, s, { lookups, universes, wards, wantWards: !givenWard.has(key), wantLads: !givenLad.has(key), incomplete, weightsCache });
    if (why !== null) smallOnly.set(a.indList[s.ind]!.meta!.id, why);
  }
  warnIncomplete(a, incomplete);
  reportSmallOnly(a, smallOnly);
}

type Weights = { map: Map<string, number>; label: string };
type WeightsCache = Map<string, Weights | null>;

/** Which small areas make up each ward and each council, per geography (from the lookups). */
function universesOf(lookups: Map<SmallAreaType, Map<string, LookupPart[]>>): Map<SmallAreaType, Universe> {
  const universes = new Map<SmallAreaType, Universe>();
  for (const [g, m] of lookups) {
    const u: Universe = { ward: new Map(), lad: new Map() };
    for (const [code, parts] of m) {
      for (const p of parts) {
        if (p.weight <= 0) continue;
        let s = u.ward.get(p.ward);
        if (!s) u.ward.set(p.ward, (s = new Set()));
        s.add(code);
      }
      const lad = parts[0]!.lad;
      let s = u.lad.get(lad);
      if (!s) u.lad.set(lad, (s = new Set()));
      s.add(code);
    }
    universes.set(g, u);
  }
  return universes;
}

/** Groups rows by series; notes which series the file already gives ward / council values for. */
function groupSeries(a: Analysis): { small: Map<number, Series>; givenWard: Set<number>; givenLad: Set<number>; bandGroups: Map<string, { rows: number[]; parent: boolean }> } {
  const c = a.cols;
  const small = new Map<number, Series>();
  const givenWard = new Set<number>();
  const givenLad = new Set<number>();
  const bandGroups = new Map<string, { rows: number[]; parent: boolean }>();
  const nP = a.periods.size;
  const nS = a.sexAges.size;
  const seriesKey = (i: number) => (c.ind[i]! * nP + c.period[i]!) * nS + c.sexAge[i]!;
  for (let i = 0; i < c.n; i++) {
    if (c.flags[i]! & F_BAD || c.band[i]! < 0) continue;
    const bk = `${seriesKey(i)}|${c.area[i]}`;
    let g = bandGroups.get(bk);
    if (!g) bandGroups.set(bk, (g = { rows: [], parent: false }));
    g.rows.push(i);
  }
  for (let i = 0; i < c.n; i++) {
    if (c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
    const area = a.areaList[c.area[i]!]!;
    const type = area.known?.type;
    const key = seriesKey(i);
    if (bandGroups.size > 0) {
      const g = bandGroups.get(`${key}|${area.idx}`);
      if (g) g.parent = true;
    }
    if (type === 'ward') givenWard.add(key);
    else if (type === 'lad') givenLad.add(key);
    else if (type === 'lsoa21' || type === 'lsoa11' || type === 'oa21' || type === 'msoa11') {
      let s = small.get(key);
      if (!s) small.set(key, (s = { ind: c.ind[i]!, period: c.period[i]!, sexAge: c.sexAge[i]!, rows: [] }));
      s.rows.push(i);
    }
  }
  return { small, givenWard, givenLad, bandGroups };
}

/** Rows of age bands: a parent value row is made when the file has none. */
function buildBandParents(a: Analysis, bandGroups: Map<string, { rows: number[]; parent: boolean }>): void {
  const c = a.cols;
  for (const g of bandGroups.values()) {
    if (g.parent || g.rows.length === 0) continue;
    const i0 = g.rows[0]!;
    const area = a.areaList[c.area[i0]!]!;
    if (area.known?.type !== 'ward' && area.known?.type !== 'lad') {
      a.issues.group(`band-small:${c.ind[i0]}`, 'warning', c.row[i0]!, null, (rows, n) =>
        `age-band rows of indicator '${a.indList[c.ind[i0]!]!.sourceId}' for small areas are stored for those areas only: age bands are not yet combined into wards (${rowList(rows, n)})`,
      );
      continue;
    }
    let num = 0;
    let den = 0;
    for (const i of g.rows) {
      num += c.num[i]!;
      den += c.den[i]!;
    }
    const [sex, age] = a.sexAges.list[c.sexAge[i0]!]!.split('\u0000') as [string, string];
    a.built.push({
      ind: a.indList[c.ind[i0]!]!.meta!,
      area: area.code,
      areaType: area.known.type,
      period: a.periods.list[c.period[i0]!]!,
      sex,
      age,
      num: finite(num) ? num : NaN,
      den: finite(den) ? den : NaN,
      val: NaN,
      estimate: false,
      note: `totals of ${g.rows.length} age bands`,
    });
  }
}

interface SeriesInputs {
  lookups: Map<SmallAreaType, Map<string, LookupPart[]>>;
  universes: Map<SmallAreaType, Universe>;
  wards: string[];
  wantWards: boolean;
  wantLads: boolean;
  incomplete: { n: number; example: string };
  weightsCache: WeightsCache;
}

/**
 * Builds the ward and council values of one small-area series by its value type. Returns why the indicator is
 * stored for small areas only (null when its values were combined, or the series was refused).
 */
function rollupSeries(a: Analysis, db: Db, s: Series, inputs: SeriesInputs): string | null {
  const c = a.cols;
  const meta = a.indList[s.ind]!.meta!;
  const geo = seriesGeography(a, s);
  if (!geo) return null;
  s.rows = s.rows.filter((i) => !(c.flags[i]! & F_BAD)); // rows refused by the geography check are not summed
  const lookup = inputs.lookups.get(geo);
  const universe = inputs.universes.get(geo);
  if (!lookup || !universe) return `no ${GEO_LABEL[geo]} lookup is loaded`;
  const period = a.periods.list[s.period]!;
  const [sex, age] = a.sexAges.list[s.sexAge]!.split('\u0000') as [string, string];
  const t = meta.valueType;
  const ctx: BuildCtx = { s, geo, lookup, universe, wards: inputs.wards, period, sex, age, wantWards: inputs.wantWards, wantLads: inputs.wantLads, incomplete: inputs.incomplete };
  if (ADDITIVE.has(t)) {
    const rows: SmallAreaCounts[] = [];
    let noCounts = 0;
    let noDen = 0;
    for (const i of s.rows) {
      const num = finite(c.num[i]!) ? c.num[i]! : t === 'count' && finite(c.val[i]!) ? c.val[i]! : NaN;
      if (!finite(num) && finite(c.val[i]!)) noCounts++;
      if (t !== 'count' && finite(num) && !finite(c.den[i]!)) noDen++;
      rows.push({ code: a.areaList[c.area[i]!]!.code, numerator: orNull(num), denominator: orNull(c.den[i]!) });
    }
    if (noCounts > 0) return 'the file gives values without counts, and percentages or rates cannot be added up';
    if (noDen > 0) return 'some rows have a numerator but no denominator';
    rollupInto(a, ctx, meta, rows, 'sum');
    return null;
  }
  if (t === 'mean-score' || (t === 'rank' && meta.decile)) {
    if (t === 'rank' && !meta.mostDeprivedFirst) return 'it is a decile whose direction is not stated (expected "1 = most deprived"), so no "% in the most deprived 10%" can be made';
    const weights = weightsFor(a, db, s, geo, inputs.weightsCache);
    if (!weights) {
      return `${t === 'rank' ? 'deciles' : 'scores'} need population weights to be combined, and none were found (add a population indicator for the same areas to the file, or name one as "weightIndicator" in a mapping)`;
    }
    if (t === 'mean-score') {
      const rows = s.rows.map((i) => {
        const code = a.areaList[c.area[i]!]!.code;
        const w = weights.map.get(code);
        const v = c.val[i]!;
        return { code, numerator: finite(v) && w !== undefined ? v * w : null, denominator: w ?? null };
      });
      rollupInto(a, ctx, meta, rows, 'mean', `population-weighted mean of the ${GEO_LABEL[geo]} scores (weights: ${weights.label})`);
      return null;
    }
    for (const cut of [1, 2] as const) {
      const d = derivedIndicator(a, meta, cut, weights.label);
      const rows = s.rows.map((i) => {
        const code = a.areaList[c.area[i]!]!.code;
        const w = weights.map.get(code);
        const v = c.val[i]!;
        return { code, numerator: finite(v) && w !== undefined ? (v <= cut ? w : 0) : null, denominator: w ?? null };
      });
      rollupInto(a, ctx, d, rows, 'sum', `population in ${GEO_LABEL[geo]}s of decile ${cut === 1 ? '1' : '1 or 2'} ÷ all population (weights: ${weights.label})`);
    }
    a.wardPlan.set(meta.id, 'none');
    return 'deciles cannot be combined; the population living in the most deprived 10% and 20% was worked out instead';
  }
  if (t === 'rank') return 'ranks cannot be added up or averaged';
  if (t === 'dsr' || t === 'life-expectancy') return 'standardised rates and life expectancy need age-band counts to be combined';
  return 'its value type is not known (give one in a mapping), so it cannot be combined';
}

function warnIncomplete(a: Analysis, incomplete: { n: number; example: string }): void {
  if (incomplete.n === 0) return;
  a.issues.warning(
    null,
    null,
    `${plural(incomplete.n, 'ward or council value')} ${incomplete.n === 1 ? 'is' : 'are'} stored as missing because one of ${incomplete.n === 1 ? 'its' : 'their'} small areas is missing or suppressed (e.g. ${incomplete.example})`,
    incomplete.n,
  );
}

/** One line per reason for the indicators stored for small areas only; each one's plan says why. */
function reportSmallOnly(a: Analysis, smallOnly: Map<string, string>): void {
  const reasons = new Map<string, string[]>();
  for (const [id, why] of smallOnly) {
    if (a.wardPlan.get(id) === undefined) a.wardPlan.set(id, 'none');
    const list = reasons.get(why) ?? [];
    list.push(id);
    reasons.set(why, list);
    a.addPlanNote(id, `stored for small areas only: ${why}`);
  }
  for (const [why, ids] of reasons) {
    const derived = why.startsWith('deciles cannot be combined');
    const shown = ids.slice(0, 6).map((x) => `'${x}'`).join(', ') + (ids.length > 6 ? ` and ${ids.length - 6} more` : '');
    const msg = `${plural(ids.length, 'indicator')} ${ids.length === 1 ? 'is' : 'are'} stored for small areas only, not for wards (${shown}): ${why}`;
    if (derived) a.issues.info(msg, ids.length);
    else a.issues.warning(null, null, msg, ids.length);
  }
}

/** Which small-area geography a series is on (LSOA 2011 and 2021 share the codes of unchanged LSOAs). */
function seriesGeography(a: Analysis, s: Series): SmallAreaType | null {
  const c = a.cols;
  const hinted = new Set<SmallAreaType>();
  for (const i of s.rows) {
    const h = c.hint[i]!;
    if (h < 0) continue;
    const g = hintGeography(a.hints.list[h]!);
    if (g) hinted.add(g);
  }
  const ind = a.indList[s.ind]!;
  if (hinted.size > 1) {
    a.issues.error(c.row[s.rows[0]!]!, null, `indicator '${ind.sourceId}' mixes ${[...hinted].map((g) => GEO_LABEL[g]).join(' and ')} rows in one period; import them as separate indicators`);
    return null;
  }
  let candidates: SmallAreaType[] | null = hinted.size === 1 ? [...hinted] : null;
  for (const i of s.rows) {
    const area = a.areaList[c.area[i]!]!;
    const geos = area.known?.geographies ?? [];
    if (candidates === null) candidates = [...geos];
    else {
      const next = candidates.filter((g) => geos.includes(g));
      if (next.length === 0) {
        const want = candidates.map((g) => GEO_LABEL[g]).join(' or ');
        a.rowErrorGroup(
          `geo:${ind.sourceId}:${want}`,
          c.row[i]!,
          null,
          (rows, n) => `indicator '${ind.sourceId}' has ${area.code}, which is not a ${want} code like the other rows; a file must not mix area types for one indicator (${rowList(rows, n)})`,
          `${area.code} is not a ${want} code like the other rows of indicator '${ind.sourceId}'`,
        );
        c.flags[i]! |= F_BAD;
        continue;
      }
      candidates = next;
    }
  }
  if (!candidates || candidates.length === 0) return null;
  return candidates.includes('lsoa21') ? 'lsoa21' : candidates[0]!;
}


/** Population weights for scores and deciles: a population indicator in the file, or one stored for the same areas. */
function weightsFor(a: Analysis, db: Db, s: Series, geo: SmallAreaType, cache: WeightsCache): Weights | null {
  const period = a.periods.list[s.period]!;
  const ck = `${geo}|${period}`;
  if (cache.has(ck)) return cache.get(ck)!;
  const c = a.cols;
  const named = a.mapping?.weightIndicator;
  let found: { map: Map<string, number>; label: string } | null = null;
  const fromFile = (ind: SrcIndicator) => {
    const byPeriod = new Map<number, Map<string, number>>();
    for (let i = 0; i < c.n; i++) {
      if (c.ind[i] !== ind.idx || c.flags[i]! & F_BAD || c.band[i]! >= 0) continue;
      const w = finite(c.num[i]!) ? c.num[i]! : c.val[i]!;
      if (!finite(w)) continue;
      let m = byPeriod.get(c.period[i]!);
      if (!m) byPeriod.set(c.period[i]!, (m = new Map()));
      m.set(a.areaList[c.area[i]!]!.code, w);
    }
    if (byPeriod.size === 0) return null;
    const m = byPeriod.get(s.period) ?? (byPeriod.size === 1 ? [...byPeriod.values()][0]! : null);
    return m;
  };
  const candidates = named
    ? a.indList.filter((x) => x.sourceId === named || x.meta?.id === named)
    : a.indList.filter((x) => /total[ _]?population|population[ _]?total|all usual residents|usual residents.{0,20}total|total.{0,20}usual residents|all[ _]ages/i.test(`${x.sourceId} ${x.name}`) && x.meta?.valueType !== 'rank' && x.meta?.valueType !== 'mean-score');
  for (const cand of candidates) {
    const m = fromFile(cand);
    if (m && m.size > 0) {
      found = { map: m, label: `'${cand.sourceId}' in this file` };
      break;
    }
  }
  if (!found && named) {
    const rows = db
      .prepare(
        `SELECT v.area_code AS code, COALESCE(v.numerator, v.value) AS w, v.period FROM value v JOIN area_lookup l ON l.small_code = v.area_code AND l.geography = ?
         WHERE v.indicator_id = ? AND v.sex = 'Persons' AND v.age = 'All ages' ORDER BY v.period`,
      )
      .all(geo, named) as { code: string; w: number | null; period: string }[];
    const periods = [...new Set(rows.map((r) => r.period))];
    const use = periods.includes(period) ? period : periods[periods.length - 1];
    const m = new Map<string, number>();
    for (const r of rows) if (r.period === use && r.w !== null) m.set(r.code, r.w);
    if (m.size > 0) found = { map: m, label: `stored indicator '${named}' (${use})` };
    else a.issues.error(null, null, `the mapping names '${named}' as the population weights, and neither this file nor the store has it for ${GEO_LABEL[geo]} areas`);
  }
  if (found && !a.weightsAnnounced.has(found.label)) {
    a.weightsAnnounced.add(found.label);
    a.issues.info(`population weights for scores and deciles: ${found.label}`);
  }
  cache.set(ck, found);
  return found;
}

function derivedIndicator(a: Analysis, base: IndMeta, cut: 1 | 2, weightLabel: string): IndMeta {
  const pct = cut === 1 ? 10 : 20;
  const id = `${base.id}_pop_most_deprived_${pct}pct`.slice(0, 200);
  let d = a.derived.find((x) => x.id === id);
  if (d) return d;
  const name = `${base.name.replace(/\s*\(.*\)\s*$/, '')}: population living in the most deprived ${pct}% of areas nationally (%)`;
  d = {
    ...base,
    id,
    sourceId: base.sourceId,
    isNew: true,
    name,
    shortName: shortName(`Most deprived ${pct}%: ${base.shortName}`),
    definition: `Percentage of the population living in small areas in ${cut === 1 ? 'decile 1' : 'deciles 1 and 2'} (the most deprived ${pct}% nationally) of ${base.name}. Weights: ${weightLabel}.`,
    valueType: 'proportion',
    multiplier: 100,
    unit: '% of population',
    polarity: 'low-is-good',
    missingIsZero: false,
    wardLevel: true,
    catalogueId: null,
    methodNote: `Ward value = population of its best-fit small areas in ${cut === 1 ? 'decile 1' : 'deciles 1-2'} ÷ population of all its small areas × 100 (an estimate). Weights: ${weightLabel}.`,
    update: false,
    polarityGiven: true,
    how: `derived from the deciles of '${base.id}'`,
    decile: false,
    mostDeprivedFirst: false,
  };
  a.derived.push(d);
  return d;
}

function rollupInto(a: Analysis, ctx: BuildCtx, meta: IndMeta, rows: SmallAreaCounts[], kind: 'sum' | 'mean', method?: string): void {
  const { geo, lookup, universe, wards } = ctx;
  // Suppressed small counts (mapping `suppressedBelow`): an area with a denominator but no count lies in 0..below-1.
  // Lower sums (each at 0) go to the numerator, upper sums (each at below - 1) to numerator_upper; value = midpoint.
  const below = kind === 'sum' && !meta.missingIsZero && meta.valueType !== 'count' && !a.derived.includes(meta) ? a.mapping?.suppressedBelow : undefined;
  const ranged = new Set(below !== undefined ? rows.filter((r) => r.numerator === null && r.denominator !== null).map((r) => r.code) : []);
  const upperRows = below !== undefined && ranged.size > 0 ? rows.map((r) => (ranged.has(r.code) ? { ...r, numerator: below - 1 } : r)) : null;
  if (upperRows) rows = rows.map((r) => (ranged.has(r.code) ? { ...r, numerator: 0 } : r));
  const present = new Set(rows.map((r) => r.code));
  const nullCodes = new Set(rows.filter((r) => r.numerator === null).map((r) => r.code));
  const policy = meta.missingIsZero ? 'zero' : 'propagate';
  const weightOf = (p: LookupPart) => (geo !== 'msoa11' ? p.weight : a.mapping?.msoaWeight === '0-15' ? (p.weight015 ?? p.weight) : a.mapping?.msoaWeight === '16-64' ? (p.weight1664 ?? p.weight) : p.weight);
  const shares = new Map<string, LookupShare[]>();
  const ladShares = new Map<string, LookupShare[]>();
  for (const [code, parts] of lookup) {
    shares.set(
      code,
      parts.map((p) => ({ target: p.ward, weight: weightOf(p) })),
    );
    ladShares.set(code, [{ target: parts[0]!.lad, weight: 1 }]);
  }
  const unmatched = rows.filter((r) => !lookup.has(r.code));
  for (const u of unmatched) {
    a.issues.group(`nolookup:${u.code}`, 'error', null, null, () => `area code ${u.code} is not in the ${GEO_LABEL[geo]} lookup, so it cannot be placed in a ward`);
  }
  const apportioned = geo === 'msoa11';
  const label = GEO_LABEL[geo];
  const emit = (cell: RollupCell, areaType: 'ward' | 'lad', expected: Set<string> | undefined, upper?: RollupCell) => {
    const missing = expected ? [...expected].filter((x) => !present.has(x) || nullCodes.has(x)).sort() : cell.missingCodes;
    if (expected ? missing.length === expected.size && ![...expected].some((x) => present.has(x)) : cell.areas === 0) return; // the file does not cover this area at all
    const isIncomplete = !meta.missingIsZero && missing.length > 0;
    const what = apportioned && areaType === 'ward' ? `shares of ${cell.areas} ${label}s (by mid-2020 population${a.mapping?.msoaWeight && a.mapping.msoaWeight !== 'all-ages' ? ` aged ${a.mapping.msoaWeight}` : ''})` : `sum of ${cell.areas} ${label}${cell.areas === 1 ? '' : 's'}`;
    const incl = areaType === 'lad' && cell.code === WEST && expected?.has(CHERWELL_LSOA) ? ` incl. ${CHERWELL_LSOA}` : '';
    let note: string;
    let num = NaN;
    let den = NaN;
    let val = NaN;
    let numUpper = NaN;
    if (isIncomplete) {
      note = `incomplete: ${missing.length} of ${expected?.size ?? cell.areas} ${label}s missing or suppressed (${missing.slice(0, 6).join(' ')}${missing.length > 6 ? ' …' : ''})`;
      ctx.incomplete.n++;
      ctx.incomplete.example ||= `'${meta.id}', ${cell.code}, ${ctx.period}: ${missing.slice(0, 3).join(' ')}`;
    } else {
      num = cell.numerator ?? NaN;
      den = cell.denominator ?? NaN;
      const hi = upper?.numerator ?? NaN;
      if (kind === 'mean') val = finite(num) && finite(den) && den > 0 ? num / den : NaN;
      else val = storedValue(meta, finite(hi) && hi > num ? (num + hi) / 2 : num, den, NaN);
      if (finite(hi) && hi > num) numUpper = hi;
      const k = expected ? [...expected].filter((x) => ranged.has(x)).length : 0;
      const rangeNote =
        below !== undefined && k > 0
          ? `; ${k} ${label}${k === 1 ? '' : 's'} with a suppressed count (fewer than ${below}) in the source: each kept in the denominator and counted as 0 to ${below - 1}, so the value is the midpoint of a range`
          : '';
      const zeroNote = meta.missingIsZero && missing.length ? `; ${missing.length} missing ${label}s counted as zero (this indicator's missing values are zeros)` : '';
      note = `${areaType === 'ward' ? (apportioned ? 'apportioned estimate' : 'best-fit estimate') : 'council total'}: ${method ? `${method}; ` : ''}${what}${incl}${zeroNote}${rangeNote}`;
    }
    const b: Built = { ind: meta, area: cell.code, areaType, period: ctx.period, sex: ctx.sex, age: ctx.age, num, den, val, estimate: areaType === 'ward', note };
    if (finite(numUpper)) b.numUpper = numUpper;
    a.built.push(b);
  };
  if (ctx.wantWards) {
    const res = rollupShares(rows, shares, { targets: wards, estimate: true, missing: policy });
    const hi = upperRows ? rollupShares(upperRows, shares, { targets: wards, estimate: true, missing: policy }).cells : null;
    res.cells.forEach((cell, j) => emit(cell, 'ward', universe.ward.get(cell.code), hi?.[j]));
    a.wardPlan.set(meta.id, apportioned ? 'apportioned' : a.derived.includes(meta) ? 'derived' : 'summed');
    a.addPlanNote(meta.id, `ward values ${apportioned ? 'apportioned from' : 'summed from'} ${label}s through the bundled ${apportioned ? 'MSOA population shares' : 'ONS best-fit lookup'} (estimates)${method ? `; ${method}` : ''}`);
  } else {
    a.addPlanNote(meta.id, `ward values given in the file were kept; the ${label} rows are stored for those areas`);
  }
  if (ctx.wantLads) {
    const res = rollupShares(rows, ladShares, { targets: LADS, estimate: false, missing: policy });
    const hi = upperRows ? rollupShares(upperRows, ladShares, { targets: LADS, estimate: false, missing: policy }).cells : null;
    res.cells.forEach((cell, j) => emit(cell, 'lad', universe.lad.get(cell.code), hi?.[j]));
  }
}

function hintGeography(h: string): SmallAreaType | null {
  const t = h.replace(/[\s_-]+/g, '');
  if (/^lsoa(20)?11$/.test(t)) return 'lsoa11';
  if (/^lsoa(20)?21$/.test(t)) return 'lsoa21';
  if (/^oa(20)?21$/.test(t)) return 'oa21';
  if (/^msoa(20)?11$/.test(t)) return 'msoa11';
  return null;
}
