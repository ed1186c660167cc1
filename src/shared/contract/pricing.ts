import { z } from 'zod';
import { SEAT_TYPES, SHOWTIME_FORMATS } from '../domain/seat-types';
import { id, op, requiredText, timestamp } from './_prelude';

export const ticketTypeCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, dash or underscore');

const amount = z.number().int('must be whole minor units (1250 = 12.50)');
const minuteOfDay = z.number().int().min(0).max(1440);

export const ticketTypeDef = z.object({
  code: ticketTypeCode,
  name: requiredText(40),
  basePrice: amount.min(0).max(1_000_000),
  active: z.boolean().default(true),
});

/** Monday = 1 … Sunday = 7 (ISO weekday). */
export const weekday = z.number().int().min(1).max(7);

export const priceRule = z
  .object({
    name: requiredText(60),
    ticketType: ticketTypeCode.nullable().default(null).describe('Only this ticket type (null: all)'),
    seatType: z.enum(SEAT_TYPES).nullable().default(null),
    format: z.enum(SHOWTIME_FORMATS).nullable().default(null),
    days: z.array(weekday).min(1).max(7).nullable().default(null).describe('ISO weekdays, local to the theater'),
    fromMinute: minuteOfDay.nullable().default(null).describe('Start time of day (minutes after midnight), inclusive'),
    toMinute: minuteOfDay.nullable().default(null).describe('End time of day, exclusive'),
    adjustment: amount.min(-1_000_000).max(1_000_000).describe('Added to the base price (negative for a discount)'),
  })
  .refine((rule) => (rule.fromMinute === null) === (rule.toMinute === null), {
    message: 'fromMinute and toMinute go together',
    path: ['toMinute'],
  });

export const priceList = z.object({
  theaterId: z.number().int(),
  currency: z.string(),
  vatRateBasisPoints: z.number().int().describe('VAT or sales tax included in prices, in basis points (2000 = 20%)'),
  ticketTypes: z.array(ticketTypeDef.extend({ active: z.boolean() })),
  rules: z.array(
    z.object({
      name: z.string(),
      ticketType: z.string().nullable(),
      seatType: z.enum(SEAT_TYPES).nullable(),
      format: z.enum(SHOWTIME_FORMATS).nullable(),
      days: z.array(z.number().int()).nullable(),
      fromMinute: z.number().int().nullable(),
      toMinute: z.number().int().nullable(),
      adjustment: z.number().int(),
    }),
  ),
});
export type PriceList = z.infer<typeof priceList>;

/** Checks across a price list's parts: codes unique, rules naming a ticket type of the list. */
function checkListConsistency(
  value: { ticketTypes: { code: string }[]; rules: { ticketType: string | null }[] },
  ctx: z.RefinementCtx,
): void {
  const codes = new Set<string>();
  value.ticketTypes.forEach((type, index) => {
    if (codes.has(type.code))
      ctx.addIssue({
        code: 'custom',
        path: ['ticketTypes', index, 'code'],
        message: `${type.code} appears twice`,
      });
    codes.add(type.code);
  });
  value.rules.forEach((rule, index) => {
    if (rule.ticketType !== null && !codes.has(rule.ticketType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'ticketType'],
        message: `${rule.ticketType} is not a ticket type of this list`,
      });
    }
  });
}

/** The editable parts of a price list; ticket types in the order the counter shows them. */
const priceListFields = {
  vatRateBasisPoints: z.number().int().min(0).max(10_000),
  ticketTypes: z.array(ticketTypeDef).min(1).max(20).describe('In the order the counter and kiosk list them'),
  rules: z.array(priceRule).max(100).default([]),
};

export const priceListDraft = z.object(priceListFields).superRefine(checkListConsistency);

const pricedCell = z.object({
  seatType: z.enum(SEAT_TYPES),
  price: z.number().int().describe('Tax-inclusive price in minor units'),
  tax: z.number().int().describe('The VAT part of the price'),
  net: z.number().int().describe('price − tax'),
});

export const pricePreview = z.object({
  theaterId: z.number().int(),
  showtimeId: z.number().int().nullable(),
  currency: z.string(),
  startsAt: timestamp,
  localDate: z.string(),
  localTime: z.string().describe("HH:MM in the theater's time zone"),
  weekday: z.number().int().describe('ISO weekday, Monday = 1'),
  format: z.enum(SHOWTIME_FORMATS),
  vatRateBasisPoints: z.number().int(),
  seatTypes: z.array(z.enum(SEAT_TYPES)),
  ticketTypes: z.array(z.object({ code: z.string(), name: z.string(), cells: z.array(pricedCell) })),
  rulesApplied: z.array(z.string()).describe('Names of the rules that match this time and format'),
});
export type PricePreview = z.infer<typeof pricePreview>;

export const pricingOperations = {
  /** A theater's ticket types, price rules and tax rate. */
  'pricing.get': op({
    summary: "Get a theater's price list",
    tag: 'Pricing',
    input: z.object({ theaterId: id }),
    output: priceList,
    access: 'public',
    rest: { method: 'GET', path: '/theaters/{theaterId}/prices' },
  }),
  /** Replace a theater's price list as a whole (ticket types may be deactivated, not removed, once sold). */
  'pricing.set': op({
    summary: "Replace a theater's price list",
    tag: 'Pricing',
    input: z.object({ theaterId: id, ...priceListFields }).superRefine(checkListConsistency),
    output: priceList,
    access: ['admin', 'manager'],
    rest: { method: 'PUT', path: '/theaters/{theaterId}/prices' },
  }),
  /**
   * The price of every active ticket type on every seat type for a showtime (or a theater, time and
   * format), computed by the code that prices bookings; from the saved list, or from an unsaved draft.
   */
  'pricing.preview': op({
    summary: 'Preview the price grid of a showtime',
    tag: 'Pricing',
    input: z
      .object({
        showtimeId: id.optional().describe('Price this showtime (its theater, start and format)'),
        theaterId: id.optional().describe('Without a showtime: the theater'),
        startsAt: timestamp.optional().describe('Without a showtime: the start'),
        format: z.enum(SHOWTIME_FORMATS).optional().describe('Without a showtime: the format (default 2D)'),
        draft: priceListDraft.optional().describe('An unsaved price list to price with instead of the saved one'),
      })
      .superRefine((value, ctx) => {
        if (value.showtimeId !== undefined) {
          for (const key of ['theaterId', 'startsAt', 'format'] as const) {
            if (value[key] !== undefined)
              ctx.addIssue({ code: 'custom', path: [key], message: 'give either a showtime or a theater and time' });
          }
        } else {
          if (value.theaterId === undefined)
            ctx.addIssue({ code: 'custom', path: ['theaterId'], message: 'is required without a showtimeId' });
          if (value.startsAt === undefined)
            ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'is required without a showtimeId' });
        }
      }),
    output: pricePreview,
    access: ['admin', 'manager'],
    rest: { method: 'POST', path: '/pricing/preview' },
  }),
};
