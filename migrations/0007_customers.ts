/**
 * Customers: contact phone, a kiosk PIN and deletion on the user row; one-time password-reset tokens;
 * film reviews. Frozen once released. Imports nothing of the app.
 *
 * Reset tokens are a selector (looked up, stored plain) and a 256-bit verifier (stored as its SHA-256),
 * so a failed attempt can be counted against one token without storing anything secret.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN phone TEXT`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN pin_hash TEXT`.execute(db);
  await sql`ALTER TABLE users ADD COLUMN deleted_at INTEGER`.execute(db);
  await sql`CREATE INDEX users_customer_email ON users(email COLLATE NOCASE) WHERE role = 'customer' AND email IS NOT NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE password_resets (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id),
      selector TEXT NOT NULL UNIQUE,
      verifier_hash TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      revoked_at INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE INDEX password_resets_open ON password_resets(user_id) WHERE used_at IS NULL AND revoked_at IS NULL`.execute(
    db,
  );

  await sql`
    CREATE TABLE reviews (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
      text TEXT CHECK (text IS NULL OR length(text) <= 2000),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      hidden_at INTEGER,
      hidden_by TEXT,
      hidden_reason TEXT,
      UNIQUE (user_id, movie_id)
    ) STRICT`.execute(db);
  // Lists and the rating aggregate read visible reviews of one film, newest first.
  await sql`CREATE INDEX reviews_movie_visible ON reviews(movie_id, id) WHERE hidden_at IS NULL`.execute(db);
  await sql`CREATE INDEX reviews_hidden ON reviews(hidden_at, id) WHERE hidden_at IS NOT NULL`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('0007_customers cannot be undone: restore the backup taken before migrating instead.'),
  );
}
