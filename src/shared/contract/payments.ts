import { z } from 'zod';
import { id, op, requiredText, timestamp } from './_prelude';
import { PAYMENT_STATUSES } from './booking';
import { closeShiftInput, openShiftInput, shift } from './drawer';

const amount = z
  .number()
  .int('must be whole minor units (1250 = 12.50)')
  .positive('must be more than zero')
  .max(100_000_000);
const cash = z.number().int('must be whole minor units').min(0).max(100_000_000);

export const payment = z.object({
  id: z.number().int(),
  bookingId: z.number().int(),
  method: z
    .enum(['cash', 'external', 'card_present', 'exchange'])
    .describe('exchange: moved from a booking that was exchanged'),
  amount: z.number().int(),
  currency: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  tendered: z.number().int().nullable().describe('Cash handed over'),
  change: z.number().int().nullable().describe('Cash given back'),
  reference: z.string().nullable(),
  amountRefunded: z.number().int(),
  bookingStatus: z.string().describe("The booking's status after this payment"),
  createdAt: timestamp,
  training: z
    .boolean()
    .optional()
    .describe('Taken on a simulated reader (training mode): never real money, left out of every total'),
  readerId: z.string().optional().describe('Card payments: the reader it was taken on'),
  failureCode: z
    .string()
    .nullable()
    .optional()
    .describe('Card payments that failed or were cancelled: why (`card_declined`, `timed_out`, `reader_timeout`, ...)'),
  clientSecret: z
    .string()
    .optional()
    .describe(
      "Only in the answer to a staff caller starting a card payment on a `terminal_js` reader: the PaymentIntent's " +
        'client secret for `collectPaymentMethod` in the Terminal JS SDK',
    ),
});

export { shift };

const STAFF = ['admin', 'manager', 'cashier'] as const;

export const READER_STATUSES = ['online', 'offline', 'busy', 'unknown'] as const;

export const READER_INTEGRATIONS = ['server_driven', 'terminal_js'] as const;
export const READER_ASSIGNMENTS = ['counter', 'kiosk'] as const;

/** Where a reader stands; a kiosk assignment names the kiosk device, Terminal JS readers serve counters only. */
function checkAssignment(
  value: {
    integration?: (typeof READER_INTEGRATIONS)[number];
    assignment?: (typeof READER_ASSIGNMENTS)[number] | null;
    deviceId?: number | null;
  },
  ctx: z.RefinementCtx,
): void {
  if (value.assignment === 'kiosk' && (value.deviceId === undefined || value.deviceId === null))
    ctx.addIssue({ code: 'custom', path: ['deviceId'], message: 'is required for a kiosk' });
  if (value.assignment !== undefined && value.assignment !== 'kiosk' && value.deviceId != null)
    ctx.addIssue({ code: 'custom', path: ['deviceId'], message: 'is only for a reader assigned to a kiosk' });
  if (value.assignment === undefined && value.deviceId != null)
    ctx.addIssue({ code: 'custom', path: ['assignment'], message: 'must be "kiosk" when a device is named' });
  if (value.integration === 'terminal_js' && value.assignment === 'kiosk')
    ctx.addIssue({
      code: 'custom',
      path: ['integration'],
      message: 'Terminal JS readers are driven from a counter; kiosks use server-driven readers',
    });
}

export const reader = z.object({
  id: z.string().describe('Our id for the reader (used as `readerId` in card payments)'),
  label: z.string(),
  theaterId: z.number().int(),
  status: z.enum(READER_STATUSES),
  deviceType: z.string().describe('For example `bbpos_wisepos_e`, `stripe_s700`, `simulated_wisepos_e`'),
  simulated: z.boolean().describe('A simulated reader (training mode): takes no real money'),
  integration: z
    .enum(READER_INTEGRATIONS)
    .describe('How the reader is driven: by the server through Stripe (default), or by a counter on its LAN'),
  assignment: z
    .enum(READER_ASSIGNMENTS)
    .nullable()
    .describe('Where the reader stands; null: any counter or kiosk of its theater'),
  deviceId: z.number().int().nullable().describe('The kiosk device, when assigned to a kiosk'),
  location: z.string().nullable().describe('Its Stripe Terminal location (`tml_...`)'),
});

