import { z } from 'zod';
import { SHOWTIME_FORMATS } from '../domain/seat-types';
import { id, limit, cursor, localDate, noContent, op, page, requiredText, timestamp } from './_prelude';

export const SHOWTIME_STATUSES = ['scheduled', 'cancelled'] as const;

export const showtime = z.object({
  id: z.number().int(),
  movieId: z.number().int(),
  screenId: z.number().int(),
  theaterId: z.number().int(),
  movieTitle: z.string(),
  screenName: z.string(),
  startsAt: timestamp,
  endsAt: timestamp.describe('Start + trailers + the film'),
  date: z.string().describe("Local date of the start in the theater's time zone"),
  trailerMinutes: z.number().int(),
  format: z.enum(SHOWTIME_FORMATS),
  language: z.string().nullable(),
  status: z.enum(SHOWTIME_STATUSES),
  capacity: z.number().int(),
  seatsAvailable: z.number().int(),
});
export type Showtime = z.infer<typeof showtime>;

export const schedulingOperations = {
  /** Showtimes in start order: of one local date, or from now on; filter by theater, film or screen. */
  'showtimes.list': op({
    summary: 'List showtimes',
    tag: 'Showtimes',
    input: z.object({
      date: localDate.optional().describe("A date in the theater's time zone"),
      theaterId: id.optional(),
      movieId: id.optional(),
      screenId: id.optional(),
      includeCancelled: z
        .enum(['true', 'false'])
        .transform((value) => value === 'true')
        .or(z.boolean())
        .default(false),
      limit,
      cursor,
    }),
    output: page(showtime),
    access: 'public',
    rest: { method: 'GET', path: '/showtimes' },
  }),
  'showtimes.get': op({
    summary: 'Get a showtime',
    tag: 'Showtimes',
    input: z.object({ showtimeId: id }),
    output: showtime,
    access: 'public',
    rest: { method: 'GET', path: '/showtimes/{showtimeId}' },
  }),
  /** Schedule a film on a screen; overlapping another showtime there, cleaning time included, is 409 showtime_conflict. */
  'showtimes.create': op({
    summary: 'Create a showtime',
    tag: 'Showtimes',
    input: z.object({
      movieId: id,
      screenId: id,
      startsAt: timestamp,
      format: z.enum(SHOWTIME_FORMATS).default('2D'),
      language: requiredText(40).optional(),
      trailerMinutes: z.number().int().min(0).max(60).optional(),
    }),
    output: showtime,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/showtimes', status: 201 },
  }),
  /** Move or change a showtime that has no sales yet. */
  'showtimes.update': op({
    summary: 'Update a showtime',
    tag: 'Showtimes',
    input: z.object({
      showtimeId: id,
      movieId: id.optional(),
      screenId: id.optional(),
      startsAt: timestamp.optional(),
      format: z.enum(SHOWTIME_FORMATS).optional(),
      language: requiredText(40).nullable().optional(),
      trailerMinutes: z.number().int().min(0).max(60).optional(),
    }),
    output: showtime,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/showtimes/{showtimeId}' },
  }),
  /** Cancel a showtime that has no sales (with sales, the refund flow does it). */
  'showtimes.cancel': op({
    summary: 'Cancel a showtime',
    tag: 'Showtimes',
    input: z.object({ showtimeId: id }),
    output: noContent,
    access: ['admin', 'manager'],
    rest: { method: 'DELETE', path: '/showtimes/{showtimeId}', status: 204 },
  }),
};
