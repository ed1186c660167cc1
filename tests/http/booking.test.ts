import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { seedShowtime, simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let cashier: string;
let kiosk: string;
let key: string;

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

const clock = () => s.clock as ManualClock;

describe('seat map', () => {
  it('lists every seat with status, position and prices per ticket type and seat type', async () => {
    const layout = {
      rows: [
        {
          label: 'A',
          seats: [
            { number: 1, type: 'wheelchair' },
            { number: 2, type: 'companion' },
            null,
            { number: 3, type: 'standard', blocked: true },
          ],
        },
        {
          label: 'B',
          seats: [
            { number: 1, type: 'premium' },
            { number: 2, type: 'premium' },
          ],
        },
      ],
    };
    const { showtime } = await seedShowtime(s, { layout, format: '3D' });
    const map = await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`);
    expect(map.status).toBe(200);
    expect(map.body).toMatchObject({ showtimeId: showtime.id, currency: 'GBP', capacity: 5, available: 4 });
    expect(map.body.seats[0]).toEqual({
      id: expect.any(Number),
      label: 'A1',
      row: 'A',
      number: 1,
      type: 'wheelchair',
      status: 'available',
      rowIndex: 0,
      column: 0,
    });
    expect(map.body.seats.find((seat: { label: string }) => seat.label === 'A3')).toMatchObject({
      status: 'blocked',
      column: 3,
    });
    const adult = map.body.ticketTypes.find((type: { code: string }) => type.code === 'adult');
    // default list: adult 12.00, +2.50 premium, +2.50 3D (a Saturday evening: no matinee discount)
    expect(adult.prices).toEqual({ standard: 1450, premium: 1700, wheelchair: 1450, companion: 1450 });
    expect((await s.request('GET', '/api/v1/showtimes/999999/seats')).status).toBe(404);
  });
});

describe('holds', () => {
  it('hold named seats; a seat already held is 409 seat_unavailable naming it, and nothing is held', async () => {
    const { showtime } = await seedShowtime(s);
    const map = (await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body;
    const [a1, a2, a3] = map.seats as { id: number }[];
    const first = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { seatIds: [a1!.id, a2!.id] },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: expect.any(Number), seatIds: [a1!.id, a2!.id], status: 'active' });
    expect(Date.parse(first.body.expiresAt) - clock().now()).toBe(8 * 60_000);

    const clash = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { seatIds: [a3!.id, a2!.id] },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('seat_unavailable');
    expect(clash.body.error.details.seatIds).toEqual([a2!.id]);
    const after = (await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body;
    expect(after.seats.find((seat: { id: number }) => seat.id === a3!.id).status).toBe('available');
    expect(after.seats.filter((seat: { status: string }) => seat.status === 'held')).toHaveLength(2);
    // the programme's "seats left" follows the seat map
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}`)).body).toMatchObject({
      capacity: 18,
      seatsAvailable: 16,
    });
    const listed = await s.request('GET', `/api/v1/showtimes?date=2026-11-28&theaterId=${showtime.theaterId}`);
    expect(listed.body.items[0]).toMatchObject({ id: showtime.id, seatsAvailable: 16 });
  });

  it('kiosk holds are shorter; extend pushes the expiry; release frees the seats', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: kiosk,
      body: { quantity: 2 },
    });
    expect(hold.status).toBe(201);
    expect(Date.parse(hold.body.expiresAt) - clock().now()).toBe(5 * 60_000);
    clock().advance(60_000);
    const extended = await s.request('POST', `/api/v1/holds/${hold.body.id}/extend`, { token: kiosk });
    expect(Date.parse(extended.body.expiresAt) - clock().now()).toBe(5 * 60_000);
    expect((await s.request('DELETE', `/api/v1/holds/${hold.body.id}`, { token: kiosk })).status).toBe(204);
    const map = (await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body;
    expect(map.available).toBe(18);
    expect((await s.request('DELETE', `/api/v1/holds/${hold.body.id}`, { token: kiosk })).status).toBe(204);
  });

  it("another client's hold is not found (404); staff may release it", async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    expect((await s.request('GET', `/api/v1/holds/${hold.body.id}`, { token: kiosk })).status).toBe(404);
    expect((await s.request('DELETE', `/api/v1/holds/${hold.body.id}`, { token: kiosk })).status).toBe(404);
    expect((await s.request('DELETE', `/api/v1/holds/${hold.body.id}`, { token: cashier })).status).toBe(204);
  });

  it('best available: side by side in one row near the sweet spot', async () => {
    const { showtime } = await seedShowtime(s, { layout: simpleLayout(6, 10) });
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 4 },
    });
    expect(hold.status).toBe(201);
    expect(hold.body.together).toBe(true);
    const rows = new Set(hold.body.seats.map((seat: { label: string }) => seat.label[0]));
    expect(rows).toEqual(new Set(['D'])); // six rows: two-thirds back is the fourth
  });

  it('never gives wheelchair or companion seats unless asked; accessible pairs when asked', async () => {
    const layout = {
      rows: [
        {
          label: 'A',
          seats: [
            { number: 1, type: 'wheelchair' },
            { number: 2, type: 'companion' },
            { number: 3, type: 'standard' },
          ],
        },
      ],
    };
    const { showtime } = await seedShowtime(s, { layout });
    const two = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 2 },
    });
    expect(two.status).toBe(409);
    expect(two.body.error.code).toBe('not_enough_seats');
    const pair = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 1, accessible: true },
    });
    expect(pair.status).toBe(201);
    expect(pair.body.seats.map((seat: { type: string }) => seat.type).sort()).toEqual(['companion', 'wheelchair']);
  });

  it('caps the seats one credential may hold for a showtime', async () => {
    const { showtime } = await seedShowtime(s, { layout: simpleLayout(5, 10) });
    expect(
      (await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token: key, body: { quantity: 20 } }))
        .status,
    ).toBe(201);
    const more = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('hold_limit_reached');
  });
});

