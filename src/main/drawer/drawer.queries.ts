/** SQL of the drawer module: shifts (a cashier's drawer from open to close). */
import type { Selectable } from 'kysely';
import type { Db, ShiftsTable } from '../db/index';

const shiftColumns = [
  'id',
  'user_id',
  'opened_at',
  'opening_float',
  'closed_at',
  'counted_cash',
  'expected_cash',
] as const;

/** A row as the queries below select it. */
export type ShiftRow = Pick<Selectable<ShiftsTable>, (typeof shiftColumns)[number]>;

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

export async function insertShift(db: Db, userId: number, openingFloat: number, at: number): Promise<number> {
  const row = await db
    .insertInto('shifts')
    .values({ user_id: userId, opened_at: at, opening_float: openingFloat })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function closeShift(
  db: Db,
  id: number,
  values: { counted: number; expected: number; by: number | null; at: number },
): Promise<void> {
  await db
    .updateTable('shifts')
    .set({ closed_at: values.at, counted_cash: values.counted, expected_cash: values.expected, closed_by: values.by })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .execute();
}
