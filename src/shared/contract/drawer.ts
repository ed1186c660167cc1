/**
 * The cash drawer: shifts (open with a float, close with a count), cash movements during a shift and the
 * Z-reports. A drawer's expected cash is always float + cash sales − cash refunds − drops − pay-outs +
 * pay-ins, every term the sum of its records. Money is in minor units with its `currency`.
 */
import { z } from 'zod';
import { cursor, id, limit, localDate, op, page, requiredText, timestamp } from './_prelude';

const STAFF = ['admin', 'manager', 'cashier'] as const;
const MANAGERS = ['admin', 'manager'] as const;

const cash = z.number().int('must be whole minor units').min(0).max(100_000_000);
const positiveCash = z
  .number()
  .int('must be whole minor units (1250 = 12.50)')
  .positive('must be more than zero')
  .max(100_000_000);

/** One line of a count by denomination: `value` in minor units (a note or coin of the shift's currency). */
export const denominationCount = z.object({
  value: z.number().int().positive().max(10_000_000).describe('The note or coin, in minor units (5000 = 50.00)'),
  count: z.number().int().min(0).max(100_000).describe('How many of it are in the drawer'),
});

export const shift = z.object({
  id: z.number().int(),
  userId: z.number().int().describe('The cashier whose drawer it is'),
  theaterId: z.number().int().nullable().describe('null only for shifts opened before drawers had a theater'),
  currency: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  openedAt: timestamp,
  closedAt: timestamp.nullable(),
  openingFloat: z.number().int(),
  cashSales: z.number().int(),
  cashRefunds: z.number().int(),
  drops: z.number().int().describe('Cash taken to the safe'),
  payOuts: z.number().int().describe('Petty cash paid out'),
  payIns: z.number().int().describe('Cash added to the drawer (not sales)'),
  expectedCash: z
    .number()
    .int()
    .describe('Float + cash sales − cash refunds − drops − pay-outs + pay-ins (frozen at close)'),
  countedCash: z.number().int().nullable(),
  countedDenominations: z.array(denominationCount).nullable().describe('The count by denomination, when given'),
  variance: z.number().int().nullable().describe('Counted − expected (negative: the drawer is short)'),
  payments: z.number().int().describe('Cash payments taken'),
  denominations: z
    .array(z.object({ value: z.number().int(), kind: z.enum(['note', 'coin']) }))
    .nullable()
    .describe("The currency's notes and coins, largest first, for counting (null: count a single total)"),
  reopenedAt: timestamp.nullable(),
  reopenedBy: z.number().int().nullable(),
  reopenReason: z.string().nullable(),
});

export const openShiftInput = z.object({
  openingFloat: cash,
  theaterId: id
    .optional()
    .describe("The theater whose drawer this is (default: the caller's only theater, or the only theater)"),
});

export const closeShiftInput = z
  .object({
    shiftId: id,
    countedCash: cash.optional().describe('The counted total (or give `denominations`)'),
    denominations: z
      .array(denominationCount)
      .min(1)
      .max(40)
      .optional()
      .describe("The count by denomination, in the shift's currency (its total is the counted cash)"),
  })
  .refine((value) => value.countedCash !== undefined || value.denominations !== undefined, {
    message: 'give countedCash or denominations',
    path: ['countedCash'],
  });

export const MOVEMENT_KINDS = ['drop', 'payout', 'payin'] as const;

export const cashMovement = z.object({
  id: z.number().int(),
  shiftId: z.number().int(),
  kind: z.enum(MOVEMENT_KINDS).describe('drop: to the safe; payout: petty cash paid out; payin: cash added'),
  amount: z.number().int(),
  currency: z.string().nullable(),
  reason: z.string().nullable(),
  createdBy: z.number().int().describe('The user who recorded it'),
  createdAt: timestamp,
});

const moneyByMethod = z.object({ cash: z.number().int(), card: z.number().int(), external: z.number().int() });

export const zReport = z.object({
  scope: z.enum(['shift', 'day']),
  theaterId: z.number().int().nullable(),
  date: z.string().nullable().describe("The theater's local date (day reports)"),
  from: timestamp,
  to: timestamp.describe('End of the period (now for a shift still open)'),
  currency: z.string().nullable(),
  shiftIds: z.array(z.number().int()),
  openShifts: z.number().int().describe('Shifts still open: counted and variance cover only the closed ones'),
  openingFloat: z.number().int(),
  sales: moneyByMethod.describe('Cash, card (card-present) and external payments taken'),
  refunds: moneyByMethod.describe('Refunds by the way they were paid back'),
  drops: z.number().int(),
  payOuts: z.number().int(),
  payIns: z.number().int(),
  expectedCash: z.number().int(),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  tickets: z.object({ sold: z.number().int(), refunded: z.number().int() }),
  generatedAt: timestamp,
});

export const drawerOperations = {
  /**
   * Shifts, newest first: a cashier sees their own, a manager their theaters', an admin all (filter by
   * theater and status, e.g. the closed shifts a manager may reopen).
   */
  'shifts.list': op({
    summary: 'List shifts',
    tag: 'Shifts',
    input: z.object({ theaterId: id.optional(), status: z.enum(['open', 'closed']).optional(), limit, cursor }),
    output: page(shift),
    access: STAFF,
    rest: { method: 'GET', path: '/shifts' },
  }),
  /**
   * Record cash leaving or entering an open drawer: a drop to the safe or a pay-out (reason required),
   * neither more than the cash expected in the drawer; or a pay-in (reason required).
   */
  'shifts.movements.create': op({
    summary: 'Record a drop, pay-out or pay-in',
    tag: 'Shifts',
    input: z.object({
      shiftId: id,
      kind: z.enum(MOVEMENT_KINDS),
      amount: positiveCash,
      reason: requiredText(200).optional().describe('Required for pay-outs and pay-ins'),
    }),
    output: cashMovement.extend({
      expectedCashAfter: z.number().int().describe("The drawer's expected cash right after this movement"),
    }),
    access: STAFF,
    rest: { method: 'POST', path: '/shifts/{shiftId}/movements', status: 201 },
    idempotent: true,
  }),
  /** A shift's drops, pay-outs and pay-ins, oldest first. */
  'shifts.movements.list': op({
    summary: "List a shift's cash movements",
    tag: 'Shifts',
    input: z.object({ shiftId: id }),
    output: z.object({ items: z.array(cashMovement) }),
    access: STAFF,
    rest: { method: 'GET', path: '/shifts/{shiftId}/movements' },
  }),
  /** Reopen a closed shift (a manager of its theater, or an admin), with a reason; audited. */
  'shifts.reopen': op({
    summary: 'Reopen a closed shift',
    tag: 'Shifts',
    input: z.object({ shiftId: id, reason: requiredText(200) }),
    output: shift,
    access: MANAGERS,
    rest: { method: 'POST', path: '/shifts/{shiftId}/reopen' },
  }),
  /** The Z-report of one shift: its float, takings by method, refunds, movements, count and tickets. */
  'reports.zShift': op({
    summary: 'Z-report of a shift',
    tag: 'Reports',
    input: z.object({ shiftId: id }),
    output: zReport,
    access: STAFF,
    rest: { method: 'GET', path: '/shifts/{shiftId}/z-report' },
  }),
  /** The Z-report of a theater's day (its time zone): every shift opened that day and the day's takings. */
  'reports.zDay': op({
    summary: 'Z-report of a day',
    tag: 'Reports',
    input: z.object({ theaterId: id, date: localDate }),
    output: zReport,
    access: MANAGERS,
    rest: { method: 'GET', path: '/reports/z' },
  }),
};
