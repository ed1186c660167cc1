/**
 * Card-present payments on Stripe Terminal readers, server-driven: the payment is recorded `processing`
 * and committed before Stripe is called, so a crash never leaves money we do not know about. Then a
 * PaymentIntent is created (idempotency key derived from our payment) and handed to the reader; the
 * customer taps. One resolution path, `resolve`, decides the outcome by asking Stripe (the PaymentIntent,
 * then the reader's action): the poller runs it for every processing payment, webhooks only run it
 * sooner, and so does reconciliation after a restart. Each payment is resolved by one caller at a time
 * and settles once: succeeded (captured, then the booking is confirmed in the same write transaction),
 * failed (declined, reader timeout) or cancelled; the booking stays payable after a failure.
 *
 * A payment on a simulated reader (Stripe test mode, `simulated-wpe`) is a training payment: it is
 * flagged `training` and is not money (drawer and sales totals exclude it).
 *
 * Readers with `integration = 'terminal_js'` are driven by a counter on the reader's LAN with the Terminal
 * JS SDK: the PaymentIntent is created here exactly as for a server-driven reader, but instead of handing
 * it to the reader through Stripe, its client secret goes back to the (staff) caller, whose SDK collects
 * and processes the card. The counter then asks for `settle`, which is `resolve`: the renderer's word is
 * never taken, only the PaymentIntent's status at Stripe. While such a payment waits, its PaymentIntent
 * stays `requires_payment_method` with no reader action to read; it fails on a recorded decline
 * (`last_payment_error`) or after the reader timeout, so a counter that closed mid-payment is resolved by
 * the poller like any other.
 */
