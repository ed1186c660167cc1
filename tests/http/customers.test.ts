/**
 * Customer accounts over real sockets: registration, profile, password change, password reset by
 * one-time token, account deletion, booking history and kiosk sign-in. Every refused request leaves the
 * database fingerprint unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { PASSWORD, seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let cashier: string;
let kiosk: string;
let websiteKey: string;
let showtimeId: number;
let movieId: number;

const clock = () => s.clock as ManualClock;

async function login(username: string, password = PASSWORD) {
  return s.request('POST', '/api/v1/auth/login', { body: { username, password } });
}

async function register(username: string, extra: Record<string, unknown> = {}) {
  const created = await s.request('POST', '/api/v1/auth/register', {
    body: { username, password: PASSWORD, email: `${username}@example.com`, ...extra },
  });
  expect(created.status).toBe(201);
  const session = await login(username);
  return { userId: created.body.id as number, token: session.body.token as string };
}

/** Holds one seat as the customer, books it and (unless told not to) pays for it. */
async function buy(token: string, options: { pay?: boolean; showtime?: number; customer?: object } = {}) {
  const showtime = options.showtime ?? showtimeId;
  const hold = await s.request('POST', `/api/v1/showtimes/${showtime}/holds`, { token, body: { quantity: 1 } });
  expect(hold.status).toBe(201);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }],
      customer: options.customer,
    },
  });
  expect(booking.status).toBe(201);
  if (options.pay === false) return booking.body;
  // Paid online (an `external` payment), so that the customer's own cancellation can refund it.
  const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
    token: await s.adminToken(),
    body: { method: 'external', amount: booking.body.amountDue, reference: `psp-${booking.body.id}` },
  });
  expect(paid.status).toBe(201);
  return (await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token })).body;
}

/** Runs a request that must be refused and proves it wrote nothing. */
async function refused(
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
  status: number,
  code: string,
) {
  const before = databaseFingerprint(s.core);
  const response = await s.request(method, path, options);
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expect(databaseFingerprint(s.core)).toEqual(before);
  return response;
}

beforeAll(async () => {
  s = await startTestServer();
  cashier = (await s.userToken('cashier')).token;
  kiosk = (await s.userToken('kiosk')).token;
  websiteKey = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Website' } }))
    .body.key;
  expect((await s.request('POST', '/api/v1/shifts', { token: cashier, body: { openingFloat: 10000 } })).status).toBe(
    201,
  );
  const seed = await seedShowtime(s, { startsAt: '2026-11-28T19:00:00Z' });
  showtimeId = seed.showtime.id;
  movieId = seed.movie.id;
});
afterAll(async () => {
  await s.close();
});

describe('registration and profile', () => {
  it('registers with name and phone; the profile reads and updates them', async () => {
    const { token, userId } = await register('carol', { name: 'Carol Danvers', phone: '+44 20 7946 0000' });
    const me = await s.request('GET', '/api/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: userId,
      username: 'carol',
      name: 'Carol Danvers',
      email: 'carol@example.com',
      phone: '+44 20 7946 0000',
      hasPin: false,
      createdAt: expect.any(String),
    });
    const patched = await s.request('PATCH', '/api/v1/me', {
      token,
      body: { name: 'Carol D.', phone: null, email: 'carol.d@example.com', username: 'admin', role: 'admin' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      username: 'carol',
      name: 'Carol D.',
      phone: null,
      email: 'carol.d@example.com',
    });
    expect((await s.request('GET', '/api/v1/auth/me', { token })).body.role).toBe('customer');
  });

  it('refuses a taken username (409), a taken e-mail (409), a short password or a bad e-mail (400), changing nothing', async () => {
    await refused(
      'POST',
      '/api/v1/auth/register',
      { body: { username: 'CAROL', password: PASSWORD, email: 'x@example.com' } },
      409,
      'username_taken',
    );
    await refused(
      'POST',
      '/api/v1/auth/register',
      { body: { username: 'carol2', password: PASSWORD, email: 'Carol.D@example.com' } },
      409,
      'email_taken',
    );
    await refused(
      'POST',
      '/api/v1/auth/register',
      { body: { username: 'dave', password: '123456789', email: 'dave@example.com' } },
      400,
      'validation_failed',
    );
    await refused(
      'POST',
      '/api/v1/auth/register',
      { body: { username: 'dave', password: PASSWORD, email: 'dave-at-example' } },
      400,
      'validation_failed',
    );
    await refused(
      'POST',
      '/api/v1/auth/register',
      { body: { username: 'dave', password: PASSWORD, email: 'd@example.com', phone: 'call me' } },
      400,
      'validation_failed',
    );
    const other = await register('erin');
    await refused(
      'PATCH',
      '/api/v1/me',
      { token: other.token, body: { email: 'carol.d@example.com' } },
      409,
      'email_taken',
    );
    await refused('PATCH', '/api/v1/me', { token: other.token, body: { email: 'nope' } }, 400, 'validation_failed');
  });

  it('profile endpoints are for customers: staff get 403, no token 401', async () => {
    expect((await s.request('GET', '/api/v1/me', { token: cashier })).status).toBe(403);
    expect((await s.request('GET', '/api/v1/me')).status).toBe(401);
  });
});

