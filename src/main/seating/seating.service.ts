/**
 * Seat inventory of showtimes: the live seat map, holds, blocks and expiry.
 *
 * Invariant: at most one active claim (blocked, held or sold) per showtime and seat. The database enforces
 * it with a partial unique index; the service checks first inside a BEGIN IMMEDIATE transaction so that a
 * loser gets a clear 409 naming the seats, never a constraint error.
 * A hold expires at `expires_at` unless a payment is in flight; expired holds are swept periodically and
 * also ignored at read time, so an expired hold never blocks a sale even between sweeps.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { MAX_SEATS_PER_HOLD } from '../../shared/contract/booking';
import { isStaff } from '../../shared/domain/roles';
import type { SeatStatus } from '../../shared/domain/seat-types';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef, assertManagesTheater, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { isUniqueViolation, withConnection, writeTransaction, type Db } from '../db/index';
import type { EventBus } from '../events/index';
import type { PricingService } from '../pricing/index';
import type { SchedulingService, ShowtimeForSale } from '../scheduling/index';
import type { SeatInfo, TheatersService } from '../theaters/index';
import { pickAccessibleAmong, pickBestAmong, type PlacedSeat } from './best-available';
import { buildSeatMap } from './seat-map';
import { dueHoldsOf, heldCountOf, liveStatuses, SeatLedger, type ShowtimeClaims } from './seat-ledger';
import * as q from './seating.queries';

type HoldOut = OutputOf<'holds.get'>;
const MINUTE = 60_000;

export interface SeatingOptions {
  /** Most seats one credential may hold at once for one showtime (customers, kiosks, API keys). */
  maxHeldPerShowtime?: number;
  /** The same for staff selling at the counter. */
  maxHeldPerShowtimeStaff?: number;
  /**
   * TEST ONLY: skip the availability check, so that only the database's unique index (if present)
   * stands between two buyers of one seat. The race test uses it to prove it can catch double selling.
   */
  unsafeSkipAvailabilityCheck?: boolean;
  /**
   * A development check (the tests turn it on): every answer of the in-memory seat ledger is compared
   * with the SQL it replaces, and a difference is an error naming the showtime.
   */
  verifyLedger?: boolean;
}

export type SalesChannel = 'counter' | 'kiosk' | 'api' | 'web';

export function channelOf(actor: Actor): SalesChannel {
  if (actor.kind === 'apiKey') return 'api';
  if (actor.kind === 'anonymous') return 'web';
  if (actor.role === 'kiosk') return 'kiosk';
  if (actor.role === 'customer') return 'web';
  return 'counter';
}

/** Called inside the sweeping transaction for holds that had become bookings awaiting payment. */
export type OnBookedHoldsExpired = (trx: Db, holdIds: number[], at: number) => Promise<void>;

