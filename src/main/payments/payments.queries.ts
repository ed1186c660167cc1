/** SQL of the payments module: shifts, payments and refunds. */
import type { Selectable } from 'kysely';
import type { Db, PaymentsTable, ShiftsTable } from '../db/index';

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

export async function cashTotals(
  db: Db,
  shiftId: number,
): Promise<{ sales: number; refunds: number; payments: number }> {
  const sales = await db
    .selectFrom('payments')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('shift_id', '=', shiftId)
    .where('method', '=', 'cash')
    .where('status', 'in', ['succeeded', 'refunded'])
    .executeTakeFirstOrThrow();
  const refunds = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'))
    .where('shift_id', '=', shiftId)
    .where('method', '=', 'cash')
    .executeTakeFirstOrThrow();
  return { sales: Number(sales.total), refunds: Number(refunds.total), payments: Number(sales.n) };
}

const paymentColumns = [
  'id',
  'booking_id',
  'method',
  'amount',
  'currency',
  'status',
  'tendered',
  'change_given',
  'shift_id',
  'reference',
  'created_by',
  'created_at',
  'amount_refunded',
  'training',
] as const;

/** A row as the queries below select it. */
export type PaymentRow = Pick<Selectable<PaymentsTable>, (typeof paymentColumns)[number]>;

export function findPayment(db: Db, id: number): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').select(paymentColumns).where('id', '=', id).executeTakeFirst();
}

export function paymentsOfBookings(db: Db, bookingIds: number[]): Promise<PaymentRow[]> {
  if (bookingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('payments').select(paymentColumns).where('booking_id', 'in', bookingIds).orderBy('id').execute();
}

export async function insertPayment(
  db: Db,
  values: Omit<PaymentRow, 'id' | 'amount_refunded' | 'training'> & { updated_at: number },
): Promise<number> {
  const row = await db.insertInto('payments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function refundPayment(db: Db, payment: PaymentRow, amount: number, at: number): Promise<void> {
  const refunded = payment.amount_refunded + amount;
  await db
    .updateTable('payments')
    .set({
      amount_refunded: refunded,
      status: refunded === payment.amount ? 'refunded' : payment.status,
      updated_at: at,
    })
    .where('id', '=', payment.id)
    .execute();
}

export async function insertRefund(
  db: Db,
  values: {
    payment_id: number;
    booking_id: number;
    amount: number;
    method: string;
    shift_id: number | null;
    created_by: string;
    created_at: number;
  },
): Promise<number> {
  const row = await db.insertInto('refunds').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** What card payments in flight (processing) are paying of a booking right now. */
export async function amountInFlight(db: Db, bookingId: number): Promise<number> {
  const row = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'))
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'processing')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
