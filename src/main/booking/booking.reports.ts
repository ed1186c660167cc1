/** Aggregate SQL over bookings and tickets for reports (read only). */
import { sql } from 'kysely';
import type { Db } from '../db/index';

/** A local calendar day as the instants [from, to) it spans. */
export interface DayWindow {
  date: string;
  from: number;
  to: number;
}

export interface SalesByDayAndShowtime {
  date: string;
  showtimeId: number;
  tickets: number;
  gross: number;
}

function daysTable(days: DayWindow[]) {
  return sql.join(days.map((day) => sql`(${day.date}, ${day.from}, ${day.to})`));
}

/**
 * Tickets and their value per local day of sale and showtime, for a theater's bookings paid in full
 * (`confirmed_at`) during the days. A booking cancelled or exchanged later still counts on its sale day;
 * the money given back counts as a refund on its own day.
 */
export async function salesByDay(db: Db, theaterId: number, days: DayWindow[]): Promise<SalesByDayAndShowtime[]> {
  if (days.length === 0) return [];
  const result = await sql<{ date: string; showtime_id: number; tickets: number; gross: number }>`
    WITH days(date, day_from, day_to) AS (VALUES ${daysTable(days)})
    SELECT days.date AS date, bookings.showtime_id AS showtime_id,
           count(tickets.id) AS tickets, coalesce(sum(tickets.price), 0) AS gross
    FROM days
    JOIN bookings ON bookings.theater_id = ${theaterId}
                 AND bookings.confirmed_at >= days.day_from AND bookings.confirmed_at < days.day_to
    JOIN tickets ON tickets.booking_id = bookings.id
    GROUP BY days.date, bookings.showtime_id`.execute(db);
  return result.rows.map((row) => ({
    date: row.date,
    showtimeId: row.showtime_id,
    tickets: Number(row.tickets),
    gross: Number(row.gross),
  }));
}

/** Of these bookings, those of the theater, with their showtime. */
export async function showtimesOfBookings(
  db: Db,
  theaterId: number,
  bookingIds: number[],
): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  for (let i = 0; i < bookingIds.length; i += 500) {
    const chunk = bookingIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('bookings')
      .select(['id', 'showtime_id'])
      .where('theater_id', '=', theaterId)
      .where('id', 'in', chunk)
      .execute();
    for (const row of rows) result.set(row.id, row.showtime_id);
  }
  return result;
}
