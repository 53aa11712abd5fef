/** Choose which LAP set to work on. Official sets (one per council) cannot share wards between LAPs. */
import { useId } from 'react';
import { describeError } from '../../errors.ts';
import { formatCount } from '../../laps/format.ts';
import { currentSet, useLapsStore } from '../../laps/store.ts';

export function SetPicker() {
  const sets = useLapsStore((s) => s.sets);
  const setId = useLapsStore((s) => s.setId);
  const set = useLapsStore(currentSet);
  const id = useId();
  const official = sets.filter((s) => s.kind === 'official');
  const custom = sets.filter((s) => s.kind === 'custom');

  const choose = (value: string) => {
    const { chooseSet, setMessage } = useLapsStore.getState();
    chooseSet(Number(value)).catch((err: unknown) => setMessage('list', describeError(err)));
  };

  const option = (s: (typeof sets)[number]) => (
    <option key={s.id} value={s.id}>
      {s.name}
    </option>
  );

  return (
    <section className="set-picker">
      <label className="field-label" htmlFor={`${id}-set`}>
        LAP set
      </label>
      <select id={`${id}-set`} className="select" value={setId ?? ''} onChange={(e) => choose(e.target.value)} aria-describedby={`${id}-kind`}>
        {official.length > 0 && <optgroup label="Official">{official.map(option)}</optgroup>}
        {custom.length > 0 && <optgroup label="Working groups">{custom.map(option)}</optgroup>}
      </select>
      {set && (
        <p id={`${id}-kind`} className="hint">
          {formatCount(set.lapCount, 'LAP').replace(/^no/, 'No')}.{' '}
          {set.kind === 'official'
            ? `Official LAPs for ${set.council?.name ?? 'one council'}: each ward can be in only one LAP.`
            : set.council
              ? `Your own working groups, using ${set.council.name} wards. LAPs may share wards.`
              : 'Your own working groups. LAPs may share wards and cross council boundaries.'}
        </p>
      )}
    </section>
  );
}
