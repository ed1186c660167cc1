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

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

/** One showtime of a bulk plan or a copy: what would be (or was) scheduled, and what is in its way. */
export const plannedShowtime = z.object({
  movieId: z.number().int(),
  movieTitle: z.string(),
  screenId: z.number().int(),
  screenName: z.string(),
  date: z.string().describe("Local date of the start in the theater's time zone"),
  time: z.string().describe('Local start time HH:MM'),
  startsAt: timestamp,
  endsAt: timestamp,
  busyUntil: timestamp.describe('End of the cleaning time after it'),
  format: z.enum(SHOWTIME_FORMATS),
  sourceShowtimeId: z.number().int().nullable().describe('For a copy: the showtime copied'),
  status: z
    .enum(['ok', 'conflict', 'created'])
    .describe('ok: free (dry run); created: saved; conflict: not saved, see conflict'),
  showtimeId: z.number().int().nullable().describe('The new showtime, once created'),
  conflict: z
    .object({
      showtimeId: z
        .number()
        .int()
        .nullable()
        .describe('The scheduled showtime in the way (null: another of this plan)'),
      movieTitle: z.string(),
      startsAt: timestamp,
      busyUntil: timestamp,
    })
    .nullable(),
});
export type PlannedShowtime = z.infer<typeof plannedShowtime>;

export const schedulePlan = z.object({
  dryRun: z.boolean(),
  items: z.array(plannedShowtime),
  created: z.number().int().describe('How many were saved (0 on a dry run)'),
  conflicts: z.number().int(),
});
export type SchedulePlan = z.infer<typeof schedulePlan>;

const dryRun = z
  .boolean()
  .default(false)
  .describe('true: only list what would be scheduled and every conflict; nothing is saved');

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
  /**
   * Schedule a film on a screen at the same times every day of a date range (optionally only some
   * weekdays). Each start is checked against the screen's showtimes and the plan's own, cleaning time
   * included; the free ones are saved in one transaction and every conflict is listed by name.
   */
  'showtimes.bulkCreate': op({
    summary: 'Schedule a film at fixed times over a date range',
    tag: 'Showtimes',
    input: z
      .object({
        movieId: id,
        screenId: id,
        from: localDate.describe('First local date'),
        to: localDate.describe('Last local date (inclusive)'),
        times: z.array(clockTime).min(1).max(12).describe('Local start times, e.g. ["14:00", "17:30", "21:00"]'),
        weekdays: z
          .array(z.number().int().min(1).max(7))
          .min(1)
          .max(7)
          .optional()
          .describe('ISO weekdays (default: every day)'),
        format: z.enum(SHOWTIME_FORMATS).default('2D'),
        language: requiredText(40).optional(),
        trailerMinutes: z.number().int().min(0).max(60).optional(),
        dryRun,
      })
      .superRefine((value, ctx) => {
        if (value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
        const days = (Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`)) / 86_400_000;
        if (days > 62) ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 63 days at once' });
        if (new Set(value.times).size !== value.times.length)
          ctx.addIssue({ code: 'custom', path: ['times'], message: 'lists a time twice' });
      }),
    output: schedulePlan,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/showtimes/bulk' },
  }),
  /**
   * Copy the showtimes of one day (or several days) of a theater, or of one of its screens, to the same
   * screens and local times starting on another date; conflicts are listed and the rest saved together.
   */
  'showtimes.copy': op({
    summary: 'Copy a day or a week of showtimes',
    tag: 'Showtimes',
    input: z.object({
      theaterId: id,
      screenId: id.optional().describe('Only this screen (default: every screen of the theater)'),
      fromDate: localDate.describe('First local date copied'),
      toDate: localDate.describe('Where the first copied day lands'),
      days: z.number().int().min(1).max(7).default(1).describe('1 copies a day, 7 a week'),
      dryRun,
    }),
    output: schedulePlan,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/showtimes/copy' },
  }),
  /** Move or change a showtime that has no sales yet; with dryRun, only check (409 names what is in the way). */
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
      dryRun: z.boolean().default(false).describe('true: answer the showtime as it would be, saving nothing'),
    }),
    output: showtime,
    access: ['admin', 'manager'],
    rest: { method: 'PATCH', path: '/showtimes/{showtimeId}' },
  }),
  /**
   * Cancel a showtime that has no live bookings. With bookings it is 409 showtime_has_sales naming them:
   * refund or exchange each (bookings.cancel, bookings.exchange) first, then cancel.
   */
  'showtimes.cancel': op({
    summary: 'Cancel a showtime',
    tag: 'Showtimes',
    input: z.object({ showtimeId: id }),
    output: noContent,
    access: ['admin', 'manager'],
    rest: { method: 'DELETE', path: '/showtimes/{showtimeId}', status: 204 },
  }),
};
