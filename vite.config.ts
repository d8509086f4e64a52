/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The page is a static SPA: `npm run build` writes dist/, `npm run preview` serves it.
// Monaco is bundled (no CDN): its workers come in through `?worker` imports in src/editor/.
export default defineConfig({
  // Relative asset URLs: the same build also works from a sub-folder (the copy of the playground that
  // `npm run e2e:scripts` puts beside its HTML report to open the scripts' traces).
  base: './',
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
