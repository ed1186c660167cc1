/**
 * Tickets and entry. Every ticket of a confirmed booking gets a code signed with the installation's
 * Ed25519 key (issued inside the booking's confirming transaction); the door verifies the signature
 * first (no database needed), then admits with a conditional UPDATE that changes exactly one row, so a
 * ticket is admitted once however many scanners race for it. Every scan is logged with the scanner's
 * nonce: a retried upload is answered from the log and never counts twice. Refunded and cancelled
 * tickets keep their code but are refused at the door (their status is the booking module's).
 */
import { DomainError, validationError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import type { CheckinResult } from '../../shared/contract/tickets';
import { formatMoney } from '../../shared/domain/money';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, type BookingService } from '../booking/index';
import type { CatalogService } from '../catalog/index';
import { actorRef, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { writeTransaction, type Db } from '../db/index';
import type { PricingService } from '../pricing/index';
import type { SchedulingService } from '../scheduling/index';
import type { TheatersService } from '../theaters/index';
import { KeyRing } from './key-ring';
import {
  newKeyPair,
  normalizeCode,
  signTicketCode,
  signTicketCodeAsync,
  verifyTicketCode,
  type TicketClaims,
} from './ticket-code';
import { qrModules, renderHtml, type LayoutModel, type TicketFormat } from './ticket-layout';
import { renderPdf } from './ticket-pdf';
import * as q from './tickets.queries';

type Checkin = OutputOf<'checkins.create'>;
const MINUTE = 60_000;
/** Codes signed ahead and not yet issued (a booking left unpaid leaves one behind): the oldest go first. */
const MAX_PRESIGNED = 4096;

export interface TicketsOptions {
  /** How long before the start the door opens; default: each theater's `doorOpensMinutes` (30 unless set). */
  admissionOpensMinutes?: number;
}

interface ShowInfo {
  showtimeId: number;
  film: string;
  certificate: string | null;
  screen: string;
  screenId: number;
  theaterId: number;
  startsAt: number;
  endsAt: number;
  cancelled: boolean;
  timeZone: string;
  currency: string;
  /** Ticket type code → its name on this theater's price list. */
  typeNames: Map<string, string>;
  /** Admission opens this many minutes before the start (the theater's setting, read fresh). */
  opensMinutes: number;
}

function storedKey(pair: { publicKey: string; privateKey: string }, at: number) {
  return { public_key: pair.publicKey, private_key: pair.privateKey, created_at: at };
}

/** Who scanned, as the door screen shows it ("Door 2", "cashier anna"). */
function deviceName(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind === 'user') return actor.username;
  return actor.name;
}

