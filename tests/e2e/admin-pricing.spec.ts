/**
 * Pricing and scheduling in admin mode against the demo server: a price edited in the price list changes
 * the server's price grid at once (draft) and after saving, and the counter then sells at that price;
 * a week scheduled in bulk with one conflict lists it and saves the rest; a showtime moved from the
 * keyboard is checked by the server before it is saved.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
import { CounterApi, createCashier } from './pages/counter-api';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

interface PriceList {
  theaterId: number;
  vatRateBasisPoints: number;
  ticketTypes: { code: string; name: string; basePrice: number; active: boolean }[];
  rules: unknown[];
}
interface Preview {
  ticketTypes: { code: string; cells: { seatType: string; price: number }[] }[];
}

const money = (minor: number) => `£${(minor / 100).toFixed(2)}`;
const pounds = (text: string | null) => Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    caret: 'hide',
    animations: 'disabled',
    fullPage,
  });
}

/** The schedule's week starts today: steps forward whole weeks, each once the label has changed. */
async function forwardWeeks(page: Page, weeks: number): Promise<void> {
  const label = page.locator('.week-nav__label');
  for (let week = 0; week < weeks; week += 1) {
    const before = (await label.textContent()) ?? '';
    await page.getByRole('button', { name: 'Next week' }).click();
    await expect(label).not.toHaveText(before);
  }
}

/** Active films, shortest first: times in these tests leave room for films of up to two hours. */
async function shortFilms(api: CounterApi) {
  const films = await api.call<{ items: { id: number; title: string; durationMinutes: number }[] }>('movies.list', {
    status: 'active',
  });
  const items = [...films.items].sort((a, b) => a.durationMinutes - b.durationMinutes);
  expect(items[2]!.durationMinutes).toBeLessThanOrEqual(125);
  return { items };
}

function cellPrice(preview: Preview, code: string, seatType: string): number {
  const cell = preview.ticketTypes.find((type) => type.code === code)?.cells.find((c) => c.seatType === seatType);
  if (!cell) throw new Error(`no ${code} × ${seatType} in the preview`);
  return cell.price;
}

