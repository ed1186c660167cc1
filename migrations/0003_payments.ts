/**
 * Money: cashier shifts on a drawer, payments against bookings, refunds. Amounts are integer minor units.
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE shifts (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      opened_at INTEGER NOT NULL,
      opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
      closed_at INTEGER,
      counted_cash INTEGER CHECK (counted_cash >= 0),
      expected_cash INTEGER,
      closed_by INTEGER REFERENCES users(id)
    ) STRICT`.execute(db);
  // One open shift per cashier's drawer, enforced by the database.
  await sql`CREATE UNIQUE INDEX shifts_one_open ON shifts(user_id) WHERE closed_at IS NULL`.execute(db);

  await sql`
    CREATE TABLE payments (
      id INTEGER PRIMARY KEY,
      booking_id INTEGER NOT NULL REFERENCES bookings(id),
      method TEXT NOT NULL CHECK (method IN ('cash','external','card_present','exchange')),
      amount INTEGER NOT NULL CHECK (amount > 0),
      currency TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending','processing','succeeded','failed','cancelled','refunded')),
      tendered INTEGER,
      change_given INTEGER,
      shift_id INTEGER REFERENCES shifts(id),
      reference TEXT,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      amount_refunded INTEGER NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX payments_booking ON payments(booking_id)`.execute(db);
  await sql`CREATE INDEX payments_shift ON payments(shift_id) WHERE shift_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE refunds (
      id INTEGER PRIMARY KEY,
      payment_id INTEGER NOT NULL REFERENCES payments(id),
      booking_id INTEGER NOT NULL REFERENCES bookings(id),
      amount INTEGER NOT NULL CHECK (amount > 0),
      method TEXT NOT NULL,
      shift_id INTEGER REFERENCES shifts(id),
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX refunds_booking ON refunds(booking_id)`.execute(db);
  await sql`CREATE INDEX refunds_shift ON refunds(shift_id) WHERE shift_id IS NOT NULL`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0003_payments cannot be undone: restore the backup taken before migrating instead.'),
  );
}
