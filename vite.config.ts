/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The page's Content-Security-Policy and frame protection, in one place: `vite preview` sends them as
// headers, the built index.html carries the policy as a meta tag (where frame-ancestors has no effect);
// README lists them for static hosts. Monaco injects its styles at run time (style-src 'unsafe-inline');
// its workers are files of the build (worker-src 'self').
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self' ws: wss:"],
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
];

/** The policy as a meta tag may carry it (frame-ancestors is ignored in meta, so it is left out). */
const CSP_META = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The headers a server sends with the page. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP_META}; frame-ancestors 'none'`,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The built index.html carries the Content-Security-Policy as a meta tag (dev keeps Vite's inline HMR). */
function cspMeta(): Plugin {
  return {
    name: 'scs-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The page is a static SPA: `npm run build` writes dist/, `npm run preview` serves it (with the security
// headers above). Monaco is bundled (no CDN): its workers come in through `?worker` imports.
export default defineConfig({
  // Relative asset URLs: the same build also works from a sub-folder (the copy of the playground that
  // `npm run e2e:scripts` puts beside its HTML report to open the scripts' traces).
  base: './',
  plugins: [react(), cspMeta()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, headers: SECURITY_HEADERS },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // Two pages: the playground, and automation.html, the lean page of headless suite runs
    // (src/automationMain.ts: no UI until a script fails).
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        automation: fileURLToPath(new URL('./automation.html', import.meta.url)),
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
