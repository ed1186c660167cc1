/**
 * The kiosk as its own PC, and what goes wrong at a kiosk: connecting with a one-time pairing code from
 * Admin → Devices (and a second kiosk with its own), a revoked kiosk sent back to the connect screen, the
 * box office out of reach in the middle of a card payment (page.route drops the payment's answer and every
 * later request, then lets them through again), a declined card then a good one (the fake Stripe declines
 * this booking's first card), a reader offline (a card-only kiosk is out of service), a printer out of
 * paper (the QR instead), and pickup by a scanned QR typed by a keyboard-wedge scanner.
 *
 * Touch screen, portrait 1080×1920; every new screen is also photographed and checked by axe in landscape
 * 1920×1080 (the viewport is turned for the picture and back).
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { KioskApi } from './pages/kiosk-api';
import type { KioskPage } from './pages/kiosk-page';
import type { BrowserGlobals, ImageState } from './support/browser';
import { E2E_PASSWORD, SCREENSHOT_DIR, stripeUrl } from './support/env';

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
}

/** Visible buttons smaller than 44×44 px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('button:visible').evaluateAll((buttons) =>
    buttons
      .map((button) => ({ name: button.textContent?.trim() ?? '', box: button.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page
    .locator('img')
    .evaluateAll((images) =>
      Promise.all(images.map((image) => (image as unknown as ImageState).decode().catch(() => undefined))),
    );
  await page.screenshot({ path: join(SCREENSHOT_DIR, `kiosk-${name}.png`), caret: 'hide', animations: 'disabled' });
}

/** The screen in both orientations: a picture, axe and 44 px targets in each; back to portrait after. */
async function checkBoth(page: Page, name: string, options: { axe?: boolean } = {}): Promise<void> {
  for (const [orientation, viewport] of [
    ['portrait', PORTRAIT],
    ['landscape', LANDSCAPE],
  ] as const) {
    await page.setViewportSize(viewport);
    await shoot(page, `${name}-${orientation}`);
    if (options.axe !== false) expect(await seriousViolations(page), `axe on ${name} ${orientation}`).toEqual([]);
    expect(await smallTargets(page), `small targets on ${name} ${orientation}`).toEqual([]);
  }
  await page.setViewportSize(PORTRAIT);
}

/** Film → time → 2 adults → seats → summary; the booking the server made for it. */
async function toSummary(kioskPage: KioskPage, page: Page): Promise<{ id: number; reference: string }> {
  await kioskPage.tap(kioskPage.firstDemoFilm());
  await kioskPage.tap(kioskPage.firstBookableTime());
  await kioskPage.tap(kioskPage.adds('adult'));
  await kioskPage.tap(kioskPage.adds('adult'));
  await kioskPage.tap(kioskPage.toSeats);
  await expect(kioskPage.selectedSeats).toHaveCount(2);
  const created = page.waitForResponse((response) => response.url().endsWith('/rpc/bookings.create'));
  await kioskPage.tap(kioskPage.toSummary);
  const booking = (await (await created).json()) as { id: number; reference: string };
  await expect(kioskPage.title).toHaveText('Check and pay', { timeout: 30_000 });
  return booking;
}

type ServerBooking = {
  status: string;
  reference: string;
  tickets: { code: string | null }[];
  payments: { method: string; status: string }[];
};

function rpcName(request: Request): string {
  return new URL(request.url()).pathname.split('/').pop() ?? '';
}

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: PORTRAIT, hasTouch: true });

