import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleLayout, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
let admin: string;
let theaterId: number;
let screenId: number;
let movieId: number;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  theaterId = (
    await s.request('POST', '/api/v1/theaters', {
      token: admin,
      body: { name: 'Riverside', timeZone: 'Europe/Berlin', currency: 'EUR' },
    })
  ).body.id;
  screenId = (
    await s.request('POST', `/api/v1/theaters/${theaterId}/screens`, {
      token: admin,
      body: { name: 'One', layout: simpleLayout(), cleaningMinutes: 20 },
    })
  ).body.id;
  movieId = (
    await s.request('POST', '/api/v1/movies', { token: admin, body: { title: 'Ninety', durationMinutes: 90 } })
  ).body.id;
});
afterAll(async () => {
  await s.close();
});

describe('theaters', () => {
  it('are read by anyone and created by admins only', async () => {
    const list = await s.request('GET', '/api/v1/theaters');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      id: theaterId,
      name: 'Riverside',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
    });
    const { token } = await s.userToken('manager', [theaterId]);
    expect(
      (
        await s.request('POST', '/api/v1/theaters', {
          token,
          body: { name: 'Mine', timeZone: 'Europe/Berlin', currency: 'EUR' },
        })
      ).status,
    ).toBe(403);
  });

  it('validate time zone and currency', async () => {
    const response = await s.request('POST', '/api/v1/theaters', {
      token: admin,
      body: { name: 'Bad', timeZone: 'Mars/Olympus', currency: 'eur' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'currency',
      'timeZone',
    ]);
  });
});

