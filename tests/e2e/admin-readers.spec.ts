/**
 * Admin → Devices → Card readers: register a reader with its pairing code as a Terminal JS reader for the
 * counters, see its status, then move it to a kiosk (which makes it server-driven only), all checked over
 * the API; a reader the server refuses is said in words. Screenshot at 1366×768.
 */
import { expect, test } from './fixtures';
import { CounterApi } from './pages/counter-api';
import { ReadersPage } from './pages/readers-page';
import { E2E_PASSWORD, stripeUrl } from './support/env';

interface Reader {
  id: string;
  label: string;
  integration: string;
  assignment: string | null;
  deviceId: number | null;
  status: string;
}

test.describe('card readers in admin', () => {
  test.setTimeout(60_000);
  test.skip(() => stripeUrl() === null, 'needs the fake Stripe server of the global setup');

  test('register a Terminal JS reader for the counters, then move it to a kiosk', async ({ page }) => {
    const admin = await CounterApi.login('admin');
    const kioskName = `Foyer kiosk ${Date.now().toString(36)}`;
    const kiosk = await admin.call<{ device: { id: number } }>('devices.create', { name: kioskName, role: 'kiosk' });
    // Sorted after the demo's training reader, which the counter tests expect to be offered first.
    const label = `Upstairs bar till ${Date.now().toString(36)}`;

    const readers = new ReadersPage(page);
    await readers.goto('admin', E2E_PASSWORD);

    // Refused by Stripe: the reason is shown and nothing is registered.
    await readers.pairingCode.fill('invalid-code');
    await readers.label.fill(label);
    await readers.register.click();
    await expect(readers.error).toContainText('Pairing code: No reader has this registration code.');
    await expect(readers.row(label)).toHaveCount(0);

    await readers.pairingCode.fill('wpe-bar-till');
    await readers.driven.selectOption('terminal_js');
    // A Terminal JS reader is never offered a kiosk.
    await expect(readers.standsAt.locator('option', { hasText: kioskName })).toHaveCount(0);
    await readers.standsAt.selectOption('counter');
    await readers.register.click();
    await expect(readers.notice).toContainText(`“${label}” is registered (online)`);
    await expect(readers.row(label)).toContainText('Online');
    await expect(readers.drivenOf(label)).toHaveValue('terminal_js');
    await expect(readers.placeOf(label)).toHaveValue('counter');
    await page.screenshot({
      path: 'docs/screenshots/admin-readers-1366x768.png',
      fullPage: true,
      caret: 'hide',
      animations: 'disabled',
    });

    let listed = await admin.call<{ items: Reader[] }>('readers.list', {});
    const created = listed.items.find((reader) => reader.label === label);
    expect(created).toMatchObject({ integration: 'terminal_js', assignment: 'counter', deviceId: null });

    // To a kiosk: through Stripe first, then the kiosk is on offer.
    await readers.drivenOf(label).selectOption('server_driven');
    await expect(readers.notice).toContainText(`“${label}” saved.`);
    await readers.placeOf(label).selectOption({ label: `Kiosk: ${kioskName}` });
    await expect(readers.placeOf(label)).toHaveValue(`kiosk:${kiosk.device.id}`);
    listed = await admin.call<{ items: Reader[] }>('readers.list', {});
    expect(listed.items.find((reader) => reader.label === label)).toMatchObject({
      integration: 'server_driven',
      assignment: 'kiosk',
      deviceId: kiosk.device.id,
    });
  });
});
