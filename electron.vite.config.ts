import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { rendererBuild } from './vite.renderer.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    // Bundled, not external: its locale JSON needs import attributes under Node's ESM loader.
    plugins: [externalizeDepsPlugin({ exclude: ['i18n-iso-countries'] })],
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        // The analysis worker is its own entry; chunks sit beside it so the pool finds
        // ./analysisWorker.js from wherever its code lands.
        input: { index: resolve(root, 'electron/main/index.ts'), analysisWorker: resolve(root, 'electron/service/analysis/worker/analysisWorker.ts') },
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload must be CommonJS.
      rollupOptions: { input: { index: resolve(root, 'electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      ...rendererBuild,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
