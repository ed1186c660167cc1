import { describe, expect, it } from 'vitest';
import { DomainError, ERRORS } from '../../../src/shared/contract/errors';
import type { Actor } from '../../../src/main/core/actor';
import type { CallContext } from '../../../src/main/core/context';
import type { Dispatcher } from '../../../src/main/core/dispatcher';
import { createIpcHandlers } from '../../../src/main/ipc/ipc-handler';
import { toIpcError } from '../../../src/main/ipc/ipc-result';
import {
  checkSender,
  isTrustedSender,
  originOf,
  type SenderInfo,
  type SenderPolicy,
} from '../../../src/main/ipc/sender-guard';
import { MAX_TOPICS_PER_SENDER, SubscriptionRegistry } from '../../../src/main/ipc/subscriptions';
import { forwardEvents, topicsOf } from '../../../src/main/ipc/event-topics';
import { EventBus } from '../../../src/main/events/index';
import { isValidTopic } from '../../../src/preload/protocol';

const ORIGIN = 'http://127.0.0.1:7450';
const OUR_WINDOW = 1;
const policy: SenderPolicy = { allowedOrigin: ORIGIN, isOwnWebContents: (id) => id === OUR_WINDOW };
const ours: SenderInfo = { frameUrl: `${ORIGIN}/counter`, isMainFrame: true, webContentsId: OUR_WINDOW };

