/**
 * The daily sales rollup, kept row by row inside the sale and refund transactions, always equals the
 * totals recomputed from the raw bookings, tickets, payments and refunds (the migration's rebuild), after
 * any mix of sales (cash, external, split tender, free), whole and partial cancellations (of paid and of
 * part-paid bookings), exchanges and clock jumps across local midnights. And the refund allocation on its own.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRollupTables, rebuildRollups } from '../../../migrations/0010_sales_rollup';
import { createSpeedTables, rebuildMinutes, rebuildMonthly } from '../../../migrations/0012_report_speed';
import type { Actor } from '../../../src/main/core/actor';
import type { ManualClock } from '../../../src/main/core/clock';
import { allRows, splitByMonths } from '../../../src/main/reports/reports.queries';
import { allocateRefund } from '../../../src/main/reports/sales-ledger';
import { createTestCore, simpleLayout, type TestCore } from '../../support/harness';

describe('allocateRefund', () => {
  it('lays the refund over the tickets in order, tax in proportion rounded down, tickets on the first part', () => {
    const tickets = [
      { ticketType: 'adult', price: 1255, tax: 209 },
      { ticketType: 'child', price: 833, tax: 139 },
    ];
    expect(allocateRefund(tickets, [{ method: 'cash', amount: 2088 }])).toEqual([
      { ticketType: 'adult', method: 'cash', refundedTickets: 1, refunds: 1255, refundTax: 209 },
      { ticketType: 'child', method: 'cash', refundedTickets: 1, refunds: 833, refundTax: 139 },
    ]);
    // Two refund rows (split tender), the second covering the end of the adult and the child.
    expect(
      allocateRefund(tickets, [
        { method: 'external', amount: 1000 },
        { method: 'cash', amount: 1000 },
      ]),
    ).toEqual([
      { ticketType: 'adult', method: 'external', refundedTickets: 1, refunds: 1000, refundTax: 166 },
      { ticketType: 'adult', method: 'cash', refundedTickets: 0, refunds: 255, refundTax: 42 },
      { ticketType: 'child', method: 'external', refundedTickets: 1, refunds: 0, refundTax: 0 },
      { ticketType: 'child', method: 'cash', refundedTickets: 0, refunds: 745, refundTax: 124 },
    ]);
  });
});

describe('splitByMonths', () => {
  it('takes the whole calendar months of a range and leaves the days at its ends', () => {
    expect(splitByMonths('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'], days: [] });
    expect(splitByMonths('2026-10-15', '2026-12-30')).toEqual({
      months: ['2026-11', '2026-11'],
      days: [
        ['2026-10-15', '2026-10-31'],
        ['2026-12-01', '2026-12-30'],
      ],
    });
    expect(splitByMonths('2026-12-06', '2026-12-12')).toEqual({ months: null, days: [['2026-12-06', '2026-12-12']] });
    expect(splitByMonths('2026-11-02', '2026-12-30')).toEqual({ months: null, days: [['2026-11-02', '2026-12-30']] });
    // February of a leap year, and a range across the new year.
    expect(splitByMonths('2028-02-01', '2028-02-29')).toEqual({ months: ['2028-02', '2028-02'], days: [] });
    expect(splitByMonths('2028-02-01', '2028-02-28')).toEqual({ months: null, days: [['2028-02-01', '2028-02-28']] });
    expect(splitByMonths('2026-12-31', '2027-02-01')).toEqual({
      months: ['2027-01', '2027-01'],
      days: [
        ['2026-12-31', '2026-12-31'],
        ['2027-02-01', '2027-02-01'],
      ],
    });
    expect(splitByMonths('2026-12-12', '2026-12-12')).toEqual({ months: null, days: [['2026-12-12', '2026-12-12']] });
  });
});

describe('sales_daily', () => {
  let t: TestCore;
  let admin: Actor;
  let api: Actor;
  const shows: { id: number; movieId: number }[] = [];
  let theaterId = 0;
  const bookings: number[] = [];

  beforeAll(async () => {
    t = await createTestCore();
    admin = t.admin;
    api = { kind: 'apiKey', id: 1, name: 'Website', role: 'integration', theaterIds: [] };
    (t.clock as ManualClock).set(Date.parse('2026-11-28T02:00:00Z'));
    // New York: local midnight is 05:00 UTC, so the clock's jumps cross local days the UTC date does not.
    const theater = await t.call('theaters.create', { name: 'Rollup', timeZone: 'America/New_York', currency: 'USD' });
    theaterId = theater.id;
    await t.call('pricing.set', {
      theaterId,
      vatRateBasisPoints: 875,
      ticketTypes: [
        { code: 'adult', name: 'Adult', basePrice: 1399, active: true },
        { code: 'child', name: 'Child', basePrice: 0, active: true },
        { code: 'senior', name: 'Senior', basePrice: 1001, active: true },
      ],
      rules: [],
    });
    const films = [
      await t.call('movies.create', { title: 'One', durationMinutes: 90 }),
      await t.call('movies.create', { title: 'Two', durationMinutes: 90 }),
    ];
    for (const [index, name] of ['A', 'B'].entries()) {
      const screen = await t.call('screens.create', { theaterId, name, layout: simpleLayout(10, 12) });
      for (const [day, film] of [
        ['2026-12-20', films[0]!],
        ['2026-12-21', films[0]!],
        ['2026-12-20', films[1]!],
      ] as const) {
        const hour = film === films[1] ? 18 : 12;
        const show = await t.call('showtimes.create', {
          movieId: film.id,
          screenId: screen.id,
          startsAt: `${day}T${hour + index}:00:00Z`,
        });
        shows.push({ id: show.id, movieId: film.id });
      }
    }
    await t.call('shifts.open', { openingFloat: 10_000_000, theaterId });
  });
  afterAll(async () => {
    await t?.close();
  });

  const types = fc.array(fc.constantFrom('adult', 'child', 'senior'), { minLength: 1, maxLength: 4 });
  const command = fc.oneof(
    fc.record({
      kind: fc.constant('sell' as const),
      show: fc.nat(),
      types,
      pay: fc.constantFrom('cash', 'external', 'split', 'api'),
    }),
    fc.record({ kind: fc.constant('partThenCancel' as const), show: fc.nat(), types }),
    fc.record({ kind: fc.constant('cancel' as const), booking: fc.nat(), some: fc.boolean() }),
    fc.record({ kind: fc.constant('exchange' as const), booking: fc.nat(), show: fc.nat() }),
    fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
  );

  async function hold(showtimeId: number, quantity: number, actor: Actor) {
    return t.call('holds.create', { showtimeId, quantity }, actor) as Promise<{
      id: number;
      seatIds: number[];
    }>;
  }

  async function run(cmd: typeof command extends fc.Arbitrary<infer T> ? T : never) {
    const clock = t.clock as ManualClock;
    clock.advance(1000); // every step at its own instant
    if (cmd.kind === 'wait') {
      clock.advance(cmd.minutes * 60_000);
      return;
    }
    if (cmd.kind === 'sell' || cmd.kind === 'partThenCancel') {
      const show = shows[cmd.show % shows.length]!;
      const actor = cmd.kind === 'sell' && cmd.pay === 'api' ? api : admin;
      const h = await hold(show.id, cmd.types.length, actor);
      const booking = await t.call(
        'bookings.create',
        { holdId: h.id, tickets: h.seatIds.map((seatId, i) => ({ seatId, ticketType: cmd.types[i]! })) },
        actor,
      );
      bookings.push(booking.id);
      if (booking.total === 0) return;
      const pay = (method: 'cash' | 'external', amount: number, who = actor) =>
        t.call(
          'payments.create',
          method === 'cash'
            ? { bookingId: booking.id, method, amount, tendered: amount }
            : { bookingId: booking.id, method, amount, reference: `r${booking.id}-${amount}` },
          who,
        );
      if (cmd.kind === 'partThenCancel') {
        if (booking.total < 2) return;
        await pay('cash', booking.total - 1); // part-paid: the cancel gives back what the rest no longer needs
        clock.advance(1000);
        await t.call('bookings.cancel', { bookingId: booking.id, ticketIds: [booking.tickets[0]!.id] }, admin);
        return;
      }
      if (cmd.pay === 'split' && booking.total > 1) {
        await pay('cash', 1);
        clock.advance(1000);
        await pay('external', booking.total - 1);
      } else await pay(cmd.pay === 'cash' ? 'cash' : 'external', booking.total);
      return;
    }
    if (bookings.length === 0) return;
    const bookingId = bookings[cmd.booking % bookings.length]!;
    const booking = await t.call('bookings.get', { bookingId }, admin);
    const live = booking.tickets.filter((ticket) => ticket.status === 'valid' || ticket.status === 'pending');
    if (live.length === 0) return;
    if (cmd.kind === 'cancel') {
      const ticketIds = cmd.some && live.length > 1 ? [live[live.length - 1]!.id] : undefined;
      await t.call('bookings.cancel', { bookingId, ticketIds }, admin);
      return;
    }
    if (booking.status !== 'confirmed' && booking.status !== 'partially_refunded') return;
    const from = shows.find((show) => show.id === booking.showtimeId)!;
    const candidates = shows.filter((show) => show.movieId === from.movieId && show.id !== from.id);
    const to = candidates[cmd.show % candidates.length]!;
    const h = await hold(to.id, live.length, admin);
    const fresh = await t.call(
      'bookings.exchange',
      { bookingId, holdId: h.id, tickets: h.seatIds.map((seatId, i) => ({ seatId, ticketType: live[i]!.ticketType })) },
      admin,
    );
    bookings.push(fresh.id);
    if (fresh.amountDue > 0) {
      await t.call(
        'payments.create',
        { bookingId: fresh.id, method: 'cash', amount: fresh.amountDue, tendered: fresh.amountDue } as never,
        admin,
      );
    }
  }

  async function compare() {
    const db = t.core.database.db as unknown as Kysely<unknown>;
    await sql`DROP TABLE IF EXISTS daily_check`.execute(db);
    await sql`DROP TABLE IF EXISTS showtime_check`.execute(db);
    await createRollupTables(db, 'daily_check', 'showtime_check');
    await rebuildRollups(db, { daily: 'daily_check', showtime: 'showtime_check' });
    const live = await allRows(t.core.database.db, 'sales_daily');
    expect(live).toEqual(await allRows(t.core.database.db, 'daily_check'));
    expect(await allRows(t.core.database.db, 'sales_showtime')).toEqual(
      await allRows(t.core.database.db, 'showtime_check'),
    );
    // The monthly rollup and the sales per minute (migration 0012) follow along, equal to their rebuild.
    await sql`DROP TABLE IF EXISTS monthly_check`.execute(db);
    await sql`DROP TABLE IF EXISTS minute_check`.execute(db);
    await createSpeedTables(db, 'monthly_check', 'minute_check');
    await rebuildMonthly(db, 'monthly_check');
    await rebuildMinutes(db, 'minute_check');
    expect(await allRows(t.core.database.db, 'sales_monthly')).toEqual(
      await allRows(t.core.database.db, 'monthly_check'),
    );
    expect(await allRows(t.core.database.db, 'sales_minute')).toEqual(
      await allRows(t.core.database.db, 'minute_check'),
    );
    return live;
  }

  it('equals the totals recomputed from bookings, payments and refunds after any history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
        for (const cmd of commands) {
          try {
            await run(cmd);
          } catch (error) {
            // Sold-out shows and similar refusals are part of life; anything else is a failure.
            const code = (error as { code?: string }).code;
            if (!['seat_unavailable', 'booking_not_cancellable', 'validation_failed'].includes(code ?? '')) throw error;
          }
        }
        await compare();
      }),
      { numRuns: 20, seed: 20261128 },
    );
    const rows = await compare();
    // The history really had sales and refunds of several methods.
    const methods = new Set(rows.map((row) => row.method));
    expect(rows.some((row) => Number(row.refunds) > 0)).toBe(true);
    expect(methods.size).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
