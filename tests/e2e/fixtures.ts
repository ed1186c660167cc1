/**
 * The tests' `test`: the server's URL as baseURL (known only after the global setup), page objects, and
 * a guard on every page: an uncaught script error or a Content-Security-Policy violation fails the test.
 */
import { test as base, expect } from '@playwright/test';
import { AdminPage } from './pages/admin-page';
import { CounterPage } from './pages/counter-page';
import { KioskPage } from './pages/kiosk-page';
import { LoginPage } from './pages/login-page';
import { baseUrl } from './support/env';

interface Pages {
  pageGuard: void;
  loginPage: LoginPage;
  counterPage: CounterPage;
  kioskPage: KioskPage;
  adminPage: AdminPage;
}

export const test = base.extend<Pages>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(baseUrl());
  },
  pageGuard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
          problems.push(`CSP: ${message.text()}`);
        }
      });
      await use();
      expect(problems, 'script errors or CSP violations in the page').toEqual([]);
    },
    { auto: true },
  ],
  loginPage: async ({ page }, use) => {
    await use(new LoginPage(page));
  },
  counterPage: async ({ page }, use) => {
    await use(new CounterPage(page));
  },
  kioskPage: async ({ page }, use) => {
    await use(new KioskPage(page));
  },
  adminPage: async ({ page }, use) => {
    await use(new AdminPage(page));
  },
});

export { expect };
