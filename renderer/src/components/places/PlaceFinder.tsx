/**
 * A searchable list of the places in the ticked categories: name, category, ward and LAPs ("in N4 (by location)",
 * "serves N4 (attached)"). A place's name shows it on the map (the map moves to it and opens its popup). Each
 * place can be attached to a LAP by hand ("this practice serves N4"), or detached; both can be undone.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { placeCategory, type Place } from '../../../../shared/places.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { attachPlace, detachPlace } from '../../places/actions.ts';
import { addressText, isAttached, linkText, whereText } from '../../places/format.ts';
import { currentLapId, useLapChoicesStore, type LapOption } from '../../places/lapChoicesStore.ts';
import { usePlacesStore } from '../../places/store.ts';
import { InlineMessage } from '../laps/Message.tsx';
import { CategoryMarker } from './CategoryMarker.tsx';

const PAGE = 50;

function haystack(p: Place): string {
  return [p.name, p.address, p.postcode, p.postcode.replace(/\s+/g, ''), p.ref, p.ward?.name ?? '', placeCategory(p.category).label, ...p.laps.map((l) => l.name)].join(' ').toLowerCase();
}

/** Places whose text holds every word of the query, in the categories shown, by name. */
function matching(details: ReadonlyMap<number, Place>, hidden: ReadonlySet<string>, query: string): Place[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: Place[] = [];
  for (const p of details.values()) {
    if (hidden.has(p.category)) continue;
    if (words.length) {
      const text = haystack(p);
      if (!words.every((w) => text.includes(w))) continue;
    }
    out.push(p);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base', numeric: true }) || a.id - b.id);
}

export function PlaceFinder() {
  const id = useId();
  const details = usePlacesStore((s) => s.details);
  const detailsStatus = usePlacesStore((s) => s.detailsStatus);
  const detailsError = usePlacesStore((s) => s.detailsError);
  const ensureDetails = usePlacesStore((s) => s.ensureDetails);
  const hidden = usePlacesStore((s) => s.hidden);
  const query = usePlacesStore((s) => s.query);
  const setQuery = usePlacesStore((s) => s.setQuery);
  const [limit, setLimit] = useState(PAGE);
  const found = useMemo(() => (details ? matching(details, hidden, query) : []), [details, hidden, query]);
  useEffect(() => setLimit(PAGE), [query, hidden]);
  const shown = found.slice(0, limit);

  return (
    <section className="place-finder" aria-labelledby={`${id}-heading`} data-testid="place-finder">
      <h2 id={`${id}-heading`} className="panel-heading">
        Find a place
      </h2>
      <label className="field-label" htmlFor={`${id}-search`}>
        Name, address, postcode, ward or LAP
      </label>
      <input id={`${id}-search`} className="text-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {detailsStatus === 'error' ? (
        <div className="panel-problem" role="alert">
          <p>The list of places could not be loaded: {detailsError}</p>
          <button type="button" className="button button-small" onClick={() => void ensureDetails(true)}>
            Try again
          </button>
        </div>
      ) : !details ? (
        <p className="hint" role="status">
          Loading the places…
        </p>
      ) : (
        <>
          <p className="result-count" role="status" data-testid="place-count">
            {found.length === 0
              ? query.trim()
                ? 'No place matches. Try fewer words, or tick more categories.'
                : 'No place in the ticked categories.'
              : `${formatNumber(found.length, 0)} ${found.length === 1 ? 'place' : 'places'}${query.trim() ? ' match' : ''}${hidden.size ? ' (ticked categories only)' : ''}`}
          </p>
          <ul className="place-items" aria-labelledby={`${id}-heading`}>
            {shown.map((p) => (
              <PlaceItem key={p.id} place={p} />
            ))}
          </ul>
          {found.length > shown.length && (
            <div className="button-row">
              <button type="button" className="button button-small button-quiet" onClick={() => setLimit(limit + PAGE)}>
                Show {formatNumber(Math.min(PAGE, found.length - shown.length), 0)} more (of {formatNumber(found.length - shown.length, 0)})
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function PlaceItem({ place }: { place: Place }) {
  const openPlace = usePlacesStore((s) => s.openPlace);
  const focused = usePlacesStore((s) => s.focus?.placeId === place.id);
  const [attaching, setAttaching] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | null>(null);
  const attachButton = useRef<HTMLButtonElement>(null);
  const c = placeCategory(place.category);
  const address = addressText(place);

  const detach = async (lap: { id: number; name: string }) => {
    setMessage(null);
    const result = await detachPlace(place, lap);
    if (!result.ok) setMessage({ text: result.message, tone: 'error' });
  };

  return (
    <li className={`place-item${focused ? ' is-focused' : ''}`} data-place-id={place.id} data-category={place.category}>
      <CategoryMarker category={place.category} />
      <div className="place-item-body">
        <button type="button" className="place-name-button" onClick={() => openPlace(place.id, { fly: true })} title="Show it on the map" aria-label={`${place.name}: show on the map`}>
          {place.name}
        </button>
        <p className="place-item-meta">
          {c.label}
          {address ? ` · ${address}` : ''}
        </p>
        <p className="place-item-meta">{whereText(place)}</p>
        {place.laps.length > 0 && (
          <ul className="place-links" aria-label={`LAPs of ${place.name}`}>
            {place.laps.map((lap) => (
              <li key={lap.id} className={`place-link is-${lap.how}`} title={lap.setName} data-lap-id={lap.id}>
                {linkText(lap)}
                {isAttached(lap.how) && (
                  <button type="button" className="chip-button" onClick={() => void detach(lap)} aria-label={`Detach ${place.name} from ${lap.name}`}>
                    Detach
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {attaching ? (
          <AttachForm
            place={place}
            onDone={(text) => {
              setAttaching(false);
              if (text) setMessage({ text, tone: 'info' });
              setTimeout(() => attachButton.current?.focus(), 0);
            }}
          />
        ) : (
          <button type="button" ref={attachButton} className="data-link-button place-attach-button" onClick={() => {
              setMessage(null);
              setAttaching(true);
            }}>
            {/* The accessible name holds the visible words (WCAG 2.5.3), then which place: "Attach to LAP… (name)". */}
            Attach to LAP…<span className="visually-hidden"> ({place.name})</span>
          </button>
        )}
        {message && <InlineMessage text={message.text} tone={message.tone} />}
      </div>
    </li>
  );
}

function AttachForm({ place, onDone }: { place: Place; onDone(message: string | null): void }) {
  const id = useId();
  const status = useLapChoicesStore((s) => s.status);
  const error = useLapChoicesStore((s) => s.error);
  const laps = useLapChoicesStore((s) => s.laps);
  const load = useLapChoicesStore((s) => s.load);
  const attached = new Set(place.laps.filter((l) => isAttached(l.how)).map((l) => l.id));
  const options = laps.filter((l) => !attached.has(l.id));
  const [lapId, setLapId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (lapId === null && options.length) {
      const current = currentLapId(options);
      setLapId(current);
    }
  }, [options, lapId]);
  useEffect(() => {
    if (status === 'ready') select.current?.focus();
  }, [status]);

  const sets = useMemo(() => {
    const bySet = new Map<number, { name: string; laps: LapOption[] }>();
    for (const l of options) {
      const entry = bySet.get(l.setId) ?? { name: l.setName, laps: [] };
      entry.laps.push(l);
      bySet.set(l.setId, entry);
    }
    return [...bySet.values()];
  }, [options]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lap = options.find((l) => l.id === lapId);
    if (!lap) return;
    setBusy(true);
    setProblem(null);
    const result = await attachPlace(place, lap);
    setBusy(false);
    if (result.ok) onDone(`${place.name} now serves ${lap.name} (attached). Undo is in the header.`);
    else setProblem(result.message);
  };

  return (
    <form className="place-attach-form" onSubmit={(e) => void submit(e)} data-testid="place-attach-form">
      {status === 'error' ? (
        <InlineMessage text={`The LAPs could not be loaded: ${error}`} tone="error" />
      ) : status !== 'ready' ? (
        <p className="hint" role="status">
          Loading the LAPs…
        </p>
      ) : options.length === 0 ? (
        <p className="hint">There is no other LAP to attach it to. Make LAPs on the LAPs tab.</p>
      ) : (
        <>
          <label className="field-label" htmlFor={`${id}-lap`}>
            Attach {place.name} to
          </label>
          <select ref={select} id={`${id}-lap`} className="select" value={lapId ?? ''} onChange={(e) => setLapId(Number(e.target.value))} disabled={busy}>
            {sets.map((s) => (
              <optgroup key={s.name} label={s.name}>
                {s.laps.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <p className="hint">It then counts for that LAP as well as for where it lies, and shows as “serves …”.</p>
        </>
      )}
      {problem && <InlineMessage text={problem} tone="error" />}
      <div className="button-row">
        {status === 'ready' && options.length > 0 && (
          <button type="submit" className="button button-small" disabled={busy || lapId === null}>
            {busy ? 'Attaching…' : 'Attach'}
          </button>
        )}
        <button type="button" className="button button-small button-quiet" onClick={() => onDone(null)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
