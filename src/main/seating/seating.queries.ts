/** SQL of the seating module: holds and seat claims. */
import { sql, type Selectable } from 'kysely';
import { prepared, preparedBy, preparedUpdateById, type Db, type HoldsTable } from '../db/index';
import type { ClaimChange, LoadedClaims, SeatLedger } from './seat-ledger';

/*
 * The queries a sale runs are `prepared` (db/prepared.ts): built once, then run with fresh parameters.
 *
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
const liveClaimsQuery = prepared((db: Db, showtimeId: number, now: number) =>
  db
    .selectFrom('seat_claims')
    .leftJoin('holds', 'holds.id', 'seat_claims.hold_id')
    .select(['seat_claims.seat_id', 'seat_claims.status'])
    .where('seat_claims.showtime_id', '=', showtimeId)
    .where(activeClaimOf)
    .where(
      sql<boolean>`NOT (seat_claims.status = 'held' AND holds.payment_in_flight = 0 AND holds.expires_at <= ${now})`,
    ),
);

export async function liveClaims(
  db: Db,
  showtimeId: number,
  now: number,
): Promise<{ seat_id: number; status: string }[]> {
  return (await liveClaimsQuery(db, showtimeId, now)).rows;
}

/** Seat ids with an active claim: answered from the partial unique index alone. */
const takenSeatIdsQuery = prepared((db: Db, showtimeId: number) =>
  db.selectFrom('seat_claims').select('seat_id').where('showtime_id', '=', showtimeId).where(activeClaim),
);

export async function takenSeatIds(db: Db, showtimeId: number): Promise<Set<number>> {
  const { rows } = await takenSeatIdsQuery(db, showtimeId);
  return new Set(rows.map((row) => row.seat_id));
}

const activeClaimsQuery = prepared((db: Db, showtimeId: number) =>
  db
    .selectFrom('seat_claims')
    .select(['seat_id', 'status', 'hold_id'])
    .where('showtime_id', '=', showtimeId)
    .where(activeClaim),
);

const waitingHoldsQuery = prepared((db: Db, showtimeId: number) =>
  db
    .selectFrom('holds')
    .select(['id', 'owner', 'status', 'expires_at', 'payment_in_flight'])
    .where('showtime_id', '=', showtimeId)
    .where(holdWaiting),
);

