/** SQL of the payments module: payments and refunds. */
import { sql, type Selectable } from 'kysely';
import { prepared, preparedInsert, type Db, type PaymentsTable } from '../db/index';

export interface CashTotals {
  sales: number;
  refunds: number;
  payments: number;
}

/** Cash taken and refunded per shift (the drawer module asks through the service). */
export async function cashTotals(db: Db, shiftIds: number[]): Promise<Map<number, CashTotals>> {
  const result = new Map<number, CashTotals>(shiftIds.map((id) => [id, { sales: 0, refunds: 0, payments: 0 }]));
  if (shiftIds.length === 0) return result;
  const sales = await db
    .selectFrom('payments')
    .select((eb) => ['shift_id', eb.fn.sum<number>('amount').as('total'), eb.fn.countAll<number>().as('n')])
    .where('shift_id', 'in', shiftIds)
    .where('method', '=', 'cash')
    .where('status', 'in', ['succeeded', 'refunded'])
    .groupBy('shift_id')
    .execute();
  for (const row of sales) {
    const totals = result.get(row.shift_id!);
    if (totals) Object.assign(totals, { sales: Number(row.total), payments: Number(row.n) });
  }
  const refunds = await db
    .selectFrom('refunds')
    .select((eb) => ['shift_id', eb.fn.sum<number>('amount').as('total')])
    .where('shift_id', 'in', shiftIds)
    .where('method', '=', 'cash')
    .groupBy('shift_id')
    .execute();
  for (const row of refunds) {
    const totals = result.get(row.shift_id!);
    if (totals) totals.refunds = Number(row.total);
  }
  return result;
}

export interface Takings {
  sales: Record<'cash' | 'card' | 'external', number>;
  refunds: Record<'cash' | 'card' | 'external', number>;
  /** Bookings with a refund in the period (for counting refunded tickets). */
  refundedBookingIds: number[];
}

const METHOD_KEY: Record<string, keyof Takings['sales'] | undefined> = {
  cash: 'cash',
  card_present: 'card',
  external: 'external',
};

/**
 * Money taken and refunded in [from, to), by method; exchanges move money between bookings and are left
 * out, and so are training payments (simulated readers take no real money). Filtered by who recorded it, or by the theater of the booking (read from the bookings table, the
 * one place this module looks at another's: the theater is the booking's).
 */
export async function takings(
  db: Db,
  filter: { from: number; to: number; createdBy?: string; theaterId?: number },
): Promise<Takings> {
  const result: Takings = {
    sales: { cash: 0, card: 0, external: 0 },
    refunds: { cash: 0, card: 0, external: 0 },
    refundedBookingIds: [],
  };
  let sales = db
    .selectFrom('payments')
    .select((eb) => ['payments.method', eb.fn.sum<number>('payments.amount').as('total')])
    .where('payments.created_at', '>=', filter.from)
    .where('payments.created_at', '<', filter.to)
    .where('payments.status', 'in', ['succeeded', 'refunded'])
    .where('payments.training', '=', 0)
    .groupBy('payments.method');
  if (filter.createdBy !== undefined) sales = sales.where('payments.created_by', '=', filter.createdBy);
  if (filter.theaterId !== undefined) {
    // Unary + keeps SQLite from driving this by the theater's bookings (every sale it ever made): the
    // day's payments, found by time, are the few rows to read.
    sales = sales
      .innerJoin('bookings', 'bookings.id', 'payments.booking_id')
      .where(sql<number>`+bookings.theater_id`, '=', filter.theaterId);
  }
  for (const row of await sales.execute()) {
    const key = METHOD_KEY[row.method];
    if (key) result.sales[key] += Number(row.total);
  }
  let refunds = db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select(['refunds.method', 'refunds.amount', 'refunds.booking_id'])
    .where('payments.training', '=', 0)
    .where('refunds.created_at', '>=', filter.from)
    .where('refunds.created_at', '<', filter.to);
  if (filter.createdBy !== undefined) refunds = refunds.where('refunds.created_by', '=', filter.createdBy);
  if (filter.theaterId !== undefined) {
    refunds = refunds
      .innerJoin('bookings', 'bookings.id', 'refunds.booking_id')
      .where(sql<number>`+bookings.theater_id`, '=', filter.theaterId);
  }
  const bookingIds = new Set<number>();
  for (const row of await refunds.execute()) {
    const key = METHOD_KEY[row.method];
    if (!key) continue;
    result.refunds[key] += row.amount;
    bookingIds.add(row.booking_id);
  }
  result.refundedBookingIds = [...bookingIds];
  return result;
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

const findPaymentQuery = prepared((db: Db, id: number) =>
  db.selectFrom('payments').select(paymentColumns).where('id', '=', id),
);

export async function findPayment(db: Db, id: number): Promise<PaymentRow | undefined> {
  return (await findPaymentQuery(db, id)).rows[0];
}

const paymentsOfBookingQuery = prepared((db: Db, bookingId: number) =>
  db.selectFrom('payments').select(paymentColumns).where('booking_id', '=', bookingId).orderBy('id'),
);

export async function paymentsOfBookings(db: Db, bookingIds: number[]): Promise<PaymentRow[]> {
  if (bookingIds.length === 0) return [];
  if (bookingIds.length === 1) return (await paymentsOfBookingQuery(db, bookingIds[0]!)).rows;
  return db.selectFrom('payments').select(paymentColumns).where('booking_id', 'in', bookingIds).orderBy('id').execute();
}

export async function insertPayment(
  db: Db,
  values: Omit<PaymentRow, 'id' | 'amount_refunded' | 'training'> & { updated_at: number },
): Promise<number> {
  const [row] = await insertPaymentRow<{ id: number }>(db, [values]);
  return row!.id;
}

const insertPaymentRow = preparedInsert('payments', ['id']);

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
    approved_by?: number | null;
  },
): Promise<number> {
  const row = await db.insertInto('refunds').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** What card payments in flight (processing) are paying of a booking right now. */
const amountInFlightQuery = prepared((db: Db, bookingId: number) =>
  db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'))
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'processing'),
);

export async function amountInFlight(db: Db, bookingId: number): Promise<number> {
  return Number((await amountInFlightQuery(db, bookingId)).rows[0]?.total ?? 0);
}
