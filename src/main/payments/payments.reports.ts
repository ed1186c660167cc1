/** Aggregate SQL over refunds for reports (read only). Separate from the payment flows on purpose. */
import type { Db } from '../db/index';

/** Bookings with a training (simulated reader) payment taken in [from, to): their sales are not sales. */
export async function trainingBookingIds(db: Db, from: number, to: number): Promise<number[]> {
  const rows = await db
    .selectFrom('payments')
    .select('booking_id')
    .distinct()
    .where('training', '=', 1)
    .where('status', 'in', ['succeeded', 'refunded'])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  return rows.map((row) => row.booking_id);
}
