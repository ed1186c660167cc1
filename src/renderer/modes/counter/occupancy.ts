import type { Showtime } from '../../../shared/contract/index';

export type FillLevel = 'low' | 'mid' | 'high' | 'full';

/** Share of seats already gone (sold, held or blocked), 0..1. */
export function soldShare(showtime: Pick<Showtime, 'capacity' | 'seatsAvailable'>): number {
  if (showtime.capacity <= 0) return 1;
  return Math.min(1, Math.max(0, (showtime.capacity - showtime.seatsAvailable) / showtime.capacity));
}

/** The bar's colour band; always shown together with the numbers, never alone. */
export function fillLevel(showtime: Pick<Showtime, 'capacity' | 'seatsAvailable'>): FillLevel {
  if (showtime.seatsAvailable <= 0) return 'full';
  const share = soldShare(showtime);
  if (share >= 0.9) return 'high';
  if (share >= 0.6) return 'mid';
  return 'low';
}
