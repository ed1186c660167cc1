/**
 * Seat inventory and the booking pipeline: ticket types and price rules per theater, holds, seat claims,
 * bookings with their tickets, and stored idempotent responses.
 * Frozen once released. Imports nothing of the app. Money is integer minor units.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE theaters ADD COLUMN cancel_cutoff_minutes INTEGER NOT NULL DEFAULT 30 CHECK (cancel_cutoff_minutes BETWEEN 0 AND 10080)`.execute(
    db,
  );
  await sql`ALTER TABLE theaters ADD COLUMN hold_minutes INTEGER NOT NULL DEFAULT 8 CHECK (hold_minutes BETWEEN 1 AND 60)`.execute(
    db,
  );
  await sql`ALTER TABLE theaters ADD COLUMN kiosk_hold_minutes INTEGER NOT NULL DEFAULT 5 CHECK (kiosk_hold_minutes BETWEEN 1 AND 60)`.execute(
    db,
  );

  await sql`
    CREATE TABLE price_lists (
      theater_id INTEGER PRIMARY KEY REFERENCES theaters(id) ON DELETE CASCADE,
      vat_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`INSERT INTO price_lists (theater_id, vat_rate_bp, updated_at) SELECT id, 0, created_at FROM theaters`.execute(
    db,
  );

  await sql`
    CREATE TABLE ticket_types (
      id INTEGER PRIMARY KEY,
      theater_id INTEGER NOT NULL REFERENCES theaters(id) ON DELETE CASCADE,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      base_price INTEGER NOT NULL CHECK (base_price >= 0),
      sort INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      UNIQUE (theater_id, code)
    ) STRICT`.execute(db);

  // A rule adjusts the base price when every condition it names matches (NULL = any).
  await sql`
    CREATE TABLE price_rules (
      id INTEGER PRIMARY KEY,
      theater_id INTEGER NOT NULL REFERENCES theaters(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      ticket_type TEXT,
      seat_type TEXT,
      format TEXT,
      days_mask INTEGER CHECK (days_mask BETWEEN 1 AND 127),
      from_minute INTEGER CHECK (from_minute BETWEEN 0 AND 1440),
      to_minute INTEGER CHECK (to_minute BETWEEN 0 AND 1440),
      adjustment INTEGER NOT NULL,
      sort INTEGER NOT NULL DEFAULT 0
    ) STRICT`.execute(db);
  await sql`CREATE INDEX price_rules_theater ON price_rules(theater_id)`.execute(db);

  // Theaters that existed before prices did get the standard ticket types, so they can sell at once.
  for (const [code, name, price, sort] of [
    ['adult', 'Adult', 1200, 1],
    ['child', 'Child', 800, 2],
    ['senior', 'Senior', 950, 3],
    ['student', 'Student', 1000, 4],
  ] as const) {
    await sql`INSERT INTO ticket_types (theater_id, code, name, base_price, sort)
              SELECT id, ${code}, ${name}, ${price}, ${sort} FROM theaters`.execute(db);
  }

  await sql`
    CREATE TABLE holds (
      id INTEGER PRIMARY KEY,
      showtime_id INTEGER NOT NULL REFERENCES showtimes(id),
      owner TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('counter','kiosk','api','web')),
      status TEXT NOT NULL CHECK (status IN ('active','booked','converted','released','expired')),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      payment_in_flight INTEGER NOT NULL DEFAULT 0 CHECK (payment_in_flight IN (0,1))
    ) STRICT`.execute(db);
  await sql`CREATE INDEX holds_active_expiry ON holds(expires_at) WHERE status IN ('active','booked')`.execute(db);
  await sql`CREATE INDEX holds_showtime_owner ON holds(showtime_id, owner) WHERE status = 'active'`.execute(db);

  // One row per seat claimed for a showtime. The partial unique index is THE invariant: at most one
  // active claim (blocked, held or sold) per (showtime, seat), whatever the application does.
  await sql`
    CREATE TABLE seat_claims (
      id INTEGER PRIMARY KEY,
      showtime_id INTEGER NOT NULL REFERENCES showtimes(id),
      seat_id INTEGER NOT NULL REFERENCES seats(id),
      status TEXT NOT NULL CHECK (status IN ('blocked','held','sold','released')),
      hold_id INTEGER REFERENCES holds(id),
      booking_id INTEGER,
      created_at INTEGER NOT NULL,
      released_at INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX seat_claims_one_active ON seat_claims(showtime_id, seat_id) WHERE status IN ('blocked','held','sold')`.execute(
    db,
  );
  await sql`CREATE INDEX seat_claims_hold ON seat_claims(hold_id) WHERE hold_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX seat_claims_booking ON seat_claims(booking_id) WHERE booking_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE bookings (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      showtime_id INTEGER NOT NULL REFERENCES showtimes(id),
      theater_id INTEGER NOT NULL REFERENCES theaters(id),
      hold_id INTEGER NOT NULL UNIQUE REFERENCES holds(id),
      status TEXT NOT NULL CHECK (status IN ('pending_payment','confirmed','cancelled','refunded','partially_refunded','expired')),
      channel TEXT NOT NULL,
      created_by TEXT NOT NULL,
      customer_user_id INTEGER REFERENCES users(id),
      customer_name TEXT,
      customer_email TEXT,
      customer_phone TEXT,
      currency TEXT NOT NULL,
      total INTEGER NOT NULL CHECK (total >= 0),
      tax INTEGER NOT NULL CHECK (tax >= 0),
      amount_paid INTEGER NOT NULL DEFAULT 0,
      amount_refunded INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      confirmed_at INTEGER,
      cancelled_at INTEGER,
      cancel_reason TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX bookings_showtime ON bookings(showtime_id)`.execute(db);
  await sql`CREATE INDEX bookings_customer ON bookings(customer_user_id, id) WHERE customer_user_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX bookings_created_by ON bookings(created_by, id)`.execute(db);
  await sql`CREATE INDEX bookings_email ON bookings(customer_email COLLATE NOCASE) WHERE customer_email IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX bookings_theater_created ON bookings(theater_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE tickets (
      id INTEGER PRIMARY KEY,
      booking_id INTEGER NOT NULL REFERENCES bookings(id),
      claim_id INTEGER NOT NULL UNIQUE REFERENCES seat_claims(id),
      showtime_id INTEGER NOT NULL REFERENCES showtimes(id),
      seat_id INTEGER NOT NULL REFERENCES seats(id),
      ticket_type TEXT NOT NULL,
      price INTEGER NOT NULL CHECK (price >= 0),
      tax INTEGER NOT NULL CHECK (tax >= 0),
      status TEXT NOT NULL CHECK (status IN ('pending','valid','cancelled','refunded','expired')),
      code TEXT UNIQUE,
      cancelled_at INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE INDEX tickets_booking ON tickets(booking_id)`.execute(db);
  await sql`CREATE INDEX tickets_showtime ON tickets(showtime_id, status)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      credential TEXT NOT NULL,
      key TEXT NOT NULL,
      operation TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running','done')),
      response TEXT,
      created_at INTEGER NOT NULL,
      locked_until INTEGER NOT NULL,
      PRIMARY KEY (credential, key)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at)`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0002_seating_booking cannot be undone: restore the backup taken before migrating instead.'),
  );
}
