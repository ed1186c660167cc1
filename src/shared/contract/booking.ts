import { z } from 'zod';
import { SEAT_STATUSES, SEAT_TYPES } from '../domain/seat-types';
import { cursor, id, limit, op, page, requiredText, timestamp } from './_prelude';
import { email } from './accounts';
import { ticketTypeCode } from './pricing';

/** Most seats one hold may take; larger groups are sold by staff in several holds. */
export const MAX_SEATS_PER_HOLD = 20;

const ALL_SELLERS = ['admin', 'manager', 'cashier', 'kiosk', 'customer', 'integration'] as const;
const STAFF = ['admin', 'manager', 'cashier'] as const;

export const seatMap = z.object({
  showtimeId: z.number().int(),
  currency: z.string(),
  capacity: z.number().int(),
  available: z.number().int(),
  rows: z.array(
    z.object({
      label: z.string(),
      index: z.number().int(),
      length: z.number().int().describe('Positions in the row, gaps included'),
      curve: z
        .number()
        .int()
        .optional()
        .describe("How far the row's ends come forward, in hundredths of a row (absent: straight)"),
    }),
  ),
  seats: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      row: z.string(),
      number: z.number().int(),
      type: z.enum(SEAT_TYPES),
      status: z.enum(SEAT_STATUSES),
      rowIndex: z.number().int().describe('0 = the row nearest the screen'),
      column: z.number().int().describe('Position in the row, gaps counted'),
    }),
  ),
  ticketTypes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      prices: z
        .record(z.enum(SEAT_TYPES), z.number().int())
        .describe('Price of this ticket type per seat type, tax included'),
    }),
  ),
});
export type SeatMap = z.infer<typeof seatMap>;

export const hold = z.object({
  id: z.number().int(),
  showtimeId: z.number().int(),
  seatIds: z.array(z.number().int()),
  seats: z.array(z.object({ id: z.number().int(), label: z.string(), type: z.enum(SEAT_TYPES) })),
  together: z.boolean().describe('False when best available had to split the group'),
  status: z
    .enum(['active', 'booked', 'converted', 'released', 'expired'])
    .describe('booked: a booking awaits payment; converted: sold'),
  expiresAt: timestamp,
});

export const BOOKING_STATUSES = [
  'pending_payment',
  'confirmed',
  'cancelled',
  'refunded',
  'partially_refunded',
  'expired',
] as const;
export const TICKET_STATUSES = ['pending', 'valid', 'cancelled', 'refunded', 'expired'] as const;
export const PAYMENT_STATUSES = ['pending', 'processing', 'succeeded', 'failed', 'cancelled', 'refunded'] as const;

export const booking = z.object({
  id: z.number().int(),
  reference: z.string(),
  status: z.enum(BOOKING_STATUSES),
  showtimeId: z.number().int(),
  theaterId: z.number().int(),
  channel: z.string(),
  currency: z.string(),
  total: z.number().int(),
  tax: z.number().int().describe('Tax included in the total'),
  amountPaid: z.number().int(),
  amountRefunded: z.number().int(),
  amountDue: z.number().int(),
  customer: z
    .object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })
    .nullable(),
  expiresAt: timestamp.nullable().describe('While pending payment: when the seats are released'),
  createdAt: timestamp,
  tickets: z.array(
    z.object({
      id: z.number().int(),
      seatId: z.number().int(),
      seatLabel: z.string(),
      seatType: z.enum(SEAT_TYPES),
      ticketType: z.string(),
      price: z.number().int(),
      tax: z.number().int(),
      status: z.enum(TICKET_STATUSES),
      code: z.string().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.number().int(),
      method: z.string(),
      amount: z.number().int(),
      status: z.enum(PAYMENT_STATUSES),
    }),
  ),
});
export type Booking = z.infer<typeof booking>;

const seatIds = z
  .array(id)
  .min(1)
  .max(MAX_SEATS_PER_HOLD)
  .refine((ids) => new Set(ids).size === ids.length, 'lists a seat twice');

/** One ticket type per held seat. */
const ticketsInput = z
  .array(z.object({ seatId: id, ticketType: ticketTypeCode }))
  .min(1)
  .max(MAX_SEATS_PER_HOLD)
  .refine((tickets) => new Set(tickets.map((t) => t.seatId)).size === tickets.length, 'lists a seat twice');

/** A manager's approval given at a cashier's counter (see the theater's `refundApprovalAbove`). */
const approvalInput = z
  .object({ username: requiredText(100), password: z.string().min(1).max(200) })
  .optional()
  .describe(
    "A manager's (of the booking's theater) or an admin's sign-in, when a cashier refunds more than the theater's `refundApprovalAbove`",
  );

