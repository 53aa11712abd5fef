/**
 * The words and rules of issue 14 applied to one profile indicator: plain definition, "How this is made", why a
 * figure is not compared, the comparison level, suppressed ranges, age-confounded labels, caveats, editions and
 * families (shared/indicator-guide.ts holds the words; docs/methods.md the rules).
 */
import {
  AGE_CONFOUNDED,
  CAVEATS,
  CITATIONS,
  EDITION_LABEL,
  FAMILIES,
  NOT_AGE_STANDARDISED,
  NOT_COMPARED,
  NO_SAMPLING,
  citationText,
  editionOf,
  plainDefinition,
} from '../../shared/indicator-guide.ts';
import type { ProfileIndicator } from '../../shared/profile.ts';
import type { Comparison, GroupEstimate } from '../../shared/stats/index.ts';
import type { BenchmarkRange } from './compute.ts';
import type { IndicatorMeta } from './data.ts';

/** An estimate of a measure with no sampling variation: the value only, no interval (so never compared). */
export function withoutInterval(meta: IndicatorMeta, est: GroupEstimate): GroupEstimate {
  if (!NO_SAMPLING.has(meta.id)) return est;
  const { range: _range, ...rest } = est;
  return { ...rest, ci95: null, ci998: null, method: 'No interval: no sampling variation' };
}

/** Why an estimate is not compared with a benchmark (undefined when it is compared). */
export function notComparedReason(
  meta: IndicatorMeta,
  est: GroupEstimate,
  comparison: Comparison,
  benchmark: { value: number | null; range?: BenchmarkRange; englandAndWales?: number },
  self: boolean,
): string | undefined {
  if (comparison !== 'not-compared') return undefined;
  if (!meta.wardLevel) return NOT_COMPARED.councilOnly;
  if (self) return NOT_COMPARED.self;
  if (NO_SAMPLING.has(meta.id)) return NOT_COMPARED.noSampling;
  if (meta.valueType === 'count') return NOT_COMPARED.count;
  if (meta.valueType === 'mean-score' || meta.valueType === 'rank' || meta.valueType === 'other') return NOT_COMPARED.score;
  if (est.value === null) return est.note ? `not compared: ${est.note}` : NOT_COMPARED.noValue;
  if (benchmark.value === null) return benchmark.englandAndWales !== undefined ? NOT_COMPARED.englandAndWales : NOT_COMPARED.noBenchmark;
  if (est.range || benchmark.range) return NOT_COMPARED.suppressed;
  return NOT_COMPARED.noInterval;
}

/** The comparison level actually used for this estimate. */
export function comparisonLevel(est: GroupEstimate, comparison: Comparison): string | null {
  if (comparison === 'not-compared') return null;
  return est.ci998 ? 'two levels (95% and 99.8%)' : '95% only';
}

/** Counts of people are shown as whole numbers (apportioned counts are fractional in the store). */
export function wholeCounts(meta: IndicatorMeta, est: GroupEstimate): GroupEstimate {
  if (meta.valueType !== 'count') return est;
  const r = (x: number | null) => (x === null ? null : Math.round(x));
  return { ...est, value: r(est.value), numerator: r(est.numerator) };
}

type GuideFields = Pick<ProfileIndicator, 'plainDefinition' | 'howMade' | 'valueNote' | 'caveat' | 'edition' | 'family'>;

/** The guide's words for one indicator. */
export function guideFields(meta: IndicatorMeta): GuideFields {
  const out: GuideFields = {
    plainDefinition: plainDefinition(meta),
    howMade: [meta.definition, meta.methodNote].filter((x) => !!x).join(' '),
  };
  if (AGE_CONFOUNDED.has(meta.id)) out.valueNote = NOT_AGE_STANDARDISED;
  const caveat = CAVEATS[meta.id];
  if (caveat) out.caveat = caveat;
  const ed = editionOf(meta.id);
  if (ed) out.edition = { id: ed, label: EDITION_LABEL[ed] };
  const fam = FAMILIES[meta.id];
  if (fam) out.family = { name: fam.family, headline: fam.headline };
  return out;
}

/** "Publisher, dataset, release. Licence: ..." for a bundled dataset; otherwise the stored publisher and name. */
export function citationFor(key: string, publisher: string, name: string, licence: string): string {
  const c = CITATIONS[key];
  if (c) return citationText(c);
  return [publisher, name].filter((x) => !!x).join(', ') + (licence ? `. Licence: ${licence}.` : '.');
}
