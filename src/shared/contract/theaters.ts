import { z } from 'zod';
import { SEAT_TYPES } from '../domain/seat-types';
import { currency, id, op, requiredText, text, timestamp, timeZone } from './_prelude';

/** What a kiosk may take money with: `card` (on its Stripe Terminal reader). None: collecting tickets only. */
export const KIOSK_PAYMENT_METHODS = ['card'] as const;

export const kioskOptions = z.object({
  idleSeconds: z
    .number()
    .int()
    .describe('Seconds without a touch before the kiosk asks "Are you still there?" and then starts over'),
  holdMinutes: z.number().int().describe('How long a kiosk holds seats (the same as kioskHoldMinutes)'),
  largeText: z.boolean().describe('Kiosks start in "Easy to read" (large text, high contrast)'),
  paymentMethods: z
    .array(z.enum(KIOSK_PAYMENT_METHODS))
    .describe('How kiosks take payment; empty: kiosks only hand out tickets booked elsewhere'),
});
export type KioskOptions = z.infer<typeof kioskOptions>;

export const theater = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  vatNumber: z.string().nullable().describe('VAT or tax registration number, printed on receipts'),
  doorOpensMinutes: z.number().int().describe('Admission at the door opens this many minutes before a show'),
  cleaningMinutes: z
    .number()
    .int()
    .describe('Minutes kept free after each show on a new screen (each screen can have its own)'),
  timeZone: z.string(),
  currency: z.string(),
  trailerMinutes: z.number().int().describe('Default minutes of ads and trailers before the film'),
  cancelCutoffMinutes: z
    .number()
    .int()
    .describe('Customers and API clients may cancel until this many minutes before the start'),
  holdMinutes: z.number().int().describe('How long held seats stay held'),
  kioskHoldMinutes: z.number().int().describe('How long a kiosk holds seats'),
  refundApprovalAbove: z
    .number()
    .int()
    .nullable()
    .describe("A cashier's refund above this (minor units) needs a manager's approval; null: never"),
  kiosk: kioskOptions,
  managerIds: z.array(z.number().int()),
  createdAt: timestamp,
});
export type Theater = z.infer<typeof theater>;

export const MAX_ROWS = 60;
export const MAX_SEATS_PER_ROW = 80;
/** Most a row may curve: its ends come forward by this many hundredths of a row (200 = two rows). */
export const MAX_CURVE = 200;

export const layoutSeat = z.object({
  number: z.number().int().min(1).max(999),
  type: z.enum(SEAT_TYPES),
  blocked: z.boolean().optional().describe('Out of sale on every showtime of this screen (broken, house seat)'),
});

export const layoutRow = z.object({
  label: z
    .string()
    .trim()
    .min(1)
    .max(3)
    .regex(/^[A-Z0-9]+$/, 'must be capital letters or digits'),
  seats: z.array(layoutSeat.nullable()).min(1).max(MAX_SEATS_PER_ROW),
});

/** Hundredths of a row by which the ends of a row come forward towards the screen (0: straight). */
export const curve = z
  .number('must be a whole number from 0 to 200')
  .int('must be a whole number from 0 to 200')
  .min(0, 'must be a whole number from 0 to 200')
  .max(MAX_CURVE, 'must be a whole number from 0 to 200')
  .describe('How far the ends of each row come forward towards the screen, in hundredths of a row; 0 is straight');

/**
 * Rows front (nearest the screen) to back; `null` in a row is a gap (an aisle or a missing seat). `curve`
 * bends every row of the screen (seat maps draw the row ends nearer the screen); absent means straight.
 */
export const layout = z
  .object({ rows: z.array(layoutRow).min(1).max(MAX_ROWS), curve: curve.optional() })
  .superRefine((value, ctx) => {
    const labels = new Set<string>();
    let seats = 0;
    value.rows.forEach((row, rowIndex) => {
      if (labels.has(row.label)) {
        ctx.addIssue({ code: 'custom', path: ['rows', rowIndex, 'label'], message: `row ${row.label} appears twice` });
      }
      labels.add(row.label);
      const numbers = new Set<number>();
      row.seats.forEach((seat, seatIndex) => {
        if (!seat) return;
        seats += 1;
        if (numbers.has(seat.number)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rows', rowIndex, 'seats', seatIndex, 'number'],
            message: `seat ${row.label}${seat.number} appears twice`,
          });
        }
        numbers.add(seat.number);
      });
    });
    if (seats === 0) ctx.addIssue({ code: 'custom', path: ['rows'], message: 'a screen needs at least one seat' });
  });
export type Layout = z.infer<typeof layout>;

/** What "Export JSON" writes and "Import JSON" reads: a screen's layout with its format and version. */
export const LAYOUT_FORMAT = 'marquee.screen-layout';
export const LAYOUT_VERSION = 1;
export const layoutDocument = z.object({
  format: z.literal(LAYOUT_FORMAT, `must be "${LAYOUT_FORMAT}"`),
  version: z.literal(LAYOUT_VERSION, `must be ${LAYOUT_VERSION} (this Marquee reads version ${LAYOUT_VERSION})`),
  name: z.string().max(60).optional(),
  exportedAt: z.string().max(40).optional(),
  layout,
});
export type LayoutDocument = z.infer<typeof layoutDocument>;

