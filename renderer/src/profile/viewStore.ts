/**
 * How the Profile tab is laid out right now: the search text and filters, which sections are open, which
 * indicators are expanded, population counts shown or not, and whether the comparison view is open. Kept in a
 * store so switching tabs and back leaves everything where it was.
 */
import { create } from 'zustand';
import type { AmbitionId } from '../../../shared/ambitions.ts';
import type { ShowFilter } from './groups.ts';

export type ProfileView = 'indicators' | 'compare';

export interface ProfileViewState {
  view: ProfileView;
  query: string;
  ambition: AmbitionId | 'all';
  show: ShowFilter;
  showCounts: boolean;
  /** Sections the user opened or closed (others follow the default: open, except 'context'). */
  sections: Record<string, boolean>;
  /** Expanded rows, by `${section}:${indicatorId}`. */
  expanded: ReadonlySet<string>;
  setView(view: ProfileView): void;
  setQuery(query: string): void;
  setAmbition(ambition: AmbitionId | 'all'): void;
  setShow(show: ShowFilter): void;
  setShowCounts(on: boolean): void;
  setSection(id: string, open: boolean): void;
  setAllSections(ids: readonly string[], open: boolean): void;
  toggleRow(key: string): void;
}

export function sectionOpen(sections: Record<string, boolean>, id: string): boolean {
  return sections[id] ?? id !== 'context';
}

export const useProfileViewStore = create<ProfileViewState>()((set, get) => ({
  view: 'indicators',
  query: '',
  ambition: 'all',
  show: 'all',
  showCounts: false,
  sections: {},
  expanded: new Set(),
  setView(view) {
    set({ view });
  },
  setQuery(query) {
    set({ query });
  },
  setAmbition(ambition) {
    set({ ambition });
  },
  setShow(show) {
    set({ show });
  },
  setShowCounts(showCounts) {
    set({ showCounts });
  },
  setSection(id, open) {
    set({ sections: { ...get().sections, [id]: open } });
  },
  setAllSections(ids, open) {
    set({ sections: Object.fromEntries(ids.map((id) => [id, open])) });
  },
  toggleRow(key) {
    const expanded = new Set(get().expanded);
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    set({ expanded });
  },
}));
