import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations/index';
import {
  DatabaseFromFutureError,
  migrateToLatest,
  openDatabase,
  writeTransaction,
  type Database,
} from '../../../src/main/db/index';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'marquee-db-')), 'marquee.db');

describe('connection', () => {
  it('runs WAL with synchronous=FULL and foreign keys on', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    await opened.db.destroy();
  });

  it('turns a query on the shared handle inside a transaction into an error instead of a deadlock', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    await expect(
      writeTransaction(opened.db, async () => {
        await opened.db.selectFrom('movies').selectAll().execute();
      }),
    ).rejects.toThrow(/shared database handle/);
    // and the connection is usable afterwards (the transaction was rolled back)
    expect(await opened.db.selectFrom('movies').selectAll().execute()).toEqual([]);
    await opened.db.destroy();
  });

  it('rolls a failed write transaction back completely', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    await expect(
      writeTransaction(opened.db, async (trx) => {
        await trx.insertInto('settings').values({ key: 'a', value: '1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await opened.db.selectFrom('settings').selectAll().execute()).toEqual([]);
    await opened.db.destroy();
  });
});

describe('migrations', () => {
  it('apply in order and then do nothing', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    const first = await migrateToLatest(opened);
    expect(first.applied).toEqual(Object.keys(migrations));
    expect((await migrateToLatest(opened)).applied).toEqual([]);
    await opened.db.destroy();
  });

  it('back the database up before applying a new migration to existing data', async () => {
    const file = tempFile();
    const backupDir = join(file, '..', 'backups');
    const opened = openDatabase(file);
    await migrateToLatest(opened, { backupDir });
    expect(() => readdirSync(backupDir)).toThrow(); // a new database needs no backup
    const next: Record<string, Migration> = {
      ...migrations,
      '9999_test': { up: async (db) => void (await sql`CREATE TABLE later (id INTEGER)`.execute(db)) },
    };
    const result = await migrateToLatest(opened, {
      backupDir,
      migrations: next,
      now: () => Date.parse('2026-11-28T10:00:00Z'),
    });
    expect(result.applied).toEqual(['9999_test']);
    expect(result.backup).toMatch(/marquee-2026-11-28T10-00-00-000Z-before-9999_test\.db$/);
    const backup = openDatabase(result.backup as string);
    const tables = backup.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toContain('movies');
    expect(tables.map((t) => t.name)).not.toContain('later');
    await backup.db.destroy();
    await opened.db.destroy();
  });

  it('refuse a database written by a newer version, and leave it untouched', async () => {
    const file = tempFile();
    const opened = openDatabase(file);
    await migrateToLatest(opened, {
      migrations: {
        ...migrations,
        '9999_from_the_future': { up: async (db) => void (await sql`CREATE TABLE future (id INTEGER)`.execute(db)) },
      },
    });
    await expect(migrateToLatest(opened)).rejects.toBeInstanceOf(DatabaseFromFutureError);
    await expect(migrateToLatest(opened)).rejects.toThrow(/newer version of Marquee/);
    await opened.db.destroy();
  });
});

describe('schema rules the database enforces itself', () => {
  it('no two scheduled showtimes of a screen overlap, whatever the code does', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    const { sqlite } = opened;
    sqlite.exec(`
      INSERT INTO theaters (id, name, time_zone, currency, created_at) VALUES (1, 'T', 'UTC', 'EUR', 0);
      INSERT INTO screens (id, theater_id, name, layout, capacity, created_at) VALUES (1, 1, 'S', '{"rows":[]}', 0, 0);
      INSERT INTO movies (id, title, duration_minutes, created_at, updated_at) VALUES (1, 'M', 100, 0, 0);
      INSERT INTO showtimes (movie_id, screen_id, theater_id, starts_at, ends_at, blocked_until, trailer_minutes, created_at)
        VALUES (1, 1, 1, 1000000, 2000000, 3000000, 10, 0);`);
    const insert = sqlite.prepare(
      'INSERT INTO showtimes (movie_id, screen_id, theater_id, starts_at, ends_at, blocked_until, trailer_minutes, created_at) VALUES (1, 1, 1, ?, ?, ?, 10, 0)',
    );
    expect(() => insert.run(2_999_999, 3_500_000, 3_600_000)).toThrow('showtime_conflict');
    expect(() => insert.run(500_000, 900_000, 1_000_001)).toThrow('showtime_conflict');
    expect(() => insert.run(3_000_000, 3_500_000, 3_600_000)).not.toThrow();
    expect(() =>
      sqlite
        .prepare(
          'UPDATE showtimes SET starts_at = 3100000, ends_at = 3200000, blocked_until = 3300000 WHERE starts_at = 1000000',
        )
        .run(),
    ).toThrow('showtime_conflict');
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).not.toThrow(); // empty: allowed
    sqlite.exec("INSERT INTO audit_log (at, actor, action, entity) VALUES (0, 'x', 'y', 'z')");
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow('append-only');
    expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'w'").run()).toThrow('append-only');
    await opened.db.destroy();
  });

  it('hot queries use their indexes', async () => {
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    const plan = (query: string) =>
      (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    expect(
      plan(
        "SELECT * FROM showtimes WHERE theater_id = 1 AND starts_at >= 0 AND starts_at < 10 AND status = 'scheduled' ORDER BY starts_at, id",
      ),
    ).toMatch(/USING INDEX showtimes_theater_start/);
    expect(plan('SELECT * FROM showtimes WHERE screen_id = 1 AND starts_at > 0 AND starts_at < 10')).toMatch(
      /USING INDEX showtimes_screen_start/,
    );
    expect(plan("SELECT * FROM showtimes WHERE ends_at > 0 AND status = 'scheduled' ORDER BY starts_at, id")).toMatch(
      /showtimes_start|SCAN showtimes/,
    );
    expect(plan('SELECT id FROM seats WHERE screen_id = 1')).toMatch(/USING (COVERING )?INDEX/);
    expect(plan("SELECT * FROM sessions WHERE token_hash = 'x'")).toMatch(/USING INDEX sqlite_autoindex_sessions/);
    await opened.db.destroy();
  });
});

