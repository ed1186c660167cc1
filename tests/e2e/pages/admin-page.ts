import { expect, type Locator, type Page } from '@playwright/test';
import { LoginPage } from './login-page';

/** Admin: the film table and the "New film" drawer. */
export class AdminPage {
  readonly login: LoginPage;
  readonly newFilm: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly drawer: Locator;
  readonly createFilm: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.login = new LoginPage(page);
    this.newFilm = page.getByRole('button', { name: /New film/ });
    this.table = page.getByTestId('film-table');
    this.rows = this.table.locator('tbody tr');
    this.search = page.getByRole('searchbox', { name: 'Search films by title' });
    this.drawer = page.locator('dialog.drawer[open]');
    this.createFilm = page.getByRole('button', { name: 'Create film' });
    this.notice = page.locator('.page-notice');
  }

  async open(username: string, password: string): Promise<void> {
    await this.login.goto('/admin');
    await this.login.login(username, password);
    // The dashboard is the landing section; films are one click away.
    await expect(this.page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Films' }).click();
    await expect(this.page.getByRole('heading', { name: 'Films', level: 1 })).toBeVisible();
  }

  field(label: string): Locator {
    return this.drawer.getByLabel(new RegExp(`^${label}`));
  }

  fieldError(name: string): Locator {
    return this.drawer.locator(`[data-field="${name}"] .field__error`);
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name: new RegExp(title) }) });
  }
}
