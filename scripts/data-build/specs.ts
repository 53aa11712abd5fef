/**
 * How the bundled indicators are computed: one builder per pattern (exact small-area counts, Census percentages,
 * IoD scores and shares, mid-year age bands, DWP counts apportioned to wards), each turning an entry of the
 * catalogue (catalogue/*.ts: metadata from docs/indicator-catalogue.md where one matches) into an IndicatorSpec.
 * Every value is a source value or a documented sum/ratio of source counts.
 */
import { sharesFromCounts, type MissingPolicy, type SmallAreaCounts } from '../../shared/rollup.ts';
import type { AmbitionId } from '../../shared/ambitions.ts';
import type { BundleIndicator, Polarity, ValueType } from '../../shared/indicators-meta.ts';
import {
  componentCounts,
  derivedCells,
  ladCellsFromOwnSums,
  ladSums,
  makeCell,
  round,
  sourceValueCell,
  suppressedRangeCells,
  wardCells,
  wardCellsShared,
  type OutCell,
  type OutSeries,
  type ValueRule,
} from './engine.ts';
import { ENGLAND, ENGLAND_AND_WALES, LADS, LAD_NAMES, type Geo, type SmallGeography } from './geo.ts';
import type { Sources, TidyFile } from './sources.ts';

export interface Ctx {
  s: Sources;
  geo: Geo;
  /** Sanity checks and comparisons, written to the build log and the README. */
  checks: string[];
}

export interface IndicatorSpec {
  meta: BundleIndicator;
  build: (ctx: Ctx) => OutSeries[];
}

interface MetaIn {
  id: string;
  catalogueId?: string;
  name: string;
  shortName: string;
  ambition?: AmbitionId;
  topic: string;
  definition: string;
  valueType: ValueType;
  multiplier?: number;
  unit: string;
  polarity?: Polarity;
  datasetId: string;
  methodNote: string;
  wardLevel?: boolean;
}

/**
 * Polarity for indicators the catalogue does not list but whose direction is not a matter of opinion: more
 * deprivation, more bad health or more unemployment is worse. Identity and structure (age, ethnicity, religion,
 * tenure, accommodation type) stay 'no-judgement' and are shown as Higher / Lower.
 */
const DIRECTION_OUTSIDE_CATALOGUE: Readonly<Record<string, Polarity>> = {
  imd19_idaci_rate: 'low-is-good',
  imd19_idaopi_rate: 'low-is-good',
  census21_hh_deprived_2dim: 'low-is-good',
  census21_hh_deprived_3dim: 'low-is-good',
  census21_hh_deprived_4dim: 'low-is-good',
  census21_hh_deprived_1plus: 'low-is-good',
  census21_no_central_heating: 'low-is-good',
};

/** Fixed key order, so the JSON is stable. Unmatched indicators default to 'context' / 'no-judgement'. */
function meta(m: MetaIn): BundleIndicator {
  const out: BundleIndicator = {
    id: m.id,
    ...(m.catalogueId ? { catalogueId: m.catalogueId } : {}),
    name: m.name,
    shortName: m.shortName,
    ambition: m.ambition ?? 'context',
    topic: m.topic,
    definition: m.definition,
    valueType: m.valueType,
    multiplier: m.multiplier ?? (m.valueType === 'proportion' ? 100 : 1),
    unit: m.unit,
    polarity: m.polarity ?? DIRECTION_OUTSIDE_CATALOGUE[m.id] ?? 'no-judgement',
    missingIsZero: false,
    disclosureControlled: false,
    datasetId: m.datasetId,
    methodNote: m.methodNote,
    wardLevel: m.wardLevel ?? true,
  };
  return out;
}

const PROP: ValueRule = { valueType: 'proportion', multiplier: 100 };
const COUNT: ValueRule = { valueType: 'count', multiplier: 1 };

function rule(m: BundleIndicator): ValueRule {
  return { valueType: m.valueType, multiplier: m.multiplier };
}

const fmt = (x: number | null, dp = 1): string => (x === null ? 'n/a' : x.toFixed(dp));

// ---------------------------------------------------------------------------------------------
// Pattern: exact small-area counts (Census LSOA21/OA21, IoD2019 LSOA11, mid-2020 LSOA11)
// ---------------------------------------------------------------------------------------------

interface CountSpec {
  file: (s: Sources) => TidyFile;
  geography: SmallGeography;
  components: readonly string[];
  /** 'row': the components' own denominator column; 'none' for counts. */
  denominator: 'row' | 'none';
  period: string;
  missing?: MissingPolicy;
  /** Numerators blanked below a threshold: carried as a range (engine.ts suppressedRangeCells). */
  suppressed?: { threshold: number; englandDenId: string; what: string };
}

