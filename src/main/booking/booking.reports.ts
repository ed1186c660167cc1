/** Aggregate SQL over bookings and tickets for reports (read only). */
import { sql } from 'kysely';
import type { Db } from '../db/index';

/**
 * Tickets sold and their value per hour after `from` (an hour index 0, 1, …) for a theater's bookings paid
 * in full in [from, to): the tickets live when the booking was confirmed, as the sales rollup counts them.
 * Bookings paid on a training reader are left out by the caller's `exclude`.
 */
export async function salesByHour(
  db: Db,
  theaterId: number,
  from: number,
  to: number,
  exclude: readonly number[],
): Promise<{ hour: number; tickets: number; gross: number }[]> {
  const excluded = exclude.length > 0 ? sql`AND bookings.id NOT IN (${sql.join(exclude)})` : sql``;
  const result = await sql<{ hour: number; tickets: number; gross: number }>`
    SELECT (bookings.confirmed_at - ${from}) / 3600000 AS hour, count(tickets.id) AS tickets,
           coalesce(sum(tickets.price), 0) AS gross
    FROM bookings
    JOIN tickets ON tickets.booking_id = bookings.id
                AND (tickets.cancelled_at IS NULL OR tickets.cancelled_at > bookings.confirmed_at)
    WHERE bookings.theater_id = ${theaterId} AND bookings.confirmed_at >= ${from} AND bookings.confirmed_at < ${to}
      ${excluded}
    GROUP BY 1`.execute(db);
  return result.rows.map((row) => ({ hour: Number(row.hour), tickets: Number(row.tickets), gross: Number(row.gross) }));
}
