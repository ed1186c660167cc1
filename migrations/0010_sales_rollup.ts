/**
 * Sales rollups. `sales_daily`: one row per theater, local day, film, screen, ticket type, sales channel
 * and payment method, with the tickets sold and refunded and the money in and out that day (a year of a
 * 12-screen multiplex is a few hundred thousand rows). `sales_showtime`: the same measures per showtime,
 * over every day (the distributor report and occupancy). The reports and the dashboard read these instead
 * of scanning a year of tickets; the booking and payment write transactions keep them current, and this
 * migration fills them from the rows already there.
 *
 * What a row counts (the same rules as the live path in src/main/reports):
 * - A sale is a booking paid in full (`confirmed_at`), on its local day: the tickets still live when it
 *   was confirmed, by ticket type. Its method is the one method its payments used, `split` when they used
 *   several, `none` for a free booking. Bookings with a training payment (a simulated reader) are not sales.
 * - A refund is money given back on a booking that was already a sale (confirmed before the refund), on
 *   the refund's local day, by the refund's method. A refund event (the refunds of one booking at one
 *   instant) covers the tickets cancelled at that instant; its amount is laid over those tickets in id
 *   order, and the tax refunded of a ticket is its tax in proportion (rounded down). The refunded tickets
 *   count on the event's first refund.
 *
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createRollupTables(db, 'sales_daily', 'sales_showtime');
  // The Z-report of a day sums the payments taken that day: without this it reads every payment ever.
  await sql`CREATE INDEX payments_created ON payments(created_at)`.execute(db);
  await rebuildRollups(db);
}

const MEASURES = sql`
      tickets INTEGER NOT NULL DEFAULT 0,
      gross INTEGER NOT NULL DEFAULT 0,
      tax INTEGER NOT NULL DEFAULT 0,
      refunded_tickets INTEGER NOT NULL DEFAULT 0,
      refunds INTEGER NOT NULL DEFAULT 0,
      refund_tax INTEGER NOT NULL DEFAULT 0`;

/** The rollups' tables (also made under other names by tests, to compare a rebuild with them). */
export async function createRollupTables(db: Kysely<unknown>, daily: string, showtime: string): Promise<void> {
  await sql`
    CREATE TABLE ${sql.table(daily)} (
      theater_id INTEGER NOT NULL,
      day TEXT NOT NULL,
      movie_id INTEGER NOT NULL,
      screen_id INTEGER NOT NULL,
      ticket_type TEXT NOT NULL,
      channel TEXT NOT NULL,
      method TEXT NOT NULL,
      ${MEASURES},
      PRIMARY KEY (theater_id, day, movie_id, screen_id, ticket_type, channel, method)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`
    CREATE TABLE ${sql.table(showtime)} (
      showtime_id INTEGER PRIMARY KEY,
      theater_id INTEGER NOT NULL,
      movie_id INTEGER NOT NULL,
      screen_id INTEGER NOT NULL,
      ${MEASURES}
    ) STRICT`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS payments_created`.execute(db);
  await sql`DROP TABLE IF EXISTS sales_daily`.execute(db);
  await sql`DROP TABLE IF EXISTS sales_showtime`.execute(db);
}

/**
 * Empties and refills the rollups from bookings, tickets, payments and refunds (also used by the
 * benchmark after loading a year of data, and by tests as the oracle of the live rollups).
 */
