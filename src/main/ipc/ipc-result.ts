/**
 * Maps what a call produced to the IPC answer. A DomainError crosses as its stable code, message and
 * details; anything else is logged here and crosses as `internal_error` with the contract's generic
 * message: no stack, no SQL, no exception text reaches a renderer.
 */
import { DomainError, ERRORS } from '../../shared/contract/errors';
import type { IpcError, IpcResult } from '../../preload/protocol';

export type IpcLogger = (message: string, error?: unknown) => void;

export function success<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function failure(
  code: keyof typeof ERRORS,
  message?: string,
  details: Record<string, unknown> = {},
): IpcResult<never> {
  return { ok: false, error: { code, message: message ?? ERRORS[code].message, details } };
}

/**
 * Details must survive Electron's structured clone and must not smuggle objects out: a JSON round trip
 * keeps data and drops everything else (functions, class instances' prototypes, errors' stacks).
 */
function plainDetails(details: Record<string, unknown>): Record<string, unknown> {
  try {
    const copy: unknown = JSON.parse(JSON.stringify(details));
    return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? (copy as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toIpcError(error: unknown, log: IpcLogger): IpcError {
  if (error instanceof DomainError) {
    if (error.code === 'internal_error') log('internal error', error);
    return { code: error.code, message: error.message, details: plainDetails(error.details) };
  }
  log('unexpected error in an IPC call', error);
  return { code: 'internal_error', message: ERRORS.internal_error.message, details: {} };
}

export function toIpcFailure(error: unknown, log: IpcLogger): IpcResult<never> {
  return { ok: false, error: toIpcError(error, log) };
}
