/**
 * Find a ward by typing part of its name. The text box is a combobox and the list a listbox: arrow keys move
 * through the matches, Enter chooses one (selects it and moves the map to it), Escape clears the search.
 * The list itself can also take focus and works with the same keys.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { searchByName } from '../../../shared/names.ts';
import type { Ward } from '../../../shared/domain.ts';
import { useSelectionStore } from '../wards/selectionStore.ts';
import { useWardsStore } from '../wards/store.ts';
import { councilClass } from './council.ts';

export function WardList() {
  const wards = useWardsStore((s) => s.wards);
  const query = useSelectionStore((s) => s.query);
  const setQuery = useSelectionStore((s) => s.setQuery);
  const selectedCode = useSelectionStore((s) => s.selectedCode);
  const select = useSelectionStore((s) => s.select);

  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const id = useId();
  const listId = `${id}-wards`;
  const optionId = useCallback((code: string) => `${id}-ward-${code}`, [id]);

  const results = useMemo(() => searchByName(wards, query, (w) => w.name, (w) => w.code), [wards, query]);

  // The active (keyboard-highlighted) option is remembered by code, so it survives the list changing.
  const [activeCode, setActiveCode] = useState<string | null>(null);
  let activeIndex = activeCode ? results.findIndex((w) => w.code === activeCode) : -1;
  if (activeIndex < 0 && query.trim() && results.length > 0) activeIndex = 0;
  const active: Ward | undefined = activeIndex >= 0 ? results[activeIndex] : undefined;

  // Keep the active option in view while moving with the keyboard.
  const activeOptionCode = active?.code;
  useEffect(() => {
    if (!activeOptionCode) return;
    document.getElementById(optionId(activeOptionCode))?.scrollIntoView({ block: 'nearest' });
  }, [activeOptionCode, optionId]);

  // A ward chosen on the map scrolls into view in the list too.
  useEffect(() => {
    if (selectedCode) document.getElementById(optionId(selectedCode))?.scrollIntoView({ block: 'nearest' });
  }, [selectedCode, optionId]);

  const choose = (ward: Ward) => {
    setActiveCode(ward.code);
    select(ward.code, { fly: true });
  };

  const move = (to: number) => {
    if (results.length === 0) return;
    const clamped = Math.max(0, Math.min(results.length - 1, to));
    setActiveCode(results[clamped]?.code ?? null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>, inList: boolean) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(activeIndex < 0 ? 0 : activeIndex + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(activeIndex < 0 ? 0 : activeIndex - 1);
        break;
      case 'PageDown':
        event.preventDefault();
        move(activeIndex + 8);
        break;
      case 'PageUp':
        event.preventDefault();
        move(activeIndex - 8);
        break;
      case 'Home':
      case 'End':
        // In the text box these move the caret; in the list they jump to the first or last ward.
        if (!inList) break;
        event.preventDefault();
        move(event.key === 'Home' ? 0 : results.length - 1);
        break;
      case 'Enter': {
        const target = active ?? (results.length === 1 ? results[0] : undefined);
        if (target) {
          event.preventDefault();
          choose(target);
        }
        break;
      }
      case 'Escape':
        event.preventDefault();
        setQuery('');
        setActiveCode(null);
        if (inList) inputRef.current?.focus();
        break;
    }
  };

  const trimmed = query.trim();
  const countText =
    results.length === 0
      ? `No ward matches '${trimmed}'.`
      : trimmed
        ? `${results.length} ${results.length === 1 ? 'ward matches' : 'wards match'} '${trimmed}'.`
        : `${results.length} wards.`;

  return (
    <section className="ward-finder" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-heading">
        Find a ward
      </h2>
      <label className="field-label" htmlFor={`${id}-search`}>
        Ward name or code
      </label>
      <div className="search-box">
        <input
          ref={inputRef}
          id={`${id}-search`}
          className="search-input"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(active.code) : undefined}
          aria-describedby={`${id}-count ${id}-help`}
          autoComplete="off"
          spellCheck={false}
          placeholder="For example: St George"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActiveCode(null);
          }}
          onKeyDown={(e) => onKeyDown(e, false)}
        />
        {query && (
          <button
            type="button"
            className="search-clear"
            aria-label="Clear search"
            title="Clear search (Esc)"
            onClick={() => {
              setQuery('');
              setActiveCode(null);
              inputRef.current?.focus();
            }}
          >
            ×
          </button>
        )}
      </div>
      <p id={`${id}-help`} className="hint">
        Use ↑ and ↓ to move, Enter to choose, Esc to clear.
      </p>
      <p id={`${id}-count`} className="result-count" role="status" aria-live="polite">
        {countText}
      </p>

      {results.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No ward matches '{trimmed}'.</strong>
          </p>
          <p>Check the spelling, or type just part of the name, such as 'Kingsthorpe'.</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setQuery('');
              inputRef.current?.focus();
            }}
          >
            Show all wards
          </button>
        </div>
      ) : (
        <ul
          ref={listRef}
          id={listId}
          className="ward-list"
          role="listbox"
          aria-label="Wards"
          tabIndex={0}
          aria-activedescendant={active ? optionId(active.code) : undefined}
          onKeyDown={(e) => onKeyDown(e, true)}
          onFocus={() => {
            if (!active && results[0]) setActiveCode(selectedCode && results.some((w) => w.code === selectedCode) ? selectedCode : results[0].code);
          }}
        >
          {results.map((ward) => {
            const isSelected = ward.code === selectedCode;
            const isActive = ward.code === active?.code;
            return (
              <li
                key={ward.code}
                id={optionId(ward.code)}
                role="option"
                aria-selected={isSelected}
                className={`ward-option${isSelected ? ' is-selected' : ''}${isActive ? ' is-active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(ward)}
              >
                <span className={`swatch ${councilClass(ward.authorityCode)}`} aria-hidden="true" />
                <span className="ward-option-text">
                  <span className="ward-option-name">{ward.name}</span>
                  <span className="ward-option-council">{ward.authorityName}</span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
