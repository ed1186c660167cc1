/**
 * Card payments through Stripe Terminal: registered card readers, the Stripe side of each card payment
 * (its PaymentIntent, reader and outcome), card refunds waiting to be sent to Stripe, webhook events seen,
 * and the training flag on payments (money taken on a simulated reader is never real).
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE card_readers (
      id TEXT PRIMARY KEY,
      theater_id INTEGER NOT NULL REFERENCES theaters(id),
      label TEXT NOT NULL,
      device_type TEXT NOT NULL,
      location TEXT,
      simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1)),
      integration TEXT NOT NULL DEFAULT 'server_driven' CHECK (integration IN ('server_driven', 'terminal_js')),
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX card_readers_theater ON card_readers(theater_id)`.execute(db);

  // Training payments (simulated reader) are recorded but never count as money.
  await sql`ALTER TABLE payments ADD COLUMN training INTEGER NOT NULL DEFAULT 0 CHECK (training IN (0, 1))`.execute(db);

  await sql`
    CREATE TABLE card_payments (
      payment_id INTEGER PRIMARY KEY REFERENCES payments(id),
      reader_id TEXT NOT NULL,
      idempotency_base TEXT NOT NULL UNIQUE,
      payment_intent_id TEXT UNIQUE,
      handed_to_reader INTEGER NOT NULL DEFAULT 0,
      failure_code TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE card_refunds (
      refund_id INTEGER PRIMARY KEY REFERENCES refunds(id),
      payment_id INTEGER NOT NULL REFERENCES payments(id),
      payment_intent_id TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK (amount > 0),
      status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      stripe_refund_id TEXT,
      failure_code TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX card_refunds_pending ON card_refunds(refund_id) WHERE status = 'pending'`.execute(db);

  await sql`
    CREATE TABLE stripe_events (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      payment_intent_id TEXT,
      received_at INTEGER NOT NULL
    ) STRICT`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('0004_stripe cannot be undone: restore the backup taken before migrating instead.'));
}
