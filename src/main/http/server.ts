/**
 * The embedded HTTP server: REST API, the renderer's RPC route, the API document, and the renderer
 * itself for browsers on the LAN. Started by the headless entry and by the desktop app alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { DomainError } from '../../shared/contract/errors';
import type { Core } from '../core/core';
import { renderDocs } from './docs';
import { registerEvents } from './events';
import { buildOpenApi } from './openapi';
import { API_BASE, registerRest } from './rest';
import { registerRpc } from './rpc';
import { refuseCrossSiteWrites } from './security';
import { errorResponse, type Logger } from './transport';

export interface HttpOptions {
  /** Built renderer (index.html + assets); without it the pages answer 503 with a hint. */
  rendererDir?: string;
  log?: Logger;
}

/** The same policy Electron windows get: our own origin only, no inline script. */
/**
 * Stripe's Terminal JS SDK (counters driving a reader on their LAN) must be loaded from js.stripe.com and
 * talks to Stripe and to the reader's local address; nothing else comes from outside.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self' https://js.stripe.com; " +
  "connect-src 'self' https://*.stripe.com https://*.stripe-terminal-local-reader.net; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const PAGES = ['/', '/counter', '/kiosk', '/admin', '/door'];

const defaultLog: Logger = (message, error) => {
  console.error(`marquee: ${message}`, error instanceof Error ? error.stack : (error ?? ''));
};

export function createHttpApp(core: Core, options: HttpOptions = {}): Hono {
  const log = options.log ?? defaultLog;
  const app = new Hono();

  app.use(`${API_BASE}/*`, refuseCrossSiteWrites(log));
  app.use('/rpc/*', refuseCrossSiteWrites(log));

  const openApi = buildOpenApi(core.version);
  const docsHtml = renderDocs(openApi);
  app.get(`${API_BASE}/openapi.json`, (c) => c.json(openApi));
  app.get('/api/docs', (c) =>
    c.html(docsHtml, 200, { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" }),
  );

  registerEvents(app, core);
  registerRest(app, core, log);
  registerRpc(app, core, log);

  app.all(`${API_BASE}/*`, (c) =>
    errorResponse(c, new DomainError('not_found', `There is no ${c.req.method} ${c.req.path}.`), log),
  );
  app.all('/rpc/*', (c) =>
    errorResponse(c, new DomainError('method_not_allowed', 'RPC calls are POST /rpc/<operation>.'), log),
  );

  const rendererDir = options.rendererDir;
  const indexFile = rendererDir ? join(rendererDir, 'index.html') : null;
  if (rendererDir && indexFile && existsSync(indexFile)) {
    const indexHtml = readFileSync(indexFile, 'utf8');
    const page = (c: Context) => c.html(indexHtml, 200, { 'Cache-Control': 'no-cache' });
    for (const path of PAGES) {
      app.get(path, page);
      if (path !== '/') app.get(`${path}/*`, page);
    }
    app.use(
      '/assets/*',
      serveStatic({
        root: rendererDir,
        onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    );
    app.use('*', serveStatic({ root: rendererDir }));
  } else {
    for (const path of PAGES) {
      app.get(path, (c) =>
        c.text(
          'The user interface has not been built. Run `npm run build:web` (or use `npm run serve`, which builds it).',
          503,
        ),
      );
    }
  }

  app.notFound((c) => c.text('Not found', 404));
  app.onError((error, c) => errorResponse(c, error, log));
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  server: ServerType;
  /** Stops accepting, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

export function startServer(
  core: Core,
  options: HttpOptions & { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const app = createHttpApp(core, options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 7450 }, (info: AddressInfo) => {
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.prependListener('request', setBaseHeaders);
    server.once('error', reject);
  });
}

/**
 * Security headers on every answer, and `no-store` on the API's. They are set on the Node response
 * before the app runs; a handler that names one of them itself (the API docs' own CSP, a poster's
 * Cache-Control) wins, because Node merges `writeHead`'s headers over these. Setting them here rather
 * than in a Hono middleware after `next()` matters for speed: changing the headers of a finished Hono
 * response rebuilds it as a streamed web Response, several times over, on every request.
 */
function setBaseHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (req.url?.startsWith(`${API_BASE}/`)) res.setHeader('Cache-Control', 'no-store');
}
