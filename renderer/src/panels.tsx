/**
 * The side panel's tabs. To add one, add an entry here: an id (remembered between sessions), the tab's label,
 * and the component shown when it is open. Order here is the order on screen.
 */
import type { ComponentType } from 'react';
import { LapsPanel } from './components/laps/LapsPanel.tsx';
import { WardsPanel } from './components/WardsPanel.tsx';

export interface SidePanelTab {
  id: string;
  label: string;
  component: ComponentType;
}

export const SIDE_PANELS: readonly SidePanelTab[] = [
  { id: 'wards', label: 'Wards', component: WardsPanel },
  { id: 'laps', label: 'LAPs', component: LapsPanel },
];
