/** Helpers for ticket tests: a paid booking with issued codes, made through the dispatcher as admin. */
import type { TestCore } from './harness';
import { seedShowtime } from './harness';

export async function paidBooking(
  t: TestCore,
  options: { seats?: number; startsAt?: string; showtime?: { id: number } } = {},
) {
  const seeded = options.showtime ? null : await seedShowtime(t, { startsAt: options.startsAt });
  const showtimeId = options.showtime?.id ?? seeded!.showtime.id;
  const hold = await t.call('holds.create', { showtimeId, quantity: options.seats ?? 2 });
  const booking = await t.call('bookings.create', {
    holdId: hold.id,
    tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
  });
  await t.call('payments.create', {
    bookingId: booking.id,
    method: 'external',
    amount: booking.amountDue,
    reference: `test-${booking.id}`,
  });
  const paid = await t.call('bookings.get', { bookingId: booking.id });
  return { booking: paid, showtimeId, seeded };
}
