/**
 * The cash drawer. A cashier opens a shift on their drawer with a float; cash payments and cash refunds
 * (recorded by the payments module, which owns those tables) name the shift whose drawer the money went
 * into or came out of. A drawer's expected cash is never stored while the shift is open: it is computed
 * from its records, so it always equals their sum. Closing freezes the expected, counted and variance.
 */
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import type { Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import * as q from './drawer.queries';

type ShiftOut = OutputOf<'shifts.get'>;

const iso = (ms: number) => toOffsetIso(ms, 'UTC');

/** What the payments module tells the drawer about the cash it recorded against a shift. */
export interface CashLedger {
  cashTotals(db: Db, shiftId: number): Promise<{ sales: number; refunds: number; payments: number }>;
}

export class DrawerService {
  /** Set at wiring: the payments module, which owns the cash payment and refund records. */
  ledger: CashLedger | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  // ---- for the payments module (inside its transactions) -------------------------------------------

  /** The id of the actor's open shift, whose drawer takes their cash; null when they have none. */
  async openShiftId(trx: Db, actor: Actor): Promise<number | null> {
    if (actor.kind !== 'user') return null;
    const shift = await q.openShiftOf(trx, actor.id);
    return shift?.id ?? null;
  }

  // ---- shifts -------------------------------------------------------------------------------------

  async openShift(input: ParsedInputOf<'shifts.open'>, ctx: CallContext): Promise<ShiftOut> {
    const userId = requireUser(ctx.actor);
    const now = this.clock.now();
    try {
      const id = await writeTransaction(this.db, async (trx) => {
        if (await q.openShiftOf(trx, userId)) throw new DomainError('shift_already_open');
        const shiftId = await q.insertShift(trx, userId, input.openingFloat, now);
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'shift.open',
          entity: 'shift',
          entityId: shiftId,
          data: input,
        });
        return shiftId;
      });
      return this.shift(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('shift_already_open');
      throw error;
    }
  }

  async currentShift(ctx: CallContext): Promise<ShiftOut> {
    const shift = await q.openShiftOf(this.db, requireUser(ctx.actor));
    if (!shift) throw new DomainError('not_found', 'You have no open shift.');
    return this.shift(shift.id);
  }

  async getShift(shiftId: number, ctx: CallContext): Promise<ShiftOut> {
    const shift = await q.findShift(this.db, shiftId);
    if (!shift || !mayManageShift(ctx.actor, shift)) throw new DomainError('not_found', 'Shift not found.');
    return this.shift(shift.id);
  }

  async closeShift(input: ParsedInputOf<'shifts.close'>, ctx: CallContext): Promise<ShiftOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const shift = await q.findShift(trx, input.shiftId);
      if (!shift || !mayManageShift(ctx.actor, shift)) throw new DomainError('not_found', 'Shift not found.');
      if (shift.closed_at !== null) throw new DomainError('shift_closed');
      const totals = await this.cashTotals(trx, shift.id);
      const expected = shift.opening_float + totals.sales - totals.refunds;
      await q.closeShift(trx, shift.id, {
        counted: input.countedCash,
        expected,
        by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'shift.close',
        entity: 'shift',
        entityId: shift.id,
        data: { counted: input.countedCash, expected },
      });
    });
    return this.shift(input.shiftId);
  }

  private cashTotals(db: Db, shiftId: number) {
    if (!this.ledger) throw new Error('drawer: no cash ledger wired');
    return this.ledger.cashTotals(db, shiftId);
  }

  private async shift(id: number): Promise<ShiftOut> {
    const shift = await q.findShift(this.db, id);
    if (!shift) throw new DomainError('not_found', 'Shift not found.');
    const totals = await this.cashTotals(this.db, id);
    const expected = shift.expected_cash ?? shift.opening_float + totals.sales - totals.refunds;
    return {
      id: shift.id,
      userId: shift.user_id,
      openedAt: iso(shift.opened_at),
      closedAt: shift.closed_at === null ? null : iso(shift.closed_at),
      openingFloat: shift.opening_float,
      cashSales: totals.sales,
      cashRefunds: totals.refunds,
      expectedCash: expected,
      countedCash: shift.counted_cash,
      variance: shift.counted_cash === null ? null : shift.counted_cash - expected,
      payments: totals.payments,
    };
  }
}

function requireUser(actor: Actor): number {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Shifts belong to staff accounts, not API keys.');
  return actor.id;
}

/** A shift is its cashier's; managers and admins may see and close anyone's. */
function mayManageShift(actor: Actor, shift: q.ShiftRow): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'admin' || actor.role === 'manager') return true;
  return actor.kind === 'user' && actor.id === shift.user_id;
}