export const bookingOperations = {
  /** Every seat of a showtime with its live status, and the prices of each ticket type per seat type. */
  'seatmap.get': op({
    summary: 'Seat map of a showtime',
    tag: 'Seats',
    input: z.object({ showtimeId: id }),
    output: seatMap,
    access: 'public',
    rest: { method: 'GET', path: '/showtimes/{showtimeId}/seats' },
  }),
  /** Take seats out of sale for one showtime (broken seat, house seats). */
  'seats.block': op({
    summary: 'Block seats of a showtime',
    tag: 'Seats',
    input: z.object({ showtimeId: id, seatIds, blocked: z.boolean().default(true) }),
    output: z.object({ seatIds: z.array(z.number().int()), blocked: z.boolean() }),
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/showtimes/{showtimeId}/blocks' },
  }),
  /**
   * Hold seats for one sale: the given seats, or the best N available (side by side in one row when
   * possible; wheelchair spaces, each with its companion seat, only when `accessible` is asked).
   */
  'holds.create': op({
    summary: 'Hold seats',
    tag: 'Holds',
    input: z
      .object({
        showtimeId: id,
        seatIds: seatIds.optional(),
        quantity: z.number().int().min(1).max(MAX_SEATS_PER_HOLD).optional(),
        accessible: z.boolean().default(false).describe('With quantity: wheelchair spaces with companion seats'),
      })
      .refine((value) => (value.seatIds === undefined) !== (value.quantity === undefined), {
        message: 'give either seatIds or quantity',
        path: ['seatIds'],
      }),
    output: hold,
    access: ALL_SELLERS,
    rest: { method: 'POST', path: '/showtimes/{showtimeId}/holds', status: 201 },
  }),
  'holds.get': op({
    summary: 'Get a hold',
    tag: 'Holds',
    input: z.object({ holdId: id }),
    output: hold,
    access: ALL_SELLERS,
    rest: { method: 'GET', path: '/holds/{holdId}' },
  }),
  /** The customer is still choosing: push the expiry out again (up to the hold's full time from now). */
  'holds.extend': op({
    summary: 'Extend a hold',
    tag: 'Holds',
    input: z.object({ holdId: id }),
    output: hold,
    access: ALL_SELLERS,
    rest: { method: 'POST', path: '/holds/{holdId}/extend' },
  }),
  'holds.release': op({
    summary: 'Release a hold',
    tag: 'Holds',
    input: z.object({ holdId: id }),
    output: z.void(),
    access: ALL_SELLERS,
    rest: { method: 'DELETE', path: '/holds/{holdId}', status: 204 },
  }),
  /** Turn a hold into a booking awaiting payment; the server prices every ticket. */
  'bookings.create': op({
    summary: 'Create a booking from a hold',
    tag: 'Bookings',
    input: z.object({
      holdId: id,
      tickets: ticketsInput,
      customer: z
        .object({
          name: requiredText(100).optional(),
          email: email.optional(),
          phone: z
            .string()
            .trim()
            .regex(/^\+?[0-9 ()-]{5,25}$/, 'must be a phone number')
            .optional(),
        })
        .optional(),
      customerToken: z
        .string()
        .max(200)
        .optional()
        .describe("Kiosk only: the customer session from kiosk sign-in; the booking becomes that customer's"),
    }),
    output: booking,
    access: ALL_SELLERS,
    rest: { method: 'POST', path: '/bookings', status: 201 },
    idempotent: true,
  }),
  'bookings.get': op({
    summary: 'Get a booking',
    tag: 'Bookings',
    input: z.object({ bookingId: id }),
    output: booking,
    access: ALL_SELLERS,
    rest: { method: 'GET', path: '/bookings/{bookingId}' },
  }),
  /** Find bookings: by reference (a list of zero or one), or for staff by name, e-mail or phone. */
  'bookings.list': op({
    summary: 'Find bookings',
    tag: 'Bookings',
    input: z.object({
      reference: z.string().trim().toUpperCase().max(20).optional(),
      q: z.string().trim().min(2).max(100).optional().describe('Staff: name, e-mail or phone'),
      showtimeId: id.optional(),
      limit,
      cursor,
    }),
    output: page(booking),
    access: ALL_SELLERS,
    rest: { method: 'GET', path: '/bookings' },
  }),
  /**
   * Cancel a booking (or some of its tickets): the seats are released and what was paid is refunded the
   * way it was paid. Customers and API keys until the theater's cut-off; staff any time, with a reason.
   */
  'bookings.cancel': op({
    summary: 'Cancel a booking',
    tag: 'Bookings',
    input: z.object({
      bookingId: id,
      ticketIds: z.array(id).min(1).max(MAX_SEATS_PER_HOLD).optional().describe('Only these tickets (default: all)'),
      reason: requiredText(200).optional(),
      approval: approvalInput,
    }),
    output: booking,
    access: ALL_SELLERS,
    rest: { method: 'POST', path: '/bookings/{bookingId}/cancel' },
    idempotent: true,
  }),
  /**
   * Exchange a paid booking for seats held on another showtime of the same film: the old booking is
   * cancelled, what was paid moves to the new one, and the difference is due or refunded.
   */
  'bookings.exchange': op({
    summary: 'Exchange a booking to another showtime',
    tag: 'Bookings',
    input: z.object({
      bookingId: id,
      holdId: id.describe('A hold on the new showtime, made by the caller'),
      tickets: ticketsInput,
      reason: requiredText(200).optional(),
      approval: approvalInput,
    }),
    output: booking,
    access: ALL_SELLERS,
    rest: { method: 'POST', path: '/bookings/{bookingId}/exchange', status: 201 },
    idempotent: true,
  }),
};

export { STAFF };
