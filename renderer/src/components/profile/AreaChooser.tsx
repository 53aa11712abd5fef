/**
 * What to profile: a LAP (from any set), one ward, or a council. The LAP starts as the one chosen on the LAPs tab,
 * the ward as the one selected on the Wards tab (or clicked on the map).
 */
import { useId } from 'react';
import { NORTH_CODE, WEST_CODE, type AuthorityCode } from '../../../../shared/domain.ts';
import { COUNCIL_NAMES } from '../../profile/format.ts';
import { useProfileStore, type AreaKind } from '../../profile/store.ts';
import { useWardsStore } from '../../wards/store.ts';
import { Segmented } from './Segmented.tsx';

const KINDS = [
  { value: 'lap', label: 'A LAP' },
  { value: 'ward', label: 'A ward' },
  { value: 'council', label: 'A council' },
] as const;

const COUNCILS: AuthorityCode[] = [WEST_CODE, NORTH_CODE];

export function AreaChooser() {
  const id = useId();
  const kind = useProfileStore((s) => s.kind);
  const target = useProfileStore((s) => s.target);
  const sets = useProfileStore((s) => s.sets);
  const laps = useProfileStore((s) => s.lapChoices);
  const setKind = useProfileStore((s) => s.setKind);
  const choose = useProfileStore((s) => s.choose);
  const wards = useWardsStore((s) => s.wards);

  const value = target?.kind === kind ? String(target.kind === 'lap' ? target.id : target.code) : '';

  const onChoose = (raw: string) => {
    if (!raw) return choose(null);
    if (kind === 'lap') choose({ kind: 'lap', id: Number(raw) });
    else if (kind === 'ward') choose({ kind: 'ward', code: raw });
    else choose({ kind: 'council', code: raw as AuthorityCode });
  };

  const label = kind === 'lap' ? 'LAP' : kind === 'ward' ? 'Ward' : 'Council';

  return (
    <section className="area-chooser">
      <Segmented<AreaKind> legend="Profile of" options={KINDS} value={kind} onChange={setKind} small testId="area-kind" />
      <div className="area-select">
        <label className="visually-hidden" htmlFor={`${id}-area`}>
          {label} to profile
        </label>
        <select id={`${id}-area`} className="select" value={value} onChange={(e) => onChoose(e.target.value)}>
          <option value="">{`Choose a ${kind === 'lap' ? 'LAP' : kind}…`}</option>
          {kind === 'lap' &&
            sets.map((s) => {
              const inSet = laps.filter((l) => l.setId === s.id);
              if (inSet.length === 0) return null;
              return (
                <optgroup key={s.id} label={s.name}>
                  {inSet.map((l) => (
                    <option key={l.id} value={l.id} disabled={l.wardCodes.length === 0}>
                      {l.name} ({l.wardCodes.length === 0 ? 'no wards yet' : `${l.wardCodes.length} ward${l.wardCodes.length === 1 ? '' : 's'}`})
                    </option>
                  ))}
                </optgroup>
              );
            })}
          {kind === 'ward' &&
            COUNCILS.map((c) => (
              <optgroup key={c} label={COUNCIL_NAMES[c]}>
                {wards
                  .filter((w) => w.authorityCode === c)
                  .map((w) => (
                    <option key={w.code} value={w.code}>
                      {w.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          {kind === 'council' &&
            COUNCILS.map((c) => (
              <option key={c} value={c}>
                {COUNCIL_NAMES[c]}
              </option>
            ))}
        </select>
      </div>
    </section>
  );
}
