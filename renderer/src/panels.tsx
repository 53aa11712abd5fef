/**
 * The side panel's tabs. To add one, add an entry here: an id (remembered between sessions), the tab's label,
 * and the component shown when it is open. Order here is the order on screen.
 */
import type { ComponentType } from 'react';
import { DataPanel } from './components/data/DataPanel.tsx';
import { LapsPanel } from './components/laps/LapsPanel.tsx';
import { PlacesPanel } from './components/places/PlacesPanel.tsx';
import { ProfilePanel } from './components/profile/ProfilePanel.tsx';
import { WardsPanel } from './components/WardsPanel.tsx';

export interface SidePanelTab {
  id: string;
  label: string;
  component: ComponentType;
}

export const SIDE_PANELS: readonly SidePanelTab[] = [
  // tests/e2e/laps.test.ts expects Wards first (Home), LAPs just right of it, and Data last (End).
  { id: 'wards', label: 'Wards', component: WardsPanel },
  { id: 'laps', label: 'LAPs', component: LapsPanel },
  { id: 'profile', label: 'Profile', component: ProfilePanel },
  { id: 'places', label: 'Places', component: PlacesPanel },
  { id: 'data', label: 'Data', component: DataPanel },
];
