/**
 * The LAN pages' transport over real sockets: no credential, no write; a cross-site browser request is
 * refused before any operation runs; every response carries the CSP; a role change applies at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/http/server';
import { startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let admin: string;
const rendererDir = mkdtempSync(join(tmpdir(), 'marquee-renderer-'));

beforeAll(async () => {
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marquee</title>');
  s = await startTestServer({ rendererDir });
  admin = await s.adminToken();
});
afterAll(async () => {
  await s.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('sessions', () => {
  it('answers 401 to a write without a session, over RPC and REST, and to an unknown token', async () => {
    const before = databaseFingerprint(s.core);
    const rpc = await s.request('POST', '/rpc/movies.create', { body: { title: 'Nope', durationMinutes: 90 } });
    expect(rpc.status).toBe(401);
    expect(rpc.body.error.code).toBe('unauthenticated');
    const rest = await s.request('POST', '/api/v1/movies', { body: { title: 'Nope', durationMinutes: 90 } });
    expect(rest.status).toBe(401);
    const forged = await s.request('POST', '/rpc/movies.create', {
      token: 'not-a-real-token',
      body: { title: 'Nope', durationMinutes: 90 },
    });
    expect(forged.status).toBe(401);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('applies a role change on the very next request', async () => {
    const { token, userId } = await s.userToken('admin');
    expect((await s.request('POST', '/rpc/users.list', { token, body: {} })).status).toBe(200);
    expect(
      (await s.request('PATCH', `/api/v1/users/${userId}`, { token: admin, body: { role: 'cashier' } })).status,
    ).toBe(200);
    // A role change ends the user's sessions: the old admin token is refused at once, and a new login
    // carries the new role.
    const after = await s.request('POST', '/rpc/users.list', { token, body: {} });
    expect(after.status).toBe(401);
    const me = await s.request('GET', '/api/v1/auth/me', { token });
    expect(me.status).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  const write = { title: 'Forged', durationMinutes: 90 };

  it('refuses a state-changing request from another origin even with a valid credential', async () => {
    const before = databaseFingerprint(s.core);
    const attempts: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { origin: 'not a url' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      for (const path of ['/rpc/movies.create', '/api/v1/movies']) {
        const response = await s.request('POST', path, { token: admin, body: write, headers });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.body.error.code).toBe('forbidden');
      }
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('accepts the same origin, same-origin fetch metadata, and API clients that send neither', async () => {
    const host = new URL(s.url).host;
    const sameOrigin = await s.request('POST', '/rpc/movies.create', {
      token: admin,
      body: write,
      headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
    const apiClient = await s.request('POST', '/api/v1/movies', { token: admin, body: write });
    expect(apiClient.status).toBe(201);
    // Reads are never refused for their origin.
    const read = await s.request('GET', '/api/v1/movies', { headers: { origin: 'http://evil.example' } });
    expect(read.status).toBe(200);
  });

  it('sets no cookie: the credential travels only in the Authorization header', async () => {
    const login = await s.request('POST', '/api/v1/auth/login', {
      body: { username: 'admin', password: 'admin-password-123' },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toBeNull();
  });
});

describe('Content-Security-Policy', () => {
  it('is on pages, API answers, errors and unknown paths', async () => {
    for (const [method, path] of [
      ['GET', '/admin'],
      ['GET', '/'],
      ['GET', '/api/v1/movies'],
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/rpc/movies.create'],
      ['GET', '/no-such-file.txt'],
    ] as const) {
      const response = await s.request(method, path);
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
