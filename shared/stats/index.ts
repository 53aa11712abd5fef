/**
 * LAP Insight statistics engine: the public face of shared/stats.
 *
 * Methods match OHID Fingertips and the R package PHEindicatormethods (see docs/methods.md and
 * shared/docs/statistics.md). Pure TypeScript: no Node, DOM or Electron imports.
 */
export type { Comparison, Estimate, Interval, Polarity } from './types.ts';
export { StatsInputError } from './errors.ts';
export {
  ESP2013,
  ESP2013_BANDS,
  EXACT_POISSON_LIMITS,
  LIFE_TABLE_BANDS,
  LIFE_TABLE_START_AGES,
  Z95,
  Z998,
} from './constants.ts';
export { proportion, wilsonInterval } from './wilson.ts';
export { gammaQuantile, incompleteGamma, logGamma } from './gamma.ts';
export { byarsLower, byarsUpper, crudeRate, isRatio, poissonLimits } from './poisson.ts';
export type { CountLimits } from './poisson.ts';
export { dsr, withEsp2013 } from './dsr.ts';
export type { DsrBand } from './dsr.ts';
export {
  lifeExpectancy,
  lifeTable,
  LIFE_EXPECTANCY_MAX_CI_WIDTH,
  LIFE_EXPECTANCY_MIN_POPULATION,
  LIFE_TABLE_BAND_COUNT,
} from './lifeExpectancy.ts';
export type { LifeExpectancyOptions, LifeTable } from './lifeExpectancy.ts';
export { weightedMean, WEIGHTED_MEAN_NOTE } from './weightedMean.ts';
export { compare, COMPARISON_COLOURS, COMPARISON_COLOURS_GOVUK, COMPARISON_LABELS } from './compare.ts';
export { quantiles } from './quantiles.ts';
export { aggregate, NOT_AGGREGATABLE_NOTE, VALUE_TYPES } from './aggregate.ts';
export type { GroupEstimate, IndicatorSpec, MemberInput, ValueType } from './aggregate.ts';
export { disclose, roundToNearest5, DEFAULT_DISCLOSURE_THRESHOLD, MISSING_MARK } from './disclosure.ts';
export type { DiscloseOptions } from './disclosure.ts';
