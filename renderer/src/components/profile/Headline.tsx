/**
 * The profile's headline facts: population (Census 2021), the age profile in six bands with the council's share
 * marked, the share of residents in England's 20% most deprived areas, and how many indicators are significantly
 * worse or better than the benchmark (each a button that filters the list to them).
 */
import type { Profile } from '../../../../shared/profile.ts';
import type { ShowFilter } from '../../profile/groups.ts';
import { BENCHMARK_LABELS, BENCHMARK_NAMES, COUNCIL_KEYS, formatCount, formatNumber, MISSING_MARK, resolveBenchmark } from '../../profile/format.ts';
import { comparisonColour, inkOn } from '../../profile/format.ts';

/** The council's share of an age band, from the matching Census age indicator's benchmark value (no sums here). */
function councilShare(profile: Profile, label: string): number | null {
  const key = resolveBenchmark('own', profile.area);
  const ind = profile.indicators.find((i) => i.shortName === `Aged ${label} (%)` && i.id.startsWith('census21_age_'));
  return ind?.benchmarks[key].value ?? null;
}

export function Headline({ profile, onShow }: { profile: Profile; onShow(show: ShowFilter): void }) {
  const h = profile.headline;
  const benchKey = resolveBenchmark(profile.benchmark, profile.area);
  const ownName = BENCHMARK_NAMES[profile.area.kind === 'council' ? 'england' : COUNCIL_KEYS[profile.area.ownCouncil]];
  const maxShare = Math.max(30, ...h.ageBands.map((b) => b.percent ?? 0), ...h.ageBands.map((b) => councilShare(profile, b.label) ?? 0));

  return (
    <section className="headline" aria-label="Headline facts">
      <div className="headline-tiles">
        <div className="tile">
          <p className="tile-label">Population</p>
          <p className="tile-line">
            <span className="tile-value" data-testid="profile-population">
              {h.population === null ? MISSING_MARK : formatCount(h.population)}
            </span>
            <span className="tile-note">residents, Census 2021</span>
          </p>
        </div>
        <div className="tile">
          <p className="tile-label">In England's most deprived 20%</p>
          <p className="tile-line">
            <span className="tile-value" data-testid="profile-deprived">
              {h.mostDeprived20?.value === null || !h.mostDeprived20 ? MISSING_MARK : `${formatNumber(h.mostDeprived20.value, 1)}%`}
            </span>
            <span className="tile-note">of residents{h.mostDeprived20 ? `, IMD ${h.mostDeprived20.period}` : ''}</span>
          </p>
        </div>
        <div className="tile tile-counts">
          <p className="tile-label">Significantly different from {BENCHMARK_LABELS[benchKey]}</p>
          <p className="tile-buttons">
            <button type="button" className="count-button" onClick={() => onShow('worse')} data-testid="profile-worse" title="Show only the indicators significantly worse">
              <span className="count-swatch" style={{ background: comparisonColour('worse'), color: inkOn(comparisonColour('worse')) }}>
                {h.significantlyWorse}
              </span>
              <span>
                worse<span className="visually-hidden"> (significantly)</span>
              </span>
            </button>
            <button type="button" className="count-button" onClick={() => onShow('better')} data-testid="profile-better" title="Show only the indicators significantly better">
              <span className="count-swatch" style={{ background: comparisonColour('better'), color: inkOn(comparisonColour('better')) }}>
                {h.significantlyBetter}
              </span>
              <span>
                better<span className="visually-hidden"> (significantly)</span>
              </span>
            </button>
          </p>
          {h.summary && (
            <p className="tile-note" data-testid="profile-compared">
              of {h.compared} compared ({h.judged} could be judged)
            </p>
          )}
        </div>
      </div>

      {h.ageBands.length > 0 && (
        <figure className="age-bars">
          <figcaption className="subheading">
            Age, Census 2021
            <span className="age-key" aria-hidden="true">
              <span className="age-key-bar" /> {profile.area.name} <span className="age-key-line" /> {ownName}
            </span>
          </figcaption>
          <table className="age-table">
            <caption className="visually-hidden">
              Share of residents in each age band: {profile.area.name} and {ownName}
            </caption>
            <thead className="visually-hidden">
              <tr>
                <th scope="col">Age band</th>
                <th scope="col">{profile.area.name}</th>
                <th scope="col">{ownName}</th>
              </tr>
            </thead>
            <tbody>
              {h.ageBands.map((b) => {
                const council = councilShare(profile, b.label);
                return (
                  <tr key={b.label}>
                    <th scope="row">{b.label}</th>
                    <td className="age-bar-cell">
                      <span className="age-track" aria-hidden="true">
                        <span className="age-bar" style={{ width: `${((b.percent ?? 0) / maxShare) * 100}%` }} />
                        {council !== null && <span className="age-marker" style={{ left: `${(council / maxShare) * 100}%` }} />}
                      </span>
                      <span className="age-value">{b.percent === null ? MISSING_MARK : `${formatNumber(b.percent, 1)}%`}</span>
                    </td>
                    <td className="age-council">{council === null ? '' : `${formatNumber(council, 1)}%`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {h.populationNote && <p className="tile-note">{h.populationNote}</p>}
        </figure>
      )}
    </section>
  );
}
