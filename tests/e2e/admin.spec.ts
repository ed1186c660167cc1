import { expect, test } from './fixtures';
import { E2E_PASSWORD } from './support/env';

// The smallest valid PNG (1×1): the server checks that the bytes match the declared type.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test.describe('admin', () => {
  test('creates a film with a poster; the catalog lists it and, once scheduled, the kiosk shows it', async ({
    adminPage,
    kioskPage,
    page,
    request,
  }) => {
    test.setTimeout(60_000); // signs in through the dashboard, then films, posters and the kiosk
    const title = `Test Pattern ${Date.now().toString(36)}`;
    await adminPage.open('admin', E2E_PASSWORD);
    await adminPage.newFilm.click();

    // Inline validation before anything is sent.
    await adminPage.createFilm.click();
    await expect(adminPage.fieldError('title')).toContainText('Enter the title');
    await expect(adminPage.fieldError('durationMinutes')).toContainText('whole minutes');
    await expect(adminPage.field('Title')).toBeFocused();

    await adminPage.field('Title').fill(title);
    await adminPage.field('Runtime').fill('97');
    await adminPage.field('Certificate').fill('12A');
    await adminPage.field('Genres').fill('Documentary, Music');
    await adminPage.field('Release date').fill('2026-12-04');
    await expect(adminPage.fieldError('title')).toHaveCount(0);
    await adminPage.createFilm.click();

    // Step 2: the optional poster, with a preview before upload.
    await expect(adminPage.drawer.getByRole('heading', { name: 'Add a poster' })).toBeVisible();
    await adminPage.drawer
      .locator('input[type="file"]')
      .setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await expect(adminPage.drawer.getByRole('img', { name: new RegExp(`^Poster crop for ${title}`) })).toBeVisible();
    await adminPage.drawer.getByRole('button', { name: 'Upload poster' }).click();
    await expect(adminPage.drawer).toHaveCount(0);
    await expect(adminPage.notice).toContainText(title);

    // The table shows it; search narrows to it.
    await adminPage.search.fill(title);
    await expect(adminPage.rows).toHaveCount(1);
    await expect(adminPage.row(title)).toContainText('1h 37m');
    await expect(adminPage.row(title)).toContainText('12A');

    // And the public catalog (what kiosks and the website read) has it, with its poster.
    const response = await request.post('/rpc/movies.list', { data: { q: title } });
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as {
      items: { title: string; posterUrl: string | null; durationMinutes: number }[];
    };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ title, durationMinutes: 97 });
    expect(body.items[0]?.posterUrl).toBeTruthy();

    // Scheduled a few minutes from now (on a screen of its own, so nothing clashes), the film appears on
    // the kiosk's attract screen. Within minutes of midnight the kiosk lists every film, so it shows then too.
    const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: E2E_PASSWORD } });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const theaters = (await (await request.get('/api/v1/theaters')).json()) as { items: { id: number }[] };
    const screen = await request.post(`/api/v1/theaters/${theaters.items[0]!.id}/screens`, {
      headers: auth,
      data: {
        name: `Preview ${title}`,
        layout: {
          rows: [
            {
              label: 'A',
              seats: [
                { number: 1, type: 'standard' },
                { number: 2, type: 'standard' },
              ],
            },
          ],
        },
      },
    });
    expect(screen.status()).toBe(201);
    const showtime = await request.post('/api/v1/showtimes', {
      headers: auth,
      data: {
        movieId: (body.items[0] as unknown as { id: number }).id,
        screenId: ((await screen.json()) as { id: number }).id,
        startsAt: new Date(Date.now() + 3 * 60_000).toISOString(),
      },
    });
    expect(showtime.status()).toBe(201);
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await expect(kioskPage.films.filter({ hasText: title })).toHaveCount(1);
    await page.close();
  });

  test('the server’s field errors land on the inputs', async ({ adminPage, page }) => {
    await adminPage.open('admin', E2E_PASSWORD);
    // A server that refuses what the form accepted (rules can be stricter there): its details.fields map back.
    await page.route('**/rpc/movies.create', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'validation_failed',
            message: 'title: already used',
            details: { fields: [{ path: 'title', message: 'is already used by another film' }] },
          },
        }),
      }),
    );
    await adminPage.newFilm.click();
    await adminPage.field('Title').fill('Duplicate');
    await adminPage.field('Runtime').fill('100');
    await adminPage.createFilm.click();
    await expect(adminPage.fieldError('title')).toHaveText('Title is already used by another film.');
    await expect(adminPage.field('Title')).toHaveAttribute('aria-invalid', 'true');
  });

  test('columns sort and say so', async ({ adminPage }) => {
    await adminPage.open('admin', E2E_PASSWORD);
    await expect(adminPage.rows.first()).toBeVisible();
    const runtime = adminPage.table.getByRole('columnheader', { name: /Runtime/ });
    await runtime.getByRole('button').click();
    await expect(runtime).toHaveAttribute('aria-sort', 'ascending');
    const ascending = await adminPage.rows.locator('td.table__num').first().textContent();
    await runtime.getByRole('button').click();
    await expect(runtime).toHaveAttribute('aria-sort', 'descending');
    const descending = await adminPage.rows.locator('td.table__num').first().textContent();
    expect(ascending).not.toEqual(descending);
  });

  test('a cashier is not let into admin', async ({ loginPage }) => {
    await loginPage.goto('/admin');
    await loginPage.login('cashier', E2E_PASSWORD);
    await expect(loginPage.error).toContainText('Admin needs a manager or admin account');
  });
});
