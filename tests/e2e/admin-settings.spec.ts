/**
 * Admin → Settings in Chromium: a theater's details edited on the page (a bad phone number refused in
 * words) and printed on its receipt; Stripe keys entered and the connection tested against the fake
 * Stripe server (the e2e server also has STRIPE_SECRET_KEY in its environment, which the page says wins);
 * kiosk options (15 s idle, large text, no payment methods) taking effect on a kiosk paired to that
 * theater. axe-core on every tab; screenshots to docs/screenshots/admin-settings*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { KioskApi } from './pages/kiosk-api';
import { KioskPage } from './pages/kiosk-page';
import { SettingsPage } from './pages/settings-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

async function axeSerious(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, path: string) {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.screenshot({ path, caret: 'hide', animations: 'disabled', fullPage: true });
}

test.describe('admin settings', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('theater details on the receipt, Stripe keys tested, kiosk options on the kiosk', async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(150_000);
    // A theater of this test's own, so the demo cinema other tests use keeps its settings.
    const api = await new KioskApi(request).login('admin');
    const name = `Harbour Lights ${Date.now().toString(36).slice(-4)}`;
    const theater = await api.call<{ id: number }>('theaters.create', {
      name,
      timeZone: 'Europe/London',
      currency: 'GBP',
    });
    const screen = await api.call<{ id: number }>('screens.create', {
      theaterId: theater.id,
      name: 'Studio',
      layout: {
        rows: [{ label: 'A', seats: [1, 2, 3, 4, 5, 6].map((number) => ({ number, type: 'standard' })) }],
      },
    });
    const films = await api.call<{ items: { id: number }[] }>('movies.list', {});
    const startsAt = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 300_000) * 300_000).toISOString();
    const showtime = await api.call<{ id: number }>('showtimes.create', {
      movieId: films.items[0]!.id,
      screenId: screen.id,
      startsAt,
    });

    // ---- the theater's details ----
    const settings = new SettingsPage(page);
    await settings.open('admin', E2E_PASSWORD);
    await settings.theaterPicker.selectOption({ label: name });
    await expect(settings.field('Name')).toHaveValue(name);
    await settings.field('Phone').fill('call us');
    await settings.button('Save theater').click();
    await expect(page.getByText('digits, spaces and + ( ) - . / only')).toBeVisible();
    await expect(settings.field('Phone')).toHaveAttribute('aria-invalid', 'true');

    await settings.field('Phone').fill('+44 117 496 0123');
    await settings.field('Address').fill('3 Harbour Walk, Bristol BS1 5DB');
    await settings.field('VAT or tax number').fill('GB 987 6543 21');
    await settings.field('Doors open').fill('20');
    await settings.field(/Manager approves refunds over/).fill('40.00');
    await settings.button('Save theater').click();
    await expect(settings.status('Saved.')).toBeVisible();
    const saved = await api.call<Record<string, unknown>>('theaters.get', { theaterId: theater.id });
    expect(saved).toMatchObject({
      phone: '+44 117 496 0123',
      address: '3 Harbour Walk, Bristol BS1 5DB',
      vatNumber: 'GB 987 6543 21',
      doorOpensMinutes: 20,
      refundApprovalAbove: 4000,
    });
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'docs/screenshots/admin-settings.png');

    // ...printed on the receipt of a sale there.
    const booking = await api.paidBooking(showtime.id, 2);
    const layout = await api.call<{ html: string }>('tickets.preview', {
      bookingId: booking.id,
      format: 'thermal80',
      receipt: true,
    });
    const receipt = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await receipt.setContent(layout.html);
    const venue = receipt.locator('.receipt [data-venue]');
    await expect(venue).toContainText('3 Harbour Walk, Bristol BS1 5DB');
    await expect(venue).toContainText('Tel. +44 117 496 0123');
    await expect(venue).toContainText('VAT no. GB 987 6543 21');
    await expect(receipt.locator('.ticket').first()).toContainText('3 Harbour Walk, Bristol BS1 5DB');
    await receipt.locator('.receipt').screenshot({ path: 'docs/screenshots/admin-settings-receipt.png' });
    await receipt.close();

    // ---- Stripe ----
    await settings.tab('Card payments');
    await expect(page.getByTestId('stripe-state')).toHaveText(/Card payments on · test mode/);
    await expect(page.getByRole('note')).toContainText('Those win');
    await expect(page.getByTestId('stripe-status')).toContainText(
      "from STRIPE_SECRET_KEY in the server's environment".replace("'", '’'),
    );
    await settings.field('New secret key').fill('not a key');
    await settings.button('Save keys').click();
    await expect(page.getByText('must be a Stripe secret key')).toBeVisible();
    await settings.field('New secret key').fill('sk_test_e2eSettingsPageKey4242');
    await settings.field(/webhook signing secret/i).fill('whsec_e2eSettingsPage5678');
    await settings.button('Save keys').click();
    await expect(settings.status('Saved.')).toBeVisible();
    await expect(settings.field('New secret key')).toHaveValue('');
    await expect(page.getByTestId('stripe-status')).toContainText('by admin');
    await expect(page.getByTestId('stripe-status')).toContainText('…5678');
    await expect(page.locator('body')).not.toContainText('e2eSettingsPageKey');
    await settings.button('Test connection').click();
    await expect(page.getByTestId('stripe-test-result')).toHaveText('Connected to Stripe (test mode).');
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'docs/screenshots/admin-settings-payments.png');
    // Put the e2e server back as it was: no stored keys.
    await settings.button('Remove stored keys').click();
    await expect(settings.status('removed')).toBeVisible();

    // ---- printers (a browser prints through its own dialog) ----
    await settings.tab('Printers');
    await expect(page.getByTestId('printers-browser')).toContainText('prints with its own print dialog');
    expect(await axeSerious(page)).toEqual([]);

    // ---- kiosk options ----
    await settings.tab('Kiosks');
    await settings.theaterPicker.selectOption({ label: name });
    await settings.field('Reset after no touch for').fill('5');
    await settings.button('Save kiosk options').click();
    await expect(page.getByText('Between 15 and 600 seconds.')).toBeVisible();
    await settings.field('Reset after no touch for').fill('15');
    await page.getByLabel(/Easy to read/).check();
    await page.getByLabel(/Card on the kiosk’s reader/).uncheck();
    await expect(page.getByText('With none, kiosks only hand out tickets booked elsewhere')).toBeVisible();
    await settings.button('Save kiosk options').click();
    await expect(settings.status('Saved.')).toBeVisible();
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'docs/screenshots/admin-settings-kiosk.png');

    // A kiosk of that theater: starts in large text, sells nothing (no payment method), and asks
    // "Are you still there?" after 15 s without a touch instead of 45.
    const created = await api.call<{ pairingCode: string }>('devices.create', {
      name: `Kiosk ${name}`,
      role: 'kiosk',
      theaterId: theater.id,
    });
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const kiosk = new KioskPage(await context.newPage());
    await kiosk.connectWithCode(created.pairingCode);
    await expect(kiosk.outOfService).toBeVisible({ timeout: 20_000 });
    await expect(kiosk.page.locator('html')).toHaveAttribute('data-text', 'large');
    await kiosk.tap(kiosk.collect);
    const touched = Date.now();
    await expect(kiosk.idleDialog).toBeVisible({ timeout: 35_000 });
    expect(Date.now() - touched).toBeLessThan(35_000);
    await context.close();
  });
});
