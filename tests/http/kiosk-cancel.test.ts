/**
 * A kiosk lets go of unpaid sales (a customer walking away) but never refunds: a paid booking cancelled
 * by a kiosk is refused and nothing changes, whatever state the kiosk's screen thought it was in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let t: TestServer;
let kiosk: string;
let showtimeId: number;
beforeAll(async () => {
  t = await startTestServer();
  const seeded = await seedShowtime(t, { startsAt: '2026-11-29T19:00:00Z' });
  showtimeId = seeded.showtime.id;
  kiosk = (await t.userToken('kiosk')).token;
});
afterAll(() => t.close());

async function kioskBooking() {
  const hold = await t.request<{ id: number; seatIds: number[] }>('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
    token: kiosk,
    body: { quantity: 2 },
  });
  const booking = await t.request<{ id: number; total: number }>('POST', '/api/v1/bookings', {
    token: kiosk,
    body: { holdId: hold.body.id, tickets: hold.body.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })) },
  });
  expect(booking.status).toBe(201);
  return booking.body;
}

describe('a kiosk cancelling', () => {
  it('gives back the seats of an unpaid booking', async () => {
    const booking = await kioskBooking();
    const cancelled = await t.request<{ status: string }>('POST', `/api/v1/bookings/${booking.id}/cancel`, {
      token: kiosk,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('never refunds a paid one: 403 and nothing changes', async () => {
    const booking = await kioskBooking();
    const paid = await t.request('POST', `/api/v1/bookings/${booking.id}/payments`, {
      token: await t.adminToken(),
      body: { method: 'external', amount: booking.total, reference: 'web-1' },
    });
    expect(paid.status).toBe(201);
    const before = databaseFingerprint(t.core);
    const refused = await t.request<{ error: { code: string } }>('POST', `/api/v1/bookings/${booking.id}/cancel`, {
      token: kiosk,
      body: {},
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(databaseFingerprint(t.core)).toEqual(before);
    const after = await t.request<{ status: string }>('GET', `/api/v1/bookings/${booking.id}`, {
      token: await t.adminToken(),
    });
    expect(after.body.status).toBe('confirmed');
  });
});