test.describe('kiosk as its own PC', () => {
  test('connects with a one-time pairing code; a second kiosk with its own; a code works once', async ({
    kioskPage,
    page,
    request,
    browser,
  }) => {
    const admin = await new KioskApi(request).login('admin');
    const first = await admin.newKiosk('Foyer kiosk 2');
    const second = await admin.newKiosk('Foyer kiosk 3');

    await page.goto('/kiosk');
    await expect(kioskPage.title).toHaveText('Connect to a box office');
    // In a browser the page comes from the box office: its address is already filled in.
    await expect(kioskPage.serverAddress).toHaveValue(new URL(page.url()).origin);
    await kioskPage.pairingCode.fill(first.pairingCode);
    await checkBoth(page, 'connect');
    await kioskPage.tap(kioskPage.connect);
    await kioskPage.waitForAttract();

    // Connected means connected: a reload goes straight back to the posters.
    await page.reload();
    await kioskPage.waitForAttract();

    // The device is paired in Admin → Devices.
    const devices = await admin.call<{ items: { id: number; status: string }[] }>('devices.list', {});
    expect(devices.items.find((device) => device.id === first.id)?.status).toBe('paired');

    // Another PC (another browser profile): the used code is refused, its own code works.
    const other = await browser.newContext({ viewport: PORTRAIT, hasTouch: true });
    try {
      const otherPage = await other.newPage();
      await otherPage.goto('/kiosk');
      await otherPage.getByLabel('Pairing code').fill(first.pairingCode);
      await otherPage.getByRole('button', { name: 'Connect', exact: true }).tap();
      await expect(otherPage.getByRole('alert').filter({ hasText: 'wrong, used or expired' })).toBeVisible();
      await checkBoth(otherPage, 'connect-bad-code', { axe: true });
      await otherPage.getByLabel('Pairing code').fill(second.pairingCode);
      await otherPage.getByRole('button', { name: 'Connect', exact: true }).tap();
      await expect(otherPage.getByTestId('kiosk-film').first()).toBeVisible();
    } finally {
      await other.close();
    }
  });

  test('another box office address: its kiosk page opens and pairs there with the code', async ({
    kioskPage,
    page,
    request,
  }) => {
    const admin = await new KioskApi(request).login('admin');
    const kiosk = await admin.newKiosk('Kiosk by address');
    await page.goto('/kiosk');
    // The same server under another name is another origin for the browser.
    const other = new URL(page.url());
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    await kioskPage.serverAddress.fill(other.host);
    await kioskPage.pairingCode.fill(kiosk.pairingCode);
    await kioskPage.tap(kioskPage.connect);
    await kioskPage.waitForAttract();
    expect(new URL(page.url()).origin).toBe(other.origin);
    // The code travelled in the fragment and is gone from the address bar once used.
    expect(page.url()).not.toContain(kiosk.pairingCode);
  });

  test('a revoked kiosk goes back to the connect screen and says why', async ({ kioskPage, page, request }) => {
    const admin = await new KioskApi(request).login('admin');
    const kiosk = await admin.newKiosk('Kiosk to revoke');
    await kioskPage.connectWithCode(kiosk.pairingCode);
    await kioskPage.waitForAttract();
    await kioskPage.tap(kioskPage.firstDemoFilm());
    await expect(kioskPage.title).toHaveText('Choose a time');

    await admin.call('devices.revoke', { deviceId: kiosk.id });
    // Back at rest the kiosk checks its reader with its credential: refused, it must be connected again.
    await kioskPage.tap(kioskPage.startOver);
    await expect(kioskPage.title).toHaveText('Connect to a box office');
    await expect(page.getByRole('alert').filter({ hasText: 'pairing was revoked' })).toBeVisible();
    await checkBoth(page, 'revoked');
    // And it stays so after a restart.
    await page.reload();
    await expect(kioskPage.title).toHaveText('Connect to a box office');
  });

  test('the box office out of reach while paying: "Reconnecting…", then the same payment, one charge', async ({
    kioskPage,
    page,
    request,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const booking = await toSummary(kioskPage, page);

    // payments.create reaches the server, its answer is lost, and from then on nothing gets through.
    let down = false;
    let creates = 0;
    await page.route('**/rpc/**', async (route) => {
      const name = rpcName(route.request());
      if (name === 'payments.create' && !down) {
        creates += 1;
        await route.fetch();
        down = true;
        await route.abort('connectionreset');
        return;
      }
      if (down) {
        if (name === 'payments.create') creates += 1;
        await route.abort('connectionrefused');
        return;
      }
      await route.continue();
    });
    await kioskPage.tap(kioskPage.pay);
    await expect(kioskPage.reconnecting).toBeVisible();
    await expect(kioskPage.reconnecting).toContainText('Your payment is safe');
    // Start over cannot walk away from a payment whose outcome is unknown.
    await expect(kioskPage.startOver).toBeDisabled();
    await checkBoth(page, 'reconnecting-pay');

    // The box office took the payment meanwhile (the training reader taps a card by itself).
    const admin = await new KioskApi(request).login('admin');
    await expect
      .poll(async () => (await admin.call<ServerBooking>('bookings.get', { bookingId: booking.id })).status, {
        timeout: 30_000,
      })
      .toBe('confirmed');

    // Back on the network: the kiosk asks again with the same key and gets that payment, not a second one.
    down = false;
    await page.unroute('**/rpc/**');
    await expect(kioskPage.reference).toHaveText(booking.reference, { timeout: 30_000 });
    await expect(kioskPage.reconnecting).toHaveCount(0);
    const paid = await admin.call<ServerBooking>('bookings.get', { bookingId: booking.id });
    expect(paid.payments.map((payment) => [payment.method, payment.status])).toEqual([['card_present', 'succeeded']]);
    expect(creates).toBeGreaterThanOrEqual(1);
  });

  test('the box office out of reach at rest: "Reconnecting…" on the posters, back by itself', async ({
    kioskPage,
    page,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await page.route('**/rpc/**', (route) => route.abort('connectionrefused'));
    // A customer touches Collect tickets and types a reference: the lookup cannot reach the box office.
    await kioskPage.tap(kioskPage.collect);
    for (const character of 'ACDEFGH') await kioskPage.tap(kioskPage.key(character));
    await kioskPage.tap(page.getByRole('button', { name: 'Find my booking' }));
    await expect(kioskPage.reconnecting).toBeVisible();
    await expect(kioskPage.reconnecting).toContainText('Reconnecting to the box office');
    await checkBoth(page, 'reconnecting');
    await page.unroute('**/rpc/**');
    await expect(kioskPage.reconnecting).toHaveCount(0, { timeout: 20_000 });
  });
});

test.describe('kiosk payment failures', () => {
  test('a declined card, then a good one: tickets, and the server saw both', async ({ kioskPage, page, request }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const booking = await toSummary(kioskPage, page);
    const declined = await request.post(`${stripeUrl() ?? ''}/_control/decline`, { data: { bookingId: booking.id } });
    expect(declined.status()).toBe(204);

    await kioskPage.tap(kioskPage.pay);
    await expect(kioskPage.title).toHaveText('Your card was declined', { timeout: 30_000 });
    await expect(page.getByText('No money was taken')).toBeVisible();
    await checkBoth(page, 'declined');

    await kioskPage.tap(page.getByRole('button', { name: 'Try again' }));
    await expect(kioskPage.reference).toHaveText(booking.reference, { timeout: 30_000 });
    const admin = await new KioskApi(request).login('admin');
    const paid = await admin.call<ServerBooking>('bookings.get', { bookingId: booking.id });
    expect(paid.status).toBe('confirmed');
    expect(paid.payments.map((payment) => payment.status)).toEqual(['failed', 'succeeded']);
  });

  test('the reader offline: a card-only kiosk is out of service, pickup still works; back when it is', async ({
    kioskPage,
    page,
  }) => {
    let offline = true;
    await page.route('**/rpc/readers.list', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { items: { status: string }[] };
      if (offline) for (const reader of body.items) reader.status = 'offline';
      await route.fulfill({ response, json: body });
    });
    await kioskPage.openAccountSignIn();
    await kioskPage.login.login('kiosk1', E2E_PASSWORD);
    await expect(kioskPage.outOfService).toBeVisible();
    await expect(kioskPage.outOfService).toContainText('Out of service for ticket sales');
    await expect(kioskPage.outOfService).toContainText('card reader is offline');
    await expect(kioskPage.buy).toHaveCount(0);
    await expect(kioskPage.films).toHaveCount(0);
    await expect(kioskPage.startOver.or(kioskPage.language).first()).toBeVisible();
    await checkBoth(page, 'out-of-service');

    await kioskPage.tap(kioskPage.collect);
    await expect(kioskPage.title).toHaveText('Collect your tickets');
    offline = false;
    await kioskPage.tap(kioskPage.startOver);
    await kioskPage.waitForAttract();
    await expect(kioskPage.buy).toBeVisible();
  });

  // Fails on main after the merges: the kiosk shows "out of service" but the pending booking is not
  // cancelled (its seats wait for the hold to expire instead). Known bug, to be fixed; see the issue notes.
  test('the reader goes offline as the payment starts: out of service, the seats are released', async ({
    kioskPage,
    page,
    request,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const booking = await toSummary(kioskPage, page);
    // What the server answers when Stripe says the reader is offline: the payment failed, nothing taken.
    await page.route('**/rpc/payments.create', (route) =>
      route.fulfill({
        status: 201,
        json: {
          id: 999_999,
          bookingId: booking.id,
          method: 'card_present',
          amount: 1,
          currency: 'GBP',
          status: 'failed',
          failureCode: 'terminal_reader_offline',
        },
      }),
    );
    await kioskPage.tap(kioskPage.pay);
    await expect(kioskPage.outOfService).toBeVisible();
    await expect(kioskPage.outOfService).toContainText('card reader is offline');
    await checkBoth(page, 'reader-offline-pay');
    const admin = await new KioskApi(request).login('admin');
    await expect
      .poll(async () => (await admin.call<ServerBooking>('bookings.get', { bookingId: booking.id })).status)
      .toBe('cancelled');
  });

  test('the printer out of paper: the kiosk says so and shows the QR instead', async ({ kioskPage, page, request }) => {
    // A kiosk PC's window: the shell's bridge prints on the local printer, which refuses (no paper).
    await page.addInitScript(() => {
      Object.defineProperty(globalThis, 'marquee', {
        value: {
          transport: 'http',
          printTickets: () => Promise.resolve({ ok: false, reason: 'print_failed', message: 'Out of paper' }),
        },
      });
    });
    const admin = await new KioskApi(request).login('admin');
    const booking = await admin.paidBooking((await admin.upcomingShowtime()).id, 2);
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.tap(kioskPage.collect);
    for (const character of booking.reference) await kioskPage.tap(kioskPage.key(character));
    await kioskPage.tap(page.getByRole('button', { name: 'Find my booking' }));
    await expect(kioskPage.reference).toHaveText(booking.reference);
    await kioskPage.tap(page.getByRole('button', { name: 'Print tickets' }));
    await expect(kioskPage.printProblem).toContainText('out of paper');
    await expect(kioskPage.printProblem).toContainText('QR code');
    await expect(kioskPage.qr.first()).toBeVisible();
    await checkBoth(page, 'printer-out-of-paper');
  });
});

test.describe('kiosk pickup by QR', () => {
  test("a keyboard-wedge scanner types a ticket's code on the posters: straight to the tickets", async ({
    kioskPage,
    page,
    request,
  }) => {
    const admin = await new KioskApi(request).login('admin');
    const paid = await admin.paidBooking((await admin.upcomingShowtime()).id, 2);
    const booking = await admin.call<ServerBooking>('bookings.get', { bookingId: paid.id });
    const code = booking.tickets[0]?.code;
    expect(code).toBeTruthy();
    await kioskPage.pair('kiosk1', E2E_PASSWORD);

    // No text field anywhere: the page listens for the scanner's burst of keys and its Enter.
    await expect(page.locator('input:visible')).toHaveCount(0);
    await page.keyboard.type(code ?? '');
    await page.keyboard.press('Enter');
    await expect(kioskPage.title).toHaveText('Collect your tickets');
    await expect(kioskPage.reference).toHaveText(paid.reference);
    await expect(kioskPage.qr).toHaveCount(2);
    await checkBoth(page, 'pickup-scanned');
  });

  test('on the pickup screen too; a code that is not ours says so', async ({ kioskPage, page, request }) => {
    const admin = await new KioskApi(request).login('admin');
    const paid = await admin.paidBooking((await admin.upcomingShowtime()).id, 1);
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.tap(kioskPage.collect);
    await expect(page.getByText('hold the QR code of your booking under the scanner')).toBeVisible();
    await checkBoth(page, 'pickup-scan');

    await page.keyboard.type('0123456789ABCDEFGHJK');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'could not read that code' })).toBeVisible();

    // A booking's reference QR works as well (the kiosk's own QR when a booking has no ticket codes).
    await page.keyboard.type(paid.reference);
    await page.keyboard.press('Enter');
    await expect(kioskPage.reference).toHaveText(paid.reference);
  });
});
