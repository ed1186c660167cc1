/**
 * Selling at the counter, end to end against the demo server: a keyboard-only cash sale, a seat taken by
 * another till while selecting, a card sale on the (training) reader, a refund, and a shift close.
 * Every outcome is checked over the API too, not only on screen.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { CounterApi, createCashier, sellOverApi, type SoldBooking as Booking } from './pages/counter-api';
import { E2E_PASSWORD } from './support/env';

const money = (minor: number) => `£${(minor / 100).toFixed(2)}`;

test.describe('counter sale', () => {
  // Whole sales through the real server: more steps than the default 30 s allows on a busy machine.
  test.setTimeout(60_000);

  test('a cash sale of three tickets of two types, by keyboard only', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.openTomorrowsShow();

    // Best three available with one key, then Adult, Child, Child from the basket's quick keys.
    await page.keyboard.press('3');
    await expect(counterPage.basketLines).toHaveCount(3);
    await expect(counterPage.selectedSeats()).toHaveCount(3);
    await page.keyboard.press('a');
    await page.keyboard.press('c');
    await page.keyboard.press('c');
    await expect(counterPage.basketLines.nth(0).getByRole('combobox')).toHaveValue('adult');
    await expect(counterPage.basketLines.nth(1).getByRole('combobox')).toHaveValue('child');
    await expect(counterPage.basketLines.nth(2).getByRole('combobox')).toHaveValue('child');

    // Enter books the seats; the tender asks for cash with the field focused.
    await page.keyboard.press('Enter');
    await expect(counterPage.tender).toBeVisible();
    await expect(counterPage.cashInput).toBeFocused();
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect(counterPage.done).toBeVisible();
    const reference = (await counterPage.reference.textContent())?.trim() ?? '';
    expect(reference).not.toBe('');

    // The server's booking: confirmed, the three types, paid in cash; the change shown is what it computed.
    const api = await CounterApi.login('cashier');
    const found = await api.call<{ items: Booking[] }>('bookings.list', { reference });
    const booking = found.items[0];
    expect(booking?.status).toBe('confirmed');
    expect(booking?.tickets.map((ticket) => ticket.ticketType)).toEqual(['adult', 'child', 'child']);
    expect(booking?.amountPaid).toBe(booking?.total);
    const payment = await api.call<{ method: string; tendered: number; change: number }>('payments.get', {
      paymentId: booking?.payments[0]?.id,
    });
    expect(payment.method).toBe('cash');
    expect(payment.tendered).toBe(5000);
    expect(payment.change).toBe(5000 - (booking?.total ?? 0));
    await expect(counterPage.changeDue).toHaveText(money(5000 - (booking?.total ?? 0)));

    // N starts the next sale on the same show, with the sold seats now sold on the map.
    await page.keyboard.press('n');
    await expect(counterPage.basketLines).toHaveCount(0);
    await expect(counterPage.page.locator('.sale .seat-map__grid .seat[data-view="sold"]').first()).toBeVisible();
  });

  test('a seat taken by another till while selecting leaves the selection, and the sale goes on', async ({
    counterPage,
    page,
  }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.openTomorrowsShow(1);

    // Select the focused seat and the next one with Space.
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    await expect(counterPage.selectedSeats()).toHaveCount(2);
    const first = await counterPage.selectedSeats().first().getAttribute('data-seat-id');

    // Another till (the manager, over the API) holds that seat.
    const other = await CounterApi.login('manager');
    const showtime = await readShowtimeId(page);
    await other.call('holds.create', { showtimeId: showtime, seatIds: [Number(first)] });

    // The map shows it held, the basket drops it, and the cashier is told in words.
    await expect(counterPage.seat(first ?? '')).toHaveAttribute('data-view', 'held');
    await expect(counterPage.notice).toContainText('just taken by another sale');
    await expect(counterPage.basketLines).toHaveCount(1);

    // The sale recovers: the remaining seat books and goes to payment.
    await page.keyboard.press('Enter');
    await expect(counterPage.tender).toBeVisible();
    await expect(counterPage.basketLines).toHaveCount(1);

    // Escape from the payment gives the seats back (the unpaid booking is cancelled).
    await page.keyboard.press('Escape');
    await expect(counterPage.seatMap).toBeVisible();
  });

  test('a card sale on the reader: charged through Stripe (the test server), the booking confirmed', async ({
    counterPage,
    page,
  }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.openTomorrowsShow(2);
    await page.keyboard.press('1');
    await expect(counterPage.basketLines).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(counterPage.tender).toBeVisible();
    // K opens the card tab with the theater's reader chosen (the demo's training reader) and Charge focused.
    await page.keyboard.press('k');
    const charge = page.getByRole('button', { name: /^Charge .* on the reader/ });
    await expect(charge).toBeFocused();
    await expect(page.getByRole('combobox', { name: 'Card reader' })).toContainText('training');
    await page.keyboard.press('Enter');
    await expect(counterPage.done).toBeVisible({ timeout: 20_000 });
    const reference = (await counterPage.reference.textContent())?.trim() ?? '';

    const api = await CounterApi.login('cashier');
    const booking = (await api.call<{ items: Booking[] }>('bookings.list', { reference })).items[0];
    expect(booking?.status).toBe('confirmed');
    expect(booking?.payments.map((payment) => [payment.method, payment.status])).toEqual([
      ['card_present', 'succeeded'],
    ]);
    expect(booking?.amountPaid).toBe(booking?.total);
  });

  test('a sale is found by its reference and refunded with a reason', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    const api = await CounterApi.login('cashier');
    const booking = await sellOverApi(api, 2);

    await counterPage.waitForSchedule();
    await page.keyboard.press('l');
    await expect(counterPage.lookupInput).toBeFocused();
    await page.keyboard.type(booking.reference);
    await page.keyboard.press('Enter');
    await expect(counterPage.bookingDetail).toContainText(booking.reference);
    await expect(counterPage.bookingStatus).toHaveText('Confirmed');

    await page.keyboard.press('x');
    await expect(page.getByTestId('cancel-reason')).toBeFocused();
    await page.keyboard.type('Customer unwell');
    await page.keyboard.press('Enter');
    await expect(counterPage.bookingStatus).toHaveText(/Refunded|Cancelled/);
    await expect(page.getByTestId('amount-refunded')).toHaveText(money(booking.total));

    const after = await api.call<Booking>('bookings.get', { bookingId: booking.id });
    expect(after.amountRefunded).toBe(booking.total);
    expect(['refunded', 'cancelled']).toContain(after.status);
  });

  test('closing the shift shows expected, counted and the variance', async ({ counterPage, page }) => {
    const username = await createCashier('closer');
    await counterPage.login.goto('/counter');
    await counterPage.login.login(username, E2E_PASSWORD);
    await counterPage.ensureShift('100');
    await expect(counterPage.shiftChip).toContainText('float £100.00');

    // One cash sale of one ticket over the API on this shift: expected = float + the sale.
    const api = await CounterApi.login(username);
    const booking = await sellOverApi(api, 1);
    const open = await api.call<{ id: number }>('shifts.current', {});

    await counterPage.waitForSchedule();
    await page.keyboard.press('z');
    await expect(counterPage.closeShift).toBeVisible();
    await expect(page.getByTestId('expected-cash')).toHaveText(money(10_000 + booking.total));
    await expect(counterPage.countedInput).toBeFocused();
    await page.keyboard.type('95.50');
    await page.keyboard.press('Enter');
    const variance = 9550 - (10_000 + booking.total);
    await expect(counterPage.variance).toHaveText(`−${money(-variance)} · short`);

    const shift = await api.call<{ variance: number; closedAt: string | null }>('shifts.get', { shiftId: open.id });
    expect(shift.variance).toBe(variance);
    expect(shift.closedAt).not.toBeNull();

    // Done asks for a new shift's float.
    await page.keyboard.press('Enter');
    await expect(counterPage.floatInput).toBeVisible();
  });
});

async function readShowtimeId(page: Page): Promise<number> {
  const id = await page.getByTestId('sale').getAttribute('data-showtime-id');
  return Number(id);
}
