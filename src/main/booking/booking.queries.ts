/** SQL of the booking module: bookings and their tickets. */
import { sql, type Selectable } from 'kysely';
import { prepared, preparedBy, preparedInsert, preparedUpdateById, type Db, type BookingsTable } from '../db/index';

const bookingColumns = [
  'id',
  'reference',
  'showtime_id',
  'theater_id',
  'hold_id',
  'status',
  'channel',
  'created_by',
  'customer_user_id',
  'customer_name',
  'customer_email',
  'customer_phone',
  'currency',
  'total',
  'tax',
  'amount_paid',
  'amount_refunded',
  'created_at',
  'confirmed_at',
] as const;

/** A row as the queries below select it. */
export type BookingRow = Pick<Selectable<BookingsTable>, (typeof bookingColumns)[number]>;

export type TicketRow = {
  id: number;
  booking_id: number;
  claim_id: number;
  seat_id: number;
  ticket_type: string;
  price: number;
  tax: number;
  status: string;
  code: string | null;
};

const findBookingQuery = prepared((db: Db, id: number) =>
  db.selectFrom('bookings').select(bookingColumns).where('id', '=', id),
);

export async function findBooking(db: Db, id: number): Promise<BookingRow | undefined> {
  return (await findBookingQuery(db, id)).rows[0];
}

const findByHoldQuery = prepared((db: Db, holdId: number) =>
  db.selectFrom('bookings').select(bookingColumns).where('hold_id', '=', holdId),
);

export async function findByHold(db: Db, holdId: number): Promise<BookingRow | undefined> {
  return (await findByHoldQuery(db, holdId)).rows[0];
}

export interface BookingFilter {
  reference?: string;
  q?: string;
  showtimeId?: number;
  customerUserId?: number;
  createdBy?: string;
  theaterIds?: readonly number[];
  beforeId?: number;
  limit: number;
}

