/**
 * The side panel: a row of tabs (panels.tsx) and the open tab's content. The tabs follow the ARIA tabs pattern:
 * one tab stop for the row, Left/Right arrows (and Home/End) move between tabs and open them at once.
 */
import { useId, useRef, type KeyboardEvent } from 'react';
import { SIDE_PANELS } from '../panels.tsx';
import { PanelBoundary } from '../shell/PanelBoundary.tsx';
import { useUiStore } from '../shell/uiStore.ts';

export function SidePanel() {
  const stored = useUiStore((s) => s.panel);
  const setPanel = useUiStore((s) => s.setPanel);
  const id = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const active = SIDE_PANELS.find((p) => p.id === stored) ?? SIDE_PANELS[0]!;
  const Active = active.component;

  const open = (index: number) => {
    const tab = SIDE_PANELS[(index + SIDE_PANELS.length) % SIDE_PANELS.length]!;
    setPanel(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = SIDE_PANELS.findIndex((p) => p.id === active.id);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: SIDE_PANELS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    open(to);
  };

  return (
    <aside className="side-panel" aria-label="Side panel">
      <div className="tabs" role="tablist" aria-label="Side panel" onKeyDown={onKeyDown}>
        {SIDE_PANELS.map((panel) => {
          const selected = panel.id === active.id;
          return (
            <button
              key={panel.id}
              ref={(el) => {
                if (el) tabRefs.current.set(panel.id, el);
                else tabRefs.current.delete(panel.id);
              }}
              type="button"
              role="tab"
              id={`${id}-tab-${panel.id}`}
              aria-selected={selected}
              aria-controls={`${id}-panel-${panel.id}`}
              tabIndex={selected ? 0 : -1}
              className={`tab${selected ? ' is-selected' : ''}`}
              onClick={() => setPanel(panel.id)}
            >
              {panel.label}
            </button>
          );
        })}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${id}-panel-${active.id}`} aria-labelledby={`${id}-tab-${active.id}`} data-panel={active.id}>
        {/* One failing tab shows its own error and a Reload button; the other tabs and the map keep working. */}
        <PanelBoundary key={active.id} name={active.label}>
          <Active />
        </PanelBoundary>
      </div>
    </aside>
  );
}
