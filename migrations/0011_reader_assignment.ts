/**
 * Where a card reader stands: at a counter (any box-office till of its theater) or at one kiosk device.
 * Unassigned readers serve every counter and kiosk of their theater, as before. A kiosk assignment names
 * the device; the service keeps `device_id` set exactly when `assigned_to = 'kiosk'`.
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE card_readers ADD COLUMN assigned_to TEXT CHECK (assigned_to IN ('counter', 'kiosk'))`.execute(
    db,
  );
  await sql`ALTER TABLE card_readers ADD COLUMN device_id INTEGER REFERENCES devices(id)`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0011_reader_assignment cannot be undone: restore the backup taken before migrating instead.'),
  );
}
