/**
 * People over real sockets: users and roles (a change applies on the user's next request), staff PINs
 * (hashed, throttled harder than passwords, never a way in for customers or admins), API keys (last use
 * recorded at most once a minute, revoked at once) and the audit log (filters, cursor pages). Every
 * refused request leaves the database fingerprint unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { PASSWORD, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
let theaterA: number;
let theaterB: number;

function advance(ms: number): void {
  (s.clock as ManualClock).advance(ms);
}

async function login(username: string, password = PASSWORD) {
  return s.request('POST', '/api/v1/auth/login', { body: { username, password } });
}

async function pinLogin(username: string, pin: string) {
  return s.request('POST', '/api/v1/auth/pin-login', { body: { username, pin } });
}

async function createUser(body: Record<string, unknown>) {
  const response = await s.request('POST', '/api/v1/users', { token: admin, body: { password: PASSWORD, ...body } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: number; username: string };
}

/** The request is refused with the status and code, and the database is exactly as before. */
async function refused(method: string, path: string, options: { token?: string; body?: unknown }, status: number) {
  const before = databaseFingerprint(s.core);
  const response = await s.request(method, path, options);
  expect({ method, path, body: options.body, status: response.status }).toEqual({
    method,
    path,
    body: options.body,
    status,
  });
  expect(databaseFingerprint(s.core)).toEqual(before);
  return response;
}

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.adminToken();
  const a = await s.call('theaters.create', { name: 'North', timeZone: 'Europe/London', currency: 'GBP' });
  const b = await s.call('theaters.create', { name: 'South', timeZone: 'Europe/London', currency: 'GBP' });
  theaterA = a.id;
  theaterB = b.id;
});
afterAll(async () => {
  await s.close();
});

