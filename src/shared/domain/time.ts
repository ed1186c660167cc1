/**
 * Instants are stored as epoch milliseconds; people see them in the theater's time zone. These helpers
 * are the only place that converts between the two (Temporal does the calendar and DST arithmetic).
 */
import { Temporal } from 'temporal-polyfill';

/** ISO-8601 with the zone's offset at that instant, e.g. 2026-11-28T19:30:00+01:00. */
export function toOffsetIso(epochMs: number, timeZone: string): string {
  const span = offsetSpanOf(epochMs, timeZone);
  return new Date(epochMs + span.offsetMs).toISOString().slice(0, 19) + span.offset;
}

/** A stretch of time between two of a zone's transitions, over which its UTC offset is constant. */
interface OffsetSpan {
  from: number;
  to: number;
  offsetMs: number;
  offset: string;
}

const SPANS_PER_ZONE = 8;
const offsetSpans = new Map<string, OffsetSpan[]>();

/**
 * Every timestamp the API answers goes through `toOffsetIso`, and asking the time-zone database for
 * each one is a measurable share of a busy server's CPU. Offsets only change at transitions, so the
 * span around an instant is looked up once and reused for every instant inside it.
 */
function offsetSpanOf(epochMs: number, timeZone: string): OffsetSpan {
  let spans = offsetSpans.get(timeZone);
  const hit = spans?.find((span) => epochMs >= span.from && epochMs < span.to);
  if (hit) return hit;
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  // The last transition at or before the instant, and the first after it.
  const previous = Temporal.Instant.fromEpochMilliseconds(epochMs + 1)
    .toZonedDateTimeISO(timeZone)
    .getTimeZoneTransition('previous');
  const next = zoned.getTimeZoneTransition('next');
  const span: OffsetSpan = {
    from: previous?.epochMilliseconds ?? Number.NEGATIVE_INFINITY,
    to: next?.epochMilliseconds ?? Number.POSITIVE_INFINITY,
    offsetMs: zoned.offsetNanoseconds / 1e6,
    offset: zoned.offset,
  };
  if (!spans) offsetSpans.set(timeZone, (spans = []));
  if (spans.length >= SPANS_PER_ZONE) spans.shift();
  spans.push(span);
  return span;
}

/** Parses an ISO-8601 instant with an offset (or Z) to epoch milliseconds. */
export function parseInstant(iso: string): number {
  return Temporal.Instant.from(iso).epochMilliseconds;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(epochMs: number, timeZone: string): string {
  const wall = localWall(epochMs, timeZone);
  const year = wall.getUTCFullYear();
  if (year < 0 || year > 9999) {
    return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  }
  return wall.toISOString().slice(0, 10);
}

/**
 * The instant's local wall-clock time in the zone, as a Date whose UTC fields are the local ones: the
 * zone's offset at that instant (from the cached span) added to it. Calendar fields of the result are
 * read with getUTC…; it is never shown as an instant.
 */
function localWall(epochMs: number, timeZone: string): Date {
  return new Date(epochMs + offsetSpanOf(epochMs, timeZone).offsetMs);
}

/** [start, end) in epoch milliseconds of a local date in a zone (23 or 25 hours long on DST days). */
export function localDayRange(date: string, timeZone: string): [number, number] {
  const day = Temporal.PlainDate.from(date);
  const start = day.toZonedDateTime({ timeZone }).epochMilliseconds;
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds;
  return [start, end];
}

/** Epoch milliseconds of a local wall-clock time on a date in a zone (earlier instant on DST overlaps). */
export function zonedEpoch(date: string, time: string, timeZone: string): number {
  return Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .epochMilliseconds;
}

/** Adds whole days to a local date. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Local wall-clock time "HH:MM" of an instant in a zone. */
export function localTimeOf(epochMs: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainTime()
    .toString({ smallestUnit: 'minute' });
}

/** ISO weekday (Monday 1 … Sunday 7) and minutes after local midnight of an instant in a zone. */
export function localWeekdayAndMinute(epochMs: number, timeZone: string): { weekday: number; minute: number } {
  const wall = localWall(epochMs, timeZone);
  return { weekday: wall.getUTCDay() || 7, minute: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}
