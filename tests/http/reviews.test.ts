/**
 * Reviews and ratings over real sockets: who may review (a customer with a paid ticket for the film),
 * what (a whole rating 1..5, text up to 2,000 characters), how often (once; edits replace), moderation
 * (hidden reviews leave lists and averages) and the film's rating everywhere a film is returned.
 * Every refused request leaves the database fingerprint unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
let cashier: string;
const film = { movieId: 0, showtimeId: 0 };
const otherFilm = { movieId: 0, showtimeId: 0 };

let customers = 0;
async function customer(name?: string) {
  customers += 1;
  const username = `reviewer${customers}`;
  const created = await s.request('POST', '/api/v1/auth/register', {
    body: { username, password: PASSWORD, email: `${username}@example.com`, name },
  });
  expect(created.status).toBe(201);
  const session = await s.request('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
  return { token: session.body.token as string, userId: created.body.id as number };
}

/** One seat for the customer on the showtime; paid online unless told otherwise. */
async function buy(token: string, showtimeId: number, pay = true) {
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { quantity: 1 } });
  const booking = await s.request('POST', '/api/v1/bookings', {
    token,
    body: { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] },
  });
  expect(booking.status).toBe(201);
  if (pay) {
    const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
      token: admin,
      body: { method: 'external', amount: booking.body.amountDue, reference: `psp-${booking.body.id}` },
    });
    expect(paid.status).toBe(201);
  }
  return booking.body as { id: number };
}

async function refused(
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
  status: number,
  code: string,
) {
  const before = databaseFingerprint(s.core);
  const response = await s.request(method, path, options);
  expect({ path, body: options.body, status: response.status, code: response.body?.error?.code }).toEqual({
    path,
    body: options.body,
    status,
    code,
  });
  expect(databaseFingerprint(s.core)).toEqual(before);
  return response;
}

const reviewsOf = (movieId: number) => `/api/v1/movies/${movieId}/reviews`;
const rating = async (movieId: number) => (await s.request('GET', `/api/v1/movies/${movieId}`)).body.rating;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  cashier = (await s.userToken('cashier')).token;
  const a = await seedShowtime(s, { startsAt: '2026-11-28T19:00:00Z' });
  const b = await seedShowtime(s, { startsAt: '2026-11-28T19:00:00Z' });
  Object.assign(film, { movieId: a.movie.id, showtimeId: a.showtime.id });
  Object.assign(otherFilm, { movieId: b.movie.id, showtimeId: b.showtime.id });
});
afterAll(async () => {
  await s.close();
});

describe('who may review', () => {
  it('not a customer without a ticket, with an unpaid or refunded one, or one for another film (403)', async () => {
    const none = await customer();
    await refused('POST', reviewsOf(film.movieId), { token: none.token, body: { rating: 4 } }, 403, 'ticket_required');

    const unpaid = await customer();
    await buy(unpaid.token, film.showtimeId, false);
    await refused(
      'POST',
      reviewsOf(film.movieId),
      { token: unpaid.token, body: { rating: 4 } },
      403,
      'ticket_required',
    );

    const refunded = await customer();
    const booking = await buy(refunded.token, film.showtimeId);
    const cancelled = await s.request('POST', `/api/v1/bookings/${booking.id}/cancel`, {
      token: refunded.token,
      body: {},
    });
    expect(cancelled.body.status).toBe('refunded');
    await refused(
      'POST',
      reviewsOf(film.movieId),
      { token: refunded.token, body: { rating: 4 } },
      403,
      'ticket_required',
    );

    const elsewhere = await customer();
    await buy(elsewhere.token, otherFilm.showtimeId);
    await refused(
      'POST',
      reviewsOf(film.movieId),
      { token: elsewhere.token, body: { rating: 4 } },
      403,
      'ticket_required',
    );
  });

  it('not staff (403), not anonymous (401); an unknown film is 404', async () => {
    await refused('POST', reviewsOf(film.movieId), { token: cashier, body: { rating: 4 } }, 403, 'forbidden');
    await refused('POST', reviewsOf(film.movieId), { body: { rating: 4 } }, 401, 'unauthenticated');
    const paid = await customer();
    await buy(paid.token, film.showtimeId);
    await refused('POST', reviewsOf(999_999), { token: paid.token, body: { rating: 4 } }, 404, 'not_found');
    expect((await s.request('GET', reviewsOf(999_999))).status).toBe(404);
  });
});

