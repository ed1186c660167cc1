/**
 * The cash drawer over real sockets: a full shift checked to the penny against its Z-reports, drops and
 * pay-outs that cannot empty a drawer below zero, counting by denomination, reopening by the right
 * manager only, refund approval, and bad input that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedShowtime, simpleLayout, startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

let s: TestServer;
let theaterId: number;
let screenId: number;
let movieId: number;
let manager: string;
let managerName: string;
let otherManager: string;
let otherManagerName: string;
let startHour = 10;

beforeAll(async () => {
  s = await startTestServer();
  const seeded = await seedShowtime(s, { layout: simpleLayout(6, 10) });
  theaterId = seeded.theater.id;
  screenId = seeded.screen.id;
  movieId = seeded.movie.id;
  const other = await seedShowtime(s);
  managerName = 'drawer-manager';
  manager = (await s.userToken('manager', [theaterId], managerName)).token;
  otherManagerName = 'other-manager';
  otherManager = (await s.userToken('manager', [other.theater.id], otherManagerName)).token;
});
afterAll(async () => {
  await s.close();
});

/** A fresh showtime of the drawer's theater (a few hours apart, so none overlap). */
async function showtime(): Promise<number> {
  startHour += 3;
  const day = 29 + Math.floor(startHour / 24);
  const startsAt = `2026-11-${day}T${String(startHour % 24).padStart(2, '0')}:00:00Z`;
  return (await s.call('showtimes.create', { movieId, screenId, startsAt })).id;
}

/** Holds seats, books them with these ticket types (adult 12.00, child 8.00) and pays cash. */
async function sell(token: string, showtimeId: number, types: string[], tendered?: number) {
  const hold = await s.request('POST', `/api/v1/showtimes/${showtimeId}/holds`, {
    token,
    body: { quantity: types.length },
  });
  expect(hold.status).toBe(201);
  const booking = await s.request('POST', '/api/v1/bookings', {
    token,
    body: {
      holdId: hold.body.id,
      tickets: hold.body.seatIds.map((seatId: number, i: number) => ({ seatId, ticketType: types[i] })),
    },
  });
  expect(booking.status).toBe(201);
  const paid = await s.request('POST', `/api/v1/bookings/${booking.body.id}/payments`, {
    token,
    body: { method: 'cash', amount: booking.body.total, ...(tendered !== undefined && { tendered }) },
  });
  expect(paid.status).toBe(201);
  return { booking: booking.body, payment: paid.body };
}

async function cashier() {
  return s.userToken('cashier', [theaterId]);
}

