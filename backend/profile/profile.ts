/**
 * The Local Area Profile of one area: every indicator's latest value for the area (a group of wards summed and
 * computed once by shared/stats), its benchmarks (West, North, England) with Fingertips comparisons, a spine chart
 * over the own council's wards, the trend, and the sources. See shared/profile.ts for the output.
 */
import { AMBITIONS } from '../../shared/ambitions.ts';
import { valueWithUnit } from '../../shared/format.ts';
import { compareNames } from '../../shared/laps.ts';
import { headlineCounts, type BenchmarkChoice, type BenchmarkKey, type BenchmarkValue, type Profile, type ProfileIndicator, type SpineChart } from '../../shared/profile.ts';
import type { GroupEstimate } from '../../shared/stats/index.ts';
import type { ResolvedArea } from './area.ts';
import { councilRowsNote } from './area.ts';
import {
  COUNCIL_ONLY_NOTE,
  benchmarkRangeOf,
  benchmarkValueOf,
  compareWith,
  councilSpread,
  groupEstimate,
  groupOfRows,
  rowEstimate,
  type Named,
} from './compute.ts';
import { ENGLAND, ENGLAND_AND_WALES, NORTH, WEST, comparePeriods, type IndicatorMeta, type ProfileData, type Series, type ValueRecord } from './data.ts';
import { citationFor, comparisonLevel, guideFields, notComparedReason, wholeCounts, withoutInterval } from './truth.ts';
import { COMPARISON_LEGEND, COMPARISON_LEGEND_TITLE, COMPARISON_RULE, EDITIONS_NOTE, FAMILIES, MULTIPLE_COMPARISONS_NOTE, NO_SAMPLING, editionOf } from '../../shared/indicator-guide.ts';
import type { BenchmarkRange } from './compute.ts';

const NO_ROWS: readonly ValueRecord[] = [];

export const BENCHMARK_CODES: Record<BenchmarkKey, string> = { west: WEST, north: NORTH, england: ENGLAND };
const BENCHMARK_KEYS: BenchmarkKey[] = ['west', 'north', 'england'];

/** Census 2021 age bands for the headline (count indicators). */
export const AGE_BANDS: readonly { id: string; label: string }[] = [
  { id: 'census21_age_0_15', label: '0-15' },
  { id: 'census21_age_16_24', label: '16-24' },
  { id: 'census21_age_25_34', label: '25-34' },
  { id: 'census21_age_35_49', label: '35-49' },
  { id: 'census21_age_50_64', label: '50-64' },
  { id: 'census21_age_65plus', label: '65 and over' },
];
/** % in England's 20% most deprived LSOAs: IMD 2025 first, else 2019. */
export const MOST_DEPRIVED_20 = ['imd25_pop_most_deprived_20pct', 'imd19_pop_most_deprived_20pct'] as const;

const AMBITION_ORDER = new Map<string, number>(AMBITIONS.map((a, i) => [a.id, i]));

