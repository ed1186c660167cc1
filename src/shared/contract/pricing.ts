import { z } from 'zod';
import { SEAT_TYPES, SHOWTIME_FORMATS } from '../domain/seat-types';
import { id, op, requiredText } from './_prelude';

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
    input: z
      .object({
        theaterId: id,
        vatRateBasisPoints: z.number().int().min(0).max(10_000),
        ticketTypes: z.array(ticketTypeDef).min(1).max(20),
        rules: z.array(priceRule).max(100).default([]),
      })
      .superRefine((value, ctx) => {
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
      }),
    output: priceList,
    access: ['admin', 'manager'],
    rest: { method: 'PUT', path: '/theaters/{theaterId}/prices' },
  }),
};
