/** SQL of card payments: readers, the Stripe side of payments and refunds, webhook events. */
import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CardReadersTable, Db } from '../db/index';

export type ReaderRow = Selectable<CardReadersTable>;

export function findReader(db: Db, id: string): Promise<ReaderRow | undefined> {
  return db.selectFrom('card_readers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listReaders(db: Db, theaterIds: readonly number[] | null): Promise<ReaderRow[]> {
  let query = db.selectFrom('card_readers').selectAll();
  if (theaterIds !== null) {
    if (theaterIds.length === 0) return Promise.resolve([]);
    query = query.where('theater_id', 'in', [...theaterIds]);
  }
  return query.orderBy('theater_id').orderBy('label').execute();
}

export async function locationOfTheater(db: Db, theaterId: number): Promise<string | null> {
  const row = await db
    .selectFrom('card_readers')
    .select('location')
    .where('theater_id', '=', theaterId)
    .where('location', 'is not', null)
    .executeTakeFirst();
  return row?.location ?? null;
}

export async function insertReader(db: Db, row: ReaderRow): Promise<void> {
  await db.insertInto('card_readers').values(row).execute();
}

export async function updateReader(
  db: Db,
  id: string,
  values: Partial<Pick<ReaderRow, 'label' | 'integration' | 'assigned_to' | 'device_id'>>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('card_readers').set(values).where('id', '=', id).execute();
}

/** A card payment with what the payments table says about it. */
export interface CardPaymentRow {
  payment_id: number;
  booking_id: number;
  amount: number;
  currency: string;
  status: string;
  training: number;
  created_by: string;
  reader_id: string;
  idempotency_base: string;
  payment_intent_id: string | null;
  handed_to_reader: number;
  failure_code: string | null;
  created_at: number;
  /** How its reader is driven ('server_driven' when the reader row is gone). */
  integration: string;
}

function cardPayments(db: Db) {
  return db
    .selectFrom('card_payments as c')
    .innerJoin('payments as p', 'p.id', 'c.payment_id')
    .leftJoin('card_readers as r', 'r.id', 'c.reader_id')
    .select((eb) => [
      eb.fn.coalesce('r.integration', eb.val('server_driven')).as('integration'),
      'c.payment_id',
      'p.booking_id',
      'p.amount',
      'p.currency',
      'p.status',
      'p.training',
      'p.created_by',
      'c.reader_id',
      'c.idempotency_base',
      'c.payment_intent_id',
      'c.handed_to_reader',
      'c.failure_code',
      'c.created_at',
    ]);
}

export function findCardPayment(db: Db, paymentId: number): Promise<CardPaymentRow | undefined> {
  return cardPayments(db).where('c.payment_id', '=', paymentId).executeTakeFirst();
}

export function cardPaymentByIntent(db: Db, paymentIntentId: string): Promise<CardPaymentRow | undefined> {
  return cardPayments(db).where('c.payment_intent_id', '=', paymentIntentId).executeTakeFirst();
}

export function cardPaymentByBase(db: Db, base: string): Promise<CardPaymentRow | undefined> {
  return cardPayments(db).where('c.idempotency_base', '=', base).executeTakeFirst();
}

export async function processingCardPayments(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('payments')
    .select('id')
    .where('method', '=', 'card_present')
    .where('status', '=', 'processing')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function insertCardPayment(
  db: Db,
  values: {
    booking_id: number;
    amount: number;
    currency: string;
    training: number;
    created_by: string;
    reader_id: string;
    at: number;
  },
): Promise<{ id: number; base: string }> {
  const row = await db
    .insertInto('payments')
    .values({
      booking_id: values.booking_id,
      method: 'card_present',
      amount: values.amount,
      currency: values.currency,
      status: 'processing',
      training: values.training,
      created_by: values.created_by,
      created_at: values.at,
      updated_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Keys for Stripe derive from the payment: its id, its time and a nonce, so that another database on the
  // same Stripe account (a fresh install, a restored backup) never reuses one.
  const base = `marquee-payment-${row.id}-${values.at}-${randomBytes(4).toString('hex')}`;
  await db
    .insertInto('card_payments')
    .values({
      payment_id: row.id,
      reader_id: values.reader_id,
      idempotency_base: base,
      created_at: values.at,
      updated_at: values.at,
    })
    .execute();
  return { id: row.id, base };
}

export async function setIntent(db: Db, paymentId: number, paymentIntentId: string, at: number): Promise<void> {
  await db
    .updateTable('card_payments')
    .set({ payment_intent_id: paymentIntentId, updated_at: at })
    .where('payment_id', '=', paymentId)
    .execute();
  await db
    .updateTable('payments')
    .set({ reference: paymentIntentId, updated_at: at })
    .where('id', '=', paymentId)
    .execute();
}

export async function setHandedToReader(db: Db, paymentId: number, at: number): Promise<void> {
  await db
    .updateTable('card_payments')
    .set({ handed_to_reader: 1, updated_at: at })
    .where('payment_id', '=', paymentId)
    .execute();
}

/** Moves a processing payment to its outcome; false if it was no longer processing (seen twice). */
export async function settlePayment(
  db: Db,
  paymentId: number,
  status: 'succeeded' | 'failed' | 'cancelled',
  failureCode: string | null,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('payments')
    .set({ status, updated_at: at })
    .where('id', '=', paymentId)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('card_payments')
    .set({ failure_code: failureCode, updated_at: at })
    .where('payment_id', '=', paymentId)
    .execute();
  return true;
}

export function cardFailures(db: Db, paymentIds: number[]) {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('card_payments')
    .select(['payment_id', 'failure_code', 'reader_id'])
    .where('payment_id', 'in', paymentIds)
    .execute();
}

// ---- refunds ----

export async function insertCardRefund(
  db: Db,
  values: { refund_id: number; payment_id: number; payment_intent_id: string; amount: number; at: number },
): Promise<void> {
  await db
    .insertInto('card_refunds')
    .values({
      refund_id: values.refund_id,
      payment_id: values.payment_id,
      payment_intent_id: values.payment_intent_id,
      amount: values.amount,
      status: 'pending',
      created_at: values.at,
      updated_at: values.at,
    })
    .execute();
}

export function pendingCardRefunds(db: Db) {
  return db
    .selectFrom('card_refunds')
    .select(['refund_id', 'payment_id', 'payment_intent_id', 'amount', 'created_at'])
    .where('status', '=', 'pending')
    .orderBy('refund_id')
    .limit(100)
    .execute();
}

export async function finishCardRefund(
  db: Db,
  refundId: number,
  values: { status: 'succeeded' | 'failed'; stripeRefundId: string | null; failureCode: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('card_refunds')
    .set({
      status: values.status,
      stripe_refund_id: values.stripeRefundId,
      failure_code: values.failureCode,
      updated_at: values.at,
    })
    .where('refund_id', '=', refundId)
    .where('status', '=', 'pending')
    .execute();
}

// ---- webhook events ----

/** Records an event by its id; false when it was already seen. */
export async function recordEvent(
  db: Db,
  values: { id: string; type: string; payment_intent_id: string | null; received_at: number },
): Promise<boolean> {
  const result = await db
    .insertInto('stripe_events')
    .values(values)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