describe('bookings', () => {
  it('prices every ticket on the server, ignoring any price a client sends', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 2 },
    });
    const [x, y] = hold.body.seatIds as number[];
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: {
        holdId: hold.body.id,
        tickets: [
          { seatId: x, ticketType: 'adult', price: 1 },
          { seatId: y, ticketType: 'child' },
        ],
        customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
        total: 2,
      },
    });
    expect(booking.status).toBe(201);
    expect(booking.body).toMatchObject({
      status: 'pending_payment',
      total: 2000,
      amountDue: 2000,
      currency: 'GBP',
      channel: 'api',
      customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null },
    });
    expect(booking.body.reference).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{7}$/);
    expect(booking.body.tickets.map((t: { ticketType: string; price: number }) => [t.ticketType, t.price])).toEqual([
      ['adult', 1200],
      ['child', 800],
    ]);
    expect(booking.body.expiresAt).toBe(hold.body.expiresAt);
    const found = await s.request('GET', `/api/v1/bookings?reference=${booking.body.reference.toLowerCase()}`, {
      token: key,
    });
    expect(found.body.items.map((b: { id: number }) => b.id)).toEqual([booking.body.id]);
    expect(
      (await s.request('GET', `/api/v1/bookings?reference=${booking.body.reference}`, { token: kiosk })).body.items,
    ).toEqual([]);
    expect((await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: kiosk })).status).toBe(404);
    expect((await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: cashier })).status).toBe(200);
  });

  it('need exactly one ticket per held seat, of a ticket type on the price list', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 2 },
    });
    const [x, y] = hold.body.seatIds as number[];
    const before = databaseFingerprint(s.core);
    const cases = [
      { tickets: [{ seatId: x, ticketType: 'adult' }] },
      {
        tickets: [
          { seatId: x, ticketType: 'adult' },
          { seatId: y, ticketType: 'vip' },
        ],
      },
      {
        tickets: [
          { seatId: x, ticketType: 'adult' },
          { seatId: 999999, ticketType: 'adult' },
        ],
      },
      {
        tickets: [
          { seatId: x, ticketType: 'adult' },
          { seatId: x, ticketType: 'adult' },
        ],
      },
      { tickets: [] },
    ];
    for (const body of cases) {
      const response = await s.request('POST', '/api/v1/bookings', {
        token: key,
        body: { holdId: hold.body.id, ...body },
      });
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'validation_failed',
      });
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
    const ok = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: {
        holdId: hold.body.id,
        tickets: [
          { seatId: x, ticketType: 'adult' },
          { seatId: y, ticketType: 'adult' },
        ],
      },
    });
    expect(ok.status).toBe(201);
  });

  it("an expired hold is 409 hold_expired; someone else's is 404", async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    const tickets = [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }];
    expect(
      (await s.request('POST', '/api/v1/bookings', { token: kiosk, body: { holdId: hold.body.id, tickets } })).status,
    ).toBe(404);
    clock().advance(8 * 60_000);
    const late = await s.request('POST', '/api/v1/bookings', { token: key, body: { holdId: hold.body.id, tickets } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('hold_expired');
  });

  it('the seat map shows a lapsed hold as free before the sweeper runs, but not a part-paid one', async () => {
    const { showtime } = await seedShowtime(s);
    const status = async (seatIds: number[]) => {
      const map = await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`);
      const byId = new Map(map.body.seats.map((seat: { id: number; status: string }) => [seat.id, seat.status]));
      return seatIds.map((id) => byId.get(id));
    };
    const lapsing = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 2 },
    });
    const paying = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 2 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: {
        holdId: paying.body.id,
        tickets: paying.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
      },
    });
    await s.request('POST', '/api/v1/shifts', { token: cashier, body: { openingFloat: 0 } });
    const part = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
      token: cashier,
      body: { method: 'cash', amount: 100 },
    });
    expect(part.status).toBe(201);
    clock().advance(8 * 60_000 - 1000);
    expect(await status([...lapsing.body.seatIds, ...paying.body.seatIds])).toEqual(['held', 'held', 'held', 'held']);
    clock().advance(1000); // no sweep: the read itself sees the lapse
    expect(await status([...lapsing.body.seatIds, ...paying.body.seatIds])).toEqual([
      'available',
      'available',
      'held',
      'held',
    ]);
  });

  it('an unpaid booking expires with its hold and frees its seats', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 3 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: {
        holdId: hold.body.id,
        tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
      },
    });
    clock().advance(8 * 60_000 - 1000);
    await s.core.seating.sweep();
    expect((await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: key })).body.status).toBe(
      'pending_payment',
    );
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body.available).toBe(15);
    clock().advance(1000);
    await s.core.seating.sweep();
    const expired = await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: key });
    expect(expired.body.status).toBe('expired');
    expect(expired.body.tickets.every((t: { status: string }) => t.status === 'expired')).toBe(true);
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body.available).toBe(18);
  });

  it('cancel a pending booking releases its seats; a second cancel is 409', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 2 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: {
        holdId: hold.body.id,
        tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'senior' })),
      },
    });
    const one = await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, {
      token: cashier,
      body: { ticketIds: [booking.body.tickets[0].id] },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ status: 'pending_payment', total: 950 });
    const all = await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, {
      token: cashier,
      body: { reason: 'Changed their mind' },
    });
    expect(all.body.status).toBe('cancelled');
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body.available).toBe(18);
    const again = await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, { token: cashier, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('booking_not_cancellable');
  });

  it("a kiosk finds a booking of its theater by exact reference (pickup), not other theaters' nor by listing", async () => {
    const { showtime, theater } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: cashier,
      body: { quantity: 1 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] },
    });
    const reference = booking.body.reference as string;
    const ownKiosk = (await s.userToken('kiosk', [theater.id])).token;
    const found = await s.request('GET', `/api/v1/bookings?reference=${reference.toLowerCase()}`, { token: ownKiosk });
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { id: number }) => item.id)).toEqual([booking.body.id]);
    // Not a kiosk of another theater; and without a reference a kiosk lists only its own sales.
    const elsewhere = await s.request('GET', `/api/v1/bookings?reference=${reference}`, { token: kiosk });
    expect(elsewhere.body.items).toEqual([]);
    const listed = await s.request('GET', '/api/v1/bookings', { token: ownKiosk });
    expect(listed.body.items).toEqual([]);
  });

  it('customers and API keys cannot cancel a paid booking after the cut-off; staff can; unpaid ones always go', async () => {
    const { showtime } = await seedShowtime(s, { startsAt: '2026-11-28T10:00:00Z' });
    const book = async () => {
      const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
        token: key,
        body: { quantity: 1 },
      });
      return s.request('POST', '/api/v1/bookings', {
        token: key,
        body: { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] },
      });
    };
    const booking = await book();
    const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
      token: key,
      body: { method: 'external', amount: booking.body.total, reference: 'web-1' },
    });
    expect(paid.status).toBe(201);
    const unpaid = await book();
    clock().set(Date.parse('2026-11-28T09:31:00Z'));
    const late = await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, { token: key, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('cancellation_closed');
    // Nothing to refund: an abandoned sale gives its seats back whenever it is let go.
    const released = await s.request('POST', `/api/v1/bookings/${unpaid.body.id}/cancel`, { token: key, body: {} });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('cancelled');
    expect(
      (
        await s.request('POST', `/api/v1/bookings/${booking.body.id}/cancel`, {
          token: cashier,
          body: { reason: 'Customer called' },
        })
      ).status,
    ).toBe(200);
    clock().set(Date.parse('2026-11-28T09:00:00Z'));
  });

  it('no holds for a showtime that has started or was cancelled', async () => {
    const { showtime } = await seedShowtime(s, { startsAt: '2026-11-28T08:00:00Z' });
    const late = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('showtime_not_on_sale');
  });
});

describe('idempotency', () => {
  it('same key and body: the first answer again; another body: 422; other credentials have their own keys', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    const body = { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] };
    const headers = { 'idempotency-key': 'order-42' };
    const first = await s.request('POST', '/api/v1/bookings', { token: key, body, headers });
    const again = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: { tickets: body.tickets, holdId: body.holdId },
      headers,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: { ...body, customer: { name: 'Someone' } },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const errorFirst = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: { holdId: 999999, tickets: body.tickets },
      headers,
    });
    expect(errorFirst.status).toBe(404);
    const errorAgain = await s.request('POST', '/api/v1/bookings', {
      token: cashier,
      body: { holdId: 999999, tickets: body.tickets },
      headers,
    });
    expect(errorAgain.body).toEqual(errorFirst.body);
  });

  it('concurrent requests with one key create one booking', async () => {
    const { showtime } = await seedShowtime(s);
    const hold = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: key,
      body: { quantity: 1 },
    });
    const body = { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        s.request('POST', '/api/v1/bookings', { token: key, body, headers: { 'idempotency-key': 'burst-1' } }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(
      results.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'idempotency_in_progress')),
    ).toBe(true);
  });
});

describe('bad input to holds', () => {
  it('unknown seats, seats of another screen, duplicates, 0 or 500 seats: 4xx and nothing held', async () => {
    const { showtime } = await seedShowtime(s);
    const other = await seedShowtime(s);
    const otherSeat = (await s.request('GET', `/api/v1/showtimes/${other.showtime.id}/seats`)).body.seats[0].id;
    const seat = (await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body.seats[0].id;
    const scanner = (await s.userToken('scanner')).token;
    const before = databaseFingerprint(s.core);
    const cases: [unknown, number][] = [
      [{ seatIds: [999999] }, 400],
      [{ seatIds: [otherSeat] }, 400],
      [{ seatIds: [seat, seat] }, 400],
      [{ quantity: 0 }, 400],
      [{ quantity: 500 }, 400],
      [{}, 400],
      [{ seatIds: [seat], quantity: 1 }, 400],
      [{ seatIds: 'A1' }, 400],
    ];
    for (const [body, status] of cases) {
      const response = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token: key, body });
      expect({ body, status: response.status }).toEqual({ body, status });
    }
    expect((await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { body: { quantity: 1 } })).status).toBe(
      401,
    );
    expect(
      (await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token: scanner, body: { quantity: 1 } }))
        .status,
    ).toBe(403);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});

describe('live updates', () => {
  it('a hold elsewhere reaches an event-stream subscriber within a second', async () => {
    const { showtime } = await seedShowtime(s);
    const controller = new AbortController();
    const response = await fetch(`${s.url}/api/v1/events?showtimeId=${showtime.id}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const started = Date.now();
    await reader.read(); // the ready event
    void s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, { token: key, body: { quantity: 1 } });
    while (!text.includes('seats.changed') && Date.now() - started < 2000) {
      const chunk = await reader.read();
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    expect(text).toContain('event: seats.changed');
    expect(text).toContain(`"showtimeId":${showtime.id}`);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
