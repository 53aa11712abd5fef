/**
 * Issue 15: the built-in GP practices and pharmacies (NHS ODS) can be hidden (deleting the list) or replaced by a
 * newer ODS extract. While they are not shown, this offers to bring them back (places.restoreBuiltin); lists the
 * user imported are left as they are.
 */
import { useState } from 'react';
import { send } from '../../api.ts';
import { describeError } from '../../errors.ts';
import { usePlacesStore } from '../../places/store.ts';
import { announce } from '../../shell/statusStore.ts';

export function BuiltinRestore() {
  const lists = usePlacesStore((s) => s.lists);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (lists.some((l) => l.builtin)) return null;

  const restore = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await send('places.restoreBuiltin', {});
      announce(r.message);
      await usePlacesStore.getState().changed();
      if (!r.list) setMessage({ text: r.message, error: false });
    } catch (err) {
      setMessage({ text: `The built-in list could not be brought back: ${describeError(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="builtin-restore" data-testid="places-builtin-restore">
      <p className="hint">
        The built-in list of GP practices and pharmacies (NHS England Organisation Data Service) is hidden. Bring it back to see them on the map and in every profile; the
        lists you imported stay as they are.
      </p>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void restore()} data-testid="places-builtin-restore-button">
          {busy ? 'Bringing it back…' : 'Bring back the built-in list'}
        </button>
      </div>
      {message && (
        <p className={message.error ? 'inline-message is-error' : 'inline-message'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
