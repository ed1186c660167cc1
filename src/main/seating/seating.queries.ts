/** SQL of the seating module: holds and seat claims. */
import { sql, type Selectable } from 'kysely';
import type { Db, HoldsTable } from '../db/index';

/*
 * The hot filters below are written with literal values, not bound parameters: SQLite uses a partial index
 * (seat_claims_one_active, holds_active_expiry, holds_showtime_owner) only when the query's WHERE clause
 * visibly implies the index's own WHERE clause, and `status IN (?, ?, ?)` does not. tests/unit/db checks
 * the plans.
 */
const activeClaim = sql<boolean>`status IN ('blocked', 'held', 'sold')`;
const activeClaimOf = sql<boolean>`seat_claims.status IN ('blocked', 'held', 'sold')`;
const holdWaiting = sql<boolean>`status IN ('active', 'booked')`;
const holdActive = sql<boolean>`holds.status = 'active'`;

const holdColumns = [
  'id',
  'showtime_id',
  'owner',
  'channel',
  'status',
  'created_at',
  'expires_at',
  'payment_in_flight',
] as const;

/** A row as the queries below select it. */
export type HoldRow = Pick<Selectable<HoldsTable>, (typeof holdColumns)[number]>;

/**
 * The seat map's claims: seat and status of every live claim of a showtime. A held seat whose hold has
 * lapsed (expired, no payment in flight) is left out, as if the sweeper had already released it.
 */
export function liveClaims(db: Db, showtimeId: number, now: number): Promise<{ seat_id: number; status: string }[]> {
  return db
    .selectFrom('seat_claims')
    .leftJoin('holds', 'holds.id', 'seat_claims.hold_id')
    .select(['seat_claims.seat_id', 'seat_claims.status'])
    .where('seat_claims.showtime_id', '=', showtimeId)
    .where(activeClaimOf)
    .where(
      sql<boolean>`NOT (seat_claims.status = 'held' AND holds.payment_in_flight = 0 AND holds.expires_at <= ${now})`,
    )
    .execute();
}

/** Seat ids with an active claim: answered from the partial unique index alone. */
export async function takenSeatIds(db: Db, showtimeId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('seat_claims')
    .select('seat_id')
    .where('showtime_id', '=', showtimeId)
    .where(activeClaim)
    .execute();
  return new Set(rows.map((row) => row.seat_id));
}

/** Per showtime, how many seats have an active claim (held, sold or blocked for that showtime). */
export async function takenCounts(db: Db, showtimeIds: number[]): Promise<Map<number, number>> {
  if (showtimeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('seat_claims')
    .select(['showtime_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('showtime_id', 'in', showtimeIds)
    .where(activeClaim)
    .groupBy('showtime_id')
    .execute();
  return new Map(rows.map((row) => [row.showtime_id, Number(row.n)]));
}

export function findHold(db: Db, holdId: number): Promise<HoldRow | undefined> {
  return db.selectFrom('holds').select(holdColumns).where('id', '=', holdId).executeTakeFirst();
}

export function claimsOfHold(db: Db, holdId: number) {
  return db
    .selectFrom('seat_claims')
    .select(['id', 'seat_id', 'status'])
    .where('hold_id', '=', holdId)
    .orderBy('id')
    .execute();
}

export async function heldSeatsOf(db: Db, showtimeId: number, owner: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('seat_claims')
    .innerJoin('holds', 'holds.id', 'seat_claims.hold_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holds.showtime_id', '=', showtimeId)
    .where('holds.owner', '=', owner)
    .where(holdActive)
    .where('holds.expires_at', '>', now)
    .where('seat_claims.status', '=', 'held')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertHold(db: Db, values: Omit<HoldRow, 'id' | 'payment_in_flight'>): Promise<number> {
  const row = await db.insertInto('holds').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertClaims(
  db: Db,
  showtimeId: number,
  seatIds: number[],
  status: 'held' | 'blocked',
  holdId: number | null,
  at: number,
): Promise<void> {
  await db
    .insertInto('seat_claims')
    .values(
      seatIds.map((seatId) => ({ showtime_id: showtimeId, seat_id: seatId, status, hold_id: holdId, created_at: at })),
    )
    .execute();
}

export async function setHold(
  db: Db,
  holdId: number,
  changes: Partial<Pick<HoldRow, 'status' | 'expires_at' | 'payment_in_flight'>>,
): Promise<void> {
  await db.updateTable('holds').set(changes).where('id', '=', holdId).execute();
}

export async function releaseClaimsOfHolds(db: Db, holdIds: number[], at: number): Promise<void> {
  if (holdIds.length === 0) return;
  await db
    .updateTable('seat_claims')
    .set({ status: 'released', released_at: at })
    .where('hold_id', 'in', holdIds)
    .where('status', '=', 'held')
    .execute();
}

export async function releaseClaims(db: Db, claimIds: number[], at: number): Promise<void> {
  if (claimIds.length === 0) return;
  await db
    .updateTable('seat_claims')
    .set({ status: 'released', released_at: at })
    .where('id', 'in', claimIds)
    .where(activeClaim)
    .execute();
}

export async function sellClaimsOfHold(db: Db, holdId: number, bookingId: number): Promise<number> {
  const result = await db
    .updateTable('seat_claims')
    .set({ status: 'sold', booking_id: bookingId })
    .where('hold_id', '=', holdId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function attachBooking(db: Db, holdId: number, bookingId: number): Promise<void> {
  await db
    .updateTable('seat_claims')
    .set({ booking_id: bookingId })
    .where('hold_id', '=', holdId)
    .where('status', '=', 'held')
    .execute();
}

/** Holds whose time is up and whose payment is not in flight, at most `limit` of them. */
export function dueHolds(db: Db, now: number, limit: number, showtimeId?: number) {
  let query = db
    .selectFrom('holds')
    .select(['id', 'status', 'showtime_id'])
    .where(holdWaiting)
    .where('expires_at', '<=', now)
    .where('payment_in_flight', '=', 0);
  if (showtimeId !== undefined) query = query.where('showtime_id', '=', showtimeId);
  return query.orderBy('expires_at').limit(limit).execute();
}

export function blockedClaims(db: Db, showtimeId: number, seatIds: number[]) {
  return db
    .selectFrom('seat_claims')
    .select(['id', 'seat_id', 'status'])
    .where('showtime_id', '=', showtimeId)
    .where('seat_id', 'in', seatIds)
    .where(activeClaim)
    .execute();
}

/** Of `seatIds`, those sold or held (not blocked) on any of `showtimeIds`. */
export async function soldOrHeldSeatIds(db: Db, showtimeIds: number[], seatIds: number[]): Promise<Set<number>> {
  if (showtimeIds.length === 0 || seatIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('seat_claims')
    .select('seat_id')
    .distinct()
    .where('showtime_id', 'in', showtimeIds)
    .where('seat_id', 'in', seatIds)
    .where(sql<boolean>`status IN ('held', 'sold')`)
    .execute();
  return new Set(rows.map((row) => row.seat_id));
}
