/** axe-core on the admin sections: no serious or critical violations. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
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

test.describe('admin accessibility', () => {
  test('dashboard, theaters and screens, schedule and reports', async ({ page }) => {
    test.setTimeout(150_000);
    const admin = new AdminSectionsPage(page);
    await admin.open('admin', E2E_PASSWORD);
    await expect(page.getByText('Tickets sold today', { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await admin.go('Theaters & screens');
    await expect(admin.grid).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await admin.go('Schedule');
    await expect(page.locator('.show-block').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await admin.go('Reports');
    await expect(page.getByRole('table', { name: 'Sales by day' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('pricing and the scheduling tools', async ({ page }) => {
    test.setTimeout(150_000);
    const admin = new AdminSectionsPage(page);
    await admin.open('admin', E2E_PASSWORD);
    await admin.nav.getByRole('link', { name: 'Pricing' }).click();
    await expect(page.getByTestId('price-grid')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Base price of Adult').fill('12.5x');
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await admin.go('Schedule');
    await expect(page.locator('.show-block').first()).toBeVisible();
    await page.getByRole('button', { name: 'Repeat' }).click();
    await page.getByRole('button', { name: 'Check conflicts' }).click();
    await expect(page.getByTestId('schedule-plan')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Check conflicts' }).click();
    await expect(page.getByTestId('schedule-plan')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/admin-schedule-copy-1366x768.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .locator('.show-block')
      .first()
      .getByRole('button', { name: /^Move / })
      .click();
    await expect(page.getByRole('form', { name: 'Move showtime' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
