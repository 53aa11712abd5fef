/**
 * Every number of a profile goes through the statistics engine (shared/stats): a ward's own value, a group of
 * wards (sum numerators and denominators, band by band for DSR and life expectancy, then compute once), and
 * comparisons with benchmarks. Nothing here averages rates.
 *
 * A row is turned into engine inputs by its indicator's value type (see shared/stats/aggregate.ts):
 *   count            numerator (or the value, which for a count is the count)
 *   proportion, crude-rate, isr   numerator and denominator (ISR: observed and expected)
 *   mean-score       value = numerator / denominator x multiplier (sum(score x weight) / sum(weight)), weight = denominator
 *   dsr, life-expectancy          the age bands (count, population)
 *   rank, other      the value
 * A row with a value but without these inputs (e.g. a published council percentage) is shown as published,
 * with its published intervals if it has them; it cannot be combined with other wards.
 */
import {
  StatsInputError,
  aggregate,
  compare,
  crudeRate,
  isRatio,
  proportion,
  type Comparison,
  type Estimate,
  type GroupEstimate,
  type Interval,
  type MemberInput,
  type Polarity,
  type ValueType,
} from '../../shared/stats/index.ts';
import { listJoin } from '../../shared/laps.ts';
import type { SpreadStats } from '../../shared/profile.ts';
import type { IndicatorMeta, ProfileData, ValueRecord, WardCounts } from './data.ts';

export interface Named {
  code: string;
  name: string;
}

export const COUNCIL_ONLY_NOTE = 'Not available for wards or LAPs: council-level only';

/** The columns of a row that its engine inputs come from. */
type InputColumns = Pick<ValueRecord, 'numerator' | 'denominator' | 'value' | 'estimate' | 'bands'>;

/** The engine inputs of one row (undefined row: a member with no value). */
export function memberInput(meta: IndicatorMeta, row: InputColumns | undefined, who: Named): MemberInput {
  const m: MemberInput = { code: who.code, name: who.name, estimate: row?.estimate === true };
  if (!row) return m;
  switch (meta.valueType) {
    case 'count':
      m.numerator = row.numerator ?? row.value;
      break;
    case 'proportion':
    case 'crude-rate':
    case 'isr':
      m.numerator = row.numerator;
      m.denominator = row.denominator;
      break;
    case 'mean-score':
      m.weight = row.denominator;
      // The weighted mean of (score x multiplier) is the display value: sum(score x weight) / sum(weight) x multiplier.
      m.value =
        row.numerator !== null && row.denominator !== null && row.denominator > 0 ? (row.numerator / row.denominator) * meta.multiplier : row.value;
      break;
    case 'dsr':
    case 'life-expectancy': {
      const bands = row.bands;
      const usable = bands !== null && bands.every((b) => b.population !== null && (b.count !== null || meta.missingIsZero));
      // Missing counts pass through as missing; the engine counts them as 0 only for missingIsZero indicators.
      m.bands = usable ? (bands as { count: number; population: number }[]) : null;
      break;
    }
    case 'rank':
    case 'other':
      m.value = row.value;
      break;
  }
  return m;
}

const present = (x: unknown): boolean => x !== null && x !== undefined;

/** True when the engine has everything it needs from this member (so it is not 'missing'). */
export function hasInputs(meta: IndicatorMeta, m: MemberInput): boolean {
  switch (meta.valueType) {
    case 'count':
      return present(m.numerator) || meta.missingIsZero;
    case 'proportion':
    case 'crude-rate':
    case 'isr':
      return (present(m.numerator) || meta.missingIsZero) && present(m.denominator);
    case 'mean-score':
      return present(m.value) && present(m.weight);
    case 'dsr':
    case 'life-expectancy':
      return present(m.bands);
    case 'rank':
    case 'other':
      return present(m.value);
  }
}

/** The row's engine inputs, built once per row (rows belong to one area and indicator). */
function cachedInput(meta: IndicatorMeta, row: ValueRecord, who: Named): MemberInput {
  if (!row.input) {
    row.input = memberInput(meta, row, who);
    row.complete = hasInputs(meta, row.input);
  }
  return row.input;
}