describe('sender guard', () => {
  it('trusts the top frame of our window on our origin, whatever the path', () => {
    expect(checkSender(ours, policy)).toEqual({ trusted: true });
    expect(isTrustedSender({ ...ours, frameUrl: `${ORIGIN}/admin/movies/3?tab=2#x` }, policy)).toBe(true);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['another webContents (devtools, a stray window)', { webContentsId: 99 }],
    ['a subframe of our window', { isMainFrame: false }],
    ['a frame that is gone', { frameUrl: null }],
    ['another port on the same host', { frameUrl: 'http://127.0.0.1:7451/counter' }],
    ['localhost instead of 127.0.0.1', { frameUrl: 'http://localhost:7450/counter' }],
    ['https instead of http', { frameUrl: 'https://127.0.0.1:7450/counter' }],
    ['a foreign site', { frameUrl: 'https://evil.example/' }],
    ['a look-alike host', { frameUrl: 'http://127.0.0.1.evil.example:7450/' }],
    ['a file: page', { frameUrl: 'file:///tmp/index.html' }],
    ['a data: page', { frameUrl: 'data:text/html,hi' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['garbage', { frameUrl: 'not a url' }],
  ])('refuses %s', (_name, change) => {
    const verdict = checkSender({ ...ours, ...change }, policy);
    expect(verdict.trusted).toBe(false);
  });

  it('refuses everything when the allowed origin is broken', () => {
    expect(isTrustedSender(ours, { ...policy, allowedOrigin: 'nonsense' })).toBe(false);
  });

  it('reads origins of http(s) URLs only', () => {
    expect(originOf('http://127.0.0.1:7450/x')).toBe(ORIGIN);
    expect(originOf('HTTP://127.0.0.1:7450')).toBe(ORIGIN);
    expect(originOf('file:///x')).toBeNull();
    expect(originOf('%%%')).toBeNull();
  });
});

const cashier: Actor = { kind: 'user', id: 5, username: 'cas', role: 'cashier', theaterIds: [], sessionId: 9 };

function setup(
  behaviour: (name: string, input: unknown, ctx: CallContext) => Promise<unknown> = () =>
    Promise.resolve({ done: true }),
) {
  const calls: { name: string; input: unknown; ctx: CallContext }[] = [];
  const logged: string[] = [];
  const dispatcher = {
    call: (name: string, input: unknown, ctx: CallContext) => {
      calls.push({ name, input, ctx });
      return behaviour(name, input, ctx);
    },
  } as unknown as Dispatcher;
  const subscriptions = new SubscriptionRegistry();
  const handlers = createIpcHandlers({
    dispatcher,
    authenticate: (token) => Promise.resolve(token === 'good-token' ? cashier : null),
    policy,
    subscriptions,
    log: (message) => logged.push(message),
  });
  return { handlers, calls, logged, subscriptions };
}

describe('IPC call handler', () => {
  it('dispatches with the authenticated actor and the ipc transport', async () => {
    const { handlers, calls } = setup();
    const result = await handlers.call(ours, { name: 'auth.me', input: {}, token: 'good-token' });
    expect(result).toEqual({ ok: true, value: { done: true } });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ctx).toEqual({ actor: cashier, transport: 'ipc' });
    expect(calls[0]?.ctx.address).toBeUndefined();
  });

  it("passes the renderer's idempotency key through, and refuses a malformed one", async () => {
    const { handlers, calls } = setup();
    await handlers.call(ours, { name: 'bookings.create', input: {}, token: 'good-token', idempotencyKey: 'action-1' });
    expect(calls[0]?.ctx).toEqual({ actor: cashier, transport: 'ipc', idempotencyKey: 'action-1' });
    const bad = await handlers.call(ours, {
      name: 'bookings.create',
      input: {},
      token: 'good-token',
      idempotencyKey: 'x'.repeat(201),
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(calls).toHaveLength(1);
  });

  it('calls anonymously without a token', async () => {
    const { handlers, calls } = setup();
    await handlers.call(ours, { name: 'system.health', input: {}, token: null });
    await handlers.call(ours, { name: 'system.health', input: {} });
    expect(calls.map((call) => call.ctx.actor)).toEqual([{ kind: 'anonymous' }, { kind: 'anonymous' }]);
  });

  it('refuses an unknown token on a protected operation, ignores it on a public one', async () => {
    const { handlers, calls } = setup();
    const refused = await handlers.call(ours, { name: 'auth.me', input: {}, token: 'stale' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(calls).toHaveLength(0);
    const publicCall = await handlers.call(ours, { name: 'system.health', input: {}, token: 'stale' });
    expect(publicCall.ok).toBe(true);
    expect(calls[0]?.ctx.actor).toEqual({ kind: 'anonymous' });
  });

  it('refuses an untrusted sender before anything else runs', async () => {
    const { handlers, calls, logged } = setup();
    const result = await handlers.call(
      { ...ours, frameUrl: 'https://evil.example/' },
      { name: 'auth.me', input: {}, token: 'good-token' },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This window may not call the box office.', details: {} },
    });
    expect(calls).toHaveLength(0);
    expect(logged[0]).toContain('refused an IPC call');
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'auth.me', 'bad_request'],
    ['an array', ['auth.me'], 'bad_request'],
    ['a missing name', { input: {} }, 'bad_request'],
    ['a name that is too long', { name: 'x'.repeat(101) }, 'bad_request'],
    ['a token that is not a string', { name: 'auth.me', token: 42 }, 'bad_request'],
    ['an unknown operation', { name: 'bookings.giveAway', input: {} }, 'not_found'],
    ['an inherited property name', { name: 'constructor', input: {} }, 'not_found'],
  ])('answers %s with %s', async (_name, request, code) => {
    const { handlers, calls } = setup();
    const result = await handlers.call(ours, request);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(calls).toHaveLength(0);
  });

  it("passes a DomainError's code, message and details through", async () => {
    const { handlers } = setup(() =>
      Promise.reject(
        new DomainError('validation_failed', 'title: required', { fields: [{ path: 'title', message: 'required' }] }),
      ),
    );
    const result = await handlers.call(ours, { name: 'system.health', input: {} });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'title: required',
        details: { fields: [{ path: 'title', message: 'required' }] },
      },
    });
  });

  it('hides anything else behind internal_error, without a stack or the message', async () => {
    const { handlers, logged } = setup(() =>
      Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed at /home/x')),
    );
    const result = await handlers.call(ours, { name: 'system.health', input: {} });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal_error', message: ERRORS.internal_error.message, details: {} },
    });
    expect(JSON.stringify(result)).not.toMatch(/SQLITE|stack|\/home/);
    expect(logged).toHaveLength(1);
  });

  it('also hides thrown non-errors', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is the point
    const { handlers } = setup(() => Promise.reject('a string'));
    expect(await handlers.call(ours, { name: 'system.health', input: {} })).toMatchObject({
      ok: false,
      error: { code: 'internal_error' },
    });
  });
});

