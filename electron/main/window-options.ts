/**
 * The BrowserWindow options: the renderer is a web page with no Node, in a sandbox, behind context isolation;
 * the preload bridge is its only way out. Pure, so the tests pin every setting.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path to dist-electron/preload.cjs. */
  preloadPath: string;
  /** Restored bounds (see window-state.ts); x/y omitted means centred. */
  bounds: { x?: number; y?: number; width: number; height: number };
  /** DevTools only in development. */
  devTools: boolean;
  title?: string;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const { x, y, width, height } = input.bounds;
  return {
    ...(x !== undefined && y !== undefined ? { x, y } : { center: true }),
    width,
    height,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    title: input.title ?? 'LAP Insight',
    show: false, // shown on 'ready-to-show', so there is no white flash
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: input.devTools,
    },
  };
}
