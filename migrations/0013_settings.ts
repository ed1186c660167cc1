/**
 * Settings: a theater's details for tickets and receipts (phone, VAT number), when its doors open, the
 * cleaning minutes new screens start with, and its kiosks' options (idle reset, large text by default,
 * payment methods offered). Plus `secrets`: credentials an admin enters (Stripe keys), encrypted at
 * rest, with the last four characters kept in clear to show which key is set.
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE theaters ADD COLUMN phone TEXT`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN vat_number TEXT`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN door_opens_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (door_opens_minutes BETWEEN 0 AND 240)`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN cleaning_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (cleaning_minutes BETWEEN 0 AND 120)`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN kiosk_idle_seconds INTEGER NOT NULL DEFAULT 45
    CHECK (kiosk_idle_seconds BETWEEN 15 AND 600)`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN kiosk_large_text INTEGER NOT NULL DEFAULT 0
    CHECK (kiosk_large_text IN (0, 1))`.execute(db);
  await sql`ALTER TABLE theaters ADD COLUMN kiosk_payment_methods TEXT NOT NULL DEFAULT '["card"]'`.execute(db);

  await sql`
    CREATE TABLE secrets (
      name TEXT PRIMARY KEY,
      ciphertext TEXT NOT NULL,
      last4 TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      updated_by TEXT NOT NULL
    ) STRICT`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0013_settings cannot be undone: restore the backup taken before migrating instead.'),
  );
}