describe('who may manage people', () => {
  it('managers and cashiers get 403 on every people, key, audit and moderation operation, and nothing changes', async () => {
    const manager = (await s.userToken('manager', [theaterA])).token;
    const cashier = (await s.userToken('cashier', [theaterA])).token;
    const target = await createUser({ username: 'target-user', role: 'cashier', theaterIds: [theaterA] });
    const key = await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Website' } });
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/users'],
      ['GET', `/api/v1/users/${target.id}`],
      ['POST', '/api/v1/users', { username: 'sneaky', password: PASSWORD, role: 'admin' }],
      ['PATCH', `/api/v1/users/${target.id}`, { role: 'admin' }],
      ['PUT', `/api/v1/users/${target.id}/pin`, { pin: '1234' }],
      ['DELETE', `/api/v1/users/${target.id}/pin`],
      ['GET', '/api/v1/api-keys'],
      ['POST', '/api/v1/api-keys', { name: 'Mine' }],
      ['DELETE', `/api/v1/api-keys/${key.body.id}`],
      ['GET', '/api/v1/audit-log'],
      ['GET', '/api/v1/reviews'],
      ['POST', '/api/v1/reviews/1/hide', { reason: 'spam' }],
      ['POST', '/api/v1/reviews/1/restore', {}],
    ];
    for (const token of [manager, cashier]) {
      for (const [method, path, body] of calls) {
        const response = await refused(method, path, { token, body }, 403);
        expect(response.body.error.code).toBe('forbidden');
      }
    }
    // And without a token: 401.
    for (const [method, path, body] of calls) await refused(method, path, { body }, 401);
  });

  it('bad input is 400 with the failing fields and changes nothing', async () => {
    const cashier = await createUser({ username: 'pin-target', role: 'cashier', theaterIds: [theaterA] });
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/users', { username: 'x', password: PASSWORD, role: 'cashier' }, 'username'],
      ['POST', '/api/v1/users', { username: 'short-pass', password: 'short', role: 'cashier' }, 'password'],
      ['POST', '/api/v1/users', { username: 'bad role', password: PASSWORD, role: 'cashier' }, 'username'],
      ['POST', '/api/v1/users', { username: 'role-x', password: PASSWORD, role: 'owner' }, 'role'],
      [
        'POST',
        '/api/v1/users',
        { username: 'no-such', password: PASSWORD, role: 'manager', theaterIds: [999] },
        'theaterIds',
      ],
      ['PATCH', `/api/v1/users/${cashier.id}`, { role: 'superuser' }, 'role'],
      ['PATCH', `/api/v1/users/${cashier.id}`, { theaterIds: [theaterA, 4242] }, 'theaterIds'],
      ['PATCH', `/api/v1/users/${cashier.id}`, { disabled: 'yes' }, 'disabled'],
      ['PUT', `/api/v1/users/${cashier.id}/pin`, { pin: '123' }, 'pin'],
      ['PUT', `/api/v1/users/${cashier.id}/pin`, { pin: '123456789' }, 'pin'],
      ['PUT', `/api/v1/users/${cashier.id}/pin`, { pin: '12a4' }, 'pin'],
      ['PUT', `/api/v1/users/${cashier.id}/pin`, { pin: 1234 }, 'pin'],
      ['PUT', '/api/v1/users/abc/pin', { pin: '1234' }, 'userId'],
      ['POST', '/api/v1/api-keys', { name: '' }, 'name'],
      ['POST', '/api/v1/api-keys', { name: 'Root', role: 'kiosk' }, 'role'],
      ['POST', '/api/v1/reviews/1/hide', { reason: '   ' }, 'reason'],
      ['POST', '/api/v1/reviews/1/hide', {}, 'reason'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await refused(method, path, { token: admin, body }, 400);
      expect(response.body.error.code).toBe('validation_failed');
      expect(response.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const reads: [string, string][] = [
      ['/api/v1/audit-log?actor=root', 'actor'],
      ['/api/v1/audit-log?action=user;drop', 'action'],
      ['/api/v1/audit-log?entityId=3', 'entityId'],
      ['/api/v1/audit-log?from=2026-11-28T10:00:00Z&to=2026-11-28T09:00:00Z', 'to'],
      ['/api/v1/audit-log?from=yesterday', 'from'],
      ['/api/v1/audit-log?cursor=not-a-cursor', 'cursor'],
      ['/api/v1/users?role=owner', 'role'],
      ['/api/v1/reviews?status=deleted', 'status'],
    ];
    for (const [path, field] of reads) {
      const response = await refused('GET', path, { token: admin }, 400);
      expect(response.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    // A PIN for an admin is refused (409), as for a customer or a device.
    const adminUser = await createUser({ username: 'second-admin', role: 'admin' });
    const conflict = await refused(
      'PUT',
      `/api/v1/users/${adminUser.id}/pin`,
      { token: admin, body: { pin: '1234' } },
      409,
    );
    expect(conflict.body.error.code).toBe('conflict');
    await refused('PUT', '/api/v1/users/999999/pin', { token: admin, body: { pin: '1234' } }, 404);
  });
});

describe('users', () => {
  it('lists with a search, a role filter and the staff filter', async () => {
    await createUser({ username: 'anna.box', role: 'cashier', name: 'Anna Box', theaterIds: [theaterA] });
    await createUser({ username: 'boris', role: 'manager', email: 'boris@cinema.test', theaterIds: [theaterB] });
    await createUser({ username: 'walk-in', role: 'customer', email: 'walkin@example.com' });
    const search = await s.request('GET', '/api/v1/users?q=box', { token: admin });
    expect(search.body.items.map((u: { username: string }) => u.username)).toEqual(['anna.box']);
    const byEmail = await s.request('GET', '/api/v1/users?q=cinema.test', { token: admin });
    expect(byEmail.body.items.map((u: { username: string }) => u.username)).toEqual(['boris']);
    // LIKE wildcards in the search are literal.
    expect((await s.request('GET', '/api/v1/users?q=%25', { token: admin })).body.items).toEqual([]);
    const managers = await s.request('GET', '/api/v1/users?role=manager', { token: admin });
    expect(managers.body.items.every((u: { role: string }) => u.role === 'manager')).toBe(true);
    const staff = await s.request('GET', '/api/v1/users?role=staff&limit=200', { token: admin });
    const roles = new Set(staff.body.items.map((u: { role: string }) => u.role));
    expect([...roles].sort()).toEqual(['admin', 'cashier', 'manager']);
    expect(staff.body.items[0]).toMatchObject({ hasPin: false, disabled: false });
  });

  it('a new role, new theaters or disabling applies on the very next request of a signed-in user', async () => {
    await createUser({ username: 'mia', role: 'manager', theaterIds: [theaterA] });
    const token = (await login('mia')).body.token as string;
    const reportOf = (theaterId: number, t = token) =>
      s.request('GET', `/api/v1/reports/sales?from=2026-11-01&to=2026-11-30&theaterId=${theaterId}`, { token: t });
    expect((await reportOf(theaterA)).status).toBe(200); // also fills the authentication cache
    expect((await reportOf(theaterB)).status).toBe(404);
    const mia = (await s.request('GET', '/api/v1/users?q=mia', { token: admin })).body.items[0];

    // Theaters: the same session now manages South and not North.
    expect(
      (await s.request('PATCH', `/api/v1/users/${mia.id}`, { token: admin, body: { theaterIds: [theaterB] } })).status,
    ).toBe(200);
    expect((await reportOf(theaterA)).status).toBe(404);
    expect((await reportOf(theaterB)).status).toBe(200);

    // Role: the session ends at once; a new login has the new role.
    expect(
      (await s.request('PATCH', `/api/v1/users/${mia.id}`, { token: admin, body: { role: 'cashier' } })).status,
    ).toBe(200);
    expect((await reportOf(theaterB)).status).toBe(401);
    const asCashier = (await login('mia')).body.token as string;
    expect((await reportOf(theaterB, asCashier)).status).toBe(403);
    expect((await s.request('GET', '/api/v1/auth/me', { token: asCashier })).body.role).toBe('cashier');

    // Disabled: the session ends at once and login is refused; enabled again, login works.
    expect((await s.request('GET', '/api/v1/auth/me', { token: asCashier })).status).toBe(200);
    expect(
      (await s.request('PATCH', `/api/v1/users/${mia.id}`, { token: admin, body: { disabled: true } })).status,
    ).toBe(200);
    expect((await s.request('GET', '/api/v1/auth/me', { token: asCashier })).status).toBe(401);
    expect((await login('mia')).status).toBe(401);
    await s.request('PATCH', `/api/v1/users/${mia.id}`, { token: admin, body: { disabled: false } });
    expect((await login('mia')).status).toBe(200);
  });

  it('an admin cannot disable themselves or drop their own admin role', async () => {
    const me = (await s.request('GET', '/api/v1/auth/me', { token: admin })).body.id as number;
    await refused('PATCH', `/api/v1/users/${me}`, { token: admin, body: { disabled: true } }, 409);
    await refused('PATCH', `/api/v1/users/${me}`, { token: admin, body: { role: 'manager' } }, 409);
  });
});

describe('staff PINs', () => {
  it('a cashier or manager with a PIN signs in with username and PIN; the PIN is stored hashed', async () => {
    const kim = await createUser({ username: 'kim', role: 'cashier', theaterIds: [theaterA] });
    expect((await pinLogin('kim', '4821')).status).toBe(401); // no PIN yet
    const set = await s.request('PUT', `/api/v1/users/${kim.id}/pin`, { token: admin, body: { pin: '4821' } });
    expect(set.status).toBe(200);
    expect(set.body.hasPin).toBe(true);
    const stored = s.core.database.sqlite.prepare('SELECT pin_hash FROM users WHERE id = ?').get(kim.id) as {
      pin_hash: string;
    };
    expect(stored.pin_hash).toMatch(/^scrypt\$/);
    expect(stored.pin_hash).not.toContain('4821');

    const session = await pinLogin('kim', '4821');
    expect(session.status).toBe(200);
    expect(session.body.user).toEqual({ id: kim.id, username: 'kim', role: 'cashier' });
    expect((await s.request('GET', '/api/v1/auth/me', { token: session.body.token })).body.name).toBe('kim');
    const wrong = await pinLogin('kim', '4822');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');

    // Cleared: PIN sign-in stops; a role change also clears it.
    await s.request('DELETE', `/api/v1/users/${kim.id}/pin`, { token: admin });
    expect((await pinLogin('kim', '4821')).status).toBe(401);
    await s.request('PUT', `/api/v1/users/${kim.id}/pin`, { token: admin, body: { pin: '4821' } });
    const promoted = await s.request('PATCH', `/api/v1/users/${kim.id}`, { token: admin, body: { role: 'manager' } });
    expect(promoted.body.hasPin).toBe(false);
    expect((await pinLogin('kim', '4821')).status).toBe(401);
    advance(16 * 60_000); // these failures counted against the address; start the next test clean
  });

  it("a customer's kiosk PIN, an admin without PIN, a disabled cashier or an unknown name never sign in by PIN", async () => {
    const register = await s.request('POST', '/api/v1/auth/register', {
      body: { username: 'pat', password: PASSWORD, email: 'pat@example.com' },
    });
    expect(register.status).toBe(201);
    const pat = (await login('pat')).body.token as string;
    expect(
      (await s.request('PUT', '/api/v1/me/pin', { token: pat, body: { password: PASSWORD, pin: '5555' } })).status,
    ).toBe(204);
    expect((await pinLogin('pat', '5555')).status).toBe(401);
    expect((await pinLogin('admin', '1234')).status).toBe(401);
    expect((await pinLogin('nobody', '1234')).status).toBe(401);
    const dora = await createUser({ username: 'dora', role: 'cashier', theaterIds: [theaterA] });
    await s.request('PUT', `/api/v1/users/${dora.id}/pin`, { token: admin, body: { pin: '2468' } });
    await s.request('PATCH', `/api/v1/users/${dora.id}`, { token: admin, body: { disabled: true } });
    expect((await pinLogin('dora', '2468')).status).toBe(401);
    // A PIN is never accepted as a password either.
    expect((await login('dora', '2468')).status).toBe(401);
    advance(16 * 60_000);
  });

  it('five wrong PINs lock PIN sign-in of the account for a day, even with the right PIN; the password still works and lifts it', async () => {
    const lee = await createUser({ username: 'lee', role: 'cashier', theaterIds: [theaterA] });
    await s.request('PUT', `/api/v1/users/${lee.id}/pin`, { token: admin, body: { pin: '1357' } });
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) expect((await pinLogin('lee', pin)).status).toBe(401);
    const locked = await pinLogin('lee', '1357');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
    advance(16 * 60_000); // past the address lock: the account lock alone remains
    expect((await pinLogin('lee', '1357')).status).toBe(429);
    advance(60 * 60_000);
    expect((await pinLogin('lee', '1357')).status).toBe(429);
    // Signing in with the password lifts the PIN lock.
    expect((await login('lee')).status).toBe(200);
    expect((await pinLogin('lee', '1357')).status).toBe(200);

    // A new PIN from an admin lifts it too.
    for (const pin of ['0000', '1111', '2222', '3333', '4444']) await pinLogin('lee', pin);
    advance(16 * 60_000);
    expect((await pinLogin('lee', '1357')).status).toBe(429);
    await s.request('PUT', `/api/v1/users/${lee.id}/pin`, { token: admin, body: { pin: '97531' } });
    expect((await pinLogin('lee', '97531')).status).toBe(200);
    advance(16 * 60_000);
  });

  it('ten wrong PINs from one address lock PIN sign-in there for 15 minutes, for every account', async () => {
    const names = ['ada', 'ben', 'cyd'];
    for (const name of names) {
      const user = await createUser({ username: name, role: 'cashier', theaterIds: [theaterA] });
      await s.request('PUT', `/api/v1/users/${user.id}/pin`, { token: admin, body: { pin: '8642' } });
    }
    // Spread over accounts so no account reaches its own limit of five.
    for (let i = 0; i < 10; i += 1) expect((await pinLogin(names[i % 3] as string, '0000')).status).toBe(401);
    const blocked = await pinLogin('cyd', '8642');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    // Passwords are throttled separately, so staff can still sign in.
    expect((await login('cyd')).status).toBe(200);
    advance(15 * 60_000 + 1000);
    expect((await pinLogin('cyd', '8642')).status).toBe(200);
  });
});

describe('API keys', () => {
  it('work as a bearer token, record their last use at most once a minute, and stop at once when revoked', async () => {
    const created = await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: 'Signage' } });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    const keyOf = async () =>
      (await s.request('GET', '/api/v1/api-keys?limit=200', { token: admin })).body.items.find(
        (item: { id: number }) => item.id === created.body.id,
      );
    expect((await keyOf()).lastUsedAt).toBeNull();
    expect((await s.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(200);
    const first = (await keyOf()).lastUsedAt as string;
    expect(Date.parse(first)).toBe(s.clock.now());

    advance(30_000);
    s.core.accounts.forgetCredentials(); // not the cache: the key is looked up again
    expect((await s.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(200);
    expect((await keyOf()).lastUsedAt).toBe(first);

    advance(31_000);
    s.core.accounts.forgetCredentials();
    expect((await s.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(200);
    expect(Date.parse((await keyOf()).lastUsedAt as string)).toBe(s.clock.now());

    expect((await s.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await s.request('GET', '/api/v1/auth/me', { token: key })).status).toBe(401);
    expect((await keyOf()).revokedAt).not.toBeNull();
  });
});

describe('audit log', () => {
  it('names who did what to which object, newest first, filtered by actor, action, object and time', async () => {
    const start = s.clock.now();
    const before = new Date(start).toISOString();
    advance(1000);
    const zoe = await createUser({ username: 'zoe', role: 'cashier', theaterIds: [theaterA] });
    advance(1000);
    await s.request('PATCH', `/api/v1/users/${zoe.id}`, { token: admin, body: { theaterIds: [theaterB] } });
    advance(1000);
    await s.request('PUT', `/api/v1/users/${zoe.id}/pin`, { token: admin, body: { pin: '1234' } });
    const adminId = (await s.request('GET', '/api/v1/auth/me', { token: admin })).body.id as number;

    const forZoe = await s.request('GET', `/api/v1/audit-log?entity=user&entityId=${zoe.id}`, { token: admin });
    expect(forZoe.status).toBe(200);
    expect(forZoe.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.pin.set',
      'user.update',
      'user.create',
    ]);
    expect(forZoe.body.items[0].actor).toEqual({ ref: `user:${adminId}`, kind: 'user', id: adminId, name: 'admin' });
    expect(forZoe.body.items[1].data).toMatchObject({ theaterIds: [theaterB] });

    const updates = await s.request('GET', `/api/v1/audit-log?action=user.update&from=${encodeURIComponent(before)}`, {
      token: admin,
    });
    expect(updates.body.items.map((e: { entityId: number }) => e.entityId)).toEqual([zoe.id]);
    const userActions = await s.request('GET', `/api/v1/audit-log?action=user&from=${encodeURIComponent(before)}`, {
      token: admin,
    });
    expect(userActions.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.pin.set',
      'user.update',
      'user.create',
    ]);
    const window = await s.request(
      'GET',
      `/api/v1/audit-log?from=${new Date(start + 1500).toISOString()}&to=${new Date(start + 2500).toISOString()}`,
      { token: admin },
    );
    expect(window.body.items.map((e: { action: string }) => e.action)).toEqual(['user.update']);
    const byActor = await s.request('GET', `/api/v1/audit-log?actor=user:${adminId}&limit=200`, { token: admin });
    expect(byActor.body.items.every((e: { actor: { ref: string } }) => e.actor.ref === `user:${adminId}`)).toBe(true);
    const nobody = await s.request('GET', '/api/v1/audit-log?actor=apiKey:999', { token: admin });
    expect(nobody.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages with cursors: every entry once, in order, also when entries share an instant', async () => {
    for (let i = 0; i < 7; i += 1)
      await s.request('POST', '/api/v1/api-keys', { token: admin, body: { name: `k${i}` } });
    const all = await s.request('GET', '/api/v1/audit-log?limit=200', { token: admin });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await s.request('GET', `/api/v1/audit-log?limit=3${query}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((e: { id: number }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((e: { id: number }) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
    const times = all.body.items.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filtered pages read the audit indexes, not the whole table', () => {
    const plan = (query: string) =>
      (s.core.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    expect(plan("SELECT * FROM audit_log WHERE actor = 'user:1' ORDER BY at DESC, id DESC LIMIT 51")).toMatch(
      /USING INDEX audit_log_actor_at/,
    );
    expect(plan('SELECT * FROM audit_log WHERE at >= 1 AND at < 2 ORDER BY at DESC, id DESC LIMIT 51')).toMatch(
      /USING INDEX audit_log_at/,
    );
    expect(plan("SELECT * FROM audit_log WHERE action = 'user.update' ORDER BY at DESC, id DESC LIMIT 51")).toMatch(
      /USING INDEX audit_log_action_at/,
    );
  });
});
