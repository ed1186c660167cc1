/**
 * The sales report matches the bookings made here to the cent: tickets and gross on the day of sale,
 * refunds on the day of the refund, per local day and per film; managers see only their own theaters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { simpleLayout, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
let key: string;
let admin: string;
const ids = { theater: 0, other: 0, screen: 0, filmA: 0, filmB: 0, showA: 0, showB: 0 };

async function sell(showtimeId: number, quantity: number, types: string[]) {
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: key, body: { quantity } });
  expect(hold.status).toBe(201);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token: key,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i % types.length] })),
    },
  });
  expect(booking.status).toBe(201);
  const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
    token: key,
    body: { method: 'external', amount: booking.body.total, reference: `web-${booking.body.id}` },
  });
  expect(paid.status).toBe(201);
  return booking.body as { id: number; total: number };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  key = (await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Website' } })).body.key;
  const theater = await s.call('theaters.create', {
    name: 'Report Palace',
    timeZone: 'Europe/London',
    currency: 'GBP',
  });
  const other = await s.call('theaters.create', { name: 'Elsewhere', timeZone: 'Europe/London', currency: 'GBP' });
  const screen = await s.call('screens.create', { theaterId: theater.id, name: 'One', layout: simpleLayout(4, 8) });
  const filmA = await s.call('movies.create', { title: 'Alpha', durationMinutes: 100 });
  const filmB = await s.call('movies.create', { title: 'Beta', durationMinutes: 90 });
  const showA = await s.call('showtimes.create', {
    movieId: filmA.id,
    screenId: screen.id,
    startsAt: '2026-11-30T19:00:00Z',
  });
  const showB = await s.call('showtimes.create', {
    movieId: filmB.id,
    screenId: screen.id,
    startsAt: '2026-11-30T14:00:00Z',
  });
  Object.assign(ids, {
    theater: theater.id,
    other: other.id,
    screen: screen.id,
    filmA: filmA.id,
    filmB: filmB.id,
    showA: showA.id,
    showB: showB.id,
  });
});
afterAll(async () => {
  await s.close();
});

describe('GET /api/v1/reports/sales', () => {
  it('counts tickets and gross on the sale day and refunds on the refund day, to the cent', async () => {
    const clock = s.clock as ManualClock;
    clock.set(Date.parse('2026-11-28T10:00:00Z'));
    const b1 = await sell(ids.showA, 2, ['adult', 'child']);
    const b2 = await sell(ids.showB, 3, ['adult']);
    // 23:30 in London is still the 28th; the sale counts there.
    clock.set(Date.parse('2026-11-28T23:30:00Z'));
    const b3 = await sell(ids.showA, 1, ['adult']);
    clock.set(Date.parse('2026-11-29T11:00:00Z'));
    const cancelled = await s.request('POST', `/api/v1/bookings/${b1.id}/cancel`, {
      token: key,
      body: {},
      headers: { 'idempotency-key': 'cancel-b1' },
    });
    expect(cancelled.status).toBe(200);

    admin = (await s.userToken('admin')).token; // sessions do not outlive the clock's jumps
    const report = await s.request(
      'GET',
      `/api/v1/reports/sales?from=2026-11-27&to=2026-11-29&theaterId=${ids.theater}`,
      { token: admin },
    );
    expect(report.status).toBe(200);
    const gross28 = b1.total + b2.total + b3.total;
    expect(report.body.currency).toBe('GBP');
    expect(report.body.days).toEqual([
      { date: '2026-11-27', tickets: 0, gross: 0, refunds: 0, net: 0 },
      { date: '2026-11-28', tickets: 6, gross: gross28, refunds: 0, net: gross28 },
      { date: '2026-11-29', tickets: 0, gross: 0, refunds: b1.total, net: -b1.total },
    ]);
    expect(report.body.films).toEqual(
      [
        {
          movieId: ids.filmB,
          title: 'Beta',
          tickets: 3,
          gross: b2.total,
          refunds: 0,
          net: b2.total,
        },
        {
          movieId: ids.filmA,
          title: 'Alpha',
          tickets: 3,
          gross: b1.total + b3.total,
          refunds: b1.total,
          net: b3.total,
        },
      ].sort((a, b) => b.gross - a.gross),
    );
    expect(report.body.totals).toEqual({
      tickets: 6,
      gross: gross28,
      refunds: b1.total,
      net: b2.total + b3.total,
    });
    expect(gross28).toBeGreaterThan(0);

    // Another theater's report is empty: its numbers are its own.
    const other = await s.request('GET', `/api/v1/reports/sales?from=2026-11-28&to=2026-11-29&theaterId=${ids.other}`, {
      token: admin,
    });
    expect(other.body.totals).toEqual({ tickets: 0, gross: 0, refunds: 0, net: 0 });
  });

  it("is the admin's or that theater's manager's: another manager gets 404, a cashier 403, nobody 401", async () => {
    const query = `/api/v1/reports/sales?from=2026-11-28&to=2026-11-28&theaterId=${ids.theater}`;
    const own = await s.userToken('manager', [ids.theater]);
    const foreign = await s.userToken('manager', [ids.other]);
    const cashier = await s.userToken('cashier', [ids.theater]);
    expect((await s.request('GET', query, { token: own.token })).status).toBe(200);
    const refused = await s.request('GET', query, { token: foreign.token });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
    expect((await s.request('GET', query, { token: cashier.token })).status).toBe(403);
    expect((await s.request('GET', query)).status).toBe(401);
  });

  it('rejects bad ranges with 400', async () => {
    const base = `/api/v1/reports/sales?theaterId=${ids.theater}`;
    for (const range of [
      '&from=2026-11-29&to=2026-11-28',
      '&from=2025-01-01&to=2026-11-28',
      '&from=x&to=2026-11-28',
      '',
    ]) {
      const response = await s.request('GET', base + range, { token: admin });
      expect(response.status, range).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});
