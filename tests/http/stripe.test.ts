/**
 * Card-present payments over real sockets, with the real `stripe` SDK pointed at the fake Stripe server.
 * The poller is driven by hand (`tick`) so every step is deterministic.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { createTestCore, seedShowtime, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';
import { DECLINE_CARD, startFakeStripe, type FakeStripe } from '../support/fake-stripe';

const WEBHOOK_SECRET = 'whsec_test_marquee';
const READER_TIMEOUT_MS = 120_000;

let fake: FakeStripe;
let s: TestServer;
let admin: string;
let cashier: string;

function stripeOptions() {
  return {
    config: { secretKey: 'sk_test_fake', webhookSecret: WEBHOOK_SECRET, apiBase: fake.url },
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

const tick = () => s.core.payments.card!.tick();

async function counter(code = 'wpe-counter') {
  const { showtime, theater } = await seedShowtime(s);
  const reader = await s.request('POST', '/api/v1/readers', {
    token: admin,
    body: { registrationCode: code, label: 'Counter 1', theaterId: theater.id },
  });
  expect(reader.status).toBe(201);
  return { showtime, theater, reader: reader.body as { id: string; simulated: boolean; status: string } };
}

async function booking(showtimeId: number, quantity = 2, token = cashier) {
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { quantity } });
  expect(hold.status).toBe(201);
  const created = await s.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
    },
  });
  expect(created.status).toBe(201);
  return created.body as { id: number; total: number; status: string; tickets: { id: number; price: number }[] };
}

function payByCard(bookingId: number, amount: number, readerId: string, key?: string) {
  return s.request('POST', `/api/v1/bookings/${bookingId}/payments`, {
    token: cashier,
    body: { method: 'card_present', amount, readerId },
    headers: key ? { 'idempotency-key': key } : {},
  });
}

const getBooking = async (id: number) => (await s.request('GET', `/api/v1/bookings/${id}`, { token: admin })).body;
const getPayment = async (id: number) => (await s.request('GET', `/api/v1/payments/${id}`, { token: admin })).body;
const audits = (action: string, bookingId: number) =>
  (
    s.core.database.sqlite
      .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND entity_id = ?')
      .get(action, bookingId) as { n: number }
  ).n;

describe('card present, server-driven', () => {
  it('success: processing at once, confirmed once the card is tapped and captured', async () => {
    const { showtime, reader } = await counter();
    expect(reader).toMatchObject({ status: 'online', simulated: false });
    const b = await booking(showtime.id);
    const creates = fake.count('payment_intents.create');
    const paid = await payByCard(b.id, b.total, reader.id);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ method: 'card_present', status: 'processing', amount: b.total, training: false });
    expect(fake.count('payment_intents.create')).toBe(creates + 1);
    const intent = fake.intents.get(paid.body.reference)!;
    expect(intent).toMatchObject({ amount: b.total, currency: 'gbp', capture_method: 'manual' });
    expect(fake.readers.get(reader.id)!.action).toMatchObject({ status: 'in_progress' });

    await tick(); // not tapped yet: still waiting, seats kept
    expect((await getPayment(paid.body.id)).status).toBe('processing');
    expect((await getBooking(b.id)).status).toBe('pending_payment');

    fake.present(reader.id);
    await tick();
    await tick(); // seen twice: settles once
    expect(await getPayment(paid.body.id)).toMatchObject({ status: 'succeeded', bookingStatus: 'confirmed' });
    const confirmed = await getBooking(b.id);
    expect(confirmed).toMatchObject({ status: 'confirmed', amountPaid: b.total, amountDue: 0 });
    expect(confirmed.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true);
    expect(intent.status).toBe('succeeded');
    expect(fake.count('payment_intents.capture')).toBeGreaterThanOrEqual(1);
    expect(audits('booking.confirm', b.id)).toBe(1);
  });

  it('a declined card leaves the booking payable; the next card on the same booking succeeds', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const first = await payByCard(b.id, b.total, reader.id);
    // While the first is in flight nothing more can be paid on the booking.
    expect((await payByCard(b.id, b.total, reader.id)).status).toBe(400);
    fake.present(reader.id, DECLINE_CARD);
    await tick();
    expect(await getPayment(first.body.id)).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(fake.intents.get(first.body.reference)!.status).toBe('canceled');
    expect(await getBooking(b.id)).toMatchObject({ status: 'pending_payment', amountDue: b.total });

    const second = await payByCard(b.id, b.total, reader.id);
    expect(second.body.status).toBe('processing');
    expect(second.body.reference).not.toBe(first.body.reference);
    fake.present(reader.id);
    await tick();
    expect(await getBooking(b.id)).toMatchObject({ status: 'confirmed', amountPaid: b.total });
    expect((await getBooking(b.id)).payments.map((p: { status: string }) => p.status)).toEqual(['failed', 'succeeded']);
  });

  it('reader timeout: the reader never got it, or the customer never taps; both fail and free the booking', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    fake.readerTimeout = true;
    const lost = await payByCard(b.id, b.total, reader.id);
    expect(lost.body.status).toBe('processing');
    fake.readerTimeout = false;
    await tick();
    expect(await getPayment(lost.body.id)).toMatchObject({ status: 'failed', failureCode: 'reader_timeout' });
    expect(fake.intents.get(lost.body.reference)!.status).toBe('canceled');

    const slow = await payByCard(b.id, b.total, reader.id);
    (s.clock as ManualClock).advance(READER_TIMEOUT_MS - 1_000);
    await tick();
    expect((await getPayment(slow.body.id)).status).toBe('processing');
    (s.clock as ManualClock).advance(2_000);
    const cancelActions = fake.count('terminal.readers.cancel_action');
    await tick();
    expect(await getPayment(slow.body.id)).toMatchObject({ status: 'failed', failureCode: 'timed_out' });
    expect(fake.count('terminal.readers.cancel_action')).toBe(cancelActions + 1);
    expect(fake.readers.get(reader.id)!.action?.status).toBe('failed');
    expect((await getBooking(b.id)).status).toBe('pending_payment');
  });

  it('a payment in flight keeps its seats past the hold expiry; a failure gives the customer time to retry', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const paid = await payByCard(b.id, b.total, reader.id);
    (s.clock as ManualClock).advance(60 * 60_000); // far past the hold, and past the reader timeout
    await s.core.seating.sweep();
    expect((await getBooking(b.id)).status).toBe('pending_payment');
    fake.present(reader.id, DECLINE_CARD);
    await tick();
    expect((await getPayment(paid.body.id)).status).toBe('failed');
    await s.core.seating.sweep();
    expect((await getBooking(b.id)).status).toBe('pending_payment'); // a grace period to try again
    (s.clock as ManualClock).advance(6 * 60_000);
    await s.core.seating.sweep();
    expect((await getBooking(b.id)).status).toBe('expired');
  });

  it('cancelled on the reader by the customer, and cancelled by staff through payments.cancel', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const onReader = await payByCard(b.id, b.total, reader.id);
    fake.cancelOnReader(reader.id);
    await tick();
    expect(await getPayment(onReader.body.id)).toMatchObject({ status: 'cancelled', failureCode: 'customer_canceled' });
    expect(fake.intents.get(onReader.body.reference)!.status).toBe('canceled');

    const byStaff = await payByCard(b.id, b.total, reader.id);
    const cancelled = await s.request('POST', `/api/v1/payments/${byStaff.body.id}/cancel`, { token: cashier });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', bookingStatus: 'pending_payment' });
    expect(fake.intents.get(byStaff.body.reference)!.status).toBe('canceled');
    expect(fake.readers.get(reader.id)!.action?.status).toBe('failed');
    const again = await s.request('POST', `/api/v1/payments/${byStaff.body.id}/cancel`, { token: cashier });
    expect(again.status).toBe(409);

    // Tapped but not yet captured: cancelling releases the authorisation, nothing is taken.
    const tapped = await payByCard(b.id, b.total, reader.id);
    fake.present(reader.id);
    const released = await s.request('POST', `/api/v1/payments/${tapped.body.id}/cancel`, { token: cashier });
    expect(released.body).toMatchObject({ status: 'cancelled' });
    expect(fake.intents.get(tapped.body.reference)!).toMatchObject({ status: 'canceled', amount_received: 0 });

    // A payment that went through cannot be cancelled (refund it by cancelling the booking).
    const late = await payByCard(b.id, b.total, reader.id);
    fake.present(reader.id);
    await tick();
    const refused = await s.request('POST', `/api/v1/payments/${late.body.id}/cancel`, { token: cashier });
    expect(refused.status).toBe(409);
    expect(await getPayment(late.body.id)).toMatchObject({ status: 'succeeded', bookingStatus: 'confirmed' });
    expect(fake.intents.get(late.body.reference)!.status).toBe('succeeded');
  });

  it('the same payment request 20 times at once with one Idempotency-Key makes one PaymentIntent', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const before = fake.count('payment_intents.create');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => payByCard(b.id, b.total, reader.id, 'one-tap-key')),
    );
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
    const ok = answers.filter((a) => a.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.body.id)).size).toBe(1);
    const replay = await payByCard(b.id, b.total, reader.id, 'one-tap-key');
    expect(replay.body.id).toBe(ok[0]!.body.id);
    expect(fake.count('payment_intents.create')).toBe(before + 1);
    expect((await getBooking(b.id)).payments).toHaveLength(1);
    fake.present(reader.id);
    await tick();
    expect((await getBooking(b.id)).status).toBe('confirmed');
    expect(fake.intents.get(ok[0]!.body.reference)!.amount_received).toBe(b.total);
  });

  it('network loss while creating the PaymentIntent: retried with the same key, never a second one', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const before = fake.count('payment_intents.create');
    // Stripe made it, we never heard (twice: the SDK itself retries once after a reset connection)
    fake.dropResponsesAfterApply = 2;
    const paid = await payByCard(b.id, b.total, reader.id);
    expect(paid.body).toMatchObject({ status: 'processing', reference: null });
    await tick(); // asks again with the same idempotency key: the same PaymentIntent, handed to the reader
    expect(fake.count('payment_intents.create')).toBe(before + 1);
    const reference = (await getPayment(paid.body.id)).reference;
    expect(fake.readers.get(reader.id)!.action?.process_payment_intent.payment_intent).toBe(reference);
    fake.present(reader.id);
    await tick();
    expect((await getBooking(b.id)).status).toBe('confirmed');
  });

  it('training mode: a simulated reader takes a test card by itself and the payment is marked training', async () => {
    const { showtime, reader } = await counter('simulated-wpe');
    expect(reader).toMatchObject({ simulated: true });
    const b = await booking(showtime.id);
    const paid = await payByCard(b.id, b.total, reader.id);
    expect(paid.body.training).toBe(true);
    expect(fake.intents.get(paid.body.reference)!.description).toContain('training');
    await tick();
    expect(await getPayment(paid.body.id)).toMatchObject({ status: 'succeeded', training: true });
  });
});

describe('webhooks', () => {
  const post = (payload: string, signature: string) =>
    s.request('POST', '/api/v1/webhooks/stripe', {
      raw: payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    });
  const now = () => Math.floor(s.clock.now() / 1000);

  it('an event delivered three times and out of order changes the payment once', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const paid = await payByCard(b.id, b.total, reader.id);
    const intent = fake.intents.get(paid.body.reference)!;
    const failedEarlier = fake.signedEvent(
      WEBHOOK_SECRET,
      'payment_intent.payment_failed',
      { ...intent, status: 'requires_payment_method' },
      { timestamp: now() },
    );
    fake.present(reader.id);
    const actionDone = fake.signedEvent(
      WEBHOOK_SECRET,
      'terminal.reader.action_succeeded',
      { ...fake.readers.get(reader.id)! },
      { timestamp: now() },
    );
    const captures = fake.count('payment_intents.capture');
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await post(actionDone.payload, actionDone.signature));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.duplicate)).toEqual([false, true, true]);
    expect(await getPayment(paid.body.id)).toMatchObject({ status: 'succeeded', bookingStatus: 'confirmed' });
    const succeeded = fake.signedEvent(WEBHOOK_SECRET, 'payment_intent.succeeded', intent, { timestamp: now() });
    for (let i = 0; i < 3; i += 1) expect((await post(succeeded.payload, succeeded.signature)).status).toBe(200);
    // An older failure arriving last changes nothing: the PaymentIntent itself is asked.
    expect((await post(failedEarlier.payload, failedEarlier.signature)).status).toBe(200);
    await tick();
    expect(await getPayment(paid.body.id)).toMatchObject({ status: 'succeeded' });
    expect(fake.count('payment_intents.capture')).toBe(captures + 1);
    expect(audits('booking.confirm', b.id)).toBe(1);
    expect(audits('payment.succeeded', b.id)).toBe(1);
  });

  it('a bad or stale signature is refused with 400 and changes nothing', async () => {
    const event = fake.signedEvent(
      WEBHOOK_SECRET,
      'payment_intent.succeeded',
      { id: 'pi_x', object: 'payment_intent' },
      {
        timestamp: now(),
      },
    );
    const before = databaseFingerprint(s.core);
    const wrongSecret = fake.signedEvent(
      'whsec_wrong',
      'payment_intent.succeeded',
      { id: 'pi_x' },
      { timestamp: now() },
    );
    const stale = fake.signedEvent(
      WEBHOOK_SECRET,
      'payment_intent.succeeded',
      { id: 'pi_x' },
      { timestamp: now() - 301 },
    );
    for (const [payload, signature] of [
      [wrongSecret.payload, wrongSecret.signature],
      [stale.payload, stale.signature],
      [event.payload.replace('pi_x', 'pi_y'), event.signature], // body changed after signing
      [event.payload, ''],
    ] as const) {
      const answer = await post(payload, signature);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_signature');
    }
    expect(databaseFingerprint(s.core)).toEqual(before);
    expect((await post(event.payload, event.signature)).status).toBe(200);
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = await s.request('GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/webhooks/stripe'].post.operationId).toBe('webhooks.stripe');
  });
});

describe('refunds to the card', () => {
  it('a full and a partial refund go back to the card, each once', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id, 3);
    const paid = await payByCard(b.id, b.total, reader.id);
    fake.present(reader.id);
    await tick();
    expect((await getBooking(b.id)).status).toBe('confirmed');
    const pi = paid.body.reference as string;

    const one = b.tickets[0]!;
    const partial = await s.request('POST', `/api/v1/bookings/${b.id}/cancel`, {
      token: cashier,
      body: { ticketIds: [one.id] },
    });
    expect(partial.status).toBe(200);
    expect(partial.body.status).toBe('partially_refunded');
    await tick();
    await tick();
    expect(fake.refunds.filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([one.price]);

    const rest = await s.request('POST', `/api/v1/bookings/${b.id}/cancel`, { token: cashier, body: {} });
    expect(rest.body.status).toBe('refunded');
    await tick();
    await tick();
    expect(fake.refunds.filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([
      one.price,
      b.total - one.price,
    ]);
    expect(await getPayment(paid.body.id)).toMatchObject({ status: 'refunded', amountRefunded: b.total });
  });

  it('a refund Stripe cannot be reached for is sent later with the same key', async () => {
    const { showtime, reader } = await counter();
    const b = await booking(showtime.id);
    const paid = await payByCard(b.id, b.total, reader.id);
    fake.present(reader.id);
    await tick();
    await s.request('POST', `/api/v1/bookings/${b.id}/cancel`, { token: cashier, body: {} });
    fake.dropResponsesAfterApply = 1; // Stripe refunded, the answer was lost
    await tick();
    await tick();
    expect(fake.refunds.filter((r) => r.payment_intent === paid.body.reference)).toHaveLength(1);
  });
});

describe('readers', () => {
  it('admins and the theater manager register readers; another theater manager cannot (404), a cashier 403', async () => {
    const { theater } = await seedShowtime(s);
    const { theater: other } = await seedShowtime(s);
    const manager = (await s.userToken('manager', [theater.id])).token;
    const body = (theaterId: number) => ({ registrationCode: 'wpe-lobby', label: 'Lobby', theaterId });
    const before = databaseFingerprint(s.core);
    const creates = fake.count('terminal.readers.create');
    const foreign = await s.request('POST', '/api/v1/readers', { token: manager, body: body(other.id) });
    expect(foreign.status).toBe(404);
    expect((await s.request('POST', '/api/v1/readers', { token: cashier, body: body(theater.id) })).status).toBe(403);
    expect(databaseFingerprint(s.core)).toEqual(before);
    expect(fake.count('terminal.readers.create')).toBe(creates);

    const own = await s.request('POST', '/api/v1/readers', { token: manager, body: body(theater.id) });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ label: 'Lobby', theaterId: theater.id, integration: 'server_driven' });
    const listed = await s.request('GET', '/api/v1/readers', { token: manager });
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
    expect(listed.body.items[0].status).toBe('online');
    const all = await s.request('GET', '/api/v1/readers', { token: admin });
    expect(all.body.items.length).toBeGreaterThan(1);
  });

  it('staff get Terminal JS connection tokens from Stripe; a kiosk or an anonymous caller does not', async () => {
    const { theater } = await counter();
    const before = fake.count('terminal.connection_tokens.create');
    const token = await s.request('POST', '/api/v1/terminal/connection-tokens', {
      token: cashier,
      body: { theaterId: theater.id },
    });
    expect(token.status).toBe(201);
    expect(token.body.secret).toMatch(/^pst_test_/);
    expect(fake.count('terminal.connection_tokens.create')).toBe(before + 1);
    const kiosk = (await s.userToken('kiosk')).token;
    expect((await s.request('POST', '/api/v1/terminal/connection-tokens', { token: kiosk, body: {} })).status).toBe(
      403,
    );
    expect((await s.request('POST', '/api/v1/terminal/connection-tokens', { body: {} })).status).toBe(401);
  });

  it('status comes from Stripe and is cached briefly', async () => {
    const { reader } = await counter();
    const reads = () => fake.requests.filter((r) => r === `GET /v1/terminal/readers/${reader.id}`).length;
    fake.readers.get(reader.id)!.status = 'offline';
    (s.clock as ManualClock).advance(11_000);
    const first = reads();
    const list1 = await s.request('GET', '/api/v1/readers', { token: admin });
    const list2 = await s.request('GET', '/api/v1/readers', { token: admin });
    expect(list1.body.items.find((r: { id: string }) => r.id === reader.id).status).toBe('offline');
    expect(list2.body.items.find((r: { id: string }) => r.id === reader.id).status).toBe('offline');
    expect(reads()).toBe(first + 1);
    fake.readers.get(reader.id)!.status = 'online';
  });

  it('bad input is refused with 4xx and changes nothing, here or at Stripe', async () => {
    const { showtime, reader } = await counter();
    const { reader: elsewhere } = await counter('wpe-elsewhere');
    const b = await booking(showtime.id);
    const before = databaseFingerprint(s.core);
    const calls = fake.requests.length;
    const cases: [unknown, number][] = [
      [{ method: 'card_present', amount: b.total + 1, readerId: reader.id }, 400],
      [{ method: 'card_present', amount: 0, readerId: reader.id }, 400],
      [{ method: 'card_present', amount: b.total }, 400],
      [{ method: 'card_present', amount: b.total, readerId: 'tmr_nope' }, 404],
      [{ method: 'card_present', amount: b.total, readerId: elsewhere.id }, 400],
      [{ method: 'card_present', amount: '1200', readerId: reader.id }, 400],
    ];
    for (const [body, status] of cases) {
      const answer = await s.request('POST', `/api/v1/bookings/${b.id}/payments`, { token: cashier, body });
      expect(answer.status, JSON.stringify(body)).toBe(status);
    }
    expect(
      (
        await s.request('POST', '/api/v1/readers', {
          token: admin,
          body: { registrationCode: 'invalid-code', label: 'X', theaterId: b.id },
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await s.request('POST', '/api/v1/readers', { token: admin, body: { label: 'X' } })).status).toBe(400);
    expect((await s.request('POST', '/api/v1/payments/999999/cancel', { token: cashier })).status).toBe(404);
    expect(databaseFingerprint(s.core)).toEqual(before);
    expect(fake.requests.slice(calls).filter((r) => r.startsWith('POST'))).toEqual(
      fake.requests.slice(calls).filter((r) => r === 'POST /v1/terminal/readers'),
    );
  });
});

describe('reconciliation', () => {
  it('after a restart, a payment left processing is resolved from its PaymentIntent; strays are cancelled', async () => {
    const clock = new ManualClock(Date.parse('2026-11-28T09:00:00Z'));
    const first = await startTestServer({ clock, stripe: stripeOptions() });
    const dataDir = first.dataDir;
    const token = await first.adminToken();
    const { showtime, theater } = await seedShowtime(first);
    const reader = (
      await first.request('POST', '/api/v1/readers', {
        token,
        body: { registrationCode: 'wpe-restart', label: 'R', theaterId: theater.id },
      })
    ).body;
    const hold = await first.request('POST', `/api/v1/showtimes/${showtime.id}/holds`, {
      token,
      body: { quantity: 1 },
    });
    const b = (
      await first.request('POST', '/api/v1/bookings', {
        token,
        body: { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] },
      })
    ).body;
    const paid = await first.request('POST', `/api/v1/bookings/${b.id}/payments`, {
      token,
      body: { method: 'card_present', amount: b.total, readerId: reader.id },
    });
    fake.present(reader.id);
    // The server stops before it ever looks again (no data dir removal: it is reopened below).
    await first.server.close();
    await first.core.close();
    const stray = await fetch(`${fake.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_fake', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=500&currency=gbp&capture_method=manual&metadata[marquee_key]=marquee-payment-999-1',
    }).then((r) => r.json() as Promise<{ id: string }>);
    const foreign = await fetch(`${fake.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_fake', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=500&currency=gbp',
    }).then((r) => r.json() as Promise<{ id: string }>);

    const creates = fake.count('payment_intents.create');
    const again = await startTestServer({ clock, dataDir, stripe: { ...stripeOptions(), pollIntervalMs: 25 } });
    try {
      const adminAgain = await again.adminToken();
      let status = '';
      for (let i = 0; i < 200 && status !== 'confirmed'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (await again.request('GET', `/api/v1/bookings/${b.id}`, { token: adminAgain })).body.status;
      }
      expect(status).toBe('confirmed');
      await again.core.payments.card!.tick({ sweepOrphans: true });
      expect(fake.count('payment_intents.create')).toBe(creates);
      expect(fake.intents.get(paid.body.reference)!.status).toBe('succeeded');
      expect(fake.intents.get(stray.id)!.status).toBe('canceled');
      expect(fake.intents.get(foreign.id)!.status).toBe('requires_payment_method');
    } finally {
      await again.close();
    }
  });
});

describe('without a Stripe key', () => {
  it('card payments and readers answer 409 payments_not_configured', async () => {
    const t = await createTestCore();
    try {
      const { showtime, theater } = await seedShowtime(t);
      await expect(t.call('readers.list', {})).rejects.toMatchObject({ code: 'payments_not_configured' });
      await expect(
        t.call('readers.create', { registrationCode: 'simulated-wpe', label: 'X', theaterId: theater.id }),
      ).rejects.toMatchObject({ code: 'payments_not_configured' });
      const hold = await t.call('holds.create', { showtimeId: showtime.id, quantity: 1 });
      const b = await t.call('bookings.create', {
        holdId: hold.id,
        tickets: [{ seatId: hold.seatIds[0]!, ticketType: 'adult' }],
      });
      await expect(
        t.call('payments.create', { bookingId: b.id, method: 'card_present', amount: b.total, readerId: 'tmr_1' }),
      ).rejects.toMatchObject({ code: 'payments_not_configured' });
    } finally {
      await t.close();
    }
  });
});
