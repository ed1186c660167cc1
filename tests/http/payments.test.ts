import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
let cashier: string;
let key: string;
let kiosk: string;

beforeAll(async () => {
  s = await startTestServer();
  cashier = (await s.userToken('cashier')).token;
  kiosk = (await s.userToken('kiosk')).token;
  key = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Website' } })).body
    .key;
});
afterAll(async () => {
  await s.close();
});

async function pendingBooking(token: string, quantity = 2, types = ['adult', 'child']) {
  const { showtime } = await seedShowtime(s);
  const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token, body: { quantity } });
  const booking = await s.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i % types.length] })),
    },
  });
  expect(booking.status).toBe(201);
  return { showtime, booking: booking.body };
}

describe('cash at the counter', () => {
  it('a full shift: float, sales with change, split tender, a refund, and a close with a variance, to the penny', async () => {
    const { token } = await s.userToken('cashier');
    expect(
      (await s.request('POST', '/api/v1/bookings/1/payments', { token, body: { method: 'cash', amount: 100 } })).status,
    ).toBe(404);

    const { booking: b1 } = await pendingBooking(token); // 12.00 + 8.00
    const noShift = await s.request('POST', `/api/v1/bookings/${b1.id}/payments`, {
      token,
      body: { method: 'cash', amount: 2000, tendered: 2000 },
    });
    expect(noShift.status).toBe(409);
    expect(noShift.body.error.code).toBe('no_open_shift');

    const shift = await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 10000 } });
    expect(shift.status).toBe(201);
    const twice = await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 5000 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('shift_already_open');

    const paid = await s.request('POST', `/api/v1/bookings/${b1.id}/payments`, {
      token,
      body: { method: 'cash', amount: 2000, tendered: 5000 },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      method: 'cash',
      amount: 2000,
      tendered: 5000,
      change: 3000,
      status: 'succeeded',
      currency: 'GBP',
      bookingStatus: 'confirmed',
    });
    const confirmed = await s.request('GET', `/api/v1/bookings/${b1.id}`, { token });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', amountDue: 0, amountPaid: 2000 });
    expect(confirmed.body.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);
    expect(confirmed.body.payments).toEqual([{ id: paid.body.id, method: 'cash', amount: 2000, status: 'succeeded' }]);

    // split: part now, the rest later; the booking confirms only when covered
    const { booking: b2 } = await pendingBooking(token, 3, ['adult']); // 36.00
    const part = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, {
      token,
      body: { method: 'cash', amount: 1000 },
    });
    expect(part.body.bookingStatus).toBe('pending_payment');
    const tooMuch = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, {
      token,
      body: { method: 'cash', amount: 2601 },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details.fields[0].path).toBe('amount');
    const rest = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, {
      token,
      body: { method: 'cash', amount: 2600, tendered: 3000 },
    });
    expect(rest.body).toMatchObject({ change: 400, bookingStatus: 'confirmed' });

    // a refund of one child ticket comes out of this drawer
    const child = confirmed.body.tickets.find((t: { ticketType: string }) => t.ticketType === 'child');
    const refunded = await s.request('POST', `/api/v1/bookings/${b1.id}/cancel`, {
      token,
      body: { ticketIds: [child.id], reason: 'Child unwell' },
    });
    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 800 });

    // float 100.00 + 20.00 + 10.00 + 26.00 − 8.00 = 148.00; counted 147.50: 0.50 short
    const closed = await s.request('POST', `/api/v1/shifts/${shift.body.id}/close`, {
      token,
      body: { countedCash: 14750 },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      openingFloat: 10000,
      cashSales: 5600,
      cashRefunds: 800,
      expectedCash: 14800,
      countedCash: 14750,
      variance: -50,
      payments: 3,
    });
    expect(
      (await s.request('POST', `/api/v1/shifts/${shift.body.id}/close`, { token, body: { countedCash: 1 } })).body.error
        .code,
    ).toBe('shift_closed');
    const { token: other } = await s.userToken('cashier');
    expect((await s.request('GET', `/api/v1/shifts/${shift.body.id}`, { token: other })).status).toBe(404);
  });

  it('refuses tendered below the amount, kiosks taking cash, and paying a booking that is not pending', async () => {
    const { token } = await s.userToken('cashier');
    await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } });
    const { booking } = await pendingBooking(token);
    expect(
      (
        await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
          token,
          body: { method: 'cash', amount: 2000, tendered: 1999 },
        })
      ).status,
    ).toBe(400);
    const { booking: kioskBooking } = await pendingBooking(kiosk);
    expect(
      (
        await s.request('POST', `/api/v1/bookings/${kioskBooking.id}/payments`, {
          token: kiosk,
          body: { method: 'cash', amount: 100 },
        })
      ).status,
    ).toBe(403);
    const card = await s.request('POST', `/api/v1/bookings/${kioskBooking.id}/payments`, {
      token: kiosk,
      body: { method: 'card_present', amount: 2000, readerId: 'tmr_1' },
    });
    expect(card.status).toBe(409);
    expect(card.body.error.code).toBe('payments_not_configured');
    await s.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token, body: {} });
    const late = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
      token,
      body: { method: 'cash', amount: 2000 },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('booking_not_payable');
  });
});

