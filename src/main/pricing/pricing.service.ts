/**
 * Prices are computed here and only here, from the theater's price list: a ticket type's base price plus
 * every rule that matches the seat type, the showtime's format and its local weekday and time. Integer
 * minor units throughout; tax is the part of the (tax-inclusive) price the VAT rate accounts for.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { SEAT_TYPES, type SeatType, type ShowtimeFormat } from '../../shared/domain/seat-types';
import { localDateOf, localWeekdayAndMinute, parseInstant, toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { assertManagesTheater } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { writeTransaction, type Db } from '../db/index';
import type { TheatersService } from '../theaters/index';
import * as q from './pricing.queries';

type PriceListOut = OutputOf<'pricing.get'>;

/** The list a new theater starts with (amounts in its currency's minor units), changed in admin. */
export const DEFAULT_PRICE_LIST = {
  vatRateBp: 0,
  ticketTypes: [
    { code: 'adult', name: 'Adult', base_price: 1200, active: 1 },
    { code: 'child', name: 'Child', base_price: 800, active: 1 },
    { code: 'senior', name: 'Senior', base_price: 950, active: 1 },
    { code: 'student', name: 'Student', base_price: 1000, active: 1 },
  ],
  rules: [
    {
      name: 'Premium seat',
      ticket_type: null,
      seat_type: 'premium',
      format: null,
      days_mask: null,
      from_minute: null,
      to_minute: null,
      adjustment: 250,
    },
    {
      name: '3D',
      ticket_type: null,
      seat_type: null,
      format: '3D',
      days_mask: null,
      from_minute: null,
      to_minute: null,
      adjustment: 250,
    },
    {
      name: 'IMAX',
      ticket_type: null,
      seat_type: null,
      format: 'IMAX',
      days_mask: null,
      from_minute: null,
      to_minute: null,
      adjustment: 450,
    },
    // Monday..Friday (bits 0..4) before 17:00
    {
      name: 'Weekday matinee',
      ticket_type: null,
      seat_type: null,
      format: null,
      days_mask: 0b0011111,
      from_minute: 0,
      to_minute: 17 * 60,
      adjustment: -200,
    },
  ],
};

export interface ShowtimeForPricing {
  theaterId: number;
  timeZone: string;
  startsAt: number;
  format: ShowtimeFormat;
}

/** Prices of one showtime: per ticket type, per seat type. */
export interface PriceTable {
  vatRateBp: number;
  ticketTypes: { code: string; name: string; prices: Record<SeatType, number> }[];
  /** Names of the rules that match the showtime's time and format (before ticket and seat type). */
  rulesApplied: string[];
  price(ticketType: string, seatType: SeatType): number | null;
}

export function taxIncluded(price: number, vatRateBp: number): number {
  return Math.round((price * vatRateBp) / (10_000 + vatRateBp));
}