export class SeatingService {
  onBookedHoldsExpired: OnBookedHoldsExpired | null = null;
  private readonly maxHeld: number;
  private readonly maxHeldStaff: number;
  private readonly ledger = new SeatLedger(q.loadShowtimeClaims);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: {
      theaters: TheatersService;
      scheduling: SchedulingService;
      pricing: PricingService;
      events: EventBus;
    },
    private readonly options: SeatingOptions = {},
  ) {
    this.maxHeld = options.maxHeldPerShowtime ?? MAX_SEATS_PER_HOLD;
    this.maxHeldStaff = options.maxHeldPerShowtimeStaff ?? 100;
  }

  // ---- for other modules ---------------------------------------------------------------------------

  /**
   * Of a screen's seats, those sold or held for a showtime that has not ended: a layout edit must not
   * remove them. `db` is the caller's transaction.
   */
  async seatsWithFutureSales(screenId: number, seatIds: number[], db: Db = this.db): Promise<Set<number>> {
    if (seatIds.length === 0) return new Set();
    const showtimeIds = await this.deps.scheduling.futureShowtimeIds(screenId, db);
    return q.soldOrHeldSeatIds(db, showtimeIds, seatIds);
  }

  // ---- seat map -----------------------------------------------------------------------------------

  async seatMap(showtimeId: number): Promise<OutputOf<'seatmap.get'>> {
    const showtime = await this.requireShowtime(showtimeId);
    const now = this.clock.now();
    const [seats, statusBySeat, rows, prices] = await Promise.all([
      this.deps.theaters.seats(showtime.screenId),
      // Holding the connection, as the query it replaces did: never a transaction half-way through.
      withConnection(this.db, async (conn) => {
        const statuses: Map<number, SeatStatus> = liveStatuses(await this.ledger.of(conn, showtimeId), now);
        if (this.options.verifyLedger) await this.verifyStatuses(conn, showtimeId, now, statuses);
        return statuses;
      }),
      this.deps.theaters.rows(showtime.screenId),
      this.deps.pricing.table(showtime),
    ]);
    return buildSeatMap({
      showtimeId,
      currency: showtime.currency,
      seats,
      rows,
      ticketTypes: prices.ticketTypes,
      claimOf: (seatId) => statusBySeat.get(seatId),
    });
  }

  // ---- holds --------------------------------------------------------------------------------------

  async createHold(input: ParsedInputOf<'holds.create'>, ctx: CallContext): Promise<HoldOut> {
    const showtime = await this.requireShowtime(input.showtimeId);
    const now = this.clock.now();
    this.assertOnSale(showtime, now);
    const owner = actorRef(ctx.actor);
    const staff = ctx.actor.kind !== 'anonymous' && isStaff(ctx.actor.role);
    const ttl = (channelOf(ctx.actor) === 'kiosk' ? showtime.kioskHoldMinutes : showtime.holdMinutes) * MINUTE;
    const seats = await this.deps.theaters.seats(showtime.screenId);
    const seatsById = byId(seats);

    if (input.seatIds) {
      const foreign = input.seatIds.filter((seatId) => !seatsById.has(seatId));
      if (foreign.length > 0) {
        throw new DomainError('validation_failed', 'Some seats are not seats of this showtime’s screen.', {
          fields: [{ path: 'seatIds', message: `not seats of this screen: ${foreign.join(', ')}` }],
          seatIds: foreign,
        });
      }
    }

    let together = true;
    let holdId: number;
    let heldSeatIds: number[] = [];
    try {
      holdId = await writeTransaction(this.db, async (trx) => {
        await this.expireDue(trx, now, showtime.id);
        const claims = await this.ledger.of(trx, showtime.id);
        const held = heldCountOf(claims, owner, now);
        const wanted = input.seatIds?.length ?? (input.accessible ? (input.quantity ?? 0) * 2 : (input.quantity ?? 0));
        if (held + wanted > (staff ? this.maxHeldStaff : this.maxHeld)) {
          throw new DomainError('hold_limit_reached', undefined, {
            held,
            limit: staff ? this.maxHeldStaff : this.maxHeld,
          });
        }
        // Due holds of this showtime were just expired, so every active claim is a live one.
        const taken = claims.claims;
        if (this.options.verifyLedger) await this.verifyTaken(trx, claims, owner, now, held);
        if (input.seatIds) {
          const unavailable = input.seatIds.filter((seatId) => seatsById.get(seatId)?.blocked || taken.has(seatId));
          if (unavailable.length > 0 && !this.options.unsafeSkipAvailabilityCheck) {
            throw new DomainError('seat_unavailable', undefined, {
              seatIds: unavailable,
              labels: unavailable.map((id) => labelOf(seatsById.get(id))),
            });
          }
          heldSeatIds = input.seatIds;
        } else {
          // The screen's cached seat list keeps its geometry between holds; availability is asked per seat.
          const free = (seat: PlacedSeat) => !seatsById.get(seat.id)?.blocked && !taken.has(seat.id);
          const pick = input.accessible
            ? pickAccessibleAmong(seats, free, input.quantity ?? 0)
            : pickBestAmong(seats, free, input.quantity ?? 0);
          if (!pick) {
            throw new DomainError(
              'not_enough_seats',
              input.accessible ? 'There are not enough wheelchair spaces with companion seats left.' : undefined,
              {
                available: seats.filter(
                  (seat) => free(seat) && (input.accessible || seat.type === 'standard' || seat.type === 'premium'),
                ).length,
              },
            );
          }
          heldSeatIds = pick.seatIds;
          together = pick.together;
        }
        const id = await q.insertHold(trx, this.ledger, {
          showtime_id: showtime.id,
          owner,
          channel: channelOf(ctx.actor),
          status: 'active',
          created_at: now,
          expires_at: now + ttl,
        });
        await q.insertClaims(trx, this.ledger, showtime.id, heldSeatIds, 'held', id, now);
        return id;
      });
    } catch (error) {
      // Only reachable if the check above was skipped or bypassed: the database still refuses.
      if (isUniqueViolation(error))
        throw new DomainError('seat_unavailable', undefined, { seatIds: input.seatIds ?? [] });
      throw error;
    }
    this.deps.events.publish({ type: 'seats.changed', showtimeId: showtime.id, at: now });
    // Answered from what the transaction wrote: no need to read it back.
    return {
      id: holdId,
      showtimeId: showtime.id,
      seatIds: heldSeatIds,
      seats: heldSeatIds.map((seatId) => {
        const seat = seatsById.get(seatId);
        return { id: seatId, label: labelOf(seat), type: seat?.type ?? 'standard' };
      }),
      together,
      status: 'active',
      expiresAt: toOffsetIso(now + ttl, showtime.timeZone),
    };
  }

  async getHold(holdId: number, ctx: CallContext, db: Db = this.db): Promise<HoldOut> {
    const hold = await q.findHold(db, holdId);
    if (!hold || !mayTouch(ctx.actor, hold.owner)) throw new DomainError('not_found', 'Hold not found.');
    const claims = await q.claimsOfHold(db, holdId);
    const showtime = await this.requireShowtime(hold.showtime_id, db);
    const seats = byId(await this.deps.theaters.seats(showtime.screenId, db));
    const now = this.clock.now();
    const lapsed =
      (hold.status === 'active' || hold.status === 'booked') && hold.payment_in_flight === 0 && hold.expires_at <= now;
    const current = claims.filter((claim) => claim.status === 'held' || claim.status === 'sold');
    return {
      id: hold.id,
      showtimeId: hold.showtime_id,
      seatIds: current.map((claim) => claim.seat_id),
      seats: current.map((claim) => {
        const seat = seats.get(claim.seat_id);
        return { id: claim.seat_id, label: labelOf(seat), type: seat?.type ?? 'standard' };
      }),
      together: true,
      status: lapsed ? 'expired' : (hold.status as HoldOut['status']),
      expiresAt: toOffsetIso(hold.expires_at, showtime.timeZone),
    };
  }

  async extendHold(holdId: number, ctx: CallContext): Promise<HoldOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const hold = await q.findHold(trx, holdId);
      if (!hold || !mayTouch(ctx.actor, hold.owner)) throw new DomainError('not_found', 'Hold not found.');
      if (hold.status !== 'active' || (hold.expires_at <= now && hold.payment_in_flight === 0))
        throw new DomainError('hold_expired');
      const showtime = await this.requireShowtime(hold.showtime_id, trx);
      this.assertOnSale(showtime, now);
      const ttl = (hold.channel === 'kiosk' ? showtime.kioskHoldMinutes : showtime.holdMinutes) * MINUTE;
      await q.setHold(trx, this.ledger, holdId, { expires_at: Math.max(hold.expires_at, now + ttl) });
    });
    return this.getHold(holdId, ctx);
  }

  async releaseHold(holdId: number, ctx: CallContext): Promise<void> {
    const now = this.clock.now();
    const showtimeId = await writeTransaction(this.db, async (trx) => {
      const hold = await q.findHold(trx, holdId);
      if (!hold || !mayTouch(ctx.actor, hold.owner)) throw new DomainError('not_found', 'Hold not found.');
      if (hold.status === 'booked' || hold.status === 'converted') {
        throw new DomainError('conflict', 'These seats belong to a booking now: cancel the booking instead.');
      }
      if (hold.status !== 'active') return null; // already released or expired: releasing again is harmless
      await q.setHold(trx, this.ledger, holdId, { status: 'released' });
      await q.releaseClaimsOfHolds(trx, this.ledger, [holdId], now);
      return hold.showtime_id;
    });
    if (showtimeId !== null) this.deps.events.publish({ type: 'seats.changed', showtimeId, at: now });
  }

  // ---- blocks -------------------------------------------------------------------------------------

  async block(input: ParsedInputOf<'seats.block'>, ctx: CallContext): Promise<OutputOf<'seats.block'>> {
    const showtime = await this.requireShowtime(input.showtimeId);
    assertManagesTheater(ctx.actor, showtime.theaterId, 'Showtime');
    const seats = byId(await this.deps.theaters.seats(showtime.screenId));
    const foreign = input.seatIds.filter((seatId) => !seats.has(seatId));
    if (foreign.length > 0) {
      throw new DomainError('validation_failed', 'Some seats are not seats of this showtime’s screen.', {
        fields: [{ path: 'seatIds', message: `not seats of this screen: ${foreign.join(', ')}` }],
      });
    }
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      await this.expireDue(trx, now, showtime.id);
      const claims = await q.blockedClaims(trx, showtime.id, input.seatIds);
      if (input.blocked) {
        const taken = claims.filter((claim) => claim.status !== 'blocked');
        if (taken.length > 0)
          throw new DomainError('seat_unavailable', 'Held or sold seats cannot be blocked.', {
            seatIds: taken.map((c) => c.seat_id),
          });
        const already = new Set(claims.map((claim) => claim.seat_id));
        const fresh = input.seatIds.filter((seatId) => !already.has(seatId));
        if (fresh.length > 0) await q.insertClaims(trx, this.ledger, showtime.id, fresh, 'blocked', null, now);
      } else {
        await q.releaseClaims(
          trx,
          this.ledger,
          claims.filter((claim) => claim.status === 'blocked').map((claim) => claim.id),
          now,
        );
      }
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: input.blocked ? 'seats.block' : 'seats.unblock',
        entity: 'showtime',
        entityId: showtime.id,
        data: { seatIds: input.seatIds },
      });
    });
    this.deps.events.publish({ type: 'seats.changed', showtimeId: showtime.id, at: now });
    return { seatIds: input.seatIds, blocked: input.blocked };
  }

  // ---- expiry -------------------------------------------------------------------------------------

  /** Releases every hold whose time is up (payment not in flight). Returns how many it expired. */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    const expired = await writeTransaction(this.db, (trx) => this.expireDue(trx, now));
    for (const showtimeId of expired) this.deps.events.publish({ type: 'seats.changed', showtimeId, at: now });
    return expired.size;
  }

  /** Inside a transaction: expire due holds (of one showtime, or all) and release their seats. */
  private async expireDue(trx: Db, now: number, showtimeId?: number): Promise<Set<number>> {
    const due =
      showtimeId === undefined
        ? await q.dueHolds(trx, now, 500)
        : dueHoldsOf(await this.ledger.of(trx, showtimeId), now, 500);
    if (this.options.verifyLedger && showtimeId !== undefined) await this.verifyDue(trx, showtimeId, now, due);
    if (due.length === 0) return new Set();
    const ids = due.map((hold) => hold.id);
    for (const id of ids) await q.setHold(trx, this.ledger, id, { status: 'expired' });
    await q.releaseClaimsOfHolds(trx, this.ledger, ids, now);
    const booked = due.filter((hold) => hold.status === 'booked').map((hold) => hold.id);
    if (booked.length > 0) await this.onBookedHoldsExpired?.(trx, booked, now);
    return new Set(due.map((hold) => hold.showtime_id));
  }

  // ---- for the booking module (inside its transactions) --------------------------------------------

  /** The hold's seats, if the hold may become a booking now; marks it booked. */
  async bookHold(
    trx: Db,
    holdId: number,
    actor: Actor,
    now: number,
  ): Promise<{ hold: q.HoldRow; seats: SeatInfo[]; claimIds: Map<number, number>; showtime: ShowtimeForSale }> {
    const hold = await q.findHold(trx, holdId);
    if (!hold || !mayTouch(actor, hold.owner)) throw new DomainError('not_found', 'Hold not found.');
    const showtime = await this.requireShowtime(hold.showtime_id, trx);
    if (hold.status === 'booked' || hold.status === 'converted')
      throw new DomainError('conflict', 'This hold already has a booking.', { holdId });
    if (hold.status !== 'active' || hold.expires_at <= now) throw new DomainError('hold_expired');
    this.assertOnSale(showtime, now);
    const held = (await q.claimsOfHold(trx, holdId)).filter((claim) => claim.status === 'held');
    const seatsById = byId(await this.deps.theaters.seats(showtime.screenId, trx));
    const seats = held
      .map((claim) => seatsById.get(claim.seat_id))
      .filter((seat): seat is SeatInfo => seat !== undefined);
    await q.setHold(trx, this.ledger, holdId, { status: 'booked' });
    return { hold, seats, claimIds: new Map(held.map((claim) => [claim.seat_id, claim.id])), showtime };
  }

  async attachBooking(trx: Db, holdId: number, bookingId: number): Promise<void> {
    await q.attachBooking(trx, holdId, bookingId);
  }

  /** The booking is paid: its held seats become sold and the hold is done. */
  async sellHold(trx: Db, holdId: number, bookingId: number): Promise<void> {
    await q.sellClaimsOfHold(trx, this.ledger, holdId, bookingId);
    await q.setHold(trx, this.ledger, holdId, { status: 'converted' });
  }

  /** A payment is in flight: the hold must not expire until it settles. */
  async setPaymentInFlight(trx: Db, holdId: number, inFlight: boolean, extendTo?: number): Promise<void> {
    await q.setHold(trx, this.ledger, holdId, {
      payment_in_flight: inFlight ? 1 : 0,
      ...(extendTo !== undefined && { expires_at: extendTo }),
    });
  }

  /** Releases the given seats of a booking (cancellation) or all of a hold. */
  async releaseBookingSeats(trx: Db, holdId: number, claimIds: number[] | 'all', now: number): Promise<void> {
    if (claimIds === 'all') {
      await q.setHold(trx, this.ledger, holdId, { status: 'released' });
      const claims = await q.claimsOfHold(trx, holdId);
      await q.releaseClaims(
        trx,
        this.ledger,
        claims.map((claim) => claim.id),
        now,
      );
    } else {
      await q.releaseClaims(trx, this.ledger, claimIds, now);
    }
  }

  /** Whether a booked hold still keeps its seats (not lapsed, or a payment is in flight). */
  async holdIsLive(trx: Db, holdId: number, now: number): Promise<boolean> {
    const hold = await q.findHold(trx, holdId);
    return (
      !!hold &&
      (hold.status === 'active' || hold.status === 'booked') &&
      (hold.payment_in_flight === 1 || hold.expires_at > now)
    );
  }

  /** When a hold's seats are released unless paid (epoch ms), or null if it no longer waits. */
  async holdExpiry(holdId: number): Promise<number | null> {
    const hold = await q.findHold(this.db, holdId);
    return hold && (hold.status === 'active' || hold.status === 'booked') ? hold.expires_at : null;
  }

  /** Seats taken (held, sold or blocked) per showtime, for showtime lists' "seats left". */
  takenCounts(showtimeIds: number[]): Promise<Map<number, number>> {
    return q.takenCounts(this.db, [...new Set(showtimeIds)]);
  }

  claimsOfHold(trx: Db, holdId: number) {
    return q.claimsOfHold(trx, holdId);
  }

  publishSeatsChanged(showtimeId: number): void {
    this.deps.events.publish({ type: 'seats.changed', showtimeId, at: this.clock.now() });
  }

  // ---- the ledger's check against SQL (verifyLedger) --------------------------------------------------

  private async verifyStatuses(db: Db, showtimeId: number, now: number, statuses: Map<number, SeatStatus>) {
    const fromSql = new Map((await q.liveClaims(db, showtimeId, now)).map((c) => [c.seat_id, c.status]));
    const fromLedger = new Map<number, string>(statuses);
    assertSame(showtimeId, 'seat map', sortedEntries(fromSql), sortedEntries(fromLedger));
  }

  private async verifyTaken(db: Db, claims: ShowtimeClaims, owner: string, now: number, held: number) {
    const taken = [...(await q.takenSeatIds(db, claims.showtimeId))].sort((a, b) => a - b);
    assertSame(
      claims.showtimeId,
      'taken seats',
      taken,
      [...claims.claims.keys()].sort((a, b) => a - b),
    );
    assertSame(
      claims.showtimeId,
      `seats held by ${owner}`,
      await q.heldSeatsOf(db, claims.showtimeId, owner, now),
      held,
    );
  }

  private async verifyDue(db: Db, showtimeId: number, now: number, due: { id: number }[]) {
    const fromSql = (await q.dueHolds(db, now, 500, showtimeId)).map((hold) => hold.id).sort((a, b) => a - b);
    assertSame(
      showtimeId,
      'due holds',
      fromSql,
      due.map((hold) => hold.id).sort((a, b) => a - b),
    );
  }

  // ---- helpers ------------------------------------------------------------------------------------

  private async requireShowtime(showtimeId: number, db?: Db): Promise<ShowtimeForSale> {
    const showtime = await this.deps.scheduling.showtimeForSale(showtimeId, db);
    if (!showtime) throw new DomainError('not_found', 'Showtime not found.');
    return showtime;
  }

  private assertOnSale(showtime: ShowtimeForSale, now: number): void {
    if (showtime.status !== 'scheduled')
      throw new DomainError('showtime_not_on_sale', 'This showtime has been cancelled.');
    if (now >= showtime.salesCloseAt)
      throw new DomainError('showtime_not_on_sale', 'This showtime has started: sales are closed.');
  }
}