function nullEstimate(meta: IndicatorMeta, note: string, wards: number, of: number, estimate = false): GroupEstimate {
  return { value: null, ci95: null, ci998: null, method: methodName(meta), note, numerator: null, denominator: null, coverage: { wards, of }, missing: [], estimate };
}

const METHOD_NAMES = new Map<string, string>();

/** The engine's method name for a value type (what it says when there is no value). */
function methodName(meta: IndicatorMeta): string {
  let name = METHOD_NAMES.get(meta.valueType);
  if (name === undefined) METHOD_NAMES.set(meta.valueType, (name = aggregate(meta.spec, []).method));
  return name;
}

/** A row shown as its source gives it (no inputs to recompute it from). */
function published(row: ValueRecord, note?: string): GroupEstimate {
  return {
    value: row.value,
    ci95: row.ci95,
    ci998: row.ci998,
    method: 'As published',
    ...(note ? { note } : {}),
    numerator: row.numerator,
    denominator: row.denominator,
    coverage: { wards: 1, of: 1 },
    missing: [],
    estimate: row.estimate,
  };
}

/**
 * One member with valid counts: the engine's group of one is exactly the engine's statistic of that member's counts
 * (the sums are the counts themselves), so call the statistic directly, without the group bookkeeping. This is what
 * keeps a 7,000-ward map fast. Anything unusual (zero or missing denominators, other value types) goes through
 * aggregate(), which gives the same result; tests/profile/compute.test.ts checks that the two agree.
 */
export function oneMember(meta: IndicatorMeta, m: MemberInput): GroupEstimate | null {
  return oneMemberOf(meta, m.numerator, m.denominator, m.estimate === true);
}

/**
 * The coverage and missing list of every one-ward estimate, shared (a 7,000-ward map keeps 14,000 fewer objects).
 * Frozen: nothing changes an estimate in place (copies are made with spread), and this makes sure of it.
 */
const ONE_OF_ONE: GroupEstimate['coverage'] = Object.freeze({ wards: 1, of: 1 });
const NONE_MISSING = Object.freeze([]) as readonly string[] as string[];

/** oneMember of a member's numerator, denominator and estimate flag (no input object needed). */
function oneMemberOf(meta: IndicatorMeta, x: number | null | undefined, n: number | null | undefined, estimate: boolean): GroupEstimate | null {
  if (typeof x !== 'number' || typeof n !== 'number' || !(x >= 0) || !(n > 0) || !Number.isFinite(x) || !Number.isFinite(n)) return null;
  let est: Estimate;
  switch (meta.valueType) {
    case 'proportion':
      if (x > n) return null;
      est = proportion(x, n, meta.multiplier);
      break;
    case 'crude-rate':
      est = crudeRate(x, n, meta.multiplier);
      break;
    case 'isr':
      est = isRatio(x, n, meta.multiplier);
      break;
    default:
      return null;
  }
  const out: GroupEstimate = {
    value: est.value,
    ci95: est.ci95,
    ci998: est.ci998,
    method: est.method,
    numerator: x,
    denominator: n,
    coverage: ONE_OF_ONE,
    missing: NONE_MISSING,
    estimate,
  };
  if (est.note !== undefined) out.note = est.note;
  return out;
}

/** The row with its numerator at the upper end of a suppressed range (a fresh record: the input cache is per end). */
function upperRow(row: ValueRecord): ValueRecord {
  const { input: _input, complete: _complete, ...rest } = row;
  return { ...rest, numerator: row.numeratorUpper ?? row.numerator };
}

/** The midpoint estimate of a suppressed range, with both ends kept for the comparison. */
function ranged(lo: GroupEstimate, hi: GroupEstimate): GroupEstimate {
  if (lo.value === null || hi.value === null) return lo;
  const span = (a: Interval | null, b: Interval | null): Interval | null => (a && b ? { lower: Math.min(a.lower, b.lower), upper: Math.max(a.upper, b.upper) } : null);
  const note = 'range: some small counts are suppressed in the source; the value is the midpoint';
  return {
    ...lo,
    value: (lo.value + hi.value) / 2,
    ci95: span(lo.ci95, hi.ci95),
    ci998: span(lo.ci998, hi.ci998),
    note: lo.note ? `${lo.note}; ${note}` : note,
    range: {
      lower: { value: lo.value, ci95: lo.ci95, ci998: lo.ci998, method: lo.method, numerator: lo.numerator },
      upper: { value: hi.value, ci95: hi.ci95, ci998: hi.ci998, method: hi.method, numerator: hi.numerator },
    },
  };
}

