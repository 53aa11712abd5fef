/** Whether the map keys are folded: one choice for every key (the profile's, the councils', the LAPs'), kept while the app runs. */
import { create } from 'zustand';

export const useMapKeyStore = create<{ folded: boolean; toggle(): void }>()((set, get) => ({
  folded: false,
  toggle: () => set({ folded: !get().folded }),
}));
