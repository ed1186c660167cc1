/**
 * The renderer alone, on the loopback address, for a terminal PC that is not connected to a box office
 * yet: its window shows the "Connect to a box office" screen from this PC's own build (there is no API
 * here and no core; the screen pairs through the shell). Same policy and headers as the full server.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { CONTENT_SECURITY_POLICY, type RunningServer } from './server';

export function createRendererApp(rendererDir: string): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });
  const indexFile = join(rendererDir, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null;
  for (const path of ['/kiosk', '/kiosk/*', '/counter', '/counter/*']) {
    app.get(path, (c) =>
      indexHtml === null
        ? c.text('The user interface has not been built (npm run build).', 503)
        : c.html(indexHtml, 200, { 'Cache-Control': 'no-cache' }),
    );
  }
  app.use('/assets/*', serveStatic({ root: rendererDir }));
  app.use('*', serveStatic({ root: rendererDir }));
  app.notFound((c) => c.text('Not found', 404));
  return app;
}

export function startRendererServer(rendererDir: string): Promise<RunningServer> {
  const app = createRendererApp(rendererDir);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        port: info.port,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