describe('screens', () => {
  it('keep their layout with gaps and count seats by type', async () => {
    const layout = {
      rows: [
        {
          label: 'A',
          seats: [
            { number: 1, type: 'wheelchair' },
            { number: 2, type: 'companion' },
            null,
            { number: 3, type: 'standard' },
          ],
        },
        {
          label: 'B',
          seats: [
            { number: 1, type: 'premium' },
            { number: 2, type: 'premium', blocked: true },
          ],
        },
      ],
    };
    const created = await s.request('POST', `/api/v1/theaters/${theaterId}/screens`, {
      token: admin,
      body: { name: 'Small', layout },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      capacity: 5,
      seatCounts: { standard: 1, premium: 2, wheelchair: 1, companion: 1 },
    });
    expect(created.body.layout).toEqual(layout);
    const listed = await s.request('GET', `/api/v1/theaters/${theaterId}/screens`);
    expect(listed.body.items.map((screen: { name: string }) => screen.name)).toContain('Small');
    expect((await s.request('GET', '/api/v1/theaters/9999/screens')).status).toBe(404);
  });

  it('reject duplicate rows and seats, unknown seat types and empty layouts', async () => {
    const cases = [
      {
        rows: [
          { label: 'A', seats: [{ number: 1, type: 'standard' }] },
          { label: 'A', seats: [{ number: 1, type: 'standard' }] },
        ],
      },
      {
        rows: [
          {
            label: 'A',
            seats: [
              { number: 1, type: 'standard' },
              { number: 1, type: 'standard' },
            ],
          },
        ],
      },
      { rows: [{ label: 'A', seats: [{ number: 1, type: 'sofa' }] }] },
      { rows: [{ label: 'A', seats: [null, null] }] },
      { rows: [] },
    ];
    for (const layout of cases) {
      const response = await s.request('POST', `/api/v1/theaters/${theaterId}/screens`, {
        token: admin,
        body: { name: 'Bad', layout },
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });
});

describe('showtimes', () => {
  it('end after trailers and the film; dates and offsets are in the theater zone', async () => {
    const response = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-01T19:00:00+01:00', trailerMinutes: 10 },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      movieId,
      screenId,
      theaterId,
      startsAt: '2026-12-01T19:00:00+01:00',
      endsAt: '2026-12-01T20:40:00+01:00',
      date: '2026-12-01',
      format: '2D',
      capacity: 18,
      seatsAvailable: 18,
      movieTitle: 'Ninety',
    });
  });

  it('refuse overlaps on the same screen, cleaning time included, with 409 showtime_conflict', async () => {
    // The first ends 20:40 and the screen is cleaned until 21:00.
    const clash = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-01T20:55:00+01:00' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('showtime_conflict');
    expect(clash.body.error.details.conflictingShowtimeId).toEqual(expect.any(Number));
    const before = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-01T17:00:00+01:00' },
    });
    expect(before.status).toBe(409); // 17:00 + 15 trailers + 90 + 20 cleaning = 19:05 > 19:00
    const ok = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-01T21:00:00+01:00' },
    });
    expect(ok.status).toBe(201);
  });

  it('list one local date of the theater, across the UTC midnight', async () => {
    await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-02T00:30:00+01:00' },
    });
    const day = await s.request('GET', `/api/v1/showtimes?date=2026-12-01&theaterId=${theaterId}`);
    expect(day.body.items.map((item: { startsAt: string }) => item.startsAt)).toEqual([
      '2026-12-01T19:00:00+01:00',
      '2026-12-01T21:00:00+01:00',
    ]);
    const next = await s.request('GET', '/api/v1/showtimes?date=2026-12-02');
    expect(next.body.items.map((item: { startsAt: string }) => item.startsAt)).toEqual(['2026-12-02T00:30:00+01:00']);
    const byMovie = await s.request('GET', `/api/v1/showtimes?movieId=${movieId}&limit=2`);
    expect(byMovie.body.items).toHaveLength(2);
    expect(byMovie.body.nextCursor).not.toBeNull();
  });

  it('can be moved and cancelled; a cancelled slot can be reused', async () => {
    const created = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-03T18:00:00+01:00' },
    });
    const moved = await s.request('PATCH', `/api/v1/showtimes/${created.body.id}`, {
      token: admin,
      body: { startsAt: '2026-12-03T18:30:00+01:00' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe('2026-12-03T18:30:00+01:00');
    expect((await s.request('DELETE', `/api/v1/showtimes/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await s.request('GET', `/api/v1/showtimes/${created.body.id}`)).body.status).toBe('cancelled');
    const again = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-03T18:30:00+01:00' },
    });
    expect(again.status).toBe(201);
  });

  it('keep the film: its running time is locked and it is archived, not deleted, once scheduled', async () => {
    const patch = await s.request('PATCH', `/api/v1/movies/${movieId}`, {
      token: admin,
      body: { durationMinutes: 200 },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('movie_in_use');
    expect((await s.request('DELETE', `/api/v1/movies/${movieId}`, { token: admin })).status).toBe(409);
  });

  it('refuse unknown films and screens, and invalid times', async () => {
    expect(
      (
        await s.request('POST', '/api/v1/showtimes', {
          token: admin,
          body: { movieId: 9999, screenId, startsAt: '2026-12-05T18:00:00Z' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await s.request('POST', '/api/v1/showtimes', {
          token: admin,
          body: { movieId, screenId: 9999, startsAt: '2026-12-05T18:00:00Z' },
        })
      ).status,
    ).toBe(404);
    const bad = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-05 18:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('startsAt');
  });

  it('a cashier may read but not schedule', async () => {
    const { token } = await s.userToken('cashier', [theaterId]);
    expect((await s.request('GET', '/api/v1/showtimes?date=2026-12-01', { token })).status).toBe(200);
    expect(
      (
        await s.request('POST', '/api/v1/showtimes', {
          token,
          body: { movieId, screenId, startsAt: '2026-12-06T18:00:00Z' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('concurrent scheduling', () => {
  it('two managers booking the same slot at once: exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.request('POST', '/api/v1/showtimes', {
          token: admin,
          body: { movieId, screenId, startsAt: `2026-12-10T18:${String(i).padStart(2, '0')}:00+01:00` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });
});

describe('a showtime read before it changes', () => {
  it('is not sold after it is cancelled, though its seat map was just read', async () => {
    const showtime = (
      await s.request('POST', '/api/v1/showtimes', {
        token: admin,
        body: { movieId, screenId, startsAt: '2026-12-03T15:00:00Z' },
      })
    ).body;
    // Reads remember the showtime (the hot path keeps showtimes in memory)...
    expect((await s.request('GET', `/api/v1/showtimes/${showtime.id}/seats`)).status).toBe(200);
    const before = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: admin,
      body: { quantity: 1 },
    });
    expect(before.status).toBe(201);
    await s.request('DELETE', `/api/v1/holds/${before.body.id}`, { token: admin });
    // ...and forget it when it changes.
    expect((await s.request('DELETE', `/api/v1/showtimes/${showtime.id}`, { token: admin })).status).toBe(204);
    const after = await s.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token: admin,
      body: { quantity: 1 },
    });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('showtime_not_on_sale');
  });
});
