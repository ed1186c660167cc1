/**
 * Creating a booking and paying for it answer from what they just wrote, without reading it back (the
 * booking pipeline's hot path). These tests hold those answers to what a read of the same objects gives,
 * field for field, across the shapes a booking and a payment take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
let cashier: string;
let key: string;

beforeAll(async () => {
  s = await startTestServer();
  cashier = (await s.userToken('cashier')).token;
  key = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Website' } })).body
    .key;
  expect((await s.request('POST', '/api/v1/shifts', { token: cashier, body: { openingFloat: 10000 } })).status).toBe(
    201,
  );
});
afterAll(async () => {
  await s.close();
});

async function book(token: string, types: string[], customer?: { name: string; email: string; phone?: string }) {
  const { showtime } = await seedShowtime(s);
  const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
    token,
    body: { quantity: types.length },
  });
  expect(hold.status).toBe(201);
  const created = await s.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i] })),
      ...(customer && { customer }),
    },
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function read(token: string, path: string) {
  const answer = await s.request('GET', path, { token });
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('a new booking answers what a read of it gives', () => {
  it.each([
    { who: 'cashier', types: ['adult'], customer: undefined },
    { who: 'cashier', types: ['adult', 'child', 'adult'], customer: { name: 'Ada Byron', email: 'ada@example.com' } },
    {
      who: 'integration key',
      types: ['child', 'child'],
      customer: { name: 'Grace', email: 'grace@example.com', phone: '+44 20 7946 0000' },
    },
  ])('$who, $types.length tickets', async ({ who, types, customer }) => {
    const token = who === 'cashier' ? cashier : key;
    const created = await book(token, types, customer);
    expect(created.status).toBe('pending_payment');
    expect(created.tickets.map((ticket: { ticketType: string }) => ticket.ticketType)).toEqual(types);
    expect(created).toEqual(await read(token, `/api/v1/bookings/${created.id}`));
  });
});

describe('a payment answers what a read of it gives', () => {
  it('cash in full: the payment, and the booking confirmed with codes', async () => {
    const booking = await book(cashier, ['adult', 'child']);
    const paid = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
      token: cashier,
      body: { method: 'cash', amount: booking.total, tendered: booking.total + 1234 },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'succeeded', bookingStatus: 'confirmed', change: 1234 });
    expect(paid.body).toEqual(await read(cashier, `/api/v1/payments/${paid.body.id}`));
    const confirmed = await read(cashier, `/api/v1/bookings/${booking.id}`);
    expect(confirmed.status).toBe('confirmed');
    expect(
      confirmed.tickets.every(
        (ticket: { code: string | null; status: string }) => ticket.code && ticket.status === 'valid',
      ),
    ).toBe(true);
  });

  it('part cash (split tender), then the rest by an external payment', async () => {
    const booking = await book(cashier, ['adult', 'adult']);
    const part = await s.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
      token: cashier,
      body: { method: 'cash', amount: 500 },
    });
    expect(part.status).toBe(201);
    expect(part.body.bookingStatus).toBe('pending_payment');
    expect(part.body).toEqual(await read(cashier, `/api/v1/payments/${part.body.id}`));

    const keyBooking = await book(key, ['adult']);
    const external = await s.request('POST', `/api/v1/bookings/${keyBooking.id}/payments`, {
      token: key,
      body: { method: 'external', amount: keyBooking.total, reference: 'web-4711' },
    });
    expect(external.status).toBe(201);
    expect(external.body).toMatchObject({ bookingStatus: 'confirmed', reference: 'web-4711' });
    expect(external.body).toEqual(await read(key, `/api/v1/payments/${external.body.id}`));
  });
});
