/**
 * The seat-layout editor end to end: build a screen with odd/even numbering and curved rows, export it,
 * import the file into another screen (a broken file is refused in words first), sell a seat on the
 * imported screen at the counter; and a poster cropped to 2:3 in the browser is what the server serves.
 * Axe checks the editor, the import preview and the crop dialog; screenshots go to docs/screenshots.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
import { CounterPage } from './pages/counter-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD, baseUrl } from './support/env';

const DOCS = 'docs/screenshots';

async function shoot(page: Page, name: string, top = true): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  if (top) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(DOCS, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: E2E_PASSWORD } });
  return ((await response.json()) as { token: string }).token;
}

interface ScreenOut {
  id: number;
  name: string;
  capacity: number;
  layout: { curve?: number; rows: { label: string; seats: ({ number: number; type: string } | null)[] }[] };
}

test.describe('seat-layout editor', () => {
  test('build a screen with a numbering scheme and a curve, export it, import it into another, sell a seat on it at the counter', async ({
    page,
    request,
    browser,
  }) => {
    test.setTimeout(150_000);
    const admin = new AdminSectionsPage(page);
    const stamp = Date.now().toString(36);
    const first = `Curve ${stamp}`;
    const second = `Copy ${stamp}`;
    await admin.open('admin', E2E_PASSWORD);
    await admin.go('Theaters & screens');
    await expect(admin.grid).toBeVisible();

    // Three rows of 12 places with aisles after 2 and 9: 10 seats a row.
    await admin.button('New screen').click();
    await admin.editor.getByLabel('Name').fill(first);
    for (const row of ['F', 'E', 'D']) await admin.button(`Remove row ${row}`).click();
    await admin.editor.getByLabel('Number every row').selectOption('odd-even');
    await admin.button('Apply to all rows').click();
    // Odd numbers from the centre to the left, even ones to the right: 9 7 5 3 1 | 2 4 6 8 10.
    const rowA = admin.grid
      .getByRole('row')
      .first()
      .getByRole('button', { name: /^Row A, seat/ });
    await expect(rowA).toHaveCount(10);
    const numbers = await rowA.evaluateAll((cells) => cells.map((cell) => Number(cell.textContent)));
    expect(numbers).toEqual([9, 7, 5, 3, 1, 2, 4, 6, 8, 10]);
    // Row C alone back to left to right; a wheelchair space at C1 by keyboard.
    await page.getByLabel('Numbering of row C').selectOption('ltr');
    await admin.cell('C', 1).focus();
    await page.keyboard.press('3');
    await expect(admin.cell('C', 1)).toHaveAccessibleName('Row C, seat 1, wheelchair');
    // The curve: the ends of each row come 0.6 rows forward, drawn on the grid.
    await admin.editor.getByLabel('Curved rows').fill('60');
    await expect(admin.editor.locator('output')).toHaveText('Ends 0.6 rows forward');
    const end = await admin.cell('A', 9).boundingBox();
    const middle = await admin.cell('A', 1).boundingBox();
    expect(end!.y).toBeLessThan(middle!.y - 10);
    await expect(admin.editor.getByText('30 seats')).toBeVisible();
    await admin.cell('A', 1).blur();
    await shoot(page, 'admin-layout-curved');
    expect(await seriousViolations(page, 'section.screen-editor')).toEqual([]);
    await admin.button('Create screen').click();
    await expect(page.getByRole('status').filter({ hasText: `${first} was created: 30 seats.` })).toBeVisible();

    // Export: a versioned document with the layout as drawn.
    const download = page.waitForEvent('download');
    await admin.button('Export JSON').click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      format: string;
      version: number;
      name: string;
      layout: ScreenOut['layout'];
    };
    expect(exported).toMatchObject({ format: 'marquee.screen-layout', version: 1, name: first });
    expect(exported.layout.curve).toBe(60);
    expect(exported.layout.rows[0]!.seats.slice(0, 4)).toEqual([
      { number: 9, type: 'standard' },
      { number: 7, type: 'standard' },
      null,
      { number: 5, type: 'standard' },
    ]);

    // A broken file (a later version, a curve out of range) is refused in words; the draft is untouched.
    await admin.button('New screen').click();
    await admin.editor.getByLabel('Name').fill(second);
    const input = admin.editor.locator('input[type="file"]');
    const broken = { ...exported, version: 2, layout: { ...exported.layout, curve: 500 } };
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const refusal = admin.alert().filter({ hasText: 'The layout in broken.json cannot be used' });
    await expect(refusal).toContainText('version: must be 1');
    await expect(refusal).toContainText('curve: must be a whole number from 0 to 200');
    await expect(admin.editor.getByText('60 seats')).toBeVisible();

    // The exported file: previewed as the counter draws it, used in the editor, saved only on save.
    await input.setInputFiles({ name: 'curve.json', mimeType: 'application/json', buffer: await readFile(file) });
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('3 rows · 30 seats · 1 wheelchair');
    await expect(preview).toContainText('ends 0.6 rows forward');
    await expect(preview.getByRole('grid', { name: 'Imported layout preview' })).toBeVisible();
    await shoot(page, 'admin-layout-import-preview');
    expect(await seriousViolations(page, 'section.screen-editor')).toEqual([]);
    await preview.getByRole('button', { name: 'Use this layout in the editor' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Nothing changes for the counter until you press Create screen' }),
    ).toBeVisible();
    await expect(admin.editor.getByText('30 seats')).toBeVisible();
    await admin.button('Create screen').click();
    await expect(page.getByRole('status').filter({ hasText: `${second} was created: 30 seats.` })).toBeVisible();

    // The server holds the same layout for both screens.
    const token = await adminToken(request);
    const auth = { authorization: `Bearer ${token}` };
    const theaters = (await (await request.get('/api/v1/theaters')).json()) as { items: { id: number }[] };
    const screens = (await (await request.get(`/api/v1/theaters/${theaters.items[0]!.id}/screens`)).json()) as {
      items: ScreenOut[];
    };
    const made = screens.items.find((screen) => screen.name === first)!;
    const copy = screens.items.find((screen) => screen.name === second)!;
    expect(copy.layout).toEqual(made.layout);
    expect(copy.layout).toEqual(exported.layout);

    // A showtime on the imported screen the day after tomorrow, sold at the counter.
    const movies = (await (await request.get('/api/v1/movies')).json()) as { items: { id: number }[] };
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const created = await request.post('/api/v1/showtimes', {
      headers: auth,
      data: { movieId: movies.items[0]!.id, screenId: copy.id, startsAt: `${day}T11:00:00Z` },
    });
    expect(created.status(), await created.text()).toBe(201);
    const showtime = (await created.json()) as { id: number };

    const counterContext = await browser.newContext({ baseURL: baseUrl() });
    const counter = new CounterPage(await counterContext.newPage());
    await counter.open('cashier', E2E_PASSWORD);
    await counter.waitForSchedule();
    await counter.page.keyboard.press(']');
    await counter.page.keyboard.press(']');
    const column = counter.page.getByRole('region', { name: second });
    await expect(column.getByTestId('showtime-card')).toHaveCount(1, { timeout: 20_000 });
    await column.getByTestId('showtime-card').dblclick();
    await expect(counter.seatMap).toBeVisible({ timeout: 20_000 });
    // Drawn curved: the row's end seat sits higher than its centre seat.
    const seatA9 = counter.page.locator('.sale .seat-map__grid .seat[aria-label^="Row A, seat 9,"]');
    const seatA1 = counter.page.locator('.sale .seat-map__grid .seat[aria-label^="Row A, seat 1,"]');
    expect((await seatA9.boundingBox())!.y).toBeLessThan((await seatA1.boundingBox())!.y - 4);
    await seatA1.click();
    await expect(counter.basketLines).toHaveCount(1);
    await counter.page.screenshot({ path: join(DOCS, 'counter-curved-screen.png'), animations: 'disabled' });
    await counter.page.keyboard.press('Enter');
    await expect(counter.cashInput).toBeFocused();
    await counter.page.keyboard.type('50');
    await counter.page.keyboard.press('Enter');
    await expect(counter.done).toBeVisible();
    await counterContext.close();

    const map = (await (await request.get(`/api/v1/showtimes/${showtime.id}/seats`)).json()) as {
      rows: { curve?: number }[];
      seats: { label: string; status: string }[];
    };
    expect(map.seats.find((seat) => seat.label === 'A1')!.status).toBe('sold');
    expect(map.rows.every((row) => row.curve === 60)).toBe(true);

    // Removing row A is announced before saving, then refused by the server, naming the sold seat.
    await page.reload();
    await page.getByRole('button', { name: new RegExp(second) }).click();
    await admin.button('Remove row A').click();
    await expect(page.getByTestId('removed-seats')).toContainText('This draft removes 10 seats of the saved layout');
    await admin.button('Save layout').click();
    const refused = page.getByTestId('refused-seats');
    await expect(refused).toContainText('Not saved: this seat has tickets for showtimes still to come');
    await expect(refused.getByRole('list', { name: 'Seats' })).toHaveText('A1');
    await refused.scrollIntoViewIfNeeded();
    await shoot(page, 'admin-layout-refused-seats', false);
    await refused.getByRole('button', { name: 'Back to the saved layout' }).click();
    await expect(refused).toHaveCount(0);
  });
});

test.describe('poster crop', () => {
  test('a wide image cropped to 2:3 by keyboard is what the server serves', async ({ adminPage, page, request }) => {
    test.setTimeout(60_000);
    const title = `Crop ${Date.now().toString(36)}`;
    await adminPage.open('admin', E2E_PASSWORD);
    await adminPage.newFilm.click();
    await adminPage.field('Title').fill(title);
    await adminPage.field('Runtime').fill('101');
    await adminPage.createFilm.click();
    await expect(adminPage.drawer.getByRole('heading', { name: 'Add a poster' })).toBeVisible();

    // A 600 × 300 PNG drawn in the page: bands of colour so the crop is visible.
    const png = await page.evaluate<string>(`(async () => {
      const canvas = new OffscreenCanvas(600, 300);
      const context = canvas.getContext('2d');
      ['#1d3557', '#e63946', '#f1faee', '#a8dadc', '#457b9d', '#f5b301'].forEach((colour, i) => {
        context.fillStyle = colour;
        context.fillRect(i * 100, 0, 100, 300);
      });
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let binary = '';
      bytes.forEach((byte) => (binary += String.fromCharCode(byte)));
      return btoa(binary);
    })()`);
    await adminPage.drawer
      .locator('input[type="file"]')
      .setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    const frame = adminPage.drawer.getByRole('img', { name: new RegExp(`^Poster crop for ${title}`) });
    await expect(frame).toHaveAccessibleName(/200 × 300 pixels of the image, zoom 1\.0×/);
    // The frame is 2:3 on screen too.
    const box = (await frame.boundingBox())!;
    expect(box.width / box.height).toBeCloseTo(2 / 3, 2);
    // Keyboard: zoom in twice, move right; the crop stays inside the image.
    await frame.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(frame).toHaveAccessibleName(/151 × 227 pixels of the image, zoom 1\.3×/);
    await expect(adminPage.drawer.getByText('uploaded as JPEG, 152 × 228 px')).toBeVisible();
    await shoot(page, 'admin-poster-crop');
    expect(await seriousViolations(page, 'dialog.drawer[open]')).toEqual([]);
    await adminPage.drawer.getByRole('button', { name: 'Upload poster' }).click();
    await expect(adminPage.drawer).toHaveCount(0);

    // The served poster is the crop: a 2:3 JPEG of 152 × 228.
    const listed = (await (await request.post('/rpc/movies.list', { data: { q: title } })).json()) as {
      items: { posterUrl: string | null }[];
    };
    const posterUrl = listed.items[0]!.posterUrl!;
    const served = await request.get(posterUrl);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    const size = await page.evaluate<{ width: number; height: number }>(`(async () => {
      const image = new Image();
      image.src = ${JSON.stringify(posterUrl)};
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    })()`);
    expect(size).toEqual({ width: 152, height: 228 });
  });
});
