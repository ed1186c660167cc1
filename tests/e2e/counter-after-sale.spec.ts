/**
 * After the sale at the counter: a booking exchanged to another show of the same film, and the till
 * locked and handed to another cashier without closing the app. Outcomes are checked over the API.
 */
import { expect, test } from './fixtures';
import { CounterApi, createCashier, sellOverApi, type SoldBooking } from './pages/counter-api';
import { E2E_PASSWORD } from './support/env';

test.describe('counter after the sale', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a sale is exchanged to another show of the film: old seats freed, new tickets valid', async ({
    counterPage,
    page,
  }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    const api = await CounterApi.login('cashier');
    const booking = await sellOverApi(api, 2);

    await counterPage.waitForSchedule();
    await page.keyboard.press('l');
    await expect(counterPage.lookupInput).toBeFocused();
    await page.keyboard.type(booking.reference);
    await page.keyboard.press('Enter');
    await expect(counterPage.bookingStatus).toHaveText('Confirmed');

    // G opens the exchange with the film's other shows; the first one is focused, Enter takes it.
    await page.keyboard.press('g');
    const choice = page.locator('.exchange__choice').first();
    await expect(choice).toBeFocused();
    await page.screenshot({ path: 'test-results/screenshots/counter-exchange-1366.png' });
    await page.keyboard.press('Enter');
    // The card now shows the new booking, paid and confirmed.
    await expect(counterPage.bookingDetail).not.toContainText(booking.reference);
    await expect(counterPage.bookingStatus).toHaveText('Confirmed');
    await expect(counterPage.bookingDetail.getByRole('alert')).toContainText('Exchanged to');
    await page.screenshot({ path: 'test-results/screenshots/counter-exchanged-1366.png' });
    const newReference = (await counterPage.bookingDetail.locator('h2, h3').first().textContent())?.trim() ?? '';

    const old = await api.call<SoldBooking>('bookings.get', { bookingId: booking.id });
    expect(old.status).toBe('cancelled');
    expect(old.tickets.every((ticket) => ticket.status === 'cancelled' || ticket.status === 'refunded')).toBe(true);
    const found = await api.call<{ items: SoldBooking[] }>('bookings.list', { reference: newReference });
    const fresh = found.items[0];
    expect(fresh?.showtimeId).not.toBe(booking.showtimeId);
    expect(fresh?.status).toBe('confirmed');
    expect(fresh?.tickets).toHaveLength(2);
    expect(fresh?.tickets.every((ticket) => ticket.status === 'valid')).toBe(true);
    // The old show's seats are on sale again.
    const map = await api.call<{ seats: Array<{ label: string; status: string }> }>('seatmap.get', {
      showtimeId: booking.showtimeId,
    });
    const oldSeats = new Set(booking.tickets.map((ticket) => ticket.seatLabel));
    expect(map.seats.filter((seat) => oldSeats.has(seat.label)).map((seat) => seat.status)).toEqual([
      'available',
      'available',
    ]);
  });

  test('Ctrl+L locks the till; another cashier signs in on it without closing the app', async ({
    counterPage,
    page,
  }) => {
    const first = await createCashier('early', { pin: '4821' });
    const second = await createCashier('late');
    await counterPage.login.goto('/counter');
    await counterPage.login.login(first, E2E_PASSWORD);
    await counterPage.ensureShift('50');
    await counterPage.waitForSchedule();

    await page.keyboard.press('Control+l');
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(lock.getByRole('heading')).toHaveText('Counter locked');
    // The till under the lock cannot be reached.
    await expect(page.locator('.counter-root')).toHaveAttribute('inert', '');

    // A wrong password keeps it locked and says so.
    await page.getByTestId('unlock-password').fill('not the password');
    await page.keyboard.press('Enter');
    await expect(lock.getByRole('alert')).toBeVisible();
    await expect(lock).toBeVisible();

    // The cashier's PIN opens it too; a wrong one is refused in words.
    await lock.getByRole('button', { name: 'PIN', exact: true }).click();
    await expect(page.getByTestId('unlock-password')).toBeFocused();
    await page.keyboard.type('1111');
    await page.keyboard.press('Enter');
    await expect(lock.getByRole('alert')).toHaveText(/Wrong PIN/);
    await page.keyboard.type('4821');
    await page.keyboard.press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(page.getByText(first, { exact: true })).toBeVisible();

    await page.keyboard.press('Control+l');
    await expect(lock).toBeVisible();
    await lock.getByRole('button', { name: 'Switch cashier' }).click();
    await expect(lock.getByRole('heading')).toHaveText('Switch cashier');
    await lock.getByLabel('Username').fill(second);
    await page.getByTestId('unlock-password').fill(E2E_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(lock).toHaveCount(0);

    // The second cashier has no shift yet: the counter asks for their float, not the first one's.
    await expect(counterPage.floatInput).toBeVisible();
    await expect(page.getByText(second, { exact: true })).toBeVisible();
    await expect(page.getByText(first, { exact: true })).toHaveCount(0);
  });
});