const GEO_LABEL: Record<SmallGeography, string> = { lsoa21: 'LSOA21', lsoa11: 'LSOA11', oa21: 'OA21' };
/** A complete DERIVED England row per geography, whose n_areas is the number of such areas in England. */
const ENGLAND_AREA_COUNT_REF: Record<SmallGeography, string> = {
  lsoa21: 'c21_ts038_disability_total',
  lsoa11: 'imd19_denom_total_population_mid2015',
  oa21: 'c21_ts008_sex_total',
};

function countsBuild(c: CountSpec, r: ValueRule) {
  return (ctx: Ctx): OutSeries[] => {
    const rows = componentCounts(c.file(ctx.s), c.components, c.denominator === 'row' ? { kind: 'row' } : { kind: 'none' });
    if (c.suppressed) {
      const sup = c.suppressed;
      return [{ period: c.period, cells: suppressedRangeCells(ctx.geo, ctx.s.derived, rows, { geography: c.geography, rule: r, numeratorId: c.components[0]!, ...sup }) }];
    }
    const missing = c.missing ?? 'propagate';
    const wards = wardCells(ctx.geo, rows, { geography: c.geography, rule: r, missing });
    const own = ladSums(ctx.geo, rows, c.geography, missing);
    const englandAreas = ctx.s.derived.only(ENGLAND_AREA_COUNT_REF[c.geography], ENGLAND).nAreas;
    const bench = derivedCells(ctx.s.derived, c.components, r, own, GEO_LABEL[c.geography], englandAreas);
    return [{ period: c.period, cells: [...bench, ...wards] }];
  };
}

export function countSpec(m: MetaIn, c: CountSpec): IndicatorSpec {
  const md = meta(m);
  return { meta: md, build: countsBuild(c, rule(md)) };
}

export const census = (s: Sources) => s.census;
export const age6 = (s: Sources) => s.age6;
const oaCounts = (s: Sources) => s.oaCounts;
export const imd19nums = (s: Sources) => s.imd19nums;
export const mye = (s: Sources) => s.mye2020;

export const C21_NOTE_LSOA =
  'Exact Census 2021 counts for each LSOA21 (ONS perturbed), summed: ward = sum over the LSOA21s that ONS best-fits to the ward (an estimate, because best-fit LSOAs do not follow ward boundaries exactly); council and England = sums of small-area counts (DERIVED file). E01027305 is in the West total but in no ward.';
const C21_NOTE_OA =
  'Exact Census 2021 counts for each OA21 (ONS perturbed), summed: ward = sum over the OA21s whose parent LSOA21 ONS best-fits to the ward (estimate); council and England = sums of small-area counts (DERIVED file). The OAs of E01027305 are in the West total but in no ward.';

export function censusProportion(
  m: Omit<MetaIn, 'valueType' | 'unit' | 'datasetId' | 'methodNote'> & { methodNote?: string; unit?: string },
  components: readonly string[],
  base: 'households' | 'residents',
  geography: 'lsoa21' | 'oa21' = 'lsoa21',
): IndicatorSpec {
  return countSpec(
    {
      ...m,
      valueType: 'proportion',
      unit: m.unit ?? (base === 'households' ? '% of households' : '% of usual residents'),
      datasetId: geography === 'oa21' ? 'census2021_oa21_counts' : 'census2021_lsoa21',
      methodNote: `${m.methodNote ? `${m.methodNote} ` : ''}${geography === 'oa21' ? C21_NOTE_OA : C21_NOTE_LSOA}`,
    },
    { file: geography === 'oa21' ? oaCounts : census, geography, components, denominator: 'row', period: '2021' },
  );
}

// ---------------------------------------------------------------------------------------------
// Pattern: Census percentage-only topics (OA percentages x an OA base) -> ward estimates
// ---------------------------------------------------------------------------------------------

type PctBase = 'residents' | 'residents5' | 'residents16' | 'households';

function oaValues(file: TidyFile, id: string): Map<string, number | null> {
  return new Map(file.indicator(id).map((r) => [r.areaCode, r.numerator ?? r.value] as const));
}

