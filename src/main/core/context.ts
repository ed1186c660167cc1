import type { Actor } from './actor';

/** Which transport a call came through; recorded on sales as their channel. */
export type Transport = 'ipc' | 'rpc' | 'rest' | 'memory';

/** Everything a handler knows about one call besides its input. */
export interface CallContext {
  actor: Actor;
  transport: Transport;
  /** The caller's network address, for throttling (absent for IPC and in-memory calls). */
  address?: string;
  /** The caller's Idempotency-Key (REST/RPC header, or one per user action from the renderer). */
  idempotencyKey?: string;
}
