/** A comparison in colour AND words: the Fingertips colour with the word on it in black or white (at least 4.5:1). */
import type { Comparison } from '../../../../shared/stats/index.ts';
import { comparisonColour, comparisonLabel, inkOn } from '../../profile/format.ts';

export function ComparisonChip({ comparison, label, title }: { comparison: Comparison; label?: string; title?: string }) {
  const background = comparisonColour(comparison);
  return (
    <span className={`comparison-chip is-${comparison}`} style={{ background, color: inkOn(background) }} title={title} data-comparison={comparison}>
      {label ?? comparisonLabel(comparison)}
    </span>
  );
}

/** A chip for any colour with a word (compare view verdicts, map legend). */
export function ColourChip({ colour, children, title }: { colour: string; children: string; title?: string }) {
  return (
    <span className="comparison-chip" style={{ background: colour, color: inkOn(colour) }} title={title}>
      {children}
    </span>
  );
}