/** One area's own estimate from its own row (a ward, a council, England); a suppressed range gives the midpoint. */
export function rowEstimate(meta: IndicatorMeta, row: ValueRecord | undefined, who: Named): GroupEstimate {
  if (row && row.numeratorUpper !== undefined && row.numeratorUpper !== row.numerator) {
    return ranged(rowEstimateOnce(meta, row, who), rowEstimateOnce(meta, upperRow(row), who));
  }
  return rowEstimateOnce(meta, row, who);
}

function rowEstimateOnce(meta: IndicatorMeta, row: ValueRecord | undefined, who: Named): GroupEstimate {
  if (!row) return nullEstimate(meta, `no value for ${who.name}`, 0, 1);
  const m = cachedInput(meta, row, who);
  if (row.complete) {
    const fast = oneMember(meta, m);
    if (fast) return fast;
    try {
      return aggregate(meta.spec, [m]);
    } catch (err) {
      if (!(err instanceof StatsInputError)) throw err;
      if (row.value !== null) return published(row, `shown as published: ${err.message}`);
      return nullEstimate(meta, `could not be computed: ${err.message}`, 0, 1, row.estimate);
    }
  }
  if (row.value !== null) return published(row);
  return nullEstimate(meta, `no value for ${who.name}`, 0, 1, row.estimate);
}

/**
 * A group of wards: the engine sums the members' inputs and computes once. One member: that ward's own estimate.
 * A member whose source gives only a value (no counts) cannot be combined: the group has no value, and says why.
 */
export function groupEstimate(meta: IndicatorMeta, members: readonly Named[], rowOf: (code: string) => ValueRecord | undefined): GroupEstimate {
  return groupOfRows(meta, members, members.map((m) => rowOf(m.code)));
}

/** groupEstimate with the members' rows given in the same order as the members. */
export function groupOfRows(meta: IndicatorMeta, members: readonly Named[], rows: readonly (ValueRecord | undefined)[]): GroupEstimate {
  if (members.length === 1) return rowEstimate(meta, rows[0], members[0]!);
  if (rows.some((r) => r !== undefined && r.numeratorUpper !== undefined && r.numeratorUpper !== r.numerator)) {
    const upper = rows.map((r) => (r && r.numeratorUpper !== undefined ? upperRow(r) : r));
    return ranged(groupOfRowsOnce(meta, members, rows), groupOfRowsOnce(meta, members, upper));
  }
  return groupOfRowsOnce(meta, members, rows);
}

function groupOfRowsOnce(meta: IndicatorMeta, members: readonly Named[], rows: readonly (ValueRecord | undefined)[]): GroupEstimate {
  const inputs: MemberInput[] = [];
  const valueOnly: string[] = [];
  let withValue = 0;
  let anyEstimate = false;
  for (let i = 0; i < members.length; i++) {
    const w = members[i]!;
    const row = rows[i];
    if (!row) {
      inputs.push({ code: w.code, name: w.name, estimate: false });
      continue;
    }
    const m = cachedInput(meta, row, w);
    anyEstimate ||= row.estimate;
    if (row.complete || row.value !== null) withValue++;
    if (!row.complete && row.value !== null) valueOnly.push(w.name);
    inputs.push(m);
  }
  if (valueOnly.length > 0 && meta.valueType !== 'rank' && meta.valueType !== 'other') {
    return nullEstimate(
      meta,
      `not available for combined areas: the source gives only a value, without the counts needed to combine wards, for ${listJoin(valueOnly.sort())}`,
      withValue,
      members.length,
      anyEstimate,
    );
  }
  try {
    return aggregate(meta.spec, inputs);
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    return nullEstimate(meta, `could not be computed: ${err.message}`, withValue, members.length, anyEstimate);
  }
}

