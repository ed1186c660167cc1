/**
 * Bookings: a hold becomes a booking with a ticket type per seat, priced here from the theater's price
 * list (never from the client). A booking waits for its money with its seats held until the hold's
 * expiry (a payment in flight extends it); paid in full it is confirmed and its seats are sold.
 * Every state change is audited. Who may see a booking: staff (managers for their theaters), the customer
 * it belongs to, and the API key or device that made it; anyone else is told it does not exist.
 */
import { DomainError, validationError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { isStaff } from '../../shared/domain/roles';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import type { EventBus } from '../events/index';
import { taxIncluded, type PricingService } from '../pricing/index';
import type { SchedulingService, ShowtimeForSale } from '../scheduling/index';
import { channelOf, type SeatingService } from '../seating/index';
import type { TheatersService } from '../theaters/index';
import * as q from './booking.queries';
import { newReference } from './reference';

type SeatLabels = Map<number, { label: string; type: BookingOut['tickets'][number]['seatType'] }>;
type BookingOut = OutputOf<'bookings.get'>;
const MINUTE = 60_000;

/** One refund row as it was written: how much went back and by which method. */
export interface RefundPart {
  method: string;
  amount: number;
}

/** A ticket as the sales rollup sees it. */
export interface SaleLine {
  ticketType: string;
  price: number;
  tax: number;
}

/** Where a sale or refund belongs in the sales rollup, and when it happened. */
export interface SalePlace {
  theaterId: number;
  showtimeId: number;
  movieId: number;
  screenId: number;
  channel: string;
  timeZone: string;
  at: number;
}

/** The reports module keeps the daily sales rollup; it is told of every sale and refund in their transactions. */
export interface SalesRecorder {
  /** A booking paid in full: its live tickets, and the methods its payments used. */
  recordSale(trx: Db, place: SalePlace, methods: readonly string[], lines: readonly SaleLine[]): Promise<void>;
  /** Money given back on a booking that was a sale: the tickets cancelled with it (id order) and the refund rows. */
  recordRefund(trx: Db, place: SalePlace, tickets: readonly SaleLine[], parts: readonly RefundPart[]): Promise<void>;
}

/** Refunds belong to the payments module; it registers how money goes back when a booking is cancelled. */
export interface RefundProvider {
  /** Inside the cancelling transaction: refund `amount` of the booking's payments, the way they were paid. */
  refund(
    trx: Db,
    booking: { id: number; currency: string },
    amount: number,
    ctx: CallContext,
    at: number,
    /** The manager or admin who approved the refund, when one had to. */
    approvedBy?: number | null,
  ): Promise<RefundPart[]>;
  /** Inside an exchange: move `amount` already paid on one booking onto another, no money changing hands. */
  transfer(
    trx: Db,
    from: { id: number; currency: string },
    to: { id: number; currency: string },
    amount: number,
    ctx: CallContext,
    at: number,
  ): Promise<RefundPart[]>;
  /** The methods of a booking's money (succeeded or refunded payments) and whether any was a training payment. */
  tenderOf(trx: Db, bookingId: number): Promise<{ methods: string[]; training: boolean }>;
}

/** Payments listed on a booking (provided by the payments module). */
export interface PaymentLister {
  paymentsOf(bookingIds: number[]): Promise<Map<number, BookingOut['payments']>>;
}

/** Checks a manager's approval given at the counter (the accounts module). */
export interface ApprovalVerifier {
  verifyApprover(
    credentials: { username: string; password: string },
    address?: string,
  ): Promise<{ id: number; username: string; role: string; theaterIds: readonly number[] }>;
}
/** Turns a kiosk's customer session token into that customer's user id (provided by accounts). */
export type CustomerResolver = (token: string) => Promise<number | null>;
/** Ticket codes belong to the tickets module; it signs them when a booking is confirmed. */
export interface TicketCodeIssuer {
  /** Inside the confirming transaction: a signed code for each ticket. */
  issue(
    trx: Db,
    tickets: { id: number; showtimeId: number; seatId: number }[],
    now: number,
  ): Promise<{ id: number; code: string }[]>;
  /** After a booking is made: its codes may be signed ahead, off the server's thread. */
  presign(tickets: { id: number; showtimeId: number; seatId: number }[]): void;
}

export class BookingService {
  refunds: RefundProvider | null = null;
  approvals: ApprovalVerifier | null = null;
  payments: PaymentLister | null = null;
  customerOfToken: CustomerResolver | null = null;
  codes: TicketCodeIssuer | null = null;
  sales: SalesRecorder | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: {
      seating: SeatingService;
      pricing: PricingService;
      scheduling: SchedulingService;
      theaters: TheatersService;
      events: EventBus;
    },
  ) {}

  async create(input: ParsedInputOf<'bookings.create'>, ctx: CallContext): Promise<BookingOut> {
    const customerUserId = await this.signedInCustomer(input.customerToken, ctx.actor);
    const now = this.clock.now();
    const made = await writeTransaction(this.db, async (trx) => {
      // A retried request (its first answer lost) finds the booking it already made.
      const existing = await q.findByHold(trx, input.holdId);
      if (existing && this.mayRead(ctx.actor, existing)) return existing.id;
      const fresh = await this.createInTransaction(trx, input, ctx, now, customerUserId);
      if (fresh.row.total > 0) return fresh;
      await this.confirm(trx, fresh.row.id, ctx.actor, now, fresh.row);
      return fresh.row.id;
    });
    if (typeof made === 'number') return this.get(made, ctx);
    this.codes?.presign(
      made.tickets.map((ticket) => ({ id: ticket.id, showtimeId: made.row.showtime_id, seatId: ticket.seat_id })),
    );
    // A new pending booking: everything its answer shows was written just now, so it is not read back.
    const seats = await this.seatLabels(made.showtime.screenId);
    return this.toOut(made.row, made.tickets, [], made.showtime, seats, made.holdExpiresAt);
  }

  /**
   * Exchange a paid booking's tickets for seats held on another showtime of the same film. In one
   * transaction: a new booking is made from the hold and priced, the old one is cancelled and its seats
   * released, what was paid moves across (an `exchange` payment), and the difference is either due on
   * the new booking or refunded the way it was paid.
   */
  async exchange(input: ParsedInputOf<'bookings.exchange'>, ctx: CallContext): Promise<BookingOut> {
    const approver =
      input.approval && this.approvals ? await this.approvals.verifyApprover(input.approval, ctx.address) : null;
    const now = this.clock.now();
    const showtimes = new Set<number>();
    const newId = await writeTransaction(this.db, async (trx) => {
      const old = await q.findBooking(trx, input.bookingId);
      if (!old || !this.mayRead(ctx.actor, old)) throw new DomainError('not_found', 'Booking not found.');
      if (old.status !== 'confirmed' && old.status !== 'partially_refunded') {
        throw new DomainError(
          'booking_not_cancellable',
          'Only paid bookings are exchanged; cancel an unpaid one instead.',
          { status: old.status },
        );
      }
      const staff = ctx.actor.kind !== 'anonymous' && isStaff(ctx.actor.role);
      const from = await this.deps.scheduling.showtimeForSale(old.showtime_id, trx);
      if (!from) throw new DomainError('not_found', 'Showtime not found.');
      if (!staff && now > from.startsAt - from.cancelCutoffMinutes * MINUTE) {
        throw new DomainError('cancellation_closed', undefined, { cutoffMinutes: from.cancelCutoffMinutes });
      }
      const hold = await this.deps.seating.getHold(input.holdId, ctx, trx);
      const to = await this.deps.scheduling.showtimeForSale(hold.showtimeId, trx);
      if (!to || to.movieId !== from.movieId || to.id === from.id) {
        throw validationError([{ path: 'holdId', message: 'must hold seats on another showtime of the same film' }]);
      }
      const { row: fresh } = await this.createInTransaction(
        trx,
        {
          holdId: input.holdId,
          tickets: input.tickets,
          customer: {
            name: old.customer_name ?? undefined,
            email: old.customer_email ?? undefined,
            phone: old.customer_phone ?? undefined,
          },
        },
        ctx,
        now,
        old.customer_user_id,
      );
      const tickets = await q.ticketsOf(trx, [old.id]);
      const live = tickets.filter((ticket) => ticket.status === 'pending' || ticket.status === 'valid');
      await this.deps.seating.releaseBookingSeats(trx, old.hold_id, 'all', now);
      await q.setTicketStatus(
        trx,
        live.map((ticket) => ticket.id),
        'cancelled',
        now,
      );

      const net = old.amount_paid - old.amount_refunded;
      const moved = Math.min(net, fresh.total);
      if (!this.refunds) throw new DomainError('conflict', 'Exchanges are not available on this installation.');
      const parts: RefundPart[] = [];
      if (moved > 0)
        parts.push(
          ...(await this.refunds.transfer(
            trx,
            { id: old.id, currency: old.currency },
            { id: fresh.id, currency: fresh.currency },
            moved,
            ctx,
            now,
          )),
        );
      const approvedBy = await this.refundApproval(trx, old.theater_id, net - moved, ctx.actor, approver);
      if (net > moved)
        parts.push(
          ...(await this.refunds.refund(
            trx,
            { id: old.id, currency: old.currency },
            net - moved,
            ctx,
            now,
            approvedBy,
          )),
        );
      await this.recordRefund(trx, old, live, parts, now);
      await q.updateBooking(trx, old.id, {
        status: 'cancelled',
        amount_refunded: old.amount_paid,
        cancelled_at: now,
        cancel_reason: `exchanged for ${fresh.reference}${input.reason ? `: ${input.reason}` : ''}`,
        updated_at: now,
      });
      await q.updateBooking(trx, fresh.id, { amount_paid: moved, updated_at: now });
      if (moved >= fresh.total) await this.confirm(trx, fresh.id, ctx.actor, now);
      else if (moved > 0) await this.deps.seating.setPaymentInFlight(trx, fresh.hold_id, true);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'booking.exchange',
        entity: 'booking',
        entityId: old.id,
        data: { to: fresh.id, moved, refunded: net - moved, due: fresh.total - moved, reason: input.reason ?? null },
      });
      showtimes.add(old.showtime_id).add(fresh.showtime_id);
      return fresh.id;
    });
    for (const showtimeId of showtimes) this.deps.seating.publishSeatsChanged(showtimeId);
    return this.get(newId, ctx);
  }

  /** Turns a hold into a pending booking inside the caller's transaction: the rows as written. */
  private async createInTransaction(
    trx: Db,
    input: ParsedInputOf<'bookings.create'>,
    ctx: CallContext,
    now: number,
    customerUserId: number | null = null,
  ): Promise<{ row: q.BookingRow; tickets: q.TicketRow[]; showtime: ShowtimeForSale; holdExpiresAt: number }> {
    const { seating, pricing } = this.deps;
    const { hold, seats, claimIds: claims, showtime } = await seating.bookHold(trx, input.holdId, ctx.actor, now);
    const seatsById = new Map(seats.map((seat) => [seat.id, seat]));
    const asked = new Set(input.tickets.map((ticket) => ticket.seatId));
    const missing = seats.filter((seat) => !asked.has(seat.id));
    const foreign = input.tickets.filter((ticket) => !seatsById.has(ticket.seatId));
    if (missing.length > 0 || foreign.length > 0) {
      throw new DomainError('validation_failed', 'Give exactly one ticket for each seat of the hold.', {
        fields: [
          ...foreign.map((ticket) => ({
            path: `tickets.${input.tickets.indexOf(ticket)}.seatId`,
            message: 'is not a seat of this hold',
          })),
          ...(missing.length > 0
            ? [
                {
                  path: 'tickets',
                  message: `no ticket for seat ${missing.map((s) => `${s.row}${s.number}`).join(', ')}`,
                },
              ]
            : []),
        ],
      });
    }
    const prices = await pricing.table(showtime, trx);
    const unknownTypes = input.tickets
      .map((ticket, index) => ({ ticket, index }))
      .filter(
        ({ ticket }) => prices.price(ticket.ticketType, (seatsById.get(ticket.seatId) ?? seats[0])!.type) === null,
      );
    if (unknownTypes.length > 0) {
      throw validationError(
        unknownTypes.map(({ ticket, index }) => ({
          path: `tickets.${index}.ticketType`,
          message: `${ticket.ticketType} is not on this theater's price list`,
        })),
      );
    }
    const lines = input.tickets.map((ticket) => {
      const seat = seatsById.get(ticket.seatId)!;
      const price = prices.price(ticket.ticketType, seat.type)!;
      return { ticket, seat, price, tax: taxIncluded(price, prices.vatRateBp), claimId: claims.get(seat.id)! };
    });
    const total = lines.reduce((sum, line) => sum + line.price, 0);
    const tax = lines.reduce((sum, line) => sum + line.tax, 0);

    const values = {
      reference: '',
      showtime_id: showtime.id,
      theater_id: showtime.theaterId,
      hold_id: hold.id,
      status: 'pending_payment',
      channel: channelOf(ctx.actor),
      created_by: actorRef(ctx.actor),
      customer_user_id: ctx.actor.kind === 'user' && ctx.actor.role === 'customer' ? ctx.actor.id : customerUserId,
      customer_name: input.customer?.name ?? null,
      customer_email: input.customer?.email ?? null,
      customer_phone: input.customer?.phone ?? null,
      currency: showtime.currency,
      total,
      tax,
      created_at: now,
    };
    let id = 0;
    for (let attempt = 0; id === 0; attempt += 1) {
      try {
        values.reference = newReference();
        id = await q.insertBooking(trx, { ...values, updated_at: now });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error; // a reference collision: draw again
      }
    }
    const tickets = await q.insertTickets(
      trx,
      lines.map((line) => ({
        booking_id: id,
        claim_id: line.claimId,
        showtime_id: showtime.id,
        seat_id: line.seat.id,
        ticket_type: line.ticket.ticketType,
        price: line.price,
        tax: line.tax,
        status: 'pending',
      })),
    );
    await seating.attachBooking(trx, hold.id, id);
    await recordAudit(trx, now, {
      actor: ctx.actor,
      action: 'booking.create',
      entity: 'booking',
      entityId: id,
      data: { holdId: hold.id, total },
    });
    return {
      row: { ...values, id, amount_paid: 0, amount_refunded: 0, confirmed_at: null },
      tickets,
      showtime,
      holdExpiresAt: hold.expires_at,
    };
  }

  async get(bookingId: number, ctx: CallContext): Promise<BookingOut> {
    const row = await q.findBooking(this.db, bookingId);
    if (!row || !this.mayRead(ctx.actor, row)) throw new DomainError('not_found', 'Booking not found.');
    return (await this.present([row]))[0]!;
  }

  async list(input: ParsedInputOf<'bookings.list'>, ctx: CallContext): Promise<OutputOf<'bookings.list'>> {
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated');
    const staff = isStaff(actor.role);
    if (!staff && (input.q !== undefined || input.showtimeId !== undefined)) {
      throw new DomainError('forbidden', 'Only staff may search bookings.');
    }
    const before = decodeCursor(input.cursor, ['number']);
    const filter: q.BookingFilter = {
      reference: input.reference,
      q: input.q,
      showtimeId: input.showtimeId,
      beforeId: before ? Number(before[0]) : undefined,
      limit: input.limit + 1,
    };
    if (actor.role === 'manager') filter.theaterIds = actor.theaterIds;
    else if (actor.role === 'customer' && actor.kind === 'user') filter.customerUserId = actor.id;
    // Ticket pickup: a kiosk finds any booking of its theaters by its exact reference (the reference is
    // what the customer holds); without one it lists only its own sales.
    else if (actor.role === 'kiosk' && input.reference !== undefined) filter.theaterIds = actor.theaterIds;
    else if (!staff) filter.createdBy = actorRef(actor);
    const rows = await q.listBookings(this.db, filter);
    const items = await this.present(rows.slice(0, input.limit));
    const byId = new Map(items.map((item) => [item.id, item]));
    return pageOf(
      rows,
      input.limit,
      (row) => byId.get(row.id)!,
      (row) => [row.id],
    );
  }

  async cancel(input: ParsedInputOf<'bookings.cancel'>, ctx: CallContext): Promise<BookingOut> {
    // The approver's password is checked before the transaction (hashing is slow); a wrong one changes nothing.
    const approver =
      input.approval && this.approvals ? await this.approvals.verifyApprover(input.approval, ctx.address) : null;
    const now = this.clock.now();
    let showtimeId = 0;
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findBooking(trx, input.bookingId);
      if (!row || !this.mayRead(ctx.actor, row)) throw new DomainError('not_found', 'Booking not found.');
      showtimeId = row.showtime_id;
      if (!['pending_payment', 'confirmed', 'partially_refunded'].includes(row.status)) {
        throw new DomainError('booking_not_cancellable', `This booking is ${row.status.replace('_', ' ')}.`, {
          status: row.status,
        });
      }
      // A kiosk gives back the seats of a sale nobody has paid for; it never refunds (the box office does).
      if (ctx.actor.kind !== 'anonymous' && ctx.actor.role === 'kiosk' && row.amount_paid > 0) {
        throw new DomainError('forbidden', 'A kiosk cannot refund a paid booking: refunds are made at the box office.');
      }
      const staff = ctx.actor.kind !== 'anonymous' && isStaff(ctx.actor.role);
      // The cut-off protects refunds. A sale nobody has paid for only gives its seats back, which is what
      // its hold expiring would do anyway: a kiosk or website abandoning it late is always let.
      const unpaid = row.status === 'pending_payment' && row.amount_paid === 0;
      const showtime = await this.deps.scheduling.showtimeForSale(row.showtime_id, trx);
      if (!staff && !unpaid && showtime && now > showtime.startsAt - showtime.cancelCutoffMinutes * MINUTE) {
        throw new DomainError('cancellation_closed', undefined, { cutoffMinutes: showtime.cancelCutoffMinutes });
      }
      const tickets = await q.ticketsOf(trx, [row.id]);
      const live = tickets.filter((ticket) => ticket.status === 'pending' || ticket.status === 'valid');
      const chosen = input.ticketIds ? live.filter((ticket) => input.ticketIds!.includes(ticket.id)) : live;
      if (input.ticketIds && chosen.length !== new Set(input.ticketIds).size) {
        throw validationError([
          { path: 'ticketIds', message: 'lists tickets that are not live tickets of this booking' },
        ]);
      }
      const all = chosen.length === live.length;
      const remaining = live.filter((ticket) => !chosen.includes(ticket));
      const net = row.amount_paid - row.amount_refunded;
      // Pending (maybe part-paid, split tender): refund what was paid beyond the new total.
      // Confirmed: refund the cancelled tickets' prices, up to what is still held.
      const refund =
        row.status === 'pending_payment'
          ? Math.max(0, net - remaining.reduce((sum, t) => sum + t.price, 0))
          : Math.min(
              chosen.reduce((sum, t) => sum + t.price, 0),
              net,
            );
      const approvedBy = await this.refundApproval(trx, row.theater_id, refund, ctx.actor, approver);
      if (refund > 0) {
        if (!this.refunds) throw new DomainError('conflict', 'Refunds are not available on this installation.');
        const parts = await this.refunds.refund(
          trx,
          { id: row.id, currency: row.currency },
          refund,
          ctx,
          now,
          approvedBy,
        );
        await this.recordRefund(trx, row, chosen, parts, now);
      }
      await this.deps.seating.releaseBookingSeats(
        trx,
        row.hold_id,
        all ? 'all' : chosen.map((ticket) => ticket.claim_id),
        now,
      );
      await q.setTicketStatus(
        trx,
        chosen.map((ticket) => ticket.id),
        refund > 0 && row.status !== 'pending_payment' ? 'refunded' : 'cancelled',
        now,
      );
      if (row.status === 'pending_payment') {
        await q.updateBooking(trx, row.id, {
          status: all ? (refund > 0 ? 'refunded' : 'cancelled') : 'pending_payment',
          amount_refunded: row.amount_refunded + refund,
          total: remaining.reduce((sum, t) => sum + t.price, 0),
          tax: remaining.reduce((sum, t) => sum + t.tax, 0),
          updated_at: now,
          ...(all && { cancelled_at: now, cancel_reason: input.reason ?? null }),
        });
        // What was already paid may now cover the smaller booking.
        const newTotal = remaining.reduce((sum, t) => sum + t.price, 0);
        if (!all && row.amount_paid > 0 && net - refund >= newTotal) await this.confirm(trx, row.id, ctx.actor, now);
      } else {
        await q.updateBooking(trx, row.id, {
          status: all ? (refund > 0 ? 'refunded' : 'cancelled') : 'partially_refunded',
          amount_refunded: row.amount_refunded + refund,
          updated_at: now,
          ...(all && { cancelled_at: now, cancel_reason: input.reason ?? null }),
        });
      }
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: all ? 'booking.cancel' : 'booking.cancelTickets',
        entity: 'booking',
        entityId: row.id,
        data: {
          ticketIds: chosen.map((t) => t.id),
          refund,
          reason: input.reason ?? null,
          ...(approvedBy !== null && { approvedBy, approver: approver?.username }),
        },
      });
    });
    this.deps.seating.publishSeatsChanged(showtimeId);
    return this.get(input.bookingId, ctx);
  }

  // ---- for the payments module (inside its transactions) -------------------------------------------

  /** The booking's succeeded payments now cover its total: confirm it and sell its seats. */
  /**
   * The booking's succeeded payments now cover its total: confirm it and sell its seats. `known` is the
   * booking's row when the caller has just read it in this transaction.
   */
  async confirm(trx: Db, bookingId: number, actor: Actor, now: number, known?: q.BookingRow): Promise<void> {
    const row = known ?? (await q.findBooking(trx, bookingId));
    if (!row || row.status !== 'pending_payment') return;
    await q.updateBooking(trx, bookingId, { status: 'confirmed', confirmed_at: now, updated_at: now });
    const tickets = await q.ticketsOf(trx, [bookingId]);
    const pending = tickets.filter((t) => t.status === 'pending');
    const codes = this.codes
      ? new Map(
          (
            await this.codes.issue(
              trx,
              pending.map((t) => ({ id: t.id, showtimeId: row.showtime_id, seatId: t.seat_id })),
              now,
            )
          ).map((issued) => [issued.id, issued.code]),
        )
      : new Map<number, string>();
    await q.validateTickets(
      trx,
      pending.map((t) => ({ id: t.id, code: codes.get(t.id) ?? null })),
    );
    await this.deps.seating.sellHold(trx, row.hold_id, bookingId);
    if (this.sales && this.refunds) {
      const tender = await this.refunds.tenderOf(trx, bookingId);
      const place = tender.training ? null : await this.salePlace(trx, row, now);
      if (place) await this.sales.recordSale(trx, place, tender.methods, pending.map(saleLine));
    }
    await recordAudit(trx, now, { actor, action: 'booking.confirm', entity: 'booking', entityId: bookingId });
  }

  /**
   * Tells the sales rollup of money given back on a booking that was already a sale (paid in full before
   * this instant); money returned on a booking never paid in full, or paid on a training reader, is no sale's.
   */
  private async recordRefund(trx: Db, row: q.BookingRow, tickets: q.TicketRow[], parts: RefundPart[], now: number) {
    if (!this.sales || !this.refunds || parts.length === 0) return;
    if (row.confirmed_at === null || row.confirmed_at >= now) return;
    if ((await this.refunds.tenderOf(trx, row.id)).training) return;
    const place = await this.salePlace(trx, row, now);
    if (!place) return;
    const ordered = [...tickets].sort((a, b) => a.id - b.id);
    await this.sales.recordRefund(trx, place, ordered.map(saleLine), parts);
  }

  private async salePlace(trx: Db, row: q.BookingRow, now: number): Promise<SalePlace | null> {
    const showtime = await this.deps.scheduling.showtimeForSale(row.showtime_id, trx);
    if (!showtime) return null;
    return {
      theaterId: row.theater_id,
      showtimeId: row.showtime_id,
      movieId: showtime.movieId,
      screenId: showtime.screenId,
      channel: row.channel,
      timeZone: showtime.timeZone,
      at: now,
    };
  }

  /** Called by seating's sweeper, inside its transaction, for booked holds whose time ran out. */
  async expireForHolds(trx: Db, holdIds: number[], now: number): Promise<void> {
    const ids = await q.expireBookingsOfHolds(trx, holdIds, now);
    for (const id of ids)
      await recordAudit(trx, now, {
        actor: { kind: 'anonymous' },
        action: 'booking.expire',
        entity: 'booking',
        entityId: id,
      });
  }

  /** Raw booking for the payments module, with the read check applied. */
  async bookingForPayment(trx: Db, bookingId: number, actor: Actor) {
    const row = await q.findBooking(trx, bookingId);
    if (!row || !this.mayRead(actor, row)) throw new DomainError('not_found', 'Booking not found.');
    return row;
  }

  /** Tickets sold and refunded in a period, for the drawer's Z-reports. */
  ticketCounts(filter: Parameters<typeof q.ticketCounts>[1]): Promise<{ sold: number; refunded: number }> {
    return q.ticketCounts(this.db, filter);
  }

  async recordPaid(trx: Db, bookingId: number, amountPaid: number, now: number): Promise<void> {
    await q.updateBooking(trx, bookingId, { amount_paid: amountPaid, updated_at: now });
  }

  // ---- for the accounts and reviews modules ------------------------------------------------------

  /** Inside the account-deleting transaction: the bookings stay, the customer's contact details go. */
  async anonymiseCustomer(trx: Db, userId: number, at: number): Promise<void> {
    await q.anonymiseCustomer(trx, userId, at);
  }

  /** Showtimes the customer has a paid (confirmed or checked-in) ticket for. */
  paidShowtimesOf(userId: number, db: Db = this.db): Promise<number[]> {
    return q.paidShowtimesOf(db, userId);
  }

  // ---- for the tickets module --------------------------------------------------------------------

  /** A ticket, its status and its booking's reference (inside the door's transaction). */
  ticketForEntry(trx: Db, ticketId: number) {
    return q.findTicketForEntry(trx, ticketId);
  }

  /** Bookings of a showtime that still have live tickets (for refusing to cancel or move it silently). */
  liveBookings(showtimeId: number, db: Db = this.db): Promise<{ id: number; reference: string; tickets: number }[]> {
    return q.liveBookingsOf(db, showtimeId);
  }

  /** Valid tickets sold for a showtime. */
  soldCount(showtimeId: number): Promise<number> {
    return q.countValidTickets(this.db, showtimeId);
  }

  /**
   * A booking for whoever holds one of its signed ticket codes or its reference (pickup at a kiosk or
   * counter): holding it is the proof, so the creator check does not apply. Null when there is none.
   */
  async getForHolder(by: { ticketId: number } | { reference: string }): Promise<BookingOut | null> {
    let row: q.BookingRow | undefined;
    if ('ticketId' in by) {
      const ticket = await q.findTicketForEntry(this.db, by.ticketId);
      row = ticket ? await q.findBooking(this.db, ticket.booking_id) : undefined;
    } else {
      row = await q.findByReference(this.db, by.reference);
    }
    if (!row) return null;
    return (await this.present([row]))[0] ?? null;
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /**
   * A cashier's refund above the theater's `refundApprovalAbove` needs a manager of that theater (or an
   * admin) to approve it: returns the approver's id, or null when no approval was needed.
   */
  private async refundApproval(
    trx: Db,
    theaterId: number,
    refund: number,
    actor: Actor,
    approver: { id: number; role: string; theaterIds: readonly number[] } | null,
  ): Promise<number | null> {
    if (refund === 0 || actor.kind === 'anonymous' || actor.role !== 'cashier') return null;
    const threshold = (await this.deps.theaters.salesRules(theaterId, trx))?.refundApprovalAbove ?? null;
    if (threshold === null || refund <= threshold) return null;
    if (!approver) throw new DomainError('approval_required', undefined, { refund, approvalAbove: threshold });
    if (approver.role !== 'admin' && !approver.theaterIds.includes(theaterId)) {
      throw new DomainError(
        'approval_rejected',
        "Only a manager of this booking's theater or an admin can approve this.",
      );
    }
    return approver.id;
  }

  /**
   * A kiosk attaches a purchase to the customer signed in on it by sending their short session token.
   * Only kiosks may; the token must be a live customer session.
   */
  private async signedInCustomer(token: string | undefined, actor: Actor): Promise<number | null> {
    if (token === undefined) return null;
    if (actor.kind === 'anonymous' || actor.role !== 'kiosk') {
      throw validationError([{ path: 'customerToken', message: 'only a kiosk attaches a signed-in customer' }]);
    }
    const userId = this.customerOfToken ? await this.customerOfToken(token) : null;
    if (userId === null) {
      throw validationError([
        { path: 'customerToken', message: 'is not a signed-in customer session (it may have ended: sign in again)' },
      ]);
    }
    return userId;
  }

  private mayRead(actor: Actor, row: q.BookingRow): boolean {
    if (actor.kind === 'anonymous') return false;
    if (actor.role === 'admin' || actor.role === 'cashier') return true;
    if (actor.role === 'manager') return actor.theaterIds.includes(row.theater_id);
    if (actor.role === 'customer' && actor.kind === 'user') return row.customer_user_id === actor.id;
    return row.created_by === actorRef(actor);
  }

  private async present(rows: q.BookingRow[]): Promise<BookingOut[]> {
    if (rows.length === 0) return [];
    const tickets = await q.ticketsOf(
      this.db,
      rows.map((row) => row.id),
    );
    const payments =
      (await this.payments?.paymentsOf(rows.map((row) => row.id))) ?? new Map<number, BookingOut['payments']>();
    const out: BookingOut[] = [];
    for (const row of rows) {
      const showtime = await this.deps.scheduling.showtimeForSale(row.showtime_id);
      if (!showtime) continue;
      const seats = await this.seatLabels(showtime.screenId);
      const hold = row.status === 'pending_payment' ? await this.deps.seating.holdExpiry(row.hold_id) : null;
      const own = tickets.filter((ticket) => ticket.booking_id === row.id);
      out.push(this.toOut(row, own, payments.get(row.id) ?? [], showtime, seats, hold));
    }
    return out;
  }

  /** Seat labels and types of a screen (the theaters module caches the seats). */
  private async seatLabels(screenId: number): Promise<SeatLabels> {
    return new Map(
      (await this.deps.theaters.seats(screenId)).map((seat) => [
        seat.id,
        { label: `${seat.row}${seat.number}`, type: seat.type },
      ]),
    );
  }

  /** A booking as the contract shows it; `holdExpiresAt` only while it waits for payment. */
  private toOut(
    row: q.BookingRow,
    tickets: q.TicketRow[],
    payments: BookingOut['payments'],
    showtime: ShowtimeForSale,
    seats: SeatLabels,
    holdExpiresAt: number | null,
  ): BookingOut {
    return {
      id: row.id,
      reference: row.reference,
      status: row.status as BookingOut['status'],
      showtimeId: row.showtime_id,
      theaterId: row.theater_id,
      channel: row.channel,
      currency: row.currency,
      total: row.total,
      tax: row.tax,
      amountPaid: row.amount_paid,
      amountRefunded: row.amount_refunded,
      amountDue:
        row.status === 'pending_payment' ? Math.max(0, row.total - (row.amount_paid - row.amount_refunded)) : 0,
      customer:
        row.customer_name || row.customer_email || row.customer_phone
          ? { name: row.customer_name, email: row.customer_email, phone: row.customer_phone }
          : null,
      expiresAt: holdExpiresAt === null ? null : toOffsetIso(holdExpiresAt, showtime.timeZone),
      createdAt: toOffsetIso(row.created_at, showtime.timeZone),
      tickets: tickets.map((ticket) => ({
        id: ticket.id,
        seatId: ticket.seat_id,
        seatLabel: seats.get(ticket.seat_id)?.label ?? '?',
        seatType: seats.get(ticket.seat_id)?.type ?? 'standard',
        ticketType: ticket.ticket_type,
        price: ticket.price,
        tax: ticket.tax,
        status: ticket.status as BookingOut['tickets'][number]['status'],
        code: ticket.code,
      })),
      payments,
    };
  }
}

function saleLine(ticket: q.TicketRow): SaleLine {
  return { ticketType: ticket.ticket_type, price: ticket.price, tax: ticket.tax };
}
