/** axe-core on the screens customers and staff meet first: no serious or critical violations. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { E2E_PASSWORD } from './support/env';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

test.describe('accessibility', () => {
  test('staff login', async ({ loginPage, page }) => {
    await loginPage.goto('/counter');
    expect(await seriousViolations(page)).toEqual([]);
    await loginPage.login('cashier', 'wrong-password-here');
    await expect(loginPage.error).toContainText('Wrong');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('kiosk pairing and attract screen', async ({ kioskPage, page }) => {
    await kioskPage.page.goto('/kiosk');
    await expect(kioskPage.connect).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await kioskPage.useAccount.click();
    await kioskPage.login.login('kiosk1', E2E_PASSWORD);
    await kioskPage.waitForAttract();
    await kioskPage.expectPostersLoaded();
    expect(await seriousViolations(page)).toEqual([]);
    await kioskPage.easyRead.click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('counter schedule', async ({ counterPage, page }) => {
    await counterPage.open('cashier', E2E_PASSWORD);
    await counterPage.waitForSchedule();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('admin film list and form', async ({ adminPage, page }) => {
    test.setTimeout(90_000); // the dashboard first, then the films, and axe three times
    await adminPage.open('admin', E2E_PASSWORD);
    await expect(adminPage.rows.first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await adminPage.newFilm.click();
    await adminPage.createFilm.click();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
