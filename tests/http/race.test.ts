/**
 * 200 clients race for the last seat over real sockets, trial after trial: exactly one wins, every other
 * gets 409 seat_unavailable, none gets a 5xx. The same race with the protection switched off (the
 * availability check skipped and the database's unique index dropped) must sell the seat more than once:
 * that proves the test can catch double selling.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';

const CLIENTS = 200;
const TRIALS = 5;

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  s = null;
});

async function race(server: TestServer, keys: string[]) {
  const layout = {
    rows: [
      {
        label: 'A',
        seats: [
          { number: 1, type: 'standard' },
          { number: 2, type: 'standard' },
        ],
      },
    ],
  };
  const { showtime } = await seedShowtime(server, { layout });
  const map = (await server.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).body;
  const [first, last] = map.seats as { id: number }[];
  // Someone already has the first seat: the second is the last one left.
  expect(
    (
      await server.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
        token: keys[0],
        body: { seatIds: [first!.id] },
      })
    ).status,
  ).toBe(201);
  const results = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      server.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
        token: keys[i % keys.length],
        body: { seatIds: [last!.id] },
      }),
    ),
  );
  const claims = server.core.database.sqlite
    .prepare(
      "SELECT COUNT(*) AS n FROM seat_claims WHERE showtime_id = ? AND seat_id = ? AND status IN ('held','sold')",
    )
    .get(showtime.id, last!.id) as { n: number };
  return {
    won: results.filter((r) => r.status === 201).length,
    refused: results.filter((r) => r.status === 409 && r.body.error.code === 'seat_unavailable').length,
    serverErrors: results.filter((r) => r.status >= 500).length,
    claims: claims.n,
  };
}

async function apiKeys(server: TestServer, n: number): Promise<string[]> {
  const admin = await server.adminToken();
  const keys: string[] = [];
  for (let i = 0; i < n; i += 1)
    keys.push(
      (await server.request('POST', '/api/v1/api-keys', { token: admin, body: { name: `client ${i}` } })).body.key,
    );
  return keys;
}

describe('the last seat', () => {
  it(`${CLIENTS} clients, ${TRIALS} trials: exactly one winner each time, everyone else 409, no 5xx`, async () => {
    s = await startTestServer({ clock: { now: () => Date.parse('2026-11-28T09:00:00Z') } });
    const keys = await apiKeys(s, 10);
    for (let trial = 0; trial < TRIALS; trial += 1) {
      expect(await race(s, keys)).toEqual({ won: 1, refused: CLIENTS - 1, serverErrors: 0, claims: 1 });
    }
  }, 60_000);

  it('with the protection switched off, the same race sells the seat twice (the test can fail)', async () => {
    s = await startTestServer({
      clock: { now: () => Date.parse('2026-11-28T09:00:00Z') },
      seating: { unsafeSkipAvailabilityCheck: true },
    });
    s.core.database.sqlite.exec('DROP INDEX seat_claims_one_active');
    const keys = await apiKeys(s, 10);
    const result = await race(s, keys);
    expect(result.won).toBeGreaterThan(1);
    expect(result.claims).toBeGreaterThan(1);
  }, 60_000);

  it('with only the check switched off, the database index alone still refuses the second sale', async () => {
    s = await startTestServer({
      clock: { now: () => Date.parse('2026-11-28T09:00:00Z') },
      seating: { unsafeSkipAvailabilityCheck: true },
    });
    const keys = await apiKeys(s, 10);
    expect(await race(s, keys)).toEqual({ won: 1, refused: CLIENTS - 1, serverErrors: 0, claims: 1 });
  }, 60_000);
});
