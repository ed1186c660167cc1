/**
 * Ownership everywhere: a customer sees and changes only their own holds, bookings, reviews and profile.
 * The matrix runs every operation a customer may call that names an object, with another customer's
 * ids: each answers 404 (a list answers zero items) and the database is unchanged. It is built from the
 * contract, so a new customer operation that names an object fails here until it has a row. The same
 * calls by the owner succeed (the matrix is not vacuous), and staff may read, per the booking rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationName } from '../../src/shared/contract/index';
import { PASSWORD, seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
let cashier: string;
let kiosk: string;

interface Customer {
  token: string;
  userId: number;
}
let a: Customer;
let b: Customer;
/** B's objects. */
const theirs = { bookingId: 0, reference: '', holdId: 0, holdSeatId: 0, reviewId: 0 };
/** A's own hold on another showtime of the same film, for the exchange row. */
const mine = { holdId: 0, seatId: 0 };
let movieId = 0;

async function register(username: string): Promise<Customer> {
  const created = await s.request('POST', '/api/v1/auth/register', {
    body: { username, password: PASSWORD, email: `${username}@example.com`, name: username },
  });
  const session = await s.request('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
  return { token: session.body.token, userId: created.body.id };
}

async function hold(token: string, showtimeId: number) {
  const response = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { quantity: 1 } });
  expect(response.status).toBe(201);
  return { holdId: response.body.id as number, seatId: response.body.seatIds[0] as number };
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  cashier = (await s.userToken('cashier')).token;
  kiosk = (await s.userToken('kiosk')).token;
  const seeded = await seedShowtime(s, { startsAt: '2026-11-28T19:00:00Z' });
  movieId = seeded.movie.id;
  const later = await s.request('POST', '/api/v1/showtimes', {
    token: admin,
    body: { movieId, screenId: seeded.screen.id, startsAt: '2026-11-29T19:00:00Z' },
  });
  a = await register('owner-a');
  b = await register('owner-b');

  // B: a paid booking, a review of the film, and a hold still open.
  const bought = await hold(b.token, seeded.showtime.id);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token: b.token,
    body: { holdId: bought.holdId, tickets: [{ seatId: bought.seatId, ticketType: 'adult' }] },
  });
  await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
    token: admin,
    body: { method: 'external', amount: booking.body.amountDue, reference: 'psp-b' },
  });
  theirs.bookingId = booking.body.id;
  theirs.reference = booking.body.reference;
  const review = await s.request('POST', `/api/v1/movies/${movieId}/reviews`, {
    token: b.token,
    body: { rating: 3, text: 'B wrote this' },
  });
  expect(review.status).toBe(201);
  theirs.reviewId = review.body.id;
  const open = await hold(b.token, seeded.showtime.id);
  theirs.holdId = open.holdId;
  theirs.holdSeatId = open.seatId;

  Object.assign(mine, await hold(a.token, later.body.id));
});
afterAll(async () => {
  await s.close();
});

interface Row {
  method: string;
  path: string;
  body?: unknown;
  /** What the owner gets for the same call (undefined: not repeated by the owner). */
  ownerStatus?: number;
}

/** One row per customer operation that names an object; `null` when the object is public by design. */
function matrix(): Partial<Record<OperationName, Row | null>> {
  return {
    'holds.get': { method: 'GET', path: `/api/v1/holds/${theirs.holdId}`, ownerStatus: 200 },
    'holds.extend': { method: 'POST', path: `/api/v1/holds/${theirs.holdId}/extend`, body: {}, ownerStatus: 200 },
    'holds.release': { method: 'DELETE', path: `/api/v1/holds/${theirs.holdId}` },
    'bookings.create': {
      method: 'POST',
      path: '/api/v1/bookings',
      body: { holdId: theirs.holdId, tickets: [{ seatId: theirs.holdSeatId, ticketType: 'adult' }] },
    },
    'bookings.get': { method: 'GET', path: `/api/v1/bookings/${theirs.bookingId}`, ownerStatus: 200 },
    'bookings.cancel': { method: 'POST', path: `/api/v1/bookings/${theirs.bookingId}/cancel`, body: {} },
    'bookings.exchange': {
      method: 'POST',
      path: `/api/v1/bookings/${theirs.bookingId}/exchange`,
      body: { holdId: mine.holdId, tickets: [{ seatId: mine.seatId, ticketType: 'adult' }] },
    },
    'reviews.update': {
      method: 'PATCH',
      path: `/api/v1/reviews/${theirs.reviewId}`,
      body: { rating: 1, text: 'A was here' },
      ownerStatus: 200,
    },
    'reviews.delete': { method: 'DELETE', path: `/api/v1/reviews/${theirs.reviewId}` },
    // Public objects: anyone may hold seats of a showtime or review a film they have a ticket for.
    'holds.create': null,
    'reviews.create': null,
  };
}