describe('a full shift, to the penny', () => {
  it('float, cash sales with change, a refund, a drop, a pay-out, a count by denomination; the Z-reports agree', async () => {
    const { token, userId } = await cashier();
    const opened = await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 10000 } });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      userId,
      theaterId,
      currency: 'GBP',
      status: 'open',
      openingFloat: 10000,
      expectedCash: 10000,
    });
    expect(opened.body.denominations[0]).toEqual({ value: 5000, kind: 'note' });
    expect(opened.body.denominations.at(-1)).toEqual({ value: 1, kind: 'coin' });

    const st = await showtime();
    const sale1 = await sell(token, st, ['adult', 'child'], 5000); // 20.00, change 30.00
    expect(sale1.payment).toMatchObject({ amount: 2000, tendered: 5000, change: 3000 });
    const sale2 = await sell(token, st, ['adult', 'adult', 'adult'], 4000); // 36.00, change 4.00
    expect(sale2.payment.change).toBe(400);
    await sell(token, st, ['child'], 1000); // 8.00, change 2.00

    const b1 = (await s.request('GET', `/api/v1/bookings/${sale1.booking.id}`, { token })).body;
    const child = b1.tickets.find((t: { ticketType: string }) => t.ticketType === 'child');
    const refund = await s.request('POST', `/api/v1/bookings/${b1.id}/cancel`, {
      token,
      body: { ticketIds: [child.id], reason: 'Wrong film' },
    });
    expect(refund.status).toBe(200);
    expect(refund.body.amountRefunded).toBe(800);

    // 100.00 + 20.00 + 36.00 + 8.00 − 8.00 = 156.00 in the drawer
    const drop = await s.request('POST', `/api/v1/shifts/${opened.body.id}/movements`, {
      token,
      body: { kind: 'drop', amount: 10000 },
    });
    expect(drop.status).toBe(201);
    expect(drop.body).toMatchObject({ kind: 'drop', amount: 10000, currency: 'GBP', createdBy: userId });
    expect(drop.body.expectedCashAfter).toBe(5600);
    const payout = await s.request('POST', `/api/v1/shifts/${opened.body.id}/movements`, {
      token,
      body: { kind: 'payout', amount: 235, reason: 'Milk for the café' },
    });
    expect(payout.status).toBe(201);
    expect(payout.body.expectedCashAfter).toBe(5365);

    // a drop of more than the drawer holds is refused
    const tooMuch = await s.request('POST', `/api/v1/shifts/${opened.body.id}/movements`, {
      token,
      body: { kind: 'drop', amount: 5366 },
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: 'not_enough_cash', details: { expectedCash: 5365 } });

    const current = (await s.request('GET', '/api/v1/shifts/current', { token })).body;
    expect(current).toMatchObject({
      cashSales: 6400,
      cashRefunds: 800,
      drops: 10000,
      payOuts: 235,
      payIns: 0,
      expectedCash: 5365,
      payments: 3,
    });

    // counted: 50 + 2×1 + 1×2 ... = 53.60; expected 53.65: 5p short
    const denominations = [
      { value: 2000, count: 2 },
      { value: 1000, count: 1 },
      { value: 200, count: 1 },
      { value: 100, count: 1 },
      { value: 50, count: 1 },
      { value: 5, count: 0 },
      { value: 10, count: 1 },
    ];
    const closed = await s.request('POST', `/api/v1/shifts/${opened.body.id}/close`, {
      token,
      body: { denominations },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      expectedCash: 5365,
      countedCash: 5360,
      variance: -5,
      countedDenominations: [
        { value: 2000, count: 2 },
        { value: 1000, count: 1 },
        { value: 200, count: 1 },
        { value: 100, count: 1 },
        { value: 50, count: 1 },
        { value: 10, count: 1 },
      ],
    });
    const r = closed.body;
    expect(r.openingFloat + r.cashSales - r.cashRefunds - r.drops - r.payOuts + r.payIns).toBe(r.expectedCash);

    // a closed drawer takes no more movements or cash
    const late = await s.request('POST', `/api/v1/shifts/${opened.body.id}/movements`, {
      token,
      body: { kind: 'payin', amount: 100, reason: 'Found under the till' },
    });
    expect(late.body.error.code).toBe('shift_closed');

    const z = await s.request('GET', `/api/v1/shifts/${opened.body.id}/z-report`, { token });
    expect(z.status).toBe(200);
    expect(z.body).toMatchObject({
      scope: 'shift',
      theaterId,
      currency: 'GBP',
      shiftIds: [opened.body.id],
      openShifts: 0,
      openingFloat: 10000,
      sales: { cash: 6400, card: 0, external: 0 },
      refunds: { cash: 800, card: 0, external: 0 },
      drops: 10000,
      payOuts: 235,
      payIns: 0,
      expectedCash: 5365,
      countedCash: 5360,
      variance: -5,
      tickets: { sold: 6, refunded: 1 },
    });

    // the day: the same drawer, plus money the drawer never saw (an external payment by the website)
    const key = (await s.request('POST', '/api/v1/api-keys', { token: await s.adminToken(), body: { name: 'Web' } }))
      .body.key;
    const hold = await s.request('POST', `/api/v1/showtimes/${st}/holds`, { token: key, body: { quantity: 1 } });
    const web = await s.request('POST', '/api/v1/bookings', {
      token: key,
      body: { holdId: hold.body.id, tickets: [{ seatId: hold.body.seatIds[0], ticketType: 'adult' }] },
    });
    expect(
      (
        await s.request('POST', `/api/v1/bookings/${web.body.id}/payments`, {
          token: key,
          body: { method: 'external', amount: 1200, reference: 'web-1' },
        })
      ).status,
    ).toBe(201);
    const day = await s.request('GET', `/api/v1/reports/z?theaterId=${theaterId}&date=2026-11-28`, { token: manager });
    expect(day.status).toBe(200);
    expect(day.body).toMatchObject({
      scope: 'day',
      date: '2026-11-28',
      from: '2026-11-28T00:00:00+00:00',
      currency: 'GBP',
      openingFloat: 10000,
      sales: { cash: 6400, card: 0, external: 1200 },
      refunds: { cash: 800, card: 0, external: 0 },
      drops: 10000,
      payOuts: 235,
      expectedCash: 5365,
      countedCash: 5360,
      variance: -5,
      tickets: { sold: 7, refunded: 1 },
    });
    expect(day.body.shiftIds).toContain(opened.body.id);

    // who may read them
    expect((await s.request('GET', `/api/v1/shifts/${opened.body.id}/z-report`, { token: manager })).status).toBe(200);
    expect((await s.request('GET', `/api/v1/shifts/${opened.body.id}/z-report`, { token: otherManager })).status).toBe(
      404,
    );
    expect(
      (await s.request('GET', `/api/v1/reports/z?theaterId=${theaterId}&date=2026-11-28`, { token: otherManager }))
        .status,
    ).toBe(404);
    expect((await s.request('GET', `/api/v1/reports/z?theaterId=${theaterId}&date=2026-11-28`, { token })).status).toBe(
      403,
    );
    const movements = await s.request('GET', `/api/v1/shifts/${opened.body.id}/movements`, { token: manager });
    expect(movements.body.items.map((m: { kind: string; amount: number }) => [m.kind, m.amount])).toEqual([
      ['drop', 10000],
      ['payout', 235],
    ]);
  });
});

