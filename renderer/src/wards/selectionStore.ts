/**
 * What the user is looking at: the selected ward, the ward under the pointer, and the text in the ward search.
 * The map and the list both read and write here, so they always agree.
 */
import { create } from 'zustand';

export interface HoveredWard {
  code: string;
  name: string;
  authorityName: string;
  /** Pointer position relative to the map, CSS pixels. */
  x: number;
  y: number;
}

/** A request for the map to move to a ward; `seq` changes on every request so the same ward can be asked twice. */
export interface FlyRequest {
  code: string;
  seq: number;
}

export interface SelectionState {
  selectedCode: string | null;
  hovered: HoveredWard | null;
  query: string;
  flyRequest: FlyRequest | null;
  /** Selects a ward (or clears with null). `fly` also moves the map to it. */
  select(code: string | null, options?: { fly?: boolean }): void;
  setHovered(hovered: HoveredWard | null): void;
  setQuery(query: string): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selectedCode: null,
  hovered: null,
  query: '',
  flyRequest: null,
  select(code, options) {
    const fly = Boolean(options?.fly && code);
    set({
      selectedCode: code,
      ...(fly && code ? { flyRequest: { code, seq: (get().flyRequest?.seq ?? 0) + 1 } } : {}),
    });
  },
  setHovered(hovered) {
    set({ hovered });
  },
  setQuery(query) {
    set({ query });
  },
}));
