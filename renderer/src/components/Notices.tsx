/**
 * What the backend did by itself at start-up that the user should know (a restored backup, a backup that could not
 * be made): 'app.notices', shown once under the header until dismissed.
 */
import { useEffect, useState } from 'react';
import type { AppNotice } from '../../../shared/contract.ts';
import { send } from '../api.ts';

export function Notices() {
  const [notices, setNotices] = useState<AppNotice[]>([]);
  useEffect(() => {
    let live = true;
    send('app.notices', {})
      .then((list) => {
        if (live) setNotices(list);
      })
      .catch(() => {
        /* no notices to show is the safe default */
      });
    return () => {
      live = false;
    };
  }, []);
  if (notices.length === 0) return null;
  return (
    <section className="app-notices" aria-label="Notices from start-up" data-testid="app-notices">
      {notices.map((n) => (
        <p key={`${n.code}-${n.at}`} className={`inline-message is-${n.level === 'warning' ? 'error' : 'info'}`} role={n.level === 'warning' ? 'alert' : 'status'}>
          {n.message}{' '}
          <button type="button" className="button button-small button-quiet" onClick={() => setNotices((list) => list.filter((x) => x !== n))} aria-label={`Dismiss: ${n.message}`}>
            Dismiss
          </button>
        </p>
      ))}
    </section>
  );
}
