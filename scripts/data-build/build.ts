/**
 * Builds every output file in memory: assets/dataset/bundle.json, assets/dataset/README.md and
 * assets/lookups/*.csv. Deterministic: no timestamps, fixed ordering, fixed number formatting.
 */
import { BUNDLE_COLUMNS, BUNDLE_FORMAT, type Bundle, type BundleRow } from '../../shared/indicators-meta.ts';
import { AMBITION_IDS } from '../../shared/ambitions.ts';
import { DATASETS } from './datasets.ts';
import { buildGeo, CHERWELL_LSOA, ENGLAND, ENGLAND_AND_WALES, NORTH, WEST } from './geo.ts';
import { indicatorSpecs } from './indicators.ts';
import type { Ctx } from './specs.ts';
import { buildPracticeIndicators, census2011OnlySpecs, CENSUS2011_DATASET, healthFiles, HEALTH_DATASETS, wardHealthSpecs, withCensus2011 } from './health.ts';
import { buildLookups } from './lookups.ts';
import { renderReadme } from './readme.ts';
import { loadSources } from './sources.ts';

export const BUNDLE_PATH = 'assets/dataset/bundle.json';
export const README_PATH = 'assets/dataset/README.md';

export const BUNDLE_NOTES = [
  'Ward values are sums of small-area counts (LSOA 2021, LSOA 2011 or OA 2021) through ONS best-fit lookups, or MSOA counts apportioned by population: they are estimates (estimate: true), because best-fit small areas do not follow ward boundaries exactly.',
  `${CHERWELL_LSOA} (West Northamptonshire 048E) lies in West Northamptonshire but ONS best-fits it to a Cherwell ward (E05010929): it belongs to none of the 57 wards, but it is included in every West Northamptonshire (E06000062) council total. So West council totals are slightly larger than the sum of the 31 West wards.`,
  'Council (lad) and England values are source values where the source has them; otherwise sums of small-area counts (DERIVED_lad_england_sums_of_small_area_counts.csv, or computed here), labelled as such in the row note.',
  'K04000001 (areaType england_and_wales) is England AND Wales, not England. It is the only national comparator for the percentage-only Census topics.',
  'Combine wards (e.g. into a LAP) by summing numerators and denominators and computing the value once; never average ward values. Ranks, File 10 values and council-only indicators (wardLevel: false) cannot be combined.',
  'null means missing (blank or not available), never zero.',
  'A 10th element, numeratorUpper, is present only where the source suppressed some small counts (IoD2019 numerators under 10): numerator is then the sum with each suppressed count at 0 and numeratorUpper the sum with each at 9; value is the midpoint. Compare only when both ends agree.',
];

