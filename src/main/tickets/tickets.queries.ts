/** SQL of the tickets module: signing keys, issued codes (admission and prints), door scans. */
import type { Selectable } from 'kysely';
import {
  preparedInsert,
  type CheckinScansTable,
  type Db,
  type TicketCodesTable,
  type TicketKeysTable,
} from '../db/index';

export type KeyRow = Selectable<TicketKeysTable>;
export type CodeRow = Selectable<TicketCodesTable>;
export type ScanRow = Selectable<CheckinScansTable>;

export function allKeys(db: Db): Promise<KeyRow[]> {
  return db.selectFrom('ticket_keys').selectAll().orderBy('id').execute();
}

export async function insertKey(
  db: Db,
  values: { public_key: string; private_key: string; created_at: number },
): Promise<number> {
  const row = await db.insertInto('ticket_keys').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function retireKey(db: Db, id: number, at: number, validUntil: number): Promise<void> {
  await db
    .updateTable('ticket_keys')
    .set({ retired_at: at, valid_until: validUntil })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();
}

/** The end of the last show a key signed a ticket for (null when it signed none). */
export async function lastShowEndOfKey(db: Db, keyId: number): Promise<number | null> {
  const row = await db
    .selectFrom('ticket_codes')
    .select((eb) => eb.fn.max('show_ends_at').as('last'))
    .where('key_id', '=', keyId)
    .executeTakeFirst();
  return row?.last ?? null;
}

export async function insertCodes(
  db: Db,
  rows: {
    ticket_id: number;
    showtime_id: number;
    seat_id: number;
    key_id: number;
    code: string;
    issued_at: number;
    show_ends_at: number;
  }[],
): Promise<void> {
  await insertCodeRows(db, rows);
}

const insertCodeRows = preparedInsert('ticket_codes');

export function findCode(db: Db, ticketId: number): Promise<CodeRow | undefined> {
  return db.selectFrom('ticket_codes').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
}

export function codesOf(db: Db, ticketIds: number[]): Promise<CodeRow[]> {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('ticket_codes').selectAll().where('ticket_id', 'in', ticketIds).execute();
}

/**
 * THE admission: changes exactly one row only while the ticket has not been admitted. Returns whether
 * it did; two scans of one ticket can never both see `true`.
 */
export async function admit(db: Db, ticketId: number, at: number, by: string, scanId: number): Promise<boolean> {
  const result = await db
    .updateTable('ticket_codes')
    .set({ admitted_at: at, admitted_by: by, admitted_scan_id: scanId })
    .where('ticket_id', '=', ticketId)
    .where('admitted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unadmit(db: Db, ticketId: number, scanId: number): Promise<boolean> {
  const result = await db
    .updateTable('ticket_codes')
    .set({ admitted_at: null, admitted_by: null, admitted_scan_id: null })
    .where('ticket_id', '=', ticketId)
    .where('admitted_scan_id', '=', scanId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countAdmitted(db: Db, showtimeId: number): Promise<number> {
  const row = await db
    .selectFrom('ticket_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('showtime_id', '=', showtimeId)
    .where('admitted_at', 'is not', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function addPrints(db: Db, ticketIds: number[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await db
    .updateTable('ticket_codes')
    .set((eb) => ({ print_count: eb('print_count', '+', 1) }))
    .where('ticket_id', 'in', ticketIds)
    .execute();
}

export function findScanByNonce(db: Db, credential: string, nonce: string): Promise<ScanRow | undefined> {
  return db
    .selectFrom('checkin_scans')
    .selectAll()
    .where('credential', '=', credential)
    .where('nonce', '=', nonce)
    .executeTakeFirst();
}

export async function insertScan(
  db: Db,
  values: Omit<ScanRow, 'id' | 'undone_at' | 'response'> & { response: string },
): Promise<number> {
  const row = await db.insertInto('checkin_scans').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setScanOutcome(db: Db, id: number, result: string, response: string): Promise<void> {
  await db.updateTable('checkin_scans').set({ result, response }).where('id', '=', id).execute();
}

/** The credential's latest admission not yet undone (optionally for one show). */
export function lastAdmission(db: Db, credential: string, showtimeId?: number): Promise<ScanRow | undefined> {
  let query = db
    .selectFrom('checkin_scans')
    .selectAll()
    .where('credential', '=', credential)
    .where('result', '=', 'admitted')
    .where('undone_at', 'is', null);
  if (showtimeId !== undefined) query = query.where('showtime_id', '=', showtimeId);
  return query.orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function markUndone(db: Db, id: number, at: number): Promise<void> {
  await db.updateTable('checkin_scans').set({ undone_at: at }).where('id', '=', id).execute();
}