describe('reopening a closed shift', () => {
  it('a manager of its theater may, with a reason (audited); a cashier gets 403, another theater’s manager 404', async () => {
    const { token } = await cashier();
    const shift = (await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 5000 } })).body;
    await s.request('POST', `/api/v1/shifts/${shift.id}/close`, { token, body: { countedCash: 4990 } });

    const byCashier = await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, {
      token,
      body: { reason: 'Miscounted' },
    });
    expect(byCashier.status).toBe(403);
    const byOther = await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, {
      token: otherManager,
      body: { reason: 'Miscounted' },
    });
    expect(byOther.status).toBe(404);
    const noReason = await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, { token: manager, body: {} });
    expect(noReason.status).toBe(400);

    const reopened = await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, {
      token: manager,
      body: { reason: 'A £10 note was in the wrong tray' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      closedAt: null,
      countedCash: null,
      variance: null,
      expectedCash: 5000,
      reopenReason: 'A £10 note was in the wrong tray',
    });
    const audit = s.core.database.sqlite
      .prepare("SELECT actor, data FROM audit_log WHERE action = 'shift.reopen' AND entity_id = ?")
      .all(shift.id) as { actor: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      reason: 'A £10 note was in the wrong tray',
      previous: { counted: 4990, expected: 5000 },
    });
    // open again: it takes cash again and closes again
    expect(
      (await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, { token: manager, body: { reason: 'x' } })).status,
    ).toBe(409);
    const again = await s.request('POST', `/api/v1/shifts/${shift.id}/close`, { token, body: { countedCash: 5000 } });
    expect(again.body).toMatchObject({ status: 'closed', variance: 0 });
    const admin = await s.adminToken();
    expect(
      (await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, { token: admin, body: { reason: 'Audit' } }))
        .status,
    ).toBe(200);

    // the lists: a manager sees their theater's shifts, a cashier only their own
    const listed = await s.request('GET', `/api/v1/shifts?theaterId=${theaterId}&status=open&limit=200`, {
      token: manager,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: number }) => item.id)).toContain(shift.id);
    expect(listed.body.items.every((item: { status: string }) => item.status === 'open')).toBe(true);
    expect((await s.request('GET', `/api/v1/shifts?theaterId=${theaterId}`, { token: otherManager })).status).toBe(404);
    expect(
      (await s.request('GET', '/api/v1/shifts', { token: otherManager })).body.items.map((i: { id: number }) => i.id),
    ).not.toContain(shift.id);
    const own = await s.request('GET', '/api/v1/shifts', { token });
    expect(own.body.items.map((item: { id: number }) => item.id)).toEqual([shift.id]);
  });

  it('refuses to reopen while the cashier has another shift open', async () => {
    const { token } = await cashier();
    const first = (await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } })).body;
    await s.request('POST', `/api/v1/shifts/${first.id}/close`, { token, body: { countedCash: 0 } });
    await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 0 } });
    const reopen = await s.request('POST', `/api/v1/shifts/${first.id}/reopen`, {
      token: manager,
      body: { reason: 'Late sale' },
    });
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('shift_already_open');
  });
});

