import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, PASSWORD, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s.close();
});

describe('health', () => {
  it('answers ok with the version, without a token', async () => {
    const response = await s.request('GET', '/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', version: expect.any(String) });
  });
});

describe('login', () => {
  it('gives a token, its expiry and the user', async () => {
    const response = await s.request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.body.token).toMatch(/^mqs_[A-Za-z0-9_-]{40,}$/);
    expect(Date.parse(response.body.expiresAt)).toBeGreaterThan(s.clock.now());
    expect(response.body.user).toEqual({ id: expect.any(Number), username: 'admin', role: 'admin' });
    const me = await s.request('GET', '/api/v1/auth/me', { token: response.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', name: 'admin', role: 'admin' });
  });

  it('refuses a wrong password or an unknown user with 401 invalid_credentials', async () => {
    for (const body of [
      { username: 'admin', password: 'wrong-password' },
      { username: 'nobody-here', password: 'whatever-123' },
    ]) {
      const response = await s.request('POST', '/api/v1/auth/login', { body });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('invalid_credentials');
    }
  });

  it('throttles an account after repeated failures, even with the right password, with Retry-After', async () => {
    await s.userToken('cashier', [], 'throttled');
    for (let i = 0; i < 5; i += 1) {
      const response = await s.request('POST', '/api/v1/auth/login', {
        body: { username: 'throttled', password: 'wrong-password' },
      });
      expect(response.status).toBe(401);
    }
    const locked = await s.request('POST', '/api/v1/auth/login', {
      body: { username: 'throttled', password: PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('rejects a missing, malformed, unknown or revoked token with 401 on protected endpoints', async () => {
    expect((await s.request('GET', '/api/v1/users')).status).toBe(401);
    expect((await s.request('GET', '/api/v1/users', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await s.request('GET', '/api/v1/users', { token: 'mqs_not-a-real-token' })).status).toBe(401);
    const { token } = await s.userToken('admin');
    expect((await s.request('GET', '/api/v1/users', { token })).status).toBe(200);
    expect((await s.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await s.request('GET', '/api/v1/users', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('ignores a bad token on public reads', async () => {
    expect((await s.request('GET', '/api/v1/movies', { token: 'mqs_expired' })).status).toBe(200);
  });

  it('expires sessions', async () => {
    const { token } = await s.userToken('cashier');
    expect((await s.request('GET', '/api/v1/auth/me', { token })).status).toBe(200);
    (s.clock as unknown as { advance(ms: number): void }).advance(13 * 3_600_000);
    expect((await s.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });
});

describe('users', () => {
  it('admin creates users of every role; others get 403, no token 401', async () => {
    const admin = await s.adminToken();
    for (const role of ['admin', 'manager', 'cashier', 'kiosk', 'customer']) {
      const response = await s.request('POST', '/api/v1/users', {
        token: admin,
        body: { username: `new-${role}`, password: PASSWORD, role },
      });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ username: `new-${role}`, role, disabled: false });
      expect(response.body).not.toHaveProperty('passwordHash');
      expect(response.body).not.toHaveProperty('password');
    }
    for (const role of ['manager', 'cashier', 'customer', 'kiosk'] as const) {
      const { token } = await s.userToken(role);
      const response = await s.request('POST', '/api/v1/users', {
        token,
        body: { username: `x-${role}`, password: PASSWORD, role: 'admin' },
      });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('forbidden');
    }
    expect(
      (await s.request('POST', '/api/v1/users', { body: { username: 'anon', password: PASSWORD, role: 'admin' } }))
        .status,
    ).toBe(401);
  });

  it('refuses a taken username (case-insensitively) with 409 and bad fields with 400', async () => {
    const admin = await s.adminToken();
    const taken = await s.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'ADMIN', password: PASSWORD, role: 'cashier' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('username_taken');
    const bad = await s.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'a', password: 'short', role: 'superuser' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'password',
      'role',
      'username',
    ]);
  });

  it('assigns managers to existing theaters only', async () => {
    const admin = await s.adminToken();
    const response = await s.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'mgr-ghost', password: PASSWORD, role: 'manager', theaterIds: [999] },
    });
    expect(response.status).toBe(400);
  });

  it('disabling a user ends their sessions', async () => {
    const admin = await s.adminToken();
    const { token, userId } = await s.userToken('cashier');
    const patch = await s.request('PATCH', `/api/v1/users/${userId}`, { token: admin, body: { disabled: true } });
    expect(patch.status).toBe(200);
    expect(patch.body.disabled).toBe(true);
    expect((await s.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });
});

describe('registration', () => {
  it('creates a customer; a role in the body is never written', async () => {
    const response = await s.request('POST', '/api/v1/auth/register', {
      body: {
        username: 'alice',
        password: 'alice-password',
        email: 'alice@example.com',
        name: 'Alice',
        role: 'admin',
        id: 1,
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      username: 'alice',
      role: 'customer',
      email: 'alice@example.com',
      name: 'Alice',
    });
    expect(response.body.id).not.toBe(1);
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { username: 'alice', password: 'alice-password' },
    });
    expect(login.body.user.role).toBe('customer');
  });

  it('409 for a taken username, 400 for a short password or a bad e-mail', async () => {
    expect(
      (
        await s.request('POST', '/api/v1/auth/register', {
          body: { username: 'alice', password: 'another-password', email: 'a2@example.com' },
        })
      ).status,
    ).toBe(409);
    const short = await s.request('POST', '/api/v1/auth/register', {
      body: { username: 'bob', password: '123456789', email: 'bob@example.com' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields[0].path).toBe('password');
    const email = await s.request('POST', '/api/v1/auth/register', {
      body: { username: 'bob', password: 'bob-password-1', email: 'not-an-email' },
    });
    expect(email.status).toBe(400);
    expect(email.body.error.details.fields[0].path).toBe('email');
  });

  it('a customer may not read the user list', async () => {
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { username: 'alice', password: 'alice-password' },
    });
    expect((await s.request('GET', '/api/v1/users', { token: login.body.token })).status).toBe(403);
  });
});

describe('API keys', () => {
  it('are shown once, work as bearer tokens with their role, and stop working when revoked', async () => {
    const admin = await s.adminToken();
    const created = await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Website' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      key: expect.stringMatching(/^mqk_/),
      role: 'integration',
    });
    const key = created.body.key as string;

    const listed = await s.request('GET', '/api/v1/api-keys', { token: admin });
    const entry = listed.body.items.find((item: { id: number }) => item.id === created.body.id);
    expect(entry).not.toHaveProperty('key');
    expect(key.startsWith(entry.prefix)).toBe(true);

    const me = await s.request('GET', '/api/v1/auth/me', { token: key });
    expect(me.body).toMatchObject({ kind: 'apiKey', role: 'integration', name: 'Website' });
    // integration keys read the catalog but may not write it
    expect((await s.request('GET', '/api/v1/movies', { token: key })).status).toBe(200);
    expect(
      (await s.request('POST', '/api/v1/movies', { token: key, body: { title: 'X', durationMinutes: 90 } })).status,
    ).toBe(403);

    expect((await s.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(401);
    expect((await s.request('DELETE', '/api/v1/api-keys/99999', { token: admin })).status).toBe(404);
  });

  it('a manager-role key may create films', async () => {
    const admin = await s.adminToken();
    const created = await s.request('POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'Scheduler', role: 'manager' },
    });
    const movie = await s.request('POST', '/api/v1/movies', {
      token: created.body.key,
      body: { title: 'Via key', durationMinutes: 95 },
    });
    expect(movie.status).toBe(201);
  });

  it('only admins create keys, and roles are checked', async () => {
    const { token } = await s.userToken('manager');
    expect((await s.request('POST', '/api/v1/api-keys', { token, body: { name: 'Mine' } })).status).toBe(403);
    const admin = await s.adminToken();
    expect(
      (await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Bad', role: 'customer' } })).status,
    ).toBe(400);
  });
});