export class PricingService {
  private readonly cache = new Map<number, RawList>();
  /** Looks up showtimes for the preview (the scheduling module, wired by the core). */
  showtimes: {
    showtimeForSale(showtimeId: number): Promise<(ShowtimeForPricing & { id: number; currency: string }) | null>;
  } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly theaters: TheatersService,
  ) {}

  async get(theaterId: number): Promise<PriceListOut> {
    const rules = await this.theaters.salesRules(theaterId);
    if (!rules) throw new DomainError('not_found', 'Theater not found.');
    const [vat, types, ruleRows] = await Promise.all([
      q.vatRate(this.db, theaterId),
      q.ticketTypes(this.db, theaterId),
      q.rules(this.db, theaterId),
    ]);
    return {
      theaterId,
      currency: rules.currency,
      vatRateBasisPoints: vat ?? 0,
      ticketTypes: types.map((type) => ({
        code: type.code,
        name: type.name,
        basePrice: type.base_price,
        active: type.active === 1,
      })),
      rules: ruleRows.map((rule) => ({
        name: rule.name,
        ticketType: rule.ticket_type,
        seatType: rule.seat_type as SeatType | null,
        format: rule.format as ShowtimeFormat | null,
        days: rule.days_mask === null ? null : daysOf(rule.days_mask),
        fromMinute: rule.from_minute,
        toMinute: rule.to_minute,
        adjustment: rule.adjustment,
      })),
    };
  }

  async set(input: ParsedInputOf<'pricing.set'>, ctx: CallContext): Promise<PriceListOut> {
    assertManagesTheater(ctx.actor, input.theaterId);
    if (!(await this.theaters.salesRules(input.theaterId))) throw new DomainError('not_found', 'Theater not found.');
    const now = this.clock.now();
    this.cache.delete(input.theaterId);
    await writeTransaction(this.db, async (trx) => {
      await q.replace(
        trx,
        input.theaterId,
        {
          vatRateBp: input.vatRateBasisPoints,
          ticketTypes: input.ticketTypes.map((type) => ({
            code: type.code,
            name: type.name,
            base_price: type.basePrice,
            active: type.active ? 1 : 0,
          })),
          rules: input.rules.map((rule) => ({
            name: rule.name,
            ticket_type: rule.ticketType,
            seat_type: rule.seatType,
            format: rule.format,
            days_mask: rule.days === null ? null : maskOf(rule.days),
            from_minute: rule.fromMinute,
            to_minute: rule.toMinute,
            adjustment: rule.adjustment,
          })),
        },
        now,
      );
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'pricing.set',
        entity: 'theater',
        entityId: input.theaterId,
        data: input,
      });
    });
    this.cache.delete(input.theaterId); // again after the commit: a read that began before must not linger
    return this.get(input.theaterId);
  }

  /** A theater's raw price list, cached: it is read on every seat map and booking, changed rarely, here. */
  private async list(theaterId: number, db: Db): Promise<RawList> {
    const cached = this.cache.get(theaterId);
    if (cached) return cached;
    const [vat, types, rules] = await Promise.all([
      q.vatRate(db, theaterId),
      q.ticketTypes(db, theaterId),
      q.rules(db, theaterId),
    ]);
    const list = { vat, types, rules };
    this.cache.set(theaterId, list);
    return list;
  }

  /** Gives a new theater the default price list, inside the transaction that creates it. */
  async seedDefaults(trx: Db, theaterId: number, at: number): Promise<void> {
    this.cache.delete(theaterId);
    await q.replace(trx, theaterId, DEFAULT_PRICE_LIST, at);
  }

  /** Every price of one showtime. Pass the transaction when called inside one. */
  async table(showtime: ShowtimeForPricing, db: Db = this.db): Promise<PriceTable> {
    const list = await this.list(showtime.theaterId, db);
    return cachedPriceTable(list, showtime);
  }

  /**
   * The price grid of a showtime, or of a theater at a time and format, from the saved list or an unsaved
   * draft: the same `priceTableOf` that prices bookings, so what the grid says is what a booking costs.
   */
  async preview(input: ParsedInputOf<'pricing.preview'>, ctx: CallContext): Promise<OutputOf<'pricing.preview'>> {
    let target: ShowtimeForPricing & { showtimeId: number | null; currency: string };
    if (input.showtimeId !== undefined) {
      if (!this.showtimes) throw new DomainError('not_found', 'Showtime not found.');
      const showtime = await this.showtimes.showtimeForSale(input.showtimeId);
      if (!showtime) throw new DomainError('not_found', 'Showtime not found.');
      assertManagesTheater(ctx.actor, showtime.theaterId, 'Showtime');
      target = { ...showtime, showtimeId: showtime.id };
    } else {
      const theaterId = input.theaterId!;
      assertManagesTheater(ctx.actor, theaterId);
      const rules = await this.theaters.salesRules(theaterId);
      if (!rules) throw new DomainError('not_found', 'Theater not found.');
      target = {
        theaterId,
        timeZone: rules.timeZone,
        currency: rules.currency,
        startsAt: parseInstant(input.startsAt!),
        format: input.format ?? '2D',
        showtimeId: null,
      };
    }
    const list = input.draft ? rawListOf(input.draft) : await this.list(target.theaterId, this.db);
    const table = priceTableOf(list, target);
    const { weekday, minute } = localWeekdayAndMinute(target.startsAt, target.timeZone);
    return {
      theaterId: target.theaterId,
      showtimeId: target.showtimeId,
      currency: target.currency,
      startsAt: toOffsetIso(target.startsAt, target.timeZone),
      localDate: localDateOf(target.startsAt, target.timeZone),
      localTime: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
      weekday,
      format: target.format,
      vatRateBasisPoints: table.vatRateBp,
      seatTypes: [...SEAT_TYPES],
      ticketTypes: table.ticketTypes.map((type) => ({
        code: type.code,
        name: type.name,
        cells: SEAT_TYPES.map((seatType) => {
          const price = type.prices[seatType];
          const tax = taxIncluded(price, table.vatRateBp);
          return { seatType, price, tax, net: price - tax };
        }),
      })),
      rulesApplied: table.rulesApplied,
    };
  }
}

