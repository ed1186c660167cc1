/**
 * Admin → People and Reviews in Chromium against the demo server: a user made in the Users screen signs
 * in; a PIN set there signs a cashier in at the counter; an API key made in the API keys screen works
 * until it is revoked there; a review hidden in Reviews leaves the film's public list. axe-core checks
 * each new screen, and each is photographed for people to look at (test-results/screenshots/).
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { adminToken, createStaff, customerReview, rest, unique } from './pages/people-api';
import { PeoplePage } from './pages/people-page';
import { E2E_PASSWORD, SCREENSHOT_DIR } from './support/env';

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), caret: 'hide', animations: 'disabled' });
}

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

test.describe('admin: people', () => {
  test('an admin creates a cashier with inline validation, and the cashier signs in at the counter', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const people = new PeoplePage(page);
    await people.open('admin', E2E_PASSWORD);
    await people.goUsers();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-users');

    await page.getByRole('button', { name: 'New user' }).click();
    await expect(people.drawer).toBeVisible();
    for (const box of await people.drawer.getByRole('checkbox').all()) await box.uncheck();
    // Nothing filled: the form says what is missing, next to each field, and sends nothing.
    await people.drawer.getByRole('button', { name: 'Create user' }).click();
    await expect(people.drawer.getByText('Enter a username.')).toBeVisible();
    await expect(people.drawer.getByText(/The password must be at least 10 characters/)).toBeVisible();
    await expect(people.drawer.getByText('Pick the theaters this cashier works for.')).toBeVisible();
    await expect(people.drawer.getByLabel('Username')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-user-new-errors');

    const username = unique('cash');
    await people.drawer.getByLabel('Username').fill(username);
    await people.drawer.getByLabel('Password').fill(E2E_PASSWORD);
    await people.drawer.getByLabel('Role').selectOption('cashier');
    await people.drawer.getByRole('checkbox', { name: 'Marquee Riverside' }).check();
    await people.drawer.getByLabel('Full name').fill('Casey Newhire');
    await expect(people.drawer.locator('.field__error')).toHaveCount(0);
    await shoot(page, 'admin-user-new');
    await people.drawer.getByRole('button', { name: 'Create user' }).click();
    await expect(people.notice).toContainText(`“${username}” can sign in now as cashier.`);
    await people.search(username);
    await expect(people.userRow(username)).toContainText('Cashier');
    await expect(people.userRow(username)).toContainText('Marquee Riverside');

    // The new cashier signs in at the counter in a browser of their own.
    const context = await browser.newContext();
    const counter = await context.newPage();
    await counter.goto('/counter');
    await counter.getByLabel('Username', { exact: true }).fill(username);
    await counter.getByLabel('Password', { exact: true }).fill(E2E_PASSWORD);
    await counter.getByRole('button', { name: 'Sign in' }).click();
    await expect(counter.getByTestId('float-input').or(counter.getByTestId('shift-chip'))).toBeVisible({
      timeout: 20_000,
    });
    await context.close();

    // Disabled in the drawer: they are refused at the next sign-in.
    await people
      .userRow(username)
      .getByRole('button', { name: `Edit ${username}` })
      .click();
    await people.drawer.getByRole('button', { name: 'Disable account' }).click();
    await expect(people.notice).toContainText('is disabled and signed out');
    await expect(people.userRow(username)).toContainText('Disabled');
    const refused = await rest('POST', '/auth/login', null, { username, password: E2E_PASSWORD });
    expect(refused.status).toBe(401);
  });

  test('an admin sets a cashier’s PIN, and the cashier signs in at the counter with username and PIN', async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    const staff = await createStaff('pin');
    const people = new PeoplePage(page);
    await people.open('admin', E2E_PASSWORD);
    await people.goUsers();
    await people.search(staff.username);
    await people
      .userRow(staff.username)
      .getByRole('button', { name: `Edit ${staff.username}` })
      .click();
    await expect(people.drawer.getByRole('heading', { name: 'Counter PIN' })).toBeVisible();
    await people.drawer.getByLabel('PIN', { exact: true }).fill('12');
    await people.drawer.getByRole('button', { name: 'Set PIN' }).click();
    await expect(people.drawer.getByText('The PIN must be 4 to 8 digits.')).toBeVisible();
    await people.drawer.getByLabel('PIN', { exact: true }).fill('2580');
    await people.drawer.getByRole('button', { name: 'Set PIN' }).click();
    await expect(people.notice).toContainText('can sign in at the counter with the new PIN');
    await expect(people.drawer.getByRole('button', { name: 'Remove PIN' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-user-edit-pin');
    await people.drawer.getByRole('button', { name: 'Close', exact: true }).first().click();
    await expect(people.userRow(staff.username)).toContainText('PIN set');

    const context = await browser.newContext();
    const counter = await context.newPage();
    await counter.goto('/counter');
    await counter.getByRole('button', { name: 'PIN', exact: true }).click();
    await counter.getByLabel('Username', { exact: true }).fill(staff.username);
    await counter.getByLabel('PIN', { exact: true }).fill('0000');
    await counter.getByRole('button', { name: 'Sign in' }).click();
    await expect(counter.locator('.login__error')).toContainText('Wrong username or PIN.');
    expect(await seriousViolations(counter)).toEqual([]);
    await shoot(counter, 'counter-login-pin');
    await counter.getByLabel('PIN', { exact: true }).fill('2580');
    await counter.getByRole('button', { name: 'Sign in' }).click();
    await expect(counter.getByTestId('float-input').or(counter.getByTestId('shift-chip'))).toBeVisible({
      timeout: 20_000,
    });
    await expect(counter.getByTestId('signed-in-user')).toContainText(staff.username);
    await context.close();
  });

  test('an API key is shown once with a copy button, works, shows its last use, and stops working when revoked', async ({
    page,
    context,
  }) => {
    test.setTimeout(180_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const people = new PeoplePage(page);
    await people.open('admin', E2E_PASSWORD);
    await people.goUsers();
    await people.goTab('API keys');
    const name = unique('Signage ');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(page.getByText('Name the key after the system that uses it')).toBeVisible();
    await page.getByLabel('Key name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(people.newKey).toContainText('It is shown only this once');
    const key = await people.newKey.getByLabel('New API key').inputValue();
    expect(key).toMatch(/^mqk_[A-Za-z0-9_-]{40,}$/);
    await people.newKey.getByRole('button', { name: 'Copy key' }).click();
    await expect(people.newKey.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(key);
    await expect(people.keyRow(name)).toContainText('Never');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-api-keys');

    // The key works as a Bearer token, and its use shows in the list.
    const me = await rest<{ name: string; kind: string }>('GET', '/auth/me', key);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'apiKey', name });
    await page.reload();
    await expect(people.keyRow(name)).not.toContainText('Never');

    await people
      .keyRow(name)
      .getByRole('button', { name: `Revoke ${name}` })
      .click();
    await expect(people.confirm).toContainText('Every system using this key is refused');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-api-key-revoke');
    await people.confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect(people.notice).toContainText(`“${name}” was revoked`);
    await expect(people.keyRow(name)).toContainText('Revoked');
    expect((await rest('GET', '/auth/me', key)).status).toBe(401);
  });

  test('the audit log shows who created a user, filtered by kind of action and object', async ({ page }) => {
    test.setTimeout(120_000);
    const staff = await createStaff('audit');
    const people = new PeoplePage(page);
    await people.open('admin', E2E_PASSWORD);
    await people.goUsers();
    await people.goTab('Audit log');
    await expect(people.auditTable).toBeVisible();
    await page.getByLabel('Action').selectOption('user');
    await page.getByLabel('Object', { exact: true }).selectOption('user');
    await page.getByLabel('Object number').fill(String(staff.id));
    const row = people.auditTable.locator('tbody tr');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('user.create');
    await expect(row).toContainText('admin');
    await expect(row).toContainText(`User #${staff.id}`);
    await expect(row).toContainText('role: cashier');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(people.auditTable.locator('tbody tr').nth(5)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-audit-log');
  });
});

test.describe('admin: review moderation', () => {
  test('a review hidden with a reason leaves the film’s public list, and comes back when restored', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const text = `Too loud, and someone spoiled the ending ${unique('')}`;
    const review = await customerReview(text);
    const publicTexts = async () =>
      (
        await rest<{ items: { text: string | null }[] }>('GET', `/movies/${review.movieId}/reviews?limit=200`, null)
      ).body.items.map((item) => item.text);
    expect(await publicTexts()).toContain(text);

    const people = new PeoplePage(page);
    await people.open('admin', E2E_PASSWORD);
    await people.goReviews();
    await page.getByLabel('Film').selectOption({ label: review.title });
    const row = people.reviewTable.locator('tbody tr').filter({ hasText: text });
    await expect(row).toContainText('Visible');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-reviews');

    await row.getByRole('button', { name: `Hide the review by ${review.author}` }).click();
    await people.confirm.getByRole('button', { name: 'Hide review' }).click();
    await expect(people.confirm.getByText('Give a reason: the author sees it.')).toBeVisible();
    await people.confirm.getByLabel('Reason').fill('Spoilers');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'admin-review-hide');
    await people.confirm.getByRole('button', { name: 'Hide review' }).click();
    await expect(people.notice).toContainText(`The review by ${review.author} is hidden`);
    await expect(row).toHaveCount(0); // the Visible filter no longer lists it
    expect(await publicTexts()).not.toContain(text);

    await page.getByRole('button', { name: 'Hidden', exact: true }).click();
    const hidden = people.reviewTable.locator('tbody tr').filter({ hasText: text });
    await expect(hidden).toContainText('Hidden: Spoilers');
    await shoot(page, 'admin-reviews-hidden');
    await hidden.getByRole('button', { name: `Restore the review by ${review.author}` }).click();
    await expect(people.notice).toContainText('is visible again');
    expect(await publicTexts()).toContain(text);
  });

  test('managers do not see People or Reviews', async ({ page }) => {
    test.setTimeout(90_000);
    const manager = await createStaff('mgr', 'manager');
    const people = new PeoplePage(page);
    await people.open(manager.username, E2E_PASSWORD);
    await expect(people.nav.getByRole('link', { name: 'Films' })).toBeVisible();
    await expect(people.nav.getByRole('link', { name: 'People' })).toHaveCount(0);
    await expect(people.nav.getByRole('link', { name: 'Reviews' })).toHaveCount(0);
    await page.goto('/admin/users');
    await expect(people.userTable).toHaveCount(0);
    // And the server refuses a manager's token too.
    const token = (
      await rest<{ token: string }>('POST', '/auth/login', null, { username: manager.username, password: E2E_PASSWORD })
    ).body.token;
    expect((await rest('GET', '/users', token)).status).toBe(403);
    expect((await rest('GET', '/audit-log', await adminToken())).status).toBe(200);
  });
});