/** What the seat ledger keeps of a showtime: its active claims and its waiting holds. */
export async function loadShowtimeClaims(db: Db, showtimeId: number): Promise<LoadedClaims> {
  const [claims, holds] = await Promise.all([activeClaimsQuery(db, showtimeId), waitingHoldsQuery(db, showtimeId)]);
  return { claims: claims.rows, holds: holds.rows };
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

const findHoldQuery = prepared((db: Db, holdId: number) =>
  db.selectFrom('holds').select(holdColumns).where('id', '=', holdId),
);

export async function findHold(db: Db, holdId: number): Promise<HoldRow | undefined> {
  return (await findHoldQuery(db, holdId)).rows[0];
}

const claimsOfHoldQuery = prepared((db: Db, holdId: number) =>
  db.selectFrom('seat_claims').select(['id', 'seat_id', 'status']).where('hold_id', '=', holdId).orderBy('id'),
);

export async function claimsOfHold(db: Db, holdId: number) {
  return (await claimsOfHoldQuery(db, holdId)).rows;
}

const heldSeatsOfQuery = prepared((db: Db, showtimeId: number, owner: string, now: number) =>
  db
    .selectFrom('seat_claims')
    .innerJoin('holds', 'holds.id', 'seat_claims.hold_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holds.showtime_id', '=', showtimeId)
    .where('holds.owner', '=', owner)
    .where(holdActive)
    .where('holds.expires_at', '>', now)
    .where('seat_claims.status', '=', 'held'),
);

export async function heldSeatsOf(db: Db, showtimeId: number, owner: string, now: number): Promise<number> {
  const { rows } = await heldSeatsOfQuery(db, showtimeId, owner, now);
  return Number(rows[0]?.n ?? 0);
}

const insertHoldQuery = prepared(
  (db: Db, showtimeId: number, owner: string, channel: string, status: string, createdAt: number, expiresAt: number) =>
    db
      .insertInto('holds')
      .values({
        showtime_id: showtimeId,
        owner,
        channel: channel,
        status: status,
        created_at: createdAt,
        expires_at: expiresAt,
      })
      .returning('id'),
);

export async function insertHold(
  db: Db,
  ledger: SeatLedger,
  values: Omit<HoldRow, 'id' | 'payment_in_flight'>,
): Promise<number> {
  const { rows } = await insertHoldQuery(
    db,
    values.showtime_id,
    values.owner,
    values.channel,
    values.status,
    values.created_at,
    values.expires_at,
  );
  const id = rows[0]!.id;
  ledger.holdInserted(db, { ...values, id });
  return id;
}

/** Claims of n seats: (showtime, status, hold, at, seat 1, …, seat n). */
const insertClaimsQuery = preparedBy(
  (count: number) =>
    (db: Db, showtimeId: number, status: string, holdId: number | null, at: number, ...seatIds: number[]) =>
      db.insertInto('seat_claims').values(
        seatIds.slice(0, count).map((seatId) => ({
          showtime_id: showtimeId,
          seat_id: seatId,
          status: status as 'held' | 'blocked',
          hold_id: holdId,
          created_at: at,
        })),
      ),
);

export async function insertClaims(
  db: Db,
  ledger: SeatLedger,
  showtimeId: number,
  seatIds: number[],
  status: 'held' | 'blocked',
  holdId: number | null,
  at: number,
): Promise<void> {
  // Prepared per count for the seats of a sale; blocking a whole block of seats is built each time.
  if (seatIds.length === 0) return;
  if (seatIds.length <= 16) {
    await insertClaimsQuery(seatIds.length)(db, showtimeId, status, holdId, at, ...seatIds);
  } else {
    await db
      .insertInto('seat_claims')
      .values(
        seatIds.map((seatId) => ({
          showtime_id: showtimeId,
          seat_id: seatId,
          status,
          hold_id: holdId,
          created_at: at,
        })),
      )
      .execute();
  }
  ledger.claimed(db, showtimeId, seatIds, status, holdId);
}

const updateHold = preparedUpdateById('holds');

export async function setHold(
  db: Db,
  ledger: SeatLedger,
  holdId: number,
  changes: Partial<Pick<HoldRow, 'status' | 'expires_at' | 'payment_in_flight'>>,
): Promise<void> {
  await updateHold(db, holdId, changes);
  ledger.holdChanged(db, holdId, changes);
}

/** What the ledger needs to know of each claim a statement changed. */
const changedClaim = ['showtime_id', 'seat_id', 'hold_id'] as const;

export async function releaseClaimsOfHolds(db: Db, ledger: SeatLedger, holdIds: number[], at: number): Promise<void> {
  if (holdIds.length === 0) return;
  const rows: ClaimChange[] = await db
    .updateTable('seat_claims')
    .set({ status: 'released', released_at: at })
    .where('hold_id', 'in', holdIds)
    .where('status', '=', 'held')
    .returning(changedClaim)
    .execute();
  ledger.released(db, rows);
}

export async function releaseClaims(db: Db, ledger: SeatLedger, claimIds: number[], at: number): Promise<void> {
  if (claimIds.length === 0) return;
  const rows: ClaimChange[] = await db
    .updateTable('seat_claims')
    .set({ status: 'released', released_at: at })
    .where('id', 'in', claimIds)
    .where(activeClaim)
    .returning(changedClaim)
    .execute();
  ledger.released(db, rows);
}

const sellClaimsOfHoldQuery = prepared((db: Db, holdId: number, bookingId: number) =>
  db
    .updateTable('seat_claims')
    .set({ status: 'sold', booking_id: bookingId })
    .where('hold_id', '=', holdId)
    .where('status', '=', 'held')
    .returning(changedClaim),
);

export async function sellClaimsOfHold(db: Db, ledger: SeatLedger, holdId: number, bookingId: number): Promise<number> {
  const { rows } = await sellClaimsOfHoldQuery(db, holdId, bookingId);
  ledger.sold(db, rows);
  return rows.length;
}

const attachBookingQuery = prepared((db: Db, holdId: number, bookingId: number) =>
  db
    .updateTable('seat_claims')
    .set({ booking_id: bookingId })
    .where('hold_id', '=', holdId)
    .where('status', '=', 'held'),
);

export async function attachBooking(db: Db, holdId: number, bookingId: number): Promise<void> {
  await attachBookingQuery(db, holdId, bookingId);
}

function dueHoldsQuery(db: Db, now: number) {
  return db
    .selectFrom('holds')
    .select(['id', 'status', 'showtime_id'])
    .where(holdWaiting)
    .where('expires_at', '<=', now)
    .where('payment_in_flight', '=', 0);
}

/** The check every hold makes on its own showtime before counting what is free. */
const dueHoldsOfShowtimeQuery = prepared((db: Db, now: number, showtimeId: number, limit: number) =>
  dueHoldsQuery(db, now).where('showtime_id', '=', showtimeId).orderBy('expires_at').limit(limit),
);

/** Holds whose time is up and whose payment is not in flight, at most `limit` of them. */
export async function dueHolds(db: Db, now: number, limit: number, showtimeId?: number) {
  if (showtimeId !== undefined) return (await dueHoldsOfShowtimeQuery(db, now, showtimeId, limit)).rows;
  return dueHoldsQuery(db, now).orderBy('expires_at').limit(limit).execute();
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
