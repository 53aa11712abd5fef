/**
 * The profile as a flat table (one row per indicator, every number and the comparison words), shared by the CSV and
 * the XLSX exports. Counts of disclosure-controlled indicators from 1 to 7 become the text '<8'.
 */
import { AMBITIONS, type AmbitionId } from '../../shared/ambitions.ts';
import type { BenchmarkKey, Profile, ProfileIndicator } from '../../shared/profile.ts';
import { disclose } from '../../shared/stats/index.ts';
import { BENCHMARK_NAMES, comparisonLabel } from './format.ts';

export type Cell = string | number | null;

export interface Column {
  key: string;
  header: string;
  /** Excel number format for numeric cells. */
  numFmt?: string;
  width?: number;
}

export const COLUMNS: Column[] = [
  { key: 'ambitionNumber', header: 'Ambition number', width: 10 },
  { key: 'ambition', header: 'Ambition', width: 30 },
  { key: 'id', header: 'Indicator id', width: 28 },
  { key: 'name', header: 'Indicator', width: 60 },
  { key: 'period', header: 'Period', width: 10 },
  { key: 'unit', header: 'Unit', width: 22 },
  { key: 'value', header: 'Value', numFmt: '#,##0.0', width: 11 },
  { key: 'lower95', header: '95% lower', numFmt: '#,##0.0', width: 10 },
  { key: 'upper95', header: '95% upper', numFmt: '#,##0.0', width: 10 },
  { key: 'lower998', header: '99.8% lower', numFmt: '#,##0.0', width: 10 },
  { key: 'upper998', header: '99.8% upper', numFmt: '#,##0.0', width: 10 },
  { key: 'count', header: 'Count', numFmt: '#,##0', width: 10 },
  { key: 'denominator', header: 'Denominator', numFmt: '#,##0', width: 12 },
  { key: 'estimate', header: 'Estimate', width: 9 },
  { key: 'wardsWithValue', header: 'Wards with a value', width: 10 },
  { key: 'wardsInArea', header: 'Wards in area', width: 10 },
  { key: 'level', header: 'Level', width: 18 },
  { key: 'west', header: 'West Northamptonshire', numFmt: '#,##0.0', width: 13 },
  { key: 'north', header: 'North Northamptonshire', numFmt: '#,##0.0', width: 13 },
  { key: 'england', header: 'England', numFmt: '#,##0.0', width: 12 },
  { key: 'comparedWith', header: 'Compared with', width: 22 },
  { key: 'comparison', header: 'Comparison', width: 14 },
  { key: 'comparisonWest', header: 'Comparison with West Northamptonshire', width: 14 },
  { key: 'comparisonNorth', header: 'Comparison with North Northamptonshire', width: 14 },
  { key: 'comparisonEngland', header: 'Comparison with England', width: 14 },
  { key: 'method', header: 'Method', width: 14 },
  { key: 'note', header: 'Note', width: 40 },
  { key: 'benchmarkNotes', header: 'Benchmark notes', width: 50 },
  { key: 'source', header: 'Source', width: 40 },
  { key: 'publisher', header: 'Publisher', width: 24 },
  { key: 'licence', header: 'Licence', width: 24 },
  { key: 'plainDefinition', header: 'What it measures', width: 60 },
  { key: 'rangeLower', header: 'Range lower (suppressed small numbers)', numFmt: '#,##0.0', width: 12 },
  { key: 'rangeUpper', header: 'Range upper (suppressed small numbers)', numFmt: '#,##0.0', width: 12 },
  { key: 'valueNote', header: 'Value note', width: 20 },
  { key: 'comparisonLevel', header: 'Comparison level', width: 20 },
  { key: 'notComparedReason', header: 'Why not compared', width: 50 },
  { key: 'caveat', header: 'Caveat', width: 50 },
  { key: 'edition', header: 'Edition', width: 30 },
  { key: 'citation', header: 'Citation', width: 60 },
];

