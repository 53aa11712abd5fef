/**
 * The side panel's tabs. To add one, add an entry here: an id (remembered between sessions), the tab's label,
 * and the component shown when it is open. Order here is the order on screen.
 */
import type { ComponentType } from 'react';
import { DataPanel } from './components/data/DataPanel.tsx';
import { LapsPanel } from './components/laps/LapsPanel.tsx';
import { ProfilePanel } from './components/profile/ProfilePanel.tsx';
import { WardsPanel } from './components/WardsPanel.tsx';

export interface SidePanelTab {
  id: string;
  label: string;
  component: ComponentType;
}

export const SIDE_PANELS: readonly SidePanelTab[] = [
  // Data and Profile first for now: tests/e2e/laps.test.ts expects LAPs to be the last tab (End) and Wards just left of it.
  { id: 'wards', label: 'Wards', component: WardsPanel },
  { id: 'laps', label: 'LAPs', component: LapsPanel },
  { id: 'profile', label: 'Profile', component: ProfilePanel },
  { id: 'data', label: 'Data', component: DataPanel },
];
