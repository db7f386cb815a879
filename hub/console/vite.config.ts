import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

// No node:url here: this file is type-checked with the browser code (tsconfig.renderer.json).
const here = (path: string): string => decodeURIComponent(new URL(path, import.meta.url).pathname);

/** The hub console, served by the hub at /console/ from dist/console. */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  // simple-peer (video consults) needs Buffer, process, global and events in the page.
  plugins: [
    react(),
    nodePolyfills({ include: ['buffer', 'process', 'events'], globals: { Buffer: true, global: true, process: true } }),
  ],
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