import { DomainError, validationError } from '../../shared/contract/errors';
import { isStaff } from '../../shared/domain/roles';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { recordAudit } from '../audit/index';
import { actorRef, assertManagesTheater, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import type { BookingService } from '../booking/index';
import { writeTransaction, type Db } from '../db/index';
import type { SeatingService } from '../seating/index';
import { GatewayError, type CardGateway, type Intent } from '../stripe/index';
import type { DevicesService } from '../devices/index';
import type { TheatersService } from '../theaters/index';
import * as cq from './card.queries';
import * as q from './payments.queries';

type ReaderOut = OutputOf<'readers.list'>['items'][number];

export interface CardOptions {
  /** A payment the reader has not finished after this long is cancelled on the reader and fails. */
  readerTimeoutMs?: number;
  /** How long a reader's status read from Stripe is reused. */
  statusCacheMs?: number;
  /** How often PaymentIntents of ours that belong to no payment in flight are looked for and cancelled. */
  orphanSweepEveryMs?: number;
  /** Webhook signature tolerance (seconds). */
  webhookToleranceSeconds?: number;
}

/** Who settles payments in the background (audit log). */
const STRIPE_ACTOR: Actor = { kind: 'apiKey', id: 0, name: 'stripe', role: 'admin', theaterIds: [] };
const MINUTE = 60_000;
/** After a failed card payment the customer gets at least this long to try again before the seats lapse. */
const RETRY_GRACE_MS = 5 * MINUTE;
const CANCELLED_ON_READER = new Set(['customer_canceled', 'canceled_by_api', 'payment_intent_canceled']);

export class CardPayments {
  private readonly locks = new Map<number, Promise<unknown>>();
  private readonly statusCache = new Map<string, { at: number; status: ReaderOut['status'] }>();
  private lastOrphanSweep = Number.NEGATIVE_INFINITY;
  private ticking: Promise<void> | null = null;
  /** Kiosk devices readers may be assigned to (set by the core once devices exist). */
  devices: Pick<DevicesService, 'find'> | null = null;
  private readonly readerTimeoutMs: number;
  private readonly statusCacheMs: number;
  private readonly orphanSweepEveryMs: number;
  private readonly toleranceSeconds: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: { booking: BookingService; seating: SeatingService; theaters: TheatersService },
    private gateway: CardGateway | null,
    options: CardOptions = {},
  ) {
    this.readerTimeoutMs = options.readerTimeoutMs ?? 3 * MINUTE;
    this.statusCacheMs = options.statusCacheMs ?? 10_000;
    this.orphanSweepEveryMs = options.orphanSweepEveryMs ?? 10 * MINUTE;
    this.toleranceSeconds = options.webhookToleranceSeconds ?? 300;
  }

  get configured(): boolean {
    return this.gateway !== null;
  }

  /** The keys changed (Admin → Settings): later calls use this gateway; null turns card payments off. */
  setGateway(gateway: CardGateway | null): void {
    this.gateway = gateway;
    this.statusCache.clear();
  }

  private requireGateway(): CardGateway {
    if (!this.gateway)
      throw new DomainError(
        'payments_not_configured',
        'Card payments are not available on this installation: take cash.',
      );
    return this.gateway;
  }

  // ---- readers ------------------------------------------------------------------------------------

  async registerReader(input: ParsedInputOf<'readers.create'>, ctx: CallContext): Promise<ReaderOut> {
    assertManagesTheater(ctx.actor, input.theaterId);
    const gateway = this.requireGateway();
    const theater = await this.deps.theaters.getTheater(input.theaterId);
    if (input.assignment === 'kiosk') await this.assertKiosk(input.deviceId ?? null, theater.id);
    const location =
      gateway.location ??
      (await cq.locationOfTheater(this.db, theater.id)) ??
      (await this.stripe(() => gateway.createLocation(theater.name)));
    const reader = await this.stripe(() =>
      gateway.registerReader({ registrationCode: input.registrationCode, label: input.label, location }),
    );
    const now = this.clock.now();
    const row: cq.ReaderRow = {
      id: reader.id,
      theater_id: theater.id,
      label: input.label,
      device_type: reader.deviceType,
      location: reader.location ?? location,
      simulated: reader.deviceType.startsWith('simulated') ? 1 : 0,
      integration: input.integration ?? 'server_driven',
      created_by: actorRef(ctx.actor),
      created_at: now,
      assigned_to: input.assignment ?? null,
      device_id: input.assignment === 'kiosk' ? (input.deviceId ?? null) : null,
    };
    await writeTransaction(this.db, async (trx) => {
      await cq.insertReader(trx, row);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'reader.register',
        entity: 'theater',
        entityId: theater.id,
        data: {
          readerId: reader.id,
          label: input.label,
          deviceType: reader.deviceType,
          integration: row.integration,
          assignment: row.assigned_to,
          deviceId: row.device_id,
        },
      });
    });
    this.statusCache.set(reader.id, { at: now, status: reader.online ? 'online' : 'offline' });
    return toReader(row, reader.online ? 'online' : 'offline');
  }

  /** Renames a reader, or changes how it is driven or where it stands. */
  async updateReader(input: ParsedInputOf<'readers.update'>, ctx: CallContext): Promise<ReaderOut> {
    this.requireGateway();
    const actor = ctx.actor;
    const existing = await cq.findReader(this.db, input.readerId);
    if (
      !existing ||
      actor.kind === 'anonymous' ||
      (actor.role === 'manager' && !actor.theaterIds.includes(existing.theater_id))
    )
      throw new DomainError('not_found', 'Card reader not found.');
    const assignment = input.assignment === undefined ? existing.assigned_to : input.assignment;
    const deviceId = assignment !== 'kiosk' ? null : input.deviceId === undefined ? existing.device_id : input.deviceId;
    const integration = input.integration ?? existing.integration;
    if (assignment === 'kiosk' && integration === 'terminal_js')
      throw validationError([
        {
          path: input.integration ? 'integration' : 'assignment',
          message: 'Terminal JS readers are driven from a counter; kiosks use server-driven readers',
        },
      ]);
    if (assignment === 'kiosk') await this.assertKiosk(deviceId, existing.theater_id);
    const changes = {
      ...(input.label !== undefined && { label: input.label }),
      integration,
      assigned_to: assignment,
      device_id: deviceId,
    };
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      await cq.updateReader(trx, existing.id, changes);
      await recordAudit(trx, now, {
        actor,
        action: 'reader.update',
        entity: 'theater',
        entityId: existing.theater_id,
        data: { readerId: existing.id, ...changes },
      });
    });
    const row = (await cq.findReader(this.db, existing.id))!;
    return toReader(row, await this.readerStatus(row.id));
  }

  /** A reader may be assigned only to a kiosk device of its theater (or of every theater) that still works. */
  private async assertKiosk(deviceId: number | null, theaterId: number): Promise<void> {
    const device = deviceId === null ? null : await this.devices?.find(deviceId);
    if (!device || device.role !== 'kiosk' || device.status === 'revoked')
      throw validationError([{ path: 'deviceId', message: 'is not a kiosk device' }]);
    if (device.theaterId !== null && device.theaterId !== theaterId)
      throw validationError([{ path: 'deviceId', message: 'is a kiosk of another theater' }]);
  }

  async listReaders(input: ParsedInputOf<'readers.list'>, ctx: CallContext): Promise<OutputOf<'readers.list'>> {
    this.requireGateway();
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated');
    let scope: readonly number[] | null = null;
    if (actor.role === 'manager' || (actor.role !== 'admin' && actor.theaterIds.length > 0)) scope = actor.theaterIds;
    if (input.theaterId !== undefined)
      scope = scope === null || scope.includes(input.theaterId) ? [input.theaterId] : [];
    let rows = await cq.listReaders(this.db, scope);
    if (actor.role === 'kiosk') {
      // A kiosk drives its readers through the server: its own, or the theater's unassigned ones.
      const own = (row: cq.ReaderRow) =>
        row.assigned_to === 'kiosk' && actor.kind === 'device' && row.device_id === actor.id;
      rows = rows.filter((row) => row.integration === 'server_driven' && (row.assigned_to === null || own(row)));
      rows.sort((a, b) => Number(own(b)) - Number(own(a)));
    }
    const items = await Promise.all(rows.map(async (row) => toReader(row, await this.readerStatus(row.id))));
    return { items, nextCursor: null };
  }

  /** A Terminal JS connection token, scoped to the theater's location when it has one. */
  async connectionToken(
    input: ParsedInputOf<'terminal.connectionToken'>,
    ctx: CallContext,
  ): Promise<OutputOf<'terminal.connectionToken'>> {
    const gateway = this.requireGateway();
    if (input.theaterId !== undefined && ctx.actor.kind !== 'anonymous' && ctx.actor.role === 'manager')
      assertManagesTheater(ctx.actor, input.theaterId);
    const location =
      input.theaterId === undefined
        ? gateway.location
        : ((await cq.locationOfTheater(this.db, input.theaterId)) ?? gateway.location);
    return { secret: await this.stripe(() => gateway.createConnectionToken(location)) };
  }

  private async readerStatus(readerId: string): Promise<ReaderOut['status']> {
    const now = this.clock.now();
    const cached = this.statusCache.get(readerId);
    if (cached && now - cached.at < this.statusCacheMs) return cached.status;
    let status: ReaderOut['status'] = 'unknown';
    try {
      const reader = await this.gateway!.retrieveReader(readerId);
      status = !reader.online ? 'offline' : reader.action?.status === 'in_progress' ? 'busy' : 'online';
    } catch {
      status = 'unknown';
    }
    this.statusCache.set(readerId, { at: now, status });
    return status;
  }

  // ---- taking a payment -----------------------------------------------------------------------------

  /** Starts a card payment on a reader; returns the payment's id once the reader has it (or it failed). */
  async start(input: Extract<ParsedInputOf<'payments.create'>, { method: 'card_present' }>, ctx: CallContext) {
    this.requireGateway();
    const actor = ctx.actor;
    const reader = await cq.findReader(this.db, input.readerId);
    if (
      !reader ||
      (actor.kind !== 'anonymous' && actor.role === 'manager' && !actor.theaterIds.includes(reader.theater_id))
    )
      throw new DomainError('not_found', 'Card reader not found.');
    const terminalJs = reader.integration === 'terminal_js';
    if (terminalJs && (actor.kind === 'anonymous' || !isStaff(actor.role)))
      throw validationError([
        { path: 'readerId', message: 'is driven from a counter (Terminal JS): use a server-driven reader' },
      ]);
    const now = this.clock.now();
    const paymentId = await writeTransaction(this.db, async (trx) => {
      const booking = await this.deps.booking.bookingForPayment(trx, input.bookingId, actor);
      if (booking.status !== 'pending_payment') {
        throw new DomainError('booking_not_payable', `This booking is ${booking.status.replace('_', ' ')}.`, {
          status: booking.status,
        });
      }
      if (reader.theater_id !== booking.theater_id)
        throw validationError([{ path: 'readerId', message: "is not a reader of this booking's theater" }]);
      if (!(await this.deps.seating.holdIsLive(trx, booking.hold_id, now))) throw new DomainError('hold_expired');
      const inFlight = await q.amountInFlight(trx, booking.id);
      const due = booking.total - (booking.amount_paid - booking.amount_refunded) - inFlight;
      if (input.amount > due) {
        throw validationError([
          {
            path: 'amount',
            message: `is more than the ${due} due${inFlight > 0 ? ` (${inFlight} is being paid by card)` : ''}`,
          },
        ]);
      }
      const { id } = await cq.insertCardPayment(trx, {
        booking_id: booking.id,
        amount: input.amount,
        currency: booking.currency,
        training: reader.simulated,
        created_by: actorRef(actor),
        reader_id: reader.id,
        at: now,
      });
      // The customer is tapping: the seats must not lapse while the outcome is unknown.
      await this.deps.seating.setPaymentInFlight(trx, booking.hold_id, true);
      await recordAudit(trx, now, {
        actor,
        action: 'payment.card.start',
        entity: 'booking',
        entityId: booking.id,
        data: { paymentId: id, amount: input.amount, readerId: reader.id, training: reader.simulated === 1 },
      });
      return id;
    });
    const clientSecret = await this.exclusive(paymentId, () => this.handOver(paymentId));
    // The client secret lets its holder collect a card for this PaymentIntent: only for staff at a counter.
    return { paymentId, clientSecret: terminalJs ? clientSecret : null };
  }

  /**
   * The counter's Terminal JS SDK says it processed (or failed) the card: look at Stripe now. The same
   * resolution as the poller's, so a second call, or the poller, never changes anything twice.
   */
  settle(paymentId: number): Promise<void> {
    return this.resolve(paymentId);
  }

  /**
   * Creates the PaymentIntent (once) and hands it to the reader (once); safe to repeat. A Terminal JS
   * reader is not handed anything through Stripe: the PaymentIntent's client secret is returned for the
   * counter instead (only when it was created just now).
   */
  private async handOver(paymentId: number): Promise<string | null> {
    const gateway = this.gateway!;
    const payment = await cq.findCardPayment(this.db, paymentId);
    if (!payment || payment.status !== 'processing') return null;
    let intentId = payment.payment_intent_id;
    let clientSecret: string | null = null;
    try {
      if (!intentId) {
        const intent = await gateway.createPaymentIntent(
          {
            amount: payment.amount,
            currency: payment.currency,
            description: `Marquee booking ${payment.booking_id}${payment.training ? ' (training)' : ''}`,
            metadata: {
              marquee_key: payment.idempotency_base,
              marquee_payment_id: String(paymentId),
              marquee_booking_id: String(payment.booking_id),
            },
          },
          `${payment.idempotency_base}-create`,
        );
        intentId = intent.id;
        clientSecret = intent.clientSecret;
        await writeTransaction(this.db, (trx) => cq.setIntent(trx, paymentId, intent.id, this.clock.now()));
      }
      if (payment.handed_to_reader === 0 && payment.integration === 'terminal_js') {
        await writeTransaction(this.db, (trx) => cq.setHandedToReader(trx, paymentId, this.clock.now()));
      } else if (payment.handed_to_reader === 0) {
        const id = intentId;
        try {
          await gateway.processPaymentIntent(payment.reader_id, id, `${payment.idempotency_base}-process`);
        } catch (error) {
          // The reader did not answer: it may or may not have the action; `resolve` reads the reader to know.
          if (!(error instanceof GatewayError && error.code === 'terminal_reader_timeout')) throw error;
        }
        await writeTransaction(this.db, (trx) => cq.setHandedToReader(trx, paymentId, this.clock.now()));
        if (payment.training) await gateway.presentTestCard(payment.reader_id).catch(() => undefined);
      }
    } catch (error) {
      if (!(error instanceof GatewayError) || error.kind === 'network') {
        // Outcome unknown: the payment stays processing and the poller asks Stripe again (same keys).
        return null;
      }
      // Stripe refused (reader offline or busy, bad request): nothing was taken.
      if (intentId) await gateway.cancelPaymentIntent(intentId).catch(() => undefined);
      await this.finish(paymentId, 'failed', error.code);
      return null;
    }
    return clientSecret;
  }

  // ---- resolution -------------------------------------------------------------------------------------

  /** Asks Stripe how a processing payment stands and settles it if it is over. Safe to call any time. */
  resolve(paymentId: number): Promise<void> {
    return this.exclusive(paymentId, () => this.resolveNow(paymentId));
  }

  private async resolveNow(paymentId: number): Promise<void> {
    const gateway = this.gateway;
    if (!gateway) return;
    let payment = await cq.findCardPayment(this.db, paymentId);
    if (!payment || payment.status !== 'processing') return;
    const age = this.clock.now() - payment.created_at;
    if (!payment.payment_intent_id || payment.handed_to_reader === 0) {
      await this.handOver(paymentId);
      payment = await cq.findCardPayment(this.db, paymentId);
      if (!payment || payment.status !== 'processing') return;
      if (!payment.payment_intent_id) {
        // Stripe unreachable since the start: give up after the reader timeout (an orphan PaymentIntent,
        // if one was made, is cancelled by the sweep).
        if (age > this.readerTimeoutMs) await this.finish(paymentId, 'failed', 'stripe_unreachable');
        return;
      }
    }
    const intentId = payment.payment_intent_id;
    let intent: Intent;
    try {
      intent = await gateway.retrievePaymentIntent(intentId);
    } catch {
      return; // unknown: ask again next time
    }
    switch (intent.status) {
      case 'succeeded':
        await this.settleSucceeded(paymentId);
        return;
      case 'requires_capture': {
        const booking = await this.deps.booking.bookingForPayment(this.db, payment.booking_id, STRIPE_ACTOR);
        if (booking.status !== 'pending_payment') {
          // The booking was cancelled meanwhile: do not take the money.
          await gateway.cancelPaymentIntent(intentId).catch(() => undefined);
          await this.finish(paymentId, 'cancelled', 'booking_not_payable');
          return;
        }
        try {
          const captured = await gateway.capturePaymentIntent(intentId, `${payment.idempotency_base}-capture`);
          if (captured.status === 'succeeded') await this.settleSucceeded(paymentId);
        } catch {
          // unknown or refused: the next look at the PaymentIntent decides
        }
        return;
      }
      case 'canceled':
        await this.finish(paymentId, 'cancelled', payment.failure_code ?? 'canceled');
        return;
      case 'requires_payment_method': {
        if (payment.integration === 'terminal_js') {
          // No reader action to read: the counter's SDK collects the card. A decline is on the PaymentIntent.
          if (intent.lastErrorCode) {
            await gateway.cancelPaymentIntent(intentId).catch(() => undefined);
            await this.finish(paymentId, 'failed', intent.lastErrorCode);
          } else if (age > this.readerTimeoutMs) {
            await this.abandon(paymentId, intentId, payment, 'timed_out');
          }
          return;
        }
        let action;
        try {
          action = (await gateway.retrieveReader(payment.reader_id)).action;
        } catch (error) {
          if (error instanceof GatewayError && error.kind === 'rejected') action = null;
          else return;
        }
        const ours = action?.paymentIntentId === intentId ? action : null;
        if (ours?.status === 'in_progress') {
          if (age > this.readerTimeoutMs) await this.abandon(paymentId, intentId, payment, 'timed_out');
          return;
        }
        if (ours?.status === 'failed') {
          const code = ours.failureCode ?? intent.lastErrorCode ?? 'declined';
          await gateway.cancelPaymentIntent(intentId).catch(() => undefined);
          await this.finish(paymentId, CANCELLED_ON_READER.has(code) ? 'cancelled' : 'failed', code);
          return;
        }
        // The reader does not have our action (it never received it, or moved on): nothing was taken.
        await gateway.cancelPaymentIntent(intentId).catch(() => undefined);
        await this.finish(paymentId, 'failed', intent.lastErrorCode ?? 'reader_timeout');
        return;
      }
      default:
        // requires_confirmation, requires_action, processing: still under way
        if (age > this.readerTimeoutMs && intent.status !== 'processing')
          await this.abandon(paymentId, intentId, payment, 'timed_out');
    }
  }

  /** Stops a payment on the reader and at Stripe; settles it unless the money was taken meanwhile. */
  private async abandon(
    paymentId: number,
    intentId: string,
    payment: Pick<cq.CardPaymentRow, 'reader_id' | 'integration'>,
    code: string,
  ): Promise<void> {
    const gateway = this.gateway!;
    // A Terminal JS reader has no server-driven action; the counter cancels its collection itself.
    if (payment.integration !== 'terminal_js')
      await gateway.cancelReaderAction(payment.reader_id).catch(() => undefined);
    try {
      await gateway.cancelPaymentIntent(intentId);
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'rejected') {
        // Already succeeded, or already cancelled: the PaymentIntent says which.
        const intent = await gateway.retrievePaymentIntent(intentId).catch(() => null);
        if (intent?.status === 'succeeded') return this.settleSucceeded(paymentId);
        if (intent?.status === 'requires_capture') return; // tapped just now; the next resolve captures
        if (intent?.status !== 'canceled') return;
      } else {
        throw new DomainError('unavailable', 'Stripe could not be reached: try again.');
      }
    }
    await this.finish(paymentId, code === 'timed_out' ? 'failed' : 'cancelled', code);
  }

  /** In one write transaction: the payment succeeded and the booking takes the money (confirmed once). */
  private async settleSucceeded(paymentId: number): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const payment = await cq.findCardPayment(trx, paymentId);
      if (!payment || payment.status !== 'processing') return; // seen twice: settled already
      const booking = await this.deps.booking.bookingForPayment(trx, payment.booking_id, STRIPE_ACTOR);
      await cq.settlePayment(trx, paymentId, 'succeeded', null, now);
      await recordAudit(trx, now, {
        actor: STRIPE_ACTOR,
        action: 'payment.succeeded',
        entity: 'booking',
        entityId: booking.id,
        data: { paymentId, method: 'card_present', amount: payment.amount, paymentIntent: payment.payment_intent_id },
      });
      if (booking.status !== 'pending_payment') {
        // Money without a booking (cancelled while the customer tapped): it goes straight back to the card.
        const row = (await q.findPayment(trx, paymentId))!;
        await q.refundPayment(trx, row, payment.amount, now);
        const refundId = await q.insertRefund(trx, {
          payment_id: paymentId,
          booking_id: booking.id,
          amount: payment.amount,
          method: 'card_present',
          shift_id: null,
          created_by: actorRef(STRIPE_ACTOR),
          created_at: now,
        });
        await this.queueRefund(trx, paymentId, refundId, payment.amount, now);
        return;
      }
      const paid = booking.amount_paid + payment.amount;
      await this.deps.booking.recordPaid(trx, booking.id, paid, now);
      if (paid - booking.amount_refunded >= booking.total)
        await this.deps.booking.confirm(trx, booking.id, STRIPE_ACTOR, now);
    });
  }

  /** Settles a processing payment as failed or cancelled; the booking is payable again. */
  private async finish(paymentId: number, status: 'failed' | 'cancelled', code: string | null): Promise<void> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const payment = await cq.findCardPayment(trx, paymentId);
      if (!payment || payment.status !== 'processing') return;
      await cq.settlePayment(trx, paymentId, status, code, now);
      const booking = await this.deps.booking.bookingForPayment(trx, payment.booking_id, STRIPE_ACTOR);
      const stillInFlight = await q.amountInFlight(trx, booking.id);
      if (stillInFlight === 0 && booking.amount_paid - booking.amount_refunded === 0) {
        await this.deps.seating.setPaymentInFlight(trx, booking.hold_id, false);
        if (booking.status === 'pending_payment' && !(await this.deps.seating.holdIsLive(trx, booking.hold_id, now)))
          await this.deps.seating.setPaymentInFlight(trx, booking.hold_id, false, now + RETRY_GRACE_MS);
      }
      await recordAudit(trx, now, {
        actor: STRIPE_ACTOR,
        action: `payment.${status}`,
        entity: 'booking',
        entityId: booking.id,
        data: { paymentId, method: 'card_present', amount: payment.amount, code },
      });
    });
  }

  /** Cancels a card payment still waiting on the reader. */
  async cancel(paymentId: number): Promise<void> {
    this.requireGateway();
    await this.exclusive(paymentId, async () => {
      const payment = await cq.findCardPayment(this.db, paymentId);
      if (!payment || payment.status !== 'processing')
        throw new DomainError('conflict', 'Only a card payment still waiting on the reader can be cancelled.', {
          status: payment?.status ?? null,
        });
      if (!payment.payment_intent_id) {
        await this.finish(paymentId, 'cancelled', 'canceled_by_staff');
        return;
      }
      await this.abandon(paymentId, payment.payment_intent_id, payment, 'canceled_by_staff');
      if ((await cq.findCardPayment(this.db, paymentId))?.status === 'processing') await this.resolveNow(paymentId);
      if ((await cq.findCardPayment(this.db, paymentId))?.status === 'succeeded')
        throw new DomainError('conflict', 'The card payment has already gone through.', { status: 'succeeded' });
    });
  }

  // ---- background work ---------------------------------------------------------------------------------

  /**
   * One round of the poller: resolve every processing card payment, send card refunds waiting to go,
   * and now and then cancel PaymentIntents of ours that no payment in flight owns. Rounds never overlap.
   */
  tick(options: { sweepOrphans?: boolean } = {}): Promise<void> {
    if (!this.gateway) return Promise.resolve();
    this.ticking ??= this.round(options).finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /** Resolves once the current round (if any) is over (before closing the database). */
  async idle(): Promise<void> {
    await this.ticking?.catch(() => undefined);
  }

  private async round(options: { sweepOrphans?: boolean }): Promise<void> {
    for (const id of await cq.processingCardPayments(this.db)) await this.resolve(id);
    await this.sendRefunds();
    const now = this.clock.now();
    if (options.sweepOrphans || now - this.lastOrphanSweep >= this.orphanSweepEveryMs) {
      this.lastOrphanSweep = now;
      await this.sweepOrphans();
    }
  }

  private async sweepOrphans(): Promise<void> {
    const gateway = this.gateway!;
    let intents: Intent[];
    try {
      intents = await gateway.listOpenPaymentIntents(Math.floor(this.clock.now() / 1000) - 86_400);
    } catch {
      return;
    }
    for (const intent of intents) {
      const key = intent.metadata.marquee_key;
      if (!key) continue; // not ours
      const payment = await cq.cardPaymentByBase(this.db, key);
      const owned =
        payment?.status === 'processing' &&
        (payment.payment_intent_id === null || payment.payment_intent_id === intent.id);
      if (owned) continue;
      await gateway.cancelPaymentIntent(intent.id).catch(() => undefined);
    }
  }

  /** Inside the cancelling transaction: a card refund to send to Stripe once committed. */
  async queueRefund(trx: Db, paymentId: number, refundId: number, amount: number, at: number): Promise<void> {
    this.requireGateway();
    const payment = await cq.findCardPayment(trx, paymentId);
    if (!payment?.payment_intent_id) throw new Error(`card payment ${paymentId} has no PaymentIntent`);
    await cq.insertCardRefund(trx, {
      refund_id: refundId,
      payment_id: paymentId,
      payment_intent_id: payment.payment_intent_id,
      amount,
      at,
    });
  }

  /** Sends waiting card refunds to Stripe (idempotency key derived from our refund). */
  async sendRefunds(): Promise<void> {
    const gateway = this.gateway;
    if (!gateway) return;
    for (const refund of await cq.pendingCardRefunds(this.db)) {
      try {
        const sent = await gateway.createRefund(
          {
            paymentIntentId: refund.payment_intent_id,
            amount: refund.amount,
            metadata: { marquee_refund_id: String(refund.refund_id) },
          },
          `marquee-refund-${refund.refund_id}-${refund.created_at}`,
        );
        const failed = sent.status === 'failed' || sent.status === 'canceled';
        await writeTransaction(this.db, (trx) =>
          cq.finishCardRefund(trx, refund.refund_id, {
            status: failed ? 'failed' : 'succeeded',
            stripeRefundId: sent.id,
            failureCode: failed ? sent.status : null,
            at: this.clock.now(),
          }),
        );
      } catch (error) {
        if (!(error instanceof GatewayError) || error.kind === 'network') continue; // try again next round
        console.error(`marquee: Stripe refused refund ${refund.refund_id}: ${error.code}`);
        await writeTransaction(this.db, (trx) =>
          cq.finishCardRefund(trx, refund.refund_id, {
            status: 'failed',
            stripeRefundId: null,
            failureCode: error.code,
            at: this.clock.now(),
          }),
        );
      }
    }
  }

  // ---- webhooks -------------------------------------------------------------------------------------

  /** A Stripe webhook: verified, recorded by event id (duplicates are no-ops), then the payment is resolved. */
  async webhook(payload: string, signature: string): Promise<{ received: boolean; duplicate: boolean }> {
    const gateway = this.requireGateway();
    if (!gateway.webhookConfigured) throw new DomainError('payments_not_configured', 'No webhook secret is set.');
    let event;
    try {
      event = gateway.verifyWebhook(payload, signature, this.clock.now(), this.toleranceSeconds);
    } catch (error) {
      throw new DomainError('invalid_signature', error instanceof Error ? error.message : undefined);
    }
    const now = this.clock.now();
    const fresh = await writeTransaction(this.db, (trx) =>
      cq.recordEvent(trx, {
        id: event.id,
        type: event.type,
        payment_intent_id: event.paymentIntentId,
        received_at: now,
      }),
    );
    if (!fresh) return { received: true, duplicate: true };
    if (event.paymentIntentId) {
      const payment = await cq.cardPaymentByIntent(this.db, event.paymentIntentId);
      if (payment) await this.resolve(payment.payment_id);
    }
    return { received: true, duplicate: false };
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  /** Extra fields for a payment's output. */
  async details(paymentIds: number[]): Promise<Map<number, { failureCode: string | null; readerId: string }>> {
    const rows = await cq.cardFailures(this.db, paymentIds);
    return new Map(rows.map((row) => [row.payment_id, { failureCode: row.failure_code, readerId: row.reader_id }]));
  }

  amountInFlight(trx: Db, bookingId: number): Promise<number> {
    return q.amountInFlight(trx, bookingId);
  }

  /** One resolution at a time per payment (poller, webhook, cancel and the request that started it). */
  private exclusive<T>(paymentId: number, run: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(paymentId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.locks.set(paymentId, settled);
    void settled.then(() => {
      if (this.locks.get(paymentId) === settled) this.locks.delete(paymentId);
    });
    return next;
  }

  private async stripe<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'rejected')
        throw new DomainError('validation_failed', `Stripe refused: ${error.message}`, {
          fields: [{ path: 'registrationCode', message: error.message }],
          stripeCode: error.code,
        });
      throw new DomainError('unavailable', 'Stripe could not be reached: try again.');
    }
  }
}

function toReader(row: cq.ReaderRow, status: ReaderOut['status']): ReaderOut {
  return {
    id: row.id,
    label: row.label,
    theaterId: row.theater_id,
    status,
    deviceType: row.device_type,
    simulated: row.simulated === 1,
    integration: row.integration as ReaderOut['integration'],
    assignment: row.assigned_to as ReaderOut['assignment'],
    deviceId: row.device_id,
    location: row.location,
  };
}
