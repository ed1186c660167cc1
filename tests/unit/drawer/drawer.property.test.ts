/**
 * Random sequences of cash sales, refunds, drops, pay-outs, pay-ins, closes, reopens and new shifts on one
 * cashier's drawer, checking after every step, for every shift ever opened, that:
 * - the expected cash the drawer reports equals float + Σ cash payments − Σ cash refunds − Σ drops −
 *   Σ pay-outs + Σ pay-ins, summed straight from the records in the database;
 * - it equals a model kept by the test, and a closed shift's variance is counted − expected;
 * - it is never below zero: a drop, pay-out or refund of more than the drawer holds is refused with
 *   `not_enough_cash` and records nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/contract/errors';
import type { Actor } from '../../../src/main/core/actor';
import { ManualClock } from '../../../src/main/core/clock';
import { createTestCore, seedShowtime, simpleLayout, type TestCore } from '../../support/harness';

type Step =
  | { kind: 'sale'; tickets: number; extra: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'drop' | 'payout' | 'payin'; amount: number }
  | { kind: 'close'; delta: number }
  | { kind: 'reopen' }
  | { kind: 'open'; float: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      tickets: fc.integer({ min: 1, max: 3 }),
      extra: fc.nat(2000),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(30) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('drop' as const, 'payout' as const, 'payin' as const),
      amount: fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 20000 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('close' as const), delta: fc.integer({ min: -500, max: 500 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('open' as const), float: fc.nat(5000) }) },
);

/** Each shift's expected cash summed from the raw records, with its float and frozen expected. */
function fromRecords(t: TestCore) {
  return t.core.database.sqlite
    .prepare(
      `SELECT s.id, s.closed_at AS closedAt, s.counted_cash AS counted, s.expected_cash AS frozen,
              s.opening_float
              + (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE shift_id = s.id AND method = 'cash' AND status IN ('succeeded','refunded'))
              - (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE shift_id = s.id AND method = 'cash')
              - (SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE shift_id = s.id AND kind IN ('drop','payout'))
              + (SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE shift_id = s.id AND kind = 'payin') AS summed
       FROM shifts s ORDER BY s.id`,
    )
    .all() as { id: number; closedAt: number | null; counted: number | null; frozen: number | null; summed: number }[];
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe('the cash drawer under random sequences', () => {
  it("expected cash always equals the sum of the drawer's records and never goes below zero", async () => {
    const done: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), fc.nat(5000), async (steps, float) => {
        const t = await createTestCore({ clock: new ManualClock(Date.parse('2026-11-28T09:00:00Z')) });
        try {
          const { showtime, theater } = await seedShowtime(t, { layout: simpleLayout(10, 12) });
          const till = await t.call('users.create', {
            username: 'till',
            password: 'password-1234',
            role: 'cashier',
            theaterIds: [theater.id],
          });
          const boss = await t.call('users.create', {
            username: 'boss',
            password: 'password-1234',
            role: 'manager',
            theaterIds: [theater.id],
          });
          const cashier: Actor = {
            kind: 'user',
            id: till.id,
            username: 'till',
            role: 'cashier',
            theaterIds: [theater.id],
            sessionId: 1,
          };
          const manager: Actor = {
            kind: 'user',
            id: boss.id,
            username: 'boss',
            role: 'manager',
            theaterIds: [theater.id],
            sessionId: 2,
          };

          const model = new Map<number, number>(); // shift id → expected cash
          let current: number | null = (await t.call('shifts.open', { openingFloat: float }, cashier)).id;
          let lastClosed: number | null = null;
          model.set(current, float);
          const paid: { id: number; total: number }[] = [];

          for (const s of steps) {
            const before = fromRecords(t);
            let outcome = 'ok';
            if (s.kind === 'sale') {
              const hold = await t
                .call('holds.create', { showtimeId: showtime.id, quantity: s.tickets }, cashier)
                .catch(() => null);
              if (!hold) continue;
              const booking = await t.call(
                'bookings.create',
                { holdId: hold.id, tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })) },
                cashier,
              );
              const code = await codeOf(
                t.call(
                  'payments.create',
                  { bookingId: booking.id, method: 'cash', amount: booking.total, tendered: booking.total + s.extra },
                  cashier,
                ),
              );
              if (current === null) expect(code).toBe('no_open_shift');
              else {
                expect(code).toBeNull();
                model.set(current, model.get(current)! + booking.total);
                paid.push({ id: booking.id, total: booking.total });
              }
              outcome = code ?? 'ok';
            } else if (s.kind === 'refund') {
              if (paid.length === 0) continue;
              const [booking] = paid.splice(s.pick % paid.length, 1);
              const code = await codeOf(t.call('bookings.cancel', { bookingId: booking!.id }, cashier));
              if (current === null) expect(code).toBe('no_open_shift');
              else if (booking!.total > model.get(current)!) expect(code).toBe('not_enough_cash');
              else {
                expect(code).toBeNull();
                model.set(current, model.get(current)! - booking!.total);
              }
              if (code !== null) paid.push(booking!);
              outcome = code ?? 'ok';
            } else if (s.kind === 'drop' || s.kind === 'payout' || s.kind === 'payin') {
              if (current === null) continue;
              const code = await codeOf(
                t.call(
                  'shifts.movements.create',
                  { shiftId: current, kind: s.kind, amount: s.amount, reason: 'Random' },
                  cashier,
                ),
              );
              if (s.kind !== 'payin' && s.amount > model.get(current)!) expect(code).toBe('not_enough_cash');
              else {
                expect(code).toBeNull();
                model.set(current, model.get(current)! + (s.kind === 'payin' ? s.amount : -s.amount));
              }
              outcome = code ?? 'ok';
            } else if (s.kind === 'close') {
              if (current === null) continue;
              const counted = Math.max(0, model.get(current)! + s.delta);
              const closed = await t.call('shifts.close', { shiftId: current, countedCash: counted }, cashier);
              expect(closed.expectedCash).toBe(model.get(current));
              expect(closed.variance).toBe(counted - model.get(current)!);
              lastClosed = current;
              current = null;
            } else if (s.kind === 'reopen') {
              if (current !== null || lastClosed === null) continue;
              const reopened = await t.call('shifts.reopen', { shiftId: lastClosed, reason: 'Recount' }, manager);
              expect(reopened.expectedCash).toBe(model.get(lastClosed));
              current = lastClosed;
              lastClosed = null;
            } else if (s.kind === 'open') {
              if (current !== null) continue;
              current = (await t.call('shifts.open', { openingFloat: s.float }, cashier)).id;
              model.set(current, s.float);
            }
            done[`${s.kind}:${outcome}`] = (done[`${s.kind}:${outcome}`] ?? 0) + 1;

            const after = fromRecords(t);
            if (outcome !== 'ok') expect(after).toEqual(before); // a refused step records nothing
            for (const row of after) {
              const reported = await t.call('shifts.get', { shiftId: row.id }, manager);
              expect(reported.expectedCash).toBe(row.summed);
              expect(reported.expectedCash).toBe(model.get(row.id));
              expect(reported.expectedCash).toBeGreaterThanOrEqual(0);
              if (row.closedAt !== null) {
                expect(row.frozen).toBe(row.summed);
                expect(reported.variance).toBe(row.counted! - row.summed);
              }
              expect(
                reported.openingFloat +
                  reported.cashSales -
                  reported.cashRefunds -
                  reported.drops -
                  reported.payOuts +
                  reported.payIns,
              ).toBe(reported.expectedCash);
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 15, seed: 20261128 },
    );
    // The property must not pass vacuously: refusals and successes of each kind happened.
    for (const kind of [
      'sale:ok',
      'refund:ok',
      'drop:ok',
      'drop:not_enough_cash',
      'payout:ok',
      'payin:ok',
      'close:ok',
      'reopen:ok',
    ])
      expect(done[kind] ?? 0, kind).toBeGreaterThan(0);
  }, 240_000);
});