describe('query plans of the sale path', () => {
  it('seat claims and due holds use their partial indexes, as the seating module writes them', async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    const q = await import('../../../src/main/seating/seating.queries');
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    const captured: { sql: string; parameters: readonly unknown[] }[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: opened.sqlite }),
      log: (event) => {
        captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await q.takenSeatIds(db, 1);
    await q.liveClaims(db, 1, 0);
    await q.dueHolds(db, 0, 10, 1);
    await q.dueHolds(db, 0, 10);
    await q.heldSeatsOf(db, 1, 'apiKey:1', 0);
    const plans = captured.map(({ sql, parameters }) =>
      (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[])
        .map((row) => row.detail)
        .join(' | '),
    );
    expect(plans[0]).toMatch(/USING (COVERING )?INDEX seat_claims_one_active/);
    expect(plans[1]).toMatch(/seat_claims USING (COVERING )?INDEX seat_claims_one_active/);
    expect(plans[2]).toMatch(/USING INDEX holds_active_expiry/);
    expect(plans[3]).toMatch(/USING INDEX holds_active_expiry/);
    expect(plans[4]).toMatch(/USING INDEX holds_showtime_owner/);
    for (const plan of plans) expect(plan).not.toMatch(/SCAN seat_claims(?! USING)|SCAN holds(?! USING)/);
    await db.destroy();
  });
});

describe('query plans of the reports', () => {
  it('the daily report, the dashboard and the Z-report read the rollups and raw rows by index', async () => {
    const { Kysely, SqliteDialect } = await import('kysely');
    const reports = await import('../../../src/main/reports/reports.queries');
    const bookingReports = await import('../../../src/main/booking/booking.reports');
    const paymentReports = await import('../../../src/main/payments/payments.reports');
    const payments = await import('../../../src/main/payments/payments.queries');
    const bookings = await import('../../../src/main/booking/booking.queries');
    const opened = openDatabase(tempFile(), { transactionGuard: true });
    await migrateToLatest(opened);
    const captured: { sql: string; parameters: readonly unknown[] }[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: opened.sqlite }),
      log: (event) => {
        captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      },
    });
    await reports.breakdown(db, 1, '2026-11-28', '2026-11-28', 'day');
    await reports.byCombination(db, 1, '2026-11-28', '2026-11-28');
    await reports.byShowtime(db, [1, 2, 3]);
    await bookingReports.salesByHour(db, 1, 0, 10, [5]);
    await paymentReports.trainingBookingIds(db, 0, 10);
    await payments.takings(db, { from: 0, to: 10, theaterId: 1 });
    await reports.byCombination(db, 1, '2026-01-01', '2026-12-31');
    await reports.salesByHourOfMinutes(db, 1, 0, 1440);
    await bookings.ticketCounts(db, { from: 0, to: 10, theaterId: 1 });
    const plans = captured.map(({ sql, parameters }) =>
      (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[])
        .map((row) => row.detail)
        .join(' | '),
    );
    expect(plans[0]).toMatch(/SEARCH sales_daily USING PRIMARY KEY \(theater_id=\? AND day>\? AND day<\?\)/);
    expect(plans[1]).toMatch(/SEARCH sales_daily USING PRIMARY KEY \(theater_id=\? AND day>\? AND day<\?\)/);
    expect(plans[2]).toMatch(/SEARCH sales_showtime USING INTEGER PRIMARY KEY/);
    expect(plans[3]).toMatch(/bookings USING (COVERING )?INDEX bookings_theater_confirmed/);
    expect(plans[3]).toMatch(/tickets USING (COVERING )?INDEX tickets_booking_state/);
    expect(plans[4]).toMatch(/payments USING INDEX payments_training/);
    // The Z-report of a day: its payments, sold tickets and refunded tickets from index entries.
    expect(plans[5]).toMatch(/payments USING COVERING INDEX payments_created_takings/);
    // The year: whole months from the monthly rollup.
    expect(plans[7]).toMatch(/SEARCH sales_monthly USING PRIMARY KEY \(theater_id=\? AND month>\? AND month<\?\)/);
    expect(plans[7]).not.toMatch(/sales_daily/);
    expect(plans[8]).toMatch(/SEARCH sales_minute USING PRIMARY KEY \(theater_id=\? AND minute>\? AND minute<\?\)/);
    expect(plans[9]).toMatch(/tickets USING COVERING INDEX tickets_booking_state/);
    // (The refunded tickets of a day, plans[10], read tickets_cancelled once the database has statistics;
    // without them SQLite starts from the theater's bookings, see the booking module's ticketCounts.)
    for (const plan of plans)
      expect(plan).not.toMatch(/SCAN (sales_daily|sales_showtime|bookings|tickets|payments)(?! USING)/);
    await db.destroy();
  });
});
