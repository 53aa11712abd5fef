/**
 * The LAPs of the chosen set, as a listbox: click one, or use the arrow keys (Home/End too), to edit it on the
 * map; Delete asks to delete it; Escape stops editing. "New LAP" starts a new one.
 */
import { useCallback, useEffect, useId, type KeyboardEvent } from 'react';
import type { Lap } from '../../../../shared/contract/laps.ts';
import { formatCount, formatPopulation } from '../../laps/format.ts';
import { currentSet, useLapsStore } from '../../laps/store.ts';
import { AreaMessage } from './Message.tsx';

function lapMeta(lap: Lap): string {
  const wards = formatCount(lap.wardCount, 'ward');
  if (lap.wardCount === 0) return 'no wards yet';
  return lap.population === null ? wards : `${wards} · ${formatPopulation(lap.population)} people`;
}

export function LapList() {
  const laps = useLapsStore((s) => s.laps);
  const activeLapId = useLapsStore((s) => s.activeLapId);
  const highlighted = useLapsStore((s) => s.highlighted);
  const set = useLapsStore(currentSet);
  const { selectLap, openDialog } = useLapsStore.getState();
  const id = useId();
  const optionId = useCallback((lapId: number) => `${id}-lap-${lapId}`, [id]);

  useEffect(() => {
    if (activeLapId !== null) document.getElementById(optionId(activeLapId))?.scrollIntoView({ block: 'nearest' });
  }, [activeLapId, optionId]);

  const index = laps.findIndex((l) => l.id === activeLapId);
  const move = (to: number) => {
    if (laps.length === 0) return;
    const lap = laps[Math.max(0, Math.min(laps.length - 1, to))]!;
    selectLap(lap.id, { fly: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(index < 0 ? 0 : index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(index < 0 ? 0 : index - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(laps.length - 1);
        break;
      case 'Enter':
        if (index < 0) move(0);
        else selectLap(laps[index]!.id, { fly: true });
        event.preventDefault();
        break;
      case 'Delete':
        if (activeLapId !== null) {
          event.preventDefault();
          openDialog({ kind: 'delete', lapId: activeLapId });
        }
        break;
      case 'Escape':
        if (activeLapId !== null) {
          event.preventDefault();
          selectLap(null);
        }
        break;
    }
  };

  return (
    <section className="lap-list-section" aria-labelledby={`${id}-heading`}>
      <div className="section-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          LAPs in this set
        </h2>
        <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'create' })} disabled={!set}>
          New LAP
        </button>
      </div>
      <AreaMessage area="list" />
      {laps.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>{set ? `${set.name} has no LAPs yet.` : 'There is no LAP set yet.'}</strong>
          </p>
          <p>Press “New LAP”, give it a name, then click its wards on the map. Or import a LAP file below.</p>
        </div>
      ) : (
        <>
          <ul
            className="lap-list"
            role="listbox"
            aria-label="LAPs"
            aria-describedby={`${id}-help`}
            tabIndex={0}
            aria-activedescendant={activeLapId !== null && index >= 0 ? optionId(activeLapId) : undefined}
            onKeyDown={onKeyDown}
          >
            {laps.map((lap) => {
              const selected = lap.id === activeLapId;
              const isNew = highlighted.includes(lap.id);
              return (
                <li
                  key={lap.id}
                  id={optionId(lap.id)}
                  role="option"
                  aria-selected={selected}
                  className={`lap-option${selected ? ' is-selected' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={(e) => {
                    e.currentTarget.parentElement?.focus();
                    selectLap(lap.id, { fly: true });
                  }}
                >
                  <span className="swatch lap-swatch" style={{ background: lap.colour }} aria-hidden="true" />
                  <span className="lap-option-text">
                    <span className="lap-option-name">
                      {lap.name}
                      {isNew && <span className="badge">new</span>}
                    </span>
                    <span className="lap-option-meta">{lapMeta(lap)}</span>
                  </span>
                </li>
              );
            })}
          </ul>
          <p id={`${id}-help`} className="hint">
            Choose a LAP to change it. ↑ ↓ move, Delete deletes, Esc stops editing.
          </p>
        </>
      )}
    </section>
  );
}
