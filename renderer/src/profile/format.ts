/**
 * How the profile writes numbers, intervals, counts and comparisons on screen. Formatting only: every number comes
 * from the backend. The rules are the PDF's and the exports' (shared/format.ts), so a value reads
 * the same on screen and on paper: counts whole with separators (disclosure-controlled counts 1-7 as '<8'),
 * percentages and rates to 1 decimal place, small values to 3.
 */
import type { BenchmarkChoice, BenchmarkKey, ProfileArea } from '../../../shared/profile.ts';
import { COUNCIL_KEYS } from '../../../shared/domain.ts';
import { MISSING_MARK, type Comparison } from '../../../shared/stats/index.ts';

export { MISSING_MARK };

// The rules are shared with the PDF, the exports and the CLI (shared/format.ts).
export {
  BENCHMARK_LABELS,
  BENCHMARK_NAMES,
  BENCHMARK_SHORT,
  COUNCIL_KEYS,
  COUNCIL_NAMES,
  comparisonColour,
  comparisonLabel,
  contrastRatio,
  coverageText,
  decimalsFor,
  formatCount,
  formatCounts,
  formatDate,
  formatInterval,
  formatNumber,
  formatValue,
  isPercent,
  listJoin,
  plural,
  textColourOn as inkOn,
  unitWords,
  valueWithUnit,
} from '../../../shared/format.ts';

/** The comparison in a phrase: "worse than West Northamptonshire", "similar to England". */
export function comparisonPhrase(c: Comparison, benchmarkName: string): string {
  switch (c) {
    case 'better':
    case 'worse':
    case 'higher':
    case 'lower':
      return `${c} than ${benchmarkName}`;
    case 'best':
      return `better than ${benchmarkName}, even at the 99.8% level`;
    case 'worst':
      return `worse than ${benchmarkName}, even at the 99.8% level`;
    case 'similar':
      return `similar to ${benchmarkName}`;
    default:
      return `not compared with ${benchmarkName}`;
  }
}

/** Which benchmark a choice stands for, for this area ('own': the area's council; for a council, England). */
export function resolveBenchmark(choice: BenchmarkChoice, area: Pick<ProfileArea, 'kind' | 'ownCouncil'>): BenchmarkKey {
  if (choice !== 'own') return choice;
  if (area.kind === 'council') return 'england';
  return COUNCIL_KEYS[area.ownCouncil];
}
