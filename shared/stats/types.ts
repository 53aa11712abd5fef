/**
 * Result types shared by every statistic in LAP Insight.
 *
 * Pure TypeScript: no Node, DOM or Electron imports (shared/ must run anywhere).
 */

/** A two-sided confidence interval, in the same units as the value (already multiplied). */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * One computed statistic with its 95% and 99.8% confidence intervals.
 *
 * Invariant: when `value` is null both intervals are null and `note` says why in plain English.
 * A value may have null intervals (counts, weighted means of scores): it is then never compared.
 */
export interface Estimate {
  /** null when not computable or suppressed. */
  value: number | null;
  ci95: Interval | null;
  ci998: Interval | null;
  /** 'Wilson' | 'Byars' | 'Exact' | 'Dobson' | 'Chiang II' | 'Weighted mean' | 'Count' | ... */
  method: string;
  /** Why value or intervals are null, in plain English. */
  note?: string;
}

export type Polarity = 'high-is-good' | 'low-is-good' | 'no-judgement';

export type Comparison = 'better' | 'similar' | 'worse' | 'best' | 'worst' | 'higher' | 'lower' | 'not-compared';
