/** The member-ward breakdown, the ward map (choropleth) and the side-by-side comparison of two areas. */
import { AppError } from '../../shared/contract.ts';
import type {
  BenchmarkUsed,
  Choropleth,
  ChoroplethClass,
  ChoroplethLegendItem,
  ChoroplethWard,
  ComparedIndicator,
  ComparedSide,
  IndicatorRef,
  ProfileComparison,
  WardBreakdown,
  WardBreakdownRow,
} from '../../shared/contract/profile.ts';
import { formatDifference } from '../../shared/difference.ts';
import { formatNumber, valueWithUnit } from '../../shared/format.ts';
import { compareNames, listJoin } from '../../shared/laps.ts';
import type { BenchmarkChoice, Profile, ProfileIndicator } from '../../shared/profile.ts';
import { COMPARISON_COLOURS, COMPARISON_LABELS, quantiles, type Comparison, type GroupEstimate } from '../../shared/stats/index.ts';
import type { ResolvedArea } from './area.ts';
import { COUNCIL_ONLY_NOTE, compareWith, estimatesOf, wardEstimates } from './compute.ts';
import { withoutInterval } from './truth.ts';
import type { IndicatorMeta, ProfileData } from './data.ts';
import { jenks } from './jenks.ts';
import { BENCHMARK_CODES, areaValue, benchmarkCode, benchmarkValue } from './profile.ts';

/** Number of classes of the ward map. */
export const MAP_CLASSES = 5;

export function indicatorRef(meta: IndicatorMeta): IndicatorRef {
  return {
    id: meta.id,
    name: meta.name,
    shortName: meta.shortName,
    ambition: meta.ambition,
    unit: meta.unit,
    valueType: meta.valueType,
    multiplier: meta.multiplier,
    polarity: meta.polarity,
    higherIsBetter: meta.polarity === 'no-judgement' ? null : meta.polarity === 'high-is-good',
    wardLevel: meta.wardLevel,
  };
}

export function requireIndicator(data: ProfileData, id: string): IndicatorMeta {
  const meta = data.indicator(id);
  if (!meta) throw new AppError('not-found', `There is no indicator '${id}'.`);
  return meta;
}

function requirePeriod(meta: IndicatorMeta, period: string | undefined, periods: readonly string[]): void {
  if (period === undefined || periods.includes(period)) return;
  throw new AppError(
    'not-found',
    periods.length
      ? `${meta.shortName} has no ward values for ${period}; periods with values: ${periods.join(', ')}.`
      : `${meta.shortName} has no ward values.`,
  );
}

/** The benchmark a ward (or an area) is compared with: 'own' is the ward's own council. */
function usedBenchmark(data: ProfileData, meta: IndicatorMeta, code: string, period: string | null): BenchmarkUsed {
  const b = benchmarkValue(data, meta, code, period);
  const used: BenchmarkUsed = b.note ? { code, name: data.areaName(code), value: b.value, note: b.note } : { code, name: data.areaName(code), value: b.value };
  if (b.range) used.range = b.range;
  return used;
}

function wardBenchmarkCode(choice: BenchmarkChoice, authorityCode: string): string {
  return choice === 'own' ? authorityCode : BENCHMARK_CODES[choice];
}

// ---------------------------------------------------------------------------------------------------------------