export const screen = z.object({
  id: z.number().int(),
  theaterId: z.number().int(),
  name: z.string(),
  cleaningMinutes: z.number().int().describe('Minutes kept free after each showtime'),
  capacity: z.number().int(),
  seatCounts: z.record(z.enum(SEAT_TYPES), z.number().int()),
  layout,
  createdAt: timestamp,
});
export type Screen = z.infer<typeof screen>;

const minutes = z.number().int().min(0).max(120);
const details = {
  phone: text(40)
    .regex(/^[0-9+()./ -]*$/, 'digits, spaces and + ( ) - . / only')
    .nullable()
    .optional(),
  vatNumber: text(40).nullable().optional(),
  doorOpensMinutes: z.number().int().min(0).max(240).optional(),
  cleaningMinutes: minutes.optional(),
};
const salesRules = {
  cancelCutoffMinutes: z.number().int().min(0).max(10_080).optional(),
  holdMinutes: z.number().int().min(1).max(60).optional(),
  kioskHoldMinutes: z.number().int().min(1).max(60).optional(),
  refundApprovalAbove: z.number().int().min(0).max(100_000_000).nullable().optional(),
};

export const theatersOperations = {
  'theaters.list': op({
    summary: 'List theaters',
    tag: 'Theaters',
    input: z.object({}),
    output: z.object({ items: z.array(theater), nextCursor: z.null() }),
    access: 'public',
    rest: { method: 'GET', path: '/theaters' },
  }),
  'theaters.get': op({
    summary: 'Get a theater',
    tag: 'Theaters',
    input: z.object({ theaterId: id }),
    output: theater,
    access: 'public',
    rest: { method: 'GET', path: '/theaters/{theaterId}' },
  }),
  /** A new theater (cinema site) with its time zone and currency. */
  'theaters.create': op({
    summary: 'Create a theater',
    tag: 'Theaters',
    input: z.object({
      name: requiredText(100),
      timeZone,
      currency,
      address: text(300).optional(),
      trailerMinutes: minutes.optional(),
      ...salesRules,
      ...details,
    }),
    output: theater,
    access: ['admin'],
    rest: { method: 'POST', path: '/theaters', status: 201 },
  }),
  /**
   * The theater's details (name, address, phone, VAT number), sales rules and door and cleaning times; time
   * zone and currency only while nothing is scheduled. An admin, or a manager of this theater.
   */
  'theaters.update': op({
    summary: 'Update a theater',
    tag: 'Theaters',
    input: z.object({
      theaterId: id,
      name: requiredText(100).optional(),
      address: text(300).nullable().optional(),
      timeZone: timeZone.optional(),
      currency: currency.optional(),
      trailerMinutes: minutes.optional(),
      ...salesRules,
      ...details,
    }),
    output: theater,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/theaters/{theaterId}' },
  }),
  /** What the theater's kiosks do: idle reset, how long they hold seats, large text, payment methods. Admins. */
  'theaters.setKioskOptions': op({
    summary: "Set a theater's kiosk options",
    tag: 'Theaters',
    input: z.object({
      theaterId: id,
      idleSeconds: z.number().int().min(15).max(600),
      holdMinutes: z.number().int().min(1).max(60),
      largeText: z.boolean(),
      paymentMethods: z
        .array(z.enum(KIOSK_PAYMENT_METHODS))
        .max(KIOSK_PAYMENT_METHODS.length)
        .refine((list) => new Set(list).size === list.length, 'each method once'),
    }),
    output: theater,
    access: ['admin'],
    rest: { method: 'PUT', path: '/theaters/{theaterId}/kiosk' },
  }),
  'screens.list': op({
    summary: "List a theater's screens",
    tag: 'Screens',
    input: z.object({ theaterId: id }),
    output: z.object({ items: z.array(screen), nextCursor: z.null() }),
    access: 'public',
    rest: { method: 'GET', path: '/theaters/{theaterId}/screens' },
  }),
  'screens.get': op({
    summary: 'Get a screen with its seat layout',
    tag: 'Screens',
    input: z.object({ screenId: id }),
    output: screen,
    access: 'public',
    rest: { method: 'GET', path: '/screens/{screenId}' },
  }),
  /** Add a screen (auditorium) with its seat layout. */
  'screens.create': op({
    summary: 'Create a screen',
    tag: 'Screens',
    input: z.object({
      theaterId: id,
      name: requiredText(60),
      layout,
      cleaningMinutes: minutes.optional(),
    }),
    output: screen,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/theaters/{theaterId}/screens', status: 201 },
  }),
  /** Rename, change cleaning time or the layout (seats keep their ids by row and number). */
  'screens.update': op({
    summary: 'Update a screen',
    tag: 'Screens',
    input: z.object({
      screenId: id,
      name: requiredText(60).optional(),
      layout: layout.optional(),
      cleaningMinutes: minutes.optional(),
    }),
    output: screen,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/screens/{screenId}' },
  }),
};
