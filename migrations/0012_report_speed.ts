/**
 * Reports of a busy multiplex's year within their targets (a day's screen under 200 ms, the year under 2 s):
 *
 * - `sales_monthly`: `sales_daily` summed per calendar month (the month of the local day), same keys
 *   otherwise. The sales report of a long range sums whole months here and only the odd days at its ends
 *   from `sales_daily` (a year is a few thousand rows instead of a few hundred thousand to group).
 * - `sales_minute`: tickets sold and their value per theater and minute (UTC epoch minute of the moment a
 *   booking was paid in full), by the sale rules of `sales_daily` (the tickets live at that moment; bookings
 *   paid on a training reader are not sales). The dashboard's "today by hour" and "the same weekday last
 *   week" read it instead of every booking and ticket of both days. Minutes, not hours: local hours start
 *   at a whole minute in every time zone, not always at a whole UTC hour.
 * - `tickets_cancelled`: tickets by the moment they were cancelled, for the Z-report's refunded tickets of
 *   a day (without it the count reads every ticket of the theater).
 * - `payments_training`: training payments by time, for the bookings a report leaves out.
 * - `tickets_booking_state` and `payments_created_takings` replace `tickets_booking` and `payments_created`
 *   with the columns the Z-report of a day reads, so it reads index entries only.
 *
 * The booking and payment write transactions keep both tables current with `sales_daily`; this migration
 * fills them from what is there. Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX tickets_cancelled ON tickets(cancelled_at) WHERE cancelled_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX payments_training ON payments(created_at) WHERE training = 1`.execute(db);
  // Wider versions of two indexes (same leading column, so every query that used them still can): the
  // Z-report counts a day's tickets and sums its payments from the index entries alone, without reading
  // each ticket's and payment's row.
  await sql`CREATE INDEX tickets_booking_state ON tickets(booking_id, status, cancelled_at)`.execute(db);
  await sql`DROP INDEX tickets_booking`.execute(db);
  await sql`CREATE INDEX payments_created_takings ON payments(created_at, status, training, method, amount, booking_id)`.execute(
    db,
  );
  await sql`DROP INDEX payments_created`.execute(db);
  await createSpeedTables(db, 'sales_monthly', 'sales_minute');
  await rebuildMonthly(db);
  await rebuildMinutes(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0012_report_speed cannot be undone: restore the backup taken before migrating instead.'),
  );
}

const MEASURES = sql`
      tickets INTEGER NOT NULL DEFAULT 0,
      gross INTEGER NOT NULL DEFAULT 0,
      tax INTEGER NOT NULL DEFAULT 0,
      refunded_tickets INTEGER NOT NULL DEFAULT 0,
      refunds INTEGER NOT NULL DEFAULT 0,
      refund_tax INTEGER NOT NULL DEFAULT 0`;

/** The tables (also made under other names by tests, to compare a rebuild with them). */
export async function createSpeedTables(db: Kysely<unknown>, monthly: string, minute: string): Promise<void> {
  await sql`
    CREATE TABLE ${sql.table(monthly)} (
      theater_id INTEGER NOT NULL,
      month TEXT NOT NULL,
      movie_id INTEGER NOT NULL,
      screen_id INTEGER NOT NULL,
      ticket_type TEXT NOT NULL,
      channel TEXT NOT NULL,
      method TEXT NOT NULL,
      ${MEASURES},
      PRIMARY KEY (theater_id, month, movie_id, screen_id, ticket_type, channel, method)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`
    CREATE TABLE ${sql.table(minute)} (
      theater_id INTEGER NOT NULL,
      minute INTEGER NOT NULL,
      tickets INTEGER NOT NULL DEFAULT 0,
      gross INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (theater_id, minute)
    ) STRICT, WITHOUT ROWID`.execute(db);
}

/** Empties and refills the monthly rollup from `sales_daily` (which must be complete). */
export async function rebuildMonthly(db: Kysely<unknown>, table = 'sales_monthly'): Promise<void> {
  await sql`DELETE FROM ${sql.table(table)}`.execute(db);
  await sql`
    INSERT INTO ${sql.table(table)} (theater_id, month, movie_id, screen_id, ticket_type, channel, method,
                                     tickets, gross, tax, refunded_tickets, refunds, refund_tax)
    SELECT theater_id, substr(day, 1, 7), movie_id, screen_id, ticket_type, channel, method,
           sum(tickets), sum(gross), sum(tax), sum(refunded_tickets), sum(refunds), sum(refund_tax)
    FROM sales_daily GROUP BY 1, 2, 3, 4, 5, 6, 7`.execute(db);
}

/** Empties and refills the per-minute sales from the bookings, tickets and payments. */
export async function rebuildMinutes(db: Kysely<unknown>, table = 'sales_minute'): Promise<void> {
  await sql`DELETE FROM ${sql.table(table)}`.execute(db);
  await sql`
    INSERT INTO ${sql.table(table)} (theater_id, minute, tickets, gross)
    SELECT b.theater_id, CAST(b.confirmed_at AS INTEGER) / 60000, count(*), sum(t.price)
    FROM bookings b
    CROSS JOIN tickets t ON t.booking_id = b.id AND (t.cancelled_at IS NULL OR t.cancelled_at > b.confirmed_at)
    CROSS JOIN showtimes s ON s.id = b.showtime_id
    WHERE b.confirmed_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM payments
                      WHERE booking_id = b.id AND training = 1 AND status IN ('succeeded', 'refunded'))
    GROUP BY 1, 2`.execute(db);
}
