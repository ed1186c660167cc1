import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/** Admin → People (users, API keys, audit log) and Reviews. */
export class PeoplePage {
  readonly login: LoginPage;
  readonly nav: Locator;
  readonly tabs: Locator;
  readonly drawer: Locator;
  readonly confirm: Locator;
  readonly userTable: Locator;
  readonly keyTable: Locator;
  readonly auditTable: Locator;
  readonly reviewTable: Locator;
  readonly newKey: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.tabs = page.getByRole('navigation', { name: 'People' });
    this.drawer = page.locator('dialog.drawer[open]');
    this.confirm = page.locator('dialog.confirm[open]');
    this.userTable = page.getByTestId('user-table');
    this.keyTable = page.getByTestId('api-key-table');
    this.auditTable = page.getByTestId('audit-table');
    this.reviewTable = page.getByTestId('review-table');
    this.newKey = page.getByTestId('new-api-key');
    this.notice = page.locator('.page-notice[role="status"]');
  }

  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/admin');
    await this.login.login(username, password);
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  }

  async goUsers(): Promise<void> {
    await this.nav.getByRole('link', { name: 'People' }).click();
    await expect(this.page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expect(this.userTable).toBeVisible();
  }

  async goTab(name: 'Users' | 'API keys' | 'Devices' | 'Audit log'): Promise<void> {
    await this.tabs.getByRole('link', { name }).click();
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  async goReviews(): Promise<void> {
    await this.nav.getByRole('link', { name: 'Reviews' }).click();
    await expect(this.page.getByRole('heading', { name: 'Reviews', level: 1 })).toBeVisible();
  }

  userRow(username: string): Locator {
    return this.userTable
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${username}\\b`) }) });
  }

  keyRow(name: string): Locator {
    return this.keyTable.locator('tbody tr').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: /Search users/ }).fill(text);
  }
}
