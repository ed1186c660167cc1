/**
 * What the REST and RPC routes share: reading the bearer credential, calling the dispatcher with the
 * right context, and turning any failure into the contract's error body (never a stack trace or SQL).
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { operations, type OperationName } from '../../shared/contract/index';
import { DomainError, type ErrorBody } from '../../shared/contract/errors';
import { ANONYMOUS, type Actor } from '../core/actor';
import type { CallContext, Transport } from '../core/context';
import type { Core } from '../core/core';
import { jsonTextOf } from '../core/json-text';

export type Logger = (message: string, error?: unknown) => void;

export const MAX_JSON_BYTES = 1024 * 1024;

/** The actor for a request. A bad token is 401, except on public operations where it is simply ignored. */
/**
 * Browser sessions. The renderer served to a browser names its mode in this header on every call; its
 * session token then travels only in that mode's cookie (`HttpOnly`, so script never sees it;
 * `SameSite=Strict`, so other sites' pages never send it). A cookie counts only on a request that
 * carries the header, which a form or a link from another site cannot add and a cross-site script
 * cannot send without a CORS permission this server never gives: that, with the Origin and
 * Sec-Fetch-Site check in security.ts, is the CSRF protection. API clients use `Authorization`.
 */
export const SESSION_HEADER = 'x-marquee-session';
export const SESSION_MODES = ['admin', 'counter', 'kiosk', 'door'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export function sessionCookieName(mode: SessionMode): string {
  return `marquee_${mode}`;
}

/** The browser session's mode named by the request, or null for API clients. */
export function sessionModeOf(c: Context): SessionMode | null {
  const value = c.req.header(SESSION_HEADER);
  if (value === undefined) return null;
  const mode = SESSION_MODES.find((candidate) => candidate === value.trim().toLowerCase());
  if (!mode) {
    throw new DomainError('validation_failed', `${SESSION_HEADER} must be one of ${SESSION_MODES.join(', ')}.`, {
      fields: [{ path: SESSION_HEADER, message: `must be one of ${SESSION_MODES.join(', ')}` }],
    });
  }
  return mode;
}

function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization');
  if (header) return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
  const mode = sessionModeOf(c);
  return mode ? (getCookie(c, sessionCookieName(mode)) ?? null) : null;
}

export async function actorFor(core: Core, c: Context, name: OperationName): Promise<Actor> {
  const token = bearerToken(c);
  if (token === null) return ANONYMOUS;
  const actor = token ? await core.accounts.authenticate(token) : null;
  if (actor) return actor;
  if (operations[name].access === 'public') return ANONYMOUS;
  // `credential: rejected` tells a browser page apart "your session ended" from "you never signed in":
  // it cannot see its HttpOnly cookie to know which.
  throw new DomainError('unauthenticated', 'The token is unknown, expired or revoked: log in again.', {
    credential: 'rejected',
  });
}

export function contextFor(c: Context, actor: Actor, transport: Transport): CallContext {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    address = undefined;
  }
  const idempotencyKey = c.req.header('idempotency-key');
  return { actor, transport, address, ...(idempotencyKey !== undefined && { idempotencyKey }) };
}

/** Reads a JSON body: empty means {}, anything but a JSON object is a 400. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > MAX_JSON_BYTES) throw new DomainError('payload_too_large');
  const text = await c.req.text();
  if (text.length > MAX_JSON_BYTES) throw new DomainError('payload_too_large');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('bad_request', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('validation_failed', 'The body must be a JSON object.', {
      fields: [{ path: '', message: 'must be an object' }],
    });
  }
  return value as Record<string, unknown>;
}

export function errorResponse(c: Context, error: unknown, log: Logger): Response {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    const retry = error.details.retryAfterSeconds;
    if (typeof retry === 'number') headers['Retry-After'] = String(retry);
    return c.json(error.toBody(), error.status as 400, headers);
  }
  log(`${c.req.method} ${c.req.path} failed`, error);
  const body: ErrorBody = {
    error: { code: 'internal_error', message: 'Something went wrong on the server. Nothing was changed.', details: {} },
  };
  return c.json(body, 500);
}

/** Answers an operation's output with its REST status (204 has no body). */
export function outputResponse(c: Context, output: unknown, status: 200 | 201 | 204): Response {
  if (status === 204 || output === undefined) return c.body(null, 204);
  return c.body(jsonTextOf(output), status, { 'Content-Type': 'application/json' });
}

/** Operations whose answer is a new credential for the caller's browser session. */
const SESSION_ISSUERS = new Set<OperationName>(['auth.login', 'devices.pair']);

/**
 * For a browser session: a new credential goes into the mode's cookie and out of the answer (its
 * `token` is empty), and logging out clears the cookie. Other callers' answers are untouched.
 */
export function browserSessionAnswer(c: Context, name: OperationName, output: unknown): unknown {
  const mode = sessionModeOf(c);
  if (!mode) return output;
  const cookie = sessionCookieName(mode);
  if (name === 'auth.logout') {
    deleteCookie(c, cookie, { path: '/', httpOnly: true, sameSite: 'Strict' });
    return output;
  }
  if (!SESSION_ISSUERS.has(name) || typeof output !== 'object' || output === null || !('token' in output)) {
    return output;
  }
  const { token } = output as { token: unknown; expiresAt?: unknown };
  if (typeof token !== 'string' || token === '') return output;
  const expiresAt = (output as { expiresAt?: unknown }).expiresAt;
  const maxAge =
    typeof expiresAt === 'string' ? Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)) : undefined;
  setCookie(c, cookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    // A device's pairing lasts until it is revoked: a year, renewed at every pairing.
    maxAge: maxAge ?? 365 * 24 * 3600,
  });
  return { ...output, token: '' };
}
