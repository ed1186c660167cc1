/**
 * Report benchmark (a measurement, not a test):
 *   npm run bench:reports -- [--tickets 10000000] [--runs 7] [--data DIR] [--keep]
 *
 * Generates a year (2026) of a 12-screen multiplex in a temporary data folder: films changing every few
 * weeks, six shows a day on every screen, about `--tickets` tickets sold at the counter (cash or card),
 * kiosks (card) and the website (external), 2 % of bookings refunded later, a few training payments.
 * Setup (theater, screens, films) goes through the services; the year's showtimes, bookings, tickets,
 * payments and refunds are written directly with prepared better-sqlite3 inserts in big transactions.
 * Then the daily sales rollup is rebuilt the way migration 0010 does it, and the monthly and per-minute
 * ones the way 0012 does (timed: that is what an upgrade of such a database costs), and each report is timed through the dispatcher (input validation, the
 * service, output validation; no HTTP): median and max of `--runs` runs after one warm-up run.
 * Prints a table and writes bench/report-results.json. Targets: a day's screen or report under 200 ms,
 * the year's report under 2 s.
 *
 * `--data DIR` keeps the generated year in DIR and reuses it on the next run with the same `--tickets`
 * (a 10-million-ticket year takes many minutes to build). It is built again when it was made by another
 * version of the generator, when its migration level differs from this build's (a schema change) or the
 * migrations' source was edited since, or when a previous build of it did not finish. The reused database's load and rollup times are the ones
 * recorded when it was built.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { format } from 'prettier';
import { rebuildRollups } from '../../migrations/0010_sales_rollup';
import { rebuildMinutes, rebuildMonthly } from '../../migrations/0012_report_speed';
import { migrations } from '../../migrations/index';
import type { Actor } from '../../src/main/core/actor';
import { ManualClock } from '../../src/main/core/clock';
import { createCore, DATABASE_FILE, type Core } from '../../src/main/core/core';
import type { OperationName, InputOf } from '../../src/shared/contract/index';
import { addDays, zonedEpoch } from '../../src/shared/domain/time';

const ROOT = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    data: { type: 'string' },
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
/** Bump when the generated data changes, so a kept `--data` folder is built again. */
const GENERATOR_VERSION = 2;
const META_FILE = 'bench-data.json';
const SCRYPT = { log2N: 10, r: 8, p: 1 };
const admin: Actor = { kind: 'user', id: 1, username: 'admin', role: 'admin', theaterIds: [], sessionId: 0 };

/** What a generated data folder holds (written last: its presence means the build finished). */
interface DataMeta {
  generator: number;
  targetTickets: number;
  migrations: string[];
  /** A digest of the migrations' source, so that editing one not yet released also builds the data again. */
  migrationsDigest: string;
  theaterId: number;
  films: number[];
  screens: number;
  showtimes: number;
  bookings: number;
  tickets: number;
  refundedBookings: number;
  rollupRows: number;
  generateSeconds: number;
  rollupRebuildSeconds: number;
  /** Migration 0012's monthly and per-minute rollups built from the rest. */
  speedRollupsSeconds: number;
  builtAt: string;
}

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

function migrationsDigest(): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(migrations).sort()) hash.update(readFileSync(join(ROOT, 'migrations', `${name}.ts`)));
  return hash.digest('hex').slice(0, 16);
}

/** The migrations a database file has applied, or null when it has none (or no file). */
function migrationLevel(file: string): string[] | null {
  if (!existsSync(file)) return null;
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const table = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get();
    if (!table) return null;
    return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map(
      (row) => row.name,
    );
  } finally {
    sqlite.close();
  }
}

/** The kept data folder's description, when it can be reused as it is; else why not. */
function reusable(dataDir: string): { meta: DataMeta } | { why: string } {
  const metaFile = join(dataDir, META_FILE);
  if (!existsSync(metaFile)) return { why: existsSync(dataDir) ? 'its build did not finish' : 'there is none yet' };
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as DataMeta;
  const level = [...Object.keys(migrations)].sort();
  if (meta.generator !== GENERATOR_VERSION) return { why: `it was made by generator ${meta.generator}` };
  if (meta.targetTickets !== TARGET_TICKETS) return { why: `it was made for --tickets ${meta.targetTickets}` };
  const applied = migrationLevel(join(dataDir, DATABASE_FILE));
  if (applied === null) return { why: 'its database is missing' };
  if (JSON.stringify(applied) !== JSON.stringify(level) || JSON.stringify(meta.migrations) !== JSON.stringify(level))
    return { why: `its migration level (${applied.at(-1) ?? 'none'}) differs from this build's (${level.at(-1)})` };
  if (meta.migrationsDigest !== migrationsDigest()) return { why: 'the migrations were edited since it was built' };
  return { meta };
}

