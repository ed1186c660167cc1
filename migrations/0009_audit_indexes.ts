/**
 * Indexes for the audit log viewer: newest first overall, by actor and by action, each ordered by time so
 * a page of a filtered log reads only the rows it shows. Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_at ON audit_log(at)`.execute(db);
  await sql`CREATE INDEX audit_log_actor_at ON audit_log(actor, at)`.execute(db);
  await sql`CREATE INDEX audit_log_action_at ON audit_log(action, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS audit_log_at`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_actor_at`.execute(db);
  await sql`DROP INDEX IF EXISTS audit_log_action_at`.execute(db);
}
