/** Whether the Help panel is open: from the header's Help button, F1, or Help ▸ LAP Insight Help in the app menu. */
import { create } from 'zustand';

export interface HelpState {
  open: boolean;
  show(): void;
  hide(): void;
}

export const useHelpStore = create<HelpState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
