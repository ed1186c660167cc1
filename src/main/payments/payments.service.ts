/**
 * Money in and out: cash from a cashier's drawer during their shift, `external` payments other systems
 * took themselves, and refunds the way the money came in. Every payment and refund is written in the
 * same transaction as the booking change it causes, so no booking is confirmed without its money and no
 * money is recorded without its booking or refund. A drawer's expected cash is computed from its records.
 */
import { DomainError, validationError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { isStaff } from '../../shared/domain/roles';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import type { BookingService, PaymentLister, RefundPart, RefundProvider } from '../booking/index';
import { writeTransaction, type Db } from '../db/index';
import type { CashLedger, DrawerService } from '../drawer/index';
import type { SeatingService } from '../seating/index';
import type { CardPayments } from './card.service';
import * as q from './payments.queries';

type PaymentOut = OutputOf<'payments.get'>;

const iso = (ms: number) => toOffsetIso(ms, 'UTC');

export class PaymentsService implements RefundProvider, PaymentLister, CashLedger {
  /** Card payments through Stripe Terminal (set by the core; its gateway is null without a Stripe key). */
  card: CardPayments | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: { booking: BookingService; seating: SeatingService; drawer: DrawerService },
  ) {}

  // ---- payments -----------------------------------------------------------------------------------

  async pay(input: ParsedInputOf<'payments.create'>, ctx: CallContext): Promise<PaymentOut> {
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated');
    if (input.method === 'cash' && !isStaff(actor.role)) throw new DomainError('forbidden', 'Only staff take cash.');
    if (input.method === 'external' && !(actor.kind === 'apiKey' || actor.role === 'admin')) {
      throw new DomainError('forbidden', 'External payments are for API keys and admins.');
    }
    if (input.method === 'card_present') {
      if (!this.card?.configured)
        throw new DomainError(
          'payments_not_configured',
          'Card payments are not available on this installation: take cash.',
        );
      const started = await this.card.start(input, ctx);
      const payment = await this.get(started.paymentId, ctx);
      return started.clientSecret ? { ...payment, clientSecret: started.clientSecret } : payment;
    }
    const tendered = input.method === 'cash' ? (input.tendered ?? input.amount) : null;
    if (tendered !== null && tendered < input.amount)
      throw validationError([{ path: 'tendered', message: 'must be at least the amount' }]);

    const now = this.clock.now();
    const paid = await writeTransaction(this.db, async (trx) => {
      const booking = await this.deps.booking.bookingForPayment(trx, input.bookingId, actor);
      if (booking.status !== 'pending_payment') {
        throw new DomainError('booking_not_payable', `This booking is ${booking.status.replace('_', ' ')}.`, {
          status: booking.status,
        });
      }
      if (!(await this.deps.seating.holdIsLive(trx, booking.hold_id, now))) throw new DomainError('hold_expired');
      const due =
        booking.total - (booking.amount_paid - booking.amount_refunded) - (await q.amountInFlight(trx, booking.id));
      if (input.amount > due) {
        throw validationError([{ path: 'amount', message: `is more than the ${due} due` }]);
      }
      let shiftId: number | null = null;
      if (input.method === 'cash') {
        shiftId = await this.deps.drawer.openShiftId(trx, actor, {
          currency: booking.currency,
          theaterId: booking.theater_id,
        });
        if (shiftId === null) throw new DomainError('no_open_shift');
      }
      const values = {
        booking_id: booking.id,
        method: input.method,
        amount: input.amount,
        currency: booking.currency,
        status: 'succeeded',
        tendered,
        change_given: tendered === null ? null : tendered - input.amount,
        shift_id: shiftId,
        reference: input.method === 'external' ? input.reference : null,
        created_by: actorRef(actor),
        created_at: now,
      };
      const id = await q.insertPayment(trx, { ...values, updated_at: now });
      const paid = booking.amount_paid + input.amount;
      await this.deps.booking.recordPaid(trx, booking.id, paid, now);
      await recordAudit(trx, now, {
        actor,
        action: 'payment.succeeded',
        entity: 'booking',
        entityId: booking.id,
        data: { paymentId: id, method: input.method, amount: input.amount },
      });
      const row: q.PaymentRow = { ...values, id, amount_refunded: 0, training: 0 };
      if (paid - booking.amount_refunded >= booking.total) {
        await this.deps.booking.confirm(trx, booking.id, actor, now, booking);
        return toPayment(row, 'confirmed');
      }
      // Part-paid (split tender): money has been taken, so the seats may no longer lapse with the hold;
      // the booking stays until it is paid in full or cancelled (which refunds what was paid).
      await this.deps.seating.setPaymentInFlight(trx, booking.hold_id, true);
      return toPayment(row, booking.status);
    });
    // Everything the answer shows was written just now: it is not read back.
    return paid;
  }

  async get(paymentId: number, ctx: CallContext): Promise<PaymentOut> {
    const payment = await q.findPayment(this.db, paymentId);
    if (!payment) throw new DomainError('not_found', 'Payment not found.');
    const staff = ctx.actor.kind !== 'anonymous' && isStaff(ctx.actor.role);
    if (!staff && payment.created_by !== actorRef(ctx.actor)) throw new DomainError('not_found', 'Payment not found.');
    // The booking's own read rules apply too (a manager sees only their theaters' payments).
    const booking = await this.deps.booking.bookingForPayment(this.db, payment.booking_id, ctx.actor);
    const out = toPayment(payment, booking.status);
    if (payment.method !== 'card_present') return out;
    const card = (await this.card?.details([payment.id]))?.get(payment.id);
    return {
      ...out,
      training: payment.training === 1,
      readerId: card?.readerId,
      failureCode: card?.failureCode ?? null,
    };
  }

  /** The card payments part; without Stripe configured its operations answer 409 payments_not_configured. */
  cardPayments(): CardPayments {
    if (!this.card)
      throw new DomainError('payments_not_configured', 'Card payments are not available on this installation.');
    return this.card;
  }

  /** The counter's Terminal JS SDK is done with a card payment: settle it from what Stripe says. */
  async settle(paymentId: number, ctx: CallContext): Promise<PaymentOut> {
    const payment = await this.get(paymentId, ctx); // who may see it may settle it
    if (payment.method !== 'card_present' || !this.card?.configured)
      throw new DomainError('conflict', 'Only card payments are settled with Stripe.');
    await this.card.settle(paymentId);
    return this.get(paymentId, ctx);
  }

  /** Cancels a card payment still waiting on the reader (its reader action and PaymentIntent with it). */
  async cancel(paymentId: number, ctx: CallContext): Promise<PaymentOut> {
    const payment = await this.get(paymentId, ctx); // who may see it may cancel it
    if (payment.method !== 'card_present' || !this.card?.configured)
      throw new DomainError('conflict', 'Only a card payment still waiting on the reader can be cancelled.');
    await this.card.cancel(paymentId);
    return this.get(paymentId, ctx);
  }

  // ---- for the drawer module -------------------------------------------------------------------------

  /** Cash taken and refunded through each shift's drawer. */
  cashTotals(db: Db, shiftIds: number[]) {
    return q.cashTotals(db, shiftIds);
  }

  /** Money taken and refunded in a period by method, for Z-reports. */
  takings(db: Db, filter: { from: number; to: number; createdBy?: string; theaterId?: number }) {
    return q.takings(db, filter);
  }

  // ---- for the booking module -----------------------------------------------------------------------

  async paymentsOf(bookingIds: number[]) {
    const rows = await q.paymentsOfBookings(this.db, bookingIds);
    const result = new Map<number, { id: number; method: string; amount: number; status: PaymentOut['status'] }[]>();
    for (const row of rows) {
      const list = result.get(row.booking_id) ?? [];
      list.push({ id: row.id, method: row.method, amount: row.amount, status: row.status as PaymentOut['status'] });
      result.set(row.booking_id, list);
    }
    return result;
  }

  /** Refunds `amount` of a booking's payments, newest first, each the way it was paid. */
  async refund(
    trx: Db,
    booking: { id: number; currency: string },
    amount: number,
    ctx: CallContext,
    at: number,
    approvedBy: number | null = null,
  ): Promise<RefundPart[]> {
    const parts: RefundPart[] = [];
    const payments = (await q.paymentsOfBookings(trx, [booking.id]))
      .filter((p) => p.status === 'succeeded' && p.amount > p.amount_refunded)
      .reverse();
    let left = amount;
    for (const payment of payments) {
      if (left === 0) break;
      const part = Math.min(left, payment.amount - payment.amount_refunded);
      let shiftId: number | null = null;
      // Money moved in by an exchange goes back in cash, from the drawer of whoever cancels.
      if (payment.method === 'cash' || payment.method === 'exchange') {
        shiftId = await this.deps.drawer.openShiftId(trx, ctx.actor, { currency: booking.currency, paysOut: part });
        if (shiftId === null)
          throw new DomainError('no_open_shift', 'Cash is refunded from your drawer: open a shift first.');
      } else if (payment.method === 'card_present' && !this.card?.configured) {
        throw new DomainError('payments_not_configured', 'Card refunds are not available on this installation.');
      }
      await q.refundPayment(trx, payment, part, at);
      const method = payment.method === 'exchange' ? 'cash' : payment.method;
      const refundId = await q.insertRefund(trx, {
        payment_id: payment.id,
        booking_id: booking.id,
        amount: part,
        method,
        shift_id: shiftId,
        created_by: actorRef(ctx.actor),
        created_at: at,
        approved_by: approvedBy,
      });
      // Back to the card: sent to Stripe once this transaction has committed (never from inside it).
      if (payment.method === 'card_present') await this.card!.queueRefund(trx, payment.id, refundId, part, at);
      await recordAudit(trx, at, {
        actor: ctx.actor,
        action: 'payment.refund',
        entity: 'booking',
        entityId: booking.id,
        data: { paymentId: payment.id, amount: part, ...(approvedBy !== null && { approvedBy }) },
      });
      parts.push({ method, amount: part });
      left -= part;
    }
    if (left > 0) throw new Error(`booking ${booking.id}: ${left} could not be refunded`);
    return parts;
  }

  /** The methods of a booking's money and whether a training (simulated reader) payment is among it. */
  async tenderOf(trx: Db, bookingId: number): Promise<{ methods: string[]; training: boolean }> {
    const paid = (await q.paymentsOfBookings(trx, [bookingId])).filter(
      (p) => p.status === 'succeeded' || p.status === 'refunded',
    );
    return { methods: paid.map((p) => p.method), training: paid.some((p) => p.training === 1) };
  }

  /** Moves `amount` of what one booking paid onto another (an exchange): a refund out, a payment in. */
  async transfer(
    trx: Db,
    from: { id: number; currency: string },
    to: { id: number; currency: string },
    amount: number,
    ctx: CallContext,
    at: number,
  ): Promise<RefundPart[]> {
    const parts: RefundPart[] = [];
    if (from.currency !== to.currency) throw new DomainError('conflict', 'An exchange cannot change the currency.');
    const payments = (await q.paymentsOfBookings(trx, [from.id]))
      .filter((p) => p.status === 'succeeded' && p.amount > p.amount_refunded)
      .reverse();
    let left = amount;
    for (const payment of payments) {
      if (left === 0) break;
      const part = Math.min(left, payment.amount - payment.amount_refunded);
      await q.refundPayment(trx, payment, part, at);
      await q.insertRefund(trx, {
        payment_id: payment.id,
        booking_id: from.id,
        amount: part,
        method: 'exchange',
        shift_id: null,
        created_by: actorRef(ctx.actor),
        created_at: at,
      });
      parts.push({ method: 'exchange', amount: part });
      left -= part;
    }
    if (left > 0) throw new Error(`booking ${from.id}: ${left} could not be moved`);
    await q.insertPayment(trx, {
      booking_id: to.id,
      method: 'exchange',
      amount,
      currency: to.currency,
      status: 'succeeded',
      tendered: null,
      change_given: null,
      shift_id: null,
      reference: `booking ${from.id}`,
      created_by: actorRef(ctx.actor),
      created_at: at,
      updated_at: at,
    });
    return parts;
  }
}

function toPayment(row: q.PaymentRow, bookingStatus: string): PaymentOut {
  return {
    id: row.id,
    bookingId: row.booking_id,
    method: row.method as PaymentOut['method'],
    amount: row.amount,
    currency: row.currency,
    status: row.status as PaymentOut['status'],
    tendered: row.tendered,
    change: row.change_given,
    reference: row.reference,
    amountRefunded: row.amount_refunded,
    bookingStatus,
    createdAt: iso(row.created_at),
  };
}