describe('what a review may say', () => {
  it('a rating of 0, 6, 999, 2.5, "5", -1 or none, or text of 2,001 characters, is 400 and changes nothing', async () => {
    const paid = await customer();
    await buy(paid.token, otherFilm.showtimeId);
    const bad: unknown[] = [
      { rating: 0 },
      { rating: 6 },
      { rating: 999 },
      { rating: 2.5 },
      { rating: '5' },
      { rating: -1 },
      { rating: null },
      {},
      { rating: 4, text: 'x'.repeat(2001) },
      { rating: 4, text: 42 },
    ];
    for (const body of bad) {
      const response = await refused(
        'POST',
        reviewsOf(otherFilm.movieId),
        { token: paid.token, body },
        400,
        'validation_failed',
      );
      expect(response.body.error.details.fields[0].path).toMatch(/^(rating|text)$/);
    }
    const longest = await s.request('POST', reviewsOf(otherFilm.movieId), {
      token: paid.token,
      body: { rating: 5, text: 'y'.repeat(2000), id: 1, movieId: film.movieId, hidden: null },
    });
    expect(longest.status).toBe(201);
    expect(longest.body).toMatchObject({ movieId: otherFilm.movieId, rating: 5, hidden: null });
    expect(longest.body.text).toHaveLength(2000);
  });
});

describe('one review per customer and film', () => {
  it('a second POST is 409 review_exists; PATCH replaces it and the rating follows', async () => {
    const alice = await customer('Alice Smith');
    await buy(alice.token, film.showtimeId);
    const first = await s.request('POST', reviewsOf(film.movieId), {
      token: alice.token,
      body: { rating: 4, text: '  Loved the score.  ' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rating: 4, text: 'Loved the score.', author: 'Alice S.' });
    const again = await refused(
      'POST',
      reviewsOf(film.movieId),
      { token: alice.token, body: { rating: 5 } },
      409,
      'review_exists',
    );
    expect(again.body.error.details.reviewId).toBe(first.body.id);
    expect(await rating(film.movieId)).toEqual({ average: 4, count: 1 });

    await refused(
      'PATCH',
      `/api/v1/reviews/${first.body.id}`,
      { token: alice.token, body: { rating: 7 } },
      400,
      'validation_failed',
    );
    const edited = await s.request('PATCH', `/api/v1/reviews/${first.body.id}`, {
      token: alice.token,
      body: { rating: 2, text: '' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: first.body.id, rating: 2, text: null });
    expect(await rating(film.movieId)).toEqual({ average: 2, count: 1 });

    const listed = await s.request('GET', reviewsOf(film.movieId));
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ id: first.body.id, rating: 2 });
  });
});

