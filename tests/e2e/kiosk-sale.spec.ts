/**
 * The kiosk's sale on a touch screen, in both orientations (1080×1920 portrait, 1920×1080 landscape), with
 * taps: two adult tickets from the attract screen to "present your card" in at most 7 taps (with card
 * payments not configured on the test server, the out-of-service message takes the card screen's place
 * and the seats are released), pickup by reference, the inactivity reset releasing the hold (Playwright's
 * clock), the language switch, the large-text mode, and axe-core on every screen. Each screen is
 * photographed into test-results/screenshots/kiosk-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { KioskApi } from './pages/kiosk-api';
import type { KioskPage } from './pages/kiosk-page';
import type { BrowserGlobals, ImageState } from './support/browser';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

/** The one browser global the text-size check reads (the tests compile without the DOM library). */
interface StyleGlobals {
  getComputedStyle(element: unknown): { fontSize: string };
}

const ORIENTATIONS = [
  { name: 'portrait', viewport: { width: 1080, height: 1920 } },
  { name: 'landscape', viewport: { width: 1920, height: 1080 } },
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page
    .locator('img')
    .evaluateAll((images) =>
      Promise.all(images.map((image) => (image as unknown as ImageState).decode().catch(() => undefined))),
    );
  await page.screenshot({ path: join(SCREENSHOT_DIR, `kiosk-${name}.png`), caret: 'hide', animations: 'disabled' });
}

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

