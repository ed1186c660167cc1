/**
 * The first schema: accounts, catalog, theaters with screens and seats, showtimes, audit log.
 * Frozen once released: change the schema in a new migration, never here. Imports nothing of the app.
 * Times are epoch milliseconds (INTEGER); money is integer minor units.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL COLLATE NOCASE UNIQUE,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin','manager','cashier','kiosk','scanner','customer')),
      name TEXT,
      email TEXT,
      disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE theaters (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      address TEXT,
      time_zone TEXT NOT NULL,
      currency TEXT NOT NULL CHECK (length(currency) = 3),
      trailer_minutes INTEGER NOT NULL DEFAULT 15 CHECK (trailer_minutes BETWEEN 0 AND 120),
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE user_theaters (
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      theater_id INTEGER NOT NULL REFERENCES theaters(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, theater_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql`CREATE INDEX user_theaters_theater ON user_theaters(theater_id)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      revoked_at INTEGER
    ) STRICT`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions(user_id)`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('integration','cashier','manager','admin')),
      key_hash TEXT NOT NULL UNIQUE,
      prefix TEXT NOT NULL,
      created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER,
      revoked_at INTEGER
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE movies (
      id INTEGER PRIMARY KEY,
      title TEXT NOT NULL,
      duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 900),
      description TEXT,
      release_date TEXT,
      genres TEXT NOT NULL DEFAULT '[]',
      language TEXT,
      certificate TEXT,
      trailer_url TEXT,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','archived')),
      poster_type TEXT,
      poster_version INTEGER NOT NULL DEFAULT 0,
      rating_sum INTEGER NOT NULL DEFAULT 0,
      rating_count INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX movies_status ON movies(status, id)`.execute(db);

  await sql`
    CREATE TABLE movie_posters (
      movie_id INTEGER PRIMARY KEY REFERENCES movies(id) ON DELETE CASCADE,
      content_type TEXT NOT NULL,
      data BLOB NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE screens (
      id INTEGER PRIMARY KEY,
      theater_id INTEGER NOT NULL REFERENCES theaters(id),
      name TEXT NOT NULL,
      cleaning_minutes INTEGER NOT NULL DEFAULT 15 CHECK (cleaning_minutes BETWEEN 0 AND 120),
      layout TEXT NOT NULL,
      capacity INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (theater_id, name)
    ) STRICT`.execute(db);

  // Seats keep their id across layout edits (matched by row label and number); a removed seat is inactive.
  await sql`
    CREATE TABLE seats (
      id INTEGER PRIMARY KEY,
      screen_id INTEGER NOT NULL REFERENCES screens(id) ON DELETE CASCADE,
      row_label TEXT NOT NULL,
      number INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('standard','premium','wheelchair','companion')),
      row_index INTEGER NOT NULL,
      col_index INTEGER NOT NULL,
      blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0,1)),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
      UNIQUE (screen_id, row_label, number)
    ) STRICT`.execute(db);

  // blocked_until = ends_at + the screen's cleaning time: the screen is busy in [starts_at, blocked_until).
  await sql`
    CREATE TABLE showtimes (
      id INTEGER PRIMARY KEY,
      movie_id INTEGER NOT NULL REFERENCES movies(id),
      screen_id INTEGER NOT NULL REFERENCES screens(id),
      theater_id INTEGER NOT NULL REFERENCES theaters(id),
      starts_at INTEGER NOT NULL,
      ends_at INTEGER NOT NULL,
      blocked_until INTEGER NOT NULL,
      trailer_minutes INTEGER NOT NULL,
      format TEXT NOT NULL DEFAULT '2D',
      language TEXT,
      status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
      created_at INTEGER NOT NULL,
      CHECK (ends_at > starts_at AND blocked_until >= ends_at AND blocked_until - starts_at <= 86400000)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX showtimes_screen_start ON showtimes(screen_id, starts_at)`.execute(db);
  await sql`CREATE INDEX showtimes_theater_start ON showtimes(theater_id, starts_at)`.execute(db);
  await sql`CREATE INDEX showtimes_movie_start ON showtimes(movie_id, starts_at)`.execute(db);
  await sql`CREATE INDEX showtimes_start ON showtimes(starts_at)`.execute(db);

  // No two scheduled showtimes of a screen overlap (cleaning included): enforced by the database itself.
  // A showtime spans at most a day, so only starts within a day before can overlap (keeps it an index range).
  for (const event of ['INSERT', 'UPDATE']) {
    const self = event === 'UPDATE' ? sql`AND other.id <> NEW.id` : sql``;
    await sql`
      CREATE TRIGGER ${sql.raw(`showtimes_no_overlap_${event.toLowerCase()}`)}
      BEFORE ${sql.raw(event)} ON showtimes
      WHEN NEW.status = 'scheduled' AND EXISTS (
        SELECT 1 FROM showtimes AS other
        WHERE other.screen_id = NEW.screen_id
          AND other.status = 'scheduled'
          AND other.starts_at > NEW.starts_at - 86400000
          AND other.starts_at < NEW.blocked_until
          AND other.blocked_until > NEW.starts_at
          ${self}
      )
      BEGIN SELECT RAISE(ABORT, 'showtime_conflict'); END`.execute(db);
  }

  // Append-only: who did what, when.
  await sql`
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id INTEGER,
      data TEXT
    ) STRICT`.execute(db);
  await sql`CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(
    db,
  );

  await sql`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT, WITHOUT ROWID`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('0001_initial cannot be undone: restore the backup taken before migrating instead.'));
}
