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
});
