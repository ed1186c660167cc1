/**
 * Codes signed ahead (TicketsService.presign, run when a booking is made) are only a speed-up: the code a
 * paid ticket gets always names that ticket's own showtime and seat, and verifies.
 */
import { describe, expect, it } from 'vitest';
import { parseTicketCode } from '../../../src/main/tickets/index';
import { createTestCore, seedShowtime } from '../../support/harness';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('codes signed ahead', () => {
  it('are used only for the ticket, showtime and seat they were signed for', async () => {
    const t = await createTestCore();
    try {
      const { showtime } = await seedShowtime(t);
      const hold = await t.call('holds.create', { showtimeId: showtime.id, quantity: 2 });
      const booking = await t.call('bookings.create', {
        holdId: hold.id,
        tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
      });
      await settle(); // the booking's own codes are signed ahead by now
      const [first, second] = booking.tickets as [(typeof booking.tickets)[0], (typeof booking.tickets)[0]];
      // A stale code for the first ticket (another seat): it must not be issued.
      t.core.tickets.presign([{ id: first.id, showtimeId: showtime.id, seatId: second.seatId }]);
      await settle();
      const paid = await t.call('payments.create', {
        bookingId: booking.id,
        method: 'external',
        amount: booking.amountDue,
        reference: 'presign-test',
      });
      expect(paid.status).toBe('succeeded');
      const issued = await t.call('bookings.get', { bookingId: booking.id });
      for (const ticket of issued.tickets) {
        const claims = parseTicketCode(ticket.code!);
        expect(claims).toMatchObject({ ticketId: ticket.id, showtimeId: showtime.id, seatId: ticket.seatId });
        const checked = await t.call('checkins.create', { code: ticket.code!, showtimeId: showtime.id });
        expect(checked.result).not.toBe('invalid');
      }
    } finally {
      await t.close();
    }
  });
});