/**
 * The benchmark value of a row: its value column (display scale); when a row has inputs but no value, the value
 * computed from them by the engine.
 */
export function benchmarkValueOf(meta: IndicatorMeta, row: ValueRecord | undefined, who: Named): number | null {
  if (!row) return null;
  if (row.value !== null) return row.value;
  return rowEstimate(meta, row, who).value;
}

/**
 * Fingertips comparison with a benchmark: two levels (95% and 99.8%) when both intervals exist; a value published
 * with a 95% interval only is compared at one level. No interval or no benchmark: not compared.
 */
export function compareWith(est: GroupEstimate, benchmark: number | null, polarity: Polarity, benchmarkRange?: BenchmarkRange): Comparison {
  if (benchmark === null || !Number.isFinite(benchmark)) return 'not-compared';
  if (!est.range && !benchmarkRange) return compare(est, benchmark, polarity, est.ci998 ? 2 : 1);
  // A suppressed range (the area's, the benchmark's or both): compare at every end; only one answer counts.
  const ends = est.range ? [est.range.lower, est.range.upper] : [est];
  const marks = benchmarkRange ? [benchmarkRange.lower, benchmarkRange.upper] : [benchmark];
  const answers = new Set<Comparison>();
  for (const e of ends) for (const b of marks) answers.add(compare(e, b, polarity, e.ci998 ? 2 : 1));
  return answers.size === 1 ? [...answers][0]! : 'not-compared';
}

/** Both ends of a benchmark whose source suppressed small counts (display scale). */
export interface BenchmarkRange {
  lower: number;
  upper: number;
}

/** The range of a benchmark row with a suppressed numerator, or undefined. */
export function benchmarkRangeOf(meta: IndicatorMeta, row: ValueRecord | undefined): BenchmarkRange | undefined {
  if (!row || row.numeratorUpper === undefined || row.numerator === null || row.denominator === null || !(row.denominator > 0)) return undefined;
  return { lower: (row.numerator / row.denominator) * meta.multiplier, upper: (row.numeratorUpper / row.denominator) * meta.multiplier };
}