test.describe('admin pricing', () => {
  test.setTimeout(120_000);

  test('a price edited in the list changes the grid, and the counter sells at the new price', async ({
    page,
    counterPage,
  }) => {
    const admin = await CounterApi.login('admin');
    const theaterId = (await admin.call<{ items: { id: number }[] }>('theaters.list', {})).items[0]!.id;
    const original = await admin.call<PriceList>('pricing.get', { theaterId });
    const student = original.ticketTypes.find((type) => type.code === 'student')!;
    const newPrice = student.basePrice + 130;
    try {
      const sections = new AdminSectionsPage(page);
      await sections.open('admin', E2E_PASSWORD);
      await sections.nav.getByRole('link', { name: 'Pricing' }).click();
      await expect(page.getByRole('heading', { name: 'Pricing', level: 1 })).toBeVisible();
      const grid = page.getByTestId('price-grid');
      const cell = grid.locator('[data-cell="student:standard"] .price-grid__price');
      await expect(cell).toBeVisible();
      const before = pounds(await cell.textContent());

      // A wrong amount is said at the field, from the same rules the server applies.
      const input = page.getByLabel('Base price of Student');
      await input.fill('10.4x');
      await expect(page.locator('#err-ticketTypes\\.3\\.basePrice')).toContainText('Enter an amount');
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('button', { name: 'Save prices' })).toBeEnabled();

      // The draft is priced by the server before saving: the grid moves by exactly the change.
      await input.fill((newPrice / 100).toFixed(2));
      await expect(page.getByText('Unsaved draft')).toBeVisible();
      await expect(cell).toHaveText(money(before + 130));
      await shoot(page, 'admin-pricing-draft-1366x768');
      await shoot(page, 'admin-pricing-draft-full', true);
      await page.getByRole('button', { name: 'Save prices' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      await expect(page.getByText('Saved prices')).toBeVisible();
      await expect(cell).toHaveText(money(before + 130));
      const saved = await admin.call<PriceList>('pricing.get', { theaterId });
      expect(saved.ticketTypes.find((type) => type.code === 'student')?.basePrice).toBe(newPrice);

      // The counter sells a student ticket at the new price: what the grid says for that show and seat.
      const cashier = await createCashier('pricing');
      await counterPage.open(cashier, E2E_PASSWORD);
      await counterPage.openTomorrowsShow(2);
      await page.keyboard.press('1');
      await expect(counterPage.basketLines).toHaveCount(1);
      await counterPage.basketLines.nth(0).getByRole('combobox').selectOption('student');
      await expect(counterPage.basketLines.nth(0).getByRole('combobox')).toHaveValue('student');
      await page.keyboard.press('Enter');
      await expect(counterPage.tender).toBeVisible();
      await expect(counterPage.cashInput).toBeFocused();
      await page.keyboard.type('50');
      await page.keyboard.press('Enter');
      await expect(counterPage.done).toBeVisible();
      const reference = (await counterPage.reference.textContent())?.trim() ?? '';
      const booking = (
        await admin.call<{
          items: {
            showtimeId: number;
            total: number;
            tickets: { ticketType: string; seatType: string; price: number }[];
          }[];
        }>('bookings.list', { reference })
      ).items[0]!;
      const ticket = booking.tickets[0]!;
      expect(ticket.ticketType).toBe('student');
      const now = await admin.call<Preview>('pricing.preview', { showtimeId: booking.showtimeId });
      const then = await admin.call<Preview>('pricing.preview', {
        showtimeId: booking.showtimeId,
        draft: {
          vatRateBasisPoints: original.vatRateBasisPoints,
          ticketTypes: original.ticketTypes,
          rules: original.rules,
        },
      });
      expect(ticket.price).toBe(cellPrice(now, 'student', ticket.seatType));
      expect(ticket.price - cellPrice(then, 'student', ticket.seatType)).toBe(130);
      expect(booking.total).toBe(ticket.price);
    } finally {
      await admin.call('pricing.set', {
        theaterId,
        vatRateBasisPoints: original.vatRateBasisPoints,
        ticketTypes: original.ticketTypes,
        rules: original.rules,
      });
    }
  });
});

test.describe('admin scheduling', () => {
  test.setTimeout(120_000);

  test('a week scheduled in bulk lists its one conflict and saves the rest', async ({ page }) => {
    const admin = await CounterApi.login('admin');
    const theaterId = (await admin.call<{ items: { id: number }[] }>('theaters.list', {})).items[0]!.id;
    const screens = await admin.call<{ items: { id: number; name: string }[] }>('screens.list', { theaterId });
    const screen = screens.items[screens.items.length - 1]!;
    const films = await shortFilms(admin);
    // A week far beyond the demo programme (a random one, so a retry finds it empty too).
    const start = new Date(Date.now() + (60 + Math.floor(Math.random() * 300)) * 86_400_000);
    const from = start.toISOString().slice(0, 10);
    const to = new Date(start.getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
    const third = new Date(start.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const theater = (await admin.call<{ items: { id: number; timeZone: string }[] }>('theaters.list', {})).items[0]!;
    const offset = new Intl.DateTimeFormat('en', { timeZone: theater.timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${third}T12:00:00Z`))
      .find((part) => part.type === 'timeZoneName')!
      .value.replace('GMT', '');
    // In the way on the third day: a film at 18:00, which the 17:30 start would run into.
    const blocker = await admin.call<{ id: number }>('showtimes.create', {
      movieId: films.items[1]!.id,
      screenId: screen.id,
      startsAt: `${third}T18:00:00${offset || 'Z'}`,
    });

    const sections = new AdminSectionsPage(page);
    await sections.open('admin', E2E_PASSWORD);
    await sections.go('Schedule');
    await page.getByRole('combobox', { name: 'Screen', exact: true }).selectOption(String(screen.id));
    await page.getByRole('button', { name: 'Repeat' }).click();
    const form = page.getByRole('form', { name: 'Repeat a film' });
    await form.getByLabel('Film').selectOption(String(films.items[0]!.id));
    await form.getByLabel('From', { exact: true }).fill(from);
    await form.getByLabel('To', { exact: true }).fill(to);
    await form.getByLabel('Start times').fill('14:00, 17:30, 21:00');
    await form.getByRole('button', { name: 'Check conflicts' }).click();
    const plan = page.getByTestId('schedule-plan');
    await expect(plan.getByRole('status')).toHaveText('20 free, 1 in conflict. Nothing is saved yet.');
    const conflict = plan.locator('tr[data-status="conflict"]');
    await expect(conflict).toHaveCount(1);
    await expect(conflict).toContainText('17:30');
    await expect(conflict).toContainText(`showtime ${blocker.id}`);
    await shoot(page, 'admin-schedule-bulk-dry-run-full', true);

    await page.getByRole('button', { name: 'Schedule 20 free showtimes' }).click();
    await expect(plan.getByRole('status')).toHaveText('20 scheduled. 1 not scheduled because the screen is busy.');
    await expect(plan.locator('tr[data-status="created"]')).toHaveCount(20);
    await shoot(page, 'admin-schedule-bulk-saved-full', true);
    await expect(plan.locator('tr[data-status="conflict"]')).toContainText(`showtime ${blocker.id}`);
    const day = await admin.call<{ items: { id: number; startsAt: string }[] }>('showtimes.list', {
      date: third,
      screenId: screen.id,
    });
    expect(day.items.map((item) => item.id)).toContain(blocker.id);
    expect(day.items).toHaveLength(3);
    for (const date of [from, to]) {
      const other = await admin.call<{ items: unknown[] }>('showtimes.list', { date, screenId: screen.id });
      expect(other.items).toHaveLength(3);
    }
  });

  test('a showtime moved from the keyboard is checked by the server before it is saved', async ({ page }) => {
    const admin = await CounterApi.login('admin');
    const theater = (await admin.call<{ items: { id: number; timeZone: string }[] }>('theaters.list', {})).items[0]!;
    const screens = await admin.call<{ items: { id: number }[] }>('screens.list', { theaterId: theater.id });
    const screen = screens.items[screens.items.length - 2]!;
    const films = await shortFilms(admin);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: theater.timeZone }).format(new Date());
    // Two films tomorrow+1 far apart on the same screen, added through the API at free times.
    const plan = await admin.call<{ items: { showtimeId: number | null; time: string; status: string }[] }>(
      'showtimes.bulkCreate',
      {
        movieId: films.items[2]!.id,
        screenId: screen.id,
        from: new Date(Date.parse(`${today}T12:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10),
        to: new Date(Date.parse(`${today}T12:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10),
        times: ['09:30', '16:00'],
      },
    );
    expect(plan.items.map((item) => item.status)).toEqual(['created', 'created']);
    const [first, second] = plan.items;

    const sections = new AdminSectionsPage(page);
    await sections.open('admin', E2E_PASSWORD);
    await sections.go('Schedule');
    await page.getByRole('combobox', { name: 'Screen', exact: true }).selectOption(String(screen.id));
    // Forward to the week of the showtimes.
    const target = new Date(Date.parse(`${today}T12:00:00Z`) + 40 * 86_400_000).toISOString().slice(0, 10);
    const block = page.locator(`.show-block[data-showtime-id="${second!.showtimeId}"]`);
    await forwardWeeks(page, Math.floor(40 / 7));
    await expect(block).toBeVisible();
    await block.getByRole('button', { name: /^Move / }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Move showtime' });
    await expect(form).toBeVisible();
    await expect(form.getByLabel('New date')).toHaveValue(target);
    // Into the first's cleaning time: the server names it and Save stays off.
    await form.getByLabel('New start').fill('11:30');
    await expect(form.getByTestId('move-check')).toContainText(`showtime ${first!.showtimeId}`);
    await expect(form.getByRole('button', { name: 'Save move' })).toBeDisabled();
    await expect(page.locator('.show-block--ghost')).toBeVisible();
    await shoot(page, 'admin-schedule-move-conflict-1366x768');
    await form.getByLabel('New start').fill('13:00');
    await expect(form.getByTestId('move-check')).toContainText('Free: 13:00');
    await form.getByRole('button', { name: 'Save move' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'moved to' })).toBeVisible();
    const moved = await admin.call<{ startsAt: string }>('showtimes.get', { showtimeId: second!.showtimeId });
    expect(moved.startsAt).toContain('T13:00:00');
  });

  test('a showtime with a sold booking is cancelled only after the booking is refunded', async ({ page }) => {
    const admin = await CounterApi.login('admin');
    const theater = (await admin.call<{ items: { id: number; timeZone: string }[] }>('theaters.list', {})).items[0]!;
    const screens = await admin.call<{ items: { id: number }[] }>('screens.list', { theaterId: theater.id });
    const screen = screens.items[screens.items.length - 3]!;
    const films = await shortFilms(admin);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: theater.timeZone }).format(new Date());
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + 17 * 86_400_000).toISOString().slice(0, 10);
    const plan = await admin.call<{ items: { showtimeId: number | null; status: string }[] }>('showtimes.bulkCreate', {
      movieId: films.items[0]!.id,
      screenId: screen.id,
      from: date,
      to: date,
      times: ['09:15'],
    });
    expect(plan.items[0]?.status).toBe('created');
    const showtimeId = plan.items[0]!.showtimeId!;
    const hold = await admin.call<{ id: number; seatIds: number[] }>('holds.create', { showtimeId, quantity: 2 });
    const booking = await admin.call<{ id: number; reference: string; total: number }>('bookings.create', {
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
      customer: { name: 'Grace Hopper' },
    });
    await admin.call('payments.create', {
      bookingId: booking.id,
      method: 'external',
      amount: booking.total,
      reference: 'web-order-7',
    });

    const sections = new AdminSectionsPage(page);
    await sections.open('admin', E2E_PASSWORD);
    await sections.go('Schedule');
    await page.getByRole('combobox', { name: 'Screen', exact: true }).selectOption(String(screen.id));
    const block = page.locator(`.show-block[data-showtime-id="${showtimeId}"]`);
    await forwardWeeks(page, Math.floor(17 / 7));
    await block.getByRole('button', { name: /^Cancel .* sold$/ }).click();
    const dialog = page.getByTestId('cancel-dialog');
    await expect(dialog).toBeVisible();
    const row = dialog.getByRole('row').filter({ hasText: booking.reference });
    await expect(row).toContainText('Grace Hopper');
    await expect(dialog.getByRole('button', { name: 'Cancel showtime' })).toBeDisabled();
    await shoot(page, 'admin-schedule-cancel-with-sales-1366x768');
    await row.getByRole('button', { name: 'Refund' }).click();
    await expect(dialog.getByText('No bookings left')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel showtime' }).click();
    await expect(dialog).toBeHidden();
    await expect(block).toHaveCount(0);
    const refunded = await admin.call<{ status: string }>('bookings.get', { bookingId: booking.id });
    expect(refunded.status).toBe('refunded');
    const cancelled = await admin.call<{ status: string }>('showtimes.get', { showtimeId });
    expect(cancelled.status).toBe('cancelled');
  });
});
