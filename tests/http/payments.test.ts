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
  key = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Website' } })).body.key;
});
afterAll(async () => {
  await s.close();
});

async function pendingBooking(token: string, quantity = 2, types = ['adult', 'child']) {
  const { showtime } = await seedShowtime(s);
  const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token, body: { quantity } });
  const booking = await s.request('POST', '/api/v1/bookings', {
    token,
    body: { holdId: hold.body.id, tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i % types.length] })) },
  });
  expect(booking.status).toBe(201);
  return { showtime, booking: booking.body };
}

describe('cash at the counter', () => {
  it('a full shift: float, sales with change, split tender, a refund, and a close with a variance, to the penny', async () => {
    const { token } = await s.userToken('cashier');
    expect((await s.request('POST', '/api/v1/bookings/1/payments', { token, body: { method: 'cash', amount: 100 } })).status).toBe(404);

    const { booking: b1 } = await pendingBooking(token); // 12.00 + 8.00
    const noShift = await s.request('POST', `/api/v1/bookings/${b1.id}/payments`, { token, body: { method: 'cash', amount: 2000, tendered: 2000 } });
    expect(noShift.status).toBe(409);
    expect(noShift.body.error.code).toBe('no_open_shift');

    const shift = await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 10000 } });
    expect(shift.status).toBe(201);
    const twice = await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 5000 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('shift_already_open');

    const paid = await s.request('POST', `/api/v1/bookings/${b1.id}/payments`, { token, body: { method: 'cash', amount: 2000, tendered: 5000 } });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ method: 'cash', amount: 2000, tendered: 5000, change: 3000, status: 'succeeded', currency: 'GBP', bookingStatus: 'confirmed' });
    const confirmed = await s.request('GET', `/api/v1/bookings/${b1.id}`, { token });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', amountDue: 0, amountPaid: 2000 });
    expect(confirmed.body.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);
    expect(confirmed.body.payments).toEqual([{ id: paid.body.id, method: 'cash', amount: 2000, status: 'succeeded' }]);

    // split: part now, the rest later; the booking confirms only when covered
    const { booking: b2 } = await pendingBooking(token, 3, ['adult']); // 36.00
    const part = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, { token, body: { method: 'cash', amount: 1000 } });
    expect(part.body.bookingStatus).toBe('pending_payment');
    const tooMuch = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, { token, body: { method: 'cash', amount: 2601 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details.fields[0].path).toBe('amount');
    const rest = await s.request('POST', `/api/v1/bookings/${b2.id}/payments`, { token, body: { method: 'cash', amount: 2600, tendered: 3000 } });
    expect(rest.body).toMatchObject({ change: 400, bookingStatus: 'confirmed' });

    // a refund of one child ticket comes out of this drawer
    const child = confirmed.body.tickets.find((t: { ticketType: string }) => t.ticketType === 'child');
    const refunded = await s.request('POST', `/api/v1/bookings/${b1.id}/cancel`, { token, body: { ticketIds: [child.id], reason: 'Child unwell' } });
    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({ status: 'partially_refunded', amountRefunded: 800 });

    // float 100.00 + 20.00 + 10.00 + 26.00 − 8.00 = 148.00; counted 147.50: 0.50 short
    const closed = await s.request('POST', `/api/v1/shifts/${shift.body.id}/close`, { token, body: { countedCash: 14750 } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ openingFloat: 10000, cashSales: 5600, cashRefunds: 800, expectedCash: 14800, countedCash: 14750, variance: -50, payments: 3 });
    expect((await s.request('POST', `/api/v1/shifts/${shift.body.id}/close`, { token, body: { countedCash: 1 } })).body.error.code).toBe('shift_closed');
    const { token: other } = await s.userToken('cashier');
    expect((await s.request('GET', `/api/v1/shifts/${shift.body.id}`, { token: other })).status).toBe(404);
  });

  it('refuses tendered below the amount, kiosks taking cash, and paying a booking that is not pending', async () => {
    const { token } = await s.userToken('cashier');
    await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } });
    const { booking } = await pendingBooking(token);
    expect((await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, { token, body: { method: 'cash', amount: 2000, tendered: 1999 } })).status).toBe(400);
    const { booking: kioskBooking } = await pendingBooking(kiosk);
    expect((await s.request('POST', `/api/v1/bookings/${kioskBooking.id}/payments`, { token: kiosk, body: { method: 'cash', amount: 100 } })).status).toBe(403);
    const card = await s.request('POST', `/api/v1/bookings/${kioskBooking.id}/payments`, { token: kiosk, body: { method: 'card_present', amount: 2000, readerId: 'tmr_1' } });
    expect(card.status).toBe(409);
    expect(card.body.error.code).toBe('payments_not_configured');
    await s.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token, body: {} });
    const late = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, { token, body: { method: 'cash', amount: 2000 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('booking_not_payable');
  });
});

describe('external payments', () => {
  it('API keys pay with their own reference; cashiers may not; cancelling records the refund for the caller', async () => {
    const { booking } = await pendingBooking(key);
    expect((await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, { token: cashier, body: { method: 'external', amount: 2000, reference: 'x' } })).status).toBe(403);
    const paid = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, { token: key, body: { method: 'external', amount: 2000, reference: 'web-order-991' } });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ method: 'external', reference: 'web-order-991', bookingStatus: 'confirmed' });
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: key })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/payments/${paid.body.id}`, { token: kiosk })).status).toBe(404);
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
