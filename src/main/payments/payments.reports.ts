/** Aggregate SQL over refunds for reports (read only). Separate from the payment flows on purpose. */
import { sql } from 'kysely';
import type { Db } from '../db/index';

export interface RefundsByDayAndBooking {
  date: string;
  bookingId: number;
  amount: number;
}

/**
 * Money given back per local day and booking: refunds (cash, card, external) and amounts moved out of a
 * booking by an exchange, on the day they happened.
 */
export async function refundsByDay(
  db: Db,
  days: { date: string; from: number; to: number }[],
): Promise<RefundsByDayAndBooking[]> {
  if (days.length === 0) return [];
  const values = sql.join(days.map((day) => sql`(${day.date}, ${day.from}, ${day.to})`));
  const result = await sql<{ date: string; booking_id: number; amount: number }>`
    WITH days(date, day_from, day_to) AS (VALUES ${values})
    SELECT days.date AS date, refunds.booking_id AS booking_id, sum(refunds.amount) AS amount
    FROM days
    JOIN refunds ON refunds.created_at >= days.day_from AND refunds.created_at < days.day_to
    GROUP BY days.date, refunds.booking_id`.execute(db);
  return result.rows.map((row) => ({ date: row.date, bookingId: row.booking_id, amount: Number(row.amount) }));
}
