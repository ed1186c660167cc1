/**
 * Theaters (cinema sites) and their screens with seat layouts. A screen's layout is kept as given (for
 * display and editing) and expanded into one row per seat; seats keep their ids across layout edits,
 * matched by row label and number, because bookings refer to seat ids.
 */
import { DomainError } from '../../shared/contract/errors';
import type { KioskOptions, Layout, OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { KIOSK_PAYMENT_METHODS } from '../../shared/contract/theaters';
import { SEAT_TYPES, type SeatType } from '../../shared/domain/seat-types';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { assertManagesTheater } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import * as q from './theaters.queries';

type TheaterOut = OutputOf<'theaters.get'>;
type ScreenOut = OutputOf<'screens.get'>;

/** What the theaters module needs to know from scheduling (wired by the core to avoid a cycle). */
export interface ScreenUsage {
  /** `db` is the caller's transaction when asked from inside one. */
  theaterHasShowtimes(theaterId: number, db?: Db): Promise<boolean>;
  screenHasFutureShowtimes(screenId: number, db?: Db): Promise<boolean>;
}

/** What the theaters module asks seating before a layout edit removes seats (wired by the core). */
export interface SeatSales {
  /** Of these seats of the screen, those sold or held for a showtime that has not ended. */
  seatsWithFutureSales(screenId: number, seatIds: number[], db?: Db): Promise<Set<number>>;
}

export interface SalesRules {
  theaterId: number;
  timeZone: string;
  currency: string;
  cancelCutoffMinutes: number;
  holdMinutes: number;
  kioskHoldMinutes: number;
  /** A cashier's refund above this (minor units) needs a manager's approval; null: never. */
  refundApprovalAbove: number | null;
  /** Admission at the door opens this many minutes before a show. */
  doorOpensMinutes: number;
}

export interface SeatInfo {
  id: number;
  row: string;
  number: number;
  type: SeatType;
  rowIndex: number;
  column: number;
  blocked: boolean;
}

/** What scheduling needs to know about a screen. */
export interface ScreenInfo {
  id: number;
  name: string;
  theaterId: number;
  timeZone: string;
  currency: string;
  trailerMinutes: number;
  cleaningMinutes: number;
  capacity: number;
  sellableSeats: number;
}

export class TheatersService {
  private usage: ScreenUsage | null = null;
  private seatSales: SeatSales | null = null;
  private readonly seatCache = new Map<number, SeatInfo[]>();
  /** Theater rows read on every sale (zone, currency, hold times); dropped when a theater is edited. */
  private readonly theaterCache = new Map<number, q.TheaterRow>();
  private readonly rowCache = new Map<number, { label: string; index: number; length: number; curve?: number }[]>();
  /** Other modules set up what a new theater needs (its price list) in the same transaction. */
  onTheaterCreated: ((trx: Db, theaterId: number, at: number) => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  setUsage(usage: ScreenUsage): void {
    this.usage = usage;
  }

  setSeatSales(seatSales: SeatSales): void {
    this.seatSales = seatSales;
  }

  // ---- theaters -----------------------------------------------------------------------------------

  async listTheaters(): Promise<OutputOf<'theaters.list'>> {
    const rows = await q.listTheaters(this.db);
    const managers = await q.managerIdsOf(
      this.db,
      rows.map((row) => row.id),
    );
    return { items: rows.map((row) => toTheater(row, managers.get(row.id) ?? [])), nextCursor: null };
  }

  async getTheater(id: number): Promise<TheaterOut> {
    const row = await q.findTheater(this.db, id);
    if (!row) throw new DomainError('not_found', 'Theater not found.');
    const managers = await q.managerIdsOf(this.db, [id]);
    return toTheater(row, managers.get(id) ?? []);
  }

  async createTheater(input: ParsedInputOf<'theaters.create'>, ctx: CallContext): Promise<TheaterOut> {
    const now = this.clock.now();
    const id = await writeTransaction(this.db, async (trx) => {
      const theaterId = await q.insertTheater(trx, {
        name: input.name,
        address: input.address || null,
        time_zone: input.timeZone,
        currency: input.currency,
        trailer_minutes: input.trailerMinutes ?? 15,
        cancel_cutoff_minutes: input.cancelCutoffMinutes ?? 30,
        hold_minutes: input.holdMinutes ?? 8,
        kiosk_hold_minutes: input.kioskHoldMinutes ?? 5,
        refund_approval_above: input.refundApprovalAbove ?? null,
        phone: input.phone || null,
        vat_number: input.vatNumber || null,
        door_opens_minutes: input.doorOpensMinutes ?? 30,
        cleaning_minutes: input.cleaningMinutes ?? 15,
        kiosk_idle_seconds: 45,
        kiosk_large_text: 0,
        kiosk_payment_methods: JSON.stringify(KIOSK_PAYMENT_METHODS),
        created_at: now,
      });
      await this.onTheaterCreated?.(trx, theaterId, now);
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'theater.create',
        entity: 'theater',
        entityId: theaterId,
        data: input,
      });
      return theaterId;
    });
    return this.getTheater(id);
  }

  async updateTheater(input: ParsedInputOf<'theaters.update'>, ctx: CallContext): Promise<TheaterOut> {
    assertManagesTheater(ctx.actor, input.theaterId);
    const now = this.clock.now();
    this.theaterCache.delete(input.theaterId);
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findTheater(trx, input.theaterId);
      if (!row) throw new DomainError('not_found', 'Theater not found.');
      const zoneOrCurrencyChanges =
        (input.timeZone !== undefined && input.timeZone !== row.time_zone) ||
        (input.currency !== undefined && input.currency !== row.currency);
      if (zoneOrCurrencyChanges && (await this.requireUsage().theaterHasShowtimes(row.id, trx))) {
        throw new DomainError('conflict', 'Time zone and currency cannot change once showtimes are scheduled.');
      }
      await q.updateTheater(trx, row.id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.address !== undefined && { address: input.address || null }),
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.currency !== undefined && { currency: input.currency }),
        ...(input.trailerMinutes !== undefined && { trailer_minutes: input.trailerMinutes }),
        ...(input.cancelCutoffMinutes !== undefined && { cancel_cutoff_minutes: input.cancelCutoffMinutes }),
        ...(input.holdMinutes !== undefined && { hold_minutes: input.holdMinutes }),
        ...(input.kioskHoldMinutes !== undefined && { kiosk_hold_minutes: input.kioskHoldMinutes }),
        ...(input.refundApprovalAbove !== undefined && { refund_approval_above: input.refundApprovalAbove }),
        ...(input.phone !== undefined && { phone: input.phone || null }),
        ...(input.vatNumber !== undefined && { vat_number: input.vatNumber || null }),
        ...(input.doorOpensMinutes !== undefined && { door_opens_minutes: input.doorOpensMinutes }),
        ...(input.cleaningMinutes !== undefined && { cleaning_minutes: input.cleaningMinutes }),
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'theater.update',
        entity: 'theater',
        entityId: row.id,
        data: input,
      });
    });
    this.theaterCache.delete(input.theaterId); // again after the commit, as for seats
    return this.getTheater(input.theaterId);
  }

  /** The theater's kiosk options (admins only, by the contract). */
  async setKioskOptions(input: ParsedInputOf<'theaters.setKioskOptions'>, ctx: CallContext): Promise<TheaterOut> {
    const now = this.clock.now();
    this.theaterCache.delete(input.theaterId);
    await writeTransaction(this.db, async (trx) => {
      const row = await q.findTheater(trx, input.theaterId);
      if (!row) throw new DomainError('not_found', 'Theater not found.');
      const before = kioskOf(row);
      const methods = KIOSK_PAYMENT_METHODS.filter((method) => input.paymentMethods.includes(method));
      await q.updateTheater(trx, row.id, {
        kiosk_idle_seconds: input.idleSeconds,
        kiosk_hold_minutes: input.holdMinutes,
        kiosk_large_text: input.largeText ? 1 : 0,
        kiosk_payment_methods: JSON.stringify(methods),
      });
      const { theaterId: _theaterId, ...after } = input;
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'theater.kiosk',
        entity: 'theater',
        entityId: row.id,
        data: { before, after: { ...after, paymentMethods: methods } },
      });
    });
    this.theaterCache.delete(input.theaterId);
    return this.getTheater(input.theaterId);
  }

  // ---- screens ------------------------------------------------------------------------------------

  async listScreens(theaterId: number): Promise<OutputOf<'screens.list'>> {
    if (!(await q.findTheater(this.db, theaterId))) throw new DomainError('not_found', 'Theater not found.');
    const rows = await q.listScreens(this.db, theaterId);
    return { items: rows.map(toScreen), nextCursor: null };
  }

  async getScreen(id: number): Promise<ScreenOut> {
    const row = await q.findScreen(this.db, id);
    if (!row) throw new DomainError('not_found', 'Screen not found.');
    return toScreen(row);
  }

  async createScreen(input: ParsedInputOf<'screens.create'>, ctx: CallContext): Promise<ScreenOut> {
    assertManagesTheater(ctx.actor, input.theaterId);
    const now = this.clock.now();
    const seats = expandLayout(input.layout);
    try {
      const id = await writeTransaction(this.db, async (trx) => {
        const theater = await q.findTheater(trx, input.theaterId);
        if (!theater) throw new DomainError('not_found', 'Theater not found.');
        const screenId = await q.insertScreen(trx, {
          theater_id: input.theaterId,
          name: input.name,
          cleaning_minutes: input.cleaningMinutes ?? theater.cleaning_minutes,
          layout: JSON.stringify(input.layout),
          capacity: seats.length,
          created_at: now,
        });
        await q.insertSeats(trx, screenId, seats);
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'screen.create',
          entity: 'screen',
          entityId: screenId,
          data: { name: input.name, capacity: seats.length },
        });
        return screenId;
      });
      return this.getScreen(id);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('conflict', `The theater already has a screen named "${input.name}".`);
      throw error;
    }
  }

  async updateScreen(input: ParsedInputOf<'screens.update'>, ctx: CallContext): Promise<ScreenOut> {
    const now = this.clock.now();
    try {
      await writeTransaction(this.db, async (trx) => {
        const row = await q.findScreen(trx, input.screenId);
        if (!row) throw new DomainError('not_found', 'Screen not found.');
        assertManagesTheater(ctx.actor, row.theater_id, 'Screen');
        let capacity = row.capacity;
        this.seatCache.delete(row.id);
        this.rowCache.delete(row.id);
        if (input.layout) capacity = await this.replaceLayout(trx, row.id, input.layout);
        await q.updateScreen(trx, row.id, {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.cleaningMinutes !== undefined && { cleaning_minutes: input.cleaningMinutes }),
          ...(input.layout !== undefined && { layout: JSON.stringify(input.layout), capacity }),
        });
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'screen.update',
          entity: 'screen',
          entityId: row.id,
          data: {
            name: input.name,
            cleaningMinutes: input.cleaningMinutes,
            capacity: input.layout ? capacity : undefined,
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('conflict', `The theater already has a screen named "${input.name ?? ''}".`);
      throw error;
    } finally {
      // Again after the commit: a read that began before the edit must not leave the old seats cached.
      this.seatCache.delete(input.screenId);
      this.rowCache.delete(input.screenId);
    }
    return this.getScreen(input.screenId);
  }

  /**
   * Seats keep their ids by row and number. A seat sold (or being bought) for a showtime that has not
   * ended cannot be removed: the edit is refused naming those seats. Other seats may go; the seat maps
   * of future showtimes simply no longer show them.
   */
  private async replaceLayout(trx: Db, screenId: number, layout: Layout): Promise<number> {
    const wanted = expandLayout(layout);
    const existing = await q.seatsOf(trx, screenId);
    const byKey = new Map(existing.map((seat) => [`${seat.row_label}/${seat.number}`, seat]));
    const keep = new Set<string>();
    const added: q.SeatValues[] = [];
    for (const seat of wanted) {
      const key = `${seat.row_label}/${seat.number}`;
      keep.add(key);
      const current = byKey.get(key);
      if (current) await q.updateSeat(trx, current.id, { ...seat, active: 1 });
      else added.push(seat);
    }
    const removed = existing.filter((seat) => seat.active === 1 && !keep.has(`${seat.row_label}/${seat.number}`));
    if (removed.length > 0) {
      if (!this.seatSales) throw new Error('TheatersService used before the core wired its seat sales check');
      const sold = await this.seatSales.seatsWithFutureSales(
        screenId,
        removed.map((seat) => seat.id),
        trx,
      );
      if (sold.size > 0) {
        const names = removed.filter((seat) => sold.has(seat.id)).map((seat) => `${seat.row_label}${seat.number}`);
        const shown =
          names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
        const one = names.length === 1;
        throw new DomainError(
          'seats_have_sales',
          one
            ? `Seat ${shown} has a ticket sold or being bought for a future showtime and cannot be removed. Block it instead, or move that ticket first.`
            : `Seats ${shown} have tickets sold or being bought for future showtimes and cannot be removed. Block them instead, or move those tickets first.`,
          { seats: names },
        );
      }
    }
    for (const seat of removed) await q.deactivateSeat(trx, seat.id);
    await q.insertSeats(trx, screenId, added);
    return wanted.length;
  }

  // ---- for other modules ---------------------------------------------------------------------------

  async screenInfo(screenId: number): Promise<ScreenInfo | null> {
    return (await this.screenInfos([screenId])).get(screenId) ?? null;
  }

  async screenInfos(screenIds: number[]): Promise<Map<number, ScreenInfo>> {
    const unique = [...new Set(screenIds)];
    const screens = await q.findScreens(this.db, unique);
    const theaters = new Map((await q.listTheaters(this.db)).map((row) => [row.id, row]));
    const sellable = await q.sellableSeatCounts(this.db, unique);
    const result = new Map<number, ScreenInfo>();
    for (const screen of screens) {
      const theater = theaters.get(screen.theater_id);
      if (!theater) continue;
      result.set(screen.id, {
        id: screen.id,
        name: screen.name,
        theaterId: theater.id,
        timeZone: theater.time_zone,
        currency: theater.currency,
        trailerMinutes: theater.trailer_minutes,
        cleaningMinutes: screen.cleaning_minutes,
        capacity: screen.capacity,
        sellableSeats: sellable.get(screen.id) ?? 0,
      });
    }
    return result;
  }

  /** The rules that govern sales at a theater. */
  async salesRules(theaterId: number, db: Db = this.db): Promise<SalesRules | null> {
    let row = this.theaterCache.get(theaterId);
    if (!row) {
      row = await q.findTheater(db, theaterId);
      if (row) this.theaterCache.set(theaterId, row);
    }
    if (!row) return null;
    return {
      theaterId: row.id,
      timeZone: row.time_zone,
      currency: row.currency,
      cancelCutoffMinutes: row.cancel_cutoff_minutes,
      holdMinutes: row.hold_minutes,
      kioskHoldMinutes: row.kiosk_hold_minutes,
      refundApprovalAbove: row.refund_approval_above,
      doorOpensMinutes: row.door_opens_minutes,
    };
  }

  /**
   * Every seat of a screen (active ones), with their positions. Read on every hold, booking and seat
   * map, and changed only by a layout edit here, so it is cached per screen; an edit drops the entry
   * (even if its transaction then rolls back: the next read simply reloads).
   */
  async seats(screenId: number, db: Db = this.db): Promise<SeatInfo[]> {
    const cached = this.seatCache.get(screenId);
    if (cached) return cached;
    const rows = await q.seatsOf(db, screenId);
    const seats = rows
      .filter((row) => row.active === 1)
      .map((row) => ({
        id: row.id,
        row: row.row_label,
        number: row.number,
        type: row.type as SeatType,
        rowIndex: row.row_index,
        column: row.col_index,
        blocked: row.blocked === 1,
      }));
    if (seats.length > 0) this.seatCache.set(screenId, seats);
    return seats;
  }

  /** Row labels and lengths of a screen's layout, front to back (cached with the seats). */
  async rows(screenId: number): Promise<{ label: string; index: number; length: number; curve?: number }[]> {
    const cached = this.rowCache.get(screenId);
    if (cached) return cached;
    const row = await q.findScreen(this.db, screenId);
    if (!row) return [];
    const layout = JSON.parse(row.layout) as Layout;
    const curve = layout.curve ? { curve: layout.curve } : {};
    const rows = layout.rows.map((r, index) => ({ label: r.label, index, length: r.seats.length, ...curve }));
    this.rowCache.set(screenId, rows);
    return rows;
  }

  /** Time zone per theater id, for turning local dates into instants. */
  async timeZones(): Promise<Map<number, string>> {
    return new Map((await q.listTheaters(this.db)).map((row) => [row.id, row.time_zone]));
  }

  private requireUsage(): ScreenUsage {
    if (!this.usage) throw new Error('TheatersService used before the core wired its usage checks');
    return this.usage;
  }
}

function expandLayout(layout: Layout): q.SeatValues[] {
  const seats: q.SeatValues[] = [];
  layout.rows.forEach((row, rowIndex) => {
    row.seats.forEach((seat, colIndex) => {
      if (!seat) return;
      seats.push({
        row_label: row.label,
        number: seat.number,
        type: seat.type,
        row_index: rowIndex,
        col_index: colIndex,
        blocked: seat.blocked ? 1 : 0,
      });
    });
  });
  return seats;
}

function toTheater(row: q.TheaterRow, managerIds: number[]): TheaterOut {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    timeZone: row.time_zone,
    currency: row.currency,
    trailerMinutes: row.trailer_minutes,
    cancelCutoffMinutes: row.cancel_cutoff_minutes,
    holdMinutes: row.hold_minutes,
    kioskHoldMinutes: row.kiosk_hold_minutes,
    refundApprovalAbove: row.refund_approval_above,
    phone: row.phone,
    vatNumber: row.vat_number,
    doorOpensMinutes: row.door_opens_minutes,
    cleaningMinutes: row.cleaning_minutes,
    kiosk: kioskOf(row),
    managerIds,
    createdAt: toOffsetIso(row.created_at, row.time_zone),
  };
}

function kioskOf(row: q.TheaterRow): KioskOptions {
  let methods: unknown;
  try {
    methods = JSON.parse(row.kiosk_payment_methods);
  } catch {
    methods = [];
  }
  return {
    idleSeconds: row.kiosk_idle_seconds,
    holdMinutes: row.kiosk_hold_minutes,
    largeText: row.kiosk_large_text === 1,
    paymentMethods: KIOSK_PAYMENT_METHODS.filter((method) => Array.isArray(methods) && methods.includes(method)),
  };
}

function toScreen(row: q.ScreenRow): ScreenOut {
  const layout = JSON.parse(row.layout) as Layout;
  const seatCounts = Object.fromEntries(SEAT_TYPES.map((type) => [type, 0])) as Record<SeatType, number>;
  for (const layoutRow of layout.rows) for (const seat of layoutRow.seats) if (seat) seatCounts[seat.type] += 1;
  return {
    id: row.id,
    theaterId: row.theater_id,
    name: row.name,
    cleaningMinutes: row.cleaning_minutes,
    capacity: row.capacity,
    seatCounts,
    layout,
    createdAt: toOffsetIso(row.created_at, 'UTC'),
  };
}
