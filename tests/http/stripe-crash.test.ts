/**
 * Kill -9 between Stripe taking the money and our commit. The headless server runs as a child process
 * against the fake Stripe; the fake applies the capture and, instead of answering, lets the test kill the
 * child: Stripe has the money, our database still says `processing`. After a restart, reconciliation
 * confirms the booking exactly once, and Stripe saw exactly one PaymentIntent and one capture.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe';

const PASSWORD = 'crash-admin-password';
let fake: FakeStripe;
let dataDir: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  fake = await startFakeStripe();
  dataDir = mkdtempSync(join(tmpdir(), 'marquee-stripe-crash-'));
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fake.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'],
      {
        env: {
          ...process.env,
          MARQUEE_ADMIN_PASSWORD: PASSWORD,
          MARQUEE_SCRYPT_LOG2N: '10',
          STRIPE_SECRET_KEY: 'sk_test_crash',
          STRIPE_API_BASE: fake.url,
          MARQUEE_CARD_POLL_MS: '50',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', () => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`server exited:\n${output}`));
    });
  });
}

async function api(url: string, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function readDb<T>(run: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(join(dataDir, 'marquee.db'), { readonly: true });
  try {
    return run(db);
  } finally {
    db.close();
  }
}

it('a crash after the capture and before our commit: confirmed once after restart, one charge', async () => {
  const first = await startServer();
  const login = async (url: string) =>
    (await api(url, 'POST', '/api/v1/auth/login', null, { username: 'admin', password: PASSWORD })).body
      .token as string;
  let token = await login(first.url);
  const theater = (
    await api(first.url, 'POST', '/api/v1/theaters', token, { name: 'Crash', timeZone: 'UTC', currency: 'EUR' })
  ).body;
  const rows = [{ label: 'A', seats: [1, 2, 3, 4].map((number) => ({ number, type: 'standard' })) }];
  const screen = (
    await api(first.url, 'POST', `/api/v1/theaters/${theater.id}/screens`, token, { name: 'S', layout: { rows } })
  ).body;
  const movie = (await api(first.url, 'POST', '/api/v1/movies', token, { title: 'Crash', durationMinutes: 90 })).body;
  const startsAt = `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T20:00:00Z`;
  const showtime = (
    await api(first.url, 'POST', '/api/v1/showtimes', token, { movieId: movie.id, screenId: screen.id, startsAt })
  ).body;
  const reader = await api(first.url, 'POST', '/api/v1/readers', token, {
    registrationCode: 'wpe-crash',
    label: 'Counter',
    theaterId: theater.id,
  });
  expect(reader.status).toBe(201);
  const hold = (await api(first.url, 'POST', `/api/v1/showtimes/${showtime.id}/holds`, token, { quantity: 2 })).body;
  const booking = (
    await api(first.url, 'POST', '/api/v1/bookings', token, {
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
    })
  ).body;

  const killed = new Promise<void>((resolve) => {
    fake.onCaptureHold = () => {
      first.child.kill('SIGKILL'); // Stripe has captured; our server never hears back
      resolve();
    };
  });
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  const paid = await api(first.url, 'POST', `/api/v1/bookings/${booking.id}/payments`, token, {
    method: 'card_present',
    amount: booking.total,
    readerId: reader.body.id,
  });
  expect(paid.body.status).toBe('processing');
  fake.present(reader.body.id); // the customer taps; the poller sees it and captures
  await killed;
  await exited;

  const intent = fake.intents.get(paid.body.reference)!;
  expect(intent.status).toBe('succeeded');
  expect(readDb((db) => db.prepare('SELECT status FROM payments WHERE id = ?').get(paid.body.id))).toEqual({
    status: 'processing',
  });
  expect(readDb((db) => db.prepare('SELECT status FROM bookings WHERE id = ?').get(booking.id))).toEqual({
    status: 'pending_payment',
  });

  const second = await startServer();
  try {
    token = await login(second.url);
    let status = '';
    for (let i = 0; i < 300 && status !== 'confirmed'; i += 1) {
      status = (await api(second.url, 'GET', `/api/v1/bookings/${booking.id}`, token)).body.status;
      if (status !== 'confirmed') await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe('confirmed');
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few more poller rounds: nothing may change
    expect(fake.count('payment_intents.create')).toBe(1);
    expect(fake.count('payment_intents.capture')).toBe(1);
    expect(fake.charges()).toBe(1);
    readDb((db) => {
      expect(db.prepare('SELECT status FROM payments WHERE booking_id = ?').all(booking.id)).toEqual([
        { status: 'succeeded' },
      ]);
      const confirms = db
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'booking.confirm' AND entity_id = ?")
        .get(booking.id);
      expect(confirms).toEqual({ n: 1 });
      expect(db.prepare('SELECT amount_paid FROM bookings WHERE id = ?').get(booking.id)).toEqual({
        amount_paid: booking.total,
      });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  } finally {
    const gone = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await gone;
  }
}, 120_000); // two server starts (tsx compiles the sources); the crash and recovery themselves take well under a second
