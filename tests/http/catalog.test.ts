import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
let admin: string;
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
});
afterAll(async () => {
  await s.close();
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('movies', () => {
  it('admin and manager create films (201) with every field; read-only fields are ignored', async () => {
    const { token: manager } = await s.userToken('manager');
    const full = {
      title: 'The Long Night',
      durationMinutes: 128,
      description: 'A lighthouse keeper waits out a storm.',
      releaseDate: '2026-10-02',
      genres: ['Drama', 'Thriller'],
      language: 'English',
      certificate: '12A',
      trailerUrl: 'https://example.com/trailer',
      id: 4242,
      rating: { average: 5, count: 999 },
      status: 'archived',
      createdAt: '2000-01-01T00:00:00Z',
    };
    for (const token of [admin, manager]) {
      const response = await s.request('POST', '/api/v1/movies', { token, body: full });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        title: 'The Long Night',
        durationMinutes: 128,
        genres: ['Drama', 'Thriller'],
        certificate: '12A',
        status: 'active',
        rating: { average: null, count: 0 },
        posterUrl: null,
      });
      expect(response.body.id).not.toBe(4242);
    }
  });

  it('the seed contract: title and duration are enough', async () => {
    const response = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'Minimal', durationMinutes: 90 },
    });
    expect(response.status).toBe(201);
    const listed = await s.request('GET', '/api/v1/movies');
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((movie: { id: number }) => movie.id === response.body.id);
    expect(item).toMatchObject({
      id: response.body.id,
      title: 'Minimal',
      durationMinutes: 90,
      rating: { average: null, count: 0 },
    });
  });

  it('cashiers, customers and kiosks may not create films; anonymous callers get 401', async () => {
    for (const role of ['cashier', 'customer', 'kiosk'] as const) {
      const { token } = await s.userToken(role);
      expect(
        (await s.request('POST', '/api/v1/movies', { token, body: { title: 'No', durationMinutes: 90 } })).status,
      ).toBe(403);
    }
    expect((await s.request('POST', '/api/v1/movies', { body: { title: 'No', durationMinutes: 90 } })).status).toBe(
      401,
    );
  });

  it('validates with field paths', async () => {
    const response = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: {
        title: '  ',
        durationMinutes: 0,
        releaseDate: '2026-02-30',
        genres: 'Drama',
        trailerUrl: 'javascript:alert(1)',
      },
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.fields.map((field: { path: string }) => field.path).sort();
    expect(paths).toEqual(['durationMinutes', 'genres', 'releaseDate', 'title', 'trailerUrl']);
  });

  it('gets, patches and deletes; 404 for unknown ids, 400 for bad ids', async () => {
    const created = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'Patch me', durationMinutes: 100 },
    });
    const id = created.body.id as number;
    expect((await s.request('GET', `/api/v1/movies/${id}`)).body.title).toBe('Patch me');
    const patched = await s.request('PATCH', `/api/v1/movies/${id}`, {
      token: admin,
      body: { title: 'Patched', id: 1, certificate: 'PG' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, title: 'Patched', certificate: 'PG', durationMinutes: 100 });
    expect((await s.request('DELETE', `/api/v1/movies/${id}`, { token: admin })).status).toBe(204);
    expect((await s.request('GET', `/api/v1/movies/${id}`)).status).toBe(404);
    expect((await s.request('PATCH', '/api/v1/movies/999999', { token: admin, body: { title: 'x' } })).status).toBe(
      404,
    );
    expect((await s.request('GET', '/api/v1/movies/abc')).status).toBe(400);
  });

  it('searches titles and pages with a cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      await s.request('POST', '/api/v1/movies', {
        token: admin,
        body: { title: `Paging film ${i}`, durationMinutes: 90 },
      });
    }
    const first = await s.request('GET', '/api/v1/movies?q=paging%20FILM&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const seen = first.body.items.map((movie: { title: string }) => movie.title);
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const next = await s.request('GET', `/api/v1/movies?q=paging%20film&limit=2&cursor=${cursor}`);
      seen.push(...next.body.items.map((movie: { title: string }) => movie.title));
      cursor = next.body.nextCursor;
    }
    expect(seen).toEqual(['Paging film 4', 'Paging film 3', 'Paging film 2', 'Paging film 1', 'Paging film 0']);
    expect((await s.request('GET', '/api/v1/movies?cursor=garbage')).status).toBe(400);
    expect((await s.request('GET', '/api/v1/movies?limit=201')).status).toBe(400);
  });

  it('archived films leave the default list but stay readable', async () => {
    const created = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'Old reel', durationMinutes: 80 },
    });
    await s.request('PATCH', `/api/v1/movies/${created.body.id}`, { token: admin, body: { status: 'archived' } });
    const active = await s.request('GET', '/api/v1/movies?limit=200');
    expect(active.body.items.some((movie: { id: number }) => movie.id === created.body.id)).toBe(false);
    const all = await s.request('GET', '/api/v1/movies?status=all&limit=200');
    expect(all.body.items.some((movie: { id: number }) => movie.id === created.body.id)).toBe(true);
  });
});

describe('posters', () => {
  it('uploads a PNG as raw bytes and serves it back', async () => {
    const movie = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'Poster film', durationMinutes: 90 },
    });
    const upload = await s.request('PUT', `/api/v1/movies/${movie.body.id}/poster`, {
      token: admin,
      raw: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status).toBe(200);
    expect(upload.body.posterUrl).toMatch(new RegExp(`^/api/v1/movies/${movie.body.id}/poster\\?v=1$`));
    const image = await fetch(s.url + upload.body.posterUrl);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses bytes that are not the declared image type, SVG, and oversized files', async () => {
    const movie = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'Bad poster', durationMinutes: 90 },
    });
    const path = `/api/v1/movies/${movie.body.id}/poster`;
    const fake = await s.request('PUT', path, {
      token: admin,
      raw: Buffer.from('<html>not a png</html>'),
      headers: { 'content-type': 'image/png' },
    });
    expect(fake.status).toBe(415);
    const svg = await s.request('PUT', path, {
      token: admin,
      raw: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      headers: { 'content-type': 'image/svg+xml' },
    });
    expect(svg.status).toBe(400);
    const big = Buffer.alloc(5 * 1024 * 1024 + 10);
    PNG.copy(big);
    expect(
      (await s.request('PUT', path, { token: admin, raw: big, headers: { 'content-type': 'image/png' } })).status,
    ).toBe(413);
    expect((await s.request('GET', path)).status).toBe(404);
    const { token } = await s.userToken('cashier');
    expect((await s.request('PUT', path, { token, raw: PNG, headers: { 'content-type': 'image/png' } })).status).toBe(
      403,
    );
  });

  it('accepts base64 over the RPC transport too', async () => {
    const movie = await s.request('POST', '/api/v1/movies', {
      token: admin,
      body: { title: 'RPC poster', durationMinutes: 90 },
    });
    const response = await s.request('POST', '/rpc/movies.setPoster', {
      token: admin,
      body: { movieId: movie.body.id, contentType: 'image/png', data: PNG.toString('base64') },
    });
    expect(response.status).toBe(200);
    expect(response.body.posterUrl).toContain('/poster?v=1');
  });
});
