/**
 * Screenshots of every mode for people to look at (test-results/screenshots/): counter, kiosk and admin
 * at 1366×768, the kiosk also at 1080×1920 portrait. They assert only that each screen is ready.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { BrowserGlobals, ImageState } from './support/browser';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

async function shoot(page: Page, name: string): Promise<void> {
  // Fonts and images settled, caret hidden: the picture shows the screen, not a moment of loading.
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.waitForLoadState('networkidle');
  // Loaded images may not be decoded (painted) yet; a broken one just stays as it is.
  await page
    .locator('img')
    .evaluateAll((images) =>
      Promise.all(images.map((image) => (image as unknown as ImageState).decode().catch(() => undefined))),
    );
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

test.describe('screenshots', () => {
  test('landing', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'What is this screen for?' })).toBeVisible();
    await expect(page.getByText(/Connected to the box office/)).toBeVisible();
    await shoot(page, 'landing-1366x768');
  });

  test('counter: login and schedule', async ({ page, counterPage }) => {
    await counterPage.login.goto('/counter');
    await shoot(page, 'counter-login-1366x768');
    await counterPage.login.login('cashier', 'not-the-password');
    await expect(counterPage.login.error).toContainText('Wrong username or password');
    await shoot(page, 'counter-login-error-1366x768');
    await counterPage.login.login('cashier', E2E_PASSWORD);
    await counterPage.ensureShift();
    await counterPage.waitForSchedule();
    await shoot(page, 'counter-1366x768');
    await counterPage.selectedCard.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await shoot(page, 'counter-keyboard-1366x768');
    await page.keyboard.press(']');
    await counterPage.waitForSchedule();
    await shoot(page, 'counter-tomorrow-1366x768');
  });

  test('kiosk: landscape', async ({ page, kioskPage }) => {
    await kioskPage.openAccountSignIn();
    await shoot(page, 'kiosk-pair-1366x768');
    await kioskPage.login.login('kiosk1', E2E_PASSWORD);
    await kioskPage.waitForAttract();
    await kioskPage.expectPostersLoaded();
    await shoot(page, 'kiosk-attract-1366x768');
    await kioskPage.films.first().click();
    await expect(kioskPage.title).toHaveText('Choose a time');
    await shoot(page, 'kiosk-film-1366x768');
  });

  test('kiosk: portrait', async ({ page, kioskPage }) => {
    await page.setViewportSize({ width: 1080, height: 1920 });
    await kioskPage.pair('kiosk1', E2E_PASSWORD);
    await kioskPage.expectPostersLoaded();
    await shoot(page, 'kiosk-attract-1080x1920');
    await kioskPage.easyRead.click();
    await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    await shoot(page, 'kiosk-attract-easy-read-1080x1920');
    await kioskPage.easyRead.click();
    await kioskPage.films.nth(1).click();
    await expect(kioskPage.title).toHaveText('Choose a time');
    await shoot(page, 'kiosk-film-1080x1920');
  });

  test('admin: films and new film', async ({ page, adminPage }) => {
    await adminPage.login.goto('/admin');
    await shoot(page, 'admin-login-1366x768');
    await adminPage.login.login('admin', E2E_PASSWORD);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Films' }).click();
    await expect(adminPage.rows.first()).toBeVisible();
    await shoot(page, 'admin-films-1366x768');
    await adminPage.newFilm.click();
    await adminPage.createFilm.click();
    await expect(adminPage.fieldError('title')).toBeVisible();
    await shoot(page, 'admin-new-film-errors-1366x768');
  });
});
