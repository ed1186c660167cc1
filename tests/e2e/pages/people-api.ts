/**
 * Setup through the REST API for the People and Reviews tests: a staff account to edit, and a customer's
 * review of a film they paid for (a show ten days ahead, far from the other tests' shows).
 */
import { baseUrl, E2E_PASSWORD } from '../support/env';

async function rest<T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl()}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export { rest };

export async function adminToken(): Promise<string> {
  const session = await rest<{ token: string }>('POST', '/auth/login', null, {
    username: 'admin',
    password: E2E_PASSWORD,
  });
  if (session.status !== 200) throw new Error(`admin login failed: ${session.status}`);
  return session.body.token;
}

export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** A cashier of every theater, with the e2e password. */
export async function createStaff(
  prefix: string,
  role: 'cashier' | 'manager' = 'cashier',
): Promise<{ id: number; username: string }> {
  const token = await adminToken();
  const theaters = await rest<{ items: { id: number }[] }>('GET', '/theaters', null);
  const username = unique(prefix);
  const created = await rest<{ id: number }>('POST', '/users', token, {
    username,
    password: E2E_PASSWORD,
    role,
    theaterIds: theaters.body.items.map((theater) => theater.id),
  });
  if (created.status !== 201) throw new Error(`creating ${username} failed: ${created.status}`);
  return { id: created.body.id, username };
}

/** A new customer buys one seat of a show ten days ahead, pays (externally) and reviews the film. */
export async function customerReview(
  text: string,
): Promise<{ reviewId: number; movieId: number; title: string; author: string }> {
  const admin = await adminToken();
  const username = unique('reviewer');
  const name = `Rita ${username.slice(-4)}`;
  const registered = await rest('POST', '/auth/register', null, {
    username,
    password: E2E_PASSWORD,
    email: `${username}@example.com`,
    name,
  });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status}`);
  const token = (await rest<{ token: string }>('POST', '/auth/login', null, { username, password: E2E_PASSWORD })).body
    .token;
  const date = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const shows = await rest<{ items: { id: number; movieId: number }[] }>('GET', `/showtimes?date=${date}`, null);
  const show = shows.body.items[Math.floor(Math.random() * shows.body.items.length)];
  if (!show) throw new Error(`no showtimes on ${date}`);
  const hold = await rest<{ id: number; seatIds: number[] }>('POST', `/showtimes/${show.id}/holds`, token, {
    quantity: 1,
  });
  if (hold.status !== 201) throw new Error(`hold failed: ${hold.status}`);
  const booking = await rest<{ id: number; amountDue: number }>('POST', '/bookings', token, {
    holdId: hold.body.id,
    tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }],
  });
  if (booking.status !== 201) throw new Error(`booking failed: ${booking.status}`);
  const paid = await rest('POST', `/bookings/${booking.body.id}/payments`, admin, {
    method: 'external',
    amount: booking.body.amountDue,
    reference: `e2e-${booking.body.id}`,
  });
  if (paid.status !== 201) throw new Error(`payment failed: ${paid.status}`);
  const review = await rest<{ id: number; author: string }>('POST', `/movies/${show.movieId}/reviews`, token, {
    rating: 2,
    text,
  });
  if (review.status !== 201) throw new Error(`review failed: ${review.status}`);
  const movie = await rest<{ title: string }>('GET', `/movies/${show.movieId}`, null);
  return { reviewId: review.body.id, movieId: show.movieId, title: movie.body.title, author: review.body.author };
}
