/**
 * Types of the bundled dataset (assets/dataset/bundle.json, format "lap-insight-bundle/1").
 * Written by scripts/data-build; read by the app's first-run loader. Pure TypeScript.
 */
import type { AmbitionId } from './ambitions.ts';

export const BUNDLE_FORMAT = 'lap-insight-bundle/1';

export type ValueType = 'count' | 'proportion' | 'crude-rate' | 'isr' | 'dsr' | 'life-expectancy' | 'mean-score' | 'rank' | 'other';

export type Polarity = 'high-is-good' | 'low-is-good' | 'no-judgement';

/** 'england_and_wales' (K04000001) is England AND Wales: never label it England. */
export type BundleAreaType = 'ward' | 'lad' | 'england' | 'england_and_wales';

export interface BundleDataset {
  id: string;
  name: string;
  publisher: string;
  /** Repository/file the numbers were read from, and the original publisher product. */
  source: string;
  licence: 'Open Government Licence v3.0';
  attribution: string;
  transformation: string;
  period: string;
}

/**
 * What describes an indicator wherever it is used: the bundle, the store, the importer, the profile and the
 * screen. The other shapes derive from this one (BundleIndicator here, IndicatorInfo in shared/contract/data.ts,
 * the importer's IndMeta, the profile's IndicatorMeta), so a new field is declared once.
 */
export interface IndicatorDescription {
  /** Stable id, e.g. "census21_overcrowding". */
  id: string;
  /** Id in docs/indicator-catalogue.md where the indicator matches one there (e.g. "HG02"). */
  catalogueId: string | null;
  name: string;
  shortName: string;
  ambition: AmbitionId;
  topic: string;
  definition: string;
  valueType: ValueType;
  /** 100 for percentages, 1 for counts and scores. */
  multiplier: number;
  unit: string;
  polarity: Polarity;
  missingIsZero: boolean;
  /** Counts 1-7 are shown as '<8' (record-level data). False for open Census, IMD and DWP data. */
  disclosureControlled: boolean;
  /** False: council / England context only, never shown as a ward or LAP value. */
  wardLevel: boolean;
  methodNote: string;
}

/** An indicator in the bundle: its description (catalogueId left out when there is none) and its dataset. */
export interface BundleIndicator extends Omit<IndicatorDescription, 'catalogueId'> {
  catalogueId?: string;
  datasetId: string;
}

export const BUNDLE_COLUMNS = ['indicatorId', 'areaCode', 'areaType', 'period', 'numerator', 'denominator', 'value', 'estimate', 'note'] as const;

/**
 * Optional 10th element of a row: where the source suppressed some small counts, `numerator` is the sum with each
 * suppressed count at 0 and this is the sum with each at threshold - 1 (value = the midpoint). Absent otherwise.
 */
export const BUNDLE_OPTIONAL_COLUMNS = ['numeratorUpper'] as const;

/**
 * One value. `value` = numerator / denominator x multiplier where both exist (for 'mean-score': the
 * weighted mean, numerator = sum(score x weight), denominator = sum(weight)); otherwise the source value.
 * Nulls are missing values, never zero.
 */
export type BundleRow = [
  indicatorId: string,
  areaCode: string,
  areaType: BundleAreaType,
  period: string,
  numerator: number | null,
  denominator: number | null,
  value: number | null,
  estimate: boolean,
  note: string | null,
  numeratorUpper?: number,
];

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  /** Plain-English notes that apply to the whole bundle (e.g. the E01027305 rule). */
  notes: string[];
  datasets: BundleDataset[];
  indicators: BundleIndicator[];
  columns: typeof BUNDLE_COLUMNS;
  rows: BundleRow[];
}
