/**
 * Builds the renderer for browsers on the LAN: the embedded HTTP server serves `out/renderer` at `/`,
 * `/counter`, `/kiosk` and `/admin` (the same index.html; the app routes by pathname). Electron's own build
 * (electron.vite.config.ts) points its renderer at the same `src/renderer/index.html`.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The policy the embedded server sends as a header (API.md); kept in step by hand. Stripe's Terminal JS SDK
 * (counters driving a reader on their LAN) loads from js.stripe.com and talks to Stripe and the reader.
 */
export const RENDERER_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self' https://js.stripe.com; " +
  "connect-src 'self' https://*.stripe.com https://*.stripe-terminal-local-reader.net; font-src 'self'";

/**
 * Writes the CSP into the built index.html too, so the page is as strict when it is opened from disk
 * (Electron) as when the server sends the header. Build only: Vite's dev server injects an inline
 * script for hot reload that this policy would block.
 */
function cspMeta(): Plugin {
  return {
    name: 'marquee-csp-meta',
    apply: 'build',
    transformIndexHtml() {
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: '/',
  plugins: [react(), cspMeta()],
  build: {
    outDir: `${repoRoot}out/renderer`,
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; Vite emits external module scripts only. Keep fonts and
    // small images as files too (CSP allows data: images, but not data: fonts).
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  // `vite --config vite.web.config.ts` for UI work: calls go to a running `npm run serve` on 7450.
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/rpc', '/api', '/media'].map((path) => [path, process.env.MARQUEE_DEV_SERVER ?? 'http://127.0.0.1:7450']),
    ),
  },
});