describe('refund approval', () => {
  it('above the theater’s threshold a cashier needs a manager: missing 403, wrong 403, right recorded', async () => {
    const approvalTheater = await seedShowtime(s, { startsAt: '2026-11-30T19:00:00Z' });
    const tId = approvalTheater.theater.id;
    const admin = await s.adminToken();
    const set = await s.request('PATCH', `/api/v1/theaters/${tId}`, {
      token: admin,
      body: { refundApprovalAbove: 1500 },
    });
    expect(set.status).toBe(200);
    expect(set.body.refundApprovalAbove).toBe(1500);
    const { userId: managerId } = await s.userToken('manager', [tId], 'approving-manager');

    const { token } = await s.userToken('cashier', [tId]);
    await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 10000 } });
    const small = await sell(token, approvalTheater.showtime.id, ['adult']); // 12.00: under the threshold
    const big = await sell(token, approvalTheater.showtime.id, ['adult', 'child']); // 20.00: over it

    await s.userToken('cashier', [tId], 'another-cashier');
    const before = databaseFingerprint(s.core);
    const missing = await s.request('POST', `/api/v1/bookings/${big.booking.id}/cancel`, { token, body: {} });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toMatchObject({
      code: 'approval_required',
      details: { refund: 2000, approvalAbove: 1500 },
    });
    const wrongPassword = await s.request('POST', `/api/v1/bookings/${big.booking.id}/cancel`, {
      token,
      body: { approval: { username: 'approving-manager', password: 'not-the-password' } },
    });
    expect(wrongPassword.status).toBe(403);
    expect(wrongPassword.body.error.code).toBe('approval_rejected');
    const wrongTheater = await s.request('POST', `/api/v1/bookings/${big.booking.id}/cancel`, {
      token,
      body: { approval: { username: otherManagerName, password: PASSWORD } },
    });
    expect(wrongTheater.status).toBe(403);
    expect(wrongTheater.body.error.code).toBe('approval_rejected');
    const byCashier = await s.request('POST', `/api/v1/bookings/${big.booking.id}/cancel`, {
      token,
      body: { approval: { username: 'another-cashier', password: PASSWORD } },
    });
    expect(byCashier.status).toBe(403);
    expect(databaseFingerprint(s.core)).toEqual(before);

    // under the threshold: no approval needed
    expect((await s.request('POST', `/api/v1/bookings/${small.booking.id}/cancel`, { token, body: {} })).status).toBe(
      200,
    );

    const approved = await s.request('POST', `/api/v1/bookings/${big.booking.id}/cancel`, {
      token,
      body: { reason: 'Customer unwell', approval: { username: 'approving-manager', password: PASSWORD } },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'refunded', amountRefunded: 2000 });
    const refunds = s.core.database.sqlite
      .prepare('SELECT amount, approved_by FROM refunds WHERE booking_id = ?')
      .all(big.booking.id);
    expect(refunds).toEqual([{ amount: 2000, approved_by: managerId }]);
    const audit = s.core.database.sqlite
      .prepare("SELECT data FROM audit_log WHERE action = 'booking.cancel' AND entity_id = ?")
      .get(big.booking.id) as { data: string };
    expect(JSON.parse(audit.data)).toMatchObject({ approvedBy: managerId, approver: 'approving-manager' });
    expect(audit.data).not.toContain(PASSWORD);

    // an exchange to fewer seats refunds the difference: the same rule
    const four = await sell(token, approvalTheater.showtime.id, ['adult', 'adult', 'adult']); // 36.00
    const later = await s.call('showtimes.create', {
      movieId: approvalTheater.movie.id,
      screenId: approvalTheater.screen.id,
      startsAt: '2026-11-30T22:00:00Z',
    });
    const exchangeHold = await s.request('POST', `/api/v1/showtimes/${later.id}/holds`, {
      token,
      body: { quantity: 1 },
    });
    const exchangeBody = {
      holdId: exchangeHold.body.id,
      tickets: [{ seatId: exchangeHold.body.seatIds[0], ticketType: 'adult' }],
    };
    const unapproved = await s.request('POST', `/api/v1/bookings/${four.booking.id}/exchange`, {
      token,
      body: exchangeBody,
    });
    expect(unapproved.status).toBe(403);
    expect(unapproved.body.error.code).toBe('approval_required');
    const exchanged = await s.request('POST', `/api/v1/bookings/${four.booking.id}/exchange`, {
      token,
      body: { ...exchangeBody, approval: { username: 'approving-manager', password: PASSWORD } },
    });
    expect(exchanged.status).toBe(201);
    expect(
      s.core.database.sqlite
        .prepare("SELECT amount, approved_by FROM refunds WHERE booking_id = ? AND method = 'cash'")
        .all(four.booking.id),
    ).toEqual([{ amount: 2400, approved_by: managerId }]);

    // a manager cancelling needs no one's approval
    const third = await sell(token, approvalTheater.showtime.id, ['adult', 'adult']);
    await s.request('POST', '/api/v1/shifts', { token: manager, body: { openingFloat: 5000, theaterId: tId } });
    const { token: tManager } = await s.userToken('manager', [tId]);
    await s.request('POST', '/api/v1/shifts', { token: tManager, body: { openingFloat: 5000 } });
    expect(
      (await s.request('POST', `/api/v1/bookings/${third.booking.id}/cancel`, { token: tManager, body: {} })).status,
    ).toBe(200);
  });
});

