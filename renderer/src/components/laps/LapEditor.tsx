/**
 * Editing the chosen LAP: its name, how many wards and people it has (updated after every change), whether it is
 * in one piece, its wards (remove them here, add them on the map or in the list below), colour, notes, and
 * copy / delete. Every change is saved straight away and can be undone.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Lap } from '../../../../shared/contract/laps.ts';
import { describeLap, recolourLap, removeWards, renameLap } from '../../laps/actions.ts';
import { duplicateLap } from '../../laps/actions.ts';
import { formatCount, formatPopulation } from '../../laps/format.ts';
import { currentSet, useLapsStore } from '../../laps/store.ts';
import { ColourPicker } from './ColourPicker.tsx';
import { AreaMessage } from './Message.tsx';
import { WardPicker } from './WardPicker.tsx';

const NOTES_SAVE_MS = 1200;

export function LapEditor({ lap }: { lap: Lap }) {
  const id = useId();
  const set = useLapsStore(currentSet);
  const outline = useLapsStore((s) => s.outlines?.features.find((f) => f.id === lap.id));
  const openDialog = useLapsStore((s) => s.openDialog);
  const selectLap = useLapsStore((s) => s.selectLap);

  return (
    <section className="lap-editor" aria-labelledby={`${id}-heading`} data-testid="lap-editor">
      <div className="section-head">
        <h2 id={`${id}-heading`} className="panel-heading">
          Editing this LAP
        </h2>
        <button type="button" className="button button-small button-quiet" onClick={() => selectLap(null)}>
          Done
        </button>
      </div>

      <NameField lap={lap} />

      <dl className="facts lap-facts">
        <div>
          <dt>Wards</dt>
          <dd data-testid="lap-ward-count">{lap.wardCount}</dd>
        </div>
        <div>
          <dt>People</dt>
          <dd data-testid="lap-population">
            {lap.population !== null && lap.wardCount > 0 ? (
              <>
                {formatPopulation(lap.population)} <span className="fact-note">(Census 2021)</span>
              </>
            ) : (
              <span className="fact-note" data-testid="lap-population-note">
                {lap.wardCount === 0 ? 'No wards yet.' : (lap.populationNote ?? 'Not known.')}
              </span>
            )}
          </dd>
        </div>
        {lap.councils.length > 1 && (
          <div>
            <dt>Councils</dt>
            <dd>{lap.councils.map((c) => `${c.name} (${formatCount(c.wardCount, 'ward')})`).join(', ')}</dd>
          </div>
        )}
      </dl>

      {outline?.properties.message && lap.wardCount > 1 && (
        <p className="inline-message is-info" data-testid="lap-parts-message">
          {outline.properties.message}
        </p>
      )}

      <AreaMessage area="wards" />

      <MemberList lap={lap} />
      <p className="hint">
        Click wards on the map to add or remove them. Shift-drag to add every ward a box touches, or use the Lasso on the map.
      </p>

      <WardPicker lap={lap} set={set} />

      <ColourPicker value={lap.colour} onChange={(colour) => void recolourLap(lap.id, colour)} />

      <NotesField lap={lap} />

      <AreaMessage area="details" />

      <div className="button-row">
        <button type="button" className="button button-quiet" onClick={() => void duplicateLap(lap.id)}>
          Make a copy
        </button>
        <button type="button" className="button button-danger" onClick={() => openDialog({ kind: 'delete', lapId: lap.id })}>
          Delete LAP…
        </button>
      </div>
    </section>
  );
}

function NameField({ lap }: { lap: Lap }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? lap.name;

  const commit = async () => {
    if (draft === null) return;
    const name = draft.trim();
    if (name === lap.name) {
      setDraft(null);
      return;
    }
    if (!name) {
      useLapsStore.getState().setMessage('details', 'A LAP needs a name. Type one, or press Esc to keep the old name.');
      return;
    }
    const result = await renameLap(lap.id, name);
    if (result.ok) setDraft(null);
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-name`}>
        LAP name
      </label>
      <div className="name-row">
        <span className="swatch lap-swatch" style={{ background: lap.colour }} aria-hidden="true" />
        <input
          id={`${id}-name`}
          className="text-input lap-name-input"
          type="text"
          value={value}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void commit();
            } else if (e.key === 'Escape' && draft !== null) {
              e.preventDefault();
              e.stopPropagation();
              setDraft(null);
              useLapsStore.getState().setMessage('details', null);
            }
          }}
        />
      </div>
    </div>
  );
}

function NotesField({ lap }: { lap: Lap }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<{ lapId: number; draft: string | null }>({ lapId: lap.id, draft });
  latest.current = { lapId: lap.id, draft };

  const save = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { lapId, draft: text } = latest.current;
    if (text === null) return;
    void describeLap(lapId, text).then((r) => {
      // Keep what is typed if saving failed; otherwise show the saved notes (which now equal the draft).
      if (r.ok && latest.current.draft === text) setDraft(null);
    });
  };

  // Save anything pending when the editor closes (another LAP chosen, or Done).
  useEffect(() => () => save(), []); // save reads refs only.

  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-notes`}>
        Notes
      </label>
      <textarea
        id={`${id}-notes`}
        className="text-input notes-input"
        rows={4}
        maxLength={10_000}
        value={draft ?? lap.notes}
        aria-describedby={`${id}-notes-help`}
        onChange={(e) => {
          setDraft(e.target.value);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(save, NOTES_SAVE_MS);
        }}
        onBlur={save}
      />
      <p id={`${id}-notes-help`} className="hint">
        Themes, contacts, decisions. Saved as you type.
      </p>
    </div>
  );
}

function MemberList({ lap }: { lap: Lap }) {
  const id = useId();
  if (lap.wards.length === 0) {
    return (
      <div className="empty-state compact">
        <p>
          <strong>{lap.name} has no wards yet.</strong>
        </p>
        <p>Click wards on the map, or find them in the list below.</p>
      </div>
    );
  }
  return (
    <div className="member-section">
      <h3 id={`${id}-members`} className="subheading">
        Wards in {lap.name}
      </h3>
      <ul className="member-list" aria-labelledby={`${id}-members`} data-testid="lap-members">
        {lap.wards.map((w) => (
          <li key={w.code} className="member-chip">
            <span>{w.name}</span>
            <button type="button" className="chip-remove" aria-label={`Remove ${w.name}`} title={`Remove ${w.name}`} onClick={() => void removeWards(lap.id, [w.code])}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
