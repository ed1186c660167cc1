/**
 * The desktop build (`electron-vite build`, also the first half of `npm run dist`):
 *
 * - main → out/main: `index.js` (the Electron entry, package.json "main") and `serve.js` (the headless
 *   server, runnable with plain `node out/main/serve.js`). ES modules (package.json "type": "module").
 *   Dependencies stay external and are loaded from node_modules at run time, better-sqlite3's native
 *   addon above all. The target is Node 20, so serve.js runs on the Node the project supports; Electron 41's
 *   Node 24 runs that too.
 * - preload → out/preload/index.cjs: sandboxed preloads cannot be ES modules and may only require
 *   `electron`, so it is one CommonJS file with everything else bundled in.
 * - renderer → out/renderer: the same React app the embedded server serves to browsers (vite.web.config.ts
 *   builds it identically), at base `/` because the server serves it at /counter, /kiosk and /admin.
 *
 * Building needs no Electron runtime: electron-vite reads only electron/package.json (for its version);
 * `electron-vite dev` and `preview` launch the runtime and need it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const path = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * electron-vite forces `base: './'` for production renderers (right for file:// pages). Ours are served
 * over HTTP with deep routes (/admin/movies/3), where relative asset URLs would resolve under the route, so
 * the base goes back to `/` after electron-vite's own config hook has run.
 */
const absoluteBase: Plugin = {
  name: 'marquee:absolute-base',
  enforce: 'post',
  config: () => ({ base: '/' }),
};

export default defineConfig({
  main: {
    build: {
      outDir: path('./out/main'),
      target: 'node20.19',
      sourcemap: true,
      rolldownOptions: {
        input: {
          index: path('./src/main/index.ts'),
          serve: path('./src/main/serve.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: path('./out/preload'),
      sourcemap: 'inline',
      // Bundle everything: a sandboxed preload can require nothing but electron (and a few polyfills).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path('./src/renderer'),
    plugins: [react(), absoluteBase],
    build: {
      outDir: path('./out/renderer'),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      sourcemap: true,
      rolldownOptions: {
        input: { index: path('./src/renderer/index.html') },
      },
    },
    // `electron-vite dev`: the windows load this dev server; data and posters come from the embedded server.
    server: {
      port: 5173,
      strictPort: true,
      proxy: Object.fromEntries(
        ['/rpc', '/api', '/media'].map((prefix) => [prefix, process.env.MARQUEE_DEV_SERVER ?? 'http://127.0.0.1:7450']),
      ),
    },
  },
});
