/**
 * Kill -9 during sustained booking load, restart, and check from the database itself:
 * - every booking the server acknowledged (201) still exists, and every acknowledged payment too;
 *   an acknowledged paid booking is confirmed with sold seats;
 * - no seat of a showtime has two active claims;
 * - PRAGMA integrity_check = ok.
 *   npm run test:crash              five cycles of about three seconds of load
 *   npm run test:crash -- --short   two cycles (part of npm test)
 * Writes test-results/crash-summary.json and closes with "crash: N passed, N failed".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const short = process.argv.includes('--short');
const CYCLES = short ? 2 : 5;
const CLIENTS = 16;
const PASSWORD = 'crash-admin-password';

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(dataDir: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/serve.ts', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'],
      {
        env: { ...process.env, MARQUEE_ADMIN_PASSWORD: PASSWORD, MARQUEE_SCRYPT_LOG2N: '10' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function api(server: Server, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function setUp(server: Server): Promise<{ keys: string[]; showtimes: number[] }> {
  const admin = (await api(server, 'POST', '/api/v1/auth/login', null, { username: 'admin', password: PASSWORD })).body
    .token as string;
  const theater = (
    await api(server, 'POST', '/api/v1/theaters', admin, { name: 'Crash Cinema', timeZone: 'UTC', currency: 'EUR' })
  ).body;
  const rows = Array.from({ length: 12 }, (_, r) => ({
    label: String.fromCharCode(65 + r),
    seats: Array.from({ length: 20 }, (_, i) => ({ number: i + 1, type: 'standard' })),
  }));
  const screen = (
    await api(server, 'POST', `/api/v1/theaters/${theater.id}/screens`, admin, { name: 'Big', layout: { rows } })
  ).body;
  const movie = (await api(server, 'POST', '/api/v1/movies', admin, { title: 'Crash', durationMinutes: 60 })).body;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const showtimes: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const startsAt = `${tomorrow}T${String(8 + i).padStart(2, '0')}:30:00Z`;
    showtimes.push(
      (await api(server, 'POST', '/api/v1/showtimes', admin, { movieId: movie.id, screenId: screen.id, startsAt })).body
        .id,
    );
  }
  const keys: string[] = [];
  for (let i = 0; i < CLIENTS; i += 1)
    keys.push((await api(server, 'POST', '/api/v1/api-keys', admin, { name: `client ${i}` })).body.key);
  return { keys, showtimes };
}

interface Acknowledged {
  bookings: Map<number, 'pending' | 'paid'>;
  payments: Set<number>;
}

/** Clients loop hold → book → pay until `stop` is set; acknowledgements are recorded as they arrive. */
async function load(
  server: Server,
  keys: string[],
  showtimes: number[],
  ack: Acknowledged,
  stop: { now: boolean },
): Promise<void> {
  await Promise.all(
    keys.map(async (key, client) => {
      let target = client % showtimes.length;
      while (!stop.now) {
        try {
          const hold = await api(server, 'POST', `/api/v1/showtimes/${showtimes[target]}/holds`, key, { quantity: 2 });
          if (hold.status === 409) {
            target = (target + 1) % showtimes.length;
            continue;
          }
          if (hold.status !== 201) continue;
          const booking = await api(server, 'POST', '/api/v1/bookings', key, {
            holdId: hold.body.id,
            tickets: hold.body.seatIds.map((seatId: number) => ({ seatId, ticketType: 'adult' })),
          });
          if (booking.status !== 201) continue;
          ack.bookings.set(booking.body.id, 'pending');
          const payment = await api(server, 'POST', `/api/v1/bookings/${booking.body.id}/payments`, key, {
            method: 'external',
            amount: booking.body.total,
            reference: `crash-${booking.body.id}`,
          });
          if (payment.status === 201) {
            ack.bookings.set(booking.body.id, 'paid');
            ack.payments.add(payment.body.id);
          }
        } catch {
          return; // the server was killed mid-request: nothing was acknowledged
        }
      }
    }),
  );
}

function verify(dataDir: string, ack: Acknowledged): string[] {
  const problems: string[] = [];
  const db = new BetterSqlite3(join(dataDir, 'marquee.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const doubles = db
      .prepare(
        "SELECT showtime_id, seat_id, COUNT(*) AS n FROM seat_claims WHERE status IN ('blocked','held','sold') GROUP BY showtime_id, seat_id HAVING n > 1",
      )
      .all();
    if (doubles.length > 0) problems.push(`${doubles.length} seats with two active claims`);
    const bookingStatus = db.prepare('SELECT status FROM bookings WHERE id = ?');
    const soldSeats = db.prepare("SELECT COUNT(*) AS n FROM seat_claims WHERE booking_id = ? AND status = 'sold'");
    for (const [id, state] of ack.bookings) {
      const row = bookingStatus.get(id) as { status: string } | undefined;
      if (!row) problems.push(`acknowledged booking ${id} is lost`);
      else if (state === 'paid' && (row.status !== 'confirmed' || (soldSeats.get(id) as { n: number }).n !== 2)) {
        problems.push(`paid booking ${id} is ${row.status}`);
      }
    }
    const payment = db.prepare('SELECT status FROM payments WHERE id = ?');
    for (const id of ack.payments) {
      const row = payment.get(id) as { status: string } | undefined;
      if (!row || row.status !== 'succeeded') problems.push(`acknowledged payment ${id} is ${row?.status ?? 'lost'}`);
    }
    // Money in matches the bookings it paid for.
    const orphan = db
      .prepare(
        "SELECT COUNT(*) AS n FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.status = 'succeeded' AND b.status <> 'confirmed'",
      )
      .get() as { n: number };
    if (orphan.n > 0) problems.push(`${orphan.n} succeeded payments on unconfirmed bookings`);
  } finally {
    db.close();
  }
  return problems;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-crash-'));
  const ack: Acknowledged = { bookings: new Map(), payments: new Set() };
  let passed = 0;
  let failed = 0;
  let server = await startServer(dataDir);
  const { keys, showtimes } = await setUp(server);
  try {
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      const stop = { now: false };
      const running = load(server, keys, showtimes, ack, stop);
      const loadMs = 1500 + Math.floor(Math.random() * 2000);
      await new Promise((resolve) => setTimeout(resolve, loadMs));
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGKILL');
      await exited;
      stop.now = true;
      await running;
      const problems = verify(dataDir, ack);
      const paid = [...ack.bookings.values()].filter((state) => state === 'paid').length;
      process.stdout.write(
        `cycle ${cycle}: killed after ${loadMs} ms; ${ack.bookings.size} acknowledged bookings (${paid} paid) so far; ${problems.length === 0 ? 'all present, no seat sold twice, integrity ok' : problems.slice(0, 5).join('; ')}\n`,
      );
      if (problems.length === 0 && ack.bookings.size > 0) passed += 1;
      else failed += 1;
      server = await startServer(dataDir); // restart: migrations, recovery, the sweeper
    }
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/crash-summary.json', JSON.stringify({ passed, failed, skipped: 0 }));
  process.stdout.write(`crash: ${passed} passed, ${failed} failed\n`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`crash test failed to run: ${error instanceof Error ? error.stack : String(error)}\n`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/crash-summary.json', JSON.stringify({ passed: 0, failed: 1, skipped: 0 }));
  process.exit(1);
});