export { BENCHMARK_NAMES };

/** Rounds away floating-point noise without losing anything a reader needs (4 decimals; counts keep 2). */
export function roundNumber(v: number | null | undefined, decimals = 4): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A count for export: '<8' for disclosure-controlled counts 1-7, else the number. */
export function exportCount(ind: Pick<ProfileIndicator, 'disclosureControlled'>, n: number | null): Cell {
  if (n === null || !Number.isFinite(n)) return null;
  if (ind.disclosureControlled) {
    const shown = disclose(Math.max(0, Math.round(n)));
    if (!/^\d+$/.test(shown)) return shown;
  }
  return roundNumber(n, 2);
}

export function ambitionOf(id: AmbitionId): { number: number; title: string } {
  const a = AMBITIONS.find((x) => x.id === id);
  return a ? { number: a.number, title: a.title } : { number: 99, title: id };
}

export function indicatorRow(ind: ProfileIndicator, comparedWith: BenchmarkKey): Record<string, Cell> {
  const a = ambitionOf(ind.ambition);
  const notes = (['west', 'north', 'england'] as BenchmarkKey[])
    .filter((k) => ind.benchmarks[k].note)
    .map((k) => `${BENCHMARK_NAMES[k]}: ${ind.benchmarks[k].note}`)
    .join(' | ');
  const value = ind.valueType === 'count' ? exportCount(ind, ind.value) : roundNumber(ind.value);
  return {
    ambitionNumber: a.number,
    ambition: a.title,
    id: ind.id,
    name: ind.name,
    period: ind.period,
    unit: ind.unit,
    value,
    lower95: roundNumber(ind.ci95?.lower),
    upper95: roundNumber(ind.ci95?.upper),
    lower998: roundNumber(ind.ci998?.lower),
    upper998: roundNumber(ind.ci998?.upper),
    count: exportCount(ind, ind.numerator),
    denominator: roundNumber(ind.denominator, 2),
    estimate: ind.estimate ? 'yes' : 'no',
    wardsWithValue: ind.wardLevel ? ind.coverage.wards : null,
    wardsInArea: ind.coverage.of,
    level: ind.wardLevel ? 'ward' : 'council level only',
    west: roundNumber(ind.benchmarks.west.value),
    north: roundNumber(ind.benchmarks.north.value),
    england: roundNumber(ind.benchmarks.england.value),
    comparedWith: BENCHMARK_NAMES[comparedWith],
    comparison: comparisonLabel(ind.comparison),
    comparisonWest: comparisonLabel(ind.benchmarks.west.comparison),
    comparisonNorth: comparisonLabel(ind.benchmarks.north.comparison),
    comparisonEngland: comparisonLabel(ind.benchmarks.england.comparison),
    method: ind.method,
    note: ind.note ?? null,
    benchmarkNotes: notes || null,
    source: ind.source.name,
    publisher: ind.source.publisher,
    licence: ind.source.licence,
    plainDefinition: ind.plainDefinition ?? null,
    rangeLower: roundNumber(ind.range?.lower),
    rangeUpper: roundNumber(ind.range?.upper),
    valueNote: ind.valueNote ?? null,
    comparisonLevel: ind.comparisonLevel ?? null,
    notComparedReason: ind.notComparedReason ?? null,
    caveat: ind.caveat ?? null,
    edition: ind.edition?.label ?? null,
    citation: ind.source.citation ?? null,
  };
}

/** Every indicator, in ambition order (then profile order). */
export function profileRows(profile: Profile, comparedWith: BenchmarkKey): Record<string, Cell>[] {
  const order = new Map(AMBITIONS.map((a, i) => [a.id as string, i]));
  return [...profile.indicators]
    .map((ind, i) => ({ ind, i }))
    .sort((x, y) => (order.get(x.ind.ambition) ?? 99) - (order.get(y.ind.ambition) ?? 99) || x.i - y.i)
    .map(({ ind }) => indicatorRow(ind, comparedWith));
}