describe('password change', () => {
  it('a wrong current password is 400 wrong_password and changes nothing', async () => {
    const { token } = await register('frank');
    await refused(
      'POST',
      '/api/v1/me/password',
      { token, body: { currentPassword: 'not-my-password', newPassword: 'brand-new-password' } },
      400,
      'wrong_password',
    );
    await refused(
      'POST',
      '/api/v1/me/password',
      { token, body: { currentPassword: PASSWORD, newPassword: 'short' } },
      400,
      'validation_failed',
    );
    expect((await login('frank')).status).toBe(200);
  });

  it('the right one changes it and ends every other session, not this one', async () => {
    const { token } = await register('grace');
    const other = (await login('grace')).body.token as string;
    const changed = await s.request('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' },
    });
    expect(changed.status).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await s.request('GET', '/api/v1/me', { token: other })).status).toBe(401);
    expect((await login('grace')).status).toBe(401);
    expect((await login('grace', 'a-brand-new-password')).status).toBe(200);
  });

  it('guessing the current password is throttled', async () => {
    const { token } = await register('heidi');
    for (let i = 0; i < 5; i += 1) {
      const wrong = await s.request('POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: `guess-number-${i}`, newPassword: 'brand-new-password' },
      });
      expect(wrong.status).toBe(400);
    }
    const locked = await s.request('POST', '/api/v1/me/password', {
      token,
      body: { currentPassword: PASSWORD, newPassword: 'brand-new-password' },
    });
    expect(locked.status).toBe(429);
  });
});

