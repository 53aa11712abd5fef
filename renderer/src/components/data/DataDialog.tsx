/**
 * A modal dialog for the data import and the Data tab, on the native <dialog> element (the rest of the page is
 * inert while it is open), like components/Dialog.tsx, plus:
 *  - Tab and Shift+Tab wrap around inside the dialog, so focus never leaves it for the browser's own controls;
 *  - Escape asks `onClose`, which may refuse (an import that is running); if the browser closes the dialog anyway
 *    (a second Escape), it is opened again while the app still wants it;
 *  - focus goes to the element marked `data-autofocus` (else the first control) when it opens, and again whenever
 *    `focusKey` changes (the import dialog moves from the preview to the progress bar to the summary), and back to
 *    where it was when the dialog closes.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]') && el.getClientRects().length > 0 && !(el.closest('details:not([open])') && el.tagName !== 'SUMMARY'));
}

function focusFirst(dialog: HTMLDialogElement): void {
  const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0] ?? dialog;
  target.focus();
}

export interface DataDialogProps {
  title: string;
  /** Escape or a close button. Return false to stay open. */
  onClose(): boolean | void;
  children: ReactNode;
  className?: string;
  /** When this changes, focus moves to the new `data-autofocus` element. */
  focusKey?: string;
  /** Shown under the title; read with it by screen readers. */
  describedBy?: string;
  testId?: string;
}

export function DataDialog({ title, onClose, children, className, focusKey, describedBy, testId }: DataDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const wanted = useRef(true);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    wanted.current = true;
    if (!dialog.open) dialog.showModal();
    focusFirst(dialog);
    const onNativeClose = () => {
      // The browser closed it (e.g. a second Escape) while the app still shows it: open it again.
      if (wanted.current && dialog.isConnected) {
        dialog.showModal();
        focusFirst(dialog);
      }
    };
    dialog.addEventListener('close', onNativeClose);
    return () => {
      wanted.current = false;
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      if (returnTo && returnTo.isConnected) returnTo.focus();
    };
  }, []);

  const firstKey = useRef(true);
  useEffect(() => {
    if (firstKey.current) {
      firstKey.current = false;
      return;
    }
    const dialog = ref.current;
    if (dialog?.open) focusFirst(dialog);
  }, [focusKey]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const list = focusables(ref.current);
    if (list.length === 0) {
      event.preventDefault();
      return;
    }
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current || !ref.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog data-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={describedBy}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <h2 id={`${id}-title`} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