/** Profile order: ambition (shared/ambitions.ts), then catalogue id (indicators without one last), then name. */
export function compareIndicators(a: IndicatorMeta, b: IndicatorMeta): number {
  const ambition = (AMBITION_ORDER.get(a.ambition) ?? 99) - (AMBITION_ORDER.get(b.ambition) ?? 99);
  if (ambition !== 0) return ambition;
  // Council-only context rows are grouped apart (after the area's own figures); each deprivation index is grouped by
  // edition, IoD2025 before IoD2019 (editions cannot be compared, so they are never interleaved).
  const group = groupRank(a) - groupRank(b);
  if (group !== 0) return group;
  if (a.catalogueId !== b.catalogueId) {
    if (a.catalogueId === null) return 1;
    if (b.catalogueId === null) return -1;
    const c = compareNames(a.catalogueId, b.catalogueId);
    if (c !== 0) return c;
  }
  return compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** 0: the area's own figures; 1: IoD2025; 2: IoD2019; 3: council-only context. */
function groupRank(m: IndicatorMeta): number {
  if (!m.wardLevel) return 3;
  const ed = editionOf(m.id);
  return ed === 'IoD2025' ? 1 : ed === 'IoD2019' ? 2 : 0;
}

/** The area code a benchmark choice means for this area: 'own' is the own council (England for a whole council). */
export function benchmarkCode(resolved: ResolvedArea, choice: BenchmarkChoice): string {
  if (choice === 'own') return resolved.council ? ENGLAND : resolved.ownCouncil.code;
  return BENCHMARK_CODES[choice];
}

/** The BenchmarkKey for an area code, when it is one. */
export function keyOf(code: string): BenchmarkKey | null {
  return code === WEST ? 'west' : code === NORTH ? 'north' : code === ENGLAND ? 'england' : null;
}

/**
 * The value of a benchmark area for one indicator and period, with a note on where it comes from. A council with no
 * row of its own for a ward-level indicator gets the sum of its wards (said in the note); England with no row but an
 * England and Wales row gets no value and a note giving the England and Wales figure (never labelled England).
 */
export function benchmarkValue(data: ProfileData, meta: IndicatorMeta, code: string, period: string | null): BenchmarkFigure {
  const byCode = data.memoOf(meta.id).benchmarks;
  let byPeriod = byCode.get(code);
  if (!byPeriod) byCode.set(code, (byPeriod = new Map()));
  let hit = byPeriod.get(period ?? '') as BenchmarkFigure | undefined;
  if (!hit) byPeriod.set(period ?? '', (hit = computeBenchmarkValue(data, meta, code, period)));
  return hit;
}

export interface BenchmarkFigure {
  value: number | null;
  note?: string;
  /** Both ends when the benchmark's source suppressed small counts. */
  range?: BenchmarkRange;
  /** England only: the England and Wales figure where England has none (context, never compared). */
  englandAndWales?: number;
}

function computeBenchmarkValue(data: ProfileData, meta: IndicatorMeta, code: string, period: string | null): BenchmarkFigure {
  const name = data.areaName(code);
  if (period === null) return { value: null, note: `No ${name} value` };
  const row = data.benchmarkRow(code, meta.id, period);
  const value = benchmarkValueOf(meta, row, { code, name });
  const range = benchmarkRangeOf(meta, row);
  if (value !== null) return { value, ...(row?.note ? { note: row.note } : {}), ...(range ? { range } : {}) };
  if (code === ENGLAND) {
    const ew = data.benchmarkRow(ENGLAND_AND_WALES, meta.id, period);
    const ewValue = benchmarkValueOf(meta, ew, { code: ENGLAND_AND_WALES, name: 'England and Wales' });
    return ewValue !== null
      ? { value: null, note: `No England value in the source; England and Wales: ${valueWithUnit(meta, ewValue)}`, englandAndWales: ewValue }
      : { value: null, note: 'No England value in the source' };
  }
  const council = data.councils().get(code);
  if (council && meta.wardLevel && council.wards.length > 0) {
    data.load(council.wards);
    const wards = data.wards();
    const sum = groupEstimate(meta, council.wards.map((c) => wards.get(c)!), (c) => data.row(c, meta.id, period));
    const range = sum.range ? { lower: sum.range.lower.value!, upper: sum.range.upper.value! } : undefined;
    if (sum.value !== null) return { value: sum.value, note: `No ${name} value in the source: the sum of its ${council.wards.length} wards`, ...(range ? { range } : {}) };
  }
  return { value: null, note: `No ${name} value in the source for ${period}` };
}

function benchmarkEntry(data: ProfileData, meta: IndicatorMeta, code: string, period: string | null, est: GroupEstimate, self: string | null): BenchmarkValue {
  const b = benchmarkValue(data, meta, code, period);
  const extra = { ...(b.range ? { range: b.range } : {}), ...(b.englandAndWales !== undefined ? { englandAndWales: b.englandAndWales } : {}) };
  if (code === self) {
    const reason = notComparedReason(meta, est, 'not-compared', b, true);
    return { value: b.value, comparison: 'not-compared', note: b.note ? `${b.note}; this is the area itself` : 'This is the area itself', ...extra, ...(reason ? { notComparedReason: reason } : {}) };
  }
  const comparison = compareWith(est, b.value, meta.polarity, b.range);
  const reason = notComparedReason(meta, est, comparison, b, false);
  return { value: b.value, comparison, ...(b.note ? { note: b.note } : {}), ...extra, ...(reason ? { notComparedReason: reason } : {}) };
}

const higherIsBetter = (meta: IndicatorMeta): boolean | null => (meta.polarity === 'no-judgement' ? null : meta.polarity === 'high-is-good');

/** What one indicator shows for the area: the period, the estimate, and the rows behind it. */
export interface AreaValue {
  period: string | null;
  periods: string[];
  est: GroupEstimate;
  /** Which rows the value came from (for the source). */
  firstRow: ValueRecord | undefined;
  /** Extra plain-English context for the note. */
  context: string | null;
  /** Trend points (oldest first). */
  series: { period: string; value: number | null }[];
}

function nullEst(meta: IndicatorMeta, note: string, of: number): GroupEstimate {
  const e = rowEstimate(meta, undefined, { code: '', name: '' });
  return { ...e, note, coverage: { wards: 0, of } };
}

/**
 * The area's value of one indicator: for a whole council, the council's own rows; for a council-only indicator,
 * nothing (value null, with the note); otherwise the member wards summed, in the latest period any member has data
 * (or `period` when given).
 */
export function areaValue(data: ProfileData, meta: IndicatorMeta, resolved: ResolvedArea, period?: string): AreaValue {
  const of = resolved.members.length;
  const councilRows = resolved.council ? data.rows(resolved.council.code, meta.id) : NO_ROWS;
  if (resolved.council && (councilRows.length > 0 || !meta.wardLevel)) {
    const c = resolved.council;
    const rows = councilRows;
    const periods = rows.map((r) => r.period);
    const p = period ?? periods[periods.length - 1] ?? null;
    const who: Named = { code: c.code, name: c.name };
    const row = p === null ? undefined : rows.find((r) => r.period === p);
    const est = rowEstimate(meta, row, who);
    est.coverage = { wards: est.value !== null ? of : 0, of };
    return {
      period: p,
      periods,
      est,
      firstRow: row,
      context: resolved.area.kind === 'council' ? null : councilRowsNote(c),
      series: rows.map((r) => ({ period: r.period, value: rowEstimate(meta, r, who).value })),
    };
  }
  if (!meta.wardLevel) {
    const rows = data.rows(resolved.ownCouncil.code, meta.id);
    const periods = rows.map((r) => r.period);
    const p = period ?? periods[periods.length - 1] ?? null;
    return {
      period: p,
      periods,
      est: nullEst(meta, COUNCIL_ONLY_NOTE, of),
      firstRow: rows.find((r) => r.period === p),
      context: null,
      series: periods.map((x) => ({ period: x, value: null })),
    };
  }
  const memberSeries = resolved.members.map((m) => data.series(m.code, meta.id));
  const periods = memberPeriods(memberSeries);
  let p = period ?? periods[periods.length - 1] ?? null;
  if (p === null) {
    // No member has data: show the latest council period, with every ward missing.
    const councilRows = data.rows(resolved.ownCouncil.code, meta.id);
    p = councilRows[councilRows.length - 1]?.period ?? null;
  }
  const rowsAt = (x: string) => memberSeries.map((ser) => ser?.byPeriod.get(x));
  const shown = p === null ? [] : rowsAt(p);
  const est = p === null ? nullEst(meta, 'no data for this area', of) : groupOfRows(meta, resolved.members, shown);
  // The trend reuses the shown period's estimate; older periods are summed and computed the same way.
  const series = periods.map((x) => ({ period: x, value: x === p ? est.value : groupOfRows(meta, resolved.members, rowsAt(x)).value }));
  const firstRow = shown.find((r) => r !== undefined);
  // A whole council without figures of its own in the source (e.g. ward-level user data): the sum of its wards.
  const context = resolved.council ? `No ${resolved.council.name} figure in the source: the sum of its ${of} wards` : null;
  return { period: p, periods, est, firstRow, context, series };
}

/** Periods in which any member ward has a row, oldest first. */
function memberPeriods(lists: readonly (Series | undefined)[]): string[] {
  const first = lists[0]?.list ?? [];
  // Usually every member has the same periods: no need to merge.
  if (lists.every((l) => l !== undefined && l.list.length === first.length && l.list.every((r, i) => r.period === first[i]!.period))) {
    return first.map((r) => r.period);
  }
  const set = new Set<string>();
  for (const l of lists) for (const r of l?.list ?? []) set.add(r.period);
  return [...set].sort(comparePeriods);
}

function spineOf(data: ProfileData, meta: IndicatorMeta, resolved: ResolvedArea, period: string | null, centre: number | null): SpineChart | null {
  // Counts depend on ward size, so a spread of ward counts says nothing; council-only indicators have no wards.
  if (!meta.wardLevel || period === null || meta.valueType === 'count' || centre === null) return null;
  const stats = councilSpread(data, meta, period, resolved.ownCouncil.code);
  if (!stats) return null;
  return { ...stats, benchmark: centre, higherIsBetter: higherIsBetter(meta) };
}

function sourceOf(data: ProfileData, meta: IndicatorMeta, row: ValueRecord | undefined): ProfileIndicator['source'] {
  const ds = data.dataset(row?.datasetId ?? meta.datasetId);
  if (!ds) return { datasetId: '', name: '', publisher: '', licence: '', attribution: '', citation: '' };
  const citation = citationFor(ds.key ?? '', ds.publisher, ds.name, ds.licence);
  return { datasetId: ds.key ?? String(ds.id), name: ds.name, publisher: ds.publisher, licence: ds.licence, attribution: ds.attribution, citation };
}

/** True when the indicator can be judged at all: a ward-level measure with a direction and an interval. */
function comparable(meta: IndicatorMeta): boolean {
  if (!meta.wardLevel || meta.polarity === 'no-judgement' || NO_SAMPLING.has(meta.id)) return false;
  return meta.valueType !== 'count' && meta.valueType !== 'mean-score' && meta.valueType !== 'rank' && meta.valueType !== 'other';
}

/** For a nested family member: whether it is the one the headline counts; undefined outside a family. */
function FAMILY_HEADLINE(id: string): boolean | undefined {
  return FAMILIES[id]?.headline;
}

/** True when the store has anything to show for this indicator and area (member, council or England rows). */
function hasAnyRows(data: ProfileData, meta: IndicatorMeta, resolved: ResolvedArea): boolean {
  if (resolved.council && data.rows(resolved.council.code, meta.id).length > 0) return true;
  if (meta.wardLevel && resolved.members.some((m) => data.rows(m.code, meta.id).length > 0)) return true;
  return [resolved.ownCouncil.code, WEST, NORTH, ENGLAND, ENGLAND_AND_WALES].some((c) => data.rows(c, meta.id).length > 0);
}

export function buildIndicator(data: ProfileData, meta: IndicatorMeta, resolved: ResolvedArea, choice: BenchmarkChoice, period?: string): ProfileIndicator {
  const v = areaValue(data, meta, resolved, period);
  v.est = wholeCounts(meta, withoutInterval(meta, v.est));
  const self = resolved.council?.code ?? null;
  const benchmarks = {} as Record<BenchmarkKey, BenchmarkValue>;
  for (const key of BENCHMARK_KEYS) benchmarks[key] = benchmarkEntry(data, meta, BENCHMARK_CODES[key], v.period, v.est, self);
  const chosenCode = benchmarkCode(resolved, choice);
  const chosenKey = keyOf(chosenCode);
  const chosen = chosenKey ? benchmarks[chosenKey] : benchmarkEntry(data, meta, chosenCode, v.period, v.est, self);
  const own = benchmarkValue(data, meta, resolved.ownCouncil.code, v.period).value;
  const note = [v.est.note, v.context].filter((x): x is string => !!x).join('; ');
  const councilAt = (p: string) => benchmarkValue(data, meta, resolved.ownCouncil.code, p).value;
  const indicator: ProfileIndicator = {
    id: meta.id,
    name: meta.name,
    shortName: meta.shortName,
    ambition: meta.ambition,
    topic: meta.topic,
    definition: meta.definition,
    period: v.period ?? '',
    unit: meta.unit,
    valueType: meta.valueType,
    multiplier: meta.multiplier,
    polarity: meta.polarity,
    value: v.est.value,
    ci95: v.est.ci95,
    ci998: v.est.ci998,
    numerator: v.est.numerator,
    denominator: v.est.denominator,
    method: v.est.method,
    estimate: v.est.estimate,
    coverage: v.est.coverage,
    disclosureControlled: meta.disclosureControlled,
    wardLevel: meta.wardLevel,
    benchmarks,
    comparison: chosen.comparison,
    spine: spineOf(data, meta, resolved, v.period, chosen.value ?? own),
    trend: v.series.map((s) => ({ period: s.period, value: s.value, council: councilAt(s.period) })),
    source: sourceOf(data, meta, v.firstRow),
    ...guideFields(meta),
    comparisonLevel: comparisonLevel(v.est, chosen.comparison),
    countsInHeadline: comparable(meta) && (FAMILY_HEADLINE(meta.id) ?? true),
  };
  if (chosen.notComparedReason) indicator.notComparedReason = chosen.notComparedReason;
  if (v.est.range) {
    const nu = v.est.range.upper.numerator;
    indicator.range = { lower: v.est.range.lower.value!, upper: v.est.range.upper.value!, ...(nu !== null ? { numeratorUpper: nu } : {}) };
  }
  if (note) indicator.note = note;
  return indicator;
}


export function buildProfile(data: ProfileData, resolved: ResolvedArea, choice: BenchmarkChoice): Profile {
  // One query for every row the profile needs that is not cached yet.
  data.load([...resolved.members.map((m) => m.code), resolved.ownCouncil.code, WEST, NORTH, ENGLAND, ENGLAND_AND_WALES]);
  let sorted = data.memo.get('sortedIndicators') as IndicatorMeta[] | undefined;
  if (!sorted) data.memo.set('sortedIndicators', (sorted = [...data.indicators()].sort(compareIndicators)));
  const metas = sorted.filter((m) => hasAnyRows(data, m, resolved));
  const indicators = metas.map((m) => buildIndicator(data, m, resolved, choice));
  const byId = new Map(indicators.map((i) => [i.id, i]));

  const counts = AGE_BANDS.map((b) => {
    const ind = byId.get(b.id);
    return ind && ind.valueType === 'count' ? ind.value : null;
  });
  const total = counts.every((c): c is number => c !== null) ? counts.reduce((s, c) => s + c, 0) : null;
  const ageBands = AGE_BANDS.map((b, i) => {
    const count = counts[i] ?? null;
    return { label: b.label, count, percent: count !== null && total ? (count / total) * 100 : null };
  });

  // The population tile (Census 2021 TS038 total) and the age bars (the Census 2021 age table) are two ONS tables,
  // each perturbed separately for privacy: say so when their totals differ.
  const population = resolved.area.population;
  const populationNote =
    total !== null && population !== null && Math.round(total) !== Math.round(population)
      ? `The age bars add up to ${Math.round(total).toLocaleString('en-GB')}, ${Math.abs(Math.round(total - population)).toLocaleString('en-GB')} ${total > population ? 'more' : 'fewer'} than the population total (${Math.round(population).toLocaleString('en-GB')}): they come from a different Census 2021 table (usual residents by age), and ONS adjusts each table slightly to protect privacy.`
      : null;

  const deprived = MOST_DEPRIVED_20.map((id) => byId.get(id)).filter((x): x is ProfileIndicator => !!x);
  const dep = deprived.find((d) => d.value !== null) ?? deprived[0];

  const sources = new Map<string, Profile['sources'][number]>();
  for (const ind of indicators) {
    const s = ind.source;
    if (s.datasetId && !sources.has(s.datasetId)) {
      sources.set(s.datasetId, { id: s.datasetId, name: s.name, publisher: s.publisher, licence: s.licence, attribution: s.attribution, citation: s.citation });
    }
  }
  const against = data.areaName(benchmarkCode(resolved, choice));
  const editions = new Set(indicators.filter((i) => i.edition).map((i) => i.edition!.id));

  return {
    area: resolved.area,
    benchmark: choice,
    generatedAt: new Date().toISOString(),
    headline: {
      population: resolved.area.population,
      ...(populationNote ? { populationNote } : {}),
      ageBands,
      mostDeprived20: dep ? { value: dep.value, period: dep.period } : null,
      ...headlineCounts(indicators, against),
      countNote: `Each concept is counted once: of nested measures (such as households deprived in 1, 2, 3 or 4 ways) only the headline member counts. Measures with no better or worse direction, counts, scores, shares of whole neighbourhoods and anything not compared are left out. ${MULTIPLE_COMPARISONS_NOTE}`,
    },
    indicators,
    sources: [...sources.values()],
    legend: { title: COMPARISON_LEGEND_TITLE, rule: COMPARISON_RULE, entries: COMPARISON_LEGEND.map((e) => ({ ...e })) },
    notes: editions.size > 1 ? [EDITIONS_NOTE] : [],
  };
}