describe('password reset by one-time token', () => {
  const reset = (token: string, password = 'reset-password-1') =>
    s.request('POST', '/api/v1/auth/password-reset', { body: { token, password } });

  it('staff issue one at the counter; using it sets the password and ends every session', async () => {
    const { token: session, userId } = await register('ivan');
    const issued = await s.request('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'IVAN' } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ userId, username: 'ivan', email: 'ivan@example.com' });
    expect(issued.body.token).toMatch(/^mqr_[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(issued.body.expiresAt) - clock().now()).toBe(30 * 60_000);
    // only the verifier's hash is stored
    const stored = s.core.database.sqlite.prepare('SELECT verifier_hash FROM password_resets').all() as {
      verifier_hash: string;
    }[];
    expect(stored.some((row) => issued.body.token.includes(row.verifier_hash))).toBe(false);

    expect((await reset(issued.body.token)).status).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token: session })).status).toBe(401);
    expect((await login('ivan')).status).toBe(401);
    expect((await login('ivan', 'reset-password-1')).status).toBe(200);

    // single use
    await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: issued.body.token, password: 'another-password-2' } },
      400,
      'reset_token_invalid',
    );
  });

  it("the website's integration key asks by e-mail; the token dies after 30 minutes", async () => {
    await register('judy');
    const issued = await s.request('POST', '/api/v1/password-resets', {
      token: websiteKey,
      body: { email: 'JUDY@example.com' },
    });
    expect(issued.status).toBe(201);
    clock().advance(30 * 60_000);
    await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: issued.body.token, password: 'reset-password-1' } },
      400,
      'reset_token_invalid',
    );
    expect((await login('judy')).status).toBe(200);
  });

  it('a newer token replaces the older one', async () => {
    await register('ken');
    const first = await s.request('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'ken' } });
    const second = await s.request('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'ken' } });
    await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: first.body.token, password: 'reset-password-1' } },
      400,
      'reset_token_invalid',
    );
    expect((await reset(second.body.token)).status).toBe(204);
  });

  it('wrong verifiers are counted per token: after five, even the right one is refused (429)', async () => {
    await register('leo');
    const issued = await s.request('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'leo' } });
    const [selector] = (issued.body.token as string).split('.');
    for (let i = 0; i < 5; i += 1) {
      const forged = `${selector}.${'A'.repeat(42)}${i}`;
      await refused(
        'POST',
        '/api/v1/auth/password-reset',
        { body: { token: forged, password: 'reset-password-1' } },
        400,
        'reset_token_invalid',
      );
    }
    const locked = await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: issued.body.token, password: 'reset-password-1' } },
      429,
      'too_many_attempts',
    );
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('leo')).status).toBe(200);
  });

  it('malformed tokens and weak passwords are refused; only staff and integrations issue; only for customers', async () => {
    await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: 'mqr_nonsense', password: 'reset-password-1' } },
      400,
      'reset_token_invalid',
    );
    const issued = await s.request('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'leo' } });
    await refused(
      'POST',
      '/api/v1/auth/password-reset',
      { body: { token: issued.body.token, password: 'short' } },
      400,
      'validation_failed',
    );
    const customer = (await login('frank')).body.token as string;
    await refused('POST', '/api/v1/password-resets', { token: customer, body: { username: 'leo' } }, 403, 'forbidden');
    await refused('POST', '/api/v1/password-resets', { token: kiosk, body: { username: 'leo' } }, 403, 'forbidden');
    await refused('POST', '/api/v1/password-resets', { body: { username: 'leo' } }, 401, 'unauthenticated');
    // a cashier cannot take over the admin's account (or any staff account) this way
    await refused('POST', '/api/v1/password-resets', { token: cashier, body: { username: 'admin' } }, 404, 'not_found');
    await refused(
      'POST',
      '/api/v1/password-resets',
      { token: cashier, body: { username: 'nobody' } },
      404,
      'not_found',
    );
    await refused(
      'POST',
      '/api/v1/password-resets',
      { token: cashier, body: { username: 'leo', email: 'leo@example.com' } },
      400,
      'validation_failed',
    );
  });
});

describe('account deletion', () => {
  it('keeps the bookings, removes the personal data, ends the sessions and frees the username', async () => {
    const { token, userId } = await register('mallory', { name: 'Mallory Mel', phone: '+44 1632 960000' });
    const booking = await buy(token, {
      customer: { name: 'Mallory Mel', email: 'mallory@example.com', phone: '+44 1632 960000' },
    });
    expect(booking.customer).toMatchObject({ name: 'Mallory Mel' });
    await refused('POST', '/api/v1/me/delete', { token, body: { password: 'not-my-password' } }, 400, 'wrong_password');

    expect((await s.request('POST', '/api/v1/me/delete', { token, body: { password: PASSWORD } })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token })).status).toBe(401);
    expect((await login('mallory')).status).toBe(401);

    const kept = await s.request('GET', `/api/v1/bookings/${booking.id}`, { token: cashier });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: 'confirmed', total: booking.total, customer: null });
    const user = s.core.database.sqlite
      .prepare('SELECT username, name, email, phone, pin_hash, disabled, deleted_at FROM users WHERE id = ?')
      .get(userId);
    expect(user).toEqual({
      username: `~deleted-${userId}`,
      name: null,
      email: null,
      phone: null,
      pin_hash: null,
      disabled: 1,
      deleted_at: clock().now(),
    });
    const rows = s.core.database.sqlite
      .prepare('SELECT customer_name, customer_email, customer_phone FROM bookings WHERE customer_user_id = ?')
      .all(userId);
    expect(rows).toEqual([{ customer_name: null, customer_email: null, customer_phone: null }]);
    // the name and the e-mail are free for someone new
    await register('mallory');
  });
});