export async function rebuildRollups(
  db: Kysely<unknown>,
  tables: { daily: string; showtime: string } = { daily: 'sales_daily', showtime: 'sales_showtime' },
): Promise<void> {
  await sql`DELETE FROM ${sql.table(tables.daily)}`.execute(db);
  await sql`DELETE FROM ${sql.table(tables.showtime)}`.execute(db);
  await sql`DROP TABLE IF EXISTS temp.rollup_facts`.execute(db);
  await sql`CREATE TEMP TABLE rollup_facts (theater_id INTEGER, day TEXT, showtime_id INTEGER, movie_id INTEGER,
    screen_id INTEGER, ticket_type TEXT, channel TEXT, method TEXT, tickets INTEGER, gross INTEGER, tax INTEGER,
    refunded_tickets INTEGER, refunds INTEGER, refund_tax INTEGER)`.execute(db);

  const theaters = await sql<{ id: number; time_zone: string; first: number | null; last: number | null }>`
    SELECT theaters.id AS id, theaters.time_zone AS time_zone,
      min((SELECT min(confirmed_at) FROM bookings WHERE theater_id = theaters.id AND confirmed_at IS NOT NULL),
          coalesce((SELECT min(created_at) FROM refunds), 9e15)) AS first,
      max((SELECT max(confirmed_at) FROM bookings WHERE theater_id = theaters.id AND confirmed_at IS NOT NULL),
          coalesce((SELECT max(created_at) FROM refunds), 0)) AS last
    FROM theaters`.execute(db);
  // One local day of one theater at a time: each statement reads that day's bookings and refunds by index.
  for (const theater of theaters.rows) {
    if (theater.first === null || theater.last === null) continue;
    const zone = theater.time_zone;
    let day = Temporal.Instant.fromEpochMilliseconds(Number(theater.first)).toZonedDateTimeISO(zone).toPlainDate();
    const lastDay = Temporal.Instant.fromEpochMilliseconds(Number(theater.last)).toZonedDateTimeISO(zone).toPlainDate();
    while (Temporal.PlainDate.compare(day, lastDay) <= 0) {
      const next = day.add({ days: 1 });
      const from = day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
      const to = next.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
      await rebuildDay(db, theater.id, day.toString(), from, to);
      day = next;
    }
  }

  const sums = sql`sum(tickets), sum(gross), sum(tax), sum(refunded_tickets), sum(refunds), sum(refund_tax)`;
  await sql`
    INSERT INTO ${sql.table(tables.daily)} (theater_id, day, movie_id, screen_id, ticket_type, channel, method,
                                            tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    SELECT theater_id, day, movie_id, screen_id, ticket_type, channel, method, ${sums}
    FROM temp.rollup_facts GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
  await sql`
    INSERT INTO ${sql.table(tables.showtime)} (showtime_id, theater_id, movie_id, screen_id,
                                               tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    SELECT showtime_id, theater_id, movie_id, screen_id, ${sums}
    FROM temp.rollup_facts GROUP BY 1, 2, 3, 4`.execute(db);
  await sql`DROP TABLE temp.rollup_facts`.execute(db);
}

/** The rollup facts of one theater's local day [from, to) into temp.rollup_facts. */
async function rebuildDay(db: Kysely<unknown>, theaterId: number, day: string, from: number, to: number) {
  // Sales: the tickets live when the booking was paid in full.
  await sql`
    WITH sold AS (
      SELECT b.id, b.theater_id, b.showtime_id, b.channel, b.confirmed_at,
             (SELECT CASE count(DISTINCT method) WHEN 0 THEN 'none' WHEN 1 THEN min(method) ELSE 'split' END
              FROM payments WHERE booking_id = b.id AND status IN ('succeeded', 'refunded')) AS method,
             (SELECT count(*) FROM payments
              WHERE booking_id = b.id AND training = 1 AND status IN ('succeeded', 'refunded')) AS training
      FROM bookings b
      WHERE b.theater_id = ${theaterId} AND b.confirmed_at >= ${from} AND b.confirmed_at < ${to}
    )
    INSERT INTO temp.rollup_facts (theater_id, day, showtime_id, movie_id, screen_id, ticket_type, channel, method,
                                   tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    SELECT sold.theater_id, ${day}, sold.showtime_id, s.movie_id, s.screen_id, t.ticket_type, sold.channel,
           sold.method, count(*), sum(t.price), sum(t.tax), 0, 0, 0
    FROM sold
    CROSS JOIN tickets t ON t.booking_id = sold.id AND (t.cancelled_at IS NULL OR t.cancelled_at > sold.confirmed_at)
    CROSS JOIN showtimes s ON s.id = sold.showtime_id
    WHERE sold.training = 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`.execute(db);

  // Refunds: each refund event's amount laid over the tickets cancelled at that instant, in id order.
  await sql`
    WITH parts AS (
      SELECT r.id, r.booking_id, r.created_at AS at, r.method, r.amount,
             sum(r.amount) OVER (PARTITION BY r.booking_id, r.created_at ORDER BY r.id) - r.amount AS p_start,
             row_number() OVER (PARTITION BY r.booking_id, r.created_at ORDER BY r.id) AS n
      FROM refunds r WHERE r.created_at >= ${from} AND r.created_at < ${to}
    ),
    gone AS (
      SELECT t.booking_id, t.cancelled_at AS at, t.ticket_type, t.price, t.tax,
             sum(t.price) OVER (PARTITION BY t.booking_id, t.cancelled_at ORDER BY t.id) - t.price AS t_start
      FROM (SELECT DISTINCT booking_id FROM refunds WHERE created_at >= ${from} AND created_at < ${to}) AS rb
      CROSS JOIN tickets t ON t.booking_id = rb.booking_id
      WHERE t.cancelled_at >= ${from} AND t.cancelled_at < ${to}
    ),
    pieces AS (
      SELECT b.theater_id, b.showtime_id, s.movie_id, s.screen_id, g.ticket_type, b.channel, p.method,
             CASE WHEN p.n = 1 THEN 1 ELSE 0 END AS refunded_ticket,
             max(0, min(g.t_start + g.price, p.p_start + p.amount) - max(g.t_start, p.p_start)) AS amount,
             g.price, g.tax
      FROM parts p
      CROSS JOIN bookings b ON b.id = p.booking_id
      CROSS JOIN showtimes s ON s.id = b.showtime_id
      JOIN gone g ON g.booking_id = p.booking_id AND g.at = p.at
      WHERE b.theater_id = ${theaterId} AND b.confirmed_at IS NOT NULL AND b.confirmed_at < p.at
        AND NOT EXISTS (SELECT 1 FROM payments
                        WHERE booking_id = b.id AND training = 1 AND status IN ('succeeded', 'refunded'))
    )
    INSERT INTO temp.rollup_facts (theater_id, day, showtime_id, movie_id, screen_id, ticket_type, channel, method,
                                   tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    SELECT theater_id, ${day}, showtime_id, movie_id, screen_id, ticket_type, channel, method, 0, 0, 0,
           sum(refunded_ticket), sum(amount),
           sum(CASE WHEN price = 0 THEN 0 WHEN amount = price THEN tax ELSE (tax * amount) / price END)
    FROM pieces
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(refunded_ticket) > 0 OR sum(amount) > 0`.execute(db);
}
