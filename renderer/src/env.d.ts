/// <reference types="vite/client" />
import type { LapBridge } from '../../electron/preload/api-types.ts';

declare global {
  interface Window {
    /** The Electron preload bridge (electron/preload). Absent in a plain browser, where api.ts uses HTTP. */
    lap?: LapBridge;
  }
}