export function wardBreakdown(data: ProfileData, resolved: ResolvedArea, meta: IndicatorMeta, choice: BenchmarkChoice, period?: string): WardBreakdown {
  const periods = meta.wardLevel ? data.wardPeriods(meta.id) : [];
  requirePeriod(meta, period, periods);
  // The member wards' latest period (the profile's period for a LAP); the council's own period for a whole council.
  const memberView = { ...resolved, council: null };
  const p = period ?? (meta.wardLevel ? areaValue(data, meta, memberView).period : null);
  const group = areaValue(data, meta, resolved, meta.wardLevel && p !== null ? p : undefined);
  group.est = withoutInterval(meta, group.est);
  const groupBenchmark = usedBenchmark(data, meta, benchmarkCode(resolved, choice), group.period);
  const sorted = [...resolved.members].sort((a, b) => compareNames(a.name, b.name));
  const estimates = meta.wardLevel && p !== null ? estimatesOf(data, meta, p, sorted.map((w) => w.code)) : null;
  const wards: WardBreakdownRow[] = sorted.map((w, i) => {
    const own = estimates?.[i];
    const est: GroupEstimate | undefined = own ? withoutInterval(meta, own) : undefined;
    const bm = usedBenchmark(data, meta, wardBenchmarkCode(choice, w.authorityCode), p);
    const row = p !== null && meta.wardLevel ? data.row(w.code, meta.id, p) : undefined;
    return {
      code: w.code,
      name: w.name,
      authorityCode: w.authorityCode,
      value: est?.value ?? null,
      ci95: est?.ci95 ?? null,
      ci998: est?.ci998 ?? null,
      numerator: est?.numerator ?? null,
      denominator: est?.denominator ?? null,
      estimate: est?.estimate ?? false,
      note: !meta.wardLevel ? COUNCIL_ONLY_NOTE : est && est.value === null ? (est.note ?? null) : (row?.note ?? est?.note ?? null),
      comparison: est ? compareWith(est, bm.value, meta.polarity, bm.range) : 'not-compared',
      benchmark: bm,
    };
  });
  const groupNote = [group.est.note, group.context].filter((x): x is string => !!x).join('; ');
  const out: WardBreakdown = {
    area: resolved.area,
    indicator: indicatorRef(meta),
    period: p,
    periods,
    benchmark: choice,
    group: {
      value: group.est.value,
      ci95: group.est.ci95,
      ci998: group.est.ci998,
      numerator: group.est.numerator,
      denominator: group.est.denominator,
      estimate: group.est.estimate,
      coverage: group.est.coverage,
      ...(groupNote ? { note: groupNote } : {}),
      comparison: resolved.council && benchmarkCode(resolved, choice) === resolved.council.code ? 'not-compared' : compareWith(withoutInterval(meta, group.est), groupBenchmark.value, meta.polarity, groupBenchmark.range),
      benchmark: groupBenchmark,
    },
    wards,
  };
  if (!meta.wardLevel) out.note = COUNCIL_ONLY_NOTE;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

const SIGNIFICANCE_ORDER: Comparison[] = ['best', 'better', 'higher', 'similar', 'lower', 'worse', 'worst', 'not-compared'];

/** Decimal places for a legend: one precision for all classes, fine enough to tell the bounds apart. */
function legendDecimals(classes: readonly { lower: number; upper: number }[], meta: IndicatorMeta): number {
  if (meta.valueType === 'count' || meta.valueType === 'rank' || classes.length === 0) return 0;
  const range = Math.max(...classes.map((c) => c.upper)) - Math.min(...classes.map((c) => c.lower));
  return range >= 50 ? 0 : range >= 5 ? 1 : range >= 0.5 ? 2 : 3;
}

function rangeLabel(lower: number, upper: number, decimals: number): string {
  const f = (v: number) => formatNumber(v, decimals);
  return f(lower) === f(upper) ? f(lower) : `${f(lower)} to ${f(upper)}`;
}

export function choropleth(
  data: ProfileData,
  meta: IndicatorMeta,
  args: { period?: string | undefined; method: Choropleth['method']; mode: Choropleth['mode']; benchmark: BenchmarkChoice },
): Choropleth {
  const periods = meta.wardLevel ? data.wardPeriods(meta.id) : [];
  requirePeriod(meta, args.period, periods);
  const period = args.period ?? periods[periods.length - 1] ?? null;
  const allWards = [...data.wards().values()];
  const estimates = period !== null ? wardEstimates(data, meta, period) : null;
  // Each ward's estimate and value first; the ward objects are built once, classes included (setting a number
  // where null was, on 7,000 objects, costs more than the classification).
  const n = allWards.length;
  const ests: (GroupEstimate | undefined)[] = new Array<GroupEstimate | undefined>(n);
  const values: (number | null)[] = new Array<number | null>(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const est = estimates?.get(allWards[i]!.code);
    ests[i] = est;
    const v = est?.value ?? null;
    values[i] = v;
    if (v !== null) present++;
  }

  const notes: string[] = [];
  if (!meta.wardLevel) notes.push(COUNCIL_ONLY_NOTE);
  else if (period === null) notes.push(`${meta.shortName} has no ward values.`);
  const classes: ChoroplethClass[] = [];
  let assigned: (number | null)[] | null = null;

  if (args.mode === 'values' && period !== null) {
    if (args.method === 'quintiles') {
      // PHEindicatormethods phe_quantile (ties = min rank, not computed when N < k); 1 = lowest values.
      assigned = quantiles(values, MAP_CLASSES, false);
      if (present < MAP_CLASSES) notes.push(`Quintiles not computed: only ${present} ward${present === 1 ? ' has' : 's have'} a value (at least ${MAP_CLASSES} are needed).`);
    } else {
      const j = jenks(values.filter((v): v is number => v !== null), MAP_CLASSES);
      if (j) {
        assigned = values.map((v) => {
          if (v === null) return null;
          const c = j.breaks.findIndex((b) => v <= b);
          return c < 0 ? j.breaks.length : c + 1;
        });
        if (j.breaks.length < MAP_CLASSES) notes.push(`Only ${j.breaks.length} natural ${j.breaks.length === 1 ? 'class' : 'classes'}: there are only ${j.breaks.length} different values.`);
      } else notes.push('Natural breaks not computed: no ward has a value.');
    }
    const all = Array.from({ length: MAP_CLASSES }, (_, i) => ({ index: i + 1, lower: Infinity, upper: -Infinity, count: 0 }));
    if (assigned) {
      for (let i = 0; i < n; i++) {
        const c = assigned[i] ?? null;
        const v = values[i] ?? null;
        if (c === null || v === null) continue;
        const b = all[c - 1]!;
        if (v < b.lower) b.lower = v;
        if (v > b.upper) b.upper = v;
        b.count++;
      }
    }
    const bounds = all.filter((b) => b.count > 0);
    const decimals = legendDecimals(bounds, meta);
    for (const b of bounds) classes.push({ ...b, label: rangeLabel(b.lower, b.upper, decimals) });
  }

  const benchCache = new Map<string, BenchmarkUsed>();
  const benchFor = (authority: string) => {
    const code = wardBenchmarkCode(args.benchmark, authority);
    let b = benchCache.get(code);
    if (!b) benchCache.set(code, (b = usedBenchmark(data, meta, code, period)));
    return b;
  };
  const wards: ChoroplethWard[] = new Array<ChoroplethWard>(n);
  for (let i = 0; i < n; i++) {
    const w = allWards[i]!;
    const est = ests[i];
    const bm = benchFor(w.authorityCode);
    wards[i] = {
      code: w.code,
      name: w.name,
      authorityCode: w.authorityCode,
      value: values[i] ?? null,
      estimate: est?.estimate ?? false,
      class: assigned?.[i] ?? null,
      comparison: est ? compareWith(withoutInterval(meta, est), bm.value, meta.polarity, bm.range) : 'not-compared',
      benchmarkValue: bm.value,
      note: !meta.wardLevel ? COUNCIL_ONLY_NOTE : (est?.note ?? null),
    };
  }
  const missing = n - present;
  if (meta.wardLevel && period !== null && missing > 0) notes.push(`${missing} of ${wards.length} wards have no value.`);

  const what = `${meta.shortName} (${meta.unit})${period ? `, ${period}` : ''}`;
  let legend: Choropleth['legend'];
  if (args.mode === 'values') {
    const how = args.method === 'quintiles' ? 'quintiles, 1 = lowest fifth of wards' : 'natural breaks (Jenks)';
    legend = {
      title: `${what}: ${how}`,
      items: classes.map((c): ChoroplethLegendItem => ({ key: String(c.index), label: c.label, count: c.count })),
    };
  } else {
    const against = args.benchmark === 'own' ? "each ward's own council" : data.areaName(BENCHMARK_CODES[args.benchmark]);
    const present = new Map<Comparison, number>();
    for (const w of wards) present.set(w.comparison, (present.get(w.comparison) ?? 0) + 1);
    legend = {
      title: `${what}: compared with ${against}`,
      items: SIGNIFICANCE_ORDER.filter((c) => present.has(c)).map((c) => ({ key: c, label: COMPARISON_LABELS[c], colour: COMPARISON_COLOURS[c], count: present.get(c)! })),
    };
  }

  const out: Choropleth = {
    indicator: indicatorRef(meta),
    period,
    periods,
    unit: meta.unit,
    polarity: meta.polarity,
    higherIsBetter: indicatorRef(meta).higherIsBetter,
    method: args.method,
    mode: args.mode,
    benchmark: args.benchmark,
    k: MAP_CLASSES,
    classes,
    wards,
    legend,
  };
  if (notes.length) out.note = notes.join(' ');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

export const COMPARE_METHOD =
  'Two areas differ significantly when their 95% confidence intervals do not overlap. This is a cautious test: ' +
  'intervals that overlap a little can still hide a real difference. Values without intervals (counts, scores) are not tested.';

function side(ind: ProfileIndicator | undefined): ComparedSide {
  if (!ind) return { period: null, value: null, ci95: null, ci998: null, coverage: { wards: 0, of: 0 }, estimate: false, comparison: 'not-compared', note: 'no data' };
  const s: ComparedSide = {
    period: ind.period || null,
    value: ind.value,
    ci95: ind.ci95,
    ci998: ind.ci998,
    coverage: ind.coverage,
    estimate: ind.estimate,
    comparison: ind.comparison,
  };
  if (ind.note) s.note = ind.note;
  return s;
}

export function compareProfiles(data: ProfileData, pa: Profile, pb: Profile, choice: BenchmarkChoice): ProfileComparison {
  const aById = new Map(pa.indicators.map((i) => [i.id, i]));
  const bById = new Map(pb.indicators.map((i) => [i.id, i]));
  const order = [...pa.indicators.map((i) => i.id), ...pb.indicators.map((i) => i.id).filter((id) => !aById.has(id))];
  const an = pa.area.name;
  const bn = pb.area.name;
  const indicators: ComparedIndicator[] = [];
  for (const id of order) {
    const meta = data.indicator(id);
    if (!meta) continue;
    const a = side(aById.get(id));
    const b = side(bById.get(id));
    const fa = valueWithUnit(meta, a.value);
    const fb = valueWithUnit(meta, b.value);
    let difference: number | null = null;
    let significant: boolean | null = null;
    let direction: ComparedIndicator['direction'] = null;
    let better: ComparedIndicator['better'] = null;
    let summary: string;
    if (a.value === null || b.value === null) {
      const none = [a.value === null ? an : null, b.value === null ? bn : null].filter((x): x is string => !!x);
      summary = !meta.wardLevel ? 'Not compared: council-level only (not available for wards or LAPs).' : `Not compared: no value for ${listJoin(none)}.`;
    } else {
      difference = a.value - b.value;
      if (!a.ci95 || !b.ci95) {
        summary = `${an} ${fa}, ${bn} ${fb}: not tested for significance (no confidence intervals).`;
      } else {
        significant = a.ci95.lower > b.ci95.upper || b.ci95.lower > a.ci95.upper;
        if (!significant) {
          direction = 'similar';
          summary = `No significant difference between ${an} (${fa}) and ${bn} (${fb}): their 95% confidence intervals overlap.`;
        } else {
          direction = difference > 0 ? 'higher' : 'lower';
          if (meta.polarity !== 'no-judgement') better = (direction === 'higher') === (meta.polarity === 'high-is-good') ? 'a' : 'b';
          const diff = formatDifference(meta, difference, false);
          summary =
            `${an} is significantly ${direction} than ${bn} (${fa} against ${fb}, a difference of ${diff})` +
            (better ? `; ${better === 'a' ? an : bn} is better.` : '.');
        }
      }
      if (a.period && b.period && a.period !== b.period) summary += ` Periods differ: ${a.period} for ${an}, ${b.period} for ${bn}.`;
    }
    indicators.push({ ...indicatorRef(meta), a, b, difference, significant, direction, better, summary });
  }
  return { a: pa.area, b: pb.area, benchmark: choice, generatedAt: new Date().toISOString(), method: COMPARE_METHOD, indicators };
}

export type { ResolvedArea };
