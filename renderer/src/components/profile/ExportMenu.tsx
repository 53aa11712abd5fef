/**
 * One "Export ▾" button that opens a menu of every export (PDF first, then CSV, Excel, map picture and, once
 * places are imported, the places lists). A single button keeps the profile's title row short at any window
 * size, however many exports there are (issue 16: the row of buttons covered the LAP's name at 1280×720).
 *
 * Menu-button pattern (WAI-ARIA APG): Enter, Space or Down opens it on the first item, Up on the last;
 * Up/Down/Home/End move between items; Escape or Tab closes it (Escape returns focus to the button).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface ExportMenuItem {
  key: string;
  label: string;
  /** A longer description, shown under the label. */
  hint?: string;
  run(): void;
}

export function ExportMenu({ items, disabled, buttonTitle }: { items: readonly ExportMenuItem[]; disabled: boolean; buttonTitle: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');

  const itemEls = () => Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const els = itemEls();
    (focusOnOpen.current === 'last' ? els[els.length - 1] : els[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  useEffect(() => {
    if (disabled) setOpen(false);
  }, [disabled]);

  const openAt = (where: 'first' | 'last') => {
    focusOnOpen.current = where;
    setOpen(true);
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const els = itemEls();
    const at = els.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      els[(to + els.length) % els.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(els.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div className="export-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button export-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        title={buttonTitle}
        data-testid="export-menu-button"
        onClick={() => (open ? setOpen(false) : openAt('first'))}
        onKeyDown={onButtonKey}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menuRef} id={`${id}-menu`} className="export-menu-list" role="menu" aria-label="Export" onKeyDown={onMenuKey} data-testid="export-menu">
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="export-menu-item"
                onClick={() => {
                  setOpen(false);
                  buttonRef.current?.focus();
                  item.run();
                }}
              >
                <span className="export-menu-label">{item.label}</span>
                {item.hint && <span className="export-menu-hint">{item.hint}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
