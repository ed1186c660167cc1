import { z } from 'zod';
import { id, localDate, op } from './_prelude';

const figures = {
  tickets: z.number().int().describe('Tickets sold (bookings paid in full) that day'),
  gross: z.number().int().describe('Value of those tickets, in minor units'),
  refunds: z.number().int().describe('Money given back that day (counted on the day of the refund)'),
  net: z.number().int().describe('gross − refunds'),
};

export const salesReport = z.object({
  theaterId: z.number().int(),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.object({ date: z.string(), ...figures })),
  films: z.array(z.object({ movieId: z.number().int(), title: z.string(), ...figures })),
  totals: z.object(figures),
});
export type SalesReport = z.infer<typeof salesReport>;

export const MAX_REPORT_DAYS = 366;

export const reportsOperations = {
  /** Sales per local day and per film of one theater: tickets and gross by sale day, refunds by refund day. */
  'reports.sales': op({
    summary: 'Sales report',
    tag: 'Reports',
    input: z
      .object({ from: localDate, to: localDate, theaterId: id })
      .refine((value) => value.from <= value.to, { message: 'must not be before from', path: ['to'] }),
    output: salesReport,
    access: ['admin', 'manager'],
    rest: { method: 'GET', path: '/reports/sales' },
  }),
};
