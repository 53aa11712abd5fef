/**
 * The preload script: runs sandboxed with context isolation, so esbuild bundles it (with shared/ and zod) into one
 * file, dist-electron/preload.cjs; sandboxed preloads can require only 'electron'. It exposes `window.lap`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('lap', createBridge(ipcRenderer));
