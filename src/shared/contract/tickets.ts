/**
 * Tickets and entry: checking tickets in at the door, ticket layouts and print counts, the installation's
 * signing keys, finding a booking from a scanned code (pickup), and paired devices (kiosks, door scanners).
 */
import { z } from 'zod';
import { id, op, page, limit, cursor, requiredText, timestamp } from './_prelude';
import { booking } from './booking';

const STAFF = ['admin', 'manager', 'cashier'] as const;
const DOOR = [...STAFF, 'scanner'] as const;
const ALL_SELLERS = ['admin', 'manager', 'cashier', 'kiosk', 'customer', 'integration'] as const;

export const CHECKIN_RESULTS = [
  'admitted',
  'already_used',
  'invalid',
  'cancelled',
  'wrong_showtime',
  'too_early',
] as const;
export type CheckinResult = (typeof CHECKIN_RESULTS)[number];

/** A boolean that may arrive as query-string text. */
const queryBoolean = z.preprocess(
  (value) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value),
  z.boolean(),
);

/** What the scanner read: the text of a ticket's QR code (or typed from under it). */
const code = z.string().trim().min(1, 'must not be empty').max(200, 'is too long for a ticket code');

export const checkin = z.object({
  result: z.enum(CHECKIN_RESULTS),
  message: z.string().describe('The answer in words, for the door screen'),
  scannedAt: timestamp,
  ticketId: z.number().int().nullable(),
  bookingReference: z.string().nullable(),
  showtimeId: z.number().int().nullable(),
  film: z.string().nullable(),
  startsAt: timestamp.nullable(),
  screen: z.string().nullable(),
  seat: z.string().nullable().describe('Row and seat, e.g. F7'),
  ticketType: z.string().nullable(),
  admittedAt: timestamp.nullable().describe('already_used: when the ticket was admitted'),
  admittedBy: z.string().nullable().describe('already_used: the device or user that admitted it'),
  opensAt: timestamp.nullable().describe('too_early: when admission opens'),
});

export const doorCount = z.object({
  showtimeId: z.number().int(),
  film: z.string(),
  screen: z.string(),
  startsAt: timestamp,
  opensAt: timestamp.describe('Admission opens'),
  admitted: z.number().int(),
  sold: z.number().int().describe('Valid tickets sold'),
});

export const TICKET_FORMATS = ['thermal80', 'a4'] as const;

export const ticketLayout = z.object({
  bookingId: z.number().int(),
  reference: z.string(),
  reprint: z.boolean(),
  html: z.string().describe('A complete HTML document for preview and printing'),
});

export const DEVICE_ROLES = ['kiosk', 'scanner'] as const;

export const device = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(DEVICE_ROLES),
  theaterId: z.number().int().nullable(),
  status: z.enum(['awaiting_pairing', 'paired', 'revoked']),
  createdAt: timestamp,
  pairedAt: timestamp.nullable(),
  lastSeenAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

