/**
 * Who is calling. Transports authenticate a credential into an Actor; services decide what the actor may
 * see by it. A manager acts only on their own theaters: anything else is reported as not found (404), so
 * a manager cannot even learn that another theater's objects exist.
 */
import { DomainError } from '../../shared/contract/errors';
import type { Role } from '../../shared/domain/roles';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: number; username: string; role: Role; theaterIds: readonly number[]; sessionId: number }
  | { kind: 'apiKey'; id: number; name: string; role: Role; theaterIds: readonly number[] }
  | { kind: 'device'; id: number; name: string; role: Role; theaterIds: readonly number[] };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function roleOf(actor: Actor): Role | null {
  return actor.kind === 'anonymous' ? null : actor.role;
}

/** A short stable description for the audit log: "user:3", "apiKey:2", "device:4", "anonymous". */
export function actorRef(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`;
}

/** True when the actor may manage the theater: admins always, managers for their own theaters. */
export function canManageTheater(actor: Actor, theaterId: number): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'manager' && actor.theaterIds.includes(theaterId);
}

/** Throws 404 unless the actor may manage the theater (see module comment for why 404, not 403). */
export function assertManagesTheater(actor: Actor, theaterId: number, what = 'Theater'): void {
  if (!canManageTheater(actor, theaterId)) throw new DomainError('not_found', `${what} not found.`);
}
