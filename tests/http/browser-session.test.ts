/**
 * Browser sessions over the RPC transport: the token lives in an HttpOnly, SameSite=Strict cookie per
 * mode, counts only on requests that name the mode in X-Marquee-Session, and never reaches script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, PASSWORD, startTestServer, type TestServer } from '../support/harness';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
  await s.call('users.create', { username: 'till1', password: PASSWORD, role: 'cashier', theaterIds: [] });
});
afterAll(async () => {
  await s.close();
});

async function rpc(name: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${s.url}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** The `name=value` part of the Set-Cookie header, and its attributes. */
function cookieOf(headers: Headers) {
  const raw = headers.getSetCookie()[0] ?? '';
  const [pair = '', ...attributes] = raw.split(';').map((part) => part.trim());
  return { pair, attributes: attributes.map((attribute) => attribute.toLowerCase()) };
}

describe('browser sessions', () => {
  it('login puts the token in an HttpOnly SameSite=Strict cookie of the mode, not in the answer', async () => {
    const login = await rpc(
      'auth.login',
      { username: 'admin', password: ADMIN_PASSWORD },
      { 'x-marquee-session': 'admin' },
    );
    expect(login.status).toBe(200);
    expect(login.body.token).toBe('');
    expect(login.body.user.username).toBe('admin');
    const cookie = cookieOf(login.headers);
    expect(cookie.pair).toMatch(/^marquee_admin=mqs_/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(cookie.attributes.some((attribute) => attribute.startsWith('max-age='))).toBe(true);

    // With the cookie and the header, the session works; the same cookie without the header does not.
    const me = await rpc('auth.me', {}, { 'x-marquee-session': 'admin', cookie: cookie.pair });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', name: 'admin', role: 'admin' });
    expect((await rpc('users.list', {}, { cookie: cookie.pair })).status).toBe(401);
    // Another mode's cookie name is another session: the admin cookie does not sign in the counter.
    const counterCookie = cookie.pair.replace('marquee_admin=', 'marquee_counter=');
    expect((await rpc('auth.me', {}, { 'x-marquee-session': 'admin', cookie: counterCookie })).status).toBe(401);
  });

  it('a write with the cookie from another site is refused, and nothing changes', async () => {
    const login = await rpc(
      'auth.login',
      { username: 'admin', password: ADMIN_PASSWORD },
      { 'x-marquee-session': 'admin' },
    );
    const cookie = cookieOf(login.headers).pair;
    const before = (await rpc('users.list', {}, { 'x-marquee-session': 'admin', cookie })).body.items.length;
    const forged = await rpc(
      'users.create',
      { username: 'intruder', password: PASSWORD, role: 'admin' },
      { 'x-marquee-session': 'admin', cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(forged.status).toBe(403);
    expect((await rpc('users.list', {}, { 'x-marquee-session': 'admin', cookie })).body.items.length).toBe(before);
  });

  it('logout ends the session and clears the cookie', async () => {
    const login = await rpc(
      'auth.login',
      { username: 'till1', password: PASSWORD },
      { 'x-marquee-session': 'counter' },
    );
    const cookie = cookieOf(login.headers).pair;
    expect(cookie).toMatch(/^marquee_counter=/);
    const out = await rpc('auth.logout', {}, { 'x-marquee-session': 'counter', cookie });
    expect(out.status).toBeLessThan(300);
    const cleared = cookieOf(out.headers);
    expect(cleared.pair).toBe('marquee_counter=');
    expect(cleared.attributes).toContain('max-age=0');
    const ended = await rpc('auth.me', {}, { 'x-marquee-session': 'counter', cookie });
    expect(ended.status).toBe(401);
    // The page cannot see its HttpOnly cookie: the answer tells "your session ended" from "never signed in".
    expect(ended.body.error.details).toEqual({ credential: 'rejected' });
    const never = await rpc('auth.me', {}, { 'x-marquee-session': 'counter' });
    expect(never.status).toBe(401);
    expect(never.body.error.details).toEqual({});
  });

  it('an unknown mode is a 400; API clients with a bearer token are unchanged', async () => {
    const bad = await rpc('auth.me', {}, { 'x-marquee-session': 'backstage' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const api = await rpc('auth.login', { username: 'till1', password: PASSWORD });
    expect(api.body.token).toMatch(/^mqs_/);
    expect(api.headers.getSetCookie()).toEqual([]);
    expect((await rpc('auth.me', {}, { authorization: `Bearer ${api.body.token}` })).status).toBe(200);
  });
});