export const ticketsOperations = {
  /**
   * Check a ticket in at the door. Always 200 with a `result`; only `admitted` changes anything. With a
   * `nonce`, a retried upload gets the first answer again and never counts twice.
   */
  'checkins.create': op({
    summary: 'Check a ticket in',
    tag: 'Check-in',
    input: z.object({
      code,
      showtimeId: id.optional().describe('The show this door is admitting; other shows answer wrong_showtime'),
      nonce: z
        .string()
        .regex(/^[\x21-\x7e]{1,100}$/, 'must be 1 to 100 visible ASCII characters')
        .optional()
        .describe('Unique per scan on this device'),
    }),
    output: checkin,
    access: DOOR,
    rest: { method: 'POST', path: '/checkins' },
  }),
  /** Undo the last admission made with this credential (a ticket scanned for the wrong person). */
  'checkins.undo': op({
    summary: 'Undo the last admission',
    tag: 'Check-in',
    input: z.object({ showtimeId: id.optional() }),
    output: z.object({ undone: checkin.describe('The admission that was undone; the ticket may be scanned again') }),
    access: STAFF,
    rest: { method: 'POST', path: '/checkins/undo' },
  }),
  /** Admitted versus sold for one show (the door screen's counter). */
  'checkins.count': op({
    summary: 'Admitted and sold for a showtime',
    tag: 'Check-in',
    input: z.object({ showtimeId: id }),
    output: doorCount,
    access: DOOR,
    rest: { method: 'GET', path: '/showtimes/{showtimeId}/checkins' },
  }),
  /** Public keys that verify ticket codes now (offline scanners); retired keys until their last show ends. */
  'ticketKeys.list': op({
    summary: 'Ticket signing keys (public)',
    tag: 'Check-in',
    input: z.object({}),
    output: z.object({
      items: z.array(
        z.object({
          keyId: z.number().int(),
          algorithm: z.literal('Ed25519'),
          publicKey: z.string().describe('SubjectPublicKeyInfo, DER, base64'),
          active: z.boolean().describe('Signs new tickets'),
          validUntil: timestamp.nullable().describe('A retired key verifies codes until then'),
        }),
      ),
    }),
    access: DOOR,
    rest: { method: 'GET', path: '/ticket-keys' },
  }),
  /** New tickets are signed with a new key; the old one keeps verifying until its last show has ended. */
  'ticketKeys.rotate': op({
    summary: 'Rotate the ticket signing key',
    tag: 'Check-in',
    input: z.object({}),
    output: z.object({ keyId: z.number().int(), retiredKeyId: z.number().int(), retiredValidUntil: timestamp }),
    access: ['admin'],
    rest: { method: 'POST', path: '/ticket-keys/rotate', status: 201 },
  }),
  /** Pickup: the booking a scanned ticket code (or a booking reference) belongs to. */
  'tickets.lookup': op({
    summary: 'Find a booking by a scanned ticket code or its reference',
    tag: 'Tickets',
    input: z.object({ code }),
    output: booking,
    access: [...STAFF, 'kiosk'],
    rest: { method: 'POST', path: '/tickets/lookup' },
  }),
  /** Tickets (and receipt) as HTML for the screen; does not count as a print. */
  'tickets.preview': op({
    summary: 'Preview the tickets of a booking',
    tag: 'Tickets',
    input: z.object({
      bookingId: id,
      format: z.enum(TICKET_FORMATS).default('thermal80'),
      receipt: queryBoolean.default(false),
    }),
    output: ticketLayout,
    access: ALL_SELLERS,
    rest: { method: 'GET', path: '/bookings/{bookingId}/tickets.html' },
  }),
  /**
   * Tickets (and receipt) as HTML to print, counted: the first print is the original, every later one
   * is marked REPRINT.
   */
  'tickets.print': op({
    summary: 'Print the tickets of a booking',
    tag: 'Tickets',
    input: z.object({
      bookingId: id,
      format: z.enum(TICKET_FORMATS).default('thermal80'),
      receipt: z.boolean().default(true),
    }),
    output: ticketLayout.extend({ printCount: z.number().int() }),
    access: [...STAFF, 'kiosk'],
    rest: { method: 'POST', path: '/bookings/{bookingId}/prints' },
  }),
  /** An admin adds a kiosk or door scanner and gets a one-time pairing code (10 minutes) to type on it. */
  'devices.create': op({
    summary: 'Add a device and get its pairing code',
    tag: 'Devices',
    input: z.object({
      name: requiredText(60),
      role: z.enum(DEVICE_ROLES),
      theaterId: id.optional(),
    }),
    output: z.object({ device, pairingCode: z.string(), pairingExpiresAt: timestamp }),
    access: ['admin'],
    rest: { method: 'POST', path: '/devices', status: 201 },
  }),
  /** A new pairing code for a device (re-pairing replaces its old credential). */
  'devices.newPairingCode': op({
    summary: 'New pairing code for a device',
    tag: 'Devices',
    input: z.object({ deviceId: id }),
    output: z.object({ device, pairingCode: z.string(), pairingExpiresAt: timestamp }),
    access: ['admin'],
    rest: { method: 'POST', path: '/devices/{deviceId}/pairing-code', status: 201 },
  }),
  /** The device trades its one-time code for its own token (a Bearer token with the device's role). */
  'devices.pair': op({
    summary: 'Pair a device with its one-time code',
    tag: 'Devices',
    input: z.object({ pairingCode: z.string().trim().min(1).max(20) }),
    output: z.object({ token: z.string(), device }),
    access: 'public',
    rest: { method: 'POST', path: '/devices/pair' },
  }),
  'devices.list': op({
    summary: 'List devices',
    tag: 'Devices',
    input: z.object({ limit, cursor }),
    output: page(device),
    access: ['admin'],
    rest: { method: 'GET', path: '/devices' },
  }),
  /** The device's token stops working at once. */
  'devices.revoke': op({
    summary: 'Revoke a device',
    tag: 'Devices',
    input: z.object({ deviceId: id }),
    output: z.void(),
    access: ['admin'],
    rest: { method: 'DELETE', path: '/devices/{deviceId}', status: 204 },
  }),
};
