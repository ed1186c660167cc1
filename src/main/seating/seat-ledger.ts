/**
 * The seat ledger: an in-memory mirror of each busy showtime's active seat claims and waiting holds, so
 * that seat maps, holds and best-available stop scanning `seat_claims` on every request.
 *
 * The database stays the authority (its partial unique index still refuses a second active claim); the
 * ledger only answers reads, and it is kept exact like this:
 * - A showtime is loaded from the database on first use, through the handle of the caller: a write
 *   transaction's own view, or the connection held alone (`withConnection`) for plain reads, so a read
 *   never sees a transaction half-way through.
 * - Every write to claims or holds goes through seating.queries.ts, which tells the ledger what the
 *   statement changed (from its RETURNING rows) once the statement has succeeded.
 * - A write or load inside a transaction registers an undo (db/transaction.ts `onRollback`): if that unit
 *   or its batch rolls back, the showtime is forgotten and the next use loads it again.
 * - Showtimes not used for a while are dropped (at most MAX_SHOWTIMES are kept).
 * With `verify` on (the tests), the seating service checks every answer against the SQL it replaces.
 */
import { onRollback, type Db } from '../db/index';

export type ActiveClaimStatus = 'blocked' | 'held' | 'sold';

export interface LedgerClaim {
  status: ActiveClaimStatus;
  holdId: number | null;
}

export interface LedgerHold {
  id: number;
  owner: string;
  /** 'active' or 'booked' while it waits; a hold in any other state leaves the ledger. */
  status: string;
  expiresAt: number;
  inFlight: boolean;
  /** Seats this hold has claimed and still holds (status 'held'). */
  held: Set<number>;
}

export interface ShowtimeClaims {
  readonly showtimeId: number;
  /** Active claims by seat id: at most one per seat, as the database's unique index guarantees. */
  readonly claims: Map<number, LedgerClaim>;
  /** Holds of this showtime still waiting (active, or booked and awaiting payment), by id. */
  readonly holds: Map<number, LedgerHold>;
}

/** What the loader reads: the showtime's active claims and its waiting holds. */
export interface LoadedClaims {
  claims: { seat_id: number; status: string; hold_id: number | null }[];
  holds: { id: number; owner: string; status: string; expires_at: number; payment_in_flight: number }[];
}

export interface ClaimChange {
  showtime_id: number;
  seat_id: number;
  hold_id: number | null;
}

const MAX_SHOWTIMES = 256;
const WAITING = new Set(['active', 'booked']);

export class SeatLedger {
  private readonly showtimes = new Map<number, ShowtimeClaims>();
  /** Waiting holds of loaded showtimes → their showtime. */
  private readonly holdIndex = new Map<number, ShowtimeClaims>();

  constructor(private readonly load: (db: Db, showtimeId: number) => Promise<LoadedClaims>) {}

  /** The showtime's claims, loaded through `db` if not kept. */
  async of(db: Db, showtimeId: number): Promise<ShowtimeClaims> {
    const kept = this.showtimes.get(showtimeId);
    if (kept) {
      // Most recently used last: the first entry is the one to drop.
      this.showtimes.delete(showtimeId);
      this.showtimes.set(showtimeId, kept);
      return kept;
    }
    const loaded = await this.load(db, showtimeId);
    // A write may have loaded it while this load awaited (same transaction): keep the first.
    const raced = this.showtimes.get(showtimeId);
    if (raced) return raced;
    const entry: ShowtimeClaims = { showtimeId, claims: new Map(), holds: new Map() };
    for (const hold of loaded.holds) {
      const kept = {
        id: hold.id,
        owner: hold.owner,
        status: hold.status,
        expiresAt: hold.expires_at,
        inFlight: hold.payment_in_flight === 1,
        held: new Set<number>(),
      };
      entry.holds.set(hold.id, kept);
      this.holdIndex.set(hold.id, entry);
    }
    for (const claim of loaded.claims) {
      const status = claim.status as ActiveClaimStatus;
      entry.claims.set(claim.seat_id, { status, holdId: claim.hold_id });
      if (status === 'held' && claim.hold_id !== null) entry.holds.get(claim.hold_id)?.held.add(claim.seat_id);
    }
    this.showtimes.set(showtimeId, entry);
    this.forgetOnRollback(db, showtimeId);
    if (this.showtimes.size > MAX_SHOWTIMES) this.forget(this.showtimes.keys().next().value as number);
    return entry;
  }

  /** Drops a showtime: its next use loads it from the database again. */
  forget(showtimeId: number): void {
    const entry = this.showtimes.get(showtimeId);
    if (!entry) return;
    this.showtimes.delete(showtimeId);
    for (const holdId of entry.holds.keys()) if (this.holdIndex.get(holdId) === entry) this.holdIndex.delete(holdId);
  }