describe('ratings and moderation', () => {
  it('averages visible reviews on every film read; hidden ones leave lists and averages until restored', async () => {
    const bob = await customer('Bob');
    await buy(bob.token, film.showtimeId);
    const review = await s.request('POST', reviewsOf(film.movieId), { token: bob.token, body: { rating: 5 } });
    expect(review.status).toBe(201);
    // Alice's 2 and Bob's 5
    expect(await rating(film.movieId)).toEqual({ average: 3.5, count: 2 });
    const list = await s.request('GET', '/api/v1/movies');
    expect(list.body.items.find((m: { id: number }) => m.id === film.movieId).rating).toEqual({
      average: 3.5,
      count: 2,
    });

    await refused(
      'POST',
      `/api/v1/reviews/${review.body.id}/hide`,
      { token: cashier, body: { reason: 'Spoilers' } },
      403,
      'forbidden',
    );
    await refused(
      'POST',
      `/api/v1/reviews/${review.body.id}/hide`,
      { token: admin, body: {} },
      400,
      'validation_failed',
    );
    const hidden = await s.request('POST', `/api/v1/reviews/${review.body.id}/hide`, {
      token: admin,
      body: { reason: 'Spoilers' },
    });
    expect(hidden.status).toBe(200);
    expect(hidden.body.hidden).toEqual({ at: expect.any(String), reason: 'Spoilers' });
    expect(await rating(film.movieId)).toEqual({ average: 2, count: 1 });
    const visible = (await s.request('GET', reviewsOf(film.movieId))).body.items.map((r: { id: number }) => r.id);
    expect(visible).not.toContain(review.body.id);
    // the author sees why; the admin's moderation list finds it
    const mine = await s.request('GET', '/api/v1/me/reviews', { token: bob.token });
    expect(mine.body.items[0]).toMatchObject({ id: review.body.id, hidden: { reason: 'Spoilers' } });
    const queue = await s.request('GET', '/api/v1/reviews?status=hidden', { token: admin });
    expect(queue.body.items.map((r: { id: number }) => r.id)).toEqual([review.body.id]);
    // editing a hidden review does not bring it back
    await s.request('PATCH', `/api/v1/reviews/${review.body.id}`, { token: bob.token, body: { rating: 1 } });
    expect(await rating(film.movieId)).toEqual({ average: 2, count: 1 });

    const restored = await s.request('POST', `/api/v1/reviews/${review.body.id}/restore`, { token: admin });
    expect(restored.body.hidden).toBeNull();
    expect(await rating(film.movieId)).toEqual({ average: 1.5, count: 2 });
    const shown = (await s.request('GET', reviewsOf(film.movieId))).body.items.map((r: { id: number }) => r.id);
    expect(shown).toEqual([review.body.id, expect.any(Number)]);
  });

  it('lists page with cursors, newest first', async () => {
    const first = await s.request('GET', `${reviewsOf(film.movieId)}?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await s.request('GET', `${reviewsOf(film.movieId)}?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).toBeLessThan(first.body.items[0].id);
    expect(second.body.nextCursor).toBeNull();
  });

  it("a deleted account's reviews go, and the film's rating follows", async () => {
    const carl = await customer('Carl');
    await buy(carl.token, film.showtimeId);
    await s.request('POST', reviewsOf(film.movieId), { token: carl.token, body: { rating: 5, text: 'Mine' } });
    expect((await rating(film.movieId)).count).toBe(3);
    expect(
      (await s.request('POST', '/api/v1/me/delete', { token: carl.token, body: { password: PASSWORD } })).status,
    ).toBe(204);
    expect(await rating(film.movieId)).toEqual({ average: 1.5, count: 2 });
    const texts = (await s.request('GET', reviewsOf(film.movieId))).body.items.map((r: { text: string }) => r.text);
    expect(texts).not.toContain('Mine');
  });

  it("a film's visible reviews and their aggregate are read from the partial index", () => {
    const plan = (query: string) =>
      (s.core.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(film.movieId) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ');
    const list = plan('SELECT * FROM reviews WHERE movie_id = ? AND hidden_at IS NULL ORDER BY id DESC LIMIT 51');
    expect(list).toContain('USING INDEX reviews_movie_visible');
    expect(list).not.toContain('TEMP B-TREE');
    const aggregate = plan('SELECT sum(rating), count(*) FROM reviews WHERE movie_id = ? AND hidden_at IS NULL');
    expect(aggregate).toContain('reviews_movie_visible');
  });

  it('the stored rating always equals the visible reviews (recomputed, never drifting)', () => {
    const rows = s.core.database.sqlite
      .prepare(
        `SELECT m.id, m.rating_sum AS sum, m.rating_count AS count,
                (SELECT coalesce(sum(rating), 0) FROM reviews r WHERE r.movie_id = m.id AND r.hidden_at IS NULL) AS s,
                (SELECT count(*) FROM reviews r WHERE r.movie_id = m.id AND r.hidden_at IS NULL) AS c
         FROM movies m`,
      )
      .all() as { sum: number; count: number; s: number; c: number }[];
    for (const row of rows) expect([row.sum, row.count]).toEqual([row.s, row.c]);
  });
});
