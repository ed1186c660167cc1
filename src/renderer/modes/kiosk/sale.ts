/**
 * The kiosk's sale: what the customer chose so far and the server-side things it owns (a hold, a booking
 * awaiting payment, a card payment), plus the calls that create and clean them up. Pure data and calls;
 * the screens decide when.
 */
import type { OutputOf, Showtime } from '../../../shared/contract/index';
import type { SeatMap } from '../../../shared/contract/booking';
import { call, client, isClientError } from '../../lib/client';

export type Hold = OutputOf<'holds.create'>;
export type Booking = OutputOf<'bookings.create'>;
export type Payment = OutputOf<'payments.create'>;
export type Reader = OutputOf<'readers.list'>['items'][number];

/** Booking references use this alphabet (no 0/O, 1/I/L, 2/Z, 5/S, 8/B): the kiosk's keyboard shows only these. */
export const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const REFERENCE_LENGTH = 7;
/** Most tickets one kiosk sale takes (bigger groups go to the box office). */
export const KIOSK_MAX_TICKETS = 10;

export interface Sale {
  movieId: number | null;
  showtime: Showtime | null;
  seatMap: SeatMap | null;
  /** Tickets per ticket type code. */
  counts: Record<string, number>;
  accessible: boolean;
  hold: Hold | null;
  booking: Booking | null;
}

export const EMPTY_SALE: Sale = {
  movieId: null,
  showtime: null,
  seatMap: null,
  counts: {},
  accessible: false,
  hold: null,
  booking: null,
};

export function ticketCount(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/** One ticket type per seat: the types in the seat map's order, seats in row and number order. */
export function assignTickets(
  seats: readonly { id: number; label: string }[],
  counts: Record<string, number>,
  typeOrder: readonly string[],
): { seatId: number; ticketType: string }[] {
  const types: string[] = [];
  for (const code of typeOrder) for (let i = 0; i < (counts[code] ?? 0); i += 1) types.push(code);
  const ordered = [...seats].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  return ordered.map((seat, index) => ({ seatId: seat.id, ticketType: types[index] ?? types[0] ?? 'adult' }));
}

/** Let go of whatever the sale holds on the server: a booking not paid is cancelled, a hold released. */
export async function releaseSale(sale: Pick<Sale, 'hold' | 'booking'>): Promise<void> {
  try {
    if (sale.booking && sale.booking.status === 'pending_payment' && sale.booking.amountPaid === 0) {
      await call('bookings.cancel', { bookingId: sale.booking.id });
    } else if (sale.hold && !sale.booking) {
      await call('holds.release', { holdId: sale.hold.id });
    }
  } catch (error) {
    // Already gone (expired, released) is what we wanted; anything else expires by itself on the server.
    if (!isClientError(error)) throw error;
  }
}

/** The kiosk's own card reader, or why there is none. */
export async function findReader(): Promise<{ reader: Reader } | { unavailable: 'not_configured' | 'offline' }> {
  try {
    // A lost connection is waited out (the kiosk shows "Reconnecting…"), not taken for a dead reader.
    const readers = await client.callUntilReached('readers.list', {});
    const reader = readers.items.find((candidate) => candidate.status === 'online' || candidate.status === 'unknown');
    return reader ? { reader } : { unavailable: readers.items.length > 0 ? 'offline' : 'not_configured' };
  } catch (error) {
    if (isClientError(error, 'payments_not_configured') || isClientError(error, 'forbidden')) {
      return { unavailable: 'not_configured' };
    }
    return { unavailable: 'offline' };
  }
}

/** Wheelchair spaces go with their companion seat: the companion next to a wheelchair space in its row. */
export function companionOf(seatMap: SeatMap, seatId: number): number | null {
  const seat = seatMap.seats.find((candidate) => candidate.id === seatId);
  if (!seat || (seat.type !== 'wheelchair' && seat.type !== 'companion')) return null;
  const partnerType = seat.type === 'wheelchair' ? 'companion' : 'wheelchair';
  const partner = seatMap.seats.find(
    (candidate) =>
      candidate.rowIndex === seat.rowIndex &&
      candidate.type === partnerType &&
      Math.abs(candidate.column - seat.column) === 1,
  );
  return partner ? partner.id : null;
}