  // ---- told by seating.queries.ts after each successful write -------------------------------------

  holdInserted(
    db: Db,
    hold: { id: number; showtime_id: number; owner: string; status: string; expires_at: number },
  ): void {
    const entry = this.showtimes.get(hold.showtime_id);
    if (!entry) return;
    this.forgetOnRollback(db, entry.showtimeId);
    if (!WAITING.has(hold.status)) return;
    entry.holds.set(hold.id, {
      id: hold.id,
      owner: hold.owner,
      status: hold.status,
      expiresAt: hold.expires_at,
      inFlight: false,
      held: new Set(),
    });
    this.holdIndex.set(hold.id, entry);
  }

  holdChanged(
    db: Db,
    holdId: number,
    changes: { status?: string; expires_at?: number; payment_in_flight?: number },
  ): void {
    const entry = this.holdIndex.get(holdId);
    const hold = entry?.holds.get(holdId);
    if (!entry || !hold) return;
    this.forgetOnRollback(db, entry.showtimeId);
    if (changes.expires_at !== undefined) hold.expiresAt = changes.expires_at;
    if (changes.payment_in_flight !== undefined) hold.inFlight = changes.payment_in_flight === 1;
    if (changes.status !== undefined) {
      hold.status = changes.status;
      if (!WAITING.has(changes.status)) {
        entry.holds.delete(holdId);
        this.holdIndex.delete(holdId);
      }
    }
  }

  claimed(db: Db, showtimeId: number, seatIds: number[], status: 'held' | 'blocked', holdId: number | null): void {
    const entry = this.showtimes.get(showtimeId);
    if (!entry) return;
    this.forgetOnRollback(db, showtimeId);
    const hold = holdId === null ? undefined : entry.holds.get(holdId);
    for (const seatId of seatIds) {
      entry.claims.set(seatId, { status, holdId });
      if (status === 'held') hold?.held.add(seatId);
    }
  }

  released(db: Db, rows: ClaimChange[]): void {
    for (const row of rows) {
      const entry = this.showtimes.get(row.showtime_id);
      if (!entry) continue;
      this.forgetOnRollback(db, row.showtime_id);
      entry.claims.delete(row.seat_id);
      if (row.hold_id !== null) entry.holds.get(row.hold_id)?.held.delete(row.seat_id);
    }
  }

  sold(db: Db, rows: ClaimChange[]): void {
    for (const row of rows) {
      const entry = this.showtimes.get(row.showtime_id);
      if (!entry) continue;
      this.forgetOnRollback(db, row.showtime_id);
      entry.claims.set(row.seat_id, { status: 'sold', holdId: row.hold_id });
      if (row.hold_id !== null) entry.holds.get(row.hold_id)?.held.delete(row.seat_id);
    }
  }

  private forgetOnRollback(db: Db, showtimeId: number): void {
    onRollback(db, () => this.forget(showtimeId));
  }
}

// ---- answers (the same as the SQL they replace in seating.queries.ts) ---------------------------------

/** Whether a held seat still counts as held at `now`: its hold has not lapsed, or a payment is in flight. */
function heldIsLive(entry: ShowtimeClaims, claim: LedgerClaim, now: number): boolean {
  if (claim.status !== 'held' || claim.holdId === null) return true;
  const hold = entry.holds.get(claim.holdId);
  return !hold || hold.inFlight || hold.expiresAt > now;
}

/** The seat map's statuses: live claims only (as `liveClaims`). */
export function liveStatuses(entry: ShowtimeClaims, now: number): Map<number, ActiveClaimStatus> {
  const out = new Map<number, ActiveClaimStatus>();
  for (const [seatId, claim] of entry.claims) if (heldIsLive(entry, claim, now)) out.set(seatId, claim.status);
  return out;
}

/** Waiting holds whose time is up and whose payment is not in flight, soonest first (as `dueHolds`). */
export function dueHoldsOf(
  entry: ShowtimeClaims,
  now: number,
  limit: number,
): { id: number; status: string; showtime_id: number }[] {
  const due: LedgerHold[] = [];
  for (const hold of entry.holds.values()) if (!hold.inFlight && hold.expiresAt <= now) due.push(hold);
  due.sort((a, b) => a.expiresAt - b.expiresAt || a.id - b.id);
  return due.slice(0, limit).map((hold) => ({ id: hold.id, status: hold.status, showtime_id: entry.showtimeId }));
}

/** Seats an owner holds on the showtime in active, unexpired holds (as `heldSeatsOf`). */
export function heldCountOf(entry: ShowtimeClaims, owner: string, now: number): number {
  let n = 0;
  for (const hold of entry.holds.values()) {
    if (hold.owner === owner && hold.status === 'active' && hold.expiresAt > now) n += hold.held.size;
  }
  return n;
}
