import { expect, test } from './fixtures';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

test.describe('counter', () => {
  test('a cashier signs in and sees today’s showtimes with seats left', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    // The theater's name, or a picker showing it when the installation has several theaters.
    await expect(page.getByRole('banner')).toContainText('Marquee Riverside');
    await expect(page.getByRole('button', { name: /^Today,/ })).toHaveAttribute('aria-current', 'date');
    await counterPage.waitForSchedule();

    // One column per screen of the demo cinema, each card saying how many seats are left of how many.
    expect(await counterPage.screenColumns.count()).toBeGreaterThanOrEqual(4);
    await expect(counterPage.cards.first()).toContainText(/\d+ of \d+ left|Sold out/);
    expect(await counterPage.cards.count()).toBeGreaterThan(4);

    // The detail panel shows the selected show's seats left as a number.
    await expect(counterPage.selectedCard).toHaveCount(1);
    await expect(counterPage.seatsLeft).toHaveText(/^\d+$/);
  });

  test('arrow keys move the selection between showtimes', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.waitForSchedule();
    const first = counterPage.cards.first();
    await first.click();
    await expect(first).toHaveAttribute('aria-pressed', 'true');
    const title = await counterPage.detail.getByRole('heading', { level: 2 }).textContent();

    await page.keyboard.press('ArrowDown');
    const second = counterPage.cards.nth(1);
    await expect(second).toBeFocused();
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(first).toHaveAttribute('aria-pressed', 'false');

    await page.keyboard.press('ArrowRight');
    await expect(counterPage.selectedCard).toBeFocused();
    // The selection moved to the next screen's column.
    await expect(counterPage.screenColumns.nth(1).locator('[aria-pressed="true"]')).toHaveCount(1);
    expect(title).toBeTruthy();
  });

  test('the day strip and shortcuts show other days', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.waitForSchedule();
    await page.keyboard.press(']');
    await expect(page.locator('.day-picker__day[aria-current="date"]')).not.toContainText('Today');
    await counterPage.waitForSchedule();
    await page.keyboard.press('t');
    await expect(page.locator('.day-picker__day[aria-current="date"]')).toContainText('Today');
  });

  test('wrong password and wrong role are explained', async ({ loginPage }) => {
    await loginPage.goto('/counter');
    await loginPage.login('cashier', 'definitely-wrong');
    await expect(loginPage.error).toContainText('Wrong username or password');
    await loginPage.login('kiosk1', E2E_PASSWORD);
    await expect(loginPage.error).toContainText('needs a cashier, manager or admin account');
  });

  test('log out returns to the login and forgets the session', async ({ counterPage, page, context }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    expect((await context.cookies()).map((cookie) => cookie.name)).toContain('marquee_counter');
    await counterPage.logout.click();
    await expect(counterPage.login.submit).toBeVisible();
    // The server cleared the session cookie; nothing was ever kept in the page's storage.
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('marquee_counter');
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as BrowserGlobals).localStorage.getItem('marquee.token.counter'),
      ),
    ).toBeNull();
    await page.reload();
    await expect(counterPage.login.submit).toBeVisible();
  });

  test('a revoked session shows the login again', async ({ counterPage, page, context, baseURL }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.waitForSchedule();
    // Simulate the server forgetting the session: the cookie names a token it does not know.
    await context.addCookies([
      {
        name: 'marquee_counter',
        value: 'mqs_not-a-real-token',
        url: baseURL ?? '',
        httpOnly: true,
        sameSite: 'Strict',
      },
    ]);
    await page.reload();
    await expect(counterPage.login.submit).toBeVisible();
    await expect(page.getByText('Your session has ended. Sign in again.')).toBeVisible();
  });
});
