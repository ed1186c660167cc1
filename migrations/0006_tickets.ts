/**
 * Tickets and entry: the installation's signing keys, one issued code per ticket (with its admission
 * state and print count), every door scan (with the scanner's nonce, so a retried upload is answered
 * from here), and paired devices with their one-time pairing codes.
 * Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Ed25519 key pairs. A retired key still verifies the codes it signed until `valid_until`
  // (the end of the last show it signed a ticket for); a key with retired_at NULL signs new codes.
  await sql`
    CREATE TABLE ticket_keys (
      id INTEGER PRIMARY KEY,
      public_key TEXT NOT NULL,
      private_key TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      retired_at INTEGER,
      valid_until INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX ticket_keys_one_active ON ticket_keys((1)) WHERE retired_at IS NULL`.execute(db);

  // One row per issued ticket code. Admission is a conditional UPDATE of admitted_at on this row.
  await sql`
    CREATE TABLE ticket_codes (
      ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
      showtime_id INTEGER NOT NULL REFERENCES showtimes(id),
      seat_id INTEGER NOT NULL,
      key_id INTEGER NOT NULL REFERENCES ticket_keys(id),
      code TEXT NOT NULL UNIQUE,
      issued_at INTEGER NOT NULL,
      show_ends_at INTEGER NOT NULL,
      admitted_at INTEGER,
      admitted_by TEXT,
      admitted_scan_id INTEGER,
      print_count INTEGER NOT NULL DEFAULT 0 CHECK (print_count >= 0)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX ticket_codes_showtime ON ticket_codes(showtime_id, admitted_at)`.execute(db);
  await sql`CREATE INDEX ticket_codes_key ON ticket_codes(key_id, showtime_id)`.execute(db);

  // Every scan at the door, admitted or not. (credential, nonce) answers a retried upload.
  await sql`
    CREATE TABLE checkin_scans (
      id INTEGER PRIMARY KEY,
      credential TEXT NOT NULL,
      device TEXT NOT NULL,
      nonce TEXT,
      at INTEGER NOT NULL,
      ticket_id INTEGER,
      showtime_id INTEGER,
      result TEXT NOT NULL,
      response TEXT NOT NULL,
      undone_at INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX checkin_scans_nonce ON checkin_scans(credential, nonce) WHERE nonce IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX checkin_scans_admitted ON checkin_scans(credential, id) WHERE result = 'admitted'`.execute(db);

  // Devices (kiosks, door scanners) paired with a one-time code; their token is stored as SHA-256 only.
  await sql`
    CREATE TABLE devices (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('kiosk','scanner')),
      theater_id INTEGER REFERENCES theaters(id),
      pairing_code_hash TEXT UNIQUE,
      pairing_expires_at INTEGER,
      token_hash TEXT UNIQUE,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      paired_at INTEGER,
      last_seen_at INTEGER,
      revoked_at INTEGER
    ) STRICT`.execute(db);
}