/** OA bases: usual residents (TS008 total), households (TS046 total), residents 16+ (estimated). */
function oaBase(ctx: Ctx, base: PctBase): Map<string, number> {
  const residents = oaValues(ctx.s.oaCounts, 'c21_ts008_sex_total');
  const households = oaValues(ctx.s.oaCounts, 'c21_ts046_heating_total');
  const out = new Map<string, number>();
  if (base === 'residents16') {
    // Share of each LSOA21's usual residents aged 16 and over (Census 2021 age bands: 1 - aged 15 and under / all).
    const share = new Map<string, number>();
    for (const r of ctx.s.age6.indicator('c21_age6_aged_15_years_and_under')) {
      share.set(r.areaCode, 1 - (r.numerator ?? 0) / (r.denominator ?? NaN));
    }
    for (const [oa, res] of residents) {
      const lsoa = ctx.geo.oa21ToLsoa21.get(oa)!;
      const sh = share.get(lsoa);
      if (res === null || sh === undefined || !Number.isFinite(sh)) throw new Error(`no 16+ base for ${oa}`);
      out.set(oa, res * sh);
    }
    return out;
  }
  if (base === 'residents5') {
    // Census 2021 has no under-5 count for OAs or LSOAs here: each OA's residents aged 5+ = its usual residents x
    // (1 - the share aged 0-4 of the ONS mid-2020 population of the LSOA11s best-fitted to the same ward).
    const young = lsoa11Population(ctx.s, 0, 4);
    const all = lsoa11Population(ctx.s, 0, 200);
    const byWard = new Map<string, { young: number; all: number }>();
    for (const [lsoa, n] of all) {
      const ward = ctx.geo.toWard.lsoa11.get(lsoa);
      if (!ward) continue;
      const e = byWard.get(ward) ?? { young: 0, all: 0 };
      e.young += young.get(lsoa) ?? NaN;
      e.all += n;
      byWard.set(ward, e);
    }
    for (const [oa, res] of residents) {
      const e = byWard.get(ctx.geo.toWard.oa21.get(oa) ?? '');
      const sh = e ? 1 - e.young / e.all : NaN;
      if (res === null || !Number.isFinite(sh)) throw new Error(`no 5+ base for ${oa}`);
      out.set(oa, res * sh);
    }
    return out;
  }
  const src = base === 'households' ? households : residents;
  for (const [oa, v] of src) {
    if (v === null) throw new Error(`no base for ${oa}`);
    out.set(oa, v);
  }
  return out;
}

const BASE_WORDS: Record<PctBase, string> = {
  residents: 'OA usual residents (TS008 total)',
  residents5: 'OA usual residents aged 5 and over, estimated as OA usual residents (TS008 total) x (1 - the share aged 0-4 of the ONS mid-2020 population of the LSOA11s best-fitted to the same ward), because the ONS base for this topic is residents aged 5 and over',
  residents16: 'OA residents aged 16 and over, estimated as OA usual residents (TS008 total) x the parent LSOA21 share aged 16+ (Census 2021 age bands)',
  households: 'OA households (TS046 total)',
};

export function pctSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'> & { extraNote?: string }, components: readonly string[], base: PctBase): IndicatorSpec {
  const md = meta({
    ...m,
    valueType: 'proportion',
    datasetId: 'census2021_percent_only',
    methodNote: `ESTIMATE at ward level. The source gives only ONS percentages (1 dp) for each OA, with no counts. Ward value = sum over the ward's OA21s of (OA % x base) / sum of base, where base = ${BASE_WORDS[base]}; numerator and denominator are these weighted sums, not published counts. OA21 -> LSOA21 -> ward is ONS best fit. Council values are made the same way as the ward values (sum over all the council's OA21), so a ward or LAP is compared like with like; the ONS published council percentage${components.length > 1 ? ' (sum of the published category percentages)' : ''} is given in the row note as context; the comparator is England and Wales (K04000001), not England: no England value is in the source.${m.extraNote ? ` ${m.extraNote}` : ''}`,
  });
  return {
    meta: md,
    build: (ctx) => {
      const pcts = components.map((id) => new Map(ctx.s.pct.indicator(id).map((r) => [r.areaCode, r.value] as const)));
      const baseMap = oaBase(ctx, base);
      const rows: SmallAreaCounts[] = [];
      for (const [oa, w] of baseMap) {
        const ps = pcts.map((p) => p.get(oa));
        const numerator = ps.some((p) => p === undefined || p === null) ? null : (ps.reduce<number>((a, p) => a + (p as number), 0) / 100) * w;
        rows.push({ code: oa, numerator, denominator: w });
      }
      const wards = wardCells(ctx.geo, rows, { geography: 'oa21', rule: PROP, method: 'OA percentages x OA base' });
      const cells: OutCell[] = [];
      const sumSource = (area: string): number | null => {
        const vals = pcts.map((p) => p.get(area));
        if (vals.some((v) => v === undefined || v === null)) return null;
        return round(vals.reduce<number>((a, v) => a + (v as number), 0), 4);
      };
      const ew = sumSource(ENGLAND_AND_WALES);
      cells.push(sourceValueCell(ENGLAND_AND_WALES, 'england_and_wales', ew, 'ONS published percentage for England AND Wales (not England)'));
      const own = ladSums(ctx.geo, rows, 'oa21', 'propagate');
      for (const lad of LADS) {
        const v = sumSource(lad);
        const o = own.find((c) => c.code === lad)!;
        // Like with like: the council figure is made the same way as the ward estimates; the published one is context.
        cells.push(
          makeCell(lad, 'lad', PROP, o.numerator, o.denominator, true, `estimate made the same way as the ward figures (sum over the council's ${o.areas} OA21 of OA % x base), so that wards and LAPs are compared like with like; ONS published council percentage: ${fmt(v)}%`),
        );
        const est = o.numerator !== null && o.denominator ? (o.numerator / o.denominator) * 100 : null;
        ctx.checks.push(`${md.id} ${LAD_NAMES[lad]}: published ${fmt(v)}%, our OA-weighted estimate ${fmt(est, 2)}%`);
      }
      return [{ period: '2021', cells: [...cells, ...wards] }];
    },
  };
}