/** Customer operations whose path names an object (`{...Id}`), from the contract. */
function customerOperationsNamingObjects(): OperationName[] {
  return (Object.keys(operations) as OperationName[]).filter((name) => {
    const { access, rest } = operations[name];
    const named = rest !== undefined && /\{\w+Id\}/.test(rest.path);
    const byHold = name === 'bookings.create';
    return access !== 'public' && access.includes('customer') && (named || byHold);
  });
}

/** A row for operations added later on a booking (tickets, PDFs): the same booking read rules apply. */
function rowFor(name: OperationName): Row | null | undefined {
  const rows = matrix();
  if (name in rows) return rows[name];
  const rest = operations[name].rest;
  if (rest && rest.path.includes('{bookingId}')) {
    return { method: rest.method, path: `/api/v1${rest.path.replace('{bookingId}', String(theirs.bookingId))}` };
  }
  return undefined;
}

describe("another customer's objects", () => {
  it('every customer operation that names an object has a row in the matrix', () => {
    const missing = customerOperationsNamingObjects().filter((name) => rowFor(name) === undefined);
    expect(missing).toEqual([]);
  });

  it('answer 404 for every row, to the customer and to their kiosk session, changing nothing', async () => {
    const code = (await s.request('GET', '/api/v1/me/member-code', { token: a.token })).body.code;
    const atKiosk = (await s.request('POST', '/api/v1/kiosk/sign-in', { token: kiosk, body: { memberCode: code } }))
      .body.token as string;
    const before = databaseFingerprint(s.core);
    const rows = customerOperationsNamingObjects()
      .map((name) => [name, rowFor(name)] as const)
      .filter((entry): entry is readonly [OperationName, Row] => entry[1] !== null && entry[1] !== undefined);
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const token of [a.token, atKiosk]) {
      for (const [name, row] of rows) {
        const response = await s.request(row.method, row.path, { token, body: row.body });
        expect({ name, status: response.status, code: response.body?.error?.code }).toEqual({
          name,
          status: 404,
          code: 'not_found',
        });
      }
    }
    // a lookup by B's reference is a list of zero
    const byReference = await s.request('GET', `/api/v1/bookings?reference=${theirs.reference}`, { token: a.token });
    expect(byReference.body).toEqual({ items: [], nextCursor: null });
    expect((await s.request('GET', '/api/v1/bookings', { token: a.token })).body.items).toEqual([]);
    // my-lists never show B's things
    expect((await s.request('GET', '/api/v1/me/reviews', { token: a.token })).body.items).toEqual([]);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('profile operations act on the caller only, whatever ids the body names', async () => {
    const patched = await s.request('PATCH', '/api/v1/me', {
      token: a.token,
      body: { id: b.userId, userId: b.userId, name: 'Renamed A' },
    });
    expect(patched.body).toMatchObject({ id: a.userId, name: 'Renamed A' });
    const other = await s.request('GET', '/api/v1/me', { token: b.token });
    expect(other.body).toMatchObject({ id: b.userId, name: 'owner-b' });
  });

  it('staff may read them (cashier, admin); a manager of another theater may not', async () => {
    expect((await s.request('GET', `/api/v1/bookings/${theirs.bookingId}`, { token: cashier })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/holds/${theirs.holdId}`, { token: cashier })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/bookings/${theirs.bookingId}`, { token: admin })).status).toBe(200);
    const manager = (await s.userToken('manager')).token;
    expect((await s.request('GET', `/api/v1/bookings/${theirs.bookingId}`, { token: manager })).status).toBe(404);
  });

  it('the same calls by the owner succeed (the matrix is not vacuous)', async () => {
    for (const [name, row] of Object.entries(matrix())) {
      if (!row || row.ownerStatus === undefined) continue;
      const response = await s.request(row.method, row.path, { token: b.token, body: row.body });
      expect({ name, status: response.status }).toEqual({ name, status: row.ownerStatus });
    }
    const cancelled = await s.request('POST', `/api/v1/bookings/${theirs.bookingId}/cancel`, {
      token: b.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    expect((await s.request('DELETE', `/api/v1/holds/${theirs.holdId}`, { token: b.token })).status).toBe(204);
    expect((await s.request('DELETE', `/api/v1/reviews/${theirs.reviewId}`, { token: b.token })).status).toBe(204);
  });
});
