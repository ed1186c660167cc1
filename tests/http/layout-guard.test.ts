/**
 * A layout edit never removes a seat that has a ticket for a showtime that has not ended. Unsold seats
 * may go even while future showtimes use the screen; once the showtime is over the sold seat may go too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { seedShowtime, simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let key: string;

beforeAll(async () => {
  s = await startTestServer();
  key = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Website' } })).body
    .key;
});
afterAll(async () => {
  await s.close();
});

async function sell(showtimeId: number, seatLabels: string[]): Promise<void> {
  const map = await s.request('GET', `/api/v1/showtimes/${showtimeId}/seats`);
  const seatIds = seatLabels.map((label) => map.body.seats.find((seat: { label: string }) => seat.label === label).id);
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: key, body: { seatIds } });
  expect(hold.status).toBe(201);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token: key,
    body: { holdId: hold.body.id, tickets: seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })) },
  });
  expect(booking.status).toBe(201);
  const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
    token: key,
    body: { method: 'external', amount: booking.body.total, reference: 'web-1' },
  });
  expect(paid.status).toBe(201);
}

describe('a layout edit and sold seats', () => {
  it('refuses to remove sold seats of a future showtime, naming them, and changes nothing', async () => {
    const { screen, showtime } = await seedShowtime(s, {
      layout: simpleLayout(3, 6),
      startsAt: '2026-11-28T10:00:00Z',
    });
    await sell(showtime.id, ['A2', 'A3']);
    const admin = await s.adminToken();

    const withoutRowA = { rows: simpleLayout(3, 6).rows.slice(1) };
    const before = databaseFingerprint(s.core);
    const refused = await s.request('PATCH', `/api/v1/screens/${screen.id}`, {
      token: admin,
      body: { layout: withoutRowA },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('seats_have_sales');
    expect(refused.body.error.details.seats).toEqual(['A2', 'A3']);
    expect(refused.body.error.message).toContain('A2, A3');
    expect(databaseFingerprint(s.core)).toEqual(before);

    // Removing unsold seats (row C, and A1) is fine while the showtime is still to come.
    const layout = simpleLayout(2, 6);
    layout.rows[0]!.seats[0] = null;
    const allowed = await s.request('PATCH', `/api/v1/screens/${screen.id}`, { token: admin, body: { layout } });
    expect(allowed.status).toBe(200);
    expect(allowed.body.capacity).toBe(11);
    const map = await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`);
    expect(map.body.seats.map((seat: { label: string }) => seat.label)).not.toContain('C1');
    expect(map.body.seats.find((seat: { label: string }) => seat.label === 'A2').status).toBe('sold');

    // Once the showtime has ended, its sold seats no longer hold the layout back.
    (s.clock as ManualClock).set(Date.parse('2026-11-28T13:30:00Z'));
    const later = await s.request('PATCH', `/api/v1/screens/${screen.id}`, {
      token: admin,
      body: { layout: { rows: simpleLayout(2, 6).rows.slice(1) } },
    });
    expect(later.status).toBe(200);
    expect(later.body.capacity).toBe(6);
  });
});

describe('a curved screen', () => {
  it('keeps the curve in the layout, serves it on the seat map rows, and refuses a curve out of range', async () => {
    const { screen, showtime } = await seedShowtime(s, {
      layout: { ...simpleLayout(2, 4), curve: 60 } as never,
      startsAt: '2026-11-29T10:00:00Z',
    });
    const admin = await s.adminToken();
    const got = await s.request('GET', `/api/v1/screens/${screen.id}`);
    expect(got.body.layout.curve).toBe(60);
    const map = await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`);
    expect(map.body.rows.map((row: { curve?: number }) => row.curve)).toEqual([60, 60]);

    const before = databaseFingerprint(s.core);
    for (const bad of [250, -1, 1.5, '40']) {
      const refused = await s.request('PATCH', `/api/v1/screens/${screen.id}`, {
        token: admin,
        body: { layout: { ...simpleLayout(2, 4), curve: bad } },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(refused.body.error.details)).toContain('curve');
    }
    expect(databaseFingerprint(s.core)).toEqual(before);

    // Straightened: the seat map rows carry no curve.
    const straight = await s.request('PATCH', `/api/v1/screens/${screen.id}`, {
      token: admin,
      body: { layout: simpleLayout(2, 4) },
    });
    expect(straight.status).toBe(200);
    expect(straight.body.layout.curve).toBeUndefined();
    const flat = await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`);
    expect(flat.body.rows.every((row: { curve?: number }) => row.curve === undefined)).toBe(true);
  });
});
