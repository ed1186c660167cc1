/**
 * The cash drawer. A cashier opens a shift on their drawer with a float, at a theater (whose currency the
 * drawer holds and whose managers oversee it). Cash payments and cash refunds are recorded by the payments
 * module (it owns those tables) against the shift whose drawer the money went into or came out of; drops
 * to the safe, pay-outs and pay-ins are this module's own records. Invariants:
 * - expected cash = float + cash sales − cash refunds − drops − pay-outs + pay-ins, each term the sum of
 *   its records; it is computed, never kept, while the shift is open, and frozen (unchanged) at close;
 * - a drop or pay-out never takes the expected cash below zero (checked inside the write transaction);
 * - only an open shift takes cash or movements; a closed one is reopened only by a manager of its theater
 *   or an admin, with a reason, and the count it had is kept in the audit log.
 */
import { DomainError, validationError, type FieldError } from '../../shared/contract/errors';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { countedTotal, denominationsOf } from '../../shared/domain/denominations';
import { localDayRange, toOffsetIso } from '../../shared/domain/time';
import { recordAudit } from '../audit/index';
import { actorRef, canManageTheater, type Actor } from '../core/actor';
import type { Clock } from '../core/clock';
import type { CallContext } from '../core/context';
import { decodeCursor, pageOf } from '../core/cursor';
import { isUniqueViolation, writeTransaction, type Db } from '../db/index';
import type { TheatersService } from '../theaters/index';
import * as q from './drawer.queries';

type ShiftOut = OutputOf<'shifts.get'>;
type MovementOut = OutputOf<'shifts.movements.list'>['items'][number];
type ZReport = OutputOf<'reports.zDay'>;
type ByMethod = ZReport['sales'];

export interface CashTotals {
  sales: number;
  refunds: number;
  payments: number;
}

/** What the payments module tells the drawer about the money it recorded (it owns those tables). */
export interface CashLedger {
  /** Cash taken and refunded through each shift's drawer. */
  cashTotals(db: Db, shiftIds: number[]): Promise<Map<number, CashTotals>>;
  /** Money taken and refunded in [from, to) by method, by who recorded it or by the booking's theater. */
  takings(
    db: Db,
    filter: { from: number; to: number; createdBy?: string; theaterId?: number },
  ): Promise<{ sales: ByMethod; refunds: ByMethod; refundedBookingIds: number[] }>;
}

/** Ticket counts for Z-reports (the booking module owns tickets). */
export interface TicketCounter {
  ticketCounts(filter: {
    from: number;
    to: number;
    theaterId?: number;
    createdBy?: string;
    refundedBookingIds?: number[];
  }): Promise<{ sold: number; refunded: number }>;
}

interface Figures extends q.MovementTotals, CashTotals {
  expected: number;
}

