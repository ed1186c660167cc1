/** SQL of the drawer module: shifts (a cashier's drawer from open to close) and their cash movements. */
import type { Selectable } from 'kysely';
import type { CashMovementsTable, Db, ShiftsTable } from '../db/index';

const shiftColumns = [
  'id',
  'user_id',
  'theater_id',
  'currency',
  'opened_at',
  'opening_float',
  'closed_at',
  'counted_cash',
  'counted_denominations',
  'expected_cash',
  'reopened_at',
  'reopened_by',
  'reopen_reason',
] as const;

/** A row as the queries below select it. */
export type ShiftRow = Pick<Selectable<ShiftsTable>, (typeof shiftColumns)[number]>;
export type MovementRow = Selectable<CashMovementsTable>;

export function openShiftOf(db: Db, userId: number): Promise<ShiftRow | undefined> {
  return db
    .selectFrom('shifts')
    .select(shiftColumns)
    .where('user_id', '=', userId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
}

export function findShift(db: Db, id: number): Promise<ShiftRow | undefined> {
  return db.selectFrom('shifts').select(shiftColumns).where('id', '=', id).executeTakeFirst();
}

/** Shifts of a theater opened in [from, to). */
export function shiftsOpenedBetween(db: Db, theaterId: number, from: number, to: number): Promise<ShiftRow[]> {
  return db
    .selectFrom('shifts')
    .select(shiftColumns)
    .where('theater_id', '=', theaterId)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .orderBy('id')
    .execute();
}

/** Shifts newest first, filtered; limit+1 rows for paging. */
export function listShifts(
  db: Db,
  filter: {
    userId?: number;
    theaterIds?: readonly number[];
    status?: 'open' | 'closed';
    beforeId?: number;
    limit: number;
  },
): Promise<ShiftRow[]> {
  let query = db.selectFrom('shifts').select(shiftColumns);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.theaterIds !== undefined) query = query.where('theater_id', 'in', [0, ...filter.theaterIds]);
  if (filter.status === 'open') query = query.where('closed_at', 'is', null);
  if (filter.status === 'closed') query = query.where('closed_at', 'is not', null);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function insertShift(
  db: Db,
  values: { userId: number; theaterId: number | null; currency: string | null; openingFloat: number; at: number },
): Promise<number> {
  const row = await db
    .insertInto('shifts')
    .values({
      user_id: values.userId,
      theater_id: values.theaterId,
      currency: values.currency,
      opened_at: values.at,
      opening_float: values.openingFloat,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A shift opened without a theater takes the theater and currency of the first cash it handles. */
export async function adoptTheater(db: Db, id: number, theaterId: number, currency: string): Promise<void> {
  await db
    .updateTable('shifts')
    .set({ theater_id: theaterId, currency })
    .where('id', '=', id)
    .where('currency', 'is', null)
    .execute();
}

export async function closeShift(
  db: Db,
  id: number,
  values: { counted: number; denominations: string | null; expected: number; by: number | null; at: number },
): Promise<boolean> {
  const result = await db
    .updateTable('shifts')
    .set({
      closed_at: values.at,
      counted_cash: values.counted,
      counted_denominations: values.denominations,
      expected_cash: values.expected,
      closed_by: values.by,
    })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function reopenShift(db: Db, id: number, values: { by: number; reason: string; at: number }) {
  await db
    .updateTable('shifts')
    .set({
      closed_at: null,
      counted_cash: null,
      counted_denominations: null,
      expected_cash: null,
      closed_by: null,
      reopened_at: values.at,
      reopened_by: values.by,
      reopen_reason: values.reason,
    })
    .where('id', '=', id)
    .where('closed_at', 'is not', null)
    .execute();
}

export async function insertMovement(
  db: Db,
  values: { shiftId: number; kind: MovementRow['kind']; amount: number; reason: string | null; by: number; at: number },
): Promise<number> {
  const row = await db
    .insertInto('cash_movements')
    .values({
      shift_id: values.shiftId,
      kind: values.kind,
      amount: values.amount,
      reason: values.reason,
      created_by: values.by,
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function movementsOf(db: Db, shiftId: number): Promise<MovementRow[]> {
  return db.selectFrom('cash_movements').selectAll().where('shift_id', '=', shiftId).orderBy('id').execute();
}

export interface MovementTotals {
  drops: number;
  payOuts: number;
  payIns: number;
}

/** Drops, pay-outs and pay-ins per shift. */
export async function movementTotals(db: Db, shiftIds: number[]): Promise<Map<number, MovementTotals>> {
  const result = new Map<number, MovementTotals>();
  if (shiftIds.length === 0) return result;
  const rows = await db
    .selectFrom('cash_movements')
    .select((eb) => ['shift_id', 'kind', eb.fn.sum<number>('amount').as('total')])
    .where('shift_id', 'in', shiftIds)
    .groupBy(['shift_id', 'kind'])
    .execute();
  for (const row of rows) {
    const totals = result.get(row.shift_id) ?? { drops: 0, payOuts: 0, payIns: 0 };
    const amount = Number(row.total);
    if (row.kind === 'drop') totals.drops += amount;
    else if (row.kind === 'payout') totals.payOuts += amount;
    else totals.payIns += amount;
    result.set(row.shift_id, totals);
  }
  return result;
}
