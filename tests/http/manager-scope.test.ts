/**
 * A manager acts only on their own theaters. For every write path that names another theater's object,
 * the answer is 404 (not 403: they must not learn it exists), and the database is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let managerA: string;
const B = { theaterId: 0, screenId: 0, showtimeId: 0 };
const A = { theaterId: 0, screenId: 0, showtimeId: 0 };
let movieId = 0;

async function seedTheater(name: string, target: typeof A, hour: number): Promise<void> {
  const admin = await s.adminToken();
  target.theaterId = (
    await s.request('POST', '/api/v1/theaters', {
      token: admin,
      body: { name, timeZone: 'Europe/London', currency: 'GBP' },
    })
  ).body.id;
  target.screenId = (
    await s.request('POST', `/api/v1/theaters/${target.theaterId}/screens`, {
      token: admin,
      body: { name: 'Screen 1', layout: simpleLayout() },
    })
  ).body.id;
  target.showtimeId = (
    await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId: target.screenId, startsAt: `2026-12-01T${hour}:00:00Z` },
    })
  ).body.id;
}

beforeAll(async () => {
  s = await startTestServer();
  const admin = await s.adminToken();
  movieId = (
    await s.request('POST', '/api/v1/movies', { token: admin, body: { title: 'Shared film', durationMinutes: 100 } })
  ).body.id;
  await seedTheater('Theater A', A, 14);
  await seedTheater('Theater B', B, 18);
  managerA = (await s.userToken('manager', [A.theaterId])).token;
});
afterAll(async () => {
  await s.close();
});

const writesOn = (t: typeof A) => [
  { name: 'update theater', method: 'PATCH', path: `/api/v1/theaters/${t.theaterId}`, body: { name: 'Renamed' } },
  {
    name: 'create screen',
    method: 'POST',
    path: `/api/v1/theaters/${t.theaterId}/screens`,
    body: { name: 'New', layout: simpleLayout(1, 2) },
  },
  {
    name: 'update screen',
    method: 'PATCH',
    path: `/api/v1/screens/${t.screenId}`,
    body: { name: 'Renamed', cleaningMinutes: 30 },
  },
  {
    name: 'create showtime',
    method: 'POST',
    path: '/api/v1/showtimes',
    body: { movieId: 0, screenId: t.screenId, startsAt: '2026-12-02T10:00:00Z' },
  },
  {
    name: 'update showtime',
    method: 'PATCH',
    path: `/api/v1/showtimes/${t.showtimeId}`,
    body: { startsAt: '2026-12-01T21:00:00Z' },
  },
  { name: 'cancel showtime', method: 'DELETE', path: `/api/v1/showtimes/${t.showtimeId}` },
  {
    name: 'move showtime onto it',
    method: 'PATCH',
    path: `/api/v1/showtimes/${A.showtimeId}`,
    body: { screenId: t.screenId },
  },
];

describe("a manager and another theater's objects", () => {
  it('every write path answers 404 and changes nothing', async () => {
    const before = databaseFingerprint(s.core);
    for (const write of writesOn(B)) {
      const body = write.body && 'movieId' in write.body ? { ...write.body, movieId } : write.body;
      const response = await s.request(write.method, write.path, { token: managerA, body });
      expect({ write: write.name, status: response.status, code: response.body?.error?.code }).toEqual({
        write: write.name,
        status: 404,
        code: 'not_found',
      });
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('the same paths on their own theater succeed (the matrix is not vacuous)', async () => {
    for (const write of writesOn(A).filter((w) => w.name !== 'move showtime onto it' && w.name !== 'cancel showtime')) {
      const body = write.body && 'movieId' in write.body ? { ...write.body, movieId } : write.body;
      const response = await s.request(write.method, write.path, { token: managerA, body });
      expect({ write: write.name, status: response.status }).toEqual({
        write: write.name,
        status: write.method === 'POST' ? 201 : 200,
      });
    }
    expect((await s.request('DELETE', `/api/v1/showtimes/${A.showtimeId}`, { token: managerA })).status).toBe(204);
  });

  it('reads of the catalog stay open to everyone', async () => {
    expect((await s.request('GET', `/api/v1/theaters/${B.theaterId}/screens`, { token: managerA })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/showtimes/${B.showtimeId}`, { token: managerA })).status).toBe(200);
  });
});
