/** SQL of the payments module: payments and refunds. */
import type { Selectable } from 'kysely';
import type { Db, PaymentsTable } from '../db/index';

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
  values: Omit<PaymentRow, 'id' | 'amount_refunded'> & { updated_at: number },
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
): Promise<void> {
  await db.insertInto('refunds').values(values).execute();
}