describe('bad input changes nothing', () => {
  it('answers 4xx with a stable code and leaves the database as it was', async () => {
    const { token } = await cashier();
    const shift = (await s.request('POST', '/api/v1/shifts', { token, body: { openingFloat: 1000 } })).body;
    const closedShift = (await s.request('POST', '/api/v1/shifts', { token: manager, body: { openingFloat: 0 } })).body;
    await s.request('POST', `/api/v1/shifts/${closedShift.id}/close`, { token: manager, body: { countedCash: 0 } });
    const before = databaseFingerprint(s.core);
    const cases: { method: string; path: string; body?: unknown; status: number; code: string; field?: string }[] = [
      { method: 'POST', path: '/api/v1/shifts', body: { openingFloat: -1 }, status: 400, code: 'validation_failed' },
      { method: 'POST', path: '/api/v1/shifts', body: { openingFloat: 10.5 }, status: 400, code: 'validation_failed' },
      { method: 'POST', path: '/api/v1/shifts', body: { openingFloat: 0 }, status: 409, code: 'shift_already_open' },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/movements`,
        body: { kind: 'bribe', amount: 100 },
        status: 400,
        code: 'validation_failed',
        field: 'kind',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/movements`,
        body: { kind: 'drop', amount: 0 },
        status: 400,
        code: 'validation_failed',
        field: 'amount',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/movements`,
        body: { kind: 'payout', amount: 100 },
        status: 400,
        code: 'validation_failed',
        field: 'reason',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/movements`,
        body: { kind: 'drop', amount: 1001 },
        status: 409,
        code: 'not_enough_cash',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/movements`,
        body: { kind: 'payout', amount: 1001, reason: 'Float for the café' },
        status: 409,
        code: 'not_enough_cash',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${closedShift.id}/movements`,
        body: { kind: 'drop', amount: 1 },
        status: 404,
        code: 'not_found',
      },
      { method: 'POST', path: `/api/v1/shifts/${shift.id}/close`, body: {}, status: 400, code: 'validation_failed' },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/close`,
        body: { denominations: [{ value: 50000, count: 1 }] },
        status: 400,
        code: 'validation_failed',
        field: 'denominations.0.value',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/close`,
        body: {
          denominations: [
            { value: 500, count: 1 },
            { value: 500, count: 1 },
          ],
        },
        status: 400,
        code: 'validation_failed',
        field: 'denominations.1.value',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/close`,
        body: { countedCash: 999, denominations: [{ value: 500, count: 2 }] },
        status: 400,
        code: 'validation_failed',
        field: 'countedCash',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/close`,
        body: { denominations: [{ value: 500, count: -1 }] },
        status: 400,
        code: 'validation_failed',
        field: 'denominations.0.count',
      },
      {
        method: 'POST',
        path: `/api/v1/shifts/${shift.id}/reopen`,
        body: { reason: 'x' },
        status: 403,
        code: 'forbidden',
      },
      {
        method: 'GET',
        path: `/api/v1/reports/z?theaterId=${theaterId}&date=2026-02-30`,
        status: 403,
        code: 'forbidden',
      },
    ];
    for (const c of cases) {
      const response = await s.request(c.method, c.path, { token, body: c.body });
      expect(response.status, `${c.method} ${c.path} ${JSON.stringify(c.body)}`).toBe(c.status);
      expect(response.body.error.code).toBe(c.code);
      if (c.field) {
        expect(response.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(c.field);
      }
    }
    const asManager = [
      { path: `/api/v1/reports/z?theaterId=${theaterId}&date=2026-02-30`, status: 400 },
      { path: `/api/v1/reports/z?theaterId=${theaterId}`, status: 400 },
      { path: `/api/v1/reports/z?theaterId=999999&date=2026-11-28`, status: 404 },
    ];
    for (const c of asManager) {
      expect((await s.request('GET', c.path, { token: manager })).status, c.path).toBe(c.status);
    }
    const reopenOpen = await s.request('POST', `/api/v1/shifts/${shift.id}/reopen`, {
      token: manager,
      body: { reason: 'x' },
    });
    expect(reopenOpen.status).toBe(409);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });
});
