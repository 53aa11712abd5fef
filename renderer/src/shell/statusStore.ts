/**
 * The status line: one plain sentence about what just happened ("Added Castle to Test LAP: 3 wards."), read out by
 * screen readers (aria-live) and shown under the app header.
 */
import { create } from 'zustand';

export interface StatusState {
  message: string;
  /** Changes on every announcement, so the same sentence twice is still shown afresh. */
  seq: number;
  tone: 'info' | 'error';
  announce(message: string, tone?: 'info' | 'error'): void;
}

export const useStatusStore = create<StatusState>()((set, get) => ({
  message: '',
  seq: 0,
  tone: 'info',
  announce(message, tone = 'info') {
    set({ message, tone, seq: get().seq + 1 });
  },
}));

export function announce(message: string, tone: 'info' | 'error' = 'info'): void {
  useStatusStore.getState().announce(message, tone);
}