describe('toIpcError', () => {
  it('keeps only plain data in details', () => {
    const details = { seatIds: [1, 2], when: new Date(0), fn: () => 1, nested: { error: new Error('x') } };
    const error = toIpcError(new DomainError('conflict', 'taken', details), () => undefined);
    expect(error).toEqual({
      code: 'conflict',
      message: 'taken',
      details: { seatIds: [1, 2], when: '1970-01-01T00:00:00.000Z', nested: { error: {} } },
    });
  });

  it('survives details that cannot be serialized', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toIpcError(new DomainError('conflict', 'x', cyclic), () => undefined).details).toEqual({});
  });
});

describe('subscriptions', () => {
  it('subscribes trusted senders to valid topics only', () => {
    const { handlers, subscriptions } = setup();
    expect(handlers.subscribe(ours, 'showtime.42.seats')).toEqual({ ok: true, value: null });
    expect(subscriptions.subscribersOf('showtime.42.seats')).toEqual([OUR_WINDOW]);
    expect(handlers.subscribe(ours, 'Showtime.*')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers.subscribe(ours, 42)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers.subscribe({ ...ours, webContentsId: 2 }, 'showtime.42.seats')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(handlers.unsubscribe(ours, 'showtime.42.seats')).toEqual({ ok: true, value: null });
    expect(subscriptions.subscribersOf('showtime.42.seats')).toEqual([]);
  });

  it('bounds the topics of one window and forgets a destroyed one', () => {
    const registry = new SubscriptionRegistry();
    for (let i = 0; i < MAX_TOPICS_PER_SENDER; i += 1) expect(registry.add(1, `topic.${i}`)).toBe(true);
    expect(registry.add(1, 'one.more')).toBe(false);
    expect(registry.add(1, 'topic.0')).toBe(true);
    registry.add(2, 'topic.0');
    expect(registry.subscribersOf('topic.0')).toEqual([1, 2]);
    registry.removeSender(1);
    expect(registry.subscribersOf('topic.0')).toEqual([2]);
    expect(registry.topicsOf(1)).toEqual([]);
  });
});

describe('event topics', () => {
  it('delivers seat and booking changes on the topics screens subscribe to', () => {
    expect(topicsOf({ type: 'seats.changed', showtimeId: 42, at: 1 })).toEqual(['showtime.42.seats']);
    expect(topicsOf({ type: 'booking.changed', bookingId: 7, showtimeId: 42, status: 'confirmed', at: 1 })).toEqual([
      'booking.7',
      'showtime.42.bookings',
    ]);
  });

  it('forwards every bus event to each of its topics, all of them valid topic names', () => {
    const bus = new EventBus();
    const published: [string, unknown][] = [];
    const stop = forwardEvents(bus, (topic, payload) => published.push([topic, payload]));
    const event = { type: 'booking.changed', bookingId: 7, showtimeId: 42, status: 'expired', at: 5 } as const;
    bus.publish(event);
    expect(published).toEqual([
      ['booking.7', event],
      ['showtime.42.bookings', event],
    ]);
    expect(published.every(([topic]) => isValidTopic(topic))).toBe(true);
    stop();
    bus.publish({ type: 'seats.changed', showtimeId: 1, at: 6 });
    expect(published).toHaveLength(2);
  });
});
