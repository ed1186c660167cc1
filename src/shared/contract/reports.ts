import { z } from 'zod';
import { id, localDate, op, timestamp } from './_prelude';

const figures = {
  tickets: z.number().int().describe('Tickets sold (bookings paid in full) that day'),
  refundedTickets: z.number().int().describe('Tickets refunded (counted on the day of the refund)'),
  gross: z.number().int().describe('Value of the tickets sold, in minor units (VAT included)'),
  refunds: z.number().int().describe('Money given back (counted on the day of the refund)'),
  net: z.number().int().describe('gross − refunds'),
  tax: z.number().int().describe('VAT included in net (VAT of sales − VAT of refunds)'),
};
const figuresObject = z.object(figures);
export type SalesFigures = z.infer<typeof figuresObject>;

export const SALES_METHODS = ['cash', 'card_present', 'external', 'exchange', 'split', 'none'] as const;

export const salesReport = z.object({
  theaterId: z.number().int(),
  theaterName: z.string(),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ date: z.string(), ...figures })),
  films: z.array(z.object({ movieId: z.number().int(), title: z.string(), ...figures })),
  screens: z.array(z.object({ screenId: z.number().int(), name: z.string(), ...figures })),
  ticketTypes: z.array(z.object({ code: z.string(), name: z.string(), ...figures })),
  channels: z.array(z.object({ channel: z.string().describe('counter, kiosk, api or web'), ...figures })),
  methods: z.array(
    z.object({
      method: z
        .string()
        .describe(
          'cash, card_present, external, exchange (paid by an exchanged booking), split (several), none (free)',
        ),
      ...figures,
    }),
  ),
  totals: figuresObject,
});
export type SalesReport = z.infer<typeof salesReport>;

export const distributorReport = z.object({
  theaterId: z.number().int(),
  theaterName: z.string(),
  movieId: z.number().int(),
  title: z.string(),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  showtimes: z.array(
    z.object({
      showtimeId: z.number().int(),
      startsAt: timestamp,
      date: z.string(),
      time: z.string().describe('Local start time HH:MM'),
      screenId: z.number().int(),
      screenName: z.string(),
      status: z.enum(['scheduled', 'cancelled']),
      admissions: z.number().int().describe('Tickets sold less tickets refunded'),
      gross: z.number().int().describe('Box-office gross after refunds, VAT included'),
      vat: z.number().int(),
      netOfVat: z.number().int().describe('gross − VAT: what film rental is computed from'),
    }),
  ),
  totals: z.object({
    admissions: z.number().int(),
    gross: z.number().int(),
    vat: z.number().int(),
    netOfVat: z.number().int(),
  }),
});
export type DistributorReport = z.infer<typeof distributorReport>;

const sofar = z.object({
  tickets: z.number().int(),
  gross: z.number().int().describe('Value of the tickets sold, minor units'),
});

export const dashboard = z.object({
  theaterId: z.number().int(),
  theaterName: z.string(),
  currency: z.string(),
  date: z.string().describe("Today in the theater's time zone"),
  asOf: timestamp,
  today: sofar.extend({ refunds: z.number().int() }),
  lastWeek: sofar.extend({ date: z.string().describe('The same weekday a week ago, up to the same time of day') }),
  shows: z.array(
    z.object({
      showtimeId: z.number().int(),
      title: z.string(),
      screenName: z.string(),
      startsAt: timestamp,
      endsAt: timestamp,
      state: z.enum(['running', 'upcoming']),
      sold: z.number().int(),
      capacity: z.number().int(),
    }),
  ),
  openShifts: z.array(
    z.object({ id: z.number().int(), userId: z.number().int(), openedAt: timestamp, expectedCash: z.number().int() }),
  ),
  salesByDay: z.array(z.object({ date: z.string(), tickets: z.number().int(), net: z.number().int() })),
  salesByFilm: z.array(
    z.object({ movieId: z.number().int(), title: z.string(), tickets: z.number().int(), net: z.number().int() }),
  ),
  salesByHour: z.array(
    z.object({
      hour: z.number().int().min(0).max(23),
      tickets: z.number().int(),
      gross: z.number().int(),
      lastWeekTickets: z.number().int(),
      lastWeekGross: z.number().int(),
    }),
  ),
  occupancyByScreen: z.array(
    z.object({
      screenId: z.number().int(),
      name: z.string(),
      shows: z.number().int(),
      sold: z.number().int(),
      seats: z.number().int().describe('Seats offered: sellable seats × shows'),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboard>;

export const MAX_REPORT_DAYS = 366;
/** Days the dashboard's charts look back over, today included. */
export const DASHBOARD_DAYS = 14;
export const DASHBOARD_FILM_DAYS = 7;

const range = z
  .object({ from: localDate, to: localDate, theaterId: id })
  .refine((value) => value.from <= value.to, { message: 'must not be before from', path: ['to'] });

export const reportsOperations = {
  /**
   * Sales of one theater over local days: by day, film, screen, ticket type, channel and payment method;
   * tickets and gross by sale day, refunds by refund day, VAT; training payments are not sales.
   */
  'reports.sales': op({
    summary: 'Sales report',
    tag: 'Reports',
    input: range,
    output: salesReport,
    access: ['admin', 'manager'],
    rest: { method: 'GET', path: '/reports/sales' },
  }),
  /** Distributor report: one film's admissions and box-office gross (and net of VAT) per showtime in a range of show dates. */
  'reports.distributor': op({
    summary: 'Distributor report',
    tag: 'Reports',
    input: z
      .object({ from: localDate, to: localDate, theaterId: id, movieId: id })
      .refine((value) => value.from <= value.to, { message: 'must not be before from', path: ['to'] }),
    output: distributorReport,
    access: ['admin', 'manager'],
    rest: { method: 'GET', path: '/reports/distributor' },
  }),
  /** Today at a glance and the charts of the admin dashboard, every figure computed by the server. */
  'reports.dashboard': op({
    summary: 'Dashboard',
    tag: 'Reports',
    input: z.object({ theaterId: id }),
    output: dashboard,
    access: ['admin', 'manager'],
    rest: { method: 'GET', path: '/reports/dashboard' },
  }),
};