export function pctLadOnlySpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote' | 'wardLevel'> & { extraNote?: string }, components: readonly string[]): IndicatorSpec {
  const md = meta({
    ...m,
    valueType: 'proportion',
    datasetId: 'census2021_percent_only',
    wardLevel: false,
    methodNote: `Council and England and Wales context only: the source has ONS percentages for the councils and England and Wales (K04000001, not England), and no small-area values for this topic. No ward value exists.${m.extraNote ? ` ${m.extraNote}` : ''}`,
  });
  return {
    meta: md,
    build: (ctx) => {
      const pcts = components.map((id) => new Map(ctx.s.pct.indicator(id).map((r) => [r.areaCode, r.value] as const)));
      const get = (area: string): number | null => {
        const vals = pcts.map((p) => p.get(area));
        if (vals.some((v) => v === undefined || v === null)) return null;
        return round(vals.reduce<number>((a, v) => a + (v as number), 0), 4);
      };
      return [
        {
          period: '2021',
          cells: [
            sourceValueCell(ENGLAND_AND_WALES, 'england_and_wales', get(ENGLAND_AND_WALES), 'ONS published percentage for England AND Wales (not England)'),
            ...LADS.map((lad) => sourceValueCell(lad, 'lad', get(lad), 'ONS published council percentage')),
          ],
        },
      ];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pattern: IoD2025 population-weighted mean scores (weights: Census 2021 usual residents)
// ---------------------------------------------------------------------------------------------

function censusResidents(s: Sources): Map<string, number> {
  return new Map(s.census.indicator('c21_ts038_disability_total').map((r) => [r.areaCode, r.numerator ?? r.value ?? NaN] as const));
}

export function meanScoreSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'> & { scale?: number }, scoreId: string, file10Id: string | null): IndicatorSpec {
  const scale = m.scale ?? 1;
  const md = meta({
    ...m,
    valueType: 'mean-score',
    multiplier: scale,
    datasetId: 'iod2025',
    methodNote: `Population-weighted mean of the IoD2025 LSOA21 ${scale === 100 ? 'scores (rates, shown as %)' : 'scores'}. The IoD2025 population denominators are not in the source, so the weights are Census 2021 usual residents of each LSOA21 (TS038 total): numerator = sum(score x residents), denominator = sum(residents), value = numerator / denominator${scale === 100 ? ' x 100' : ''}. Combine wards by summing numerators and denominators. Ward = LSOA21s best-fitted to the ward (estimate). ${file10Id ? `Council values are the official IoD2025 File 10 average scores (weighted by MHCLG with the IoD population${scale === 100 ? '; shown x 100' : ''}), so they can differ slightly from a Census-weighted mean.` : 'File 10 has no council value for this score: council values are the same Census-weighted mean computed here from all LSOA21s in the council.'} No England value is in the source. Scores are relative measures: ranks and deciles cannot be combined.`,
  });
  return {
    meta: md,
    build: (ctx) => {
      const weights = censusResidents(ctx.s);
      const rows: SmallAreaCounts[] = ctx.s.imd25.indicator(scoreId).map((r) => {
        const w = weights.get(r.areaCode);
        if (w === undefined || !Number.isFinite(w)) throw new Error(`no Census residents for ${r.areaCode}`);
        return { code: r.areaCode, numerator: r.value === null ? null : r.value * w, denominator: w };
      });
      const r: ValueRule = { valueType: 'mean-score', multiplier: scale };
      const wards = wardCells(ctx.geo, rows, { geography: 'lsoa21', rule: r, method: 'Census-resident-weighted mean of LSOA21 scores' });
      const own = ladSums(ctx.geo, rows, 'lsoa21', 'propagate');
      let lad: OutCell[];
      if (file10Id) {
        lad = LADS.map((code) => {
          const v = ctx.s.imd25.only(file10Id, code).value;
          const o = own.find((c) => c.code === code)!;
          const est = o.numerator !== null && o.denominator ? (o.numerator / o.denominator) * scale : null;
          ctx.checks.push(`${md.id} ${LAD_NAMES[code]}: File 10 ${fmt(v === null ? null : v * scale, 3)}, Census-weighted mean of LSOA21 ${fmt(est, 3)}`);
          return sourceValueCell(code, 'lad', v === null ? null : v * scale, 'IoD2025 File 10 average score (official)' + (scale === 100 ? ', x 100' : ''));
        });
      } else {
        lad = ladCellsFromOwnSums(ctx.geo, rows, { geography: 'lsoa21', rule: r }, 'Census-resident-weighted mean computed here');
      }
      return [{ period: '2025', cells: [...lad, ...wards] }];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pattern: population living in the most deprived 10% / 20% of LSOAs nationally
// ---------------------------------------------------------------------------------------------

export function decileShareSpec(m: Omit<MetaIn, 'valueType' | 'methodNote' | 'unit'>, edition: 2019 | 2025, maxDecile: 1 | 2): IndicatorSpec {
  const weightWords =
    edition === 2019
      ? 'IoD2019 File 6 total population (mid-2015, excluding prisoners) of each LSOA11'
      : 'Census 2021 usual residents (TS038 total) of each LSOA21 (the IoD2025 population denominators are not in the source)';
  const md = meta({
    ...m,
    valueType: 'proportion',
    unit: '% of population',
    methodNote: `Numerator = population of the LSOAs in IMD ${edition} decile ${maxDecile === 1 ? '1' : '1 or 2'} (the ${maxDecile * 10}% most deprived LSOAs in England); denominator = all population; population = ${weightWords}. An ordinary proportion: combine wards by summing. Ward = LSOAs best-fitted to the ward (estimate). Council values are the same sums over all the council's LSOAs (computed here). No England value: by construction ${maxDecile * 10}% of England's LSOAs are in ${maxDecile === 1 ? 'decile 1' : 'deciles 1-2'}, but England's population share is not in the source.`,
  });
  return {
    meta: md,
    build: (ctx) => {
      let rows: SmallAreaCounts[];
      let geography: SmallGeography;
      if (edition === 2019) {
        geography = 'lsoa11';
        const pop = new Map(ctx.s.imd19ranks.indicator('imd19_denom_total_population_mid2015').map((r) => [r.areaCode, r.value] as const));
        rows = ctx.s.imd19ranks.indicator('imd19_imd_decile').map((r) => {
          const w = pop.get(r.areaCode) ?? null;
          if (w === null || r.value === null) throw new Error(`IoD2019 decile/population missing for ${r.areaCode}`);
          return { code: r.areaCode, numerator: r.value <= maxDecile ? w : 0, denominator: w };
        });
      } else {
        geography = 'lsoa21';
        const pop = censusResidents(ctx.s);
        rows = ctx.s.imd25.indicator('imd25_imd_decile').map((r) => {
          const w = pop.get(r.areaCode);
          if (w === undefined || r.value === null) throw new Error(`IoD2025 decile/population missing for ${r.areaCode}`);
          return { code: r.areaCode, numerator: r.value <= maxDecile ? w : 0, denominator: w };
        });
      }
      const wards = wardCells(ctx.geo, rows, { geography, rule: PROP, method: `population of LSOAs in decile ${maxDecile === 1 ? '1' : '1-2'}` });
      const lad = ladCellsFromOwnSums(ctx.geo, rows, { geography, rule: PROP }, 'computed here');
      return [{ period: edition === 2019 ? '2019' : '2025', cells: [...lad, ...wards] }];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Pattern: IoD2025 numerators as counts; File 10 council-only values
// ---------------------------------------------------------------------------------------------

export function imd25CountSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote' | 'unit'>, numId: string, scaleId: string): IndicatorSpec {
  const md = meta({
    ...m,
    valueType: 'count',
    unit: 'people',
    datasetId: 'iod2025',
    methodNote:
      'Count of people (IoD2025 File 8 numerator), summed over LSOA21s: ward = LSOA21s best-fitted to the ward (estimate). Published as a count only: the IoD2025 denominators are not in the source, and dividing by Census 2021 residents would be a different measure from the IoD rate (see the mean-score indicator for the rate). Council values are the official File 10 "scale" (number of people deprived), which can differ slightly from the sum of the rounded LSOA numerators.',
  });
  return {
    meta: md,
    build: (ctx) => {
      const rows = componentCounts(ctx.s.imd25, [numId], { kind: 'none' });
      const wards = wardCells(ctx.geo, rows, { geography: 'lsoa21', rule: COUNT });
      const own = ladSums(ctx.geo, rows, 'lsoa21', 'propagate');
      const lad = LADS.map((code) => {
        const v = ctx.s.imd25.only(scaleId, code).value;
        ctx.checks.push(`${md.id} ${LAD_NAMES[code]}: File 10 scale ${fmt(v, 2)}, sum of LSOA21 numerators ${fmt(own.find((c) => c.code === code)!.numerator, 0)}`);
        return makeCell(code, 'lad', COUNT, v, null, false, 'IoD2025 File 10 scale (official)');
      });
      return [{ period: '2025', cells: [...lad, ...wards] }];
    },
  };
}

/**
 * IoD2025 income or employment deprivation as a true rate: numerator = the File 8 numerator; denominator = numerator /
 * published score for each LSOA21 (the IoD2025 denominators are not in the source, and the score is that ratio, given
 * to 3 decimals, so the recovered denominator is approximate). Ward = LSOA21s best-fitted to the ward; council = the
 * same sums over all its LSOA21s (like with like). No England value: the source covers only Northamptonshire LSOAs.
 */
export function imd25RateSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'>, numId: string, scoreId: string): IndicatorSpec {
  const md = meta({
    ...m,
    valueType: 'proportion',
    datasetId: 'iod2025',
    methodNote: `IoD2025 File 8 ${numId.replace(/^imd25_|_domain_numerator$/g, '')} domain numerator over a denominator recovered for each LSOA21 as numerator / published domain score (the score is the rate, given to 3 decimals, so each recovered denominator is within about 1-2% of the true one and sums are closer). Ward = LSOA21s best-fitted to the ward (estimate); council = the same sums over all the council's LSOA21s, so wards and LAPs are compared like with like. No England value: the source has only Northamptonshire LSOAs. An LSOA whose score is 0 has no recoverable denominator and makes the ward incomplete.`,
  });
  return {
    meta: md,
    build: (ctx) => {
      const scores = new Map(ctx.s.imd25.indicator(scoreId).map((r) => [r.areaCode, r.value] as const));
      const rows: SmallAreaCounts[] = ctx.s.imd25.indicator(numId).map((r) => {
        const num = r.numerator ?? r.value;
        const score = scores.get(r.areaCode);
        const ok = num !== null && score !== undefined && score !== null && score > 0;
        return { code: r.areaCode, numerator: ok ? num : null, denominator: ok ? num / score : null };
      });
      const wards = wardCells(ctx.geo, rows, { geography: 'lsoa21', rule: PROP, method: 'numerator / (numerator / published score)' });
      const lad = ladCellsFromOwnSums(ctx.geo, rows, { geography: 'lsoa21', rule: PROP }, 'numerator over recovered denominator, computed here');
      return [{ period: '2025', cells: [...lad, ...wards] }];
    },
  };
}

export function file10Spec(m: Omit<MetaIn, 'datasetId' | 'methodNote' | 'wardLevel'> & { methodNote: string }, id: string, scale = 1): IndicatorSpec {
  const md = meta({ ...m, datasetId: 'iod2025', wardLevel: false });
  return {
    meta: md,
    build: (ctx) => [
      {
        period: '2025',
        cells: LADS.map((code) => {
          const v = ctx.s.imd25.only(id, code).value;
          return sourceValueCell(code, 'lad', v === null ? null : v * scale, `IoD2025 File 10 (official)${scale !== 1 ? `, x ${scale}` : ''}`);
        }),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Pattern: mid-2020 population bands from single year of age
// ---------------------------------------------------------------------------------------------

function ages(from: number, to: number): string[] {
  const out: string[] = [];
  for (let a = from; a <= Math.min(to, 89); a++) out.push(`mye2020_age_${a}`);
  if (to >= 90) out.push('mye2020_age_90plus');
  return out;
}

export const MYE_NOTE =
  'ONS mid-2020 LSOA11 population estimates (persons), single years of age summed into the band; ward = LSOA11s mapped to the ward through LSOA11 -> LSOA21 -> ward (chained ONS best fit; estimate); council and England = sums of small-area counts (DERIVED file).';

export function myeBandProportion(id: string, label: string, from: number, to: number, catalogueId = 'CX03'): IndicatorSpec {
  return countSpec(
    {
      id,
      catalogueId,
      name: `Population aged ${label}, mid-2020 (% of all ages)`,
      shortName: `Aged ${label} (2020)`,
      topic: 'Population',
      definition: `ONS mid-2020 population estimate of persons aged ${label}, as a percentage of the population of all ages.`,
      valueType: 'proportion',
      unit: '% of population',
      datasetId: 'mye2020_lsoa11',
      methodNote: MYE_NOTE,
    },
    { file: mye, geography: 'lsoa11', components: ages(from, to), denominator: 'row', period: 'mid-2020' },
  );
}

export function myeBandCount(from: number, to: number): IndicatorSpec {
  const label = to >= 90 ? '90 and over' : `${from}-${to}`;
  const id = to >= 90 ? 'mye2020_age_90plus_count' : `mye2020_age_${String(from).padStart(2, '0')}_${String(to).padStart(2, '0')}_count`;
  return countSpec(
    {
      id,
      catalogueId: 'CX03',
      name: `Population aged ${label}, mid-2020 (count)`,
      shortName: `Aged ${label} (2020, count)`,
      topic: 'Population: five-year age bands',
      definition: `ONS mid-2020 population estimate of persons aged ${label}. One of the 19 five-year bands (0-4 ... 85-89, 90+) of the European Standard Population 2013, for directly standardised rates.`,
      valueType: 'count',
      unit: 'people',
      datasetId: 'mye2020_lsoa11',
      methodNote: MYE_NOTE,
    },
    { file: mye, geography: 'lsoa11', components: ages(from, to), denominator: 'none', period: 'mid-2020' },
  );
}

// ---------------------------------------------------------------------------------------------
// Pattern: DWP MSOA11 counts apportioned to wards
// ---------------------------------------------------------------------------------------------

function lsoa11Population(s: Sources, from: number, to: number): Map<string, number> {
  const ids = ages(from, to);
  const maps = ids.map((id) => new Map(s.mye2020.indicator(id).map((r) => [r.areaCode, r.value ?? NaN] as const)));
  const out = new Map<string, number>();
  for (const code of maps[0]!.keys()) out.set(code, maps.reduce((a, m) => a + (m.get(code) ?? NaN), 0));
  return out;
}

/** MSOA11 -> ward shares from each LSOA11's mid-2020 population in an age range (incl. the Cherwell ward part). */
export function msoaShares(ctx: Ctx, from: number, to: number) {
  const pop = lsoa11Population(ctx.s, from, to);
  const parts = [...ctx.geo.lsoa11ToMsoa11.entries()].map(([lsoa, msoa]) => {
    const ward = ctx.geo.toWard.lsoa11.get(lsoa);
    const count = pop.get(lsoa);
    if (!ward || count === undefined || !Number.isFinite(count)) throw new Error(`no ward or population for ${lsoa}`);
    return { source: msoa, target: ward, count };
  });
  return sharesFromCounts(parts);
}

function dwpPeriodLabel(p: string): { period: string; flag: string } {
  const m = /^(.*?)\s*\((p|r)\)$/.exec(p);
  if (!m) return { period: p, flag: '' };
  return { period: m[1]!, flag: m[2] === 'p' ? 'provisional' : 'revised' };
}

export function dwpCountSpec(m: Omit<MetaIn, 'valueType' | 'methodNote'>, indicatorId: string, periods: (all: string[]) => string[], from: number, to: number, shareWords: string): IndicatorSpec {
  const md = meta({
    ...m,
    valueType: 'count',
    methodNote: `Council values: DWP Stat-Xplore local-authority counts (source values). Ward values are ESTIMATES: each MSOA11 count is split between wards in proportion to ${shareWords} (LSOA11 populations, LSOA11 -> ward chained best fit), then summed; fractional results are kept (to 3 dp) so that wards add up. MSOAs do not nest in wards. A ward taking a share of a blank ('..', nil or negligible) MSOA is left blank. No England value in the source. DWP applies statistical disclosure control, so MSOA sums differ slightly from the council values.`,
  });
  return {
    meta: md,
    build: (ctx) => {
      const rows = ctx.s.dwp.indicator(indicatorId);
      const all = [...new Set(rows.map((r) => r.period))];
      const shares = msoaShares(ctx, from, to);
      return periods(all).map((p): OutSeries => {
        const { period, flag } = dwpPeriodLabel(p);
        const msoa: SmallAreaCounts[] = rows.filter((r) => r.period === p && r.areaType === 'msoa11').map((r) => ({ code: r.areaCode, numerator: r.value, denominator: null }));
        if (msoa.length !== 91) throw new Error(`DWP ${indicatorId} ${p}: expected 91 MSOA11, found ${msoa.length}`);
        const flagNote = flag ? ` (${flag})` : '';
        const wards = wardCellsShared(ctx.geo, msoa, shares, COUNT, `MSOA11 counts split by ${shareWords}${flagNote}`);
        const lad = LADS.map((code) => {
          const r = ctx.s.dwp.get(indicatorId, code, p);
          if (!r) throw new Error(`DWP ${indicatorId}: no ${code} ${p}`);
          return makeCell(code, 'lad', COUNT, r.value, null, false, `DWP Stat-Xplore local-authority value${flagNote}`);
        });
        return { period, cells: [...lad, ...wards] };
      });
    },
  };
}

export function cilifRateSpec(): IndicatorSpec {
  const md = meta({
    id: 'dwp_cilif_children_rate',
    name: 'Children in relative low income families per 100 children aged 0-15 (2020/21)',
    shortName: 'Children in low income families (rate)',
    ambition: 'employment',
    topic: 'Poverty',
    definition:
      'DWP count of dependent children in relative low income families (before housing costs), financial year 2020/21, per 100 children aged 0-15 (ONS mid-2020). NOT the Fingertips/DWP under-16 percentage: the numerator includes dependent 16-19 year olds in full-time non-advanced education (the export has no age filter), while the denominator is ages 0-15, so this rate is higher than the published under-16 percentage.',
    valueType: 'crude-rate',
    multiplier: 100,
    unit: 'per 100 children aged 0-15',
    polarity: 'low-is-good',
    datasetId: 'dwp_cilif',
    methodNote:
      'Numerator: DWP CiLIF count for 2020/21 (council: DWP local-authority value; ward: ESTIMATE, MSOA11 counts apportioned by the ward share of each MSOA\'s mid-2020 population aged 0-15). Denominator: ONS mid-2020 population aged 0-15, summed from LSOA11 (ward: LSOA11 best-fitted to the ward; council: all LSOA11 in the council). Only 2020/21 is given as a rate, because mid-2020 matches that year. A crude ratio, not a proportion, because numerator and denominator cover different ages. No England value in the source.',
  });
  return {
    meta: md,
    build: (ctx) => {
      const p = '2020/21';
      const shares = msoaShares(ctx, 0, 15);
      const rows = ctx.s.dwp.indicator('dwp_cilif_relative_children');
      const msoa: SmallAreaCounts[] = rows.filter((r) => r.period === p && r.areaType === 'msoa11').map((r) => ({ code: r.areaCode, numerator: r.value, denominator: null }));
      const r: ValueRule = { valueType: 'crude-rate', multiplier: 100 };
      const num = wardCellsShared(ctx.geo, msoa, shares, COUNT, 'MSOA11 counts split by mid-2020 population aged 0-15');
      const denRows = componentCounts(ctx.s.mye2020, ages(0, 15), { kind: 'none' });
      const den = wardCells(ctx.geo, denRows, { geography: 'lsoa11', rule: COUNT });
      const wards = num.map((n, i) => {
        const d = den[i]!;
        if (d.areaCode !== n.areaCode) throw new Error('ward order mismatch');
        return makeCell(n.areaCode, 'ward', r, n.numerator, d.numerator, true, `${n.note}; denominator: ${d.note}`);
      });
      const ownDen = ladSums(ctx.geo, denRows, 'lsoa11', 'propagate');
      const lad = LADS.map((code) => {
        const c = ctx.s.dwp.get('dwp_cilif_relative_children', code, p);
        const d = ownDen.find((x) => x.code === code)!.numerator;
        return makeCell(code, 'lad', r, c?.value ?? null, d, false, `numerator: DWP local-authority value; denominator: sum of ${ownDen.find((x) => x.code === code)!.areas} LSOA11 mid-2020 populations aged 0-15`);
      });
      return [{ period: p, cells: [...lad, ...wards] }];
    },
  };
}
