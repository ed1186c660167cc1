/**
 * Printing from a desktop window: the IPC print handler asks the real core for the ticket layout
 * (`tickets.print`, with the window's token) and hands the HTML to the machine's printer (a fake here).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../src/main/ipc/ipc-handler';
import type { SenderInfo, SenderPolicy } from '../../../src/main/ipc/sender-guard';
import { SubscriptionRegistry } from '../../../src/main/ipc/subscriptions';
import { ADMIN_PASSWORD, createTestCore, type TestCore } from '../../support/harness';
import { paidBooking } from '../../support/tickets';

const ORIGIN = 'http://127.0.0.1:7450';
const policy: SenderPolicy = { allowedOrigin: ORIGIN, isOwnWebContents: (id) => id === 1 };
const ours: SenderInfo = { frameUrl: `${ORIGIN}/kiosk`, isMainFrame: true, webContentsId: 1 };
const stranger: SenderInfo = { frameUrl: 'https://example.com/', isMainFrame: true, webContentsId: 7 };

let t: TestCore;
let token: string;
beforeEach(async () => {
  t = await createTestCore();
  token = (await t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD })).token;
});
afterEach(() => t.close());

function handlersWith(printHtml: ((html: string) => Promise<void>) | null) {
  return createIpcHandlers({
    dispatcher: t.core.dispatcher,
    authenticate: (value) => t.core.accounts.authenticate(value),
    policy,
    subscriptions: new SubscriptionRegistry(),
    log: () => undefined,
    printHtml,
  });
}

describe('printing tickets from a desktop window', () => {
  it('prints the layout of a paid booking, the second time marked REPRINT', async () => {
    const printed: string[] = [];
    const handlers = handlersWith((html) => Promise.resolve(void printed.push(html)));
    const { booking } = await paidBooking(t);
    expect(await handlers.print(ours, { bookingId: booking.id, token })).toEqual({ ok: true, printCount: 1 });
    expect(await handlers.print(ours, { bookingId: booking.id, token })).toEqual({ ok: true, printCount: 2 });
    expect(printed).toHaveLength(2);
    expect(printed[0]).toContain(booking.reference);
    expect(printed[0]).not.toContain('REPRINT');
    expect(printed[1]).toContain('REPRINT');
  });

  it('prints nothing for a stranger window, a bad token, a bad id or an unpaid booking', async () => {
    const printed: string[] = [];
    const handlers = handlersWith((html) => Promise.resolve(void printed.push(html)));
    const { booking } = await paidBooking(t);
    expect(await handlers.print(stranger, { bookingId: booking.id, token })).toMatchObject({ ok: false });
    expect(await handlers.print(ours, { bookingId: booking.id, token: 'mqs_forged' })).toMatchObject({ ok: false });
    expect(await handlers.print(ours, { bookingId: 'DROP TABLE', token })).toMatchObject({ ok: false });
    expect(await handlers.print(ours, null)).toMatchObject({ ok: false });
    const hold = await t.call('holds.create', { showtimeId: booking.showtimeId, quantity: 1 });
    const unpaid = await t.call('bookings.create', {
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
    });
    expect(await handlers.print(ours, { bookingId: unpaid.id, token })).toMatchObject({ ok: false, reason: 'refused' });
    expect(printed).toEqual([]);
  });

  it('says so when the machine has no printer or the printer fails', async () => {
    const { booking } = await paidBooking(t);
    expect(await handlersWith(null).print(ours, { bookingId: booking.id, token })).toMatchObject({
      ok: false,
      reason: 'no_printer',
    });
    // A printer that is there but does not print (out of paper) is told apart: the kiosk offers the QR.
    const jammed = handlersWith(() => Promise.reject(new Error('out of paper')));
    expect(await jammed.print(ours, { bookingId: booking.id, token })).toMatchObject({
      ok: false,
      reason: 'print_failed',
    });
  });
});