describe('external payments', () => {
  it('API keys pay with their own reference; cashiers may not; cancelling records the refund for the caller', async () => {
    const { booking } = await pendingBooking(key);
    expect(
      (
        await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
          token: cashier,
          body: { method: 'external', amount: 2000, reference: 'x' },
        })
      ).status,
    ).toBe(403);
    const paid = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
      token: key,
      body: { method: 'external', amount: 2000, reference: 'web-order-991' },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ method: 'external', reference: 'web-order-991', bookingStatus: 'confirmed' });
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: key })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: kiosk })).status).toBe(404);
    const { token: otherManager } = await s.userToken('manager', []);
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: otherManager })).status).toBe(404);
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: cashier })).status).toBe(200);
    const cancelled = await s.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token: key, body: {} });
    expect(cancelled.body).toMatchObject({ status: 'refunded', amountRefunded: 2000 });
    expect(cancelled.body.payments[0].status).toBe('refunded');
  });

  it('one Idempotency-Key sent 20 times at once takes the money once', async () => {
    const { booking } = await pendingBooking(key);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
          token: key,
          body: { method: 'external', amount: 2000, reference: 'web-order-7' },
          headers: { 'idempotency-key': 'pay-7' },
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    expect(results.every((r) => r.status === 201 || r.body.error.code === 'idempotency_in_progress')).toBe(true);
    const after = await s.request('GET', `/api/v1/bookings/${booking.id}`, { token: key });
    expect(after.body.payments).toHaveLength(1);
    expect(after.body.amountPaid).toBe(2000);
  });
});

describe('exchange', () => {
  async function paidBooking(token: string, startsAt: string, format: '2D' | '3D' = '2D') {
    const seeded = await seedShowtime(s, { startsAt, format });
    const hold = await s.request('POST', `/api/v1/showtimes/${seeded.showtime.id}/holds`, {
      token,
      body: { quantity: 2 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token,
      body: {
        holdId: hold.body.id,
        tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
      },
    });
    await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
      token,
      body: { method: 'cash', amount: booking.body.total },
    });
    return { ...seeded, booking: (await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token })).body };
  }

  async function showtimeOf(movieId: number, screenId: number, startsAt: string, format: '2D' | '3D') {
    return (
      await s.request('POST', '/api/v1/showtimes', {
        token: await s.adminToken(),
        body: { movieId, screenId, startsAt, format },
      })
    ).body;
  }

  it('to a dearer showtime of the same film: paid money moves across, the difference is due', async () => {
    const { token } = await s.userToken('cashier');
    await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } });
    const { booking, movie, screen, showtime } = await paidBooking(token, '2026-11-28T19:00:00Z');
    expect(booking.status).toBe('confirmed');
    const later = await showtimeOf(movie.id, screen.id, '2026-11-28T22:00:00Z', '3D');
    const hold = await s.request('POST', `/api/v1/showtimes/${later.id}/holds`, { token, body: { quantity: 2 } });
    const exchanged = await s.request('POST', `/api/v1/bookings/${booking.id}/exchange`, {
      token,
      body: {
        holdId: hold.body.id,
        tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
        reason: 'Wanted 3D',
      },
    });
    expect(exchanged.status).toBe(201);
    expect(exchanged.body).toMatchObject({
      showtimeId: later.id,
      status: 'pending_payment',
      total: 2900,
      amountPaid: 2400,
      amountDue: 500,
    });
    expect(exchanged.body.payments).toEqual([
      expect.objectContaining({ method: 'exchange', amount: 2400, status: 'succeeded' }),
    ]);
    const old = await s.request('GET', `/api/v1/bookings/${booking.id}`, { token });
    expect(old.body).toMatchObject({ status: 'cancelled', amountRefunded: 2400 });
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body.available).toBe(18);
    const rest = await s.request('POST', `/api/v1/bookings/${exchanged.body.id}/payments`, {
      token,
      body: { method: 'cash', amount: 500 },
    });
    expect(rest.body.bookingStatus).toBe('confirmed');
  });

  it('to a cheaper one: the difference is refunded from the drawer; another film is refused', async () => {
    const { token } = await s.userToken('cashier');
    const shift = (await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } })).body;
    const { booking, movie, screen } = await paidBooking(token, '2026-11-28T19:00:00Z', '3D'); // 2 × 14.50
    const cheaper = await showtimeOf(movie.id, screen.id, '2026-11-28T22:00:00Z', '2D'); // 2 × 12.00
    const hold = await s.request('POST', `/api/v1/showtimes/${cheaper.id}/holds`, { token, body: { quantity: 2 } });
    const tickets = hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' }));

    const other = await seedShowtime(s, { startsAt: '2026-11-28T21:00:00Z' });
    const wrongHold = await s.request('POST', `/api/v1/showtimes/${other.showtime.id}/holds`, {
      token,
      body: { quantity: 2 },
    });
    const wrong = await s.request('POST', `/api/v1/bookings/${booking.id}/exchange`, {
      token,
      body: {
        holdId: wrongHold.body.id,
        tickets: wrongHold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].path).toBe('holdId');

    const exchanged = await s.request('POST', `/api/v1/bookings/${booking.id}/exchange`, {
      token,
      body: { holdId: hold.body.id, tickets },
    });
    expect(exchanged.body).toMatchObject({ status: 'confirmed', total: 2400, amountPaid: 2400, amountDue: 0 });
    const closed = await s.request('POST', `/api/v1/shifts/${shift.id}/close`, { token, body: { countedCash: 2400 } });
    expect(closed.body).toMatchObject({ cashSales: 2900, cashRefunds: 500, expectedCash: 2400, variance: 0 });
  });
});