/** Builds the year in an empty `dataDir`: setup through the services, then a bulk load, then the rollup. */
async function generate(dataDir: string): Promise<DataMeta> {
  const clock = new ManualClock(Date.parse('2025-12-01T09:00:00Z'));
  const core: Core = await createCore({ dataDir, clock, sweepIntervalMs: 0, scrypt: SCRYPT });
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
  // A throw-away database being filled: no WAL copy of every page during the load, the rollback journal in
  // memory (an interrupted build leaves no description file behind and is built again).
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('journal_mode = MEMORY');

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
  const CHUNK = 2000;
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
    if (from % (CHUNK * 2) === 0) process.stdout.write(`\r  generated ${tickets.toLocaleString('en')} tickets`);
  }
  const loadedAt = Date.now();
  for (const index of indexes) sqlite.exec(index.sql);
  console.log(
    `\n  loaded in ${((loadedAt - started) / 1000).toFixed(0)} s, indexes built in ${((Date.now() - loadedAt) / 1000).toFixed(0)} s`,
  );
  const generatedAt = Date.now();
  process.stdout.write(
    `\r  generated ${tickets.toLocaleString('en')} tickets in ${bookingId.toLocaleString('en')} bookings (${refunded.toLocaleString('en')} refunded) over ${shows.length.toLocaleString('en')} showtimes in ${((generatedAt - started) / 1000).toFixed(0)} s\n`,
  );

  // ---- the rollup, as migration 0010 builds it for an existing database ----
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const rebuildStarted = Date.now();
  await rebuildRollups(core.database.db as unknown as Kysely<unknown>);
  const rebuildMs = Date.now() - rebuildStarted;
  // ---- and the monthly and per-minute rollups, as migration 0012 fills them ----
  const speedStarted = Date.now();
  await rebuildMonthly(core.database.db as unknown as Kysely<unknown>);
  await rebuildMinutes(core.database.db as unknown as Kysely<unknown>);
  const speedMs = Date.now() - speedStarted;
  sqlite.exec('ANALYZE');
  const rollupRows = (sqlite.prepare('SELECT count(*) AS n FROM sales_daily').get() as { n: number }).n;
  console.log(
    `  rollup rebuilt: ${rollupRows.toLocaleString('en')} rows in ${(rebuildMs / 1000).toFixed(1)} s; monthly and per-minute in ${(speedMs / 1000).toFixed(1)} s`,
  );

  await core.close();
  return {
    generator: GENERATOR_VERSION,
    targetTickets: TARGET_TICKETS,
    migrations: [...Object.keys(migrations)].sort(),
    migrationsDigest: migrationsDigest(),
    theaterId: theater.id,
    films,
    screens: screens.length,
    showtimes: shows.length,
    bookings: bookingId,
    tickets,
    refundedBookings: refunded,
    rollupRows,
    generateSeconds: Math.round((generatedAt - started) / 1000),
    rollupRebuildSeconds: Math.round(rebuildMs / 100) / 10,
    speedRollupsSeconds: Math.round(speedMs / 100) / 10,
    builtAt: new Date().toISOString(),
  };
}

async function main() {
  const kept = values.data !== undefined;
  const dataDir = kept ? resolve(values.data!) : mkdtempSync(join(tmpdir(), 'marquee-report-bench-'));
  let data: DataMeta;
  const found = kept ? reusable(dataDir) : { why: 'no --data folder' };
  if ('meta' in found) {
    data = found.meta;
    console.log(`  reusing the year in ${dataDir} (built ${data.builtAt})`);
  } else {
    if (kept) {
      console.log(`  building the year in ${dataDir}: ${found.why}`);
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
    data = await generate(dataDir);
    if (kept) {
      const metaFile = join(dataDir, META_FILE);
      writeFileSync(`${metaFile}.tmp`, JSON.stringify(data, null, 2));
      renameSync(`${metaFile}.tmp`, metaFile);
    }
  }
  const theater = { id: data.theaterId };
  const films = data.films;

  // A fresh process's view: reopen, so no cache of the generator's survives.
  const clock = new ManualClock(zonedEpoch('2026-12-18', '16:30', ZONE));
  const core = await createCore({ dataDir, clock, sweepIntervalMs: 0, scrypt: SCRYPT });
  const call = <N extends OperationName>(name: N, input: InputOf<N>) =>
    core.dispatcher.call(name, input, { actor: admin, transport: 'memory' });

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
      screens: data.screens,
      showtimes: data.showtimes,
      bookings: data.bookings,
      tickets: data.tickets,
      refundedBookings: data.refundedBookings,
      rollupRows: data.rollupRows,
      databaseMiB: Math.round(dbBytes / 1048576),
      generateSeconds: data.generateSeconds,
      rollupRebuildSeconds: data.rollupRebuildSeconds,
      monthlyAndMinuteRollupSeconds: data.speedRollupsSeconds,
      reused: 'meta' in found,
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
  if (!kept && !values.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`  data kept in ${dataDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
