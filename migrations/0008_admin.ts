/**
 * Indexes for the sales report: bookings by theater and the instant they were paid in full, refunds by
 * the instant they were given. Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX bookings_theater_confirmed ON bookings(theater_id, confirmed_at) WHERE confirmed_at IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX refunds_created ON refunds(created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS bookings_theater_confirmed`.execute(db);
  await sql`DROP INDEX IF EXISTS refunds_created`.execute(db);
}