describe('booking history', () => {
  it("lists only the customer's own bookings with tickets and status, newest first, with cursors", async () => {
    const { token } = await register('nina');
    const other = await register('oscar');
    const mine = [await buy(token), await buy(token, { pay: false }), await buy(token)];
    await buy(other.token);
    const first = await s.request('GET', '/api/v1/bookings?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((b: { id: number }) => b.id)).toEqual([mine[2].id, mine[1].id]);
    expect(first.body.items[1]).toMatchObject({ status: 'pending_payment', tickets: [{ status: 'pending' }] });
    expect(first.body.items[0]).toMatchObject({
      status: 'confirmed',
      tickets: [{ status: 'valid' }],
    });
    const second = await s.request('GET', `/api/v1/bookings?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items.map((b: { id: number }) => b.id)).toEqual([mine[0].id]);
    expect(second.body.nextCursor).toBeNull();
    // staff searches are not for customers
    expect((await s.request('GET', '/api/v1/bookings?q=nina', { token })).status).toBe(403);
  });

  it('a customer cancels their own paid booking before the cut-off, not after it', async () => {
    const { token } = await register('peggy');
    const booking = await buy(token);
    const cancelled = await s.request('POST', `/api/v1/bookings/${booking.id}/cancel`, { token, body: {} });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('refunded');

    const admin = await s.adminToken();
    const soon = new Date(clock().now() + 20 * 60_000).toISOString();
    const late = await s.request('POST', '/api/v1/showtimes', {
      token: admin,
      body: {
        movieId,
        screenId: (await s.request('GET', `/api/v1/showtimes/${showtimeId}`)).body.screenId,
        startsAt: soon,
      },
    });
    expect(late.status).toBe(201);
    const tooLate = await buy(token, { showtime: late.body.id });
    await refused('POST', `/api/v1/bookings/${tooLate.id}/cancel`, { token, body: {} }, 409, 'cancellation_closed');
  });
});

describe('kiosk sign-in', () => {
  it('a member QR code signs the customer in; bookings the kiosk makes with the session are theirs', async () => {
    const { token, userId } = await register('quinn', { name: 'Quinn Q' });
    const code = await s.request('GET', '/api/v1/me/member-code', { token });
    expect(code.status).toBe(200);
    expect(code.body.code).toMatch(new RegExp(`^M1\\.${userId}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    const signIn = await s.request('POST', '/api/v1/kiosk/sign-in', {
      token: kiosk,
      body: { memberCode: code.body.code },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.customer).toEqual({ id: userId, username: 'quinn', name: 'Quinn Q' });
    expect(Date.parse(signIn.body.expiresAt) - clock().now()).toBe(10 * 60_000);

    const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
      token: kiosk,
      body: { quantity: 1 },
    });
    const booking = await s.request('POST', '/api/v1/bookings', {
      token: kiosk,
      body: {
        holdId: hold.body.id,
        tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }],
        customerToken: signIn.body.token,
      },
    });
    expect(booking.status).toBe(201);
    expect(booking.body.channel).toBe('kiosk');
    // "my tickets" at the kiosk, with the short session as the bearer token; and later on the website
    const mine = await s.request('GET', '/api/v1/bookings', { token: signIn.body.token });
    expect(mine.body.items.map((b: { id: number }) => b.id)).toEqual([booking.body.id]);
    expect((await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token })).status).toBe(200);
    // the kiosk that made it still reads it
    expect((await s.request('GET', `/api/v1/bookings/${booking.body.id}`, { token: kiosk })).status).toBe(200);
    // signing out at the kiosk ends that short session
    expect((await s.request('POST', '/api/v1/auth/logout', { token: signIn.body.token })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/bookings', { token: signIn.body.token })).status).toBe(401);
  });

  it('e-mail and PIN sign in; a wrong PIN is refused and throttled; the PIN needs the password to set', async () => {
    const { token, userId } = await register('rita');
    await refused(
      'PUT',
      '/api/v1/me/pin',
      { token, body: { password: 'not-my-password', pin: '4321' } },
      400,
      'wrong_password',
    );
    await refused(
      'PUT',
      '/api/v1/me/pin',
      { token, body: { password: PASSWORD, pin: '12' } },
      400,
      'validation_failed',
    );
    expect(
      (await s.request('PUT', '/api/v1/me/pin', { token, body: { password: PASSWORD, pin: '4321' } })).status,
    ).toBe(204);
    expect((await s.request('GET', '/api/v1/me', { token })).body.hasPin).toBe(true);

    const ok = await s.request('POST', '/api/v1/kiosk/sign-in', {
      token: kiosk,
      body: { email: 'RITA@example.com', pin: '4321' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.customer.id).toBe(userId);
    for (let i = 0; i < 5; i += 1) {
      await refused(
        'POST',
        '/api/v1/kiosk/sign-in',
        { token: kiosk, body: { email: 'rita@example.com', pin: `000${i}` } },
        400,
        'sign_in_failed',
      );
    }
    await refused(
      'POST',
      '/api/v1/kiosk/sign-in',
      { token: kiosk, body: { email: 'rita@example.com', pin: '4321' } },
      429,
      'too_many_attempts',
    );
  });

  it('refuses forged or foreign codes, other roles, and customer tokens from anyone but a kiosk', async () => {
    const { token } = await register('sybil');
    const code = (await s.request('GET', '/api/v1/me/member-code', { token })).body.code as string;
    const parts = code.split('.');
    const otherUser = [parts[0], String(Number(parts[1]) - 1), parts[2], parts[3]].join('.');
    await refused(
      'POST',
      '/api/v1/kiosk/sign-in',
      { token: kiosk, body: { memberCode: otherUser } },
      400,
      'sign_in_failed',
    );
    await refused(
      'POST',
      '/api/v1/kiosk/sign-in',
      { token: kiosk, body: { memberCode: 'hello' } },
      400,
      'sign_in_failed',
    );
    await refused('POST', '/api/v1/kiosk/sign-in', { token: cashier, body: { memberCode: code } }, 403, 'forbidden');
    await refused('POST', '/api/v1/kiosk/sign-in', { token, body: { memberCode: code } }, 403, 'forbidden');

    const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
      token: cashier,
      body: { quantity: 1 },
    });
    await refused(
      'POST',
      '/api/v1/bookings',
      {
        token: cashier,
        body: {
          holdId: hold.body.id,
          tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }],
          customerToken: token,
        },
      },
      400,
      'validation_failed',
    );
    const kioskHold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
      token: kiosk,
      body: { quantity: 1 },
    });
    await refused(
      'POST',
      '/api/v1/bookings',
      {
        token: kiosk,
        body: {
          holdId: kioskHold.body.id,
          tickets: [{ seatId: kioskHold.body.seatIds[0], ticketType: 'adult' }],
          customerToken: cashier,
        },
      },
      400,
      'validation_failed',
    );
    // a deleted account's code stops working
    expect((await s.request('POST', '/api/v1/me/delete', { token, body: { password: PASSWORD } })).status).toBe(204);
    await refused('POST', '/api/v1/kiosk/sign-in', { token: kiosk, body: { memberCode: code } }, 400, 'sign_in_failed');
  });
});
