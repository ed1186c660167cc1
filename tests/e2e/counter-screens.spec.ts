/**
 * Every counter screen at 1366×768 and 1920×1080: a screenshot into docs/screenshots/ for people to look
 * at, and axe-core on each (no serious or critical violations). One flow per size: open the shift,
 * the programme, a sale (seats, tender, card unavailable, done), the customer display beside it, the
 * booking lookup, the lock screen and the shift close.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCashier } from './pages/counter-api';
import { CounterPage } from './pages/counter-page';
import type { BrowserGlobals } from './support/browser';
import { E2E_PASSWORD } from './support/env';

const DIR = 'docs/screenshots';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
}

async function shoot(page: Page, name: string, size: string, axe = true): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.fonts.ready);
  await page.screenshot({ path: `${DIR}/${name}-${size}.png`, caret: 'hide', animations: 'disabled' });
  if (axe) expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  const size = `${width}x${height}`;
  test.describe(`counter screens ${size}`, () => {
    test.use({ viewport: { width, height } });
    test.setTimeout(180_000);

    test('shift, programme, sale, display, lookup, lock and close', async ({ page, context }) => {
      const counter = new CounterPage(page);
      const username = await createCashier(`shots${width}`);
      await counter.login.goto('/counter');
      await counter.login.login(username, E2E_PASSWORD);
      await expect(counter.floatInput).toBeVisible();
      await shoot(page, 'counter-open-shift', size);
      await counter.ensureShift('150');

      await counter.waitForSchedule();
      await shoot(page, 'counter-schedule', size);
      if (width === 1366) await page.screenshot({ path: `${DIR}/counter.png`, caret: 'hide' });

      // The customer display, in a second window of the same browser.
      const display = await context.newPage();
      await display.setViewportSize({ width, height });
      await display.goto('/counter/display');
      await expect(display.getByTestId('customer-display')).toBeVisible();

      await counter.openTomorrowsShow(1);
      await page.keyboard.press('4');
      await expect(counter.basketLines).toHaveCount(4);
      await page.keyboard.press('a');
      await page.keyboard.press('a');
      await page.keyboard.press('c');
      await page.keyboard.press('s');
      await shoot(page, 'counter-sale-seats', size);
      await expect(display.getByTestId('display-total')).toHaveText(/£\d+\.\d\d/);
      await shoot(display, 'counter-customer-display', size);

      await page.keyboard.press('Enter');
      await expect(counter.cashInput).toBeFocused();
      await page.keyboard.type('60');
      await shoot(page, 'counter-sale-tender', size);
      await page.keyboard.press('k');
      await expect(page.getByRole('button', { name: /^Charge .* on the reader/ })).toBeFocused();
      await shoot(page, 'counter-sale-card', size);
      await page.keyboard.press('h');
      await page.keyboard.press('e');
      await expect(counter.done).toBeVisible();
      await shoot(page, 'counter-sale-done', size);
      const reference = (await counter.reference.textContent())?.trim() ?? '';

      await page.keyboard.press('Escape'); // the next sale
      await page.keyboard.press('Escape'); // back to the programme
      await counter.waitForSchedule();
      await page.keyboard.press('l');
      await page.keyboard.type(reference);
      await page.keyboard.press('Enter');
      await expect(counter.bookingDetail).toBeFocused();
      await shoot(page, 'counter-lookup', size);
      await page.keyboard.press('Escape');

      await counter.waitForSchedule();
      await page.keyboard.press('Control+l');
      await expect(counter.lockScreen).toBeVisible();
      await shoot(page, 'counter-lock', size);
      await page.getByTestId('unlock-password').fill(E2E_PASSWORD);
      await page.keyboard.press('Enter');
      await expect(counter.lockScreen).toBeHidden();

      await page.keyboard.press('z');
      await expect(counter.countedInput).toBeFocused();
      await page.keyboard.type('200');
      await page.keyboard.press('Enter');
      await expect(counter.variance).toBeVisible();
      await shoot(page, 'counter-shift-closed', size);
    });
  });
}
