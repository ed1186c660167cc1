/**
 * What the REST and RPC routes share: reading the bearer credential, calling the dispatcher with the
 * right context, and turning any failure into the contract's error body (never a stack trace or SQL).
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { operations, type OperationName } from '../../shared/contract/index';
import { DomainError, type ErrorBody } from '../../shared/contract/errors';
import { ANONYMOUS, type Actor } from '../core/actor';
import type { CallContext, Transport } from '../core/context';
import type { Core } from '../core/core';

export type Logger = (message: string, error?: unknown) => void;

export const MAX_JSON_BYTES = 1024 * 1024;

/** The actor for a request. A bad token is 401, except on public operations where it is simply ignored. */
export async function actorFor(core: Core, c: Context, name: OperationName): Promise<Actor> {
  const header = c.req.header('authorization');
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const actor = match?.[1] ? await core.accounts.authenticate(match[1]) : null;
  if (actor) return actor;
  if (operations[name].access === 'public') return ANONYMOUS;
  throw new DomainError('unauthenticated', 'The token is unknown, expired or revoked: log in again.');
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
  return c.json(output as object, status);
}
