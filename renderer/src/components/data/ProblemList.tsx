/**
 * The problems found in a file, one per line with where it is (file, row, column) and why. Long lists show the
 * first ten and "and 140 more", with a button for the rest of those the backend listed.
 */
import { useState } from 'react';
import type { ImportReport, IssueSeverity } from '../../../../shared/contract/data.ts';
import { formatNumber, issueReason, issueWhere } from '../../data/format.ts';

const CAP = 10;

export function ProblemList({ report, severity, testId }: { report: ImportReport; severity: IssueSeverity; testId?: string }) {
  const [expanded, setExpanded] = useState(false);
  const issues = report.issues.filter((i) => i.severity === severity);
  const total = severity === 'error' ? Math.max(report.errors, issues.length) : severity === 'warning' ? Math.max(report.warnings, issues.length) : issues.length;
  const shown = expanded ? issues : issues.slice(0, CAP);
  const more = total - shown.length;
  const listedMore = issues.length - shown.length;
  if (issues.length === 0 && total === 0) return null;
  return (
    <ul className={`problem-list is-${severity}`} data-testid={testId}>
      {shown.map((issue, n) => (
        <li key={n} className="problem" data-row={issue.row ?? undefined} data-column={issue.column ?? undefined}>
          <span className="problem-where">{issueWhere(issue)}</span>
          <span className="problem-reason">{issueReason(issue)}</span>
        </li>
      ))}
      {more > 0 && (
        <li className="problem-more">
          and {formatNumber(more)} more
          {listedMore > 0 ? (
            <>
              {' '}
              <button type="button" className="data-link-button" onClick={() => setExpanded(true)}>
                Show {formatNumber(listedMore)} more
              </button>
            </>
          ) : (
            <span className="hint"> (not listed here: fix the ones above and check the file again)</span>
          )}
        </li>
      )}
    </ul>
  );
}
