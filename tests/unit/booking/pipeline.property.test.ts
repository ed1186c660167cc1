/**
 * Random interleavings of hold, extend, release, book, pay, cancel, exchange and the passing of time, from several
 * channels at once (counter, kiosk, API key, a customer), checking after every step that:
 * - no seat of a showtime has two active claims;
 * - the seat map's taken seats are exactly the live claims;
 * - every booking's tickets and seats agree with its status, and a pending booking's total is the sum
 *   of its live tickets;
 * - money: each booking's payments minus refunds equal what it holds; a confirmed booking holds exactly
 *   its valid tickets' prices; a cancelled or expired one holds nothing; part-paid seats never lapse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/contract/errors';
import type { Actor } from '../../../src/main/core/actor';
import { ManualClock } from '../../../src/main/core/clock';
import { createTestCore, seedShowtime, simpleLayout, type TestCore } from '../../support/harness';

type Step =
  | { kind: 'hold'; who: number; seats: number[] }
  | { kind: 'holdBest'; who: number; quantity: number }
  | { kind: 'extend'; who: number; pick: number }
  | { kind: 'release'; who: number; pick: number }
  | { kind: 'book'; who: number; pick: number; child: boolean }
  | { kind: 'cancel'; who: number; pick: number; partial: boolean }
  | { kind: 'pay'; who: number; pick: number; split: boolean }
  | { kind: 'exchange'; who: number; pick: number }
  | { kind: 'time'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('hold' as const),
    who: fc.nat(3),
    seats: fc.uniqueArray(fc.nat(11), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('holdBest' as const), who: fc.nat(3), quantity: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('extend' as const), who: fc.nat(3), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('release' as const), who: fc.nat(3), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('book' as const), who: fc.nat(3), pick: fc.nat(20), child: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), who: fc.nat(3), pick: fc.nat(20), partial: fc.boolean() }),
  fc.record({ kind: fc.constant('time' as const), minutes: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('pay' as const), who: fc.constantFrom(0, 2), pick: fc.nat(20), split: fc.boolean() }),
  fc.record({ kind: fc.constant('pay' as const), who: fc.constantFrom(0, 2), pick: fc.nat(20), split: fc.boolean() }),
  fc.record({ kind: fc.constant('exchange' as const), who: fc.constantFrom(0, 2), pick: fc.nat(20) }),
);

async function checkInvariants(t: TestCore, showtimeId: number): Promise<void> {
  const sqlite = t.core.database.sqlite;
  const doubles = sqlite
    .prepare(
      "SELECT seat_id, COUNT(*) AS n FROM seat_claims WHERE status IN ('blocked','held','sold') GROUP BY showtime_id, seat_id HAVING n > 1",
    )
    .all();
  expect(doubles).toEqual([]);

  const now = t.clock.now();
  const live = sqlite
    .prepare(
      `SELECT c.seat_id, c.status FROM seat_claims c LEFT JOIN holds h ON h.id = c.hold_id
       WHERE c.showtime_id = ? AND c.status IN ('blocked','held','sold')
         AND NOT (c.status = 'held' AND h.payment_in_flight = 0 AND h.expires_at <= ?)`,
    )
    .all(showtimeId, now) as { seat_id: number; status: string }[];
  const map = await t.call('seatmap.get', { showtimeId });
  const taken = map.seats
    .filter((seat) => seat.status !== 'available')
    .map((seat) => seat.id)
    .sort((a, b) => a - b);
  expect(taken).toEqual(live.map((claim) => claim.seat_id).sort((a, b) => a - b));

  const bookings = sqlite.prepare('SELECT id, status, total, hold_id FROM bookings').all() as {
    id: number;
    status: string;
    total: number;
    hold_id: number;
  }[];
  for (const booking of bookings) {
    const tickets = sqlite
      .prepare(
        'SELECT t.status, t.price, c.status AS claim FROM tickets t JOIN seat_claims c ON c.id = t.claim_id WHERE t.booking_id = ?',
      )
      .all(booking.id) as { status: string; price: number; claim: string }[];
    for (const ticket of tickets) {
      if (ticket.status === 'pending') expect(ticket.claim).toBe('held');
      if (ticket.status === 'valid') expect(ticket.claim).toBe('sold');
      if (['cancelled', 'expired', 'refunded'].includes(ticket.status)) expect(ticket.claim).toBe('released');
    }
    const pending = tickets.filter((ticket) => ticket.status === 'pending');
    if (booking.status === 'pending_payment') {
      expect(pending.length).toBeGreaterThan(0);
      expect(booking.total).toBe(pending.reduce((sum, ticket) => sum + ticket.price, 0));
    }
    if (booking.status === 'expired' || booking.status === 'cancelled') expect(pending).toEqual([]);

    const money = sqlite
      .prepare(
        `SELECT b.amount_paid - b.amount_refunded AS net,
                (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE booking_id = b.id AND status IN ('succeeded','refunded')) AS paid,
                (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE booking_id = b.id) AS refunded,
                (SELECT COALESCE(SUM(price), 0) FROM tickets WHERE booking_id = b.id AND status = 'valid') AS valid,
                h.payment_in_flight AS inFlight
         FROM bookings b JOIN holds h ON h.id = b.hold_id WHERE b.id = ?`,
      )
      .get(booking.id) as { net: number; paid: number; refunded: number; valid: number; inFlight: number };
    expect(money.paid - money.refunded).toBe(money.net);
    if (booking.status === 'confirmed' || booking.status === 'partially_refunded') expect(money.net).toBe(money.valid);
    if (['cancelled', 'expired', 'refunded'].includes(booking.status)) expect(money.net).toBe(0);
    if (booking.status === 'pending_payment') {
      expect(money.net).toBeLessThan(booking.total);
      if (money.net > 0) expect(money.inFlight).toBe(1);
    }
  }
}

describe('the booking pipeline under random interleavings', () => {
  it('keeps its invariants after every step', async () => {
    // How often each kind of step succeeded over all runs: the property must not pass vacuously.
    const succeeded: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 5, maxLength: 25 }),
        async (batches) => {
          const clock = new ManualClock(Date.parse('2026-11-28T09:00:00Z'));
          const t = await createTestCore({ clock });
          try {
            const { showtime, movie, screen } = await seedShowtime(t, { layout: simpleLayout(2, 6) });
            const later = await t.call('showtimes.create', {
              movieId: movie.id,
              screenId: screen.id,
              startsAt: '2026-11-28T22:00:00Z',
            });
            const seatIds = (await t.call('seatmap.get', { showtimeId: showtime.id })).seats.map((seat) => seat.id);
            const customer = await t.call('users.create', {
              username: 'customer1',
              password: 'password-1234',
              role: 'customer',
            });
            const till = await t.call('users.create', { username: 'till', password: 'password-1234', role: 'cashier' });
            const cashier: Actor = {
              kind: 'user',
              id: till.id,
              username: 'till',
              role: 'cashier',
              theaterIds: [],
              sessionId: 1,
            };
            await t.call('shifts.open', { openingFloat: 5000 }, cashier);
            const actors: Actor[] = [
              cashier,
              { kind: 'user', id: 9002, username: 'kiosk', role: 'kiosk', theaterIds: [], sessionId: 2 },
              { kind: 'apiKey', id: 1, name: 'web', role: 'integration', theaterIds: [] },
              { kind: 'user', id: customer.id, username: 'customer1', role: 'customer', theaterIds: [], sessionId: 3 },
            ];
            const holds: number[] = [];
            const bookings: number[] = [];
            const run = async (s: Step): Promise<void> => {
              const actor = 'who' in s ? actors[s.who]! : actors[0]!;
              const pickOf = (list: number[], pick: number) => list[pick % Math.max(1, list.length)];
              switch (s.kind) {
                case 'hold': {
                  const hold = await t.call(
                    'holds.create',
                    { showtimeId: showtime.id, seatIds: s.seats.map((i) => seatIds[i]!) },
                    actor,
                  );
                  holds.push(hold.id);
                  return;
                }
                case 'holdBest': {
                  const hold = await t.call('holds.create', { showtimeId: showtime.id, quantity: s.quantity }, actor);
                  holds.push(hold.id);
                  return;
                }
                case 'extend': {
                  const id = pickOf(holds, s.pick);
                  if (id) await t.call('holds.extend', { holdId: id }, actor);
                  return;
                }
                case 'release': {
                  const id = pickOf(holds, s.pick);
                  if (id) await t.call('holds.release', { holdId: id }, actor);
                  return;
                }
                case 'book': {
                  const id = pickOf(holds, s.pick);
                  if (!id) return;
                  const hold = await t.call('holds.get', { holdId: id }, actor);
                  const booking = await t.call(
                    'bookings.create',
                    {
                      holdId: id,
                      tickets: hold.seatIds.map((seatId, i) => ({
                        seatId,
                        ticketType: s.child && i === 0 ? 'child' : 'adult',
                      })),
                    },
                    actor,
                  );
                  bookings.push(booking.id);
                  return;
                }
                case 'cancel': {
                  const id = pickOf(bookings, s.pick);
                  if (!id) return;
                  const booking = await t.call('bookings.get', { bookingId: id }, actor);
                  const live = booking.tickets.filter(
                    (ticket) => ticket.status === 'pending' || ticket.status === 'valid',
                  );
                  await t.call(
                    'bookings.cancel',
                    { bookingId: id, ...(s.partial && live.length > 1 && { ticketIds: [live[0]!.id] }) },
                    actor,
                  );
                  return;
                }
                case 'pay': {
                  const id = pickOf(bookings, s.pick);
                  if (!id) return;
                  const booking = await t.call('bookings.get', { bookingId: id }, actor);
                  const amount =
                    s.split && booking.amountDue > 1 ? Math.floor(booking.amountDue / 2) : booking.amountDue;
                  if (amount <= 0) return;
                  if (actor.kind === 'apiKey')
                    await t.call(
                      'payments.create',
                      { bookingId: id, method: 'external', amount, reference: `p-${id}` },
                      actor,
                    );
                  else
                    await t.call(
                      'payments.create',
                      { bookingId: id, method: 'cash', amount, tendered: amount + 500 },
                      actor,
                    );
                  return;
                }
                case 'exchange': {
                  const id = pickOf(bookings, s.pick);
                  if (!id) return;
                  const booking = await t.call('bookings.get', { bookingId: id }, actor);
                  const live = booking.tickets.filter((ticket) => ticket.status === 'valid');
                  if (booking.status !== 'confirmed' || live.length === 0) return;
                  const hold = await t.call('holds.create', { showtimeId: later.id, quantity: live.length }, actor);
                  const fresh = await t.call(
                    'bookings.exchange',
                    {
                      bookingId: id,
                      holdId: hold.id,
                      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
                    },
                    actor,
                  );
                  bookings.push(fresh.id);
                  return;
                }
                case 'time':
                  clock.advance(s.minutes * 60_000);
                  await t.core.seating.sweep();
                  return;
              }
            };
            for (const batch of batches) {
              const results = await Promise.allSettled(batch.map(run));
              results.forEach((result, i) => {
                if (result.status === 'rejected' && !(result.reason instanceof DomainError)) throw result.reason;
                if (result.status === 'fulfilled') succeeded[batch[i]!.kind] = (succeeded[batch[i]!.kind] ?? 0) + 1;
              });
              await checkInvariants(t, showtime.id);
              await checkInvariants(t, later.id);
            }
          } finally {
            await t.close();
          }
        },
      ),
      { numRuns: 40 },
    );
    for (const kind of ['hold', 'holdBest', 'extend', 'release', 'book', 'cancel', 'pay', 'exchange', 'time'])
      expect(succeeded[kind] ?? 0, kind).toBeGreaterThan(5);
  }, 120_000);
});