/** True when the estimate is a suppressed range whose two ends compare differently with the benchmark. */
export function rangeUndecided(est: GroupEstimate, benchmark: number | null, polarity: Polarity, benchmarkRange?: BenchmarkRange): boolean {
  if (benchmark === null || (!est.range && !benchmarkRange)) return false;
  return compareWith(est, benchmark, polarity, benchmarkRange) === 'not-compared' && est.ci95 !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Percentiles and spine statistics

/**
 * Percentile by linear interpolation between closest ranks (Excel PERCENTILE.INC, R quantile type 7), as the
 * classic Fingertips spine chart uses: h = (n - 1)p, x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * `sorted` must be ascending and non-empty.
 */
export function percentileInc(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export type { SpreadStats };

/** min, quartiles (PERCENTILE.INC) and max of the non-missing values; null when there are none. */
export function spread(values: readonly (number | null)[]): SpreadStats | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((x, y) => x - y);
  if (sorted.length === 0) return null;
  return {
    min: sorted[0]!,
    q25: percentileInc(sorted, 0.25),
    median: percentileInc(sorted, 0.5),
    q75: percentileInc(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    count: sorted.length,
  };
}

/** Cached ward-estimate maps kept at most (each holds every ward of the store for one indicator and period). */
const MAX_MAPS = 24;

/**
 * Every ward's own estimate for one indicator and period (all wards of the store, for maps), cached until the data
 * changes; the most recently used maps are kept.
 */
export function wardEstimates(data: ProfileData, meta: IndicatorMeta, period: string): ReadonlyMap<string, GroupEstimate> {
  const key = `wardEstimates\0${meta.id}\0${period}`;
  let maps = data.memo.get('wardEstimateMaps') as Map<string, Map<string, GroupEstimate>> | undefined;
  if (!maps) data.memo.set('wardEstimateMaps', (maps = new Map()));
  const hit = maps.get(key);
  if (hit) {
    maps.delete(key);
    maps.set(key, hit); // most recently used last
    return hit;
  }
  const out = computeWardEstimates(data, meta, period);
  maps.set(key, out);
  if (maps.size > MAX_MAPS) maps.delete(maps.keys().next().value!);
  return out;
}

/** Value types whose ward estimates can come from wardCountsFor's columns (the age-banded ones need their bands). */
const FROM_COUNTS: ReadonlySet<ValueType> = new Set(['count', 'proportion', 'crude-rate', 'isr', 'mean-score', 'rank', 'other']);

/** When more than this share of the wards need their whole row, one read of the period's rows beats a lookup each. */
const ROW_LOOKUP_SHARE = 1 / 16;

/**
 * rowEstimate of every ward's row, in the same result with less work: most wards' estimates are built straight from
 * their counts (fromCounts); only the rest (suppressed ranges, rows shown as published, rows the engine refuses)
 * read their whole row and go through rowEstimate.
 */
function computeWardEstimates(data: ProfileData, meta: IndicatorMeta, period: string): Map<string, GroupEstimate> {
  const wards = data.wards();
  const out = new Map<string, GroupEstimate>();
  if (!FROM_COUNTS.has(meta.valueType)) {
    const rows = data.wardRowsFor(meta.id, period);
    for (const w of wards.values()) out.set(w.code, rowEstimate(meta, rows.get(w.code), w));
    return out;
  }
  const whole: Named[] = [];
  for (const r of data.wardCountsFor(meta.id, period)) {
    const w = wards.get(r[0])!;
    const est = fromCounts(meta, w, r);
    if (est) out.set(w.code, est);
    else whole.push(w);
  }
  const rows = whole.length > wards.size * ROW_LOOKUP_SHARE ? data.wardRowsFor(meta.id, period) : null;
  for (const w of whole) out.set(w.code, rowEstimate(meta, rows ? rows.get(w.code) : data.wardRow(meta.id, w.code, period), w));
  if (out.size < wards.size) for (const w of wards.values()) if (!out.has(w.code)) out.set(w.code, rowEstimate(meta, undefined, w));
  return out;
}

/**
 * rowEstimate of a ward's row from its counts alone, where that gives the whole answer: the engine's statistic of
 * complete inputs. Null when rowEstimate needs more of the row (a suppressed range, no inputs, an engine refusal).
 */
function fromCounts(meta: IndicatorMeta, who: Named, r: WardCounts): GroupEstimate | null {
  const numerator = r[1];
  if (r[5] !== null && r[5] !== numerator) return null;
  const estimate = r[4] === 1;
  const type = meta.valueType;
  if (type === 'proportion' || type === 'crude-rate' || type === 'isr') return oneMemberOf(meta, numerator, r[2], estimate);
  const m = memberInput(meta, { numerator, denominator: r[2], value: r[3], estimate, bands: null }, who);
  if (!hasInputs(meta, m)) return null;
  try {
    return aggregate(meta.spec, [m]);
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    return null;
  }
}

/** The own estimates of some wards for one indicator and period (from the per-area row cache). */
export function estimatesOf(data: ProfileData, meta: IndicatorMeta, period: string, codes: readonly string[]): GroupEstimate[] {
  const wards = data.wards();
  return codes.map((c) => rowEstimate(meta, data.row(c, meta.id, period), wards.get(c) ?? { code: c, name: c }));
}

/** Spread of the own estimates of one council's wards, cached until the data changes. */
export function councilSpread(data: ProfileData, meta: IndicatorMeta, period: string, councilCode: string): SpreadStats | null {
  const byCouncil = data.memoOf(meta.id).spreads;
  let byPeriod = byCouncil.get(councilCode);
  if (!byPeriod) byCouncil.set(councilCode, (byPeriod = new Map()));
  if (byPeriod.has(period)) return byPeriod.get(period) as SpreadStats | null;
  const wards = data.councils().get(councilCode)?.wards ?? [];
  data.load(wards);
  const stats = spread(estimatesOf(data, meta, period, wards).map((e) => e.value));
  byPeriod.set(period, stats);
  return stats;
}
