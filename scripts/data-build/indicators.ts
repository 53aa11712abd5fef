/**
 * The bundled indicators: metadata (from docs/indicator-catalogue.md where one matches) and how each is
 * computed. Every value is a source value or a documented sum/ratio of source counts.
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

function countSpec(m: MetaIn, c: CountSpec): IndicatorSpec {
  const md = meta(m);
  return { meta: md, build: countsBuild(c, rule(md)) };
}

const census = (s: Sources) => s.census;
const age6 = (s: Sources) => s.age6;
const oaCounts = (s: Sources) => s.oaCounts;
const imd19nums = (s: Sources) => s.imd19nums;
const mye = (s: Sources) => s.mye2020;

const C21_NOTE_LSOA =
  'Exact Census 2021 counts for each LSOA21 (ONS perturbed), summed: ward = sum over the LSOA21s that ONS best-fits to the ward (an estimate, because best-fit LSOAs do not follow ward boundaries exactly); council and England = sums of small-area counts (DERIVED file). E01027305 is in the West total but in no ward.';
const C21_NOTE_OA =
  'Exact Census 2021 counts for each OA21 (ONS perturbed), summed: ward = sum over the OA21s whose parent LSOA21 ONS best-fits to the ward (estimate); council and England = sums of small-area counts (DERIVED file). The OAs of E01027305 are in the West total but in no ward.';

function censusProportion(
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

function pctSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'> & { extraNote?: string }, components: readonly string[], base: PctBase): IndicatorSpec {
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

function pctLadOnlySpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote' | 'wardLevel'> & { extraNote?: string }, components: readonly string[]): IndicatorSpec {
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

function meanScoreSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'> & { scale?: number }, scoreId: string, file10Id: string | null): IndicatorSpec {
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

function decileShareSpec(m: Omit<MetaIn, 'valueType' | 'methodNote' | 'unit'>, edition: 2019 | 2025, maxDecile: 1 | 2): IndicatorSpec {
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

function imd25CountSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote' | 'unit'>, numId: string, scaleId: string): IndicatorSpec {
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
function imd25RateSpec(m: Omit<MetaIn, 'valueType' | 'datasetId' | 'methodNote'>, numId: string, scoreId: string): IndicatorSpec {
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

function file10Spec(m: Omit<MetaIn, 'datasetId' | 'methodNote' | 'wardLevel'> & { methodNote: string }, id: string, scale = 1): IndicatorSpec {
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

const MYE_NOTE =
  'ONS mid-2020 LSOA11 population estimates (persons), single years of age summed into the band; ward = LSOA11s mapped to the ward through LSOA11 -> LSOA21 -> ward (chained ONS best fit; estimate); council and England = sums of small-area counts (DERIVED file).';

function myeBandProportion(id: string, label: string, from: number, to: number, catalogueId = 'CX03'): IndicatorSpec {
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

function myeBandCount(from: number, to: number): IndicatorSpec {
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

function dwpCountSpec(m: Omit<MetaIn, 'valueType' | 'methodNote'>, indicatorId: string, periods: (all: string[]) => string[], from: number, to: number, shareWords: string): IndicatorSpec {
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

function cilifRateSpec(): IndicatorSpec {
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

// ---------------------------------------------------------------------------------------------
// The list, in profile order
// ---------------------------------------------------------------------------------------------

const AGE6 = [
  ['c21_age6_aged_15_years_and_under', '0_15', '0-15'],
  ['c21_age6_aged_16_to_24_years', '16_24', '16-24'],
  ['c21_age6_aged_25_to_34_years', '25_34', '25-34'],
  ['c21_age6_aged_35_to_49_years', '35_49', '35-49'],
  ['c21_age6_aged_50_to_64_years', '50_64', '50-64'],
  ['c21_age6_aged_65_years_and_over', '65plus', '65 and over'],
] as const;

const AGE6_NOTE =
  'Census 2021 usual residents by age (6 categories) for each LSOA21; the denominator is the sum of the 6 bands in the same table (all usual residents; may differ by a few people from other tables because of ONS perturbation). Ward = LSOA21s best-fitted to the ward (estimate); council and England = sums of small-area counts (DERIVED file).';

function age6Specs(): IndicatorSpec[] {
  const out: IndicatorSpec[] = [];
  for (const [src, key, label] of AGE6) {
    out.push(
      countSpec(
        {
          id: `census21_age_${key}_pct`,
          catalogueId: 'CX03',
          name: `Usual residents aged ${label} (% of all usual residents), Census 2021`,
          shortName: `Aged ${label} (%)`,
          topic: 'Population',
          definition: `Census 2021 usual residents aged ${label} as a percentage of all usual residents.`,
          valueType: 'proportion',
          unit: '% of usual residents',
          datasetId: 'census2021_age6_lsoa21',
          methodNote: AGE6_NOTE,
        },
        { file: age6, geography: 'lsoa21', components: [src], denominator: 'row', period: '2021' },
      ),
    );
  }
  for (const [src, key, label] of AGE6) {
    out.push(
      countSpec(
        {
          id: `census21_age_${key}`,
          catalogueId: 'CX03',
          name: `Usual residents aged ${label} (count), Census 2021`,
          shortName: `Aged ${label}`,
          topic: 'Population',
          definition: `Number of Census 2021 usual residents aged ${label}.`,
          valueType: 'count',
          unit: 'people',
          datasetId: 'census2021_age6_lsoa21',
          methodNote: AGE6_NOTE,
        },
        { file: age6, geography: 'lsoa21', components: [src], denominator: 'none', period: '2021' },
      ),
    );
  }
  return out;
}

const HH = 'c21_ts011_hh_deprivation_household_is_deprived_in_';
const TEN = 'c21_ts054_tenure_';
const ACC = 'c21_ts044_accommodation_';
const ETH = 'c21_ts021_ethnic_group_';
const REL = 'c21_ts030_religion_';

const ETHNIC = [
  ['asian', 'asian_asian_british_or_asian_welsh', 'Asian, Asian British or Asian Welsh'],
  ['black', 'black_black_british_black_welsh_caribbean_or_african', 'Black, Black British, Black Welsh, Caribbean or African'],
  ['mixed', 'mixed_or_multiple_ethnic_groups', 'Mixed or Multiple ethnic groups'],
  ['other', 'other_ethnic_group', 'Other ethnic group'],
  ['white', 'white', 'White'],
] as const;

const RELIGIONS = [
  ['christian', 'Christian'],
  ['muslim', 'Muslim'],
  ['hindu', 'Hindu'],
  ['sikh', 'Sikh'],
  ['jewish', 'Jewish'],
  ['buddhist', 'Buddhist'],
  ['other_religion', 'Other religion'],
  ['no_religion', 'No religion'],
  ['not_answered', 'Religion not answered'],
] as const;

const IOD19_NOTE = (num: string, den: string) =>
  `IoD2019 File 8 ${num} over the File 6 ${den} (mid-2015, excluding prisoners); by the IoD definitions this ratio is the domain score (a rate). Ward = sum over LSOA11s mapped to the ward (LSOA11 -> LSOA21 -> ward, chained ONS best fit; estimate). LSOA11s whose numerator is blank in the source (suppressed: fewer than 10) keep their denominator and count as 0 to 9, so ward, council and England values are ranges (lower end: blanks at 0; upper end: blanks at 9) shown as the midpoint; a comparison is made only when both ends agree. England = the sum over all 32,844 LSOA11 (DERIVED file numerator sum, whose blank areas are the suppressed ones, over the full File 6 denominator). IoD2019 numerators are rounded in the source.`;

export function indicatorSpecs(): IndicatorSpec[] {
  const specs: IndicatorSpec[] = [];

  // --- Population --------------------------------------------------------------------------
  specs.push(
    countSpec(
      {
        id: 'census21_usual_residents',
        catalogueId: 'CX01',
        name: 'Usual residents, Census 2021',
        shortName: 'Population (2021)',
        topic: 'Population',
        definition: 'All usual residents on Census day 2021 (the total of Census table TS038).',
        valueType: 'count',
        unit: 'people',
        datasetId: 'census2021_lsoa21',
        methodNote: `Total of TS038 for each LSOA21; it equals the ONS published council totals to within rounding (West 425,728 vs 425,700; North 359,519 vs 359,500). ${C21_NOTE_LSOA}`,
      },
      { file: census, geography: 'lsoa21', components: ['c21_ts038_disability_total'], denominator: 'none', period: '2021' },
    ),
  );
  specs.push(...age6Specs());
  specs.push(
    countSpec(
      {
        id: 'census21_households',
        catalogueId: 'CX05',
        name: 'Households, Census 2021',
        shortName: 'Households (2021)',
        topic: 'Population',
        definition: 'All households on Census day 2021 (the total of Census table TS054, tenure).',
        valueType: 'count',
        unit: 'households',
        datasetId: 'census2021_lsoa21',
        methodNote: `Total of TS054 for each LSOA21 (other household tables differ by a few households because of ONS perturbation). ${C21_NOTE_LSOA}`,
      },
      { file: census, geography: 'lsoa21', components: ['c21_ts054_tenure_total'], denominator: 'none', period: '2021' },
    ),
  );
  specs.push(
    countSpec(
      {
        id: 'mye2020_population',
        catalogueId: 'CX01',
        name: 'Population, ONS mid-2020 estimate',
        shortName: 'Population (mid-2020)',
        topic: 'Population',
        definition: 'ONS mid-2020 population estimate, persons of all ages.',
        valueType: 'count',
        unit: 'people',
        datasetId: 'mye2020_lsoa11',
        methodNote: MYE_NOTE,
      },
      { file: mye, geography: 'lsoa11', components: ['mye2020_all_ages'], denominator: 'none', period: 'mid-2020' },
    ),
  );
  specs.push(
    myeBandProportion('mye2020_age_0_4_pct', '0-4', 0, 4),
    myeBandProportion('mye2020_age_0_15_pct', '0-15', 0, 15),
    myeBandProportion('mye2020_age_16_64_pct', '16-64', 16, 64),
    myeBandProportion('mye2020_age_65plus_pct', '65 and over', 65, 200),
    myeBandProportion('mye2020_age_75plus_pct', '75 and over', 75, 200),
    myeBandProportion('mye2020_age_85plus_pct', '85 and over', 85, 200),
  );
  for (let a = 0; a <= 85; a += 5) specs.push(myeBandCount(a, a + 4));
  specs.push(myeBandCount(90, 200));

  // --- Deprivation: IMD 2019 ---------------------------------------------------------------
  specs.push(
    countSpec(
      {
        id: 'imd19_income_rate',
        catalogueId: 'CX12',
        name: 'Income deprivation rate (IoD2019 Income domain score)',
        shortName: 'Income deprivation (IoD2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'People experiencing income deprivation as a percentage of the total population (IoD2019 Income Deprivation Domain score x 100).',
        valueType: 'proportion',
        unit: '% of population',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('Income Deprivation Domain numerator', 'total population'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_income_domain_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_total_population_mid2015', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_employment_rate',
        catalogueId: 'CX12',
        name: 'Employment deprivation rate (IoD2019 Employment domain score)',
        shortName: 'Employment deprivation (IoD2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Working-age people (18-59/64) involuntarily excluded from the labour market, as a percentage of the working-age population (IoD2019 Employment Deprivation Domain score x 100).',
        valueType: 'proportion',
        unit: '% of working-age population',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('Employment Deprivation Domain numerator', 'working-age population 18-59/64'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_employment_domain_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_working_age_18_59_64', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_idaci_rate',
        name: 'Income Deprivation Affecting Children Index (IDACI 2019)',
        shortName: 'IDACI (IoD2019)',
        topic: 'Deprivation',
        definition: 'Children aged 0-15 living in income-deprived families, as a percentage of all children aged 0-15 (IoD2019 IDACI score x 100).',
        valueType: 'proportion',
        unit: '% of children aged 0-15',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('IDACI numerator', 'dependent children aged 0-15'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_idaci_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_children_0_15_mid2015', what: 'IoD2019 LSOA11' } },
    ),
    countSpec(
      {
        id: 'imd19_idaopi_rate',
        name: 'Income Deprivation Affecting Older People Index (IDAOPI 2019)',
        shortName: 'IDAOPI (IoD2019)',
        topic: 'Deprivation',
        definition: 'People aged 60 and over experiencing income deprivation, as a percentage of all people aged 60 and over (IoD2019 IDAOPI score x 100).',
        valueType: 'proportion',
        unit: '% of people aged 60+',
        datasetId: 'iod2019',
        methodNote: IOD19_NOTE('IDAOPI numerator', 'older population aged 60 and over'),
      },
      { file: imd19nums, geography: 'lsoa11', components: ['imd19_idaopi_numerator'], denominator: 'row', period: '2019', suppressed: { threshold: 10, englandDenId: 'imd19_denom_older_60plus_mid2015', what: 'IoD2019 LSOA11' } },
    ),
  );
  specs.push(
    decileShareSpec(
      {
        id: 'imd19_pop_most_deprived_10pct',
        catalogueId: 'CX11',
        name: "Population living in England's 10% most deprived LSOAs (IMD 2019)",
        shortName: 'In most deprived 10% (IMD 2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of the population living in LSOAs in IMD 2019 decile 1 (the 10% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
      },
      2019,
      1,
    ),
    decileShareSpec(
      {
        id: 'imd19_pop_most_deprived_20pct',
        catalogueId: 'CX11',
        name: "Population living in England's 20% most deprived LSOAs (IMD 2019)",
        shortName: 'In most deprived 20% (IMD 2019)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of the population living in LSOAs in IMD 2019 deciles 1-2 (the 20% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2019',
      },
      2019,
      2,
    ),
  );

  // --- Deprivation: IMD 2025 ---------------------------------------------------------------
  specs.push(
    meanScoreSpec(
      {
        id: 'imd25_imd_score',
        catalogueId: 'CX11',
        name: 'Index of Multiple Deprivation 2025, average score',
        shortName: 'IMD 2025 score',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IMD 2025 scores of the LSOAs in the area (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_imd_score',
      'imd25_lad_imd_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_income_score',
        catalogueId: 'CX12',
        name: 'Income deprivation, IoD2025 Income domain average score',
        shortName: 'Income deprivation (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Income domain scores (the share of people income-deprived), shown as a percentage.',
        unit: '%',
        polarity: 'low-is-good',
        scale: 100,
      },
      'imd25_income_score',
      'imd25_lad_income_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_employment_score',
        catalogueId: 'CX12',
        name: 'Employment deprivation, IoD2025 Employment domain average score',
        shortName: 'Employment deprivation (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Employment domain scores (the share of working-age people employment-deprived), shown as a percentage.',
        unit: '%',
        polarity: 'low-is-good',
        scale: 100,
      },
      'imd25_employment_score',
      'imd25_lad_employment_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_education_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Education, Skills and Training domain, average score',
        shortName: 'Education deprivation (IoD2025)',
        ambition: 'education',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Education, Skills and Training domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_education_score',
      'imd25_lad_education_skills_and_training_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_health_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Health Deprivation and Disability domain, average score',
        shortName: 'Health deprivation (IoD2025)',
        ambition: 'fit-well',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Health Deprivation and Disability domain scores (higher = more deprived; 0 = England average).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_health_score',
      'imd25_lad_health_deprivation_and_disability_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_crime_score',
        catalogueId: 'FS06',
        name: 'IoD2025 Crime domain, average score',
        shortName: 'Crime deprivation (IoD2025)',
        ambition: 'safe',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Crime domain scores (higher = more deprived; 0 = England average).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_crime_score',
      'imd25_lad_crime_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_living_environment_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Living Environment domain, average score',
        shortName: 'Living environment deprivation (IoD2025)',
        ambition: 'housing',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Living Environment domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_environment_score',
      'imd25_lad_living_environment_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_barriers_score',
        catalogueId: 'CX12',
        name: 'IoD2025 Barriers to Housing and Services domain, average score',
        shortName: 'Barriers to housing and services (IoD2025)',
        ambition: 'connected',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Barriers to Housing and Services domain scores (higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_housing_and_services_score',
      'imd25_lad_barriers_to_housing_and_services_average_score',
    ),
    meanScoreSpec(
      {
        id: 'imd25_geographical_barriers_score',
        catalogueId: 'CN06',
        name: 'IoD2025 Geographical Barriers sub-domain, average score',
        shortName: 'Geographical barriers (IoD2025)',
        ambition: 'connected',
        topic: 'Deprivation',
        definition: 'Population-weighted average of the IoD2025 Geographical Barriers sub-domain scores (road distances to key services; higher = more deprived).',
        unit: 'score',
        polarity: 'low-is-good',
      },
      'imd25_sub_geographical_barriers_score',
      null,
    ),
  );
  specs.push(
    decileShareSpec(
      {
        id: 'imd25_pop_most_deprived_10pct',
        catalogueId: 'CX11',
        name: "Population living in England's 10% most deprived LSOAs (IMD 2025)",
        shortName: 'In most deprived 10% (IMD 2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of Census 2021 usual residents living in LSOAs in IMD 2025 decile 1 (the 10% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2025',
      },
      2025,
      1,
    ),
    decileShareSpec(
      {
        id: 'imd25_pop_most_deprived_20pct',
        catalogueId: 'CX11',
        name: "Population living in England's 20% most deprived LSOAs (IMD 2025)",
        shortName: 'In most deprived 20% (IMD 2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Percentage of Census 2021 usual residents living in LSOAs in IMD 2025 deciles 1-2 (the 20% most deprived in England).',
        polarity: 'low-is-good',
        datasetId: 'iod2025',
      },
      2025,
      2,
    ),
  );
  specs.push(
    imd25CountSpec(
      {
        id: 'imd25_income_deprived_people',
        name: 'People income-deprived (IoD2025 Income domain numerator)',
        shortName: 'Income-deprived people (IoD2025)',
        topic: 'Deprivation',
        definition: 'Number of people experiencing income deprivation (IoD2025 File 8 Income domain numerator).',
      },
      'imd25_income_domain_numerator',
      'imd25_lad_income_scale',
    ),
    imd25CountSpec(
      {
        id: 'imd25_employment_deprived_people',
        name: 'People employment-deprived (IoD2025 Employment domain numerator)',
        shortName: 'Employment-deprived people (IoD2025)',
        topic: 'Deprivation',
        definition: 'Number of working-age people involuntarily excluded from the labour market (IoD2025 File 8 Employment domain numerator).',
      },
      'imd25_employment_domain_numerator',
      'imd25_lad_employment_scale',
    ),
    imd25RateSpec(
      {
        id: 'imd25_income_rate',
        catalogueId: 'CX12',
        name: 'Income deprivation rate (IoD2025 Income domain, true rate)',
        shortName: 'Income deprivation rate (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'People experiencing income deprivation as a percentage of the population (IoD2025 Income domain numerator over its denominator, recovered as numerator / score).',
        unit: '% of population',
        polarity: 'low-is-good',
      },
      'imd25_income_domain_numerator',
      'imd25_income_score',
    ),
    imd25RateSpec(
      {
        id: 'imd25_employment_rate',
        catalogueId: 'CX12',
        name: 'Employment deprivation rate (IoD2025 Employment domain, true rate)',
        shortName: 'Employment deprivation rate (IoD2025)',
        ambition: 'employment',
        topic: 'Deprivation',
        definition: 'Working-age people involuntarily excluded from the labour market as a percentage of the working-age population (IoD2025 Employment domain numerator over its denominator, recovered as numerator / score).',
        unit: '% of working-age population',
        polarity: 'low-is-good',
      },
      'imd25_employment_domain_numerator',
      'imd25_employment_score',
    ),
  );
  specs.push(
    file10Spec(
      {
        id: 'imd25_lad_lsoas_most_deprived_10pct',
        name: "Council LSOAs in England's 10% most deprived (IMD 2025, File 10)",
        shortName: 'LSOAs in most deprived 10% (IMD 2025)',
        topic: 'Deprivation',
        definition: 'Percentage of the council\'s LSOAs that are in IMD 2025 decile 1 (IoD2025 File 10 "proportion of LSOAs in most deprived 10% nationally", shown x 100).',
        valueType: 'proportion',
        unit: '% of LSOAs',
        methodNote: 'Council context only: official IoD2025 File 10 value (a proportion of LSOAs, not of people), shown x 100. Not aggregatable from wards: see imd25_pop_most_deprived_10pct for the population measure.',
      },
      'imd25_lad_imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally',
      100,
    ),
    file10Spec(
      {
        id: 'imd25_lad_extent',
        name: 'IMD 2025 extent (File 10)',
        shortName: 'IMD 2025 extent',
        topic: 'Deprivation',
        definition: 'IoD2025 File 10 "extent": the proportion of the council\'s population living in the most deprived LSOAs in England (MHCLG weighted measure; 0-1).',
        valueType: 'other',
        unit: 'proportion (0-1)',
        methodNote: 'Council context only: official IoD2025 File 10 value, verbatim. See the IoD2025 technical report for the definition.',
      },
      'imd25_lad_imd25_extent',
    ),
    file10Spec(
      {
        id: 'imd25_lad_rank_average_score',
        name: 'IMD 2025 rank of average score among 296 local authorities (File 10)',
        shortName: 'IMD 2025 rank of average score',
        topic: 'Deprivation',
        definition: 'Rank of the council\'s IMD 2025 average score among the 296 English local authorities (1 = most deprived).',
        valueType: 'rank',
        unit: 'rank of 296 (1 = most deprived)',
        methodNote: 'Council context only: official IoD2025 File 10 value. Ranks cannot be combined or compared across areas of different kinds.',
      },
      'imd25_lad_imd_rank_of_average_score',
    ),
  );

  // --- Census 2021 exact counts ------------------------------------------------------------
  const hhDims = [
    ['1', ['one_dimension'], 'one dimension'],
    ['2', ['two_dimensions'], 'two dimensions'],
    ['3', ['three_dimensions'], 'three dimensions'],
    ['4', ['four_dimensions'], 'all four dimensions'],
    ['1plus', ['one_dimension', 'two_dimensions', 'three_dimensions', 'four_dimensions'], 'one or more dimensions'],
  ] as const;
  for (const [key, parts, words] of hhDims) {
    specs.push(
      censusProportion(
        {
          id: `census21_hh_deprived_${key}${key === '1plus' ? '' : 'dim'}`,
          name: `Households deprived in ${words}, Census 2021`,
          shortName: `Deprived in ${words}`,
          topic: 'Deprivation',
          definition: `Households deprived in ${words} of the four Census 2021 household deprivation dimensions (employment, education, health and disability, housing), as a percentage of all households (TS011).`,
          methodNote: key === '1plus' ? 'Numerator = households deprived in one, two, three or four dimensions.' : undefined,
        },
        parts.map((p) => `${HH}${p}`),
        'households',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_overcrowding',
        catalogueId: 'HG02',
        name: 'Overcrowded households (bedroom occupancy rating -1 or less), Census 2021',
        shortName: 'Overcrowded households',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households with an occupancy rating for bedrooms of -1 or less (at least one bedroom fewer than needed), as a percentage of all households (TS052).',
        polarity: 'low-is-good',
        methodNote: 'Numerator = rating -1 plus rating -2 or less.',
      },
      ['c21_ts052_occupancy_bedrooms_1_overcrowded', 'c21_ts052_occupancy_bedrooms_2_or_less_overcrowded'],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_no_central_heating',
        name: 'Households without central heating, Census 2021',
        shortName: 'No central heating',
        topic: 'Housing',
        definition: 'Households that do not have central heating, as a percentage of all households (TS046). Not the same as "not on mains gas", which is not in the source.',
      },
      ['c21_ts046_heating_does_not_have_central_heating'],
      'households',
      'oa21',
    ),
    censusProportion(
      {
        id: 'census21_tenure_owned',
        catalogueId: 'HG07',
        name: 'Owner-occupied households, Census 2021',
        shortName: 'Owner occupied',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households that own their home outright or with a mortgage or loan, as a percentage of all households (TS054). Shared ownership is not included.',
        methodNote: 'Numerator = owns outright plus owns with a mortgage or loan.',
      },
      [`${TEN}owned_owns_outright`, `${TEN}owned_owns_with_a_mortgage_or_loan`],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_tenure_social_rented',
        catalogueId: 'HG07',
        name: 'Social rented households, Census 2021',
        shortName: 'Social rented',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households renting from the council or local authority or another social landlord, as a percentage of all households (TS054).',
        methodNote: 'Numerator = rents from council or local authority plus other social rented.',
      },
      [`${TEN}social_rented_rents_from_council_or_local_authority`, `${TEN}social_rented_other_social_rented`],
      'households',
    ),
    censusProportion(
      {
        id: 'census21_tenure_private_rented',
        catalogueId: 'HG07',
        name: 'Private rented households, Census 2021',
        shortName: 'Private rented',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households renting from a private landlord or letting agency or other private renting, as a percentage of all households (TS054). "Lives rent free" is not included.',
        methodNote: 'Numerator = private landlord or letting agency plus other private rented.',
      },
      [`${TEN}private_rented_private_landlord_or_letting_agency`, `${TEN}private_rented_other_private_rented`],
      'households',
    ),
  );
  const accom = [
    ['detached', [`${ACC}detached`], 'Detached house or bungalow'],
    ['semi_detached', [`${ACC}semi_detached`], 'Semi-detached house or bungalow'],
    ['terraced', [`${ACC}terraced`], 'Terraced house or bungalow'],
    [
      'flat',
      [
        `${ACC}in_a_purpose_built_block_of_flats_or_tenement`,
        `${ACC}part_of_a_converted_or_shared_house_including_bedsits`,
        `${ACC}part_of_another_converted_building_for_example_former_school_church_or_warehouse`,
        `${ACC}in_a_commercial_building_for_example_in_an_office_building_hotel_or_over_a_shop`,
      ],
      'Flat, maisonette or apartment',
    ],
    ['caravan', [`${ACC}a_caravan_or_other_mobile_or_temporary_structure`], 'Caravan or other mobile or temporary structure'],
  ] as const;
  for (const [key, parts, words] of accom) {
    specs.push(
      censusProportion(
        {
          id: `census21_accommodation_${key}`,
          name: `Households in a ${words.toLowerCase()}, Census 2021`,
          shortName: words,
          topic: 'Housing',
          definition: `Households whose accommodation is a ${words.toLowerCase()}, as a percentage of all households (TS044).`,
          methodNote:
            key === 'flat' ? 'Numerator = purpose-built block of flats or tenement + part of a converted or shared house (incl. bedsits) + part of another converted building + in a commercial building.' : undefined,
        },
        parts,
        'households',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_disability',
        catalogueId: 'CX09',
        name: 'Disabled under the Equality Act, Census 2021',
        shortName: 'Disabled (Equality Act)',
        ambition: 'valued',
        topic: 'Health and disability',
        definition: 'Usual residents disabled under the Equality Act, as a percentage of all usual residents (TS038).',
      },
      ['c21_ts038_disability_disabled_under_the_equality_act'],
      'residents',
    ),
  );
  for (const [key, src, words] of ETHNIC) {
    specs.push(
      censusProportion(
        {
          id: `census21_ethnic_${key}`,
          catalogueId: 'CX06',
          name: `Ethnic group: ${words}, Census 2021`,
          shortName: `Ethnic group: ${words}`,
          ambition: 'valued',
          topic: 'Diversity',
          definition: `Usual residents in the ${words} high-level ethnic group, as a percentage of all usual residents (TS021).`,
        },
        [`${ETH}${src}`],
        'residents',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_ethnic_non_white',
        catalogueId: 'CX06',
        name: 'Ethnic groups other than White, Census 2021',
        shortName: 'Ethnic groups other than White',
        ambition: 'valued',
        topic: 'Diversity',
        definition:
          'Usual residents in the Asian, Black, Mixed or Other high-level ethnic groups, as a percentage of all usual residents (TS021). NOT "% non-White British": White minorities are not included, because the source has only the five high-level groups.',
        methodNote: 'Numerator = Asian + Black + Mixed + Other ethnic groups.',
      },
      ETHNIC.filter(([k]) => k !== 'white').map(([, src]) => `${ETH}${src}`),
      'residents',
    ),
  );
  for (const [key, words] of RELIGIONS) {
    specs.push(
      censusProportion(
        {
          id: `census21_religion_${key}`,
          catalogueId: 'VA01',
          name: `${words}, Census 2021`,
          shortName: words,
          ambition: 'valued',
          topic: 'Diversity',
          definition: `Usual residents whose religion is recorded as "${words}", as a percentage of all usual residents (TS030; religion is a voluntary question).`,
        },
        [`${REL}${key}`],
        'residents',
      ),
    );
  }
  specs.push(
    censusProportion(
      {
        id: 'census21_born_outside_uk',
        name: 'Born outside the UK, Census 2021',
        shortName: 'Born outside the UK',
        topic: 'Diversity',
        definition: 'Usual residents born outside the UK, as a percentage of all usual residents (TS004).',
      },
      ['c21_ts004_country_of_birth_born_outside_the_uk'],
      'residents',
      'oa21',
    ),
    censusProportion(
      {
        id: 'census21_communal_establishment',
        name: 'Living in a communal establishment, Census 2021',
        shortName: 'In communal establishments',
        topic: 'Population',
        definition: 'Usual residents living in a communal establishment (e.g. care home, student hall, prison), as a percentage of all usual residents (TS001).',
      },
      ['c21_ts001_residence_lives_in_a_communal_establishment'],
      'residents',
      'oa21',
    ),
  );

  // --- Census 2021 percentage-only topics (ward ESTIMATES) ---------------------------------
  specs.push(
    pctSpec(
      {
        id: 'census21_health_good',
        name: 'Very good or good general health, Census 2021 (estimate)',
        shortName: 'Good or very good health',
        topic: 'Health and disability',
        definition: 'Usual residents reporting very good or good general health, as a percentage of all usual residents (TS037).',
        unit: '% of usual residents',
      },
      ['c21pct_health_in_general_4a_001'],
      'residents',
    ),
    pctSpec(
      {
        id: 'census21_health_bad',
        name: 'Bad or very bad general health, Census 2021 (estimate)',
        shortName: 'Bad or very bad health',
        topic: 'Health and disability',
        definition: 'Usual residents reporting bad or very bad general health, as a percentage of all usual residents (TS037).',
        unit: '% of usual residents',
      },
      ['c21pct_health_in_general_4a_003'],
      'residents',
    ),
    pctSpec(
      {
        id: 'census21_unpaid_care',
        catalogueId: 'CX10',
        name: 'Providing unpaid care, Census 2021 (estimate)',
        shortName: 'Unpaid carers',
        ambition: 'connected',
        topic: 'Health and disability',
        definition: 'Usual residents aged 5 and over who provide any unpaid care a week, as a percentage of usual residents aged 5 and over (TS039).',
        unit: '% of usual residents aged 5+',
        extraNote: 'Numerator = 19 hours or less + 20-49 hours + 50 or more hours a week.',
      },
      ['c21pct_is_carer_5a_002', 'c21pct_is_carer_5a_003', 'c21pct_is_carer_5a_004'],
      'residents5',
    ),
    pctSpec(
      {
        id: 'census21_unpaid_care_50plus',
        catalogueId: 'CX10',
        name: 'Providing 50 or more hours of unpaid care a week, Census 2021 (estimate)',
        shortName: 'Unpaid care 50+ hours',
        ambition: 'connected',
        topic: 'Health and disability',
        definition: 'Usual residents aged 5 and over providing 50 or more hours of unpaid care a week, as a percentage of usual residents aged 5 and over (TS039).',
        unit: '% of usual residents aged 5+',
      },
      ['c21pct_is_carer_5a_004'],
      'residents5',
    ),
    pctSpec(
      {
        id: 'census21_in_employment',
        catalogueId: 'EP01',
        name: 'In employment (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'In employment (16+)',
        ambition: 'employment',
        topic: 'Employment',
        definition:
          'Usual residents aged 16 and over in employment (including full-time students in employment), as a percentage of all usual residents aged 16 and over (TS066). Not the APS employment rate for ages 16-64.',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_economic_activity_status_4a_001'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_unemployed',
        name: 'Unemployed (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'Unemployed (16+)',
        topic: 'Employment',
        definition: 'Usual residents aged 16 and over who are economically active and unemployed (including full-time students), as a percentage of all usual residents aged 16 and over (TS066).',
        unit: '% of usual residents aged 16+',
      },
      ['c21pct_economic_activity_status_4a_002'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_economically_inactive',
        name: 'Economically inactive (% of residents aged 16+), Census 2021 (estimate)',
        shortName: 'Economically inactive (16+)',
        topic: 'Employment',
        definition: 'Usual residents aged 16 and over who are economically inactive (retired, students, looking after home, long-term sick, other), as a percentage of all usual residents aged 16 and over (TS066).',
        unit: '% of usual residents aged 16+',
      },
      ['c21pct_economic_activity_status_4a_003'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_no_qualifications',
        catalogueId: 'ED11',
        name: 'No qualifications, Census 2021 (estimate)',
        shortName: 'No qualifications',
        ambition: 'education',
        topic: 'Education',
        definition: 'Usual residents aged 16 and over with no qualifications, as a percentage of all usual residents aged 16 and over (TS067).',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_highest_qualification_6a_000'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_level4_qualifications',
        catalogueId: 'ED11',
        name: 'Level 4 qualifications or above, Census 2021 (estimate)',
        shortName: 'Level 4+ qualifications',
        ambition: 'education',
        topic: 'Education',
        definition: 'Usual residents aged 16 and over whose highest qualification is Level 4 or above (degree level), as a percentage of all usual residents aged 16 and over (TS067).',
        unit: '% of usual residents aged 16+',
        polarity: 'no-judgement', // age-confounded crude percentage: not age-standardised (docs/methods.md)
      },
      ['c21pct_highest_qualification_6a_003'],
      'residents16',
    ),
    pctSpec(
      {
        id: 'census21_no_car',
        name: 'Households with no car or van, Census 2021 (estimate)',
        shortName: 'No car or van',
        topic: 'Transport',
        definition: 'Households with no cars or vans, as a percentage of all households (TS045).',
        unit: '% of households',
      },
      ['c21pct_number_of_cars_5a_000'],
      'households',
    ),
  );
  specs.push(
    pctLadOnlySpec(
      {
        id: 'census21_one_bedroom',
        catalogueId: 'HG03',
        name: 'Households with 1 bedroom, Census 2021 (council only)',
        shortName: '1-bedroom households',
        ambition: 'housing',
        topic: 'Housing',
        definition: 'Households living in accommodation with one bedroom, as a percentage of all households (TS050).',
        unit: '% of households',
      },
      ['c21pct_number_bedrooms_5a_001'],
    ),
    pctLadOnlySpec(
      {
        id: 'census21_cannot_speak_english_well',
        catalogueId: 'VA01',
        name: 'Cannot speak English well or at all, Census 2021 (council only)',
        shortName: 'Cannot speak English well',
        ambition: 'valued',
        topic: 'Diversity',
        definition: 'Usual residents aged 3 and over whose main language is not English and who cannot speak English well or at all, as a percentage of usual residents aged 3 and over (TS029).',
        unit: '% of usual residents aged 3+',
      },
      ['c21pct_english_proficiency_4a_003'],
    ),
    pctLadOnlySpec(
      {
        id: 'census21_one_person_households',
        name: 'One-person households, Census 2021 (council only)',
        shortName: 'One-person households',
        topic: 'Population',
        definition: 'One-person households (all ages), as a percentage of all households (TS003).',
        unit: '% of households',
      },
      ['c21pct_hh_family_composition_4a_002'],
    ),
  );

  // --- DWP ------------------------------------------------------------------------------------
  specs.push(
    dwpCountSpec(
      {
        id: 'dwp_cilif_children',
        name: 'Children in relative low income families (count)',
        shortName: 'Children in low income families',
        topic: 'Poverty',
        definition:
          'DWP count of dependent children (under 16, or 16-19 in full-time non-advanced education) living in relative low income families (below 60% of median income before housing costs, and claiming benefits or tax credits), by financial year. 2021/22 is provisional.',
        unit: 'children',
        datasetId: 'dwp_cilif',
      },
      'dwp_cilif_relative_children',
      (all) => all,
      0,
      15,
      "the ward's share of the MSOA's mid-2020 population aged 0-15",
    ),
    cilifRateSpec(),
    dwpCountSpec(
      {
        id: 'dwp_uc_households',
        catalogueId: 'EP03',
        name: 'Households on Universal Credit (count)',
        shortName: 'Households on Universal Credit',
        ambition: 'employment',
        topic: 'Poverty',
        definition:
          'DWP count of households on Universal Credit: one snapshot a year (February 2016-2022) and the latest month in the source (November 2023, provisional). Households, not claimants: not the same measure as EP03 (claimants).',
        unit: 'households',
        datasetId: 'dwp_uc_households',
      },
      'dwp_uc_households',
      (all) => all.filter((p) => /^\d{4}-02/.test(p) || p.startsWith('2023-11')),
      16,
      64,
      "the ward's share of the MSOA's mid-2020 population aged 16-64",
    ),
  );

  return specs;
}
