/**
 * How much of each council the set covers: "23 of 31 West Northamptonshire wards are in no LAP yet", the list of
 * those wards, and a switch to hatch them on the map.
 */
import { useId } from 'react';
import { useLapsStore } from '../../laps/store.ts';

export function CoverageSummary() {
  const coverage = useLapsStore((s) => s.coverage);
  const show = useLapsStore((s) => s.showCoverage);
  const setShow = useLapsStore((s) => s.setShowCoverage);
  const id = useId();
  if (!coverage) return null;
  const anyUncovered = coverage.councils.some((c) => c.uncovered.length > 0);

  return (
    <section className="coverage" aria-labelledby={`${id}-heading`} data-testid="coverage">
      <h2 id={`${id}-heading`} className="panel-heading">
        Wards in no LAP
      </h2>
      {coverage.councils.map((c) => (
        <div key={c.code} className="coverage-council">
          <p className="coverage-line">
            {c.uncovered.length === 0
              ? `All ${c.wardCount} ${c.name} wards are in a LAP.`
              : c.uncovered.length === c.wardCount
                ? `None of the ${c.wardCount} ${c.name} wards is in a LAP yet.`
                : `${c.uncovered.length} of ${c.wardCount} ${c.name} wards ${c.uncovered.length === 1 ? 'is' : 'are'} in no LAP yet.`}
          </p>
          {c.uncovered.length > 0 && (
            <details className="coverage-details">
              <summary>
                List {c.uncovered.length === 1 ? 'it' : `the ${c.uncovered.length} wards`}
              </summary>
              <ul className="coverage-list">
                {c.uncovered.map((w) => (
                  <li key={w.code}>{w.name}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      ))}
      {anyUncovered && (
        <label className="check-row">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          Hatch the wards in no LAP on the map
        </label>
      )}
    </section>
  );
}
