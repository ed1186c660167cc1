/**
 * Card payments at the counter on a reader this till drives itself (Stripe Terminal JS, the reader on the
 * till's network), against a fake Terminal SDK served in place of js.stripe.com that moves the fake Stripe
 * server's PaymentIntent: a declined card then a good one, a split cash + card sale checked to the cent
 * through the API, a reader that cannot be reached, and a cancel on the counter. Screenshots of the card
 * screens at 1366×768 go to docs/screenshots/.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CounterApi, createCashier } from './pages/counter-api';
import { CounterPage } from './pages/counter-page';
import { TenderPage } from './pages/tender-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD, stripeUrl } from './support/env';
import { DECLINE_CARD, serveFakeTerminal, SUCCESS_CARD, type FakeTerminalRecord } from './support/fake-terminal';

const READER_LABEL = 'Till 2 reader';
const DIR = 'docs/screenshots';

interface Booking {
  id: number;
  reference: string;
  status: string;
  total: number;
  amountPaid: number;
  amountDue: number;
  payments: Array<{ id: number; method: string; amount: number; status: string }>;
}
interface Payment {
  id: number;
  method: string;
  amount: number;
  status: string;
  tendered: number | null;
  change: number | null;
  failureCode?: string | null;
  reference: string | null;
}

const money = (minor: number) => `£${(minor / 100).toFixed(2)}`;

/** The demo theater's Terminal JS reader, registered once as an admin would (unassigned: any counter). */
async function terminalJsReader(): Promise<string> {
  const admin = await CounterApi.login('admin');
  const theaters = await admin.call<{ items: Array<{ id: number }> }>('theaters.list', {});
  const readers = await admin.call<{ items: Array<{ id: string; label: string }> }>('readers.list', {});
  const existing = readers.items.find((reader) => reader.label === READER_LABEL);
  if (existing) return existing.id;
  const created = await admin.call<{ id: string }>('readers.create', {
    registrationCode: 'wpe-lan-till2',
    label: READER_LABEL,
    theaterId: theaters.items[0]?.id,
    integration: 'terminal_js',
  });
  return created.id;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.screenshot({ path: `${DIR}/${name}-1366x768.png`, caret: 'hide', animations: 'disabled' });
}

async function fakeRecord(page: Page): Promise<FakeTerminalRecord> {
  return page.evaluate(() => (globalThis as unknown as { __fakeTerminal: FakeTerminalRecord }).__fakeTerminal);
}

async function bookingByReference(api: CounterApi, page: Page): Promise<Booking> {
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
  const found = await api.call<{ items: Booking[] }>('bookings.list', { reference });
  expect(found.items).toHaveLength(1);
  return found.items[0]!;
}

/** Tomorrow's show `down` places down the board: `seats` best seats, then the tender. */
async function startSale(counter: CounterPage, page: Page, down: number, seats: number): Promise<number> {
  await counter.openTomorrowsShow(down);
  await page.keyboard.press(String(seats));
  await expect(counter.basketLines).toHaveCount(seats);
  await page.keyboard.press('Enter');
  await expect(counter.tender).toBeVisible();
  const due = (await counter.amountDue.textContent()) ?? '';
  return Math.round(Number(due.replace(/[^\d.]/g, '')) * 100);
}

