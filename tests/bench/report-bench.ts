/**
 * Report benchmark (a measurement, not a test):  npm run bench:reports -- [--tickets 10000000] [--runs 7]
 *
 * Generates a year (2026) of a 12-screen multiplex in a temporary data folder: films changing every few
 * weeks, six shows a day on every screen, about `--tickets` tickets sold at the counter (cash or card),
 * kiosks (card) and the website (external), 2 % of bookings refunded later, a few training payments.
 * Setup (theater, screens, films) goes through the services; the year's showtimes, bookings, tickets,
 * payments and refunds are written directly with prepared better-sqlite3 inserts in big transactions.
 * Then the daily sales rollup is rebuilt the way migration 0010 does it (timed: that is what an upgrade
 * of such a database costs), and each report is timed through the dispatcher (input validation, the
 * service, output validation; no HTTP): median and max of `--runs` runs after one warm-up run.
 * Prints a table and writes bench/report-results.json. Targets: a day's screen or report under 200 ms,
 * the year's report under 2 s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { format } from 'prettier';
import { rebuildRollups } from '../../migrations/0010_sales_rollup';
import type { Actor } from '../../src/main/core/actor';
import { ManualClock } from '../../src/main/core/clock';
import { createCore, type Core } from '../../src/main/core/core';
import type { OperationName, InputOf } from '../../src/shared/contract/index';
import { addDays, zonedEpoch } from '../../src/shared/domain/time';

const ROOT = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const TARGET_TICKETS = Math.max(1000, Number(values.tickets) || 10_000_000);
const RUNS = Math.max(3, Math.min(50, Number(values.runs) || 7));
const ZONE = 'Europe/London';
const YEAR_FROM = '2026-01-01';
const DAYS = 365;
const MINUTE = 60_000;
const SHOW_TIMES = ['10:00', '12:40', '15:20', '18:00', '20:40', '23:20'];
const CAPACITIES = [620, 540, 480, 450, 420, 400, 380, 350, 320, 300, 280, 260];
const TYPES = [
  { code: 'adult', price: 1250, share: 0.55 },
  { code: 'child', price: 850, share: 0.2 },
  { code: 'senior', price: 950, share: 0.12 },
  { code: 'student', price: 1000, share: 0.13 },
];
const VAT_BP = 2000;

/** A small deterministic generator (mulberry32), so every run builds the same year. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function layout(capacity: number) {
  const perRow = capacity >= 400 ? 30 : 20;
  const rows: { label: string; seats: ({ number: number; type: 'standard' } | null)[] }[] = [];
  let left = capacity;
  for (let r = 0; left > 0; r += 1) {
    const count = Math.min(perRow, left);
    left -= count;
    const label = r < 26 ? String.fromCharCode(65 + r) : `A${String.fromCharCode(65 + r - 26)}`;
    rows.push({
      label,
      seats: Array.from({ length: count }, (_, i) => ({ number: i + 1, type: 'standard' as const })),
    });
  }
  return { rows };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'marquee-report-bench-'));
  const clock = new ManualClock(Date.parse('2025-12-01T09:00:00Z'));
  let core: Core = await createCore({ dataDir, clock, sweepIntervalMs: 0, scrypt: { log2N: 10, r: 8, p: 1 } });
  const admin: Actor = { kind: 'user', id: 1, username: 'admin', role: 'admin', theaterIds: [], sessionId: 0 };
  const call = <N extends OperationName>(name: N, input: InputOf<N>) =>
    core.dispatcher.call(name, input, { actor: admin, transport: 'memory' });
  const started = Date.now();

  // ---- setup through the services ----
  const theater = await call('theaters.create', { name: 'Marquee Multiplex', timeZone: ZONE, currency: 'GBP' });
  await call('pricing.set', {
    theaterId: theater.id,
    vatRateBasisPoints: VAT_BP,
    ticketTypes: TYPES.map((type) => ({ code: type.code, name: type.code, basePrice: type.price, active: true })),
    rules: [],
  });
  const screens: { id: number; capacity: number; firstSeat: number }[] = [];
  for (const [index, capacity] of CAPACITIES.entries()) {
    const screen = await call('screens.create', {
      theaterId: theater.id,
      name: `Screen ${index + 1}`,
      layout: layout(capacity),
    });
    screens.push({ id: screen.id, capacity, firstSeat: 0 });
  }
  const films: number[] = [];
  for (let i = 0; i < 48; i += 1) {
    films.push((await call('movies.create', { title: `Feature ${i + 1}`, durationMinutes: 95 + (i % 4) * 5 })).id);
  }

  const sqlite = core.database.sqlite;
  for (const screen of screens) {
    screen.firstSeat = (
      sqlite.prepare('SELECT min(id) AS id FROM seats WHERE screen_id = ?').get(screen.id) as { id: number }
    ).id;
  }
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = OFF');
  // The load touches a dozen indexes at once: give them a cache that holds their hot pages.
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('temp_store = MEMORY');

  // ---- the year's showtimes ----
  const random = rng(20261128);
  const insertShow = sqlite.prepare(
    `INSERT INTO showtimes (movie_id, screen_id, theater_id, starts_at, ends_at, blocked_until, trailer_minutes, format, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 15, '2D', ?)`,
  );
  const shows: { id: number; screen: (typeof screens)[number]; startsAt: number; weight: number }[] = [];
  sqlite.transaction(() => {
    for (let d = 0; d < DAYS; d += 1) {
      const date = addDays(YEAR_FROM, d);
      const week = Math.floor(d / 7);
      screens.forEach((screen, s) => {
        SHOW_TIMES.forEach((time, slot) => {
          const film = films[(week + s + (slot % 2)) % films.length]!;
          const startsAt = zonedEpoch(date, time, ZONE);
          const endsAt = startsAt + 125 * MINUTE;
          const id = Number(
            insertShow.run(
              film,
              screen.id,
              theater.id,
              startsAt,
              endsAt,
              endsAt + 15 * MINUTE,
              startsAt - 30 * 86_400_000,
            ).lastInsertRowid,
          );
          // Evenings and weekends sell best.
          const weekday = new Date(startsAt).getUTCDay();
          const weight = (slot >= 3 ? 1 : 0.6) * (weekday === 5 || weekday === 6 ? 1 : 0.8) * (0.6 + 0.4 * random());
          shows.push({ id, screen, startsAt, weight });
        });
      });
    }
  })();
  const seatsOffered = shows.reduce((sum, show) => sum + show.screen.capacity * show.weight, 0);
  const scale = TARGET_TICKETS / seatsOffered;

  // ---- bookings, tickets, payments, refunds ----
  // Secondary indexes are dropped during the load and built again after it (a sort instead of millions of
  // random index inserts); the schema ends up exactly as the migrations made it.
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN ('bookings', 'tickets', 'payments', 'refunds')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX ${index.name}`);
  const insertBooking = sqlite.prepare(
    `INSERT INTO bookings (id, reference, showtime_id, theater_id, hold_id, status, channel, created_by, currency, total, tax,
                           amount_paid, amount_refunded, created_at, updated_at, confirmed_at, cancelled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'GBP', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTicket = sqlite.prepare(
    `INSERT INTO tickets (booking_id, claim_id, showtime_id, seat_id, ticket_type, price, tax, status, cancelled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPayment = sqlite.prepare(
    `INSERT INTO payments (id, booking_id, method, amount, currency, status, created_by, created_at, updated_at, amount_refunded, training)
     VALUES (?, ?, ?, ?, 'GBP', ?, ?, ?, ?, ?, ?)`,
  );
  const insertRefund = sqlite.prepare(
    `INSERT INTO refunds (payment_id, booking_id, amount, method, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let bookingId = 0;
  let tickets = 0;
  let refunded = 0;
  const CHUNK = 400;
  for (let from = 0; from < shows.length; from += CHUNK) {
    sqlite.transaction(() => {
      for (const show of shows.slice(from, from + CHUNK)) {
        const want = Math.min(show.screen.capacity, Math.round(show.screen.capacity * show.weight * scale));
        let seat = 0;
        while (seat < want) {
          const size = Math.min(want - seat, 1 + Math.floor(random() * 4));
          bookingId += 1;
          const r = random();
          const channel = r < 0.55 ? 'counter' : r < 0.8 ? 'kiosk' : 'api';
          const method =
            channel === 'api' ? 'external' : channel === 'kiosk' || random() < 0.6 ? 'card_present' : 'cash';
          const training = method === 'card_present' && random() < 0.002 ? 1 : 0;
          // Sold from a week before up to the start, during opening hours.
          const confirmedAt = Math.max(
            show.startsAt - Math.floor(random() ** 2 * 7 * 86_400_000) - 5 * MINUTE,
            show.startsAt - 7 * 86_400_000,
          );
          const lines = Array.from({ length: size }, () => {
            let pick = random();
            const type = TYPES.find((t) => (pick -= t.share) < 0) ?? TYPES[0]!;
            return { type: type.code, price: type.price, tax: Math.round((type.price * VAT_BP) / (10_000 + VAT_BP)) };
          });
          const total = lines.reduce((sum, line) => sum + line.price, 0);
          const tax = lines.reduce((sum, line) => sum + line.tax, 0);
          const refund = random() < 0.02;
          const refundAt = refund
            ? Math.min(show.startsAt - MINUTE, confirmedAt + Math.floor(random() * 2 * 86_400_000))
            : null;
          const who = channel === 'api' ? 'apiKey:1' : channel === 'kiosk' ? 'device:1' : 'user:2';
          insertBooking.run(
            bookingId,
            `B${bookingId.toString(36).toUpperCase().padStart(8, '0')}`,
            show.id,
            theater.id,
            bookingId,
            refund ? 'refunded' : 'confirmed',
            channel,
            who,
            total,
            tax,
            total,
            refund ? total : 0,
            confirmedAt - 2 * MINUTE,
            refundAt ?? confirmedAt,
            confirmedAt,
            refundAt,
          );
          for (const line of lines) {
            tickets += 1;
            insertTicket.run(
              bookingId,
              tickets,
              show.id,
              show.screen.firstSeat + seat,
              line.type,
              line.price,
              line.tax,
              refund ? 'refunded' : 'valid',
              refundAt,
            );
            seat += 1;
          }
          insertPayment.run(
            bookingId,
            bookingId,
            method,
            total,
            refund ? 'refunded' : 'succeeded',
            who,
            confirmedAt,
            refundAt ?? confirmedAt,
            refund ? total : 0,
            training,
          );
          if (refund) {
            refunded += 1;
            insertRefund.run(bookingId, bookingId, total, method, who, refundAt);
          }
        }
      }
    })();
    if (from % (CHUNK * 10) === 0) process.stdout.write(`\r  generated ${tickets.toLocaleString('en')} tickets`);
  }
  for (const index of indexes) sqlite.exec(index.sql);
  const generatedAt = Date.now();
  process.stdout.write(
    `\r  generated ${tickets.toLocaleString('en')} tickets in ${bookingId.toLocaleString('en')} bookings (${refunded.toLocaleString('en')} refunded) over ${shows.length.toLocaleString('en')} showtimes in ${((generatedAt - started) / 1000).toFixed(0)} s\n`,
  );

  // ---- the rollup, as migration 0010 builds it for an existing database ----
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const rebuildStarted = Date.now();
  await rebuildRollups(core.database.db as unknown as Kysely<unknown>);
  const rebuildMs = Date.now() - rebuildStarted;
  sqlite.exec('ANALYZE');
  const rollupRows = (sqlite.prepare('SELECT count(*) AS n FROM sales_daily').get() as { n: number }).n;
  console.log(`  rollup rebuilt: ${rollupRows.toLocaleString('en')} rows in ${(rebuildMs / 1000).toFixed(1)} s`);

  // A fresh process's view: reopen, so no cache of the generator's survives.
  await core.close();
  clock.set(zonedEpoch('2026-12-18', '16:30', ZONE));
  core = await createCore({ dataDir, clock, sweepIntervalMs: 0, scrypt: { log2N: 10, r: 8, p: 1 } });

  const busyDay = '2026-12-12';
  const scenarios: { name: string; target: number; run: () => Promise<unknown> }[] = [
    {
      name: 'sales report, one day',
      target: 200,
      run: () => call('reports.sales', { theaterId: theater.id, from: busyDay, to: busyDay }),
    },
    {
      name: 'sales report, one week',
      target: 200,
      run: () => call('reports.sales', { theaterId: theater.id, from: '2026-12-06', to: busyDay }),
    },
    {
      name: 'sales report, the year',
      target: 2000,
      run: () => call('reports.sales', { theaterId: theater.id, from: YEAR_FROM, to: '2026-12-31' }),
    },
    {
      name: 'dashboard',
      target: 200,
      run: () => call('reports.dashboard', { theaterId: theater.id }),
    },
    {
      name: 'distributor report, one film, one week',
      target: 200,
      run: () =>
        call('reports.distributor', { theaterId: theater.id, movieId: films[2]!, from: '2026-12-06', to: busyDay }),
    },
    {
      name: 'distributor report, one film, the year',
      target: 2000,
      run: () =>
        call('reports.distributor', { theaterId: theater.id, movieId: films[2]!, from: YEAR_FROM, to: '2026-12-31' }),
    },
    {
      name: 'Z-report of a day (theater)',
      target: 200,
      run: () => call('reports.zDay', { theaterId: theater.id, date: busyDay }),
    },
    {
      name: "showtimes of a day (counter's daily screen)",
      target: 200,
      run: () => call('showtimes.list', { theaterId: theater.id, date: busyDay, limit: 200 }),
    },
  ];
  const results: { name: string; target: number; firstMs: number; medianMs: number; maxMs: number }[] = [];
  for (const scenario of scenarios) {
    const times: number[] = [];
    let first = 0;
    for (let i = 0; i <= RUNS; i += 1) {
      const t0 = performance.now();
      await scenario.run();
      const ms = performance.now() - t0;
      if (i === 0) first = ms;
      else times.push(ms);
    }
    results.push({
      name: scenario.name,
      target: scenario.target,
      firstMs: Math.round(first * 10) / 10,
      medianMs: Math.round(median(times) * 10) / 10,
      maxMs: Math.round(Math.max(...times) * 10) / 10,
    });
  }

  console.log(`\n  ${'report'.padEnd(44)} ${'first'.padStart(9)} ${'median'.padStart(9)} ${'max'.padStart(9)}  target`);
  for (const r of results) {
    const ok = r.maxMs <= r.target ? 'ok' : 'MISSED';
    console.log(
      `  ${r.name.padEnd(44)} ${`${r.firstMs} ms`.padStart(9)} ${`${r.medianMs} ms`.padStart(9)} ${`${r.maxMs} ms`.padStart(9)}  < ${r.target} ms ${ok}`,
    );
  }
  const dbBytes = (
    core.database.sqlite
      .prepare('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()')
      .get() as { n: number }
  ).n;
  const summary = {
    measuredAt: new Date().toISOString(),
    command: `npm run bench:reports -- --tickets ${TARGET_TICKETS} --runs ${RUNS}`,
    machine: { node: process.version, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
    data: {
      year: 2026,
      screens: screens.length,
      showtimes: shows.length,
      bookings: bookingId,
      tickets,
      refundedBookings: refunded,
      rollupRows,
      databaseMiB: Math.round(dbBytes / 1048576),
      generateSeconds: Math.round((generatedAt - started) / 1000),
      rollupRebuildSeconds: Math.round(rebuildMs / 100) / 10,
    },
    runs: RUNS,
    results,
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  // Formatted as the repository's Prettier check expects.
  writeFileSync(
    join(ROOT, 'bench', 'report-results.json'),
    await format(JSON.stringify(summary), { parser: 'json', printWidth: 120 }),
  );
  console.log(`\n  wrote bench/report-results.json (load average ${summary.machine.loadavg.join(' ')})`);
  await core.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`  data kept in ${dataDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
