/**
 * Test harness: a real core on a real SQLite file in a fresh temp folder, optionally behind the real HTTP
 * server on 127.0.0.1 with an OS-chosen port. Password hashing is made cheap (2^10) to keep tests fast;
 * everything else is production code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationName, OutputOf, InputOf } from '../../src/shared/contract/index';
import type { UserRole } from '../../src/shared/domain/roles';
import { ANONYMOUS, type Actor } from '../../src/main/core/actor';
import { ManualClock, type Clock } from '../../src/main/core/clock';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { startServer, type RunningServer } from '../../src/main/http/index';
import type { SeatingOptions } from '../../src/main/seating/index';

export const TEST_SCRYPT = { log2N: 10, r: 8, p: 1 };
export const ADMIN_PASSWORD = 'admin-password-123';
export const PASSWORD = 'password-1234';

export interface TestCore {
  core: Core;
  dataDir: string;
  clock: Clock;
  /** A system admin actor for direct dispatcher calls in setup. */
  admin: Actor;
  call<N extends OperationName>(name: N, input: InputOf<N>, actor?: Actor): Promise<OutputOf<N>>;
  close(): Promise<void>;
}

export interface TestCoreOptions {
  clock?: Clock;
  dataDir?: string;
  seating?: SeatingOptions;
  /** Card payments (tests point the real Stripe SDK at tests/support/fake-stripe.ts). */
  stripe?: CoreOptions['stripe'];
}

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'marquee-test-'));
  const clock = options.clock ?? new ManualClock(Date.parse('2026-11-28T09:00:00Z'));
  const core = await createCore({
    dataDir,
    clock,
    scrypt: TEST_SCRYPT,
    sweepIntervalMs: 0,
    backupCheckMs: 0,
    seating: { verifyLedger: true, ...options.seating },
    transactionGuard: true,
    stripe: options.stripe,
  });
  await core.accounts.ensureInitialAdmin(ADMIN_PASSWORD);
  const adminUser = (await core.dispatcher.call('users.list', { role: 'admin' }, systemContext())).items[0];
  if (!adminUser) throw new Error('no admin');
  const admin: Actor = {
    kind: 'user',
    id: adminUser.id,
    username: 'admin',
    role: 'admin',
    theaterIds: [],
    sessionId: 0,
  };
  return {
    core,
    dataDir,
    clock,
    admin,
    call: (name, input, actor = admin) => core.dispatcher.call(name, input, { actor, transport: 'memory' }),
    async close() {
      await core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function systemContext() {
  const bootstrap: Actor = { kind: 'user', id: 0, username: 'system', role: 'admin', theaterIds: [], sessionId: 0 };
  return { actor: bootstrap, transport: 'memory' as const };
}

export { ANONYMOUS };

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer extends TestCore {
  server: RunningServer;
  url: string;
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: string | Uint8Array },
  ): Promise<ApiResponse<T>>;
  /** Creates a user with the role (and theaters) and logs them in; returns the token and the user id. */
  userToken(role: UserRole, theaterIds?: number[], username?: string): Promise<{ token: string; userId: number }>;
  adminToken(): Promise<string>;
}

let userCounter = 0;

export async function startTestServer(options: TestCoreOptions & { rendererDir?: string } = {}): Promise<TestServer> {
  const base = await createTestCore(options);
  const server = await startServer(base.core, {
    host: '127.0.0.1',
    port: 0,
    rendererDir: options.rendererDir,
    log: () => {},
  });
  let adminToken: string | null = null;

  const request: TestServer['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const response = await fetch(server.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as never, headers: response.headers };
  };

  const login = async (username: string, password: string) => {
    const response = await request<{ token: string }>('POST', '/api/v1/auth/login', { body: { username, password } });
    if (response.status !== 200)
      throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  };

  return {
    ...base,
    server,
    url: server.url,
    request,
    async adminToken() {
      adminToken ??= await login('admin', ADMIN_PASSWORD);
      return adminToken;
    },
    async userToken(role, theaterIds = [], username) {
      userCounter += 1;
      const name = username ?? `${role}${userCounter}`;
      const user = await base.call('users.create', { username: name, password: PASSWORD, role, theaterIds });
      return { token: await login(name, PASSWORD), userId: user.id };
    },
    async close() {
      await server.close();
      await base.close();
    },
  };
}

/** A small screen layout: rows A..(rows) of `seats` standard seats with a centre aisle. */
export function simpleLayout(rows = 3, seats = 6) {
  return {
    rows: Array.from({ length: rows }, (_, r) => ({
      label: String.fromCharCode(65 + r),
      seats: Array.from({ length: seats + 1 }, (_, i) =>
        i === Math.floor(seats / 2) ? null : { number: i < seats / 2 ? i + 1 : i, type: 'standard' as const },
      ),
    })),
  };
}

/** A theater (Europe/London, GBP, default price list), one screen, one film and one showtime. */
export async function seedShowtime(
  t: TestCore,
  options: {
    layout?: ReturnType<typeof simpleLayout> | { rows: unknown[] };
    startsAt?: string;
    format?: '2D' | '3D' | 'IMAX';
  } = {},
) {
  const theater = await t.call('theaters.create', {
    name: `Theater ${Math.random().toString(36).slice(2, 7)}`,
    timeZone: 'Europe/London',
    currency: 'GBP',
  });
  const screen = await t.call('screens.create', {
    theaterId: theater.id,
    name: 'Screen 1',
    layout: (options.layout ?? simpleLayout()) as never,
  });
  const movie = await t.call('movies.create', { title: 'Seed film', durationMinutes: 100 });
  const showtime = await t.call('showtimes.create', {
    movieId: movie.id,
    screenId: screen.id,
    startsAt: options.startsAt ?? '2026-11-28T19:00:00Z',
    format: options.format ?? '2D',
  });
  return { theater, screen, movie, showtime };
}
