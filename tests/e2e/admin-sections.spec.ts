/**
 * Admin beyond films: a screen drawn in the layout editor is what the API serves (and sells); a schedule
 * conflict is refused in words; a manager never sees another theater (UI and API); screenshots of each
 * admin screen go to docs/screenshots/admin-*.png.
 */
import { join } from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

const DOCS = 'docs/screenshots';

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(DOCS, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

async function token(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { username, password: E2E_PASSWORD } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { token: string }).token;
}

async function api<T>(
  request: APIRequestContext,
  bearer: string,
  method: 'get' | 'post' | 'patch',
  path: string,
  data?: unknown,
) {
  const response = await request[method](`/api/v1${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
    ...(data === undefined ? {} : { data }),
  });
  return { status: response.status(), body: (await response.json().catch(() => null)) as T };
}

test.describe('admin sections', () => {
  test('a screen built in the layout editor is the one the API serves, sells and protects', async ({
    page,
    request,
  }) => {
    const admin = new AdminSectionsPage(page);
    const name = `Studio ${Date.now().toString(36)}`;
    await admin.open('admin', E2E_PASSWORD);
    await admin.go('Theaters & screens');
    await expect(admin.grid).toBeVisible();
    await shoot(page, 'admin-screens');

    await admin.button('New screen').click();
    await admin.editor.getByLabel('Name').fill(name);
    // 6 rows of 12 places with two aisles to start; keep 3 rows.
    for (const row of ['F', 'E', 'D']) await admin.button(`Remove row ${row}`).click();
    // Keyboard: A1 becomes a wheelchair space, A2 its companion, B5 is blocked from sale.
    await admin.cell('A', 1).focus();
    await page.keyboard.press('3');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('4');
    await admin.cell('B', 5).focus();
    await page.keyboard.press('b');
    await expect(admin.cell('A', 1)).toHaveAccessibleName('Row A, seat 1, wheelchair');
    await expect(admin.cell('B', 5)).toHaveAccessibleName('Row B, seat 5, standard, blocked');
    // Right-to-left numbering on row C.
    await page.getByLabel('Numbering of row C').selectOption('rtl');
    await expect(admin.editor.getByText('30 seats')).toBeVisible();
    await shoot(page, 'admin-layout-editor');
    await admin.button('Create screen').click();
    await expect(page.getByRole('status').filter({ hasText: `${name} was created: 30 seats.` })).toBeVisible();

    // The API serves exactly what was drawn.
    const adminToken = await token(request, 'admin');
    const theaters = await api<{ items: { id: number; name: string }[] }>(request, adminToken, 'get', '/theaters');
    const theaterId = theaters.body.items[0]!.id;
    const screens = await api<{
      items: {
        id: number;
        name: string;
        capacity: number;
        seatCounts: Record<string, number>;
        layout: { rows: { label: string; seats: ({ number: number; type: string; blocked?: boolean } | null)[] }[] };
      }[];
    }>(request, adminToken, 'get', `/theaters/${theaterId}/screens`);
    const screen = screens.body.items.find((item) => item.name === name)!;
    expect(screen.capacity).toBe(30);
    expect(screen.seatCounts).toMatchObject({ wheelchair: 1, companion: 1, standard: 28 });
    expect(screen.layout.rows.map((row) => row.label)).toEqual(['A', 'B', 'C']);
    expect(screen.layout.rows[0]!.seats.slice(0, 3)).toEqual([
      { number: 1, type: 'wheelchair' },
      { number: 2, type: 'companion' },
      null,
    ]);
    expect(screen.layout.rows[1]!.seats[5]).toEqual({ number: 5, type: 'standard', blocked: true });
    expect(screen.layout.rows[2]!.seats[0]).toEqual({ number: 10, type: 'standard' });

    // Sell A1 on a showtime of the new screen (through the API, as a website would).
    const movies = await api<{ items: { id: number }[] }>(request, adminToken, 'get', '/movies');
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '10:00:00Z';
    const showtime = await api<{ id: number }>(request, adminToken, 'post', '/showtimes', {
      movieId: movies.body.items[0]!.id,
      screenId: screen.id,
      startsAt,
    });
    expect(showtime.status).toBe(201);
    const map = await api<{ seats: { id: number; label: string; status: string }[] }>(
      request,
      adminToken,
      'get',
      `/showtimes/${showtime.body.id}/seats`,
    );
    expect(map.body.seats.find((seat) => seat.label === 'B5')!.status).toBe('blocked');
    const a1 = map.body.seats.find((seat) => seat.label === 'A1')!;
    const website = (await api<{ key: string }>(request, adminToken, 'post', '/api-keys', { name: `Web ${name}` })).body
      .key;
    const hold = await api<{ id: number }>(request, website, 'post', `/showtimes/${showtime.body.id}/holds`, {
      seatIds: [a1.id],
    });
    expect(hold.status).toBe(201);
    const booking = await api<{ id: number; total: number }>(request, website, 'post', '/bookings', {
      holdId: hold.body.id,
      tickets: [{ seatId: a1.id, ticketType: 'adult' }],
    });
    expect(booking.status).toBe(201);
    const paid = await request.post(`/api/v1/bookings/${booking.body.id}/payments`, {
      headers: { authorization: `Bearer ${website}`, 'idempotency-key': `e2e-${screen.id}` },
      data: { method: 'external', amount: booking.body.total, reference: 'e2e' },
    });
    expect(paid.status(), await paid.text()).toBe(201);

    // Removing the sold seat's row is refused in words, naming the seat.
    await page.reload();
    await admin.page.getByRole('button', { name: new RegExp(name) }).click();
    await admin.button('Remove row A').click();
    await admin.button('Save layout').click();
    await expect(admin.alert().filter({ hasText: 'A1' })).toContainText('cannot be removed');
    await shoot(page, 'admin-layout-refused');

    // Today's sale shows in the report.
    await admin.go('Reports');
    await page.getByRole('group', { name: 'Break down by' }).getByRole('button', { name: 'Film' }).click();
    await expect(page.getByRole('table', { name: 'Sales by film' })).toBeVisible();
    await shoot(page, 'admin-reports');
    await admin.go('Films');
    await expect(page.getByTestId('film-table')).toBeVisible();
    await shoot(page, 'admin-films');
  });

  test('a schedule conflict is shown before saving and refused in words', async ({ page, request }) => {
    const admin = new AdminSectionsPage(page);
    await admin.open('admin', E2E_PASSWORD);
    await admin.go('Schedule');
    const blocks = page.locator('.show-block');
    await expect(blocks.first()).toBeVisible();
    await shoot(page, 'admin-schedule');

    // Take the first showtime of the week and try to put another film on top of it.
    const first = page.locator('.timeline__day').first().locator('.show-block').first();
    const time = (await first.locator('.show-block__time').textContent())!.trim();
    const dayHead = (await page.locator('.timeline__day-head').first().textContent())!.trim();
    expect(dayHead).not.toBe('');
    await page.getByLabel('Start').fill(time);
    await expect(page.getByTestId('schedule-conflict')).toContainText(
      /is busy from \d\d:\d\d to \d\d:\d\d with “.+” \(cleaning included\)/,
    );
    await shoot(page, 'admin-schedule-conflict');
    const before = await blocks.count();
    await admin.button('Try to schedule anyway').click();
    await expect(page.getByTestId('schedule-error')).toContainText(
      /busy from \d\d:\d\d to \d\d:\d\d \(cleaning included\)\. Nothing was scheduled\./,
    );
    await expect(blocks).toHaveCount(before);
    const adminToken = await token(request, 'admin');
    expect(adminToken).toBeTruthy();
  });

  test('a manager sees only their theater, in the UI and through the API', async ({ page, request }) => {
    const adminToken = await token(request, 'admin');
    const other = await api<{ id: number }>(request, adminToken, 'post', '/theaters', {
      name: `Elsewhere ${Date.now().toString(36)}`,
      timeZone: 'Europe/London',
      currency: 'GBP',
    });
    expect(other.status).toBe(201);
    const managerToken = await token(request, 'manager');
    const me = await api<{ theaterIds: number[] }>(request, managerToken, 'get', '/auth/me');
    expect(me.body.theaterIds).not.toContain(other.body.id);

    const admin = new AdminSectionsPage(page);
    await admin.open('manager', E2E_PASSWORD);
    for (const section of ['Dashboard', 'Theaters & screens', 'Schedule', 'Reports'] as const) {
      await admin.go(section);
      // One theater: shown as a name, with no picker offering others.
      await expect(admin.theaterPicker).toHaveCount(0);
      await expect(page.getByText(/Elsewhere/)).toHaveCount(0);
    }
    await shoot(page, 'admin-reports-manager');

    const report = await api(
      request,
      managerToken,
      'get',
      `/reports/sales?from=2026-11-01&to=2026-11-30&theaterId=${other.body.id}`,
    );
    expect(report.status).toBe(404);
    const screen = await api(request, managerToken, 'post', `/theaters/${other.body.id}/screens`, {
      name: 'Sneaky',
      layout: { rows: [{ label: 'A', seats: [{ number: 1, type: 'standard' }] }] },
    });
    expect(screen.status).toBe(404);
    const own = await api(
      request,
      managerToken,
      'get',
      `/reports/sales?from=2026-11-01&to=2026-11-30&theaterId=${me.body.theaterIds[0]}`,
    );
    expect(own.status).toBe(200);
  });
});