interface RawList {
  vat: number | null;
  types: q.TicketTypeRow[];
  rules: q.RuleRow[];
}

/** A draft from the contract in the shape the database holds, so it is priced exactly like a saved list. */
function rawListOf(draft: NonNullable<ParsedInputOf<'pricing.preview'>['draft']>): RawList {
  return {
    vat: draft.vatRateBasisPoints,
    types: draft.ticketTypes.map((type, sort) => ({
      code: type.code,
      name: type.name,
      base_price: type.basePrice,
      sort,
      active: type.active ? 1 : 0,
    })),
    rules: draft.rules.map((rule) => ({
      name: rule.name,
      ticket_type: rule.ticketType,
      seat_type: rule.seatType,
      format: rule.format,
      days_mask: rule.days === null ? null : maskOf(rule.days),
      from_minute: rule.fromMinute,
      to_minute: rule.toMinute,
      adjustment: rule.adjustment,
    })),
  };
}

/**
 * Price tables of a cached list, per showtime start, zone and format: every seat map, hold and booking
 * of a showtime asks for the same table. A changed list is a new object, so its tables go with it.
 */
const tablesOfList = new WeakMap<RawList, Map<string, PriceTable>>();
const TABLES_PER_LIST = 512;

function cachedPriceTable(list: RawList, showtime: ShowtimeForPricing): PriceTable {
  let tables = tablesOfList.get(list);
  if (!tables) tablesOfList.set(list, (tables = new Map<string, PriceTable>()));
  const key = `${showtime.startsAt} ${showtime.timeZone} ${showtime.format}`;
  let table = tables.get(key);
  if (!table) {
    table = priceTableOf(list, showtime);
    // Shared by every caller from now on: frozen, so nobody can change another's prices.
    for (const type of table.ticketTypes) Object.freeze(Object.freeze(type).prices);
    Object.freeze(table.ticketTypes);
    Object.freeze(table.rulesApplied);
    if (tables.size >= TABLES_PER_LIST) tables.delete(tables.keys().next().value as string);
    tables.set(key, table);
  }
  return table;
}

/**
 * The one pricing rule: a ticket type's base price plus every rule that matches the showtime's format,
 * local weekday and time of day, the ticket type and the seat type; never below zero.
 */
function priceTableOf(list: RawList, showtime: ShowtimeForPricing): PriceTable {
  const { vat, types, rules } = list;
  const { weekday, minute } = localWeekdayAndMinute(showtime.startsAt, showtime.timeZone);
  const applicable = rules.filter(
    (rule) =>
      (rule.format === null || rule.format === showtime.format) &&
      (rule.days_mask === null || (rule.days_mask & (1 << (weekday - 1))) !== 0) &&
      (rule.from_minute === null || rule.to_minute === null || (minute >= rule.from_minute && minute < rule.to_minute)),
  );
  const ticketTypes = types
    .filter((type) => type.active === 1)
    .map((type) => {
      const prices = Object.fromEntries(
        SEAT_TYPES.map((seatType) => {
          const adjustment = applicable
            .filter(
              (rule) =>
                (rule.ticket_type === null || rule.ticket_type === type.code) &&
                (rule.seat_type === null || rule.seat_type === seatType),
            )
            .reduce((sum, rule) => sum + rule.adjustment, 0);
          return [seatType, Math.max(0, type.base_price + adjustment)];
        }),
      ) as Record<SeatType, number>;
      return { code: type.code, name: type.name, prices };
    });
  const byCode = new Map(ticketTypes.map((type) => [type.code, type]));
  return {
    vatRateBp: vat ?? 0,
    ticketTypes,
    rulesApplied: applicable.map((rule) => rule.name),
    price: (ticketType, seatType) => byCode.get(ticketType)?.prices[seatType] ?? null,
  };
}

function maskOf(days: number[]): number {
  return days.reduce((mask, day) => mask | (1 << (day - 1)), 0);
}

function daysOf(mask: number): number[] {
  return [1, 2, 3, 4, 5, 6, 7].filter((day) => (mask & (1 << (day - 1))) !== 0);
}
