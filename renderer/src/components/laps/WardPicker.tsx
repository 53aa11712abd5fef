/**
 * Tick the wards of the LAP in a list: type part of a name to narrow it (forgiving: "st george", "&" for "and"),
 * tick or untick, or press Enter in the search box to add or remove the first match. Also "add all" of a
 * council's wards (in an official set, the ones in no other LAP).
 */
import { useId, useMemo, useState } from 'react';
import type { Lap, LapSet } from '../../../../shared/contract/laps.ts';
import { COUNCIL_NAMES, NORTH_CODE, WEST_CODE, type AuthorityCode } from '../../../../shared/domain.ts';
import { searchByName } from '../../../../shared/names.ts';
import { addWards, toggleWard } from '../../laps/actions.ts';
import { useLapsStore } from '../../laps/store.ts';
import { useWardsStore } from '../../wards/store.ts';

const COUNCILS: { code: AuthorityCode; name: string }[] = [
  { code: WEST_CODE, name: COUNCIL_NAMES[WEST_CODE] },
  { code: NORTH_CODE, name: COUNCIL_NAMES[NORTH_CODE] },
];

export function WardPicker({ lap, set }: { lap: Lap; set: LapSet | undefined }) {
  const id = useId();
  const allWards = useWardsStore((s) => s.wards);
  const laps = useLapsStore((s) => s.laps);
  const [query, setQuery] = useState('');
  // Ticks show at once; the backend's answer then confirms them (or they spring back, with its message).
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const toggle = (code: string, checked: boolean) => {
    setPending((p) => new Map(p).set(code, checked));
    void toggleWard(lap.id, code).finally(() =>
      setPending((p) => {
        const next = new Map(p);
        next.delete(code);
        return next;
      }),
    );
  };

  const wards = useMemo(() => (set?.council ? allWards.filter((w) => w.authorityCode === set.council!.code) : allWards), [allWards, set?.council]);
  const results = useMemo(() => searchByName(wards, query, (w) => w.name, (w) => w.code), [wards, query]);
  const members = useMemo(() => new Set(lap.wards.map((w) => w.code)), [lap.wards]);
  /** Other LAPs of the set each ward is in. */
  const elsewhere = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const l of laps) if (l.id !== lap.id) for (const w of l.wards) map.set(w.code, [...(map.get(w.code) ?? []), l.name]);
    return map;
  }, [laps, lap.id]);

  const councils = COUNCILS.filter((c) => !set?.council || set.council.code === c.code);
  const official = set?.kind === 'official';

  return (
    <section className="ward-picker" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="subheading">
        Add or remove wards
      </h3>
      <div className="button-row add-all">
        {councils.map((c) => {
          const codes = wards.filter((w) => w.authorityCode === c.code && !members.has(w.code) && !(official && elsewhere.has(w.code))).map((w) => w.code);
          const total = wards.filter((w) => w.authorityCode === c.code).length;
          const label = codes.length === total || !official ? `Add all ${c.name} wards` : `Add the ${codes.length} free ${c.name} wards`;
          return (
            <button key={c.code} type="button" className="button button-small button-quiet" disabled={codes.length === 0} onClick={() => void addWards(lap.id, codes, 'all')}>
              {label}
            </button>
          );
        })}
      </div>
      <label className="field-label" htmlFor={`${id}-search`}>
        Find a ward
      </label>
      <input
        id={`${id}-search`}
        className="text-input"
        type="search"
        value={query}
        placeholder="For example: Castle"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-count`}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && query.trim() && results[0]) {
            e.preventDefault();
            void toggleWard(lap.id, results[0].code);
          } else if (e.key === 'Escape' && query) {
            e.preventDefault();
            e.stopPropagation();
            setQuery('');
          }
        }}
      />
      <p id={`${id}-count`} className="result-count" aria-live="polite">
        {results.length === 0
          ? `No ward matches '${query.trim()}'.`
          : query.trim()
            ? `${results.length} ${results.length === 1 ? 'ward matches' : 'wards match'}. Enter ${members.has(results[0]!.code) ? 'removes' : 'adds'} ${results[0]!.name}.`
            : `${results.length} wards. Ticked wards are in ${lap.name}.`}
      </p>
      <ul className="ward-ticks" aria-label={`Wards to tick for ${lap.name}`}>
        {results.map((w) => {
          const checked = pending.get(w.code) ?? members.has(w.code);
          const others = elsewhere.get(w.code);
          return (
            <li key={w.code}>
              <label className={`ward-tick${checked ? ' is-checked' : ''}`}>
                <input type="checkbox" checked={checked} onChange={(e) => toggle(w.code, e.target.checked)} />
                <span className="ward-tick-name">{w.name}</span>
                {others && <span className="ward-tick-note">in {others.join(', ')}</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
