/**
 * The imported lists of places, each with its file, date, counts by category and a Delete (asked first, naming
 * what goes).
 */
import { useRef, useState } from 'react';
import { PLACE_CATEGORIES, type PlaceList } from '../../../../shared/places.ts';
import { count, formatDate } from '../../data/format.ts';
import { deletePlaceList } from '../../places/actions.ts';
import { categoryCount } from '../../places/format.ts';
import { DataDialog } from '../data/DataDialog.tsx';
import { InlineMessage } from '../laps/Message.tsx';
import { CategoryMarker } from './CategoryMarker.tsx';

function categoriesText(list: PlaceList): string {
  return PLACE_CATEGORIES.filter((c) => (list.byCategory[c.id] ?? 0) > 0)
    .map((c) => categoryCount(c.id, list.byCategory[c.id] ?? 0))
    .join(', ');
}

export function PlaceLists({ lists, headingId }: { lists: PlaceList[]; headingId: string }) {
  const [deleting, setDeleting] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const toDelete = lists.find((l) => l.id === deleting);
  return (
    <>
      <h2 id={headingId} className="panel-heading" ref={heading} tabIndex={-1}>
        Imported lists ({lists.length})
      </h2>
      <ul className="place-list-cards" aria-labelledby={headingId} data-testid="place-lists">
        {lists.map((list) => (
          <li key={list.id} className="place-list-card" data-list-id={list.id}>
            <h3 className="place-list-name">{list.name}</h3>
            <p className="hint">
              {list.fileName}, imported {formatDate(list.importedAt)}
            </p>
            <p className="place-list-count">
              {count(list.count, 'place')}
              {list.outside > 0 ? ` (${list.outside.toLocaleString('en-GB')} outside the two councils)` : ''}
            </p>
            <ul className="places-by-category" aria-label={`${list.name}: places by category`}>
              {PLACE_CATEGORIES.filter((c) => (list.byCategory[c.id] ?? 0) > 0).map((c) => (
                <li key={c.id} data-category={c.id}>
                  <CategoryMarker category={c.id} />
                  {categoryCount(c.id, list.byCategory[c.id] ?? 0)}
                </li>
              ))}
            </ul>
            <div className="button-row">
              <button type="button" className="button button-small button-quiet" onClick={() => setDeleting(list.id)} aria-label={`Delete the list “${list.name}”…`}>
                Delete…
              </button>
            </div>
          </li>
        ))}
      </ul>
      {toDelete && (
        <DeletePlaceListDialog
          list={toDelete}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setTimeout(() => heading.current?.focus(), 0);
          }}
        />
      )}
    </>
  );
}

function DeletePlaceListDialog({ list, onClose, onDeleted }: { list: PlaceList; onClose(): void; onDeleted(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    const result = await deletePlaceList(list);
    setBusy(false);
    if (result.ok) onDeleted();
    else setError(result.message);
  };
  const what = categoriesText(list);
  return (
    <DataDialog title={`Delete “${list.name}”?`} onClose={() => (busy ? false : onClose())} className="dialog-danger" testId="delete-place-list-dialog">
      <div className="data-dialog-body">
        <p data-testid="delete-place-list-text">
          This removes the {count(list.count, 'place')} imported from {list.fileName} on {formatDate(list.importedAt)}
          {what ? `: ${what}` : ''}. Any attachments of these places to LAPs go with them.
        </p>
        <p className="hint">This cannot be undone. To get the places back, import the file again.</p>
        {error && <InlineMessage text={error} tone="error" />}
      </div>
      <div className="button-row dialog-buttons data-dialog-footer">
        <button type="button" className="button button-danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Deleting…' : `Delete “${list.name}”`}
        </button>
        <button type="button" className="button button-quiet" data-autofocus disabled={busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </DataDialog>
  );
}
