/**
 * An operation is defined once: name, input and output schemas, who may call it and, when it is part of
 * the public REST API, its route. Every transport (IPC, HTTP RPC, REST, in-memory) is a thin adapter over
 * the main process's dispatcher, which checks `access` and parses `input` before any service runs.
 */
import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** `public`: no credential needed. Otherwise the roles that may call it (object ownership is the service's job). */
export type Access = 'public' | readonly Role[];

export interface RestBinding {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under `/api/v1`, with `{param}` placeholders that fill input fields of the same name. */
  path: string;
  /** 201 for creations, 204 when the operation answers nothing; 200 otherwise. */
  status?: 200 | 201 | 204;
}

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line for the API document and the code reader. */
  summary: string;
  tag: string;
  input: I;
  output: O;
  access: Access;
  rest?: RestBinding;
  /** Honours the Idempotency-Key header / the renderer's per-action key. */
  idempotent?: boolean;
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OperationDef<I, O>): OperationDef<I, O> {
  return def;
}
