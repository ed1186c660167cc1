/**
 * Browser-facing protection of the embedded server.
 *
 * The LAN pages authenticate with a bearer token the renderer keeps per mode and sends in the
 * `Authorization` header; no cookie carries a credential, so a cross-site page cannot ride on a
 * session (the browser never attaches the header by itself). As defence in depth, a state-changing
 * request that a browser marks as coming from another origin (`Origin` or `Sec-Fetch-Site`) is refused
 * before it reaches any operation. API clients (curl, integrations) send neither header and are unaffected.
 */
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../../shared/contract/errors';
import { errorResponse, type Logger } from './transport';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request's Origin names another host (or port) than the one it was sent to. */
export function isCrossOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  if (origin === 'null') return true; // sandboxed frames, file: pages
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function refuseCrossSiteWrites(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site' || isCrossOrigin(c.req.header('origin'), c.req.header('host'))) {
      return errorResponse(
        c,
        new DomainError('forbidden', 'Requests from other sites may not change anything here.'),
        log,
      );
    }
    return next();
  };
}