export class TicketsService {
  private readonly keys = new KeyRing();
  private readonly opensMinutes: number | null;
  private readonly showCache = new Map<number, { info: ShowInfo; until: number }>();
  private readonly presigned = new Map<number, { showtimeId: number; seatId: number; keyId: number; code: string }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: {
      booking: BookingService;
      scheduling: SchedulingService;
      theaters: TheatersService;
      catalog: CatalogService;
      pricing: PricingService;
    },
    options: TicketsOptions = {},
  ) {
    this.opensMinutes = options.admissionOpensMinutes ?? null;
  }

  /** Makes sure a signing key exists (the first start of an installation creates one). */
  async init(): Promise<void> {
    await writeTransaction(this.db, async (trx) => {
      const keys = await q.allKeys(trx);
      if (!keys.some((key) => key.retired_at === null)) {
        await q.insertKey(trx, storedKey(newKeyPair(), this.clock.now()));
      }
    });
    await this.keys.load(this.db);
  }

  // ---- issuing (the booking module calls this inside its confirming transaction) ------------------

  async issue(
    trx: Db,
    tickets: { id: number; showtimeId: number; seatId: number }[],
    now: number,
  ): Promise<{ id: number; code: string }[]> {
    const key = this.keys.signing;
    if (!key) throw new Error('No ticket signing key: TicketsService.init() was not run.');
    const ends = new Map<number, number>();
    const rows = [];
    for (const ticket of tickets) {
      if (!ends.has(ticket.showtimeId)) {
        const showtime = await this.deps.scheduling.showtimeForSale(ticket.showtimeId, trx);
        ends.set(ticket.showtimeId, showtime?.endsAt ?? now);
      }
      const code =
        this.takePresigned(ticket, key.id) ??
        signTicketCode({ ticketId: ticket.id, showtimeId: ticket.showtimeId, seatId: ticket.seatId }, key);
      rows.push({
        ticket_id: ticket.id,
        showtime_id: ticket.showtimeId,
        seat_id: ticket.seatId,
        key_id: key.id,
        code,
        issued_at: now,
        show_ends_at: ends.get(ticket.showtimeId)!,
      });
    }
    await q.insertCodes(trx, rows);
    return rows.map((row) => ({ id: row.ticket_id, code: row.code }));
  }

  /**
   * Signs the codes of a new booking's tickets ahead of its payment, on the thread pool, so the paying
   * transaction finds them ready instead of signing on the server's one thread. Only a speed-up: a code
   * not ready (or signed with a key since rotated) is signed at issue as before, and the two are the same.
   */
  presign(tickets: { id: number; showtimeId: number; seatId: number }[]): void {
    const key = this.keys.signing;
    if (!key) return;
    for (const ticket of tickets) {
      signTicketCodeAsync({ ticketId: ticket.id, showtimeId: ticket.showtimeId, seatId: ticket.seatId }, key).then(
        (code) => {
          if (this.presigned.size >= MAX_PRESIGNED) this.presigned.delete(this.presigned.keys().next().value as number);
          this.presigned.set(ticket.id, { showtimeId: ticket.showtimeId, seatId: ticket.seatId, keyId: key.id, code });
        },
        () => undefined, // signed at issue instead
      );
    }
  }

  private takePresigned(ticket: { id: number; showtimeId: number; seatId: number }, keyId: number): string | null {
    const ready = this.presigned.get(ticket.id);
    if (!ready) return null;
    this.presigned.delete(ticket.id);
    const same = ready.keyId === keyId && ready.showtimeId === ticket.showtimeId && ready.seatId === ticket.seatId;
    return same ? ready.code : null;
  }

  // ---- keys -----------------------------------------------------------------------------------------

  listKeys(): Promise<OutputOf<'ticketKeys.list'>> {
    const now = this.clock.now();
    return Promise.resolve({
      items: this.keys.published(now).map((key) => ({
        keyId: key.keyId,
        algorithm: 'Ed25519' as const,
        publicKey: key.publicKey,
        active: key.active,
        validUntil: key.validUntil === null ? null : toOffsetIso(key.validUntil, 'UTC'),
      })),
    });
  }

  /** New codes are signed with a new key; the old one verifies until the last show it signed for ends. */
  async rotateKey(ctx: CallContext): Promise<OutputOf<'ticketKeys.rotate'>> {
    const now = this.clock.now();
    const result = await writeTransaction(this.db, async (trx) => {
      const current = (await q.allKeys(trx)).find((key) => key.retired_at === null);
      if (!current) throw new DomainError('conflict', 'There is no signing key to rotate.');
      const validUntil = Math.max(now, (await q.lastShowEndOfKey(trx, current.id)) ?? now);
      await q.retireKey(trx, current.id, now, validUntil);
      const keyId = await q.insertKey(trx, storedKey(newKeyPair(), now));
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'ticketKey.rotate',
        entity: 'ticket_key',
        entityId: keyId,
        data: { retired: current.id, validUntil },
      });
      return { keyId, retiredKeyId: current.id, retiredValidUntil: toOffsetIso(validUntil, 'UTC') };
    });
    await this.keys.load(this.db);
    return result;
  }

  /** Verification alone (the same an offline scanner does with the published keys). */
  verify(code: string): TicketClaims | null {
    return verifyTicketCode(code, this.keys.verifying(this.clock.now()));
  }

  // ---- check-in -------------------------------------------------------------------------------------

  async checkin(input: ParsedInputOf<'checkins.create'>, ctx: CallContext): Promise<Checkin> {
    const now = this.clock.now();
    const credential = actorRef(ctx.actor);
    const device = deviceName(ctx.actor);
    if (input.nonce !== undefined) {
      const earlier = await q.findScanByNonce(this.db, credential, input.nonce);
      if (earlier) return JSON.parse(earlier.response) as Checkin;
    }
    const claims = verifyTicketCode(input.code, this.keys.verifying(now));
    const show = claims ? await this.showInfo(claims.showtimeId, now) : null;
    const seat = claims && show ? await this.seatLabel(show.screenId, claims.seatId) : null;

    return writeTransaction(this.db, async (trx) => {
      if (input.nonce !== undefined) {
        const earlier = await q.findScanByNonce(trx, credential, input.nonce);
        if (earlier) return JSON.parse(earlier.response) as Checkin;
      }
      const scanId = await q.insertScan(trx, {
        credential,
        device,
        nonce: input.nonce ?? null,
        at: now,
        ticket_id: claims?.ticketId ?? null,
        showtime_id: claims?.showtimeId ?? null,
        result: 'pending',
        response: '{}',
      });
      const answer = await this.decide(trx, { input, claims, show, seat, now, device, scanId });
      await q.setScanOutcome(trx, scanId, answer.result, JSON.stringify(answer));
      return answer;
    });
  }

  private async decide(
    trx: Db,
    a: {
      input: ParsedInputOf<'checkins.create'>;
      claims: TicketClaims | null;
      show: ShowInfo | null;
      seat: string | null;
      now: number;
      device: string;
      scanId: number;
    },
  ): Promise<Checkin> {
    const { claims, show, now } = a;
    const base: Checkin = {
      result: 'invalid',
      message: 'Not a ticket of this cinema: forged, damaged or from somewhere else.',
      scannedAt: toOffsetIso(now, show?.timeZone ?? 'UTC'),
      ticketId: null,
      bookingReference: null,
      showtimeId: null,
      film: null,
      startsAt: null,
      screen: null,
      seat: null,
      ticketType: null,
      admittedAt: null,
      admittedBy: null,
      opensAt: null,
    };
    if (!claims || !show) return base;
    const ticket = await this.deps.booking.ticketForEntry(trx, claims.ticketId);
    const issued = await q.findCode(trx, claims.ticketId);
    if (
      !ticket ||
      !issued ||
      issued.code !== normalizeCode(a.input.code) ||
      ticket.showtime_id !== claims.showtimeId ||
      ticket.seat_id !== claims.seatId
    ) {
      return base;
    }
    const zone = show.timeZone;
    const at = (ms: number) => toOffsetIso(ms, zone);
    const clock = (ms: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(ms);
    const day = (ms: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' }).format(ms);
    const known: Checkin = {
      ...base,
      ticketId: ticket.id,
      bookingReference: ticket.reference,
      showtimeId: show.showtimeId,
      film: show.film,
      startsAt: at(show.startsAt),
      screen: show.screen,
      seat: a.seat,
      ticketType: show.typeNames.get(ticket.ticket_type) ?? ticket.ticket_type,
    };
    const answer = (result: CheckinResult, message: string, extra: Partial<Checkin> = {}): Checkin => ({
      ...known,
      result,
      message,
      ...extra,
    });

    if (ticket.status !== 'valid') {
      const why = ticket.status === 'refunded' ? 'refunded' : ticket.status === 'expired' ? 'never paid' : 'cancelled';
      return answer('cancelled', `This ticket was ${why}: do not admit.`);
    }
    if (show.cancelled) return answer('cancelled', 'This show was cancelled.');
    if (a.input.showtimeId !== undefined && a.input.showtimeId !== show.showtimeId) {
      return answer(
        'wrong_showtime',
        `Wrong show: this ticket is for ${show.film}, ${day(show.startsAt)} ${clock(show.startsAt)}, ${show.screen}.`,
      );
    }
    if (now > show.endsAt) {
      return answer('wrong_showtime', `This show has ended (${day(show.startsAt)} ${clock(show.startsAt)}).`);
    }
    const opensAt = show.startsAt - show.opensMinutes * MINUTE;
    if (now < opensAt) {
      return answer(
        'too_early',
        `Too early: admission opens at ${clock(opensAt)}${day(opensAt) === day(now) ? '' : ` on ${day(opensAt)}`}.`,
        { opensAt: at(opensAt) },
      );
    }
    if (await q.admit(trx, ticket.id, now, a.device, a.scanId)) {
      return answer('admitted', `Valid ticket for ${show.screen}, ${clock(show.startsAt)}.`, {
        admittedAt: at(now),
        admittedBy: a.device,
      });
    }
    const first = await q.findCode(trx, ticket.id);
    const when = first?.admitted_at ?? now;
    return answer('already_used', `Already used at ${clock(when)} (${first?.admitted_by ?? 'unknown'}).`, {
      admittedAt: at(when),
      admittedBy: first?.admitted_by ?? null,
    });
  }

  async undo(input: ParsedInputOf<'checkins.undo'>, ctx: CallContext): Promise<OutputOf<'checkins.undo'>> {
    const now = this.clock.now();
    const credential = actorRef(ctx.actor);
    return writeTransaction(this.db, async (trx) => {
      const scan = await q.lastAdmission(trx, credential, input.showtimeId);
      if (!scan || scan.ticket_id === null) throw new DomainError('nothing_to_undo');
      await q.markUndone(trx, scan.id, now);
      await q.unadmit(trx, scan.ticket_id, scan.id);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'checkin.undo',
        entity: 'ticket',
        entityId: scan.ticket_id,
        data: { scanId: scan.id },
      });
      const first = JSON.parse(scan.response) as Checkin;
      return {
        undone: {
          ...first,
          message: `Undone: ${first.seat ? `seat ${first.seat}` : 'the ticket'} may be scanned again.`,
        },
      };
    });
  }

  async count(showtimeId: number): Promise<OutputOf<'checkins.count'>> {
    const now = this.clock.now();
    const show = await this.showInfo(showtimeId, now);
    if (!show) throw new DomainError('not_found', 'Showtime not found.');
    const [admitted, sold] = await Promise.all([
      q.countAdmitted(this.db, showtimeId),
      this.deps.booking.soldCount(showtimeId),
    ]);
    return {
      showtimeId,
      film: show.film,
      screen: show.screen,
      startsAt: toOffsetIso(show.startsAt, show.timeZone),
      opensAt: toOffsetIso(show.startsAt - show.opensMinutes * MINUTE, show.timeZone),
      admitted,
      sold,
    };
  }

  // ---- pickup ---------------------------------------------------------------------------------------

  /** A scanned ticket code, or a booking reference typed or scanned, to its booking. */
  async lookup(input: ParsedInputOf<'tickets.lookup'>): Promise<OutputOf<'tickets.lookup'>> {
    const text = normalizeCode(input.code);
    const referencePattern = new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`);
    let found = null;
    if (referencePattern.test(text)) found = await this.deps.booking.getForHolder({ reference: text });
    else {
      const claims = this.verify(text);
      if (!claims) throw validationError([{ path: 'code', message: 'is not a ticket code or booking reference' }]);
      found = await this.deps.booking.getForHolder({ ticketId: claims.ticketId });
    }
    if (!found) throw new DomainError('not_found', 'No booking with that code.');
    return found;
  }

  // ---- layouts, printing, PDF -----------------------------------------------------------------------

  async preview(input: ParsedInputOf<'tickets.preview'>, ctx: CallContext): Promise<OutputOf<'tickets.preview'>> {
    const { model } = await this.layout(input.bookingId, ctx, input.receipt, null);
    return {
      bookingId: input.bookingId,
      reference: model.reference,
      reprint: model.reprint,
      html: renderHtml(model, input.format),
    };
  }

  async print(input: ParsedInputOf<'tickets.print'>, ctx: CallContext): Promise<OutputOf<'tickets.print'>> {
    const { model, printCount } = await this.countedLayout(input.bookingId, ctx, input.receipt);
    return {
      bookingId: input.bookingId,
      reference: model.reference,
      reprint: model.reprint,
      printCount,
      html: renderHtml(model, input.format),
    };
  }

  /** `GET /bookings/{id}/tickets.pdf`: counted like a print. */
  async pdf(
    bookingId: number,
    format: TicketFormat,
    ctx: CallContext,
    options: { compress?: boolean } = {},
  ): Promise<{ reference: string; pdf: Buffer }> {
    const { model } = await this.countedLayout(bookingId, ctx, true);
    return { reference: model.reference, pdf: await renderPdf(model, format, options) };
  }

  private async countedLayout(bookingId: number, ctx: CallContext, receipt: boolean) {
    const { model, ticketIds } = await this.layout(bookingId, ctx, receipt, null);
    const printed = await writeTransaction(this.db, async (trx) => {
      const before = await q.codesOf(trx, ticketIds);
      await q.addPrints(trx, ticketIds);
      return Math.max(0, ...before.map((row) => row.print_count));
    });
    return { model: { ...model, reprint: printed > 0 }, printCount: printed + 1 };
  }

  private async layout(
    bookingId: number,
    ctx: CallContext,
    withReceipt: boolean,
    reprint: boolean | null,
  ): Promise<{ model: LayoutModel; ticketIds: number[] }> {
    const booking = await this.deps.booking.get(bookingId, ctx);
    const live = booking.tickets.filter((t) => t.status === 'valid' && t.code !== null);
    if (live.length === 0) throw new DomainError('tickets_not_issued', undefined, { status: booking.status });
    const now = this.clock.now();
    const show = await this.showInfo(booking.showtimeId, now);
    if (!show) throw new DomainError('not_found', 'Showtime not found.');
    const [theater, prices, seats] = await Promise.all([
      this.deps.theaters.getTheater(booking.theaterId),
      this.deps.pricing.get(booking.theaterId),
      this.deps.theaters.seats(show.screenId),
    ]);
    const seatById = new Map(seats.map((seat) => [seat.id, seat]));
    const typeName = new Map(prices.ticketTypes.map((type) => [type.code, type.name]));
    const money = (amount: number) => formatMoney(amount, booking.currency);
    const zone = show.timeZone;
    const date = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    }).format(show.startsAt);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
      show.startsAt,
    );
    const codes = await q.codesOf(
      this.db,
      live.map((t) => t.id),
    );
    const counted = Math.max(0, ...codes.map((row) => row.print_count));
    const tickets = live.map((t) => {
      const seat = seatById.get(t.seatId);
      return {
        film: show.film,
        certificate: show.certificate,
        date,
        time,
        screen: show.screen,
        row: seat?.row ?? '?',
        seat: String(seat?.number ?? '?'),
        ticketType: typeName.get(t.ticketType) ?? t.ticketType,
        price: money(t.price),
        code: t.code!,
        qr: qrModules(t.code!),
      };
    });
    const total = live.reduce((sum, t) => sum + t.price, 0);
    const vat = live.reduce((sum, t) => sum + t.tax, 0);
    const receipt = withReceipt
      ? {
          issuedAt: new Intl.DateTimeFormat('en-GB', {
            timeZone: zone,
            dateStyle: 'medium',
            timeStyle: 'short',
          }).format(now),
          lines: live.map((t) => {
            const seat = seatById.get(t.seatId);
            return {
              label: `${typeName.get(t.ticketType) ?? t.ticketType} · ${seat ? `${seat.row}${seat.number}` : ''}`,
              amount: money(t.price),
            };
          }),
          total: money(total),
          vatRate: `${(prices.vatRateBasisPoints / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`,
          net: money(total - vat),
          vat: money(vat),
          payments: booking.payments
            .filter((p) => p.status === 'succeeded' || p.status === 'refunded')
            .map((p) => ({ label: `Paid (${p.method.replace('_', ' ')})`, amount: money(p.amount) })),
        }
      : null;
    return {
      model: {
        cinema: theater.name,
        address: theater.address,
        phone: theater.phone,
        vatNumber: theater.vatNumber,
        reference: booking.reference,
        reprint: reprint ?? counted > 0,
        tickets,
        receipt,
      },
      ticketIds: live.map((t) => t.id),
    };
  }

  // ---- helpers --------------------------------------------------------------------------------------

  /** Film, screen and times of a show (cached for a minute: every scan at a busy door asks). */
  private async showInfo(showtimeId: number, now: number): Promise<ShowInfo | null> {
    const info = await this.cachedShowInfo(showtimeId, now);
    if (!info) return null;
    // The theater's door time is read each time (the theaters module caches it and forgets it on an edit).
    const rules = this.opensMinutes === null ? await this.deps.theaters.salesRules(info.theaterId) : null;
    return { ...info, opensMinutes: this.opensMinutes ?? rules?.doorOpensMinutes ?? 30 };
  }

  private async cachedShowInfo(showtimeId: number, now: number): Promise<ShowInfo | null> {
    const cached = this.showCache.get(showtimeId);
    if (cached && cached.until > now) return cached.info;
    const showtime = await this.deps.scheduling.showtimeForSale(showtimeId);
    if (!showtime) return null;
    const [movie, screen, prices] = await Promise.all([
      this.deps.catalog.get(showtime.movieId),
      this.deps.theaters.getScreen(showtime.screenId),
      this.deps.pricing.get(showtime.theaterId),
    ]);
    const info: ShowInfo = {
      showtimeId,
      film: movie.title,
      certificate: movie.certificate,
      screen: screen.name,
      screenId: showtime.screenId,
      theaterId: showtime.theaterId,
      startsAt: showtime.startsAt,
      endsAt: showtime.endsAt,
      cancelled: showtime.status === 'cancelled',
      timeZone: showtime.timeZone,
      currency: showtime.currency,
      typeNames: new Map(prices.ticketTypes.map((type) => [type.code, type.name])),
      opensMinutes: 30,
    };
    if (this.showCache.size > 1000) this.showCache.clear();
    this.showCache.set(showtimeId, { info, until: now + MINUTE });
    return info;
  }

  private async seatLabel(screenId: number, seatId: number): Promise<string | null> {
    const seat = (await this.deps.theaters.seats(screenId)).find((s) => s.id === seatId);
    return seat ? `${seat.row}${seat.number}` : null;
  }
}
