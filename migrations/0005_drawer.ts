/**
 * The cash drawer: a shift belongs to a theater (and so to its currency and its managers), is counted by
 * denomination on close and may be reopened by a manager with a reason; cash movements (drops to the safe,
 * pay-outs of petty cash, pay-ins) are append-only records of their drawer. Refunds above a theater's
 * approval threshold record the approving manager. Frozen once released. Imports nothing of the app.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Shifts opened before this migration keep a null theater: only admins manage those.
  await sql`ALTER TABLE shifts ADD COLUMN theater_id INTEGER REFERENCES theaters(id)`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN currency TEXT`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN counted_denominations TEXT`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN reopened_at INTEGER`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN reopened_by INTEGER REFERENCES users(id)`.execute(db);
  await sql`ALTER TABLE shifts ADD COLUMN reopen_reason TEXT`.execute(db);
  await sql`CREATE INDEX shifts_theater_opened ON shifts(theater_id, opened_at)`.execute(db);

  await sql`
    CREATE TABLE cash_movements (
      id INTEGER PRIMARY KEY,
      shift_id INTEGER NOT NULL REFERENCES shifts(id),
      kind TEXT NOT NULL CHECK (kind IN ('drop','payout','payin')),
      amount INTEGER NOT NULL CHECK (amount > 0),
      reason TEXT,
      created_by INTEGER NOT NULL REFERENCES users(id),
      created_at INTEGER NOT NULL
    ) STRICT`.execute(db);
  await sql`CREATE INDEX cash_movements_shift ON cash_movements(shift_id)`.execute(db);
  // A drawer's records are its history: corrections are new records, never edits.
  await sql`CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash_movements is append-only'); END`.execute(
    db,
  );

  // Minor units; null: refunds never need a manager's approval.
  await sql`ALTER TABLE theaters ADD COLUMN refund_approval_above INTEGER CHECK (refund_approval_above >= 0)`.execute(
    db,
  );
  await sql`ALTER TABLE refunds ADD COLUMN approved_by INTEGER REFERENCES users(id)`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('0005_drawer cannot be undone: restore the backup taken before migrating instead.'));
}
