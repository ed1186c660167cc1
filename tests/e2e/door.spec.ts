import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { DoorPage, paidTicketsForSoonShow } from './pages/door-page';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

const shot = async (door: DoorPage, name: string) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await door.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), caret: 'hide', animations: 'disabled' });
};

test.describe('door', () => {
  test.describe.configure({ timeout: 60_000 });
  test('staff check tickets in: admit, already used, refunded, forged; the count; undo', async ({ page, request }) => {
    const { headers, showtimeId, booking, screen } = await paidTicketsForSoonShow(request, E2E_PASSWORD, 3);
    const [first, second, refunded] = booking.tickets;
    const cancel = await request.post(`/api/v1/bookings/${booking.id}/cancel`, {
      headers,
      data: { ticketIds: [refunded!.id] },
    });
    expect(cancel.ok()).toBe(true);

    const door = new DoorPage(page);
    await door.goto();
    await shot(door, 'door-login');
    await door.login('cashier', E2E_PASSWORD);
    await door.chooseShow(showtimeId);
    await expect(door.count).toContainText('0 / 2 sold');
    await expect(door.count).toContainText(screen.name);

    await door.scan(first!.code);
    await door.expectAnswer('admitted', 'Admit');
    await expect(door.answer).toContainText(`Seat ${first!.seatLabel}`);
    await expect(door.count).toContainText('1 / 2 sold');
    await shot(door, 'door-admitted');

    await door.scan(first!.code);
    await door.expectAnswer('already_used', 'Already used');
    await expect(door.answer).toContainText('(cashier)');
    await shot(door, 'door-already-used');

    await door.scan(refunded!.code);
    await door.expectAnswer('cancelled', 'Cancelled ticket');
    await expect(door.answer).toContainText('refunded');

    const forged = second!.code.slice(0, 60) + (second!.code[60] === 'A' ? 'B' : 'A') + second!.code.slice(61);
    await door.scan(forged);
    await door.expectAnswer('invalid', 'Not a valid ticket');
    await expect(door.count).toContainText('1 / 2 sold');

    await door.undo.click();
    await expect(door.answer).toContainText('may be scanned again');
    await expect(door.count).toContainText('0 / 2 sold');
    await expect(door.code).toBeFocused();
    await door.scan(first!.code);
    await door.expectAnswer('admitted', 'Admit');
    await door.scan(second!.code);
    await door.expectAnswer('admitted', 'Admit');
    await expect(door.count).toContainText('2 / 2 sold');
  });

  test('a door scanner pairs with a one-time code from admin and checks tickets in, without undo', async ({
    page,
    request,
  }) => {
    const { showtimeId, booking } = await paidTicketsForSoonShow(request, E2E_PASSWORD, 1);
    // The admin adds the scanner in Admin → Devices and reads its one-time pairing code.
    await page.goto('/admin/devices');
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Device name').fill('North door');
    await page.getByLabel('Kind').selectOption('scanner');
    await page.getByRole('button', { name: 'Add device' }).click();
    const pairingCode = (await page.getByTestId('pairing-code').locator('strong').textContent()) ?? '';
    expect(pairingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByTestId('device-table')).toContainText('Awaiting pairing');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'admin-devices.png'), caret: 'hide', animations: 'disabled' });

    const door = new DoorPage(page);
    await door.goto();
    await door.pairingCode.fill('WRONG-CODE');
    await door.pair.click();
    await expect(page.getByRole('alert')).toContainText('pairing code');
    await door.pairWith(pairingCode);
    await door.chooseShow(showtimeId);
    await expect(door.undo).toHaveCount(0);
    await door.scan(booking.tickets[0]!.code);
    await door.expectAnswer('admitted', 'Admit');

    // Any show: the same ticket again is a second use, and the answer names the device that admitted it.
    await door.show.selectOption('any');
    await door.scan(booking.tickets[0]!.code);
    await door.expectAnswer('already_used', 'Already used');
    await expect(door.answer).toContainText('North door');
    await shot(door, 'door-scanner');

    // Paired means paired: a reload goes straight back to the door.
    await page.reload();
    await expect(door.code).toBeVisible();
  });
});