/** The hold's owner, and staff, may see and change a hold; everyone else is told it does not exist. */
function mayTouch(actor: Actor, owner: string): boolean {
  if (actor.kind === 'anonymous') return false;
  return actorRef(actor) === owner || isStaff(actor.role);
}

/** Seats by id, kept per (cached, unchanging) seat list of a screen. */
const seatIndexes = new WeakMap<readonly SeatInfo[], Map<number, SeatInfo>>();
function byId(seats: readonly SeatInfo[]): Map<number, SeatInfo> {
  let index = seatIndexes.get(seats);
  if (!index) {
    index = new Map(seats.map((seat) => [seat.id, seat]));
    seatIndexes.set(seats, index);
  }
  return index;
}

function sortedEntries(map: Map<number, string>): [number, string][] {
  return [...map].sort((a, b) => a[0] - b[0]);
}

function assertSame(showtimeId: number, what: string, fromSql: unknown, fromLedger: unknown): void {
  const expected = JSON.stringify(fromSql);
  const actual = JSON.stringify(fromLedger);
  if (expected !== actual) {
    throw new Error(
      `The seat ledger differs from the database (showtime ${showtimeId}, ${what}): SQL ${expected}, ledger ${actual}`,
    );
  }
}

function labelOf(seat: SeatInfo | undefined): string {
  return seat ? `${seat.row}${seat.number}` : '?';
}
