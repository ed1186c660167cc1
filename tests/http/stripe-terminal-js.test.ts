/**
 * Card payments on readers driven from a counter with the Terminal JS SDK, over real sockets, with the real
 * `stripe` SDK pointed at the fake Stripe server. The SDK's part (collect + process in the browser) is played
 * by the fake's `processWithSdk`; the server must believe only the PaymentIntent it reads from Stripe.
 * Readers' registration, assignment and validation are checked here too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { DECLINE_CARD, startFakeStripe, type FakeStripe } from '../support/fake-stripe';
import { databaseFingerprint } from '../support/snapshot';

const READER_TIMEOUT_MS = 120_000;

let fake: FakeStripe;
let s: TestServer;
let admin: string;
let cashier: string;

function stripeOptions() {
  return {
    config: { secretKey: 'sk_test_fake', apiBase: fake.url },
    pollIntervalMs: 0,
    readerTimeoutMs: READER_TIMEOUT_MS,
  };
}

beforeAll(async () => {
  fake = await startFakeStripe();
  s = await startTestServer({ stripe: stripeOptions() });
  admin = await s.adminToken();
  cashier = (await s.userToken('cashier')).token;
});
afterAll(async () => {
  await s.close();
  await fake.stop();
});
beforeEach(() => fake.reset());

type Reader = { id: string; integration: string; assignment: string | null; deviceId: number | null };

async function counterReader(t: TestServer = s, token = admin) {
  const { showtime, theater } = await seedShowtime(t);
  const reader = await t.request('POST', '/api/v1/readers', {
    token,
    body: { registrationCode: 'wpe-lan', label: 'Till 2', theaterId: theater.id, integration: 'terminal_js' },
  });
  expect(reader.status).toBe(201);
  return { showtime, theater, reader: reader.body as Reader };
}

async function booking(showtimeId: number, token = cashier, t: TestServer = s) {
  const hold = await t.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { quantity: 2 } });
  expect(hold.status).toBe(201);
  const created = await t.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
    },
  });
  expect(created.status).toBe(201);
  return created.body as { id: number; total: number };
}

const pay = (bookingId: number, amount: number, readerId: string, token = cashier, key?: string) =>
  s.request('POST', `/api/v1/bookings/${bookingId}/payments`, {
    token,
    body: { method: 'card_present', amount, readerId },
    headers: key ? { 'idempotency-key': key } : {},
  });
const settle = (paymentId: number, token = cashier) =>
  s.request('POST', `/api/v1/payments/${paymentId}/settle`, { token });
const getBooking = async (id: number) => (await s.request('GET', `/api/v1/bookings/${id}`, { token: admin })).body;
const audits = (action: string, bookingId: number) =>
  (
    s.core.database.sqlite
      .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND entity_id = ?')
      .get(action, bookingId) as { n: number }
  ).n;

describe('Terminal JS readers: the counter collects, the server settles from Stripe', () => {
  it('success: the client secret goes to the counter, nothing to the reader; settle captures and confirms', async () => {
    const { showtime, reader } = await counterReader();
    expect(reader).toMatchObject({ integration: 'terminal_js', assignment: null });
    const b = await booking(showtime.id);
    const processes = fake.count('terminal.readers.process_payment_intent');
    const started = await pay(b.id, b.total, reader.id);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'processing', method: 'card_present', readerId: reader.id });
    const intent = fake.intents.get(started.body.reference)!;
    expect(intent).toMatchObject({ amount: b.total, capture_method: 'manual', status: 'requires_payment_method' });
    expect(started.body.clientSecret).toBe(intent.client_secret);
    expect(fake.count('terminal.readers.process_payment_intent')).toBe(processes); // not server-driven
    // The client secret is not part of later reads.
    const read = await s.request('GET', `/api/v1/payments/${started.body.id}`, { token: cashier });
    expect(read.body.clientSecret).toBeUndefined();

    // The poller does not give up on a payment the counter is collecting.
    await s.core.payments.card!.tick();
    expect((await getBooking(b.id)).status).toBe('pending_payment');

    fake.processWithSdk(started.body.clientSecret);
    const settled = await settle(started.body.id);
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'succeeded', bookingStatus: 'confirmed' });
    expect(intent.status).toBe('succeeded');
    expect(await getBooking(b.id)).toMatchObject({ status: 'confirmed', amountDue: 0, amountPaid: b.total });
  });

  it('the counter claims success but the PaymentIntent did not succeed: nothing is confirmed', async () => {
    const { showtime, reader } = await counterReader();
    const b = await booking(showtime.id);
    const started = await pay(b.id, b.total, reader.id);
    const captures = fake.count('payment_intents.capture');
    const settled = await settle(started.body.id);
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'processing', bookingStatus: 'pending_payment' });
    expect(fake.count('payment_intents.capture')).toBe(captures);
    expect(await getBooking(b.id)).toMatchObject({ status: 'pending_payment', amountPaid: 0 });
    expect(audits('booking.confirm', b.id)).toBe(0);
  });

  it('settle twice (and the poller meanwhile): one capture, one state change, one confirmation', async () => {
    const { showtime, reader } = await counterReader();
    const b = await booking(showtime.id);
    const started = await pay(b.id, b.total, reader.id);
    fake.processWithSdk(started.body.clientSecret);
    const captures = fake.count('payment_intents.capture');
    const [first, second] = await Promise.all([
      settle(started.body.id),
      settle(started.body.id),
      s.core.payments.card!.tick(),
    ]);
    expect(first.body.status).toBe('succeeded');
    expect(second.body.status).toBe('succeeded');
    expect((await settle(started.body.id)).body.status).toBe('succeeded');
    expect(fake.count('payment_intents.capture')).toBe(captures + 1);
    expect(audits('payment.succeeded', b.id)).toBe(1);
    expect(audits('booking.confirm', b.id)).toBe(1);
    expect((await getBooking(b.id)).amountPaid).toBe(b.total);
  });

  it('a declined card fails the payment with its code and the booking stays payable; the next card works', async () => {
    const { showtime, reader } = await counterReader();
    const b = await booking(showtime.id);
    const first = await pay(b.id, b.total, reader.id);
    fake.processWithSdk(first.body.clientSecret, DECLINE_CARD);
    expect((await settle(first.body.id)).body).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(fake.intents.get(first.body.reference)!.status).toBe('canceled');
    expect(await getBooking(b.id)).toMatchObject({ status: 'pending_payment', amountDue: b.total });

    const second = await pay(b.id, b.total, reader.id);
    expect(second.body.reference).not.toBe(first.body.reference);
    fake.processWithSdk(second.body.clientSecret);
    expect((await settle(second.body.id)).body.status).toBe('succeeded');
    expect((await getBooking(b.id)).payments.map((p: { status: string }) => p.status)).toEqual(['failed', 'succeeded']);
  });

  it('cancel on the counter cancels the PaymentIntent without touching a reader action', async () => {
    const { showtime, reader } = await counterReader();
    const b = await booking(showtime.id);
    const started = await pay(b.id, b.total, reader.id);
    const cancelActions = fake.count('terminal.readers.cancel_action');
    const cancelled = await s.request('POST', `/api/v1/payments/${started.body.id}/cancel`, { token: cashier });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', failureCode: 'canceled_by_staff' });
    expect(fake.intents.get(started.body.reference)!.status).toBe('canceled');
    expect(fake.count('terminal.readers.cancel_action')).toBe(cancelActions);
    expect(await getBooking(b.id)).toMatchObject({ status: 'pending_payment', amountDue: b.total });
  });

  it('only staff get a client secret: a kiosk or an API key cannot pay on a Terminal JS reader', async () => {
    const { showtime, reader } = await counterReader();
    const kiosk = (await s.userToken('kiosk')).token;
    const b = await booking(showtime.id, kiosk);
    const before = databaseFingerprint(s.core);
    const refused = await pay(b.id, b.total, reader.id, kiosk);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].path).toBe('readerId');
    expect(databaseFingerprint(s.core)).toEqual(before);
    // Nor does a kiosk see it among its readers.
    const listed = await s.request('GET', '/api/v1/readers', { token: kiosk });
    expect(listed.body.items.map((r: Reader) => r.id)).not.toContain(reader.id);
  });

  it('the same Idempotency-Key gives the same PaymentIntent and the same answer', async () => {
    const { showtime, reader } = await counterReader();
    const b = await booking(showtime.id);
    const creates = fake.count('payment_intents.create');
    const first = await pay(b.id, b.total, reader.id, cashier, 'tjs-1');
    const again = await pay(b.id, b.total, reader.id, cashier, 'tjs-1');
    expect(again.body).toEqual(first.body);
    expect(fake.count('payment_intents.create')).toBe(creates + 1);
  });
});

describe('Terminal JS payments when the counter goes away', () => {
  it('a counter that closed after the card was processed: the restarted server confirms it from Stripe', async () => {
    const clock = new ManualClock(Date.parse('2026-11-28T09:00:00Z'));
    const first = await startTestServer({ clock, stripe: stripeOptions() });
    const token = await first.adminToken();
    const { showtime, reader } = await counterReader(first, token);
    const b = await booking(showtime.id, token, first);
    const started = await first.request('POST', `/api/v1/bookings/${b.id}/payments`, {
      token,
      body: { method: 'card_present', amount: b.total, readerId: reader.id },
    });
    fake.processWithSdk(started.body.clientSecret); // the SDK processed it; the counter never called settle
    await first.server.close();
    await first.core.close();

    const creates = fake.count('payment_intents.create');
    const captures = fake.count('payment_intents.capture');
    const again = await startTestServer({ clock, dataDir: first.dataDir, stripe: stripeOptions() });
    try {
      await again.core.payments.card!.tick(); // what the start-up reconciliation runs
      const adminAgain = await again.adminToken();
      const after = (await again.request('GET', `/api/v1/bookings/${b.id}`, { token: adminAgain })).body;
      expect(after).toMatchObject({ status: 'confirmed', amountPaid: b.total });
      await again.core.payments.card!.tick();
      expect(fake.count('payment_intents.create')).toBe(creates);
      expect(fake.count('payment_intents.capture')).toBe(captures + 1);
    } finally {
      await again.close();
    }
  });

  it('a counter that closed before the card was presented: the payment times out and the booking is payable', async () => {
    const clock = new ManualClock(Date.parse('2026-11-28T09:00:00Z'));
    const t = await startTestServer({ clock, stripe: stripeOptions() });
    try {
      const token = await t.adminToken();
      const { showtime, reader } = await counterReader(t, token);
      const b = await booking(showtime.id, token, t);
      const started = await t.request('POST', `/api/v1/bookings/${b.id}/payments`, {
        token,
        body: { method: 'card_present', amount: b.total, readerId: reader.id },
      });
      await t.core.payments.card!.tick();
      expect((await t.request('GET', `/api/v1/payments/${started.body.id}`, { token })).body.status).toBe('processing');
      clock.advance(READER_TIMEOUT_MS + 1_000);
      await t.core.payments.card!.tick();
      const payment = (await t.request('GET', `/api/v1/payments/${started.body.id}`, { token })).body;
      expect(payment).toMatchObject({ status: 'failed', failureCode: 'timed_out' });
      expect(fake.intents.get(started.body.reference)!.status).toBe('canceled');
      const after = (await t.request('GET', `/api/v1/bookings/${b.id}`, { token })).body;
      expect(after).toMatchObject({ status: 'pending_payment', amountDue: b.total });
    } finally {
      await t.close();
    }
  });
});

describe('reader management', () => {
  async function kioskDevice(theaterId: number | null = null) {
    const created = await s.request('POST', '/api/v1/devices', {
      token: admin,
      body: { name: `Kiosk ${Math.random()}`, role: 'kiosk', ...(theaterId !== null && { theaterId }) },
    });
    expect(created.status).toBe(201);
    return created.body.device as { id: number };
  }

  it('assigns a reader to a kiosk device or a counter, and changes how it is driven', async () => {
    const { theater } = await seedShowtime(s);
    const kiosk = await kioskDevice();
    const created = await s.request('POST', '/api/v1/readers', {
      token: admin,
      body: {
        registrationCode: 'wpe-kiosk',
        label: 'Kiosk reader',
        theaterId: theater.id,
        assignment: 'kiosk',
        deviceId: kiosk.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ integration: 'server_driven', assignment: 'kiosk', deviceId: kiosk.id });

    const moved = await s.request('PATCH', `/api/v1/readers/${created.body.id}`, {
      token: admin,
      body: { assignment: 'counter', integration: 'terminal_js', label: 'Till 3' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ label: 'Till 3', integration: 'terminal_js', assignment: 'counter' });
    expect(moved.body.deviceId).toBeNull();
    const listed = await s.request('GET', '/api/v1/readers', { token: cashier });
    expect(listed.body.items.find((r: Reader) => r.id === created.body.id)).toMatchObject({ label: 'Till 3' });
  });

  it('refuses what cannot be: a Terminal JS reader at a kiosk, a kiosk without its device, an unknown device', async () => {
    const { theater } = await seedShowtime(s);
    const kiosk = await kioskDevice();
    const base = { registrationCode: 'wpe-bad', label: 'X', theaterId: theater.id };
    const before = databaseFingerprint(s.core);
    const cases: [Record<string, unknown>, string][] = [
      [{ integration: 'terminal_js', assignment: 'kiosk', deviceId: kiosk.id }, 'integration'],
      [{ assignment: 'kiosk' }, 'deviceId'],
      [{ assignment: 'counter', deviceId: kiosk.id }, 'deviceId'],
      [{ assignment: 'kiosk', deviceId: 999_999 }, 'deviceId'],
      [{ integration: 'bluetooth' }, 'integration'],
      [{ assignment: 'lobby' }, 'assignment'],
    ];
    for (const [extra, path] of cases) {
      const refused = await s.request('POST', '/api/v1/readers', { token: admin, body: { ...base, ...extra } });
      expect(refused.status, JSON.stringify(extra)).toBe(400);
      expect(
        refused.body.error.details.fields.map((f: { path: string }) => f.path),
        JSON.stringify(extra),
      ).toContain(path);
    }
    expect(databaseFingerprint(s.core)).toEqual(before);

    const { reader } = await counterReader();
    const patched = await s.request('PATCH', `/api/v1/readers/${reader.id}`, {
      token: admin,
      body: { assignment: 'kiosk', deviceId: kiosk.id },
    });
    expect(patched.status).toBe(400); // still Terminal JS
    expect((await s.request('PATCH', '/api/v1/readers/tmr_nope', { token: admin, body: { label: 'Y' } })).status).toBe(
      404,
    );
    expect(
      (await s.request('PATCH', `/api/v1/readers/${reader.id}`, { token: cashier, body: { label: 'Y' } })).status,
    ).toBe(403);
  });
});
