/** Table types as the database stores them (snake_case, epoch milliseconds, 0/1 booleans). */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  role: string;
  name: string | null;
  email: string | null;
  disabled: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface UserTheatersTable {
  user_id: number;
  theater_id: number;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  key_hash: string;
  prefix: string;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface TheatersTable {
  id: Generated<number>;
  name: string;
  address: string | null;
  time_zone: string;
  currency: string;
  trailer_minutes: Generated<number>;
  created_at: number;
}

export interface MoviesTable {
  id: Generated<number>;
  title: string;
  duration_minutes: number;
  description: string | null;
  release_date: string | null;
  genres: Generated<string>;
  language: string | null;
  certificate: string | null;
  trailer_url: string | null;
  status: Generated<string>;
  poster_type: string | null;
  poster_version: Generated<number>;
  rating_sum: Generated<number>;
  rating_count: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface MoviePostersTable {
  movie_id: number;
  content_type: string;
  data: Uint8Array;
}

export interface ScreensTable {
  id: Generated<number>;
  theater_id: number;
  name: string;
  cleaning_minutes: Generated<number>;
  layout: string;
  capacity: number;
  created_at: number;
}

export interface SeatsTable {
  id: Generated<number>;
  screen_id: number;
  row_label: string;
  number: number;
  type: string;
  row_index: number;
  col_index: number;
  blocked: Generated<number>;
  active: Generated<number>;
}

export interface ShowtimesTable {
  id: Generated<number>;
  movie_id: number;
  screen_id: number;
  theater_id: number;
  starts_at: number;
  ends_at: number;
  blocked_until: number;
  trailer_minutes: number;
  format: Generated<string>;
  language: string | null;
  status: Generated<string>;
  created_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  data: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  users: UsersTable;
  user_theaters: UserTheatersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  theaters: TheatersTable;
  movies: MoviesTable;
  movie_posters: MoviePostersTable;
  screens: ScreensTable;
  seats: SeatsTable;
  showtimes: ShowtimesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}
