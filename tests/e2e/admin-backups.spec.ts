/**
 * Admin → Backups: take a backup, set the schedule, stage a restore (checked by the server) and call
 * it off; axe-core on the page; screenshot to docs/screenshots/admin-backups.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AdminSectionsPage } from './pages/admin-sections-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

test.describe('admin backups', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('take a backup, schedule them, stage a restore and cancel it', async ({ page, request }) => {
    const admin = new AdminSectionsPage(page);
    await admin.open('admin', E2E_PASSWORD);
    await admin.nav.getByRole('link', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { name: 'Backups', level: 1 })).toBeVisible();

    const rows = page.getByTestId('backup-table').locator('tbody tr');
    const before = await rows.count().catch(() => 0);
    await page.getByTestId('backup-now').click();
    await expect(page.getByRole('status').filter({ hasText: 'Backup taken.' })).toBeVisible();
    await expect(rows).toHaveCount(before + 1);
    await expect(rows.first()).toContainText('Manual');

    // The schedule: every 12 hours, keep 5; a bad count is refused in words.
    await page.getByLabel('Back up', { exact: true }).selectOption({ label: 'Every 12 hours' });
    await page.getByLabel('Keep the newest').fill('0');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect(page.getByText('Keep between 1 and 365 backups.')).toBeVisible();
    await page.getByLabel('Keep the newest').fill('5');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await expect(page.getByText('Saved')).toBeVisible();
    const login = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: E2E_PASSWORD } });
    const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const state = (await (await request.get('/api/v1/backups', { headers: auth })).json()) as {
      schedule: { intervalHours: number; keep: number };
      restorePending: string | null;
    };
    expect(state.schedule).toEqual({ intervalHours: 12, keep: 5 });

    // Restore: a confirmation that says what is lost, then the server's check, then the pending notice.
    await rows
      .first()
      .getByRole('button', { name: /^Restore the backup of/ })
      .click();
    await expect(page.getByTestId('restore-confirm')).toContainText('will not be in the restored database');
    expect(await axeSerious(page)).toEqual([]);
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
    await page.screenshot({ path: 'docs/screenshots/admin-backups.png', caret: 'hide', animations: 'disabled' });
    await page.getByRole('button', { name: 'Check and restore at next start' }).click();
    await expect(page.getByTestId('restore-pending')).toContainText('Restart Marquee to finish the restore');
    await page.getByRole('button', { name: 'Cancel restore' }).click();
    await expect(page.getByTestId('restore-pending')).toHaveCount(0);
    const after = (await (await request.get('/api/v1/backups', { headers: auth })).json()) as typeof state;
    expect(after.restorePending).toBeNull();
  });
});

async function axeSerious(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
}