export const paymentsOperations = {
  /**
   * Pay (part of) a booking. Cash (staff, from their open shift's drawer; `tendered` at least `amount`,
   * change computed), or `external` (API keys and admins: money the caller took, with its reference).
   * Paid in full, the booking is confirmed. An amount above what is due is refused.
   */
  'payments.create': op({
    summary: 'Pay a booking',
    tag: 'Payments',
    input: z.discriminatedUnion('method', [
      z.object({ bookingId: id, method: z.literal('cash'), amount, tendered: cash.optional() }),
      z.object({ bookingId: id, method: z.literal('external'), amount, reference: requiredText(100) }),
      z.object({ bookingId: id, method: z.literal('card_present'), amount, readerId: z.string().min(1).max(100) }),
    ]),
    output: payment,
    access: ['admin', 'manager', 'cashier', 'kiosk', 'integration'],
    rest: { method: 'POST', path: '/bookings/{bookingId}/payments', status: 201 },
    idempotent: true,
  }),
  'payments.get': op({
    summary: 'Get a payment',
    tag: 'Payments',
    input: z.object({ paymentId: id }),
    output: payment,
    access: ['admin', 'manager', 'cashier', 'kiosk', 'integration'],
    rest: { method: 'GET', path: '/payments/{paymentId}' },
  }),
  /**
   * Cancel a card payment still waiting on the reader: the reader's action is cancelled and the
   * PaymentIntent with it; the booking stays payable. A payment that already succeeded is refused (409).
   */
  'payments.cancel': op({
    summary: 'Cancel a card payment in progress',
    tag: 'Payments',
    input: z.object({ paymentId: id }),
    output: payment,
    access: ['admin', 'manager', 'cashier', 'kiosk', 'integration'],
    rest: { method: 'POST', path: '/payments/{paymentId}/cancel' },
  }),
  /**
   * Card readers the caller may use (a manager: their theaters'; a kiosk: the server-driven readers assigned
   * to it or to nobody).
   */
  'readers.list': op({
    summary: 'List card readers',
    tag: 'Readers',
    input: z.object({ theaterId: id.optional() }),
    output: z.object({ items: z.array(reader), nextCursor: z.string().nullable() }),
    access: ['admin', 'manager', 'cashier', 'kiosk'],
    rest: { method: 'GET', path: '/readers' },
  }),
  /** Register a reader with Stripe by its pairing code (`simulated-wpe` gives a simulated reader in test mode). */
  'readers.create': op({
    summary: 'Register a card reader',
    tag: 'Readers',
    input: z
      .object({
        registrationCode: requiredText(100),
        label: requiredText(100),
        theaterId: id,
        integration: z.enum(READER_INTEGRATIONS).optional(),
        assignment: z.enum(READER_ASSIGNMENTS).nullable().optional(),
        deviceId: id.nullable().optional(),
      })
      .superRefine(checkAssignment),
    output: reader,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/readers', status: 201 },
  }),
  /** Rename a reader, change how it is driven or where it stands (admin, or that theater's manager). */
  'readers.update': op({
    summary: 'Change a card reader',
    tag: 'Readers',
    input: z
      .object({
        readerId: z.string().min(1).max(100),
        label: requiredText(100).optional(),
        integration: z.enum(READER_INTEGRATIONS).optional(),
        assignment: z.enum(READER_ASSIGNMENTS).nullable().optional(),
        deviceId: id.nullable().optional(),
      })
      .superRefine(checkAssignment),
    output: reader,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/readers/{readerId}' },
  }),
  /**
   * A connection token for the Stripe Terminal JS SDK in the renderer (readers with
   * `integration: "terminal_js"`, on the counter's LAN), scoped to the theater's Terminal location.
   */
  'terminal.connectionToken': op({
    summary: 'Get a Stripe Terminal connection token',
    tag: 'Readers',
    input: z.object({ theaterId: id.optional() }),
    output: z.object({ secret: z.string() }),
    access: ['admin', 'manager', 'cashier'],
    rest: { method: 'POST', path: '/terminal/connection-tokens', status: 201 },
  }),
  /**
   * After the Terminal JS SDK in the counter reports the card processed (or declined): the server asks Stripe
   * how the PaymentIntent stands, captures it if it waits for capture and confirms the booking, or records the
   * decline. The renderer's word is never taken: a PaymentIntent that did not succeed leaves the payment as it
   * was. Safe to repeat; the poller does the same for a counter that closed.
   */
  'payments.settle': op({
    summary: 'Settle a card payment from Stripe',
    tag: 'Payments',
    input: z.object({ paymentId: id }),
    output: payment,
    access: STAFF,
    rest: { method: 'POST', path: '/payments/{paymentId}/settle' },
  }),
  /**
   * A Stripe webhook event (REST: raw body at `POST /webhooks/stripe` with the `Stripe-Signature` header).
   * Verified with the endpoint secret (5 minutes' tolerance); each event counts once.
   */
  'webhooks.stripe': op({
    summary: 'Receive a Stripe webhook',
    tag: 'Payments',
    input: z.object({ payload: z.string().max(1_000_000), signature: z.string().max(2_000) }),
    output: z.object({ received: z.boolean(), duplicate: z.boolean() }),
    access: 'public',
  }),
  /** Open a shift on the caller's drawer with its float; one open shift per drawer. */
  'shifts.open': op({
    summary: 'Open a shift',
    tag: 'Shifts',
    input: openShiftInput,
    output: shift,
    access: STAFF,
    rest: { method: 'POST', path: '/shifts', status: 201 },
  }),
  /** The caller's open shift, or 404. */
  'shifts.current': op({
    summary: 'My open shift',
    tag: 'Shifts',
    input: z.object({}),
    output: shift,
    access: STAFF,
    rest: { method: 'GET', path: '/shifts/current' },
  }),
  'shifts.get': op({
    summary: 'Get a shift',
    tag: 'Shifts',
    input: z.object({ shiftId: id }),
    output: shift,
    access: STAFF,
    rest: { method: 'GET', path: '/shifts/{shiftId}' },
  }),
  /** Close with the counted drawer (a total or by denomination): expected cash, counted cash and the variance. */
  'shifts.close': op({
    summary: 'Close a shift',
    tag: 'Shifts',
    input: closeShiftInput,
    output: shift,
    access: STAFF,
    rest: { method: 'POST', path: '/shifts/{shiftId}/close' },
  }),
};