test.describe('card at the counter, Terminal JS reader', () => {
  test.setTimeout(90_000);
  test.skip(() => stripeUrl() === null, 'needs the fake Stripe server of the global setup');

  test('a declined card, then a good one: the booking is confirmed once, from Stripe', async ({
    counterPage,
    page,
  }) => {
    const readerId = await terminalJsReader();
    await serveFakeTerminal(page, { readerIds: [readerId], cards: [DECLINE_CARD, SUCCESS_CARD], tapDelayMs: 1_500 });
    const tender = new TenderPage(page);
    await counterPage.open('cashier', E2E_PASSWORD);
    const due = await startSale(counterPage, page, 3, 2);

    await tender.openCard(READER_LABEL);
    await shoot(page, 'counter-card-ready');
    await tender.chargeOnReader();
    await expect(tender.waiting).toContainText(`Present card on ${READER_LABEL}`);
    await expect(tender.waiting).toContainText(money(due));
    await shoot(page, 'counter-card-present');

    // Declined: said in words with the next step; nothing paid, the same amount still due.
    await expect(tender.notice).toContainText('The card was declined. Ask for another card, or take cash.', {
      timeout: 15_000,
    });
    await expect(tender.amountDue).toHaveText(money(due));
    await expect(tender.charge).toBeVisible();
    await shoot(page, 'counter-card-declined');

    await tender.chargeOnReader();
    await expect(counterPage.done).toBeVisible({ timeout: 20_000 });
    await shoot(page, 'counter-card-paid');

    const api = await CounterApi.login('cashier');
    const booking = await bookingByReference(api, page);
    expect(booking).toMatchObject({ status: 'confirmed', total: due, amountPaid: due, amountDue: 0 });
    expect(booking.payments.map((payment) => [payment.method, payment.amount, payment.status])).toEqual([
      ['card_present', due, 'failed'],
      ['card_present', due, 'succeeded'],
    ]);
    const declined = await api.call<Payment>('payments.get', { paymentId: booking.payments[0]?.id });
    expect(declined.failureCode).toBe('card_declined');
    const record = await fakeRecord(page);
    expect(record.connectionTokens).toBeGreaterThanOrEqual(1);
    expect(record.connected).toBe(readerId);
    expect(record.processed).toEqual([DECLINE_CARD, SUCCESS_CARD]);
  });

  test('split: part cash with change, the rest on the card, to the cent', async ({ page }) => {
    const readerId = await terminalJsReader();
    await serveFakeTerminal(page, { readerIds: [readerId] });
    const username = await createCashier('split');
    const counter = new CounterPage(page);
    const tender = new TenderPage(page);
    await counter.login.goto('/counter');
    await counter.login.login(username, E2E_PASSWORD);
    await counter.ensureShift('100');
    const due = await startSale(counter, page, 4, 3);
    const cashPart = 1000;
    expect(due).toBeGreaterThan(cashPart);

    // S: split. £10.00 of it in cash from a £20 note; the card part is shown as it is typed.
    await page.keyboard.press('s');
    await expect(tender.splitCashInput).toBeFocused();
    await page.keyboard.type('10');
    await expect(tender.splitCardPart).toHaveText(`Card: ${money(due - cashPart)}`);
    await page.keyboard.press('Enter');
    await expect(tender.cashInput).toBeFocused();
    await page.keyboard.type('20');
    await expect(page.locator('.tender__change')).toContainText(money(1000));
    await shoot(page, 'counter-split-cash');
    await page.keyboard.press('Enter');
    await expect(tender.notice).toContainText(
      `${money(cashPart)} cash taken — give ${money(1000)} change. ${money(due - cashPart)} still due`,
    );
    await expect(tender.amountDue).toHaveText(money(due - cashPart));

    // The split moves on to the card for the rest.
    await expect(tender.charge).toContainText(money(due - cashPart));
    await tender.openCard(READER_LABEL);
    await shoot(page, 'counter-split-card');
    await tender.chargeOnReader();
    await expect(counter.done).toBeVisible({ timeout: 20_000 });
    // The done screen still tells the change given with the cash part.
    await expect(page.getByTestId('change-due')).toHaveText(money(1000));

    const api = await CounterApi.login(username);
    const booking = await bookingByReference(api, page);
    expect(booking).toMatchObject({ status: 'confirmed', total: due, amountPaid: due, amountDue: 0 });
    expect(booking.payments.map((payment) => [payment.method, payment.amount, payment.status])).toEqual([
      ['cash', cashPart, 'succeeded'],
      ['card_present', due - cashPart, 'succeeded'],
    ]);
    const cash = await api.call<Payment>('payments.get', { paymentId: booking.payments[0]?.id });
    expect(cash).toMatchObject({ tendered: 2000, change: 1000 });
    const shift = await api.call<{ expectedCash: number }>('shifts.current', {});
    expect(shift.expectedCash).toBe(10_000 + cashPart);
  });

  test('a reader this till cannot reach: said in words, nothing charged, cash still works', async ({
    counterPage,
    page,
  }) => {
    await terminalJsReader();
    await serveFakeTerminal(page, { readerIds: [] }); // discovery finds nothing on this network
    const tender = new TenderPage(page);
    await counterPage.open('cashier', E2E_PASSWORD);
    const due = await startSale(counterPage, page, 5, 1);
    await tender.openCard(READER_LABEL);
    await tender.chargeOnReader();
    await expect(tender.notice).toContainText(`Can’t reach the card reader “${READER_LABEL}”`);
    await expect(tender.notice).toContainText('or take cash');
    await shoot(page, 'counter-card-unreachable');
    await expect(tender.amountDue).toHaveText(money(due));

    await page.keyboard.press('h');
    await page.keyboard.press('e');
    await expect(counterPage.done).toBeVisible();
    const booking = await bookingByReference(await CounterApi.login('cashier'), page);
    expect(booking.payments.map((payment) => payment.method)).toEqual(['cash']);
  });

  test('cancel on the counter while the reader waits: the PaymentIntent is cancelled, the booking payable', async ({
    counterPage,
    page,
  }) => {
    const readerId = await terminalJsReader();
    await serveFakeTerminal(page, { readerIds: [readerId], tapDelayMs: 60_000 });
    const tender = new TenderPage(page);
    await counterPage.open('cashier', E2E_PASSWORD);
    const due = await startSale(counterPage, page, 6, 1);
    await tender.openCard(READER_LABEL);
    await tender.chargeOnReader();
    await expect(tender.waiting).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tender.notice).toContainText('Card payment cancelled. Nothing was taken.');
    await expect(tender.amountDue).toHaveText(money(due));
    expect((await fakeRecord(page)).cancelled).toBe(1);

    // Paid in cash instead: the cancelled card payment stays on record, cancelled.
    await page.keyboard.press('h');
    await page.keyboard.press('e');
    await expect(counterPage.done).toBeVisible();
    const booking = await bookingByReference(await CounterApi.login('cashier'), page);
    expect(booking.payments.map((payment) => [payment.method, payment.status])).toEqual([
      ['card_present', 'cancelled'],
      ['cash', 'succeeded'],
    ]);
  });
});