/** Newest first. `q` matches name, e-mail or phone (case-insensitive, anywhere). */
export function listBookings(db: Db, filter: BookingFilter): Promise<BookingRow[]> {
  let query = db.selectFrom('bookings').select(bookingColumns);
  if (filter.reference !== undefined) query = query.where('reference', '=', filter.reference);
  if (filter.showtimeId !== undefined) query = query.where('showtime_id', '=', filter.showtimeId);
  if (filter.customerUserId !== undefined) query = query.where('customer_user_id', '=', filter.customerUserId);
  if (filter.createdBy !== undefined) query = query.where('created_by', '=', filter.createdBy);
  if (filter.theaterIds !== undefined)
    query = query.where('theater_id', 'in', filter.theaterIds.length > 0 ? [...filter.theaterIds] : [-1]);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  const needle = filter.q?.toLowerCase();
  if (needle) {
    query = query.where((eb) =>
      eb.or(
        (['customer_name', 'customer_email', 'customer_phone'] as const).map((column) =>
          eb(eb.fn<number>('instr', [eb.fn('lower', [eb.fn.coalesce(column, eb.val(''))]), eb.val(needle)]), '>', 0),
        ),
      ),
    );
  }
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function insertBooking(
  db: Db,
  values: Omit<BookingRow, 'id' | 'amount_paid' | 'amount_refunded' | 'confirmed_at'> & { updated_at: number },
): Promise<number> {
  const [row] = await insertBookingRow<{ id: number }>(db, [values]);
  return row!.id;
}

const insertBookingRow = preparedInsert('bookings', ['id']);
const updateBookingRow = preparedUpdateById('bookings');

export async function updateBooking(
  db: Db,
  id: number,
  changes: Partial<{
    status: string;
    total: number;
    tax: number;
    amount_paid: number;
    amount_refunded: number;
    confirmed_at: number;
    cancelled_at: number;
    cancel_reason: string | null;
    updated_at: number;
  }>,
): Promise<void> {
  await updateBookingRow(db, id, changes);
}

export type NewTicket = Omit<TicketRow, 'id' | 'code'> & { showtime_id: number };

/** Inserts a booking's tickets; answers them as `ticketsOf` would (by id), without reading them back. */
export async function insertTickets(db: Db, tickets: NewTicket[]): Promise<TicketRow[]> {
  if (tickets.length === 0) return [];
  // RETURNING's row order is unspecified in SQLite: match the ids up by claim, which is unique.
  const ids = await insertTicketRows<{ id: number; claim_id: number }>(db, tickets);
  const byClaim = new Map(tickets.map((ticket) => [ticket.claim_id, ticket]));
  return ids
    .map(({ id, claim_id }): TicketRow => {
      const ticket = byClaim.get(claim_id)!;
      return {
        id,
        booking_id: ticket.booking_id,
        claim_id,
        seat_id: ticket.seat_id,
        ticket_type: ticket.ticket_type,
        price: ticket.price,
        tax: ticket.tax,
        status: ticket.status,
        code: null,
      };
    })
    .sort((a, b) => a.id - b.id);
}

const insertTicketRows = preparedInsert('tickets', ['id', 'claim_id']);
const updateTicket = preparedUpdateById('tickets');

/** Pending tickets become valid, each with its entry code when codes are issued. */
export async function validateTickets(db: Db, tickets: { id: number; code: string | null }[]): Promise<void> {
  if (tickets.every((ticket) => ticket.code === null)) {
    await setTicketStatus(
      db,
      tickets.map((ticket) => ticket.id),
      'valid',
      null,
    );
    return;
  }
  for (const { id, code } of tickets) {
    await updateTicket(db, id, { status: 'valid', cancelled_at: null, code });
  }
}

const ticketColumns = [
  'id',
  'booking_id',
  'claim_id',
  'seat_id',
  'ticket_type',
  'price',
  'tax',
  'status',
  'code',
] as const;

/** One booking's tickets, the common case of `ticketsOf`. */
const ticketsOfBooking = prepared((db: Db, bookingId: number) =>
  db.selectFrom('tickets').select(ticketColumns).where('booking_id', '=', bookingId).orderBy('id'),
);

export async function ticketsOf(db: Db, bookingIds: number[]): Promise<TicketRow[]> {
  if (bookingIds.length === 0) return [];
  if (bookingIds.length === 1) return (await ticketsOfBooking(db, bookingIds[0]!)).rows;
  return db.selectFrom('tickets').select(ticketColumns).where('booking_id', 'in', bookingIds).orderBy('id').execute();
}

/** (status, at, ticket 1, …, ticket n) */
const setTicketStatusQuery = preparedBy(
  (count: number) =>
    (db: Db, status: string, at: number | null, ...ticketIds: number[]) =>
      db.updateTable('tickets').set({ status, cancelled_at: at }).where('id', 'in', ticketIds.slice(0, count)),
);

export async function setTicketStatus(db: Db, ticketIds: number[], status: string, at: number | null): Promise<void> {
  if (ticketIds.length === 0) return;
  // Prepared per count for the usual handful; a long list (a cancelled show) is built each time.
  if (ticketIds.length <= 16) {
    await setTicketStatusQuery(ticketIds.length)(db, status, at, ...ticketIds);
    return;
  }
  await db.updateTable('tickets').set({ status, cancelled_at: at }).where('id', 'in', ticketIds).execute();
}

export async function expireBookingsOfHolds(db: Db, holdIds: number[], at: number): Promise<number[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('id')
    .where('hold_id', 'in', holdIds)
    .where('status', '=', 'pending_payment')
    .execute();
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  await db.updateTable('bookings').set({ status: 'expired', updated_at: at }).where('id', 'in', ids).execute();
  await db
    .updateTable('tickets')
    .set({ status: 'expired', cancelled_at: at })
    .where('booking_id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
  return ids;
}

/**
 * Tickets sold (their booking confirmed in [from, to), cancelled before that not counted) and tickets
 * refunded in [from, to), for Z-reports: by theater, or by who made the booking and which bookings had
 * refunds.
 */
export async function ticketCounts(
  db: Db,
  filter: { from: number; to: number; theaterId?: number; createdBy?: string; refundedBookingIds?: number[] },
): Promise<{ sold: number; refunded: number }> {
  let sold = db
    .selectFrom('tickets')
    .innerJoin('bookings', 'bookings.id', 'tickets.booking_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bookings.confirmed_at', '>=', filter.from)
    .where('bookings.confirmed_at', '<', filter.to)
    .where((eb) =>
      eb.or([
        eb('tickets.cancelled_at', 'is', null),
        eb('tickets.cancelled_at', '>=', eb.ref('bookings.confirmed_at')),
      ]),
    )
    .where('tickets.status', 'not in', ['pending', 'expired']);
  if (filter.theaterId !== undefined) sold = sold.where('bookings.theater_id', '=', filter.theaterId);
  if (filter.createdBy !== undefined) sold = sold.where('bookings.created_by', '=', filter.createdBy);
  let refunded = db
    .selectFrom('tickets')
    .innerJoin('bookings', 'bookings.id', 'tickets.booking_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tickets.status', '=', 'refunded')
    .where('tickets.cancelled_at', '>=', filter.from)
    .where('tickets.cancelled_at', '<', filter.to);
  // Unary + keeps SQLite (without statistics) from driving this by every booking the theater ever made
  // instead of the day's cancelled tickets.
  if (filter.theaterId !== undefined)
    refunded = refunded.where(sql<number>`+bookings.theater_id`, '=', filter.theaterId);
  if (filter.refundedBookingIds !== undefined) {
    refunded = refunded.where('tickets.booking_id', 'in', [0, ...filter.refundedBookingIds]);
  }
  const soldCount = await sold.executeTakeFirstOrThrow();
  const refundedCount = await refunded.executeTakeFirstOrThrow();
  return { sold: Number(soldCount.n), refunded: Number(refundedCount.n) };
}

/** Blanks the contact details on a deleted customer's bookings; the bookings themselves stay for the accounts. */
export async function anonymiseCustomer(db: Db, userId: number, at: number): Promise<void> {
  await db
    .updateTable('bookings')
    .set({ customer_name: null, customer_email: null, customer_phone: null, updated_at: at })
    .where('customer_user_id', '=', userId)
    .execute();
}

/** Showtimes for which the customer holds a paid ticket (confirmed, or since checked in). */
export async function paidShowtimesOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('tickets', 'tickets.booking_id', 'bookings.id')
    .select('bookings.showtime_id')
    .distinct()
    .where('bookings.customer_user_id', '=', userId)
    .where('bookings.status', 'in', ['confirmed', 'partially_refunded'])
    .where('tickets.status', 'not in', ['pending', 'cancelled', 'refunded', 'expired'])
    .execute();
  return rows.map((row) => row.showtime_id);
}

/** Writes the codes the tickets module issued (on confirmation). */

/** A ticket with its booking's reference and status, for the door. */
export function findTicketForEntry(db: Db, ticketId: number) {
  return db
    .selectFrom('tickets')
    .innerJoin('bookings', 'bookings.id', 'tickets.booking_id')
    .select([
      'tickets.id',
      'tickets.booking_id',
      'tickets.showtime_id',
      'tickets.seat_id',
      'tickets.ticket_type',
      'tickets.status',
      'tickets.code',
      'bookings.reference',
    ])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
}

export async function countValidTickets(db: Db, showtimeId: number): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('showtime_id', '=', showtimeId)
    .where('status', '=', 'valid')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function findByReference(db: Db, reference: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').select(bookingColumns).where('reference', '=', reference).executeTakeFirst();
}

/** Bookings of a showtime that still hold seats or money (unpaid, paid or partly refunded), with live tickets. */
export async function liveBookingsOf(
  db: Db,
  showtimeId: number,
): Promise<{ id: number; reference: string; tickets: number }[]> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('tickets', 'tickets.booking_id', 'bookings.id')
    .select(['bookings.id', 'bookings.reference', (eb) => eb.fn.countAll<number>().as('tickets')])
    .where('bookings.showtime_id', '=', showtimeId)
    .where('bookings.status', 'in', ['pending_payment', 'confirmed', 'partially_refunded'])
    .where('tickets.status', 'in', ['pending', 'valid'])
    .groupBy(['bookings.id', 'bookings.reference'])
    .orderBy('bookings.id')
    .execute();
  return rows.map((row) => ({ id: row.id, reference: row.reference, tickets: Number(row.tickets) }));
}
