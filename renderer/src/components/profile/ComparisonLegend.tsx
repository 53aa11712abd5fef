/**
 * The plain legend of the comparison words, beside the indicator list (and in the Help panel): each word as the
 * coloured chip the profile draws, with what it means and the confidence level it rests on. It renders whatever
 * entries it is given (the one text for the screen and the PDF lives in shared/indicator-guide.ts); a word written "Better / Worse"
 * gets one chip per alternative. Folds away (a <details>), remembering nothing: it opens closed on a small window.
 */
import { COMPARISON_LABELS, type Comparison } from '../../../../shared/stats/index.ts';
import { COMPARISON_LEGEND, COMPARISON_LEGEND_TITLE, COMPARISON_RULE, type LegendEntry } from '../../../../shared/indicator-guide.ts';
import { ComparisonChip } from './ComparisonChip.tsx';

const BY_LABEL = new Map(Object.entries(COMPARISON_LABELS).map(([key, label]) => [label.toLowerCase(), key as Comparison]));

/** The comparison a legend word stands for ("Worse" → worse, "not compared" → not-compared), if any. */
export function comparisonOfWord(word: string): Comparison | null {
  return BY_LABEL.get(word.trim().toLowerCase()) ?? null;
}

export function ComparisonLegend({
  entries = COMPARISON_LEGEND,
  title = COMPARISON_LEGEND_TITLE,
  rule = COMPARISON_RULE,
  open,
  levelNote,
}: {
  entries?: readonly LegendEntry[];
  title?: string;
  rule?: string;
  /** Start open (the Help panel); the profile starts it open on tall windows only. */
  open?: boolean;
  /** What the current view compares with, e.g. "Compared with West Northamptonshire". */
  levelNote?: string;
}) {
  const startOpen = open ?? (typeof window !== 'undefined' && window.innerHeight >= 860);
  return (
    <details className="comparison-legend" open={startOpen} data-testid="comparison-legend">
      <summary className="comparison-legend-summary">{title}</summary>
      <dl className="comparison-legend-list">
        {entries.map((entry) => (
          <div key={entry.word} className="comparison-legend-entry">
            <dt>
              {entry.word.split('/').map((w) => {
                const c = comparisonOfWord(w);
                return c ? <ComparisonChip key={w} comparison={c} label={w.trim()} /> : <span key={w} className="comparison-legend-word">{w.trim()}</span>;
              })}
            </dt>
            <dd>{entry.meaning}.</dd>
          </div>
        ))}
      </dl>
      <p className="hint comparison-legend-rule">
        {levelNote ? `${levelNote}. ` : ''}
        {rule}
      </p>
    </details>
  );
}
