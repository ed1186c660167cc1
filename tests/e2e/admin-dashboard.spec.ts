/**
 * The admin dashboard and reports in Chromium: the dashboard is the landing section, its charts show
 * their numbers as tables one click away; a sale made here shows in the sales report to the cent, by film
 * and by payment method; the CSV downloads with a header row and decimal money; the distributor report
 * lists the show; no serious axe violations; screenshots of each screen (and its print layout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

const DOCS = 'docs/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.waitForLoadState('networkidle');
  // A full-page shot taken while scrolled would draw the sticky header part-way down.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(DOCS, `${name}.png`), caret: 'hide', animations: 'disabled', fullPage: true });
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

async function api<T>(
  request: APIRequestContext,
  bearer: string,
  method: 'get' | 'post',
  path: string,
  data?: unknown,
) {
  const response = await request[method](`/api/v1${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
    ...(data === undefined ? {} : { data }),
  });
  return { status: response.status(), body: (await response.json().catch(() => null)) as T };
}

/** A film of its own, scheduled in the demo theater, with one booking paid by the "website". */
async function sellOne(request: APIRequestContext, daysAhead: number) {
  const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: E2E_PASSWORD } });
  const admin = ((await login.json()) as { token: string }).token;
  const theaters = await api<{ items: { id: number; name: string }[] }>(request, admin, 'get', '/theaters');
  const theater = theaters.body.items[0]!;
  const screens = await api<{ items: { id: number; name: string }[] }>(
    request,
    admin,
    'get',
    `/theaters/${theater.id}/screens`,
  );
  const title = `Report Reel ${Date.now().toString(36)}`;
  const film = await api<{ id: number }>(request, admin, 'post', '/movies', { title, durationMinutes: 30 });
  // Before the first show of the day, on the last screen: clear of the demo programme.
  const startsAt = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 11) + '04:00:00Z';
  const screen = screens.body.items.at(-1)!;
  const show = await api<{ id: number }>(request, admin, 'post', '/showtimes', {
    movieId: film.body.id,
    screenId: screen.id,
    startsAt,
  });
  expect(show.status).toBe(201);
  const website = (await api<{ key: string }>(request, admin, 'post', '/api-keys', { name: `Web ${title}` })).body.key;
  const hold = await api<{ id: number; seatIds: number[] }>(
    request,
    website,
    'post',
    `/showtimes/${show.body.id}/holds`,
    {
      quantity: 2,
    },
  );
  expect(hold.status).toBe(201);
  const booking = await api<{ id: number; total: number; tax: number }>(request, website, 'post', '/bookings', {
    holdId: hold.body.id,
    tickets: hold.body.seatIds.map((seatId, i) => ({ seatId, ticketType: i === 0 ? 'adult' : 'child' })),
  });
  expect(booking.status).toBe(201);
  const paid = await request.post(`/api/v1/bookings/${booking.body.id}/payments`, {
    headers: { authorization: `Bearer ${website}` },
    data: { method: 'external', amount: booking.body.total, reference: 'e2e-report' },
  });
  expect(paid.status()).toBe(201);
  return { title, total: booking.body.total, theater };
}

test.describe('admin dashboard and reports', () => {
  test('the dashboard lands first; every chart shows its numbers as a table', async ({ page, request }) => {
    test.setTimeout(120_000);
    const sale = await sellOne(request, 4);
    const admin = new AdminSectionsPage(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await admin.open('admin', E2E_PASSWORD);
    await expect(page.getByText('Tickets sold today', { exact: true })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Shows running and to come today' }).or(page.getByText('No more shows today')),
    ).toBeVisible();

    const byFilm = page.getByTestId('chart-by-film');
    await expect(byFilm.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await shoot(page, 'admin-dashboard');

    await byFilm.getByRole('button', { name: 'Table' }).click();
    const table = byFilm.getByRole('table', { name: 'Sales by film' });
    await expect(table.getByRole('row', { name: new RegExp(sale.title) })).toBeVisible();
    for (const id of ['by-day', 'by-hour', 'occupancy']) {
      const panel = page.getByTestId(`chart-${id}`);
      const toggle = panel.getByRole('button', { name: 'Table' });
      if ((await toggle.count()) === 0) continue; // an empty chart says what to do instead
      await toggle.click();
      await expect(panel.getByRole('table')).toBeVisible();
      await expect(panel.getByRole('table').locator('tbody tr').first()).toBeVisible();
    }
    await shoot(page, 'admin-dashboard-tables');
    expect(await seriousViolations(page)).toEqual([]);
    await byFilm.getByRole('button', { name: 'Chart' }).click();
    await expect(byFilm.getByRole('table')).toHaveCount(0);
  });

  test('a sale shows in the report to the cent, downloads as CSV, prints; the distributor report lists it', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const sale = await sellOne(request, 5);
    const admin = new AdminSectionsPage(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await admin.open('admin', E2E_PASSWORD);
    await admin.go('Reports');
    await expect(page.getByRole('table', { name: 'Sales by day' })).toBeVisible();
    await page.getByRole('group', { name: 'Break down by' }).getByRole('button', { name: 'Film' }).click();
    const table = page.getByRole('table', { name: 'Sales by film' });
    const row = table.getByRole('row', { name: new RegExp(sale.title) });
    const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(sale.total / 100);
    await expect(row).toContainText(money);
    await expect(row.locator('td').first()).toHaveText('2');
    await shoot(page, 'admin-reports-sales');
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sales-by-film-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Film,Tickets sold,Tickets refunded,Gross,Refunds,Net,VAT,Currency');
    const decimal = (sale.total / 100).toFixed(2);
    expect(lines.find((line) => line.startsWith(sale.title))).toMatch(
      new RegExp(`^${sale.title},2,0,${decimal},0\\.00,${decimal},`),
    );

    await page.getByRole('group', { name: 'Break down by' }).getByRole('button', { name: 'Payment method' }).click();
    await expect(
      page.getByRole('table', { name: 'Sales by payment method' }).getByRole('row', { name: /Paid elsewhere/ }),
    ).toBeVisible();

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden();
    await shoot(page, 'admin-reports-print');
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('group', { name: 'Report' }).getByRole('button', { name: 'Distributor' }).click();
    await page.getByRole('combobox', { name: 'Film' }).selectOption({ label: sale.title });
    const to = page.getByRole('textbox', { name: 'To' });
    const showDate = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await to.fill(showDate > (await to.inputValue()) ? showDate : await to.inputValue());
    const distributor = page.getByRole('table', { name: `Distributor report: ${sale.title}` });
    await expect(distributor.locator('tbody tr')).toHaveCount(1);
    await expect(distributor.locator('tfoot')).toContainText(money);
    await to.blur();
    await shoot(page, 'admin-reports-distributor');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
