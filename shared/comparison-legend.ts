/**
 * The comparison-word legend shown beside the profile's indicators (renderer ComparisonLegend.tsx) and in the Help
 * panel: what Better, Worse, Best, Worst, Similar, Higher, Lower and Not compared mean, with the confidence level
 * each rests on (Fingertips rules, shared/stats/compare.ts and docs/methods.md).
 *
 * DEFAULT text, kept in this one place so it is easy to swap for the shared legend text of the indicator guide
 * (same shape: { word, meaning }[] and a title) when both branches are merged.
 */

export interface ComparisonLegendEntry {
  /** One word, or two alternatives written "Better / Worse" (each is drawn as its own coloured chip). */
  word: string;
  meaning: string;
}

export const DEFAULT_COMPARISON_LEGEND_TITLE = 'What the comparison words mean';

export const DEFAULT_COMPARISON_LEGEND: readonly ComparisonLegendEntry[] = [
  { word: 'Best / Worst', meaning: 'very unlikely to be chance: the benchmark lies outside the area’s 99.8% confidence interval' },
  { word: 'Better / Worse', meaning: 'unlikely to be chance: the benchmark lies outside the area’s 95% confidence interval (but inside the 99.8% interval)' },
  { word: 'Similar', meaning: 'the difference could be chance: the benchmark lies inside the area’s 95% confidence interval' },
  { word: 'Higher / Lower', meaning: 'as for Better and Worse (95% level), for a measure where neither direction is better or worse' },
  { word: 'Not compared', meaning: 'no fair test is possible (no interval, too few events, or no benchmark value)' },
];

/** The rule in one sentence, under the legend. */
export const DEFAULT_COMPARISON_RULE =
  'Compared as in OHID Fingertips: at the 95% level, and at 99.8% too wherever both intervals exist.';
