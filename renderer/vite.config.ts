import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://lap/ (Electron) and http://127.0.0.1:<port>/ (preview, tests), so every
// asset URL is relative (base './'). Nothing is fetched from the network: no CDN, no web fonts, no map tiles.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  // maplibre-gl v6 starts its worker as a module worker (new Worker(url, { type: 'module' })), so the worker
  // bundle imported with `?worker&url` must be an ES module too.
  worker: { format: 'es' },
  build: {
    // Relative to root: <repo>/dist/renderer.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // maplibre-gl is one large chunk by design; it is read from disk, never downloaded.
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
});
