/** Whether the Help panel is open: from the header's Help button, F1, or Help ▸ LAP Insight Help in the app menu. */
import { create } from 'zustand';

export interface HelpState {
  open: boolean;
  show(): void;
  hide(): void;
}

/** Where the focus was when Help opened, to go back to when it closes. */
let returnTo: HTMLElement | null = null;

export const useHelpStore = create<HelpState>()((set, get) => ({
  open: false,
  show: () => {
    if (get().open) return;
    returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    set({ open: true });
  },
  hide: () => {
    set({ open: false });
    const back = returnTo;
    returnTo = null;
    window.setTimeout(() => {
      if (back?.isConnected) back.focus();
    }, 0);
  },
}));