export class DrawerService {
  /** Set at wiring: the payments module, which owns the cash payment and refund records. */
  ledger: CashLedger | null = null;
  /** Set at wiring: the booking module, which owns tickets. */
  tickets: TicketCounter | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: { theaters: TheatersService },
  ) {}

  // ---- for the payments module (inside its transactions) -------------------------------------------

  /**
   * The id of the actor's open shift, whose drawer takes or pays out their cash; null when they have none.
   * A drawer holds one currency: cash of another is refused. A shift opened without a theater takes the
   * theater and currency of the first cash it handles. Cash paid out (`paysOut`, a refund) cannot be more
   * than the drawer is expected to hold.
   */
  async openShiftId(
    trx: Db,
    actor: Actor,
    cash: { currency: string; theaterId?: number; paysOut?: number },
  ): Promise<number | null> {
    if (actor.kind !== 'user') return null;
    const shift = await q.openShiftOf(trx, actor.id);
    if (!shift) return null;
    if (shift.currency === null) {
      if (cash.theaterId !== undefined) await q.adoptTheater(trx, shift.id, cash.theaterId, cash.currency);
    } else if (shift.currency !== cash.currency) {
      throw new DomainError('conflict', `Your drawer holds ${shift.currency}, not ${cash.currency}.`, {
        drawerCurrency: shift.currency,
      });
    }
    if (cash.paysOut !== undefined) {
      const expected = (await this.figures(trx, [shift])).get(shift.id)!.expected;
      if (cash.paysOut > expected) {
        throw new DomainError('not_enough_cash', `The drawer is expected to hold only ${expected}.`, {
          expectedCash: expected,
        });
      }
    }
    return shift.id;
  }

  // ---- shifts -------------------------------------------------------------------------------------

  async openShift(input: ParsedInputOf<'shifts.open'>, ctx: CallContext): Promise<ShiftOut> {
    const userId = requireUser(ctx.actor);
    const theaterId = await this.theaterForNewShift(input.theaterId, ctx.actor);
    const rules = theaterId === null ? null : await this.deps.theaters.salesRules(theaterId);
    const now = this.clock.now();
    try {
      const id = await writeTransaction(this.db, async (trx) => {
        if (await q.openShiftOf(trx, userId)) throw new DomainError('shift_already_open');
        const shiftId = await q.insertShift(trx, {
          userId,
          theaterId,
          currency: rules?.currency ?? null,
          openingFloat: input.openingFloat,
          at: now,
        });
        await recordAudit(trx, now, {
          actor: ctx.actor,
          action: 'shift.open',
          entity: 'shift',
          entityId: shiftId,
          data: { openingFloat: input.openingFloat, theaterId },
        });
        return shiftId;
      });
      return this.shift(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('shift_already_open');
      throw error;
    }
  }

  async listShifts(input: ParsedInputOf<'shifts.list'>, ctx: CallContext): Promise<OutputOf<'shifts.list'>> {
    const actor = ctx.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated');
    const before = decodeCursor(input.cursor, ['number']);
    let theaterIds: readonly number[] | undefined = input.theaterId === undefined ? undefined : [input.theaterId];
    let userId: number | undefined;
    if (actor.role === 'manager') {
      if (input.theaterId !== undefined && !actor.theaterIds.includes(input.theaterId))
        throw new DomainError('not_found', 'Theater not found.');
      theaterIds ??= actor.theaterIds;
    } else if (actor.role !== 'admin') {
      userId = requireUser(actor);
    }
    const rows = await q.listShifts(this.db, {
      userId,
      theaterIds,
      status: input.status,
      beforeId: before ? Number(before[0]) : undefined,
      limit: input.limit + 1,
    });
    const shown = await Promise.all(rows.slice(0, input.limit).map((row) => this.shift(row.id)));
    const byId = new Map(shown.map((item) => [item.id, item]));
    return pageOf(
      rows,
      input.limit,
      (row) => byId.get(row.id)!,
      (row) => [row.id],
    );
  }

  async currentShift(ctx: CallContext): Promise<ShiftOut> {
    const shift = await q.openShiftOf(this.db, requireUser(ctx.actor));
    if (!shift) throw new DomainError('not_found', 'You have no open shift.');
    return this.shift(shift.id);
  }

  async getShift(shiftId: number, ctx: CallContext): Promise<ShiftOut> {
    await this.visibleShift(this.db, shiftId, ctx.actor);
    return this.shift(shiftId);
  }

  async closeShift(input: ParsedInputOf<'shifts.close'>, ctx: CallContext): Promise<ShiftOut> {
    const now = this.clock.now();
    await writeTransaction(this.db, async (trx) => {
      const shift = await this.visibleShift(trx, input.shiftId, ctx.actor);
      if (shift.closed_at !== null) throw new DomainError('shift_closed');
      const counted = countOf(input, shift.currency);
      const figures = (await this.figures(trx, [shift])).get(shift.id)!;
      await q.closeShift(trx, shift.id, {
        counted: counted.total,
        denominations: counted.lines === null ? null : JSON.stringify(counted.lines),
        expected: figures.expected,
        by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: 'shift.close',
        entity: 'shift',
        entityId: shift.id,
        data: {
          counted: counted.total,
          expected: figures.expected,
          variance: counted.total - figures.expected,
          denominations: counted.lines,
        },
      });
    });
    return this.shift(input.shiftId);
  }

  async reopenShift(input: ParsedInputOf<'shifts.reopen'>, ctx: CallContext): Promise<ShiftOut> {
    const actor = ctx.actor;
    if (actor.kind !== 'user' && actor.kind !== 'apiKey') throw new DomainError('unauthenticated');
    const now = this.clock.now();
    try {
      await writeTransaction(this.db, async (trx) => {
        const shift = await q.findShift(trx, input.shiftId);
        // Another theater's shift is reported as not found; a shift without a theater is the admins'.
        if (
          !shift ||
          !(actor.role === 'admin' || (shift.theater_id !== null && canManageTheater(actor, shift.theater_id)))
        )
          throw new DomainError('not_found', 'Shift not found.');
        if (shift.closed_at === null)
          throw new DomainError('conflict', 'This shift is open: there is nothing to reopen.');
        await q.reopenShift(trx, shift.id, { by: actor.kind === 'user' ? actor.id : 0, reason: input.reason, at: now });
        await recordAudit(trx, now, {
          actor,
          action: 'shift.reopen',
          entity: 'shift',
          entityId: shift.id,
          data: {
            reason: input.reason,
            previous: {
              closedAt: shift.closed_at,
              counted: shift.counted_cash,
              expected: shift.expected_cash,
              denominations: parseCount(shift.counted_denominations),
            },
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('shift_already_open', 'The cashier has another shift open: close it first.');
      throw error;
    }
    return this.shift(input.shiftId);
  }

  // ---- cash movements -----------------------------------------------------------------------------

  async createMovement(
    input: ParsedInputOf<'shifts.movements.create'>,
    ctx: CallContext,
  ): Promise<OutputOf<'shifts.movements.create'>> {
    const userId = requireUser(ctx.actor);
    if (input.kind !== 'drop' && input.reason === undefined) {
      throw validationError([
        { path: 'reason', message: `is required for a ${input.kind === 'payout' ? 'pay-out' : 'pay-in'}` },
      ]);
    }
    const now = this.clock.now();
    const id = await writeTransaction(this.db, async (trx) => {
      const shift = await this.visibleShift(trx, input.shiftId, ctx.actor);
      if (shift.closed_at !== null) throw new DomainError('shift_closed');
      const before = (await this.figures(trx, [shift])).get(shift.id)!.expected;
      if (input.kind !== 'payin' && input.amount > before) {
        throw new DomainError('not_enough_cash', `The drawer is expected to hold only ${before}.`, {
          expectedCash: before,
        });
      }
      const movementId = await q.insertMovement(trx, {
        shiftId: shift.id,
        kind: input.kind,
        amount: input.amount,
        reason: input.reason ?? null,
        by: userId,
        at: now,
      });
      await recordAudit(trx, now, {
        actor: ctx.actor,
        action: `shift.${input.kind}`,
        entity: 'shift',
        entityId: shift.id,
        data: { movementId, amount: input.amount, reason: input.reason ?? null, expectedBefore: before },
      });
      return { movementId, after: before + (input.kind === 'payin' ? input.amount : -input.amount) };
    });
    const items = await this.movements(input.shiftId);
    return { ...items.find((item) => item.id === id.movementId)!, expectedCashAfter: id.after };
  }

  async listMovements(shiftId: number, ctx: CallContext): Promise<OutputOf<'shifts.movements.list'>> {
    await this.visibleShift(this.db, shiftId, ctx.actor);
    return { items: await this.movements(shiftId) };
  }

  // ---- Z-reports ----------------------------------------------------------------------------------

  async zShift(shiftId: number, ctx: CallContext): Promise<ZReport> {
    const shift = await this.visibleShift(this.db, shiftId, ctx.actor);
    const now = this.clock.now();
    const from = shift.opened_at;
    const to = shift.closed_at ?? now;
    const createdBy = actorRef({ kind: 'user', id: shift.user_id } as Actor);
    const takings = await this.ledgerOf().takings(this.db, { from, to: to + 1, createdBy });
    const tickets = await this.ticketsOf().ticketCounts({
      from,
      to: to + 1,
      createdBy,
      refundedBookingIds: takings.refundedBookingIds,
    });
    const zone = await this.zoneOf(shift.theater_id);
    return this.report({
      scope: 'shift',
      theaterId: shift.theater_id,
      date: null,
      from,
      to,
      zone,
      currency: shift.currency,
      shifts: [shift],
      figures: await this.figures(this.db, [shift]),
      takings,
      tickets,
      now,
    });
  }

  async zDay(input: ParsedInputOf<'reports.zDay'>, ctx: CallContext): Promise<ZReport> {
    if (!canManageTheater(ctx.actor, input.theaterId)) throw new DomainError('not_found', 'Theater not found.');
    const rules = await this.deps.theaters.salesRules(input.theaterId);
    if (!rules) throw new DomainError('not_found', 'Theater not found.');
    const [from, to] = localDayRange(input.date, rules.timeZone);
    const shifts = await q.shiftsOpenedBetween(this.db, input.theaterId, from, to);
    const takings = await this.ledgerOf().takings(this.db, { from, to, theaterId: input.theaterId });
    const tickets = await this.ticketsOf().ticketCounts({ from, to, theaterId: input.theaterId });
    return this.report({
      scope: 'day',
      theaterId: input.theaterId,
      date: input.date,
      from,
      to,
      zone: rules.timeZone,
      currency: rules.currency,
      shifts,
      figures: await this.figures(this.db, shifts),
      takings,
      tickets,
      now: this.clock.now(),
    });
  }

  private report(r: {
    scope: 'shift' | 'day';
    theaterId: number | null;
    date: string | null;
    from: number;
    to: number;
    zone: string;
    currency: string | null;
    shifts: q.ShiftRow[];
    figures: Map<number, Figures>;
    takings: { sales: ByMethod; refunds: ByMethod };
    tickets: { sold: number; refunded: number };
    now: number;
  }): ZReport {
    const sum = (pick: (f: Figures) => number) =>
      r.shifts.reduce((total, shift) => total + pick(r.figures.get(shift.id)!), 0);
    const closed = r.shifts.filter((shift) => shift.closed_at !== null);
    const counted = closed.length === 0 ? null : closed.reduce((total, shift) => total + shift.counted_cash!, 0);
    const closedExpected = closed.reduce((total, shift) => total + r.figures.get(shift.id)!.expected, 0);
    return {
      scope: r.scope,
      theaterId: r.theaterId,
      date: r.date,
      from: toOffsetIso(r.from, r.zone),
      to: toOffsetIso(r.to, r.zone),
      currency: r.currency,
      shiftIds: r.shifts.map((shift) => shift.id),
      openShifts: r.shifts.length - closed.length,
      openingFloat: r.shifts.reduce((total, shift) => total + shift.opening_float, 0),
      // Cash is the drawers' (their own records); card and external come from the payments themselves.
      sales: { cash: sum((f) => f.sales), card: r.takings.sales.card, external: r.takings.sales.external },
      refunds: { cash: sum((f) => f.refunds), card: r.takings.refunds.card, external: r.takings.refunds.external },
      drops: sum((f) => f.drops),
      payOuts: sum((f) => f.payOuts),
      payIns: sum((f) => f.payIns),
      expectedCash: sum((f) => f.expected),
      countedCash: counted,
      variance: counted === null ? null : counted - closedExpected,
      tickets: r.tickets,
      generatedAt: toOffsetIso(r.now, r.zone),
    };
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** The theater a new shift belongs to: the one asked for, else the caller's only one, else the only one. */
  private async theaterForNewShift(asked: number | undefined, actor: Actor): Promise<number | null> {
    const mine = actor.kind === 'anonymous' ? [] : actor.theaterIds;
    if (asked !== undefined) {
      const rules = await this.deps.theaters.salesRules(asked);
      // Staff assigned to theaters open drawers only there; unassigned staff and admins anywhere.
      if (!rules || (mine.length > 0 && !mine.includes(asked) && actor.kind !== 'anonymous' && actor.role !== 'admin'))
        throw new DomainError('not_found', 'Theater not found.');
      return asked;
    }
    if (mine.length === 1) return mine[0]!;
    const all = await this.deps.theaters.listTheaters();
    return all.items.length === 1 ? all.items[0]!.id : null;
  }

  /** The shift, if the actor may see and work it: its cashier, a manager of its theater, an admin. */
  private async visibleShift(db: Db, shiftId: number, actor: Actor): Promise<q.ShiftRow> {
    const shift = await q.findShift(db, shiftId);
    if (!shift || !mayManageShift(actor, shift)) throw new DomainError('not_found', 'Shift not found.');
    return shift;
  }

  private async figures(db: Db, shifts: q.ShiftRow[]): Promise<Map<number, Figures>> {
    const ids = shifts.map((shift) => shift.id);
    const cash = await this.ledgerOf().cashTotals(db, ids);
    const moves = await q.movementTotals(db, ids);
    const result = new Map<number, Figures>();
    for (const shift of shifts) {
      const c = cash.get(shift.id) ?? { sales: 0, refunds: 0, payments: 0 };
      const m = moves.get(shift.id) ?? { drops: 0, payOuts: 0, payIns: 0 };
      const live = shift.opening_float + c.sales - c.refunds - m.drops - m.payOuts + m.payIns;
      result.set(shift.id, { ...c, ...m, expected: shift.expected_cash ?? live });
    }
    return result;
  }

  private async zoneOf(theaterId: number | null): Promise<string> {
    if (theaterId === null) return 'UTC';
    return (await this.deps.theaters.salesRules(theaterId))?.timeZone ?? 'UTC';
  }

  private async movements(shiftId: number): Promise<MovementOut[]> {
    const shift = await q.findShift(this.db, shiftId);
    if (!shift) throw new DomainError('not_found', 'Shift not found.');
    const zone = await this.zoneOf(shift.theater_id);
    const rows = await q.movementsOf(this.db, shiftId);
    return rows.map((row) => ({
      id: row.id,
      shiftId: row.shift_id,
      kind: row.kind,
      amount: row.amount,
      currency: shift.currency,
      reason: row.reason,
      createdBy: row.created_by,
      createdAt: toOffsetIso(row.created_at, zone),
    }));
  }

  private ledgerOf(): CashLedger {
    if (!this.ledger) throw new Error('drawer: no cash ledger wired');
    return this.ledger;
  }

  private ticketsOf(): TicketCounter {
    if (!this.tickets) throw new Error('drawer: no ticket counter wired');
    return this.tickets;
  }

  private async shift(id: number): Promise<ShiftOut> {
    const shift = await q.findShift(this.db, id);
    if (!shift) throw new DomainError('not_found', 'Shift not found.');
    const f = (await this.figures(this.db, [shift])).get(id)!;
    const zone = await this.zoneOf(shift.theater_id);
    const table = shift.currency === null ? null : denominationsOf(shift.currency);
    return {
      id: shift.id,
      userId: shift.user_id,
      theaterId: shift.theater_id,
      currency: shift.currency,
      status: shift.closed_at === null ? 'open' : 'closed',
      openedAt: toOffsetIso(shift.opened_at, zone),
      closedAt: shift.closed_at === null ? null : toOffsetIso(shift.closed_at, zone),
      openingFloat: shift.opening_float,
      cashSales: f.sales,
      cashRefunds: f.refunds,
      drops: f.drops,
      payOuts: f.payOuts,
      payIns: f.payIns,
      expectedCash: f.expected,
      countedCash: shift.counted_cash,
      countedDenominations: parseCount(shift.counted_denominations),
      variance: shift.counted_cash === null ? null : shift.counted_cash - f.expected,
      payments: f.payments,
      denominations: table === null ? null : table.map((d) => ({ value: d.value, kind: d.kind })),
      reopenedAt: shift.reopened_at === null ? null : toOffsetIso(shift.reopened_at, zone),
      reopenedBy: shift.reopened_by,
      reopenReason: shift.reopen_reason,
    };
  }
}

/** The counted cash of a close: a total, or lines by denomination of the drawer's currency (or both, agreeing). */
function countOf(
  input: ParsedInputOf<'shifts.close'>,
  currency: string | null,
): { total: number; lines: { value: number; count: number }[] | null } {
  if (input.denominations === undefined) return { total: input.countedCash!, lines: null };
  const table = currency === null ? null : denominationsOf(currency);
  if (table === null) {
    throw validationError([
      { path: 'denominations', message: `${currency ?? 'this drawer'} is counted as a total: give countedCash` },
    ]);
  }
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  input.denominations.forEach((line, index) => {
    if (!table.some((d) => d.value === line.value))
      errors.push({ path: `denominations.${index}.value`, message: `is not a ${currency} note or coin` });
    else if (seen.has(line.value)) errors.push({ path: `denominations.${index}.value`, message: 'appears twice' });
    seen.add(line.value);
  });
  const total = countedTotal(input.denominations);
  if (input.countedCash !== undefined && input.countedCash !== total)
    errors.push({ path: 'countedCash', message: `differs from the ${total} the denominations add up to` });
  if (errors.length > 0) throw validationError(errors);
  const lines = input.denominations
    .filter((line) => line.count > 0)
    .map((line) => ({ value: line.value, count: line.count }))
    .sort((a, b) => b.value - a.value);
  return { total, lines };
}

function parseCount(json: string | null): { value: number; count: number }[] | null {
  return json === null ? null : (JSON.parse(json) as { value: number; count: number }[]);
}

function requireUser(actor: Actor): number {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Shifts belong to staff accounts, not API keys.');
  return actor.id;
}

/** A shift is its cashier's; a manager of its theater and admins may see and work it too. */
function mayManageShift(actor: Actor, shift: q.ShiftRow): boolean {
  if (actor.kind === 'anonymous') return false;
  if (actor.role === 'admin') return true;
  if (actor.kind === 'user' && actor.id === shift.user_id) return true;
  return actor.role === 'manager' && shift.theater_id !== null && actor.theaterIds.includes(shift.theater_id);
}
