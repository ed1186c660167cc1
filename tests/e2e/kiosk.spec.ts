import { expect, test } from './fixtures';
import { E2E_PASSWORD } from './support/env';

test.describe('kiosk', () => {
  test('pairs once with its device account and shows posters', async ({ kioskPage, page }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    expect(await kioskPage.films.count()).toBeGreaterThan(0);
    await kioskPage.expectPostersLoaded();
    await expect(kioskPage.films.first()).toContainText(/\dh|\d+m/);

    // Paired means paired: a reload goes straight back to the posters.
    await page.reload();
    await kioskPage.waitForAttract();
    await expect(kioskPage.login.submit).toHaveCount(0);
  });

  test('a staff account cannot pair a kiosk', async ({ loginPage, kioskPage }) => {
    await kioskPage.openAccountSignIn();
    await loginPage.login('cashier', E2E_PASSWORD);
    await expect(loginPage.error).toContainText('is a cashier account');
  });

  test('touch a film, see its times, go back; easy-read is one tap away', async ({ kioskPage, page }) => {
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const title = (await kioskPage.films.first().locator('.film-card__title').textContent()) ?? '';
    await kioskPage.films.first().click();
    await expect(kioskPage.title).toHaveText('Choose a time');
    await expect(page.getByText(title, { exact: true })).toBeVisible();
    await kioskPage.back.click();
    await expect(kioskPage.title).toHaveText('Choose a film');
    await kioskPage.back.click();
    await kioskPage.waitForAttract();

    await expect(kioskPage.easyRead).toHaveAttribute('aria-pressed', 'false');
    await kioskPage.easyRead.click();
    await expect(kioskPage.easyRead).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    await expect(page.locator('html')).toHaveAttribute('data-text', 'large');
  });

  test('every touch target is at least 44×44 px', async ({ kioskPage, page }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    const small = await page.locator('button:visible').evaluateAll((buttons) =>
      buttons
        .map((button) => ({ name: button.textContent?.trim() ?? '', box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ name, box }) => `${name} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
  });

  test('with nothing left to play today, the kiosk shows every active film', async ({ kioskPage, page }) => {
    // The server's answer for today's showtimes, emptied: as late at night after the last show.
    await page.route('**/rpc/showtimes.list', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ items: [], nextCursor: null }),
      }),
    );
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await expect(kioskPage.title).toHaveText('Our films');
    await expect(page.getByText('There are no more shows today.')).toBeVisible();
    expect(await kioskPage.films.count()).toBeGreaterThanOrEqual(8);
    await expect(kioskPage.films.locator('.film-card__time')).toHaveCount(0);
  });
});
