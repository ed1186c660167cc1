/**
 * Bad input everywhere: each request gets a clear 4xx with the contract's error body (400 with field
 * paths for validation), and afterwards the database is exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
let theaterId: number;
let screenId: number;
let movieId: number;
let showtimeId: number;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  theaterId = (
    await s.request('POST', '/api/v1/theaters', {
      token: admin,
      body: { name: 'T', timeZone: 'Europe/London', currency: 'GBP' },
    })
  ).body.id;
  screenId = (
    await s.request('POST', `/api/v1/theaters/${theaterId}/screens`, {
      token: admin,
      body: { name: 'S', layout: simpleLayout() },
    })
  ).body.id;
  movieId = (await s.request('POST', '/api/v1/movies', { token: admin, body: { title: 'M', durationMinutes: 100 } }))
    .body.id;
  showtimeId = (
    await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: { movieId, screenId, startsAt: '2026-12-01T18:00:00Z' },
    })
  ).body.id;
});
afterAll(async () => {
  await s.close();
});

describe('bad input', () => {
  it('gets 400 validation_failed with field paths, and nothing changes', async () => {
    const cases: { method: string; path: string; body: unknown; fields: string[] }[] = [
      { method: 'POST', path: '/api/v1/movies', body: {}, fields: ['durationMinutes', 'title'] },
      {
        method: 'POST',
        path: '/api/v1/movies',
        body: { title: 'x'.repeat(201), durationMinutes: 1.5 },
        fields: ['durationMinutes', 'title'],
      },
      {
        method: 'POST',
        path: '/api/v1/movies',
        body: { title: 'X', durationMinutes: 90, genres: [1, 2] },
        fields: ['genres.0', 'genres.1'],
      },
      {
        method: 'POST',
        path: '/api/v1/movies',
        body: { title: 'X', durationMinutes: -5 },
        fields: ['durationMinutes'],
      },
      {
        method: 'POST',
        path: '/api/v1/movies',
        body: { title: 'X', durationMinutes: '90' },
        fields: ['durationMinutes'],
      },
      { method: 'PATCH', path: `/api/v1/movies/${movieId}`, body: { title: null }, fields: ['title'] },
      { method: 'PATCH', path: `/api/v1/movies/${movieId}`, body: { status: 'deleted' }, fields: ['status'] },
      { method: 'POST', path: '/api/v1/theaters', body: { name: 'X' }, fields: ['currency', 'timeZone'] },
      {
        method: 'PATCH',
        path: `/api/v1/theaters/${theaterId}`,
        body: { trailerMinutes: 500 },
        fields: ['trailerMinutes'],
      },
      { method: 'POST', path: `/api/v1/theaters/${theaterId}/screens`, body: { name: 'S2' }, fields: ['layout'] },
      {
        method: 'POST',
        path: `/api/v1/theaters/${theaterId}/screens`,
        body: { name: 'S2', layout: { rows: [{ label: 'a!', seats: [{ number: 0, type: 'standard' }] }] } },
        fields: ['layout.rows.0.label', 'layout.rows.0.seats.0.number'],
      },
      {
        method: 'PATCH',
        path: `/api/v1/screens/${screenId}`,
        body: { cleaningMinutes: -1 },
        fields: ['cleaningMinutes'],
      },
      {
        method: 'POST',
        path: '/api/v1/showtimes',
        body: { movieId: 'abc', screenId, startsAt: 'tomorrow' },
        fields: ['movieId', 'startsAt'],
      },
      {
        method: 'POST',
        path: '/api/v1/showtimes',
        body: { movieId, screenId, startsAt: '2026-12-01T18:00:00Z', format: '5D' },
        fields: ['format'],
      },
      {
        method: 'PATCH',
        path: `/api/v1/showtimes/${showtimeId}`,
        body: { trailerMinutes: 61 },
        fields: ['trailerMinutes'],
      },
      {
        method: 'POST',
        path: '/api/v1/users',
        body: { username: 'ok-name', password: 'long-enough-pw', role: 'root' },
        fields: ['role'],
      },
      {
        method: 'POST',
        path: '/api/v1/users',
        body: { username: 'has space', password: 'long-enough-pw', role: 'cashier' },
        fields: ['username'],
      },
      { method: 'POST', path: '/api/v1/api-keys', body: { name: '' }, fields: ['name'] },
      {
        method: 'POST',
        path: '/api/v1/auth/register',
        body: { username: 'newbie', password: 'short', email: 'x@y' },
        fields: ['email', 'password'],
      },
      { method: 'POST', path: '/api/v1/auth/login', body: { username: 42 }, fields: ['password', 'username'] },
      { method: 'POST', path: '/api/v1/movies', body: [1, 2, 3], fields: [''] },
    ];
    const before = databaseFingerprint(s.core);
    for (const c of cases) {
      const response = await s.request(c.method, c.path, { token: admin, body: c.body });
      const fields = (response.body?.error?.details?.fields ?? []).map((f: { path: string }) => f.path).sort();
      expect({
        case: `${c.method} ${c.path} ${JSON.stringify(c.body)}`,
        status: response.status,
        code: response.body?.error?.code,
        fields,
      }).toEqual({
        case: `${c.method} ${c.path} ${JSON.stringify(c.body)}`,
        status: 400,
        code: 'validation_failed',
        fields: c.fields,
      });
      expect(typeof response.body.error.message).toBe('string');
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('malformed JSON, unknown ids and routes get clear 4xx and change nothing', async () => {
    const before = databaseFingerprint(s.core);
    const notJson = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('bad_request');
    for (const path of [
      '/api/v1/movies/0',
      '/api/v1/movies/-1',
      '/api/v1/movies/1e3',
      `/api/v1/movies/${'9'.repeat(30)}`,
    ]) {
      expect((await s.request('GET', path)).status).toBe(400);
    }
    expect((await s.request('PATCH', '/api/v1/screens/424242', { token: admin, body: { name: 'x' } })).status).toBe(
      404,
    );
    expect((await s.request('DELETE', '/api/v1/showtimes/424242', { token: admin })).status).toBe(404);
    const unknown = await s.request('GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const huge = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'x', durationMinutes: 90, description: 'y'.repeat(1_100_000) },
    });
    expect(huge.status).toBe(413);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('errors never carry stack traces or SQL', async () => {
    const response = await s.request('POST', '/rpc/no.such.operation', { body: {} });
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|SELECT|sqlite/i);
  });
});
