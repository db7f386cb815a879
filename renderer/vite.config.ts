import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { nodePolyfills } from 'vite-plugin-node-polyfills';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // simple-peer (video consults) needs Buffer, process, global and events in the page.
  plugins: [
    react(),
    nodePolyfills({ include: ['buffer', 'process', 'events'], globals: { Buffer: true, global: true, process: true } }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    target: 'chrome120',
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
});