const AREA_RANK: Record<string, number> = { england: 0, england_and_wales: 1, lad: 2, ward: 3 };
const LAD_RANK: Record<string, number> = { [NORTH]: 0, [WEST]: 1 };

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** One row per line: compact, diff-friendly and byte-stable. */
export function serialiseBundle(b: Bundle): string {
  const lines: string[] = [];
  lines.push('{');
  lines.push(`"format":${json(b.format)},`);
  lines.push(`"notes":[\n${b.notes.map(json).join(',\n')}\n],`);
  lines.push(`"datasets":[\n${b.datasets.map(json).join(',\n')}\n],`);
  lines.push(`"indicators":[\n${b.indicators.map(json).join(',\n')}\n],`);
  lines.push(`"columns":${json(b.columns)},`);
  lines.push(`"rows":[\n${b.rows.map(json).join(',\n')}\n]`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

export interface BuildResult {
  files: Map<string, string>;
  bundle: Bundle;
  checks: string[];
}

export function buildAll(dataDir: string): BuildResult {
  const s = loadSources(dataDir);
  const geo = buildGeo(s);
  const ctx: Ctx = { s, geo, checks: [] };
  const practices = buildPracticeIndicators(ctx);
  const specs = [...withCensus2011(indicatorSpecs()), ...census2011OnlySpecs(), ...wardHealthSpecs(), ...practices.specs];
  const datasets = [...DATASETS, ...HEALTH_DATASETS, CENSUS2011_DATASET];

  const ids = new Set<string>();
  const datasetIds = new Set(datasets.map((d) => d.id));
  const wardSet = new Set(geo.wardCodes);
  const rows: BundleRow[] = [];
  for (const spec of specs) {
    const m = spec.meta;
    if (ids.has(m.id)) throw new Error(`duplicate indicator id ${m.id}`);
    ids.add(m.id);
    if (!datasetIds.has(m.datasetId)) throw new Error(`${m.id}: unknown dataset ${m.datasetId}`);
    if (!AMBITION_IDS.includes(m.ambition)) throw new Error(`${m.id}: unknown ambition ${m.ambition}`);
    const series = spec.build(ctx);
    const periods = new Set<string>();
    for (const ser of series) {
      if (periods.has(ser.period)) throw new Error(`${m.id}: duplicate period ${ser.period}`);
      periods.add(ser.period);
      const cells = [...ser.cells].sort(
        (a, b) => AREA_RANK[a.areaType]! - AREA_RANK[b.areaType]! || (LAD_RANK[a.areaCode] ?? 0) - (LAD_RANK[b.areaCode] ?? 0) || a.areaCode.localeCompare(b.areaCode),
      );
      const seen = new Set<string>();
      for (const c of cells) {
        if (seen.has(c.areaCode)) throw new Error(`${m.id} ${ser.period}: duplicate area ${c.areaCode}`);
        seen.add(c.areaCode);
        if (c.areaType === 'ward' && (!wardSet.has(c.areaCode) || !m.wardLevel)) throw new Error(`${m.id}: bad ward row ${c.areaCode}`);
        if (c.areaType === 'england' && c.areaCode !== ENGLAND) throw new Error(`${m.id}: bad England code`);
        if (c.areaType === 'england_and_wales' && c.areaCode !== ENGLAND_AND_WALES) throw new Error(`${m.id}: bad E&W code`);
        if (m.valueType === 'proportion' && c.numerator !== null && c.denominator !== null && c.numerator > c.denominator + 1e-6) {
          throw new Error(`${m.id} ${c.areaCode}: numerator ${c.numerator} > denominator ${c.denominator}`);
        }
        const row: BundleRow = [m.id, c.areaCode, c.areaType, ser.period, c.numerator, c.denominator, c.value, c.estimate, c.note];
        if (c.numeratorUpper !== undefined) row.push(c.numeratorUpper);
        rows.push(row);
      }
      if (m.wardLevel && cells.filter((c) => c.areaType === 'ward').length !== geo.wardCodes.length) throw new Error(`${m.id} ${ser.period}: not every ward has a row`);
    }
  }

  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    notes: BUNDLE_NOTES,
    datasets,
    indicators: specs.map((x) => x.meta),
    columns: BUNDLE_COLUMNS,
    rows,
  };

  // Headline checks.
  const pop = (code: string) => rows.find((r) => r[0] === 'census21_usual_residents' && r[1] === code)?.[6];
  ctx.checks.unshift(
    `Census 2021 usual residents: West ${pop(WEST)}, North ${pop(NORTH)}, England ${pop(ENGLAND)}; sum of the 31 West wards ${rows
      .filter((r) => r[0] === 'census21_usual_residents' && r[2] === 'ward' && geo.wards.find((w) => w.code === r[1])?.lad === WEST)
      .reduce((a, r) => a + (r[6] ?? 0), 0)} (West minus ${CHERWELL_LSOA})`,
  );

  const files = new Map<string, string>();
  const bundleText = serialiseBundle(bundle);
  files.set(BUNDLE_PATH, bundleText);
  for (const [p, text] of buildLookups(ctx)) files.set(p, text);
  for (const [p, text] of healthFiles(ctx, practices)) files.set(p, text);
  files.set(README_PATH, renderReadme(bundle, ctx.checks, Buffer.byteLength(bundleText)));
  return { files, bundle, checks: ctx.checks };
}