/** Runs `work` on a paused page clock, moving page time 20 ms for every 50 ms of real time until it ends. */
async function whileTimeTrickles<T>(page: Page, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  while (!done) {
    await page.clock.runFor(20);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return result;
}

/** Every visible control is at least 44×44 px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('button:visible').evaluateAll((buttons) =>
    buttons
      .map((button) => ({
        name: button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '',
        box: button.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

/**
 * A screenshot of the screen, and axe-core on it in portrait (the same markup in landscape: axe takes
 * seconds a screen, so it runs once).
 */
async function check(page: Page, name: string): Promise<void> {
  await shoot(page, name);
  if (name.endsWith('landscape')) return;
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

test.describe.configure({ timeout: 120_000 });

for (const orientation of ORIENTATIONS) {
  test.describe(`kiosk sale, ${orientation.name}`, () => {
    test.use({ viewport: orientation.viewport, hasTouch: true });

    test('two adult tickets: attract to "present your card" in at most 7 taps', async ({
      kioskPage,
      page,
      request,
    }) => {
      await kioskPage.pair('kiosk1', E2E_PASSWORD);
      await kioskPage.expectPostersLoaded();
      await check(page, `attract-${orientation.name}`);
      kioskPage.taps = 0;

      await kioskPage.tap(kioskPage.firstDemoFilm());
      await expect(kioskPage.title).toHaveText('Choose a time');
      await expect(kioskPage.steps.locator('[aria-current="step"]')).toContainText('Time');
      await expect(kioskPage.times.first()).toBeVisible();
      await check(page, `times-${orientation.name}`);

      await kioskPage.tap(kioskPage.firstBookableTime());
      await expect(kioskPage.title).toHaveText('How many tickets?');
      await kioskPage.tap(kioskPage.adds('adult'));
      await kioskPage.tap(kioskPage.adds('adult'));
      await expect(kioskPage.toSeats).toContainText('2 tickets');
      await check(page, `tickets-${orientation.name}`);

      await kioskPage.tap(kioskPage.toSeats);
      await expect(kioskPage.title).toHaveText('Your seats');
      // Best available is pre-selected and held on the server.
      await expect(kioskPage.selectedSeats).toHaveCount(2);
      await expect(kioskPage.toSummary).toBeEnabled();
      const labels = await kioskPage.selectedSeats.evaluateAll((seats) =>
        seats.map((seat) => seat.getAttribute('aria-label')),
      );
      expect(labels.every((label) => /^Row \w+, seat \d+.*, selected$/.test(label ?? ''))).toBe(true);
      await check(page, `seats-${orientation.name}`);

      await kioskPage.tap(kioskPage.toSummary);
      // bookings.create prices every ticket on the server: give it time on a busy machine.
      await expect(kioskPage.title).toHaveText('Check and pay', { timeout: 30_000 });
      // The server's total: two adult prices.
      await expect(kioskPage.total).toContainText(/\d/);
      await check(page, `summary-${orientation.name}`);

      await kioskPage.tap(kioskPage.pay);
      expect(kioskPage.taps).toBeLessThanOrEqual(7);
      // The reader waits for the card (the test server's reader is a training reader that taps a test
      // card by itself), then the tickets with the booking reference.
      await expect(kioskPage.presentCard.or(kioskPage.reference)).toBeVisible();
      await expect(kioskPage.reference).toBeVisible({ timeout: 30_000 });
      await check(page, `tickets-done-${orientation.name}`);
      const reference = (await kioskPage.reference.textContent())?.trim() ?? '';

      // The server's booking: confirmed, paid by card on the reader, two adult tickets.
      const api = await new KioskApi(request).login('admin');
      const found = await api.call<{
        items: { status: string; tickets: { ticketType: string }[]; payments: { method: string; status: string }[] }[];
      }>('bookings.list', { reference });
      expect(found.items[0]?.status).toBe('confirmed');
      expect(found.items[0]?.tickets.map((ticket) => ticket.ticketType)).toEqual(['adult', 'adult']);
      expect(found.items[0]?.payments.map((payment) => [payment.method, payment.status])).toEqual([
        ['card_present', 'succeeded'],
      ]);
    });

    test('pickup by reference shows the booking and its QR', async ({ kioskPage, page, request }) => {
      const api = await new KioskApi(request).login('admin');
      const showtime = await api.upcomingShowtime();
      const booking = await api.paidBooking(showtime.id, 2);
      await kioskPage.pair('kiosk1', E2E_PASSWORD);
      await kioskPage.tap(kioskPage.collect);
      await expect(kioskPage.title).toHaveText('Collect your tickets');
      // The keyboard has only the characters a reference can have: no O, I, 0, 1.
      await expect(kioskPage.key('O')).toHaveCount(0);
      await expect(kioskPage.key('0')).toHaveCount(0);
      for (const character of booking.reference) await kioskPage.tap(kioskPage.key(character));
      await check(page, `pickup-${orientation.name}`);
      await kioskPage.tap(page.getByRole('button', { name: 'Find my booking' }));
      await expect(kioskPage.reference).toHaveText(booking.reference);
      await expect(kioskPage.qr.first()).toBeVisible();
      await check(page, `pickup-done-${orientation.name}`);

      // No printer in a browser: the kiosk says so and points at the QR.
      await kioskPage.tap(page.getByRole('button', { name: 'Print tickets' }));
      await expect(page.getByRole('alert')).toContainText('photograph the code');
      await check(page, `print-unavailable-${orientation.name}`);
    });
  });
}

test.describe('kiosk, never stuck', () => {
  test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

  /** Through the seats step with two adults; the held seats and their showtime. */
  async function holdTwo(kioskPage: KioskPage, page: Page): Promise<{ showtimeId: number; seatIds: number[] }> {
    await kioskPage.tap(kioskPage.firstDemoFilm());
    await kioskPage.tap(kioskPage.firstBookableTime());
    await kioskPage.tap(kioskPage.adds('adult'));
    await kioskPage.tap(kioskPage.adds('adult'));
    const holdRequest = page.waitForRequest('**/rpc/holds.create');
    await kioskPage.tap(kioskPage.toSeats);
    const { showtimeId } = (await holdRequest).postDataJSON() as { showtimeId: number };
    await expect(kioskPage.selectedSeats).toHaveCount(2);
    const seatIds = (
      await kioskPage.selectedSeats.evaluateAll((seats) => seats.map((seat) => seat.getAttribute('data-seat-id')))
    ).map(Number);
    return { showtimeId, seatIds };
  }

  test('inactivity warns with a countdown, then starts over and releases the hold', async ({
    kioskPage,
    page,
    request,
  }) => {
    await page.clock.install();
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const { showtimeId, seatIds } = await holdTwo(kioskPage, page);
    const api = await new KioskApi(request).login('admin');
    expect(await api.seatStatuses(showtimeId, seatIds)).toEqual(['held', 'held']);

    // From one last touch, time moves only when the test says so: 44 s of nothing, no warning yet; at 45 s
    // the warning with its countdown.
    await page.clock.pauseAt(Date.now() + 1_000);
    await kioskPage.tap(kioskPage.title);
    await page.clock.runFor(44_000);
    await expect(kioskPage.idleDialog).toHaveCount(0);
    await page.clock.runFor(2_000);
    await expect(kioskPage.idleDialog).toBeVisible();
    await expect(kioskPage.idleDialog).toContainText('Are you still there?');
    await expect(kioskPage.idleDialog).toContainText(/starts over in \d+ seconds/);
    await shoot(page, 'idle-portrait');

    // "I am still here" keeps the sale.
    await kioskPage.tap(kioskPage.stillHere);
    await expect(kioskPage.idleDialog).toHaveCount(0);
    await expect(kioskPage.selectedSeats).toHaveCount(2);

    // Then nobody: warning, countdown, back to the posters, and the seats are free again on the server.
    await page.clock.runFor(46_000);
    await expect(kioskPage.idleDialog).toBeVisible();
    await page.clock.runFor(21_000);
    await kioskPage.waitForAttract();
    await expect(kioskPage.idleDialog).toHaveCount(0);
    await expect.poll(() => api.seatStatuses(showtimeId, seatIds)).toEqual(['available', 'available']);
  });

  test('the inactivity warning passes axe', async ({ kioskPage, page }) => {
    await page.clock.install();
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.tap(kioskPage.firstDemoFilm());
    await page.clock.pauseAt(Date.now() + 1_000);
    await kioskPage.tap(kioskPage.title);
    await page.clock.runFor(46_000);
    await expect(kioskPage.idleDialog).toBeVisible();
    // axe waits on timers of its own: let a little page time flow while it looks (not the countdown's 20 s).
    expect(await whileTimeTrickles(page, seriousViolations(page))).toEqual([]);
  });

  test('Start over on the seats step releases the hold; Back walks back one step', async ({
    kioskPage,
    page,
    request,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const { showtimeId, seatIds } = await holdTwo(kioskPage, page);
    await kioskPage.tap(kioskPage.back);
    await expect(kioskPage.title).toHaveText('How many tickets?');
    const api = await new KioskApi(request).login('admin');
    await expect.poll(() => api.seatStatuses(showtimeId, seatIds)).toEqual(['available', 'available']);
    await kioskPage.tap(kioskPage.toSeats);
    await expect(kioskPage.selectedSeats).toHaveCount(2);
    await kioskPage.tap(kioskPage.startOver);
    await kioskPage.waitForAttract();
    const again = (await api.seatStatuses(showtimeId, seatIds)).filter((status) => status === 'held');
    expect(again).toEqual([]);
  });

  test('a seat taken meanwhile: the kiosk says so and keeps the seats it held', async ({
    kioskPage,
    page,
    request,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const { showtimeId } = await holdTwo(kioskPage, page);
    // Free one of ours, then someone else takes a free seat before we touch it.
    const api = await new KioskApi(request).login('admin');
    const map = await api.call<{ seats: { id: number; status: string; type: string }[] }>('seatmap.get', {
      showtimeId,
    });
    // Any free seat a customer may pick (premium too: earlier tests fill the same show's standard seats).
    const victim = map.seats.find(
      (seat) => seat.status === 'available' && seat.type !== 'wheelchair' && seat.type !== 'companion',
    );
    if (!victim) {
      const counts = map.seats.reduce<Record<string, number>>((all, seat) => {
        const key = `${seat.type}/${seat.status}`;
        all[key] = (all[key] ?? 0) + 1;
        return all;
      }, {});
      throw new Error(`no free seat on showtime ${showtimeId}: ${JSON.stringify(counts)}`);
    }
    await kioskPage.tap(kioskPage.selectedSeats.first());
    await expect(kioskPage.selectedSeats).toHaveCount(1);
    await api.call('holds.create', { showtimeId, seatIds: [victim.id] });
    await kioskPage.tap(page.locator(`[data-seat-id="${victim.id}"]`));
    await expect(page.getByRole('alert')).toContainText('that seat was just taken');
    await expect(kioskPage.selectedSeats).toHaveCount(2);
    await expect(kioskPage.toSummary).toBeEnabled();
    await shoot(page, 'seat-taken-portrait');
  });
});

test.describe('kiosk, reading and language', () => {
  test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true });

  test('language switch on every screen: Spanish words, money and dates in es-ES', async ({ kioskPage, page }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.tap(kioskPage.language);
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(kioskPage.buy).toHaveText(/Toque para comprar entradas/);
    await expect(page.getByText(/^Hoy · /)).toBeVisible();
    await kioskPage.tap(kioskPage.firstDemoFilm());
    await expect(kioskPage.title).toHaveText('Elija una hora');
    await kioskPage.tap(kioskPage.firstBookableTime());
    await expect(kioskPage.title).toHaveText('¿Cuántas entradas?');
    // es-ES money: comma decimals and the symbol after the amount.
    await expect(page.getByTestId('kiosk-ticket-adult')).toContainText(/\d+,\d{2}\s£ cada una/);
    await check(page, 'tickets-es-portrait');
    // And back to English from here.
    await kioskPage.tap(kioskPage.language);
    await expect(kioskPage.title).toHaveText('How many tickets?');
  });

  test('large text and high contrast one tap away on every screen; lowered layout keeps controls low', async ({
    kioskPage,
    page,
  }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.tap(kioskPage.firstDemoFilm());
    const before = await kioskPage.title.evaluate((element) =>
      parseFloat((globalThis as unknown as StyleGlobals).getComputedStyle(element).fontSize),
    );
    await kioskPage.tap(kioskPage.easyRead);
    await expect(kioskPage.easyRead).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    const after = await kioskPage.title.evaluate((element) =>
      parseFloat((globalThis as unknown as StyleGlobals).getComputedStyle(element).fontSize),
    );
    expect(after).toBeGreaterThan(before * 1.15);
    expect(await smallTargets(page)).toEqual([]);
    await check(page, 'times-easy-read-portrait');

    await kioskPage.tap(kioskPage.lowered);
    await expect(kioskPage.lowered).toHaveAttribute('aria-pressed', 'true');
    // Every time button sits in the lower 62% of the screen.
    const tops = await kioskPage.times.evaluateAll((buttons) =>
      buttons.map((button) => button.getBoundingClientRect().top),
    );
    expect(Math.min(...tops)).toBeGreaterThan(1920 * 0.38);
    await check(page, 'times-lowered-portrait');
  });
});
