/** Display formats. Times and dates are always shown in the theater's zone, never the device's. */
import { localTimeOf, parseInstant } from '../../shared/domain/time';

const LOCALE = 'en-GB';

/** "2h 15m", "58m". */
export function formatRuntime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest.toString().padStart(2, '0')}m`;
}

/** "19:30" in the theater's zone. */
export function formatTime(iso: string, timeZone: string): string {
  return localTimeOf(parseInstant(iso), timeZone);
}

// A plain date has no zone: format it at noon UTC in UTC so no offset can move it to another day.
function plainDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "Saturday 28 November". */
export function formatDateLong(date: string): string {
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    plainDate(date),
  );
}

/** "Sat 28 Nov". */
export function formatDateShort(date: string): string {
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    plainDate(date),
  );
}

export function formatWeekday(date: string): string {
  return new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: 'UTC' }).format(plainDate(date));
}

export function formatDayOfMonth(date: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', timeZone: 'UTC' }).format(plainDate(date));
}

/** "in 25 min", "in 2 h 5 min", "started 10 min ago"; null beyond 12 hours, where the date says more. */
export function formatRelative(startsAtMs: number, nowMs: number): string | null {
  const minutes = Math.round((startsAtMs - nowMs) / 60_000);
  const abs = Math.abs(minutes);
  if (abs > 12 * 60) return null;
  const span = abs < 60 ? `${abs} min` : `${Math.floor(abs / 60)} h${abs % 60 ? ` ${abs % 60} min` : ''}`;
  if (minutes === 0) return 'starting now';
  return minutes > 0 ? `in ${span}` : `started ${span} ago`;
}

export function formatRating(average: number | null): string | null {
  return average === null ? null : average.toFixed(1);
}

/** "4 Nov 2026". */
export function formatDateMedium(date: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    plainDate(date),
  );
}
