/**
 * Which side-panel tab is open. The tabs themselves are listed in panels.tsx.
 */
import { create } from 'zustand';
import { readPref, writePref } from '../prefs.ts';

export interface UiState {
  panel: string;
  setPanel(id: string): void;
}

export const useUiStore = create<UiState>()((set) => ({
  panel: readPref('panel') ?? 'wards',
  setPanel(panel) {
    writePref('panel', panel);
    set({ panel });
  },
}));
